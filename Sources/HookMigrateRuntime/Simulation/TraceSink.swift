/// Where a simulated runner sends its events: a `Trace` to keep them, or a streaming consumer.
public protocol TraceSink {
    /// Receives one event with its text and numbers.
    mutating func emit(_ kind: TraceEventKind, at point: MountPoint, epoch: Int, iter: Int, batch: Int,
                       step: Int, text: String?, values: TraceValues)
}

extension Trace: TraceSink {
    public mutating func emit(_ kind: TraceEventKind, at point: MountPoint, epoch: Int, iter: Int, batch: Int,
                              step: Int, text: String?, values: TraceValues) {
        appendEvent(kind, at: point, epoch: epoch, iter: iter, batch: batch, step: step, text: text, values: values)
    }
}

/// Counts events by kind without keeping them (for benchmarks and sizes).
public struct CountingSink: TraceSink, Sendable {
    /// Events of each kind, indexed by `TraceEventKind.rawValue`.
    public private(set) var counts = [Int](repeating: 0, count: TraceEventKind.allCases.count)

    /// Creates an empty counter.
    public init() {}

    public mutating func emit(_ kind: TraceEventKind, at point: MountPoint, epoch: Int, iter: Int, batch: Int,
                              step: Int, text: String?, values: TraceValues) {
        counts[Int(kind.rawValue)] += 1
    }

    /// All events.
    public var total: Int { counts.reduce(0, +) }
}
