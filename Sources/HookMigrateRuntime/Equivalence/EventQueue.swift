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

    /// Whether two events are the same in every field, bit for bit, and hold nothing in the number pool (so
    /// a queue may keep them as one slot with a repeat count).
    func isRepeat(of other: StreamEvent) -> Bool {
        spill < 0 && other.spill < 0 && kind == other.kind && point == other.point && epoch == other.epoch && iter == other.iter
            && batch == other.batch && step == other.step && text == other.text && count == other.count
            && v0.bitPattern == other.v0.bitPattern && v1.bitPattern == other.v1.bitPattern
            && v2.bitPattern == other.v2.bitPattern && v3.bitPattern == other.v3.bitPattern
    }
}

/// A first-in first-out ring (a power-of-two number of slots) of stream events: the events one side has
/// produced that the other side has not matched yet. It grows only as far as the two runs drift apart.
/// Consecutive repeats of one event share a slot (a repeat count), so what it holds is bounded by the
/// number of *different* events waiting: a run that is ahead by many copies of one record (MMEngine's log
/// of a short epoch's last batch, set aside by R9 only at the end) holds one slot.
struct EventQueue: Sendable {
    private var slots = [StreamEvent](repeating: .empty, count: 8)
    private var repeats = [Int](repeating: 0, count: 8)
    private var head = 0
    /// Slots in use.
    private(set) var runs = 0
    /// Events waiting.
    private(set) var count = 0

    var isEmpty: Bool { count == 0 }

    /// The oldest event (only when not empty).
    var first: StreamEvent { slots[head] }

    @inline(__always) mutating func append(_ event: StreamEvent) {
        append(event, times: 1)
    }

    /// Appends `times` copies of an event.
    @inline(__always) mutating func append(_ event: StreamEvent, times: Int) {
        guard times > 0 else { return }
        count += times
        if runs > 0 {
            let tail = (head + runs - 1) & (slots.count - 1)
            if slots[tail].isRepeat(of: event) {
                repeats[tail] += times
                return
            }
        }
        if runs == slots.count { grow() }
        let slot = (head + runs) & (slots.count - 1)
        slots[slot] = event
        repeats[slot] = times
        runs += 1
    }

    @inline(__always) mutating func removeFirst() {
        guard count > 0 else { return }
        count -= 1
        if repeats[head] > 1 {
            repeats[head] -= 1
            return
        }
        head = (head + 1) & (slots.count - 1)
        runs -= 1
    }

    /// The first `limit` events, oldest first.
    func prefix(_ limit: Int) -> [StreamEvent] {
        var events: [StreamEvent] = []
        var run = 0
        while events.count < Swift.min(limit, count) && run < runs {
            let slot = (head + run) & (slots.count - 1)
            for _ in 0..<Swift.min(repeats[slot], limit - events.count) { events.append(slots[slot]) }
            run += 1
        }
        return events
    }

    /// Drops every queued event that matches `predicate`, keeping the order of the rest; returns how many.
    mutating func removeAll(where predicate: (StreamEvent) -> Bool) -> Int {
        var kept: [(StreamEvent, Int)] = []
        var removed = 0
        for run in 0..<runs {
            let slot = (head + run) & (slots.count - 1)
            if predicate(slots[slot]) { removed += repeats[slot] } else { kept.append((slots[slot], repeats[slot])) }
        }
        self = EventQueue()
        for (event, times) in kept { append(event, times: times) }
        return removed
    }

    /// Rewrites every waiting event in place (the comparison renumbers its text pool).
    mutating func update(_ body: (inout StreamEvent) -> Void) {
        for run in 0..<runs { body(&slots[(head + run) & (slots.count - 1)]) }
    }

    private mutating func grow() {
        var newSlots = [StreamEvent](repeating: .empty, count: slots.count * 2)
        var newRepeats = [Int](repeating: 0, count: slots.count * 2)
        for run in 0..<runs {
            let slot = (head + run) & (slots.count - 1)
            newSlots[run] = slots[slot]
            newRepeats[run] = repeats[slot]
        }
        slots = newSlots
        repeats = newRepeats
        head = 0
    }
}
