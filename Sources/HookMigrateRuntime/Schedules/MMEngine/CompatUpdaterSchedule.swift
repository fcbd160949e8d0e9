import HookMigrateCore

/// `MMCVLrUpdaterLR` of hookmigrate's compat module (`migrations/compat/hookmigrate_mmcv_compat_v1.py`,
/// docs/compat.md): MMCV 1.7.2's CosineAnnealing / Poly / Step lr updater with its warmup, as an MMEngine scheduler
/// stepped by iteration. At `_last_step == i` it writes, per group of base value `b`, the legacy hook's value
/// at iteration `i`: the policy's regular lr (progress `i // L` of `end // L` epochs with `policy_by_epoch`,
/// else `i` of `end` iterations), warmed while `i < W` — the same functions the legacy simulator uses
/// (`LegacyLrPolicy.value`, `LegacyWarmup.lr`), so one place knows MMCV's formulas.
public struct CompatUpdaterSchedule: Sendable, Hashable {
    /// The scheduler's registered name.
    public static let type = "MMCVLrUpdaterLR"
    /// The Python module that registers it (imported through `custom_imports`).
    public static let module = "hookmigrate_mmcv_compat_v1"
    /// Its own keyword arguments.
    static let keys: Set<String> = ["policy", "policy_by_epoch", "min_lr", "min_lr_ratio", "power", "step", "gamma", "warmup",
                                    "warmup_iters", "warmup_ratio", "warmup_by_epoch"]

    /// The policy (CosineAnnealing, Poly or Step).
    public var policy: LegacyLrPolicy
    /// `policy_by_epoch`: progress in epochs.
    public var policyByEpoch: Bool
    /// The warmup, `nil` for none.
    public var warmup: LegacyWarmup?
    /// `warmup_iters` as written (epochs with `warmupByEpoch`).
    public var warmupIters: Double
    /// `warmup_by_epoch`.
    public var warmupByEpoch: Bool
    /// `epoch_length`, passed by `convert_to_iter_based`.
    public var epochLength: Int?

    /// Reads the arguments with the module's checks.
    static func parse(_ args: ScheduleArguments) throws -> CompatUpdaterSchedule {
        let owner = type
        let policyName = try args.optionalString("policy") ?? ""
        let policy: LegacyLrPolicy
        switch policyName {
        case "CosineAnnealing":
            policy = .cosineAnnealing(target: try LegacyTarget.parse(args, absoluteKey: "min_lr", ratioKey: "min_lr_ratio", owner: owner))
        case "Poly":
            policy = .poly(power: try args.double("power", default: 1), minLr: try args.double("min_lr", default: 0))
        case "Step":
            policy = .step(rule: try LegacyStepRule.parse(args, owner: owner), gamma: try args.double("gamma", default: 0.1),
                           minLr: try args.optionalDouble("min_lr"))
        default:
            throw args.invalid("policy", "\(owner): policy must be one of ('CosineAnnealing', 'Poly', 'Step'), got '\(policyName)' (ValueError)")
        }
        let warmup = try LegacyWarmupArguments.parse(args, defaultRatio: 0.1)
        return CompatUpdaterSchedule(policy: policy, policyByEpoch: try args.flag("policy_by_epoch", default: true),
                                     warmup: warmup.warmup, warmupIters: warmup.iters?.value ?? 0,
                                     warmupByEpoch: try args.flag("warmup_by_epoch", default: false), epochLength: nil)
    }

    /// The value at iteration `i` for base value `base` in a run of `end` iterations.
    func value(base: Double, iteration i: Int, end: Double) throws -> Double {
        guard end.isFinite, end >= 1 else {
            throw ScheduleRuntimeError(.valueError, "\(Self.type) needs begin=0 and a finite end (the run length in iterations)")
        }
        let maxIters = Int(end)
        let needsLength = policyByEpoch || warmupByEpoch
        guard !needsLength || (epochLength ?? 0) > 0 else {
            throw ScheduleRuntimeError(.valueError, "\(Self.type): a by-epoch policy or warmup needs epoch_length (build with convert_to_iter_based=True)")
        }
        let length = epochLength ?? 1
        let regular = policyByEpoch
            ? try policy.value(base: base, progress: i / length, maxProgress: maxIters / length)
            : try policy.value(base: base, progress: i, maxProgress: maxIters)
        let warmLength = warmupByEpoch ? warmupIters * Double(length) : warmupIters
        guard let warmup, Double(i) < warmLength else { return regular }
        return try warmup.lr(regular: regular, iteration: i, length: warmLength)
    }
}
