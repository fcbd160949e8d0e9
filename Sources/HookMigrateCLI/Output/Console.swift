import Foundation
import HookMigrateCore

/// The only place that writes to standard output and standard error.
///
/// Writes go straight to the file descriptors (`write(2)`, retried when short or interrupted). A write
/// that fails (a closed or broken pipe, a full disk, a closed descriptor) never traps: the failure is
/// remembered, later writes to that stream are skipped, and `HookMigrateMain` ends with a message (when
/// standard error still works) and a non-zero status. SIGPIPE is ignored (`TemporaryFiles`), so a closed
/// pipe is the error EPIPE here rather than a silent death.
enum Console {
    /// The first failure writing standard output, if any.
    nonisolated(unsafe) private(set) static var outputFailure: String?
    /// The first failure writing standard error, if any.
    nonisolated(unsafe) private(set) static var errorFailure: String?
    /// Serializes writes (progress comes from worker threads).
    private static let lock = NSLock()

    /// Writes text to standard output as it is (no newline added).
    static func write(_ text: String) {
        lock.lock()
        defer { lock.unlock() }
        guard outputFailure == nil else { return }
        outputFailure = writeAll(text, to: STDOUT_FILENO)
    }

    /// Writes a line to standard output.
    static func printOutput(_ text: String) {
        write(text.hasSuffix("\n") ? text : text + "\n")
    }

    /// Writes a diagnostic to standard error, with the offending source line and a caret under its column.
    static func printError(_ diagnostic: Diagnostic) {
        printErrorText(DiagnosticRenderer.render(diagnostic))
    }

    /// Writes text to standard error.
    static func printErrorText(_ text: String) {
        writeError(text.hasSuffix("\n") ? text : text + "\n")
    }

    private static func writeError(_ text: String) {
        lock.lock()
        defer { lock.unlock() }
        guard errorFailure == nil else { return }
        errorFailure = writeAll(text, to: STDERR_FILENO)
    }

    /// Nothing is buffered; kept so callers state where output ends.
    static func flush() {}

    /// Writes every byte of `text` to `descriptor`; the reason when it cannot.
    private static func writeAll(_ text: String, to descriptor: Int32) -> String? {
        var bytes = Array(text.utf8)[...]
        while !bytes.isEmpty {
            let written = bytes.withUnsafeBytes { buffer -> Int in
                Foundation.write(descriptor, buffer.baseAddress, buffer.count)
            }
            if written < 0 {
                let code = errno
                if code == EINTR { continue }
                if code == EAGAIN {
                    // A non-blocking descriptor inherited from the caller: wait until it takes more.
                    var poller = pollfd(fd: descriptor, events: Int16(POLLOUT), revents: 0)
                    _ = poll(&poller, 1, 1000)
                    continue
                }
                return String(cString: strerror(code))
            }
            if written == 0 { return "the stream accepts no more data" }
            bytes = bytes.dropFirst(written)
        }
        return nil
    }
}

extension Console {
    /// Whether standard error is a terminal (progress is shown only there).
    static var standardErrorIsTerminal: Bool { isatty(STDERR_FILENO) == 1 }

    /// Rewrites the progress line on standard error (a terminal only).
    static func progress(_ text: String) {
        writeError("\r" + text + "\u{1B}[K")
    }

    /// Ends a progress line.
    static func endProgress() {
        writeError("\r\u{1B}[K")
    }
}
