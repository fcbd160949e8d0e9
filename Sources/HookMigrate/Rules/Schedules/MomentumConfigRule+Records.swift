extension MomentumConfigRule {
    /// The records the `momentum_config` rule writes, one case per kind of record (id `momentum_config/<raw value>`).
    /// A case's documentation is its `summary` and `kinds`, printed in docs/records.md.
    public enum Records: String, UpdaterRecordCode {
        case noHook = "no-hook"
        case rejected = "rejected"
        case rejectedAtRunTime = "rejected-at-run-time"
        case downstreamPolicy = "downstream-policy"
        case unknownPolicy = "unknown-policy"
        case cosineAnnealing = "cosine-annealing"
        case cosineAnnealingLoopEnd = "cosine-annealing-loop-end"
        case needsRunLength = "needs-run-length"
        case linearRatioOutOfRange = "linear-ratio-out-of-range"
        case annealing = "annealing"
        case annealingDefaultEnd = "annealing-default-end"
        case optimizerWithoutMomentum = "optimizer-without-momentum"
        case byEpochInertUnderIterRunner = "by-epoch-inert-under-iter-runner"
        case zeroMomentumInert = "zero-momentum-inert"
        case warmupDropped = "warmup-dropped"
        case stepEvery = "step-every"
        case stepNeverDecays = "step-never-decays"
        case stepMilestones = "step-milestones"
        case cyclicLinear = "cyclic-linear"
        case cyclicFractionalTimes = "cyclic-fractional-times"
        case cyclicNeedsIterations = "cyclic-needs-iterations"
        case cyclic = "cyclic"
        case oneCyclePerGroup = "one-cycle-per-group"
        case oneCycleLinear = "one-cycle-linear"
        case oneCycleNeedsIterations = "one-cycle-needs-iterations"
        case oneCyclePhaseEnd = "one-cycle-phase-end"
        case oneCycleMaxMomentumSet = "one-cycle-max-momentum-set"
        case oneCycleSetMaxMomentum = "one-cycle-set-max-momentum"
        case oneCycle = "one-cycle"

        public static var rule: String { MomentumConfigRule.id }

        public var summary: String {
            switch self {
            case .noHook: "The key is None: MMCV registers no updater hook, so no scheduler is emitted."
            case .rejected: "A config MMCV's updater hook refuses to build: nothing is emitted (manual step)."
            case .rejectedAtRunTime: "A value MMCV's get_lr/get_momentum fails to compute for this run (the legacy run raises): nothing is emitted (manual step)."
            case .downstreamPolicy: "A policy registered by a downstream package, not MMCV: convert it with that package's migration."
            case .unknownPolicy: "A policy MMCV does not register (MMCV itself rejects the name): nothing is emitted."
            case .cosineAnnealing: "CosineAnnealing becomes CosineAnnealingLR/Momentum over the run (T_max = the run's length)."
            case .cosineAnnealingLoopEnd: "CosineAnnealing by iteration under an epoch runner becomes CosineAnnealingLR/Momentum whose T_max and end are the loop's max_iters."
            case .needsRunLength: "An annealing policy that needs the run's length, which is not known: nothing is emitted."
            case .linearRatioOutOfRange: "LinearAnnealing with min_<value>_ratio outside [0, 1], which LinearLR/Momentum factors cannot express: nothing is emitted."
            case .annealing: "Poly or LinearAnnealing becomes PolyLR/LinearLR (or the momentum counterpart) with end = H+1."
            case .annealingDefaultEnd: "Poly or LinearAnnealing by iteration under an epoch runner without L: the default end is one iteration short."
            case .optimizerWithoutMomentum: "The optimizer has neither momentum nor betas (MMCV's momentum hook fails): nothing is emitted."
            case .byEpochInertUnderIterRunner: "A by_epoch=True momentum_config under IterBasedRunner never updated the momentum: nothing is emitted."
            case .zeroMomentumInert: "The optimizer's momentum is 0, so the schedule never changed it: nothing is emitted."
            case .warmupDropped: "A momentum warmup, which has no MMEngine counterpart (N9): dropped."
            case .stepEvery: "Step with step=n becomes StepMomentum (a non-equivalence when min_momentum binds)."
            case .stepNeverDecays: "Step with step=[] never decays: no momentum scheduler."
            case .stepMilestones: "Step with a list of steps becomes MultiStepMomentum (a non-equivalence when min_momentum binds)."
            case .cyclicLinear: "cyclic with anneal_strategy='linear' has no MMEngine counterpart: nothing is emitted."
            case .cyclicFractionalTimes: "cyclic with a cyclic_times that is not a whole number: nothing is emitted."
            case .cyclicNeedsIterations: "cyclic needs the run's iterations, which are not known: nothing is emitted."
            case .cyclic: "cyclic becomes CosineRestartMomentum segments (F4)."
            case .oneCyclePerGroup: "OneCycle with base or max momentum per param group: nothing is emitted."
            case .oneCycleLinear: "OneCycle with anneal_strategy='linear' has no MMEngine counterpart: nothing is emitted."
            case .oneCycleNeedsIterations: "OneCycle needs the run's iterations, which are not known: nothing is emitted."
            case .oneCyclePhaseEnd: "OneCycle whose phase end pct_start·N is not an integer in [2, N−1]: nothing is emitted."
            case .oneCycleMaxMomentumSet: "OneCycle: the optimizer's momentum is already max_momentum, as MMCV's hook set it."
            case .oneCycleSetMaxMomentum: "OneCycle: the optimizer's momentum must be set to max_momentum by hand (MMCV's hook set it)."
            case .oneCycle: "OneCycle becomes 3 CosineRestartMomentum segments (F6)."
            }
        }

        public var kinds: [MigrationRecord.Kind] {
            switch self {
            case .noHook, .cosineAnnealing, .cosineAnnealingLoopEnd, .annealing, .stepNeverDecays, .cyclic,
                 .oneCycleMaxMomentumSet, .oneCycle: [.change]
            case .rejected, .rejectedAtRunTime, .downstreamPolicy, .unknownPolicy, .needsRunLength,
                 .linearRatioOutOfRange, .optimizerWithoutMomentum, .cyclicLinear, .cyclicFractionalTimes,
                 .cyclicNeedsIterations, .oneCyclePerGroup, .oneCycleLinear, .oneCycleNeedsIterations,
                 .oneCyclePhaseEnd, .oneCycleSetMaxMomentum: [.manualStep]
            case .annealingDefaultEnd, .warmupDropped: [.nonEquivalence]
            case .byEpochInertUnderIterRunner, .zeroMomentumInert: [.warning]
            case .stepEvery, .stepMilestones: [.change, .nonEquivalence]
            }
        }
    }
}
