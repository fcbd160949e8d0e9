import Foundation

/// Reading and writing whole files, with failures as located `ConfigError`s.
public enum FileIO {
    /// The bytes of a regular file, refused past `limit` bytes.
    ///
    /// Anything but a regular file (a folder, a FIFO, a device, a socket) is refused from its `stat`,
    /// before it is opened: a FIFO is never opened for reading (that would wait for a writer forever),
    /// and a device is never read (`/dev/zero` never ends). The file is opened without blocking and
    /// checked again after opening, so a file swapped for a FIFO in between is refused as well.
    public static func readBytes(_ path: String, limit: Int = ReadLimits.default.maxFileBytes,
                                 requestedAt: SourceLocation? = nil) throws -> [UInt8] {
        var info = stat()
        guard stat(path, &info) == 0 else {
            let code = errno
            if code == ENOENT || code == ENOTDIR {
                throw ConfigError(.fileUnreadable, "no such file: \(path)", at: requestedAt)
            }
            throw ConfigError(.fileUnreadable, "cannot open \(path) for reading: \(String(cString: strerror(code)))", at: requestedAt)
        }
        try requireRegular(info, path, requestedAt)
        let descriptor = open(path, O_RDONLY | O_NONBLOCK | O_CLOEXEC | O_NOCTTY)
        guard descriptor >= 0 else {
            throw ConfigError(.fileUnreadable, "cannot open \(path) for reading: \(String(cString: strerror(errno)))", at: requestedAt)
        }
        defer { close(descriptor) }
        guard fstat(descriptor, &info) == 0 else {
            throw ConfigError(.fileUnreadable, "cannot read \(path): \(String(cString: strerror(errno)))", at: requestedAt)
        }
        try requireRegular(info, path, requestedAt)
        if Int(info.st_size) > limit {
            throw ConfigError(.sizeLimit, "\(path) is larger than \(limit) bytes; refusing to read it", at: requestedAt)
        }
        // The file may grow while it is read: read at most limit + 1 bytes and refuse a longer one.
        var bytes = [UInt8](repeating: 0, count: min(Int(info.st_size), limit) + 1)
        var count = 0
        while true {
            if count == bytes.count {
                guard count <= limit else { break }
                bytes.append(contentsOf: repeatElement(0, count: min(max(count, 4096), limit + 1 - count)))
            }
            let got = bytes.withUnsafeMutableBytes { buffer -> Int in
                Foundation.read(descriptor, buffer.baseAddress.map { $0 + count }, buffer.count - count)
            }
            if got < 0 {
                if errno == EINTR { continue }
                throw ConfigError(.fileUnreadable, "cannot read \(path): \(String(cString: strerror(errno)))", at: requestedAt)
            }
            if got == 0 { break }
            count += got
        }
        guard count <= limit else {
            throw ConfigError(.sizeLimit, "\(path) is larger than \(limit) bytes; refusing to read it", at: requestedAt)
        }
        bytes.removeSubrange(count...)
        return bytes
    }

    /// Refuses what `stat` says is not a regular file.
    static func requireRegular(_ info: stat, _ path: String, _ requestedAt: SourceLocation?) throws {
        switch info.st_mode & S_IFMT {
        case S_IFREG:
            return
        case S_IFDIR:
            throw ConfigError(.fileUnreadable, "\(path) is a directory, not a config file", at: requestedAt)
        default:
            throw ConfigError(.fileUnreadable, "\(path) is \(kindDescription(info.st_mode)), not a regular file; refusing to read it", at: requestedAt)
        }
    }

    /// "a FIFO", "a character device" …, for messages.
    static func kindDescription(_ mode: mode_t) -> String {
        switch mode & S_IFMT {
        case S_IFIFO: return "a FIFO (named pipe)"
        case S_IFCHR: return "a character device"
        case S_IFBLK: return "a block device"
        case S_IFSOCK: return "a socket"
        case S_IFDIR: return "a directory"
        case S_IFLNK: return "a symbolic link"
        default: return "a special file"
        }
    }

    /// Writes `text` to `path` safely (`OutputBatch`): a regular file is replaced atomically, keeping its
    /// mode; a device or FIFO is written through; a symbolic link's target is written. On failure nothing
    /// is left behind and an existing file keeps its content.
    public static func writeAtomically(_ text: String, to path: String) throws {
        var batch = OutputBatch()
        batch.add(path, text: text)
        try batch.write()
    }
}

extension FileIO {
    /// Whether `path` names a folder (following a link).
    public static func isDirectory(_ path: String) -> Bool {
        var info = stat()
        return stat(path, &info) == 0 && info.st_mode & S_IFMT == S_IFDIR
    }

    /// Whether `path` names a regular file (following a link).
    public static func isRegularFile(_ path: String) -> Bool {
        var info = stat()
        return stat(path, &info) == 0 && info.st_mode & S_IFMT == S_IFREG
    }
}
