import Foundation

/// Runs recursive readers and writers on a thread with a large stack, so that a file nested up to
/// `ReadLimits.maxDepth` levels is read the same from any caller (test runners and concurrency pools
/// give small stacks).
///
/// The threads are kept and reused (a few idle ones at most): a run costs a hand-over, not a thread
/// start, which matters when thousands of small files are read (a tree, a fuzzer under AddressSanitizer,
/// which clears the shadow of a thread's whole stack when the thread ends).
enum LargeStack {
    /// Stack size of the worker threads; reserved address space, committed only as it is used.
    static let stackBytes = 256 << 20
    /// Idle workers kept for reuse; more are started when more runs happen at once.
    static let maxIdleWorkers = 8

    private final class Outcome<T>: @unchecked Sendable {
        var result: Result<T, any Error>?
    }

    /// One thread with a large stack that runs the jobs handed to it, one at a time.
    private final class Worker: @unchecked Sendable {
        private let lock = NSCondition()
        private var job: (@Sendable () -> Void)?
        private var retired = false

        init() {
            let thread = Thread { [self] in self.loop() }
            thread.stackSize = LargeStack.stackBytes
            thread.start()
        }

        func submit(_ body: @escaping @Sendable () -> Void) {
            lock.lock()
            job = body
            lock.signal()
            lock.unlock()
        }

        /// Ends the thread once it is idle.
        func retire() {
            lock.lock()
            retired = true
            lock.signal()
            lock.unlock()
        }

        private func loop() {
            pthread_setspecific(LargeStack.threadKey, LargeStack.marker)
            while true {
                lock.lock()
                while job == nil && !retired { lock.wait() }
                let next = job
                job = nil
                lock.unlock()
                guard let next else { return }
                next()
            }
        }
    }

    private final class Pool: @unchecked Sendable {
        private let lock = NSLock()
        private var idle: [Worker] = []

        func take() -> Worker {
            lock.lock()
            defer { lock.unlock() }
            return idle.popLast() ?? Worker()
        }

        func give(_ worker: Worker) {
            lock.lock()
            let keep = idle.count < LargeStack.maxIdleWorkers
            if keep { idle.append(worker) }
            lock.unlock()
            if !keep { worker.retire() }
        }
    }

    private static let pool = Pool()

    /// Set on the workers' threads: a run asked for there needs no hand-over.
    static let threadKey: pthread_key_t = {
        var key = pthread_key_t()
        pthread_key_create(&key, nil)
        return key
    }()
    static var marker: UnsafeMutableRawPointer? { UnsafeMutableRawPointer(bitPattern: 1) }

    /// Whether the calling thread is one of the workers (its stack is `stackBytes` large).
    static var isOnLargeStack: Bool { pthread_getspecific(threadKey) != nil }

    /// Runs `body(0)`, …, `body(iterations - 1)` at once, each on a worker, and returns when all have
    /// returned. Readers and writers called from `body` then run on the worker's own thread: a tree's
    /// hundreds of files cost no hand-over each.
    static func perform(iterations: Int, _ body: @escaping @Sendable (Int) -> Void) {
        guard iterations > 0 else { return }
        let finished = DispatchSemaphore(value: 0)
        let workers = (0..<iterations).map { _ in pool.take() }
        for (index, worker) in workers.enumerated() {
            worker.submit {
                body(index)
                finished.signal()
            }
        }
        for _ in workers { finished.wait() }
        for worker in workers { pool.give(worker) }
    }

    /// Nesting up to which a reader or writer runs on the caller's thread: its recursion then stays far
    /// within any thread's stack (a dispatch worker has 512 KiB), and a file costs no hand-over to a worker.
    static let inlineDepth = 32

    /// Runs `body` on the caller's thread when `shallow` (the input nests at most `inlineDepth` levels),
    /// else on a thread with a large stack.
    static func run<T>(inline shallow: @autoclosure () -> Bool, _ body: @escaping @Sendable () throws -> T) throws -> T {
        // On a worker the input's depth is not looked at (the walk or scan would cost as much as the read).
        if isOnLargeStack || shallow() { return try body() }
        return try run(body)
    }

    /// Whether a node nests at most `inlineDepth` levels (its walk stops one level past that).
    static func isShallow(_ node: ConfigNode) -> Bool {
        func within(_ node: ConfigNode, _ remaining: Int) -> Bool {
            switch node.value {
            case .scalar: return true
            case .list(let list):
                guard remaining > 0 else { return false }
                return list.items.allSatisfy { within($0, remaining - 1) }
            case .mapping(let mapping):
                guard remaining > 0 else { return false }
                return mapping.entries.allSatisfy { within($0.value, remaining - 1) }
            }
        }
        return within(node, inlineDepth)
    }

    /// Whether a JSON text nests at most `inlineDepth` brackets: counted as the JSON reader meets them
    /// (outside strings, an escape skipping the byte after its backslash), so a text the reader stops in
    /// nests no deeper there than counted here.
    static func isShallowJSON(_ bytes: [UInt8]) -> Bool {
        bytes.withUnsafeBufferPointer { buffer in
            var depth = 0
            var index = 0
            let count = buffer.count
            while index < count {
                switch buffer[index] {
                case 0x5B, 0x7B: // [ {
                    depth += 1
                    if depth > inlineDepth { return false }
                case 0x5D, 0x7D: // ] }
                    depth = max(0, depth - 1)
                case 0x22: // a string, to its closing quote
                    index += 1
                    while index < count, buffer[index] != 0x22 {
                        index += buffer[index] == 0x5C ? 2 : 1
                    }
                default:
                    break
                }
                index += 1
            }
            return true
        }
    }

    /// Runs `body` on a thread with a large stack and returns or rethrows its result.
    static func run<T>(_ body: @escaping @Sendable () throws -> T) throws -> T {
        if isOnLargeStack { return try body() }
        let outcome = Outcome<T>()
        let finished = DispatchSemaphore(value: 0)
        let worker = pool.take()
        worker.submit {
            outcome.result = Result { try body() }
            finished.signal()
        }
        finished.wait()
        pool.give(worker)
        guard let result = outcome.result else {
            throw ConfigError(.fileUnreadable, "internal error: the reader thread returned no result")
        }
        return try result.get()
    }
}

/// Runs parallel work on threads with large stacks, so that the files the work reads and writes are read
/// and written on the same threads, without a hand-over per file.
public enum LargeStackWork {
    /// Runs `body(0)`, …, `body(iterations - 1)` at once, each on its own thread, and returns when all
    /// have returned (as `DispatchQueue.concurrentPerform` does, on threads whose stacks hold the deepest
    /// file a reader accepts).
    public static func perform(iterations: Int, _ body: @escaping @Sendable (Int) -> Void) {
        LargeStack.perform(iterations: iterations, body)
    }
}
