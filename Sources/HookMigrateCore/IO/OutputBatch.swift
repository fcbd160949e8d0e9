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
            prepared = try Self.prepareAll(items, targets, syncEach: syncEach)
            if !syncEach {
                try FileSystemSync.sync(folders: prepared.map { OutputTarget.directory(of: $0.target) })
            }
            for (item, target) in zip(items, targets) {
                if case .passThrough(let path) = target { try Self.writeThrough(item, to: path) }
            }
            var renamed = 0
            defer { prepared.removeFirst(renamed) }
            for next in prepared {
                if rename(next.temporary, next.target) != 0 {
                    throw ConfigError(.writeFailed, "cannot write \(next.target): \(String(cString: strerror(errno)))")
                }
                TemporaryFiles.unregister(next.slot)
                renamed += 1
            }
        } catch {
            Self.discard(prepared)
            throw error
        }
    }

    /// From this many files on, the batch syncs each file system once instead of each file.
    static let batchSyncThreshold = 8

    /// Prepares the temporary file of every regular file, in order. A large batch (a tree) is prepared on
    /// every core: creating a file is the kernel's slowest step here, and the files are independent. When
    /// any fails, every temporary file already written is removed and the first failure in item order is
    /// thrown (the one a sequential pass would meet first).
    static func prepareAll(_ items: [Item], _ targets: [OutputTarget], syncEach: Bool) throws -> [Prepared] {
        @Sendable func prepareOne(_ index: Int) throws -> Prepared? {
            let item = items[index]
            switch targets[index] {
            case .replace(let path, let mode, let owner, let group):
                return try prepare(item, at: path, mode: mode, owner: (owner, group), sync: syncEach)
            case .create(let path):
                return try prepare(item, at: path, mode: item.modeOf.flatMap(mode(of:)), owner: nil, sync: syncEach)
            case .passThrough:
                return nil
            }
        }
        let workers = min(ProcessInfo.processInfo.activeProcessorCount, items.count / batchSyncThreshold)
        guard workers > 1 else {
            var prepared: [Prepared] = []
            do {
                for index in items.indices { if let one = try prepareOne(index) { prepared.append(one) } }
            } catch {
                discard(prepared)
                throw error
            }
            return prepared
        }
        let outcomes = PreparedSlots(count: items.count)
        DispatchQueue.concurrentPerform(iterations: workers) { worker in
            var index = worker
            while index < items.count {
                outcomes.set(index, Result { try prepareOne(index) })
                index += workers
            }
        }
        let results = outcomes.results
        let prepared = results.compactMap { try? $0.get() }.compactMap { $0 }
        if let failure = results.lazy.compactMap({ result -> Error? in
            if case .failure(let error) = result { return error } else { return nil }
        }).first {
            discard(prepared)
            throw failure
        }
        return prepared
    }

    /// Removes temporary files that will not be renamed into place.
    static func discard(_ prepared: [Prepared]) {
        for file in prepared {
            unlink(file.temporary)
            TemporaryFiles.unregister(file.slot)
        }
    }

    /// The outcome of each item's preparation, set by parallel workers.
    final class PreparedSlots: @unchecked Sendable {
        private let lock = NSLock()
        private var slots: [Result<Prepared?, Error>]

        init(count: Int) { slots = Array(repeating: .success(nil), count: count) }

        func set(_ index: Int, _ result: Result<Prepared?, Error>) {
            lock.lock()
            slots[index] = result
            lock.unlock()
        }

        var results: [Result<Prepared?, Error>] {
            lock.lock()
            defer { lock.unlock() }
            return slots
        }
    }

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
