/// An event of a comparison stream, after the equivalence rules' normalisation. A plain value with no
/// references (text and numbers beyond four live in the comparison's pools), so queueing, matching and
/// dropping one costs no reference counting.
struct StreamEvent: Sendable {
    var kind: TraceEventKind
    var point: MountPoint
    var epoch: Int32
    var iter: Int32
    var batch: Int32
    var step: Int32
    /// Index in the comparison's text pool; -1 for none.
    var text: Int32
    /// How many numbers.
    var count: Int32
    /// Index in the comparison's pool of numbers beyond the fourth; -1 for none.
    var spill: Int32
    var v0: Double
    var v1: Double
    var v2: Double
    var v3: Double

    static let empty = StreamEvent(kind: .call, point: .beforeRun, epoch: 0, iter: 0, batch: 0, step: 0, text: -1, count: 0, spill: -1,
                                   v0: 0, v1: 0, v2: 0, v3: 0)

    /// The first number, if any.
    var first: Double? { count > 0 ? v0 : nil }

    /// The same event with no position: effects are compared by step, not by where they happened (R2, R3).
    var positionless: StreamEvent {
        var copy = self
        copy.point = .afterRun
        copy.epoch = 0
        copy.iter = 0
        copy.batch = 0
        return copy
    }
}

/// A first-in first-out ring (a power-of-two number of slots) of stream events: the events one side has
/// produced that the other side has not matched yet. It grows only as far as the two runs drift apart.
struct EventQueue: Sendable {
    private var slots = [StreamEvent](repeating: .empty, count: 8)
    private var head = 0
    private(set) var count = 0

    var isEmpty: Bool { count == 0 }

    /// The oldest event (only when not empty).
    var first: StreamEvent { slots[head] }

    @inline(__always) mutating func append(_ event: StreamEvent) {
        if count == slots.count { grow() }
        slots[(head + count) & (slots.count - 1)] = event
        count += 1
    }

    @inline(__always) mutating func removeFirst() {
        guard count > 0 else { return }
        head = (head + 1) & (slots.count - 1)
        count -= 1
    }

    /// The first `limit` events, oldest first.
    func prefix(_ limit: Int) -> [StreamEvent] {
        (0..<min(limit, count)).map { slots[(head + $0) & (slots.count - 1)] }
    }

    /// Drops every queued event that matches `predicate`, keeping the order of the rest; returns how many.
    mutating func removeAll(where predicate: (StreamEvent) -> Bool) -> Int {
        let kept = prefix(count).filter { !predicate($0) }
        let removed = count - kept.count
        self = EventQueue()
        for event in kept { append(event) }
        return removed
    }

    private mutating func grow() {
        let old = prefix(count)
        slots = [StreamEvent](repeating: .empty, count: slots.count * 2)
        head = 0
        for (index, event) in old.enumerated() { slots[index] = event }
    }
}
