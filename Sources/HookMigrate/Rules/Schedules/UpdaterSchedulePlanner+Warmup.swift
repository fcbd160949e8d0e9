import HookMigrateCore

/// The warmup part of an updater-hook config.
struct LegacyWarmup {
    /// `constant`, `linear` or `exp`.
    var kind: String
    /// `warmup_iters` as written: iterations, or epochs with `warmup_by_epoch`.
    var length: Int
    /// `warmup_ratio`.
    var ratio: Double
    /// `warmup_by_epoch`.
    var byEpoch: Bool
}

extension UpdaterSchedulePlanner {
    /// `warmup`, `warmup_iters`, `warmup_ratio` and `warmup_by_epoch`, validated as the hook's `__init__` does.
    /// `warmup_by_epoch` is an lr hook argument only: the momentum hook's unknown-argument check refuses it first.
    func parseWarmup() throws -> LegacyWarmup? {
        let key = Self.kind.configKey
        let length = try arguments.int("warmup_iters") ?? 0
        let ratio = try arguments.double("warmup_ratio") ?? Self.kind.defaultWarmupRatio
        let byEpoch = try arguments.bool("warmup_by_epoch") ?? false
        guard let kind = try arguments.string("warmup") else { return nil }
        guard ["constant", "linear", "exp"].contains(kind) else {
            throw ScheduleRejection("\"\(kind)\" is not a supported warmup type (ValueError); valid types are \"constant\", \"linear\" and \"exp\"", at: arguments.location("warmup"))
        }
        guard length > 0 else {
            throw ScheduleRejection("`\(key).warmup_iters` must be a positive integer when a warmup is set (MMCV asserts it), found \(length)", at: arguments.location("warmup_iters"))
        }
        guard ratio > 0, ratio <= 1 else {
            throw ScheduleRejection("`\(key).warmup_ratio` must be in (0, 1] (MMCV asserts it), found \(LrConfigRule.show(ratio))", at: arguments.location("warmup_ratio"))
        }
        return LegacyWarmup(kind: kind, length: length, ratio: ratio, byEpoch: byEpoch)
    }
}
