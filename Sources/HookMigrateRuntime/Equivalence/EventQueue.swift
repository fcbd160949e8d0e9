/// An event of a comparison stream, after the equivalence rules' normalisation: a small value with its
/// text and numbers inline.
struct StreamEvent: Sendable {
    var kind: TraceEventKind
    var point: MountPoint
    var epoch: Int32
    var iter: Int32
    var batch: Int32
    var step: Int32
    var text: String?
    var values: TraceValues

    /// The event in the form diff reports print.
    var resolved: ResolvedTraceEvent {
        ResolvedTraceEvent(event: TraceEvent(kind: kind, point: point, epoch: epoch, iter: iter, batch: batch, step: step),
                           text: text, values: Array(values))
    }

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

/// A first-in first-out ring (a power-of-two number of slots) of stream events: the events one side has produced that the other side has
/// not matched yet. It grows only as far as the two runs drift apart.
struct EventQueue: Sendable {
    private var slots: [StreamEvent?] = []
    private var head = 0
    private(set) var count = 0

    var isEmpty: Bool { count == 0 }

    var first: StreamEvent? { count > 0 ? slots[head] : nil }

    mutating func append(_ event: StreamEvent) {
        if count == slots.count { grow() }
        slots[(head + count) & (slots.count - 1)] = event
        count += 1
    }

    @discardableResult
    mutating func removeFirst() -> StreamEvent? {
        guard count > 0 else { return nil }
        let event = slots[head]
        slots[head] = nil
        head = (head + 1) & (slots.count - 1)
        count -= 1
        return event
    }

    /// The first `limit` events, oldest first.
    func prefix(_ limit: Int) -> [StreamEvent] {
        (0..<min(limit, count)).compactMap { slots[(head + $0) & (slots.count - 1)] }
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
        slots = [StreamEvent?](repeating: nil, count: max(16, slots.count * 2))
        head = 0
        for (index, event) in old.enumerated() { slots[index] = event }
    }
}
