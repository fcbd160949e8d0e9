import HookMigrateCore

/// A legacy `policy` that names no MMCV 1.7.2 hook class: `mmcv.build_from_cfg` raises `KeyError` when the
/// runner registers the hook (`mmcv/runner/base_runner.py`, `register_lr_hook` / `register_momentum_hook`).
///
/// Typical causes: an all-lower-case camel-case name (`cosineannealing` becomes
/// `CosineannealingLrUpdaterHook`), a policy registered by a downstream package the simulator does not model
/// (mmedit `Reduce`, mmaction2 `TIN` …; the modelled ones are `LegacyPolicyName.Family.downstreamStems`), a momentum policy that exists only for lr (`poly`, `exp`, `fixed`).
/// schedules.md A.0.
public struct UnknownPolicyError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The `policy` string as written.
    public var policy: String
    /// The class name MMCV looked up (`CosineannealingLrUpdaterHook`).
    public var className: String
    /// The registered class names of this family, for the message.
    public var known: [String]
    /// Where the policy is written.
    public var location: SourceLocation?

    /// Creates an error.
    public init(policy: String, className: String, known: [String], location: SourceLocation?) {
        self.policy = policy
        self.className = className
        self.known = known
        self.location = location
    }

    /// The same problem as a located `ConfigError` (`invalid-value`).
    public var configError: ConfigError {
        ConfigError(.invalidValue, "policy '\(policy)' resolves to `\(className)`, which MMCV 1.7.2 does not register (KeyError); registered: \(known.joined(separator: ", "))", at: location)
    }

    public var description: String { configError.description }
}
