import Foundation

/// Files written together, safely: nothing is written until every target is known to be writable, and
/// an error at any step leaves every existing file as it was.
///
/// 1. Every path is resolved (`OutputTarget`): links followed, folders and sockets refused.
/// 2. Each regular file's new content goes to a temporary file beside it (created exclusively under a
///    unique name, registered with `TemporaryFiles` so a signal removes it), written in full, given the
///    old file's mode and owner, and synced: one by one in a small batch; in a large one (a tree), once
///    per file system after all are written (`FileSystemSync`), which costs one flush instead of hundreds.
/// 3. Devices and FIFOs are written through.
/// 4. Each temporary file is renamed over its target.
///
/// Any failure in 1–3 removes every temporary file and throws `write-failed` (full disk, read-only
/// folder, permissions …); no target has changed then.
public struct OutputBatch: Sendable {
    /// One file to write.
    public struct Item: Sendable {
        /// The path as the user named it.
        public var path: String
        /// The content.
        public var bytes: [UInt8]
        /// A file whose mode a new file takes (a backup takes its original's); `nil`: the umask decides.
        public var modeOf: String?
    }

    /// The files, in the order they are committed.
    public private(set) var items: [Item] = []

    /// Creates an empty batch.
    public init() {}

    /// Adds a file with text content.
    public mutating func add(_ path: String, text: String) {
        items.append(Item(path: path, bytes: Array(text.utf8), modeOf: nil))
    }

    /// Adds a file with byte content; a new file takes the mode of `modeOf` when given.
    public mutating func add(_ path: String, bytes: [UInt8], modeOf: String? = nil) {
        items.append(Item(path: path, bytes: bytes, modeOf: modeOf))
    }

    /// A temporary file written and waiting to be renamed.
    struct Prepared {
        var temporary: String
        var target: String
        var slot: Int?
    }

    /// Writes every file (see the type's documentation).
    public func write() throws {
        let targets = try items.map { try OutputTarget.resolve($0.path) }
        var prepared: [Prepared] = []
        let syncEach = items.count < Self.batchSyncThreshold || !FileSystemSync.available
        do {
            for (item, target) in zip(items, targets) {
                switch target {
                case .replace(let path, let mode, let owner, let group):
                    prepared.append(try Self.prepare(item, at: path, mode: mode, owner: (owner, group), sync: syncEach))
                case .create(let path):
                    prepared.append(try Self.prepare(item, at: path, mode: item.modeOf.flatMap(Self.mode(of:)), owner: nil, sync: syncEach))
                case .passThrough:
                    continue
                }
            }
            if !syncEach {
                try FileSystemSync.sync(folders: prepared.map { OutputTarget.directory(of: $0.target) })
            }
            for (item, target) in zip(items, targets) {
                if case .passThrough(let path) = target { try Self.writeThrough(item, to: path) }
            }
            while let next = prepared.first {
                if rename(next.temporary, next.target) != 0 {
                    throw ConfigError(.writeFailed, "cannot write \(next.target): \(String(cString: strerror(errno)))")
                }
                TemporaryFiles.unregister(next.slot)
                prepared.removeFirst()
            }
        } catch {
            for file in prepared {
                unlink(file.temporary)
                TemporaryFiles.unregister(file.slot)
            }
            throw error
        }
    }

    /// From this many files on, the batch syncs each file system once instead of each file.
    static let batchSyncThreshold = 8

    static func mode(of path: String) -> mode_t? {
        var info = stat()
        return stat(path, &info) == 0 ? info.st_mode & 0o7777 : nil
    }

    /// Writes the content to a new temporary file beside `target`.
    static func prepare(_ item: Item, at target: String, mode: mode_t?, owner: (uid_t, gid_t)?, sync: Bool) throws -> Prepared {
        let folder = OutputTarget.directory(of: target)
        let name = String(OutputTarget.fileName(of: target).utf8.prefix(120)) ?? "out"
        var descriptor: Int32 = -1
        var temporary = ""
        var slot: Int?
        for _ in 0..<100 {
            let suffix = String(UInt64.random(in: 0...UInt64.max), radix: 36)
            temporary = (folder == "/" ? "" : folder) + "/.\(name).hookmigrate-\(getpid())-\(suffix).tmp"
            // Registered before it exists, so that a signal between the two never leaves it behind.
            slot = TemporaryFiles.register(temporary)
            descriptor = open(temporary, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC | O_NOFOLLOW, 0o666)
            if descriptor >= 0 { break }
            let code = errno
            TemporaryFiles.unregister(slot)
            slot = nil
            guard code == EEXIST else {
                throw ConfigError(.writeFailed, "cannot write \(item.path): cannot create a file in \(folder): \(String(cString: strerror(code)))")
            }
        }
        guard descriptor >= 0 else {
            throw ConfigError(.writeFailed, "cannot write \(item.path): no free temporary file name in \(folder)")
        }
        let prepared = Prepared(temporary: temporary, target: target, slot: slot)
        do {
            try writeAll(item.bytes, to: descriptor, path: item.path)
            if let mode { fchmod(descriptor, mode) }
            if let owner { _ = fchown(descriptor, owner.0, owner.1) }
            if sync, fsync(descriptor) != 0, errno != EINVAL, errno != EROFS {
                throw ConfigError(.writeFailed, "cannot write \(item.path): \(String(cString: strerror(errno)))")
            }
            let closed = close(descriptor)
            descriptor = -1
            if closed != 0, errno != EINTR {
                throw ConfigError(.writeFailed, "cannot write \(item.path): \(String(cString: strerror(errno)))")
            }
        } catch {
            if descriptor >= 0 { close(descriptor) }
            unlink(temporary)
            TemporaryFiles.unregister(slot)
            throw error
        }
        return prepared
    }

    /// Opens a device, FIFO or `/proc` path for writing and writes the content through it.
    static func writeThrough(_ item: Item, to path: String) throws {
        var descriptor: Int32
        repeat {
            descriptor = open(path, O_WRONLY | O_NOCTTY | O_CLOEXEC)
        } while descriptor < 0 && errno == EINTR
        guard descriptor >= 0 else {
            throw ConfigError(.writeFailed, "cannot write \(item.path): \(String(cString: strerror(errno)))")
        }
        defer { close(descriptor) }
        var info = stat()
        // A regular file reached through /proc or /dev/fd (standard output redirected to a file) is
        // written from its start, as the shell's `>` would.
        if fstat(descriptor, &info) == 0, info.st_mode & S_IFMT == S_IFREG { _ = ftruncate(descriptor, 0) }
        try writeAll(item.bytes, to: descriptor, path: item.path)
    }

    /// Writes every byte, retrying short writes and interruptions.
    static func writeAll(_ bytes: [UInt8], to descriptor: Int32, path: String) throws {
        var offset = 0
        while offset < bytes.count {
            let written = bytes.withUnsafeBytes { buffer in
                Foundation.write(descriptor, buffer.baseAddress.map { $0 + offset }, buffer.count - offset)
            }
            if written < 0 {
                if errno == EINTR || errno == EAGAIN { continue }
                throw ConfigError(.writeFailed, "cannot write \(path): \(String(cString: strerror(errno)))")
            }
            offset += written
        }
    }
}
