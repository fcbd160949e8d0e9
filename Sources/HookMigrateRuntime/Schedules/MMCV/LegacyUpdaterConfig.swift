import HookMigrateCore

/// An MMCV 1.7.2 updater hook's config (`lr_config`, `momentum_config`) as the runner and the hook's
/// constructor read it (`register_lr_hook` / `register_momentum_hook` in `mmcv/runner/base_runner.py`, the
/// `__init__` of `LrUpdaterHook`, `MomentumUpdaterHook` and their policies): the policy name resolved to a
/// registered class, every keyword argument checked against that class's, `by_epoch` with the runner's
/// default, the policy's own arguments, and the warmup.
///
/// This is the one reading of an updater config: the `lr_config` and `momentum_config` rules translate it, and
/// the simulated hooks (`LegacyLrUpdater`, `LegacyMomentumUpdater`) run it. What the constructor refuses is a
/// `ConfigError` with code `.rejected`, located at the offending value; a policy that names no registered
/// class is an `UnknownPolicyError`.
public struct LegacyUpdaterConfig<Policy: Sendable & Hashable>: Sendable, Hashable {
    /// `policy` as written (`step`, `CosineAnnealing` …).
    public let policyName: String
    /// The registered class's stem the name resolves to (`Step`, `CosineAnnealing`).
    public let stem: String
    /// The policy and its arguments.
    public let policy: Policy
    /// `by_epoch` after the runner's default (IterBasedRunner: `lr_config.setdefault('by_epoch', False)`).
    public let byEpoch: Bool
    /// The warmup's kind and ratio, `nil` for `warmup=None`.
    public let warmup: LegacyWarmup?
    /// `warmup_iters` as written (a count of epochs with `warmup_by_epoch`), `nil` when written as `None`.
    /// Python keeps it an int or a float; MMCV's lr hook asserts it is an int at every `before_train_iter`.
    public let warmupLength: LegacyCount?
    /// `warmup_by_epoch` (the lr hook's only; the momentum hook takes no such argument).
    public let warmupByEpoch: Bool
}

extension LegacyUpdaterConfig where Policy == LegacyLrPolicy {
    /// Reads `lr_config` as `register_lr_hook` and the hook's constructor do. `iterBasedRunner` applies
    /// IterBasedRunner's `setdefault('by_epoch', False)`.
    public static func parse(config: ConfigMapping, location: SourceLocation?, path: ConfigPath = "lr_config",
                             iterBasedRunner: Bool) throws -> Self {
        let args = ScheduleArguments(config, path: path, location: location)
        let (name, stem) = try resolve(args, family: .lr)
        try args.rejectUnknown(allowed: LegacyLrPolicy.acceptedKeys(stem), owner: stem + "LrUpdaterHook")
        let classDefault = !(stem == "Cyclic" || stem == "OneCycle")
        let byEpoch = try args.flag("by_epoch", default: iterBasedRunner ? false : classDefault)
        // OneCycle asserts only a by_epoch it was given; Cyclic asserts whatever it gets.
        if (stem == "Cyclic" || (stem == "OneCycle" && config["by_epoch"] != nil)) && byEpoch {
            throw args.invalid("by_epoch", "\(stem)LrUpdaterHook currently only supports \"by_epoch\" = False (AssertionError)")
        }
        let policy = try LegacyLrPolicy.parse(stem: stem, args)
        if stem == "SiameseRPN" && !byEpoch {
            throw args.invalid("by_epoch", "SiameseRPNLrUpdaterHook asserts by_epoch is True (AssertionError; IterBasedRunner defaults it to False)")
        }
        let warmup = try LegacyWarmupArguments.parse(args, defaultRatio: 0.1)
        return Self(policyName: name, stem: stem, policy: policy, byEpoch: byEpoch, warmup: warmup.warmup,
                    warmupLength: warmup.iters, warmupByEpoch: try args.flag("warmup_by_epoch", default: false))
    }
}

extension LegacyUpdaterConfig where Policy == LegacyMomentumPolicy {
    /// Reads `momentum_config` as `register_momentum_hook` and the hook's constructor do (the runner sets no
    /// `by_epoch` default for it).
    public static func parse(config: ConfigMapping, location: SourceLocation?, path: ConfigPath = "momentum_config") throws -> Self {
        let args = ScheduleArguments(config, path: path, location: location)
        let (name, stem) = try resolve(args, family: .momentum)
        try args.rejectUnknown(allowed: LegacyMomentumPolicy.acceptedKeys(stem), owner: stem + "MomentumUpdaterHook",
                               hints: ["warmup_by_epoch": "momentum warmups are always in iterations"])
        let perIteration = stem == "Cyclic" || stem == "OneCycle"
        let byEpoch = try args.flag("by_epoch", default: !perIteration)
        if perIteration && byEpoch {
            throw args.invalid("by_epoch", "\(stem)MomentumUpdaterHook currently only supports \"by_epoch\" = False (AssertionError)")
        }
        let policy = try LegacyMomentumPolicy.parse(stem: stem, args)
        let warmup = try LegacyWarmupArguments.parse(args, defaultRatio: 0.9)
        return Self(policyName: name, stem: stem, policy: policy, byEpoch: byEpoch, warmup: warmup.warmup,
                    warmupLength: warmup.iters, warmupByEpoch: false)
    }
}

extension LegacyUpdaterConfig {
    /// `policy` (required: the runner asserts it) and the registered stem it names, or `UnknownPolicyError`.
    static func resolve(_ args: ScheduleArguments, family: LegacyPolicyName.Family) throws -> (name: String, stem: String) {
        let key = family == .lr ? "lr_config" : "momentum_config"
        guard let policyNode = args.mapping["policy"] else {
            throw ConfigError(.missingKey, "`\(args.path.appending("policy"))` is required (the runner asserts 'policy' in \(key))", at: args.location)
        }
        let name = try policyNode.string(args.path.appending("policy"))
        guard let stem = LegacyPolicyName.resolve(name, family: family) else {
            throw UnknownPolicyError(policy: name, className: LegacyPolicyName.className(of: name, family: family),
                                     known: family.registeredStems.map { $0 + family.rawValue },
                                     location: policyNode.location ?? args.location)
        }
        return (name, stem)
    }
}
