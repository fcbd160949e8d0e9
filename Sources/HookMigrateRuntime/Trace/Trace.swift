/// Facts about a run that every event shares.
public struct TraceHeader: Sendable, Equatable {
    /// Which runner made it: `legacy` (MMCV 1.x semantics), `new` (MMEngine), or another tool's name.
    public var runner: String
    /// The config it ran (as the user named it).
    public var config: String
    /// Iterations per epoch of the simulated dataloader.
    public var itersPerEpoch: Int

    /// Creates a header.
    public init(runner: String, config: String, itersPerEpoch: Int) {
        self.runner = runner
        self.config = config
        self.itersPerEpoch = itersPerEpoch
    }
}

/// A recorded run: a header, the events in order, and the pools their text and numbers live in.
public struct Trace: Sendable, Equatable {
    /// The header.
    public var header: TraceHeader
    /// The events in the order they happened.
    public private(set) var events: [TraceEvent] = []
    /// Interned texts.
    public var strings: [String] { pool.texts }
    /// Every event's numbers, back to back.
    public private(set) var values: [Double] = []
    private var pool = TextPool()

    /// An empty trace.
    public init(header: TraceHeader) {
        self.header = header
    }

    public static func == (lhs: Trace, rhs: Trace) -> Bool {
        lhs.header == rhs.header && lhs.events.count == rhs.events.count
            && zip(lhs.events.indices, rhs.events.indices).allSatisfy { lhs.resolved($0) == rhs.resolved($1) }
    }

    /// The id of a text in the pool, adding it when new.
    public mutating func intern(_ text: String) -> Int32 {
        pool.intern(text)
    }

    /// Appends an event with its text and numbers.
    public mutating func append(_ kind: TraceEventKind, at point: MountPoint, epoch: Int, iter: Int, batch: Int,
                                step: Int = 0, text: String? = nil, values newValues: [Double] = []) {
        let textID = text.map { intern($0) } ?? -1
        let start = Int32(values.count)
        values.append(contentsOf: newValues)
        events.append(TraceEvent(kind: kind, point: point, epoch: Int32(epoch), iter: Int32(iter), batch: Int32(batch),
                                 step: Int32(step), text: textID, valueStart: start, valueCount: Int32(newValues.count)))
    }

    /// Appends an event whose numbers are held inline (the runners' path: no allocation per event).
    public mutating func appendEvent(_ kind: TraceEventKind, at point: MountPoint, epoch: Int, iter: Int, batch: Int,
                                     step: Int, text: String?, values newValues: TraceValues) {
        let textID = text.map { intern($0) } ?? -1
        let start = Int32(values.count)
        values.append(contentsOf: newValues)
        events.append(TraceEvent(kind: kind, point: point, epoch: Int32(epoch), iter: Int32(iter), batch: Int32(batch),
                                 step: Int32(step), text: textID, valueStart: start, valueCount: Int32(newValues.count)))
    }

    /// The text of an event, if any.
    public func text(of event: TraceEvent) -> String? {
        pool[event.text]
    }

    /// The numbers of an event.
    public func values(of event: TraceEvent) -> ArraySlice<Double> {
        let start = Int(event.valueStart)
        let end = start + Int(event.valueCount)
        guard start >= 0, end <= values.count else { return [] }
        return values[start..<end]
    }

    /// The event at an index with its text and numbers, for comparison and printing.
    public func resolved(_ index: Int) -> ResolvedTraceEvent {
        let event = events[index]
        return ResolvedTraceEvent(event: event, text: text(of: event), values: Array(values(of: event)))
    }
}

/// An event together with its text and numbers, independent of any pool.
public struct ResolvedTraceEvent: Sendable, Equatable {
    /// The event (its pool indices are not meaningful outside its trace).
    public var event: TraceEvent
    /// Its text.
    public var text: String?
    /// Its numbers.
    public var values: [Double]

    public static func == (lhs: ResolvedTraceEvent, rhs: ResolvedTraceEvent) -> Bool {
        lhs.event.kind == rhs.event.kind && lhs.event.point == rhs.event.point && lhs.event.epoch == rhs.event.epoch
            && lhs.event.iter == rhs.event.iter && lhs.event.batch == rhs.event.batch && lhs.event.step == rhs.event.step
            && lhs.text == rhs.text && lhs.values.count == rhs.values.count
            && zip(lhs.values, rhs.values).allSatisfy { $0 == $1 || ($0.isNaN && $1.isNaN) }
    }
}
