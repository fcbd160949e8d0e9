import Foundation

/// The temporary files this process has open for writing, so that they can be removed on every exit
/// path: errors (by their writer), and signals (`removeAll()` is async-signal-safe: it only calls
/// `unlink` on paths stored in advance, and takes no lock).
///
/// The command-line tool installs handlers for SIGINT, SIGTERM and SIGHUP that call `removeAll()` and
/// then end the process as the signal would have (`installSignalCleanup()`).
public enum TemporaryFiles {
    /// Most temporary files registered at once (a batch writes a config, a report and a backup).
    static let capacity = 64

    /// The registered paths: a fixed table of C strings, allocated once, read by the signal handler.
    nonisolated(unsafe) static let table: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?> = {
        let table = UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>.allocate(capacity: capacity)
        table.initialize(repeating: nil, count: capacity)
        return table
    }()

    private static let lock = NSLock()

    /// Registers a path; returns its slot, or `nil` when the table is full (the file is then written
    /// anyway, and removed on errors, but not on a signal).
    static func register(_ path: String) -> Int? {
        lock.lock()
        defer { lock.unlock() }
        for slot in 0..<capacity where table[slot] == nil {
            table[slot] = strdup(path)
            return slot
        }
        return nil
    }

    /// Forgets a slot (after its file was renamed or removed).
    static func unregister(_ slot: Int?) {
        guard let slot else { return }
        lock.lock()
        defer { lock.unlock() }
        let path = table[slot]
        table[slot] = nil
        free(path)
    }

    /// Removes every registered file. Async-signal-safe; for signal handlers.
    public static func removeAll() {
        for slot in 0..<capacity {
            if let path = table[slot] { unlink(path) }
        }
    }

    /// Installs handlers for SIGINT, SIGTERM and SIGHUP that remove the registered files and then end the
    /// process with the signal's own status; and ignores SIGPIPE and SIGXFSZ, so that writing to a closed
    /// pipe or past a file-size limit is an error to report (EPIPE, EFBIG), not a silent death.
    public static func installSignalCleanup() {
        _ = table
        for signalNumber in [SIGINT, SIGTERM, SIGHUP] {
            var action = sigaction()
            action.__sigaction_handler.sa_handler = { received in
                TemporaryFiles.removeAll()
                signal(received, SIG_DFL)
                raise(received)
            }
            sigemptyset(&action.sa_mask)
            action.sa_flags = 0
            sigaction(signalNumber, &action, nil)
        }
        signal(SIGPIPE, SIG_IGN)
        signal(SIGXFSZ, SIG_IGN)
        // A parent may start us with these blocked (the mask is inherited, e.g. from a thread of a test
        // runner): then a SIGTERM would stay pending and never end the run. Take them.
        var handled = sigset_t()
        sigemptyset(&handled)
        for signalNumber in [SIGINT, SIGTERM, SIGHUP] { sigaddset(&handled, signalNumber) }
        sigprocmask(SIG_UNBLOCK, &handled, nil)
    }
}
