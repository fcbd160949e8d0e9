import Foundation
import HookMigrateCore

/// Finds the config files of a tree: every `.py`, `.yaml`, `.yml` and `.json` file below a folder, as paths
/// relative to it, sorted. Hidden files and folders (a name starting with `.`) are skipped, and so are
/// symbolic links, which could lead out of the tree.
public enum ConfigTreeScanner {
    /// The config files under `root`, relative to it, in byte order of their paths.
    public static func configFiles(under root: String) throws -> [String] {
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: root, isDirectory: &isDirectory), isDirectory.boolValue else {
            throw ConfigError(.fileUnreadable, "\(root) is not a folder")
        }
        var found: [String] = []
        try collect(root, relative: "", into: &found)
        return found.sorted { $0.utf8.lexicographicallyPrecedes($1.utf8) }
    }

    static func collect(_ directory: String, relative: String, into found: inout [String]) throws {
        let names: [String]
        do {
            names = try FileManager.default.contentsOfDirectory(atPath: directory)
        } catch {
            throw ConfigError(.fileUnreadable, "cannot list \(directory): \(error.localizedDescription)")
        }
        for name in names where !name.hasPrefix(".") {
            let path = directory + "/" + name
            let child = relative.isEmpty ? name : relative + "/" + name
            // `lstat`: a link is neither a folder nor a regular file here, so it is skipped.
            var info = stat()
            guard lstat(path, &info) == 0 else { continue }
            switch info.st_mode & S_IFMT {
            case S_IFDIR: try collect(path, relative: child, into: &found)
            case S_IFREG where ConfigFormat(path: name) != nil: found.append(child)
            default: continue
            }
        }
    }
}
