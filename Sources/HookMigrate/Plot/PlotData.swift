import HookMigrateRuntime

/// Everything one plot draws, gathered from the two runs.
struct PlotData: Sendable {
    /// The config's name (the legacy config as the user named it).
    var name: String
    /// The new config's name; `nil` when it is hookmigrate's conversion of the legacy config.
    var newName: String?
    /// The simulated epoch length.
    var itersPerEpoch: Int
    /// Whether the new config trains by epoch (epoch ticks are drawn).
    var epochBased: Bool
    /// The legacy run (0) and the new run (1).
    var runs: [RunSeries]
    /// The largest relative lr difference per pair of steps.
    var lrDifference: SeriesDecimator
    /// The largest relative momentum difference per pair of steps.
    var momentumDifference: SeriesDecimator
    /// The first pair of steps beyond the tolerance.
    var firstDifference: StepDifference?
    /// Steps of one run without a pair.
    var unpaired: (side: Int, from: Int, count: Int)?
    /// The verdict.
    var verdict: PlotVerdict
    /// The comparison's tolerance.
    var tolerance: Tolerance

    /// The iteration axis' end: the furthest either run got (at least 1).
    var end: Int { max(1, runs[0].end, runs[1].end) }

    /// Whether the momentum panel is drawn: momentum changes during a run, or differs between the runs.
    var showsMomentum: Bool {
        let changes = runs.contains { !$0.momentumRange.isEmpty && $0.momentumRange.low != $0.momentumRange.high }
        let differs = runs[0].momentumRange != runs[1].momentumRange && runs.allSatisfy { !$0.momentumRange.isEmpty }
        let oneSided = runs[0].hasMomentum != runs[1].hasMomentum && runs.allSatisfy { $0.steps > 0 }
        return changes || differs || oneSided
    }
}
