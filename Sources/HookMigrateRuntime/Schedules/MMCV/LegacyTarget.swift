/// The end value of a legacy annealing policy: an absolute `min_lr` / `min_momentum` (the same for every
/// group) or a `min_lr_ratio` / `min_momentum_ratio` times each group's base value
/// (`mmcv/runner/hooks/lr_updater.py`: `target_lr = base_lr * self.min_lr_ratio` else `self.min_lr`).
/// Exactly one of the two must be given (`assert (min_lr is None) ^ (min_lr_ratio is None)`).
public enum LegacyTarget: Sendable, Hashable {
    /// `min_lr=x`.
    case absolute(Double)
    /// `min_lr_ratio=ρ`.
    case ratio(Double)

    /// The target for a group whose base value is `base`.
    public func value(base: Double) -> Double {
        switch self {
        case .absolute(let value): return value
        case .ratio(let ratio): return base * ratio
        }
    }

    /// Reads the exclusive pair `<absoluteKey>` / `<ratioKey>`; neither or both is the constructor's
    /// `AssertionError`, reported as a located `ConfigError`.
    static func parse(_ args: ScheduleArguments, absoluteKey: String, ratioKey: String, owner: String) throws -> LegacyTarget {
        let absolute = try args.optionalDouble(absoluteKey)
        let ratio = try args.optionalDouble(ratioKey)
        switch (absolute, ratio) {
        case (let value?, nil): return .absolute(value)
        case (nil, let value?): return .ratio(value)
        case (nil, nil):
            throw args.invalid("\(owner) needs exactly one of `\(absoluteKey)` and `\(ratioKey)`; neither is set (AssertionError)")
        case (_?, _?):
            throw args.invalid("\(owner) needs exactly one of `\(absoluteKey)` and `\(ratioKey)`; both are set (AssertionError)")
        }
    }
}
