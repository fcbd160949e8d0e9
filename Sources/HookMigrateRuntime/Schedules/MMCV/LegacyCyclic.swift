import HookMigrateCore

/// MMCV 1.7.2's cyclic policy (`CyclicLrUpdaterHook` in `mmcv/runner/hooks/lr_updater.py`,
/// `CyclicMomentumUpdaterHook` in `momentum_updater.py`; schedules.md A.3, A.4).
///
/// At `before_run`: `Pc = runner.max_iters // cyclic_times`, `U = int(step_ratio_up * Pc)`, phases
/// `[0, U, 1, r0]` and `[U, Pc, r0, r1]`. For iteration `k`: `j = k % Pc`, `c = k // Pc`,
/// `s = gamma ** c`; the first phase with `start <= j < end` is used; a phase starting at 0 replaces its end
/// ratio by `1 - s + end*s`, any other phase its start ratio by `1 - s + start*s`; the value is
/// `anneal(b*start, b*end, (j - start)/(end - start))`. With `U = 0` the first phase is empty and the second
/// starts at 0, so it takes the first branch (the `U = 0` exception of A.3).
public struct LegacyCyclic: Sendable, Hashable {
    /// `target_ratio[0]` (the peak of the up phase, relative to the base value).
    public var upRatio: Double
    /// `target_ratio[1]` (the end of the down phase).
    public var downRatio: Double
    /// `cyclic_times`.
    public var cyclicTimes: Double
    /// `step_ratio_up`, in [0, 1).
    public var stepRatioUp: Double
    /// `anneal_strategy`.
    public var anneal: LegacyAnneal
    /// `gamma`: the cycle decay.
    public var gamma: Double

    /// Creates the policy from its arguments (`target_ratio`, `cyclic_times`, `step_ratio_up`,
    /// `anneal_strategy`, `gamma`).
    public init(upRatio: Double, downRatio: Double, cyclicTimes: Double, stepRatioUp: Double, anneal: LegacyAnneal, gamma: Double) {
        self.upRatio = upRatio
        self.downRatio = downRatio
        self.cyclicTimes = cyclicTimes
        self.stepRatioUp = stepRatioUp
        self.anneal = anneal
        self.gamma = gamma
    }

    /// The phase lengths fixed at `before_run`.
    public struct Phases: Sendable, Hashable {
        /// `Pc`: iterations per cycle.
        public var cycleLength: Double
        /// `U`: iterations of the up phase.
        public var upLength: Double
    }

    /// The phases for a run of `maxIters` iterations.
    public func phases(maxIters: Int) throws -> Phases {
        let cycle = try PyFloat.floorDiv(Double(maxIters), cyclicTimes)
        return Phases(cycleLength: cycle, upLength: PyFloat.truncate(stepRatioUp * cycle))
    }

    /// The value at global iteration `iteration` for base value `base`.
    public func value(base: Double, iteration: Int, phases: Phases) throws -> Double {
        let k = Double(iteration)
        let j = try PyFloat.mod(k, phases.cycleLength)
        let c = try PyFloat.floorDiv(k, phases.cycleLength)
        let scale = try PyFloat.pow(gamma, c)
        let table: [(start: Double, end: Double, startRatio: Double, endRatio: Double)] = [
            (0, phases.upLength, 1, upRatio),
            (phases.upLength, phases.cycleLength, upRatio, downRatio),
        ]
        for phase in table where phase.start <= j && j < phase.end {
            var startRatio = phase.startRatio
            var endRatio = phase.endRatio
            if phase.start == 0 {
                endRatio = 1 - scale + endRatio * scale
            } else {
                startRatio = 1 - scale + startRatio * scale
            }
            let progress = j - phase.start
            return anneal(base * startRatio, base * endRatio, try PyFloat.div(progress, phase.end - phase.start))
        }
        throw ScheduleRuntimeError(.typeError, "no cyclic phase contains iteration \(iteration) (the hook returns None as the value)")
    }

    /// Reads the cyclic arguments. `lr` selects the lr hook's defaults and its `gamma` check.
    static func parse(_ args: ScheduleArguments, lr: Bool) throws -> LegacyCyclic {
        let defaults: (Double, Double) = lr ? (10, 1e-4) : (0.85 / 0.95, 1.0)
        var ratios = defaults
        if let node = args.raw("target_ratio") {
            let path = args.path.appending("target_ratio")
            switch node.value {
            case .scalar(.float(let value)):
                ratios = (value, value / 1e5)
            case .list(let list):
                // A `.py` tuple becomes a YAML/JSON list when dumped: lists are read as the tuples they were
                // (schedules.md E.15).
                let values = try list.items.enumerated().map { try $0.element.double(path.appending(index: $0.offset)) }
                if values.count == 1 {
                    ratios = (values[0], values[0] / 1e5)
                } else if values.count == 2 {
                    ratios = (values[0], values[1])
                } else {
                    throw args.invalid("target_ratio", "\"target_ratio\" must be list or tuple of two floats, got \(values.count) values (AssertionError)")
                }
            default:
                throw args.invalid("target_ratio", "target_ratio should be either float or tuple, got \(node.typeDescription) (\(node.description)) (ValueError)")
            }
        }
        let stepRatioUp = try args.double("step_ratio_up", default: 0.4)
        guard stepRatioUp >= 0 && stepRatioUp < 1 else {
            throw args.invalid("step_ratio_up", "\"step_ratio_up\" must be in range [0,1), got \(stepRatioUp) (AssertionError)")
        }
        let gamma = try args.double("gamma", default: 1)
        if lr && !(gamma > 0 && gamma <= 1) {
            throw args.invalid("gamma", "\"gamma\" must be in range (0, 1], got \(gamma) (AssertionError)")
        }
        let anneal = try LegacyAnneal.parse(args)
        let cyclicTimes = try args.double("cyclic_times", default: 1)
        return LegacyCyclic(upRatio: ratios.0, downRatio: ratios.1, cyclicTimes: cyclicTimes,
                            stepRatioUp: stepRatioUp, anneal: anneal, gamma: gamma)
    }
}
