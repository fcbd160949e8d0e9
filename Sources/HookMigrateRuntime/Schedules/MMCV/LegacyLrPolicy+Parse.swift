import HookMigrateCore

extension LegacyLrPolicy {
    /// The keyword arguments every lr hook takes (`LrUpdaterHook.__init__`), plus `policy` (popped by the
    /// runner) and `type` (overwritten by the runner).
    static let commonKeys: Set<String> = ["policy", "type", "by_epoch", "warmup", "warmup_iters", "warmup_ratio", "warmup_by_epoch"]

    /// The policy-specific keyword arguments of each registered class.
    static func specificKeys(_ stem: String) -> Set<String> {
        switch stem {
        case "Step": return ["step", "gamma", "min_lr"]
        case "Exp": return ["gamma"]
        case "Poly": return ["power", "min_lr"]
        case "Inv": return ["gamma", "power"]
        case "CosineAnnealing", "LinearAnnealing": return ["min_lr", "min_lr_ratio"]
        case "FlatCosineAnnealing": return ["start_percent", "min_lr", "min_lr_ratio"]
        case "CosineRestart": return ["periods", "restart_weights", "min_lr", "min_lr_ratio"]
        case "Cyclic": return ["target_ratio", "cyclic_times", "step_ratio_up", "anneal_strategy", "gamma"]
        case "OneCycle": return ["max_lr", "total_steps", "pct_start", "anneal_strategy", "div_factor", "final_div_factor", "three_phase"]
        case "MultiStage": return LegacyMultiStage.keys
        case "Linear": return LegacyLinearInterval.keys
        case "CosineAnnealingCooldown": return LegacyCosineCooldown.keys
        case "YOLOX": return LegacyYOLOX.keys
        case "SiameseRPN": return LegacySiameseRPN.keys
        case "Reduce": return LegacyReduce.keys
        default: return []
        }
    }

    /// Every keyword argument `<stem>LrUpdaterHook` accepts (with `policy` and `type`); anything else is a
    /// TypeError in MMCV. Shared with the `lr_config` rule, so both check the same table.
    public static func acceptedKeys(_ stem: String) -> Set<String> {
        commonKeys.union(specificKeys(stem))
    }

    /// Builds the policy of a registered stem from the hook's keyword arguments, with the constructor's
    /// checks (each a located `ConfigError`). The caller (`LegacyUpdaterConfig.parse`) has refused the
    /// arguments the class does not take.
    static func parse(stem: String, _ args: ScheduleArguments) throws -> LegacyLrPolicy {
        let owner = stem + "LrUpdaterHook"
        switch stem {
        case "Fixed":
            return .fixed
        case "Step":
            return .step(rule: try LegacyStepRule.parse(args, owner: owner), gamma: try args.double("gamma", default: 0.1),
                         minLr: try args.optionalDouble("min_lr"))
        case "Exp":
            return .exp(gamma: try args.requiredDouble("gamma", for: owner))
        case "Poly":
            return .poly(power: try args.double("power", default: 1), minLr: try args.double("min_lr", default: 0))
        case "Inv":
            return .inv(gamma: try args.requiredDouble("gamma", for: owner), power: try args.double("power", default: 1))
        case "CosineAnnealing":
            return .cosineAnnealing(target: try LegacyTarget.parse(args, absoluteKey: "min_lr", ratioKey: "min_lr_ratio", owner: owner))
        case "LinearAnnealing":
            return .linearAnnealing(target: try LegacyTarget.parse(args, absoluteKey: "min_lr", ratioKey: "min_lr_ratio", owner: owner))
        case "FlatCosineAnnealing":
            let target = try LegacyTarget.parse(args, absoluteKey: "min_lr", ratioKey: "min_lr_ratio", owner: owner)
            let startPercent = try args.pythonFloat("start_percent", default: 0.75)
            guard startPercent >= 0 && startPercent <= 1 else {
                throw args.invalid("start_percent", "expected float between 0 and 1 start_percent, but got \(startPercent) (ValueError)")
            }
            return .flatCosineAnnealing(startPercent: startPercent, target: target)
        case "CosineRestart":
            let target = try LegacyTarget.parse(args, absoluteKey: "min_lr", ratioKey: "min_lr_ratio", owner: owner)
            guard let periods = try args.doubles("periods") else { throw args.missing("periods", for: owner) }
            let weights = try args.doubles("restart_weights", default: [1]) ?? [1]
            guard periods.count == weights.count else {
                throw args.invalid("restart_weights", "periods and restart_weights should have the same length (\(periods.count) vs \(weights.count)) (AssertionError)")
            }
            return .cosineRestart(periods: periods, restartWeights: weights, target: target)
        case "Cyclic":
            return .cyclic(try LegacyCyclic.parse(args, lr: true))
        case "OneCycle":
            return .oneCycle(try LegacyOneCycle.parse(args))
        case "MultiStage":
            return .multiStage(try LegacyMultiStage.parse(args, owner: owner))
        case "Linear":
            return .linear(try LegacyLinearInterval.parse(args))
        case "CosineAnnealingCooldown":
            return .cosineAnnealingCooldown(try LegacyCosineCooldown.parse(args, owner: owner))
        case "YOLOX":
            return .yolox(try LegacyYOLOX.parse(args, owner: owner))
        case "SiameseRPN":
            return .siameseRPN(try LegacySiameseRPN.parse(args, owner: owner))
        case "Reduce":
            return .reduce(try LegacyReduce.parse(args, owner: owner))
        default:
            throw args.invalid("policy", "no lr policy class for \(stem)")
        }
    }
}
