import Foundation

/// Releases runtime values without recursion. A file can nest lists or tuples two million levels deep
/// (`a = [a]`, statement after statement); Swift would release such a chain recursively and overflow
/// the stack. Instead, a container that dies hands its items to this per-thread queue, and the first
/// one to die drains the queue in a loop, so each release only ever goes one level deep.
enum PyGraveyard {
    private final class Queue {
        var arrays: [[PyObj]] = []
        var draining = false
    }

    /// The calling thread's queue, kept in a thread-specific slot (a Foundation thread dictionary would cost a
    /// bridged string hash per container released). The slot's destructor releases it when the thread ends.
    private static let key: pthread_key_t = {
        var key = pthread_key_t()
        pthread_key_create(&key) { pointer in
            guard let pointer else { return }
            Unmanaged<Queue>.fromOpaque(pointer).release()
        }
        return key
    }()

    private static var queue: Queue {
        if let pointer = pthread_getspecific(key) { return Unmanaged<Queue>.fromOpaque(pointer).takeUnretainedValue() }
        let queue = Queue()
        pthread_setspecific(key, Unmanaged.passRetained(queue).toOpaque())
        return queue
    }

    /// Takes `items` (the contents of a container being deinitialized) out of it and releases them
    /// iteratively: the container is left empty, so its own release goes no deeper.
    static func bury(_ items: inout [PyObj]) {
        guard items.contains(where: \.holdsContainer) else { return }
        let queue = Self.queue
        queue.arrays.append(items)
        items = []
        if queue.draining { return }
        queue.draining = true
        while var next = queue.arrays.popLast() {
            next.removeAll()
        }
        queue.draining = false
    }
}
