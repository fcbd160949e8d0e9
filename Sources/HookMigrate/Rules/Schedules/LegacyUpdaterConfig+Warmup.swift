import HookMigrateCore
import HookMigrateRuntime

/// The warmup the parser read (`LegacyUpdaterConfig`), with its length as the whole count the translations
/// are written in.
struct WarmupTerms {
    /// `constant`, `linear` or `exp`.
    var kind: LegacyWarmup.Kind
    /// `warmup_ratio`.
    var ratio: Double
    /// `warmup_iters`: iterations, or epochs with `warmup_by_epoch`.
    var length: Int
    /// `warmup_by_epoch`.
    var byEpoch: Bool

    /// The kind's name as MMCV spells it.
    var name: String { kind.rawValue }
}

extension LegacyUpdaterConfig {
    /// The warmup of a config, `nil` without one. `warmup_iters` that is not a whole number has no counterpart:
    /// the lr hook refuses it at run time (`lrWarmupLengthRefusal(at:)`), and a momentum warmup with it is
    /// `nil` too, to be reported by the caller.
    var warmupTerms: WarmupTerms? {
        guard let warmup, let length = warmupLength, let whole = Int(exactly: length.value) else { return nil }
        return WarmupTerms(kind: warmup.kind, ratio: warmup.ratio, length: whole, byEpoch: warmupByEpoch)
    }

    /// MMCV's lr hook asserts `isinstance(self.warmup_iters, int)` at every `before_train_iter`, with or without
    /// a warmup (with `warmup_by_epoch` it is `warmup_iters × len(data_loader)`, an int only when the epochs
    /// are): a float or `None` stops the run at its first iteration. The refusal, or `nil`.
    func lrWarmupLengthRefusal(at location: SourceLocation?) -> ConfigError? {
        if let length = warmupLength, length.isInt { return nil }
        let found = warmupLength.map { LrConfigRule.show($0.value) } ?? "None"
        return ConfigError(.rejected, "at run time: LrUpdaterHook.before_train_iter asserts warmup_iters is an int, and it is \(found) (AssertionError in the first iteration)", at: location)
    }
}
