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

    private static let key = "hookmigrate.PyGraveyard"

    /// Takes `items` (the contents of a container being deinitialized) out of it and releases them
    /// iteratively: the container is left empty, so its own release goes no deeper.
    static func bury(_ items: inout [PyObj]) {
        guard items.contains(where: \.holdsContainer) else { return }
        let storage = Thread.current.threadDictionary
        let queue: Queue
        if let existing = storage[key] as? Queue {
            queue = existing
        } else {
            queue = Queue()
            storage[key] = queue
        }
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
