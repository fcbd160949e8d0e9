import Foundation

/// Runs recursive readers and writers on a thread with a large stack, so that a file nested up to
/// `ReadLimits.maxDepth` levels is read the same from any caller (test runners and concurrency pools
/// give small stacks).
enum LargeStack {
    /// Stack size of the worker thread; reserved address space, committed only as it is used.
    static let stackBytes = 256 << 20

    private final class Outcome<T>: @unchecked Sendable {
        var result: Result<T, any Error>?
    }

    /// Runs `body` on a fresh thread with a large stack and returns or rethrows its result.
    static func run<T>(_ body: @escaping @Sendable () throws -> T) throws -> T {
        let outcome = Outcome<T>()
        let finished = DispatchSemaphore(value: 0)
        let thread = Thread {
            outcome.result = Result { try body() }
            finished.signal()
        }
        thread.stackSize = stackBytes
        thread.start()
        finished.wait()
        guard let result = outcome.result else {
            throw ConfigError(.fileUnreadable, "internal error: the reader thread returned no result")
        }
        return try result.get()
    }
}
