import HookMigrateRuntime

/// What a plot shows of one simulated run: the lr and momentum of every param group at each optimizer step,
/// its checkpoints, evaluations and best checkpoints, and how far it got.
struct RunSeries: Sendable {
    /// The lr of each param group, by optimizer step.
    var lr: [SeriesDecimator] = []
    /// The momentum (or beta1) of each param group; groups without one stay empty.
    var momentum: [SeriesDecimator] = []
    /// Optimizer steps taken.
    var steps = 0
    /// The last iteration reached (iterations done at the run's last event).
    var end = 0
    /// The lowest and highest lr seen.
    var lrRange = ValueRange()
    /// The lowest and highest momentum seen.
    var momentumRange = ValueRange()
    /// Regular checkpoint saves (crossed out: removed later).
    var checkpoints = MarkerLane()
    /// Evaluations.
    var evaluations = MarkerLane()
    /// Best checkpoint saves (crossed out: replaced by a better one).
    var best = MarkerLane()
    /// Why the run could not be built, or stopped early.
    var failure: String?

    /// Records an optimizer step at iteration `x`: `groups` lrs, then `groups` momenta (NaN where none).
    mutating func step(at x: Int, groups: Int, values: TraceValues) {
        steps += 1
        while lr.count < groups { lr.append(SeriesDecimator()) }
        while momentum.count < groups { momentum.append(SeriesDecimator()) }
        for group in 0..<groups {
            if group < values.count, values[group].isFinite {
                lr[group].add(x: x, y: values[group])
                lrRange.include(values[group])
            }
            let index = groups + group
            if index < values.count, values[index].isFinite {
                momentum[group].add(x: x, y: values[index])
                momentumRange.include(values[index])
            }
        }
    }

    /// Ends every curve.
    mutating func finish() {
        for index in lr.indices { lr[index].finish() }
        for index in momentum.indices { momentum[index].finish() }
    }

    /// Whether any group has a momentum.
    var hasMomentum: Bool { momentum.contains { $0.count > 0 } }
}
