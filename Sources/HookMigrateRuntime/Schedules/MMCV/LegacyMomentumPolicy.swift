/// The momentum policies MMCV 1.7.2 registers (`mmcv/runner/hooks/momentum_updater.py`): Step,
/// CosineAnnealing, LinearAnnealing, Cyclic and OneCycle only — there is no Fixed/Poly/Exp momentum policy
/// (schedules.md A.0, A.4).
public enum LegacyMomentumPolicy: Sendable, Hashable {
    /// `Step`: `b * gamma ** n`, **gamma default 0.5**, floored at `min_momentum` when set.
    case step(rule: LegacyStepRule, gamma: Double, minMomentum: Double?)
    /// `CosineAnnealing`: `annealing_cos(b, t, p/P)`.
    case cosineAnnealing(target: LegacyTarget)
    /// `LinearAnnealing`: `annealing_linear(b, t, p/P)`.
    case linearAnnealing(target: LegacyTarget)
    /// `Cyclic` (by iteration only; `target_ratio` default `(0.85/0.95, 1)`, relative to the base momentum).
    case cyclic(LegacyCyclic)
    /// `OneCycle` (by iteration only; overwrites the momentum at `before_run`).
    case oneCycle(LegacyOneCycleMomentum)

    /// The registered stem.
    public var stem: String {
        switch self {
        case .step: return "Step"
        case .cosineAnnealing: return "CosineAnnealing"
        case .linearAnnealing: return "LinearAnnealing"
        case .cyclic: return "Cyclic"
        case .oneCycle: return "OneCycle"
        }
    }

    /// `get_momentum` for the progress-based policies.
    func value(base: Double, progress p: Int, maxProgress: Int?) throws -> Double {
        func fraction() throws -> Double {
            guard let maxProgress else {
                throw ScheduleRuntimeError(.typeError, "unsupported operand type(s) for /: 'int' and 'NoneType' (runner.max_epochs is None)")
            }
            return try PyFloat.div(Double(p), Double(maxProgress))
        }
        switch self {
        case let .step(rule, gamma, minMomentum):
            let momentum = base * (try PyFloat.pow(gamma, Double(try rule.exponent(progress: p))))
            if let minMomentum { return Swift.max(momentum, minMomentum) }
            return momentum
        case .cosineAnnealing(let target):
            return LegacyAnneal.cosine(base, target.value(base: base), try fraction())
        case .linearAnnealing(let target):
            return LegacyAnneal.straight(base, target.value(base: base), try fraction())
        case .cyclic, .oneCycle:
            throw ScheduleRuntimeError(.typeError, "\(stem) is evaluated by the updater with its before_run state")
        }
    }

    /// The keyword arguments every momentum hook takes (`MomentumUpdaterHook.__init__`; no
    /// `warmup_by_epoch`), plus `policy` and `type`.
    static let commonKeys: Set<String> = ["policy", "type", "by_epoch", "warmup", "warmup_iters", "warmup_ratio"]

    /// Every keyword argument `<stem>MomentumUpdaterHook` accepts (with `policy` and `type`); anything else
    /// is a TypeError in MMCV. Shared with the `momentum_config` rule.
    public static func acceptedKeys(_ stem: String) -> Set<String> {
        let specific: Set<String>
        switch stem {
        case "Step": specific = ["step", "gamma", "min_momentum"]
        case "CosineAnnealing", "LinearAnnealing": specific = ["min_momentum", "min_momentum_ratio"]
        case "Cyclic": specific = ["target_ratio", "cyclic_times", "step_ratio_up", "anneal_strategy", "gamma"]
        case "OneCycle": specific = ["base_momentum", "max_momentum", "pct_start", "anneal_strategy", "three_phase"]
        default: specific = []
        }
        return commonKeys.union(specific)
    }

    /// Builds the policy of a registered stem with the constructor's checks. The caller
    /// (`LegacyUpdaterConfig.parse`) has refused the arguments the class does not take.
    static func parse(stem: String, _ args: ScheduleArguments) throws -> LegacyMomentumPolicy {
        let owner = stem + "MomentumUpdaterHook"
        switch stem {
        case "Step":
            return .step(rule: try LegacyStepRule.parse(args, owner: owner), gamma: try args.double("gamma", default: 0.5),
                         minMomentum: try args.optionalDouble("min_momentum"))
        case "CosineAnnealing":
            return .cosineAnnealing(target: try LegacyTarget.parse(args, absoluteKey: "min_momentum", ratioKey: "min_momentum_ratio", owner: owner))
        case "LinearAnnealing":
            return .linearAnnealing(target: try LegacyTarget.parse(args, absoluteKey: "min_momentum", ratioKey: "min_momentum_ratio", owner: owner))
        case "Cyclic":
            return .cyclic(try LegacyCyclic.parse(args, lr: false))
        default:
            return .oneCycle(try LegacyOneCycleMomentum.parse(args))
        }
    }
}
