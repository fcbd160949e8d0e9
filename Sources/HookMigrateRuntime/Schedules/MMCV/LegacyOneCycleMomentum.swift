/// MMCV 1.7.2's `OneCycleMomentumUpdaterHook` (`mmcv/runner/hooks/momentum_updater.py`; schedules.md A.4).
///
/// `before_run` (which does not call the base one, so no `initial_momentum` is captured) requires the
/// optimizer to have `momentum` or `betas` (`ValueError`), **overwrites** each group's momentum (or
/// `betas[0]`) with `max_momentum` and stores `base_momentum`/`max_momentum` per group. Phases use
/// `runner.max_iters = N` (there is no `total_steps`): two-phase max→base until `pct·N - 1`, base→max until
/// `N - 1`; three-phase max→base until `pct·N - 1`, base→max until `2·pct·N - 2`, max→max until `N - 1`.
/// The last phase also catches later iterations.
public struct LegacyOneCycleMomentum: Sendable, Hashable {
    /// `base_momentum` (a float, list or dict; an int is rejected).
    public var baseMomentum: LegacyGroupValues
    /// `max_momentum`.
    public var maxMomentum: LegacyGroupValues
    /// `pct_start`.
    public var pctStart: Double
    /// `anneal_strategy`.
    public var anneal: LegacyAnneal
    /// `three_phase`.
    public var threePhase: Bool

    /// Which stored bound a phase starts or ends at.
    public enum Bound: Sendable, Equatable {
        case base
        case max
    }

    /// One phase.
    public struct Phase: Sendable, Hashable {
        public var endIteration: Double
        public var start: Bound
        public var end: Bound
    }

    /// The phases for a run of `maxIters` iterations.
    public func phases(maxIters: Int) -> [Phase] {
        let n = Double(maxIters)
        if threePhase {
            return [
                Phase(endIteration: pctStart * n - 1, start: .max, end: .base),
                Phase(endIteration: 2 * pctStart * n - 2, start: .base, end: .max),
                Phase(endIteration: n - 1, start: .max, end: .max),
            ]
        }
        return [
            Phase(endIteration: pctStart * n - 1, start: .max, end: .base),
            Phase(endIteration: n - 1, start: .base, end: .max),
        ]
    }

    /// The momentum at `iteration` for a group whose stored bounds are `base` and `max`.
    public func value(iteration: Int, base: Double, max: Double, phases: [Phase]) throws -> Double {
        let k = Double(iteration)
        var start = 0.0
        for (index, phase) in phases.enumerated() {
            if k <= phase.endIteration || index == phases.count - 1 {
                let pct = try PyFloat.div(k - start, phase.endIteration - start)
                return anneal(phase.start == .base ? base : max, phase.end == .base ? base : max, pct)
            }
            start = phase.endIteration
        }
        return 0
    }

    /// Reads the OneCycle momentum arguments.
    static func parse(_ args: ScheduleArguments) throws -> LegacyOneCycleMomentum {
        func values(_ key: String, _ fallback: Double) throws -> LegacyGroupValues {
            guard let node = args.raw(key) else { return .scalar(fallback) }
            return try LegacyGroupValues.parse(node, path: args.path.appending(key), allowInt: false, owner: key)
        }
        let pctStart = try args.pythonFloat("pct_start", default: 0.3)
        guard pctStart >= 0 && pctStart <= 1 else {
            throw args.invalid("pct_start", "Expected float between 0 and 1 pct_start, but got \(pctStart) (ValueError)")
        }
        return LegacyOneCycleMomentum(baseMomentum: try values("base_momentum", 0.85), maxMomentum: try values("max_momentum", 0.95),
                                      pctStart: pctStart, anneal: try LegacyAnneal.parse(args),
                                      threePhase: try args.flag("three_phase", default: false))
    }
}
