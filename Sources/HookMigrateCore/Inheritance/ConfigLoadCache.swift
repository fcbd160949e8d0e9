import Foundation

/// Resolved config files shared by the loads of one run (a tree of configs, a benchmark): each file is
/// read, parsed and resolved with its bases once, however many configs inherit from it. Safe to share
/// between threads. Keyed by the path as the loader spells it, so the locations in a cached file are the
/// same whichever config asked first.
public final class ConfigLoadCache: @unchecked Sendable {
    private let lock = NSLock()
    private var files: [String: ConfigLoader.LoadedFile] = [:]
    /// Each path's identity (`ConfigFileSource.identity(of:)`: on disk, a walk of the path's links), found once.
    private var identities: [String: String] = [:]

    /// Creates an empty cache.
    public init() {}

    /// The number of files held.
    public var count: Int {
        lock.lock()
        defer { lock.unlock() }
        return files.count
    }

    func file(_ path: String) -> ConfigLoader.LoadedFile? {
        lock.lock()
        defer { lock.unlock() }
        return files[path]
    }

    /// The identity of `path` in `source`, found once per path (a cache serves one source).
    func identity(of path: String, in source: any ConfigFileSource) -> String {
        lock.lock()
        if let known = identities[path] {
            lock.unlock()
            return known
        }
        lock.unlock()
        let identity = source.identity(of: path)
        lock.lock()
        identities[path] = identity
        lock.unlock()
        return identity
    }

    func store(_ file: ConfigLoader.LoadedFile, for path: String) {
        lock.lock()
        defer { lock.unlock() }
        files[path] = file
    }
}
