import Foundation
import HookMigrateCore

/// Writes a migrated tree into its output folder, or checks that the folder already holds it.
///
/// Safety: every path written is the output root joined with a relative path that has no `..` step; no
/// symbolic link is followed below the root (a link where a folder or file would go is an error); the
/// output root may be neither the input root nor inside it (the next run would read the output as input);
/// a file is replaced atomically, and only when its content changes.
public enum TreeOutput {
    /// What a write or a check found.
    public struct Changes: Sendable, Equatable {
        /// Files that would be (or were) created, relative to the output root.
        public var created: [String] = []
        /// Files whose content differs (or was replaced).
        public var changed: [String] = []
        /// Config files in the output folder that this tree does not produce.
        public var extra: [String] = []
        /// Files already up to date.
        public var unchanged: Int = 0

        /// Whether the output folder holds exactly what the tree produces.
        public var isUpToDate: Bool { created.isEmpty && changed.isEmpty && extra.isEmpty }
    }

    /// Refuses an output root that is the input root or lies inside it.
    public static func checkRoots(input: String, output: String) throws {
        let inputPath = DiskFileSource().identity(of: input)
        let outputPath = DiskFileSource().identity(of: output)
        if outputPath == inputPath || outputPath.hasPrefix(inputPath + "/") {
            throw ConfigError(.writeFailed, "the output folder \(output) is the input folder or inside it; choose a folder outside \(input)")
        }
    }

    /// Compares the output folder with the result without writing anything.
    public static func check(_ result: TreeMigrationResult) throws -> Changes {
        try checkRoots(input: result.inputRoot, output: result.outputRoot)
        var changes = Changes()
        var produced = Set<String>()
        for file in result.files {
            guard let text = file.text else { continue }
            produced.insert(file.outputPath)
            let path = try safePath(file.outputPath, under: result.outputRoot)
            switch existingText(path) {
            case nil: changes.created.append(file.outputPath)
            case text?: changes.unchanged += 1
            default: changes.changed.append(file.outputPath)
            }
        }
        if FileManager.default.fileExists(atPath: result.outputRoot) {
            changes.extra = try ConfigTreeScanner.configFiles(under: result.outputRoot).filter { !produced.contains($0) }
        }
        return changes
    }

    /// Writes every file whose content changes. Folders are created as needed.
    public static func write(_ result: TreeMigrationResult) throws -> Changes {
        try checkRoots(input: result.inputRoot, output: result.outputRoot)
        var changes = Changes()
        try createFolder(result.outputRoot)
        // One batch: every changed file is written beside its target and synced before any is renamed into
        // place, so an error leaves the previous tree as it was.
        var batch = OutputBatch()
        // Folders of the output already checked (no link) or created: each is looked at once.
        var folders: Set<String> = []
        for file in result.files {
            guard let text = file.text else { continue }
            let path = try safePath(file.outputPath, under: result.outputRoot, checkedFolders: folders)
            let existing = existingText(path)
            if existing == text {
                changes.unchanged += 1
                continue
            }
            try createFolders(for: file.outputPath, under: result.outputRoot, known: &folders)
            batch.add(path, text: text)
            if existing == nil { changes.created.append(file.outputPath) } else { changes.changed.append(file.outputPath) }
        }
        try batch.write()
        return changes
    }

    /// `root/relative`, refused when `relative` could leave the root or a link lies on the way.
    /// `checkedFolders`: folders already found not to be links in this run.
    static func safePath(_ relative: String, under root: String, checkedFolders: Set<String> = []) throws -> String {
        // Split on bytes, as the file system splits the path.
        let parts = relative.utf8.split(separator: UInt8(ascii: "/"), omittingEmptySubsequences: false).map { Substring($0) }
        guard !relative.hasPrefix("/"), !parts.contains(".."), !parts.contains(""), !parts.contains(".") else {
            throw ConfigError(.writeFailed, "refusing to write \(relative): the path could leave the output folder")
        }
        var current = root
        for (index, part) in parts.enumerated() {
            current += "/" + part
            if index < parts.count - 1, checkedFolders.contains(current) { continue }
            if isSymbolicLink(current) {
                throw ConfigError(.writeFailed, "refusing to write through the symbolic link \(current) in the output folder")
            }
        }
        return current
    }

    static func isSymbolicLink(_ path: String) -> Bool {
        var info = stat()
        return lstat(path, &info) == 0 && (info.st_mode & S_IFMT) == S_IFLNK
    }

    static func existingText(_ path: String) -> String? {
        var info = stat()
        guard lstat(path, &info) == 0, (info.st_mode & S_IFMT) == S_IFREG else { return nil }
        return FileManager.default.contents(atPath: path).map { String(decoding: $0, as: UTF8.self) }
    }

    static func createFolder(_ path: String) throws {
        var isDirectory: ObjCBool = false
        if FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) {
            guard isDirectory.boolValue else { throw ConfigError(.writeFailed, "\(path) exists and is not a folder") }
            return
        }
        do {
            try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
        } catch {
            throw ConfigError(.writeFailed, "cannot create the folder \(path): \(error.localizedDescription)")
        }
    }

    /// Creates the folders of `relative` under `root`, refusing a link on the way.
    static func createFolders(for relative: String, under root: String) throws {
        var known: Set<String> = []
        try createFolders(for: relative, under: root, known: &known)
    }

    /// `known`: folders this run already checked or created (they are skipped), to which the others are added.
    static func createFolders(for relative: String, under root: String, known: inout Set<String>) throws {
        var current = root
        for part in ConfigPaths.steps(relative).dropLast() {
            current += "/" + part
            if known.contains(current) { continue }
            defer { known.insert(current) }
            if isSymbolicLink(current) {
                throw ConfigError(.writeFailed, "refusing to write through the symbolic link \(current) in the output folder")
            }
            try createFolder(current)
        }
    }
}
