/// A simulated runner (the MMCV adapter or the new Runner): it makes steppable runs of its schedule, and from
/// them whole runs into a sink or a trace.
public protocol SimulatedRunner {
    associatedtype Run: TraceProducer
    /// The run's settings.
    var settings: SimulationSettings { get }
    /// The name traces carry (`legacy`, `new`).
    static var traceName: String { get }
    /// A fresh run, at its start.
    func makeRun() -> Run
}

extension SimulatedRunner {
    /// Runs the whole schedule, sending every dispatch and effect to `sink`.
    public func run<S: TraceSink>(into sink: inout S) throws {
        var run = makeRun()
        while try run.advance(into: &sink) {}
    }

    /// Runs and returns the trace.
    public func trace(config: String) throws -> Trace {
        var trace = Trace(header: TraceHeader(runner: Self.traceName, config: config, itersPerEpoch: settings.itersPerEpoch))
        try run(into: &trace)
        return trace
    }
}

extension LegacyRunner: SimulatedRunner {
    public static let traceName = "legacy"
    public func makeRun() -> LegacyRun { LegacyRun(runner: self) }
}

extension ModernRunner: SimulatedRunner {
    public static let traceName = "new"
    public func makeRun() -> ModernRun { ModernRun(runner: self) }
}

extension Array where Element == ParamGroup {
    /// An optimizer step's numbers: every group's lr, then every group's momentum (or beta1; NaN for none).
    var stepValues: TraceValues {
        if count == 1 { return TraceValues(self[0].lr, self[0].effectiveMomentum ?? .nan) }
        var values = TraceValues()
        for group in self { values.append(group.lr) }
        for group in self { values.append(group.effectiveMomentum ?? .nan) }
        return values
    }
}
