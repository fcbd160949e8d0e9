import HookMigrateRuntime

/// Which MMCV updater hook a legacy key configures: the lr hook (`lr_config`) or the momentum hook
/// (`momentum_config`). Both take the same shape of config — a policy with its arguments, a warmup, `by_epoch` —
/// and become MMEngine schedulers named after the value they drive (`CosineAnnealingLR`,
/// `CosineAnnealingMomentum`). This is everything the code shared by the two rules needs to tell them apart.
enum UpdaterHookKind {
    case lr
    case momentum

    /// The legacy key, which is also the id of its rule.
    var configKey: String {
        switch self {
        case .lr: return LrConfigRule.id
        case .momentum: return MomentumConfigRule.id
        }
    }

    /// The value's name in MMCV's argument names (`min_lr`, `min_momentum_ratio`) and in messages.
    var valueName: String {
        switch self {
        case .lr: return "lr"
        case .momentum: return "momentum"
        }
    }

    /// The suffix of MMCV's hook classes (`StepLrUpdaterHook`, `StepMomentumUpdaterHook`).
    var hookSuffix: String {
        switch self {
        case .lr: return "LrUpdaterHook"
        case .momentum: return "MomentumUpdaterHook"
        }
    }

    /// The suffix of MMEngine's scheduler classes (`CosineAnnealingLR`, `CosineAnnealingMomentum`).
    var schedulerSuffix: String {
        switch self {
        case .lr: return "LR"
        case .momentum: return "Momentum"
        }
    }

    /// The policy stems MMCV 1.7.2 registers for this hook.
    var mmcvPolicies: [String] {
        switch self {
        case .lr: return LrConfigRule.mmcvPolicies
        case .momentum: return MomentumConfigRule.mmcvPolicies
        }
    }

    /// Policies of this hook that downstream packages register, with the package that owns each.
    var downstreamPolicies: [(stem: String, owner: String)] {
        switch self {
        case .lr: return LrConfigRule.downstreamPolicies
        case .momentum: return []
        }
    }

    /// The arguments the hook of a registered policy accepts (the table the schedule simulators use too).
    func acceptedKeys(_ stem: String) -> [String] {
        switch self {
        case .lr: return HookMigrateRuntime.LegacyLrPolicy.acceptedKeys(stem).sorted()
        case .momentum: return HookMigrateRuntime.LegacyMomentumPolicy.acceptedKeys(stem).sorted()
        }
    }

    /// `warmup_ratio` when not written.
    var defaultWarmupRatio: Double {
        switch self {
        case .lr: return 0.1
        case .momentum: return 0.9
        }
    }

    /// Whether IterBasedRunner turns the hook's `by_epoch` default to False: it does
    /// `lr_config.setdefault('by_epoch', False)` but leaves `momentum_config` alone (A.0).
    var iterationRunnerDefaultsToByIteration: Bool { self == .lr }

    // MARK: Wording

    /// How a record ends when the policy produced no scheduler.
    var nothingEmitted: String {
        switch self {
        case .lr: return "no main scheduler was emitted"
        case .momentum: return "nothing was emitted"
        }
    }

    /// Said after "which MMCV does not register" for an unknown policy name: the momentum hook's short list.
    var registeredPoliciesNote: String {
        switch self {
        case .lr: return ""
        case .momentum: return " (its momentum policies are step, CosineAnnealing, LinearAnnealing, cyclic and OneCycle)"
        }
    }

    /// Said after "while MMCV's value at the last epoch|iteration" when an annealing gets `end = H + 1`.
    var annealingLastValueNote: String {
        switch self {
        case .lr: return " H−1 is still above it (the official guide's end=H is one short)"
        case .momentum: return " is still above it"
        }
    }

    /// Said of an iteration count computed as N = E·L with L given.
    func exactGivenItersPerEpoch(_ per: Int) -> String {
        switch self {
        case .lr: return "; N = max_epochs × \(per) iterations per epoch: exact given L=\(per)"
        case .momentum: return "; N = max_epochs × \(per): exact given L=\(per)"
        }
    }
}
