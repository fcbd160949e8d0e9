import Foundation

/// Where a write to a path really goes, decided before anything is written.
///
/// - A symbolic link is followed (to its final target, which may not exist yet): the target is written
///   and the link stays a link.
/// - A regular file is replaced atomically (`replace`), keeping its mode and, where allowed, its owner.
/// - A missing file is created (`create`) in its folder, which must exist.
/// - A character device or a FIFO (`/dev/null`, `/dev/stdout`, a named pipe), and anything reached
///   through `/proc` or `/dev/fd`, is written through (`passThrough`): opened for writing and written,
///   never replaced, so a device node stays a device node.
/// - A folder, a block device or a socket is refused.
public enum OutputTarget: Sendable, Equatable {
    /// Replace the regular file at `path`, giving the new file `mode`, `owner` and `group`.
    case replace(path: String, mode: mode_t, owner: uid_t, group: gid_t)
    /// Create a new file at `path`.
    case create(path: String)
    /// Open `path` for writing and write through it.
    case passThrough(path: String)

    /// The path that is written (the final target of links, except for pass-through paths).
    public var path: String {
        switch self {
        case .replace(let path, _, _, _), .create(let path), .passThrough(let path): return path
        }
    }

    /// Most links followed before giving up (as the kernel's ELOOP).
    static let maxLinks = 40

    /// Decides how to write to `path`.
    public static func resolve(_ path: String) throws -> OutputTarget {
        guard !path.isEmpty else { throw ConfigError(.writeFailed, "cannot write to an empty path") }
        if path.hasSuffix("/") {
            throw ConfigError(.writeFailed, "cannot write \(path): the path names a folder")
        }
        var current = path
        var info = stat()
        for _ in 0...maxLinks {
            if isSpecialFileSystem(current) { return .passThrough(path: path) }
            guard lstat(current, &info) == 0 else {
                let code = errno
                guard code == ENOENT else { throw failure(path, code) }
                return try creatable(current, requestedAs: path)
            }
            guard info.st_mode & S_IFMT == S_IFLNK else { return try existing(current, info, requestedAs: path) }
            current = try linkTarget(current, requestedAs: path)
        }
        throw ConfigError(.writeFailed, "cannot write \(path): too many levels of symbolic links")
    }

    /// `/proc/…` and `/dev/fd/…` name open files of a process (`/dev/stdout` leads there): written through.
    static func isSpecialFileSystem(_ path: String) -> Bool {
        path.hasPrefix("/proc/") || path.hasPrefix("/dev/fd/")
    }

    static func existing(_ path: String, _ info: stat, requestedAs requested: String) throws -> OutputTarget {
        switch info.st_mode & S_IFMT {
        case S_IFREG:
            return .replace(path: path, mode: info.st_mode & 0o7777, owner: info.st_uid, group: info.st_gid)
        case S_IFCHR, S_IFIFO:
            return .passThrough(path: path)
        case S_IFDIR:
            throw ConfigError(.writeFailed, "cannot write \(requested): \(describe(path, requested)) is a folder")
        default:
            throw ConfigError(.writeFailed, "cannot write \(requested): \(describe(path, requested)) is \(FileIO.kindDescription(info.st_mode)); hookmigrate writes regular files, character devices and FIFOs only")
        }
    }

    static func creatable(_ path: String, requestedAs requested: String) throws -> OutputTarget {
        let folder = directory(of: path)
        var info = stat()
        guard stat(folder, &info) == 0 else {
            throw ConfigError(.writeFailed, "cannot write \(requested): the folder \(folder) does not exist")
        }
        guard info.st_mode & S_IFMT == S_IFDIR else {
            throw ConfigError(.writeFailed, "cannot write \(requested): \(folder) is not a folder")
        }
        return .create(path: path)
    }

    /// The target of the link at `path`, joined to the link's folder when relative.
    static func linkTarget(_ path: String, requestedAs requested: String) throws -> String {
        var buffer = [CChar](repeating: 0, count: Int(PATH_MAX) + 1)
        let count = readlink(path, &buffer, buffer.count - 1)
        guard count >= 0 else { throw failure(requested, errno) }
        let target = String(decoding: buffer[..<count].map { UInt8(bitPattern: $0) }, as: UTF8.self)
        if target.hasPrefix("/") { return target }
        let folder = directory(of: path)
        return folder == "/" ? "/" + target : folder + "/" + target
    }

    /// The folder part of a path (`.` for a bare name).
    static func directory(of path: String) -> String {
        guard let slash = path.lastIndex(of: "/") else { return "." }
        return slash == path.startIndex ? "/" : String(path[..<slash])
    }

    /// The last component of a path.
    static func fileName(of path: String) -> String {
        guard let slash = path.lastIndex(of: "/") else { return path }
        return String(path[path.index(after: slash)...])
    }

    static func describe(_ path: String, _ requested: String) -> String {
        path == requested ? "it" : "its target \(path)"
    }

    static func failure(_ path: String, _ code: Int32) -> ConfigError {
        ConfigError(.writeFailed, "cannot write \(path): \(String(cString: strerror(code)))")
    }
}

extension OutputTarget {
    /// Whether two paths lead to the same file: the same device and inode when both exist, else the same
    /// resolved path (links followed, folders made absolute).
    public static func sameFile(_ first: String, _ second: String) -> Bool {
        guard let a = try? resolve(first), let b = try? resolve(second) else { return false }
        var infoA = stat()
        var infoB = stat()
        if stat(a.path, &infoA) == 0, stat(b.path, &infoB) == 0 {
            return infoA.st_dev == infoB.st_dev && infoA.st_ino == infoB.st_ino
        }
        return canonical(a.path) == canonical(b.path)
    }

    /// Whether writing to `path` would replace or create a regular file (not a device or FIFO).
    public static func writesRegularFile(_ path: String) -> Bool {
        switch try? resolve(path) {
        case .replace?, .create?: return true
        default: return false
        }
    }

    /// The absolute path with its folder's links resolved.
    static func canonical(_ path: String) -> String {
        let folder = directory(of: path)
        guard let resolved = realpath(folder, nil) else { return ConfigPaths.absolute(path) }
        defer { free(resolved) }
        let base = String(cString: resolved)
        return (base == "/" ? "" : base) + "/" + fileName(of: path)
    }
}
