import Foundation

/// Flushes whole file systems (Linux `syncfs`): after a tree's temporary files are written, one call per
/// file system makes them durable before they are renamed into place, where an `fsync` per file would wait
/// for the disk hundreds of times. `syncfs` is looked up at run time (the C library module does not export
/// it); without it, a batch syncs each file.
enum FileSystemSync {
    typealias SyncFS = @convention(c) (Int32) -> Int32

    static let function: SyncFS? = {
        guard let handle = dlopen(nil, RTLD_NOW), let symbol = dlsym(handle, "syncfs") else { return nil }
        return unsafeBitCast(symbol, to: SyncFS.self)
    }()

    static var available: Bool { function != nil }

    /// Syncs the file system of each folder once (folders on one device are synced by one call).
    static func sync(folders: [String]) throws {
        guard let syncfs = function else { return }
        var devices: Set<UInt64> = []
        for folder in Set(folders).sorted() {
            var info = stat()
            guard stat(folder, &info) == 0, devices.insert(UInt64(info.st_dev)).inserted else { continue }
            let descriptor = open(folder, O_RDONLY | O_DIRECTORY | O_CLOEXEC)
            guard descriptor >= 0 else { throw failure(folder, errno) }
            defer { close(descriptor) }
            if syncfs(descriptor) != 0, errno != EINVAL, errno != EROFS { throw failure(folder, errno) }
        }
    }

    static func failure(_ folder: String, _ code: Int32) -> ConfigError {
        ConfigError(.writeFailed, "cannot write into \(folder): \(String(cString: strerror(code)))")
    }
}
