/// MMCV 1.7.2's `OneCycleLrUpdaterHook` (`mmcv/runner/hooks/lr_updater.py`; schedules.md A.3).
///
/// `before_run` ignores the optimizer's lr: `b = max_lr / div_factor` per group (and
/// `setdefault('initial_lr', b)`); `T = total_steps` or `runner.max_iters` (`ValueError` when
/// `total_steps < max_iters`). Phases `(end iteration, start factor, end factor)`: two-phase
/// `(pct·T - 1, 1, div)`, `(T - 1, div, 1/final_div)`; three-phase `(pct·T - 1, 1, div)`,
/// `(2·pct·T - 2, div, 1)`, `(T - 1, 1, 1/final_div)`. Iteration `k` uses the first phase with `k <= end`:
/// `anneal(b·f0, b·f1, (k - start)/(end - start))`, `start` being the previous phase's end (0 first).
public struct LegacyOneCycle: Sendable, Hashable {
    /// `max_lr`.
    public var maxLr: LegacyGroupValues
    /// `total_steps` (`nil`: `runner.max_iters`).
    public var totalSteps: Int?
    /// `pct_start` (a Python float in [0, 1]).
    public var pctStart: Double
    /// `anneal_strategy`.
    public var anneal: LegacyAnneal
    /// `div_factor`.
    public var divFactor: Double
    /// `final_div_factor`.
    public var finalDivFactor: Double
    /// `three_phase`.
    public var threePhase: Bool

    /// One phase: it ends at `endIteration` and anneals from `startFactor·b` to `endFactor·b`.
    public struct Phase: Sendable, Hashable {
        public var endIteration: Double
        public var startFactor: Double
        public var endFactor: Double
    }

    /// The base values `max_lr / div_factor`, one per group.
    public func baseValues(groupCount: Int, optimizerType: String?) throws -> [Double] {
        try maxLr.resolve(groupCount: groupCount, optimizerType: optimizerType, name: "max_lr")
            .map { try PyFloat.div($0, divFactor) }
    }

    /// The phases for a run of `maxIters` iterations.
    public func phases(maxIters: Int) throws -> [Phase] {
        let total = totalSteps ?? maxIters
        guard total >= maxIters else {
            throw ScheduleRuntimeError(.valueError, "The total steps must be greater than or equal to max iterations \(maxIters) of runner, but total steps is \(total).")
        }
        let steps = Double(total)
        let finalFactor = try PyFloat.div(1, finalDivFactor)
        if threePhase {
            return [
                Phase(endIteration: pctStart * steps - 1, startFactor: 1, endFactor: divFactor),
                Phase(endIteration: 2 * pctStart * steps - 2, startFactor: divFactor, endFactor: 1),
                Phase(endIteration: steps - 1, startFactor: 1, endFactor: finalFactor),
            ]
        }
        return [
            Phase(endIteration: pctStart * steps - 1, startFactor: 1, endFactor: divFactor),
            Phase(endIteration: steps - 1, startFactor: divFactor, endFactor: finalFactor),
        ]
    }

    /// The lr at global iteration `iteration` for base value `base`.
    public func value(base: Double, iteration: Int, phases: [Phase]) throws -> Double {
        let k = Double(iteration)
        var start = 0.0
        for phase in phases {
            if k <= phase.endIteration {
                let pct = try PyFloat.div(k - start, phase.endIteration - start)
                return anneal(base * phase.startFactor, base * phase.endFactor, pct)
            }
            start = phase.endIteration
        }
        throw ScheduleRuntimeError(.unboundLocalError, "local variable 'lr' referenced before assignment (iteration \(iteration) is past the last phase)")
    }

    /// Reads the OneCycle arguments.
    static func parse(_ args: ScheduleArguments) throws -> LegacyOneCycle {
        guard let maxNode = args.raw("max_lr") else { throw args.missing("max_lr", for: "OneCycleLrUpdaterHook") }
        let maxLr = try LegacyGroupValues.parse(maxNode, path: args.path.appending("max_lr"), allowInt: true, owner: "max_lr")
        var totalSteps: Int?
        if let node = args.node("total_steps") {
            guard case .scalar(.int(let value)) = node.value else {
                throw args.invalid("total_steps", "the type of total_steps must be int, but got \(node.typeDescription) (\(node.description)) (ValueError)")
            }
            totalSteps = value
        }
        let pctStart = try args.pythonFloat("pct_start", default: 0.3)
        guard pctStart >= 0 && pctStart <= 1 else {
            throw args.invalid("pct_start", "expected float between 0 and 1 pct_start, but got \(pctStart) (ValueError)")
        }
        return LegacyOneCycle(maxLr: maxLr, totalSteps: totalSteps, pctStart: pctStart, anneal: try LegacyAnneal.parse(args),
                              divFactor: try args.double("div_factor", default: 25),
                              finalDivFactor: try args.double("final_div_factor", default: 1e4),
                              threePhase: try args.flag("three_phase", default: false))
    }
}
