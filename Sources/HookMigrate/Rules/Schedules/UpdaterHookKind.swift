import HookMigrateRuntime

/// Which MMCV updater hook a legacy key configures: the lr hook (`lr_config`) or the momentum hook
/// (`momentum_config`). Both take the same shape of config — a policy with its arguments, a warmup, `by_epoch` —
/// and become MMEngine schedulers named after the value they drive (`CosineAnnealingLR`,
/// `CosineAnnealingMomentum`). This is everything the code shared by the two rules needs to tell them apart.
struct UpdaterHookKind: Sendable {
    /// The legacy key, which is also the id of its rule.
    let configKey: String
    /// The value's name in MMCV's argument names (`min_lr`, `min_momentum_ratio`) and in messages.
    let valueName: String
    /// The suffix of MMCV's hook classes (`StepLrUpdaterHook`, `StepMomentumUpdaterHook`).
    let hookSuffix: String
    /// The suffix of MMEngine's scheduler classes (`CosineAnnealingLR`, `CosineAnnealingMomentum`).
    let schedulerSuffix: String
    /// The policy stems MMCV 1.7.2 registers for this hook.
    let mmcvPolicies: [String]
    /// Policies of this hook that downstream packages register, with the package that owns each.
    let downstreamPolicies: [(stem: String, owner: String)]
    /// The downstream policies the legacy simulator models, which the planner translates like MMCV's own.
    var simulatedDownstreamPolicies: [String] {
        configKey == LrConfigRule.id ? HookMigrateRuntime.LegacyPolicyName.Family.lr.downstreamStems.map(\.stem) : []
    }
    /// The arguments the hook of a registered policy accepts (the table the schedule simulators use too).
    let acceptedKeys: @Sendable (_ stem: String) -> Set<String>
    /// `warmup_ratio` when not written.
    let defaultWarmupRatio: Double
    /// Whether IterBasedRunner turns the hook's `by_epoch` default to False: it does
    /// `lr_config.setdefault('by_epoch', False)` but leaves `momentum_config` alone (A.0).
    let iterationRunnerDefaultsToByIteration: Bool

    // Wording that differs between the two rules' records.

    /// How a record ends when the policy produced no scheduler.
    let nothingEmitted: String
    /// Said after "which MMCV does not register" for an unknown policy name.
    let registeredPoliciesNote: String
    /// Said after "while MMCV's value at the last epoch|iteration" when an annealing gets `end = H + 1`.
    let annealingLastValueNote: String
    /// Said of an iteration count computed as N = E·L with L given.
    let exactGivenItersPerEpoch: @Sendable (_ itersPerEpoch: Int) -> String

    static let lr = UpdaterHookKind(
        configKey: LrConfigRule.id, valueName: "lr", hookSuffix: "LrUpdaterHook", schedulerSuffix: "LR",
        mmcvPolicies: LrConfigRule.mmcvPolicies, downstreamPolicies: LrConfigRule.downstreamPolicies,
        acceptedKeys: { HookMigrateRuntime.LegacyLrPolicy.acceptedKeys($0) },
        defaultWarmupRatio: 0.1, iterationRunnerDefaultsToByIteration: true,
        nothingEmitted: "no main scheduler was emitted",
        registeredPoliciesNote: "",
        annealingLastValueNote: " H−1 is still above it (the official guide's end=H is one short)",
        exactGivenItersPerEpoch: { "; N = max_epochs × \($0) iterations per epoch: exact given L=\($0)" })

    static let momentum = UpdaterHookKind(
        configKey: MomentumConfigRule.id, valueName: "momentum", hookSuffix: "MomentumUpdaterHook", schedulerSuffix: "Momentum",
        mmcvPolicies: MomentumConfigRule.mmcvPolicies, downstreamPolicies: [],
        acceptedKeys: { HookMigrateRuntime.LegacyMomentumPolicy.acceptedKeys($0) },
        defaultWarmupRatio: 0.9, iterationRunnerDefaultsToByIteration: false,
        nothingEmitted: "nothing was emitted",
        registeredPoliciesNote: " (its momentum policies are step, CosineAnnealing, LinearAnnealing, cyclic and OneCycle)",
        annealingLastValueNote: " is still above it",
        exactGivenItersPerEpoch: { "; N = max_epochs × \($0): exact given L=\($0)" })
}
