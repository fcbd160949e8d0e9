/// Settings of one conversion that the config itself does not state.
public struct MigrationOptions: Sendable, Equatable {
    /// L, the number of iterations per epoch (the length of the train dataloader). Needed to turn epoch
    /// counts into iteration counts (`warmup_by_epoch`); without it the closest form is emitted and the
    /// report says what was assumed.
    public var itersPerEpoch: Int?
    /// Whether the legacy run was distributed (mmdet-era train scripts registered some hooks only then).
    public var distributed: Bool
    /// Extra custom-hook rules (from `--rules FILE`), applied over the bundled ones.
    public var extraHookRules: HookRuleTable
    /// The `default_scope` to write (from `--scope NAME`), overriding the one inferred from the config.
    public var scope: String?
    /// `--compat`: the lr forms no built-in scheduler chain reproduces use hookmigrate's compat module
    /// (docs/compat.md), which the CLI writes beside the converted config.
    public var compat: Bool

    /// Creates options.
    public init(itersPerEpoch: Int? = nil, distributed: Bool = false, extraHookRules: HookRuleTable = HookRuleTable(),
                scope: String? = nil, compat: Bool = false) {
        self.compat = compat
        self.itersPerEpoch = itersPerEpoch
        self.distributed = distributed
        self.extraHookRules = extraHookRules
        self.scope = scope
    }
}
