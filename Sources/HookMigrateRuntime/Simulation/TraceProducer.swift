/// A run that can be advanced a unit of work at a time, emitting that unit's events: the simulated runners,
/// or a recorded trace replayed. Consumers run two producers in lockstep and keep only a window.
public protocol TraceProducer {
    /// Does the next unit of work; `false` once the run has ended.
    mutating func advance<S: TraceSink>(into sink: inout S) throws -> Bool
}

extension LegacyRun: TraceProducer {}

extension ModernRun: TraceProducer {}

/// A recorded trace replayed one event per step.
public struct TraceReplay: TraceProducer {
    let trace: Trace
    var index = 0

    /// Replays `trace`.
    public init(_ trace: Trace) {
        self.trace = trace
    }

    public mutating func advance<S: TraceSink>(into sink: inout S) throws -> Bool {
        guard index < trace.events.count else { return false }
        let event = trace.events[index]
        sink.emit(event.kind, at: event.point, epoch: Int(event.epoch), iter: Int(event.iter), batch: Int(event.batch),
                  step: Int(event.step), text: trace.text(of: event), values: TraceValues(trace.values(of: event)))
        index += 1
        return true
    }
}
