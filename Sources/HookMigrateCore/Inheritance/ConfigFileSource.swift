import Foundation

/// Where the loader reads config files from: the disk, or files held in memory (a tree about to be
/// written, checked before anything touches the disk).
public protocol ConfigFileSource: Sendable {
    /// Whether a file exists at `path`.
    func exists(_ path: String) -> Bool
    /// The file's bytes, refused past `limit` bytes; errors are located at `requestedAt`.
    func readBytes(_ path: String, limit: Int, requestedAt: SourceLocation?) throws -> [UInt8]
    /// A name that is the same for every path naming the same file (cycles and the cache use it).
    func identity(of path: String) -> String
}

/// The files on disk. Relative paths are resolved against `root` when one is given (else against the
/// working directory), while errors and reports keep naming them as given: a script can load
/// `configs/a.py` of a project anywhere without changing its working directory.
public struct DiskFileSource: ConfigFileSource {
    /// The folder relative paths start from; nil: the working directory.
    public var root: String?

    /// Creates the disk source.
    public init(root: String? = nil) {
        self.root = root
    }

    /// The path a relative `path` names under `root`.
    func onDisk(_ path: String) -> String {
        guard let root, !path.hasPrefix("/"), !path.hasPrefix("~") else { return path }
        return root + "/" + path
    }

    public func exists(_ path: String) -> Bool { FileManager.default.fileExists(atPath: onDisk(path)) }

    public func readBytes(_ path: String, limit: Int, requestedAt: SourceLocation?) throws -> [UInt8] {
        try FileIO.readBytes(onDisk(path), limit: limit, requestedAt: requestedAt)
    }

    public func identity(of path: String) -> String {
        let onDisk = onDisk(path)
        // An existing file: the C library resolves its links and `.`/`..` steps against the working
        // directory in one call. A path that does not resolve (a missing file) keeps Foundation's lexical
        // resolution, which names it the same way on every call.
        if !onDisk.hasPrefix("~"), let resolved = realpath(onDisk, nil) {
            defer { free(resolved) }
            return String(cString: resolved)
        }
        return URL(fileURLWithPath: ConfigPaths.absolute(onDisk)).resolvingSymlinksInPath().standardizedFileURL.path
    }
}

/// Files held in memory, by path (paths are normalized with `ConfigPaths.normalized` before lookup).
public struct MemoryFileSource: ConfigFileSource {
    /// The files' texts by normalized path.
    public private(set) var files: [String: String]

    /// Creates a source holding `files` (path → text).
    public init(_ files: [String: String] = [:]) {
        self.files = [:]
        for (path, text) in files { self.files[ConfigPaths.normalized(path)] = text }
    }

    /// Adds or replaces a file.
    public mutating func set(_ path: String, _ text: String) {
        files[ConfigPaths.normalized(path)] = text
    }

    public func exists(_ path: String) -> Bool { files[ConfigPaths.normalized(path)] != nil }

    public func readBytes(_ path: String, limit: Int, requestedAt: SourceLocation?) throws -> [UInt8] {
        guard let text = files[ConfigPaths.normalized(path)] else {
            throw ConfigError(.fileUnreadable, "no such file: \(path)", at: requestedAt)
        }
        let bytes = Array(text.utf8)
        guard bytes.count <= limit else {
            throw ConfigError(.sizeLimit, "\(path) is larger than \(limit) bytes; refusing to read it", at: requestedAt)
        }
        return bytes
    }

    public func identity(of path: String) -> String { ConfigPaths.normalized(path) }
}

/// Path spelling shared by the loader and its sources.
public enum ConfigPaths {
    /// `path` with `.` and `dir/..` steps removed lexically (`configs/det/../_base_/m.py` →
    /// `configs/_base_/m.py`), `//` collapsed, relative paths kept relative. Leading `..` steps of a relative
    /// path stay.
    public static func normalized(_ path: String) -> String {
        if isNormalizedASCII(path) { return path }
        let absolute = path.hasPrefix("/")
        var parts: [Substring] = []
        for part in steps(path) {
            if part == "." { continue }
            if part == "..", let last = parts.last, last != ".." {
                parts.removeLast()
                continue
            }
            if part == "..", absolute { continue }
            parts.append(part)
        }
        let joined = parts.joined(separator: "/")
        if absolute { return "/" + joined }
        return joined.isEmpty ? "." : joined
    }

    /// The non-empty steps of a path between its `/`s, split on bytes (a `/` byte is never part of another
    /// character in UTF-8; splitting by `Character` would cost a grapheme walk of the whole path).
    public static func steps(_ path: String) -> [Substring] {
        path.utf8.split(separator: UInt8(ascii: "/"), omittingEmptySubsequences: true).map { Substring($0) }
    }

    /// Whether `normalized` would return `path` itself: an ASCII path (so its bytes are its characters)
    /// whose steps are all non-empty and none `.` or `..`, with no trailing `/` (a leading one is kept).
    static func isNormalizedASCII(_ path: String) -> Bool {
        var stepLength = 0
        var dots = 0
        var first = true
        for byte in path.utf8 {
            guard byte < 0x80 else { return false }
            if byte == UInt8(ascii: "/") {
                if first && stepLength == 0 {
                    // The leading `/` of an absolute path.
                    first = false
                    continue
                }
                if stepLength == 0 || stepLength == dots { return false }
                stepLength = 0
                dots = 0
            } else {
                if byte == UInt8(ascii: ".") { dots += 1 }
                stepLength += 1
            }
            first = false
        }
        return stepLength > 0 && stepLength != dots
    }

    /// `osp.join(osp.dirname(child), base)`, normalized: an absolute base stays as it is.
    public static func join(directoryOf child: String, _ base: String) -> String {
        if base.hasPrefix("/") { return normalized(base) }
        guard let slash = child.lastIndex(of: "/") else { return normalized(base) }
        return normalized(String(child[...slash]) + base)
    }

    /// The absolute form of a path (`~` expanded, relative to the working directory), standardized.
    public static func absolute(_ path: String) -> String {
        let expanded = (path as NSString).expandingTildeInPath
        if expanded.hasPrefix("/") { return URL(fileURLWithPath: expanded).standardizedFileURL.path }
        let cwd = FileManager.default.currentDirectoryPath
        return URL(fileURLWithPath: cwd).appendingPathComponent(expanded).standardizedFileURL.path
    }
}
