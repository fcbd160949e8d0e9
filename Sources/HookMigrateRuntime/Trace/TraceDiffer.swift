/// Float tolerance of a comparison: equal when `|a - b| <= atol + rtol·|b|` (NaN equals NaN).
public struct Tolerance: Sendable, Hashable {
    /// Relative tolerance.
    public var rtol: Double
    /// Absolute tolerance.
    public var atol: Double

    /// Creates a tolerance.
    public init(rtol: Double = 1e-9, atol: Double = 0) {
        self.rtol = rtol
        self.atol = atol
    }

    /// Whether two numbers are equal within the tolerance.
    public func equal(_ a: Double, _ b: Double) -> Bool {
        if a.isNaN || b.isNaN { return a.isNaN && b.isNaN }
        if a == b { return true }
        return abs(a - b) <= atol + rtol * abs(b)
    }
}

/// Where and how two traces differ.
public struct TraceDiff: Sendable, Equatable {
    /// The first divergence: the index in both sequences and a few events before and after on each side.
    public struct Divergence: Sendable, Equatable {
        /// The index of the first differing event (the same on both sides: the prefixes are equal).
        public var index: Int
        /// Why they differ, in words.
        public var reason: String
        /// Events before the divergence (shared prefix), oldest first.
        public var before: [ResolvedTraceEvent]
        /// The differing event and the ones after it, on the left.
        public var left: [ResolvedTraceEvent]
        /// The same on the right.
        public var right: [ResolvedTraceEvent]
    }

    /// The first divergence; `nil` when the traces are equal.
    public var divergence: Divergence?
    /// Events of each kind on the left and right.
    public var countsLeft: [TraceEventKind: Int]
    /// Events of each kind on the right.
    public var countsRight: [TraceEventKind: Int]

    /// Whether the traces are equal.
    public var isEqual: Bool { divergence == nil }
}

/// Compares two event streams in lockstep, keeping only a window of context: it never holds either trace
/// whole, so it works on runs of any length as they stream.
public struct TraceDiffer: Sendable {
    /// Float tolerance.
    public var tolerance: Tolerance
    /// Events of context shown before and after the divergence.
    public var context: Int

    /// Creates a differ.
    public init(tolerance: Tolerance = Tolerance(), context: Int = 3) {
        self.tolerance = tolerance
        self.context = context
    }

    /// Compares two sequences of resolved events.
    public func compare<Left: Sequence, Right: Sequence>(_ left: Left, _ right: Right) -> TraceDiff
    where Left.Element == ResolvedTraceEvent, Right.Element == ResolvedTraceEvent {
        var leftIterator = left.makeIterator()
        var rightIterator = right.makeIterator()
        var window: [ResolvedTraceEvent] = []
        var countsLeft: [TraceEventKind: Int] = [:]
        var countsRight: [TraceEventKind: Int] = [:]
        var index = 0
        var divergence: TraceDiff.Divergence?
        while divergence == nil {
            let a = leftIterator.next()
            let b = rightIterator.next()
            if let a { countsLeft[a.event.kind, default: 0] += 1 }
            if let b { countsRight[b.event.kind, default: 0] += 1 }
            if a == nil && b == nil { break }
            if let a, let b, let reason = difference(a, b) {
                divergence = collect(index, reason, window, a, b, &leftIterator, &rightIterator, &countsLeft, &countsRight)
            } else if let a, let b {
                window.append(a)
                if window.count > context { window.removeFirst() }
                _ = b
            } else {
                let reason = a == nil ? "the left trace ends here; the right one goes on" : "the right trace ends here; the left one goes on"
                divergence = collect(index, reason, window, a, b, &leftIterator, &rightIterator, &countsLeft, &countsRight)
            }
            index += 1
        }
        return TraceDiff(divergence: divergence, countsLeft: countsLeft, countsRight: countsRight)
    }

    /// Compares two traces.
    public func compare(_ left: Trace, _ right: Trace) -> TraceDiff {
        compare(left.events.indices.lazy.map { left.resolved($0) }, right.events.indices.lazy.map { right.resolved($0) })
    }

    private func collect<L: IteratorProtocol, R: IteratorProtocol>(
        _ index: Int, _ reason: String, _ before: [ResolvedTraceEvent], _ a: ResolvedTraceEvent?, _ b: ResolvedTraceEvent?,
        _ leftIterator: inout L, _ rightIterator: inout R,
        _ countsLeft: inout [TraceEventKind: Int], _ countsRight: inout [TraceEventKind: Int]
    ) -> TraceDiff.Divergence where L.Element == ResolvedTraceEvent, R.Element == ResolvedTraceEvent {
        var left = a.map { [$0] } ?? []
        var right = b.map { [$0] } ?? []
        // Count the rest for the summary; keep `context` more events of each side.
        while let next = leftIterator.next() {
            countsLeft[next.event.kind, default: 0] += 1
            if left.count <= context { left.append(next) }
        }
        while let next = rightIterator.next() {
            countsRight[next.event.kind, default: 0] += 1
            if right.count <= context { right.append(next) }
        }
        return TraceDiff.Divergence(index: index, reason: reason, before: before, left: left, right: right)
    }

    /// Why two events differ, or `nil` when equal (integers exact, floats within tolerance).
    public func difference(_ a: ResolvedTraceEvent, _ b: ResolvedTraceEvent) -> String? {
        if a.event.kind != b.event.kind { return "event kind \(a.event.kind) vs \(b.event.kind)" }
        if a.event.point != b.event.point { return "mount point \(a.event.point) vs \(b.event.point)" }
        if a.event.epoch != b.event.epoch || a.event.iter != b.event.iter || a.event.batch != b.event.batch {
            return "counters [epoch \(a.event.epoch), iter \(a.event.iter), batch \(a.event.batch)] vs [epoch \(b.event.epoch), iter \(b.event.iter), batch \(b.event.batch)]"
        }
        if a.event.step != b.event.step { return "step \(a.event.step) vs \(b.event.step)" }
        if a.text != b.text { return "text \(a.text ?? "none") vs \(b.text ?? "none")" }
        if a.values.count != b.values.count { return "\(a.values.count) values vs \(b.values.count)" }
        for (position, pair) in zip(a.values, b.values).enumerated() where !tolerance.equal(pair.0, pair.1) {
            let relative = pair.1 == 0 ? Double.infinity : abs(pair.0 - pair.1) / abs(pair.1)
            return "value \(position): \(pair.0) vs \(pair.1) (relative difference \(relative))"
        }
        return nil
    }
}
