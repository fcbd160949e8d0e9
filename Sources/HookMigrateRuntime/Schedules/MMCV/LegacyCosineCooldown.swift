/// mmcls 0.25.0's `CosineAnnealingCooldownLrUpdaterHook` (`mmcls/core/hook/lr_updater.py`): MMCV's cosine
/// annealing over the run less `cool_down_time`, then `target * cool_down_ratio` for the cooldown:
///
/// ```
/// target_lr = base_lr * min_lr_ratio if min_lr_ratio is not None else min_lr
/// if progress > max_progress - cool_down_time: return target_lr * cool_down_ratio
/// else: max_progress = max_progress - cool_down_time
/// return annealing_cos(base_lr, target_lr, progress / max_progress)
/// ```
///
/// (mmcls' own `annealing_cos` is MMCV's.) Registered only where mmcls is imported.
public struct LegacyCosineCooldown: Sendable, Hashable {
    /// `min_lr` / `min_lr_ratio`.
    public var target: LegacyTarget
    /// `cool_down_ratio` (default 0.1).
    public var coolDownRatio: Double
    /// `cool_down_time` (default 10).
    public var coolDownTime: Double

    /// `get_lr` at progress `p` of `maxProgress`.
    public func value(base: Double, progress p: Double, maxProgress total: Double) throws -> Double {
        let targetLr = target.value(base: base)
        if p > total - coolDownTime { return targetLr * coolDownRatio }
        return LegacyAnneal.cosine(base, targetLr, try PyFloat.div(p, total - coolDownTime))
    }

    /// The keyword arguments the class takes beyond `LrUpdaterHook`'s.
    static let keys: Set<String> = ["min_lr", "min_lr_ratio", "cool_down_ratio", "cool_down_time"]

    /// The constructor: exactly one of `min_lr` and `min_lr_ratio`.
    static func parse(_ args: ScheduleArguments, owner: String) throws -> LegacyCosineCooldown {
        LegacyCosineCooldown(target: try LegacyTarget.parse(args, absoluteKey: "min_lr", ratioKey: "min_lr_ratio", owner: owner),
                             coolDownRatio: try args.double("cool_down_ratio", default: 0.1),
                             coolDownTime: try args.double("cool_down_time", default: 10))
    }
}
