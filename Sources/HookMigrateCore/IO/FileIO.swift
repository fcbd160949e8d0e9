import Foundation

/// Reading and writing whole files, with failures as located `ConfigError`s.
public enum FileIO {
    /// The bytes of a file, refused past `limit` bytes.
    public static func readBytes(_ path: String, limit: Int = ReadLimits.default.maxFileBytes,
                                 requestedAt: SourceLocation? = nil) throws -> [UInt8] {
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) else {
            throw ConfigError(.fileUnreadable, "no such file: \(path)", at: requestedAt)
        }
        guard !isDirectory.boolValue else {
            throw ConfigError(.fileUnreadable, "\(path) is a directory, not a config file", at: requestedAt)
        }
        guard let handle = FileHandle(forReadingAtPath: path) else {
            throw ConfigError(.fileUnreadable, "cannot open \(path) for reading", at: requestedAt)
        }
        defer { try? handle.close() }
        let data: Data
        do {
            data = try handle.read(upToCount: limit + 1) ?? Data()
        } catch {
            throw ConfigError(.fileUnreadable, "cannot read \(path): \(error.localizedDescription)", at: requestedAt)
        }
        guard data.count <= limit else {
            throw ConfigError(.sizeLimit, "\(path) is larger than \(limit) bytes; refusing to read it", at: requestedAt)
        }
        return [UInt8](data)
    }

    /// Writes `text` to `path` atomically: into a temporary file beside it, then renamed over it, so a
    /// failure never leaves a half-written or truncated file behind.
    public static func writeAtomically(_ text: String, to path: String) throws {
        let url = URL(fileURLWithPath: path)
        let directory = url.deletingLastPathComponent()
        let temporary = directory.appendingPathComponent(".\(url.lastPathComponent).hookmigrate-\(ProcessInfo.processInfo.processIdentifier).tmp")
        do {
            try Data(text.utf8).write(to: temporary, options: [])
        } catch {
            try? FileManager.default.removeItem(at: temporary)
            throw ConfigError(.writeFailed, "cannot write \(path): \(error.localizedDescription)")
        }
        if rename(temporary.path, url.path) != 0 {
            let reason = String(cString: strerror(errno))
            try? FileManager.default.removeItem(at: temporary)
            throw ConfigError(.writeFailed, "cannot write \(path): \(reason)")
        }
    }
}

extension FileIO {
    /// Whether `path` names a folder (following a link).
    public static func isDirectory(_ path: String) -> Bool {
        var isDirectory: ObjCBool = false
        return FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) && isDirectory.boolValue
    }
}
