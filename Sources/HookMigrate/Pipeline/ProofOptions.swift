import HookMigrateCore
import HookMigrateRuntime

/// Settings of a proof (`ConversionProof`) that the two configs do not state.
public struct ProofOptions: Sendable {
    /// The user's epoch length L (`--iters-per-epoch`): proven first, and the one whose verdict counts when the
    /// conversion is exact only at it. `nil`: every length of the plan must be equivalent.
    public var itersPerEpoch: Int?
    /// Whether the legacy run was distributed.
    public var distributed: Bool
    /// Float tolerance.
    public var tolerance: Tolerance
    /// Compare each param group's lr up to a constant factor (`--ignore-lr-scale`).
    public var ignoreLrScale: Bool
    /// The work each run of the plan may do.
    public var budget: ProofBudget
    /// Quiet spans in bulk (the default) or every event one by one.
    public var strategy: TraceEquivalence.Strategy
    /// Extra custom-hook rules (`--rules`), for the successor type a legacy hook was given.
    public var hookRules: HookRuleTable
    /// Whether a run that diverges is compared again with each diverged stream left out, so that the state of
    /// every stream is known (`StreamStates.explore`: up to one more comparison per stream). Off, the
    /// streams after the first divergence are "not compared", and the lengths after the first that is not
    /// equivalent are not run: the verdict and its first divergence are the same, at the cost of one comparison
    /// (the tree mode turns it off unless a report or a plot shows them).
    public var exploresStreams = true

    /// Creates options.
    public init(itersPerEpoch: Int? = nil, distributed: Bool = false, tolerance: Tolerance = Tolerance(), ignoreLrScale: Bool = false,
                budget: ProofBudget = .standard, strategy: TraceEquivalence.Strategy = .spans, hookRules: HookRuleTable = HookRuleTable()) {
        self.itersPerEpoch = itersPerEpoch
        self.distributed = distributed
        self.tolerance = tolerance
        self.ignoreLrScale = ignoreLrScale
        self.budget = budget
        self.strategy = strategy
        self.hookRules = hookRules
    }

    /// The proof of a conversion made with `migration`: the same epoch length (given or not), the same
    /// distributed flag, the same hook rules. `convert`, the tree mode and the benchmark all prove this way,
    /// so a conversion is never proven under settings it was not made with.
    public init(migration: MigrationOptions) {
        self.init(itersPerEpoch: migration.itersPerEpoch, distributed: migration.distributed, hookRules: migration.extraHookRules)
    }
}
