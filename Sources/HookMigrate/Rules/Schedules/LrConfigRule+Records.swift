extension LrConfigRule {
    /// The records the `lr_config` rule writes, one case per kind of record (id `lr_config/<raw value>`).
    /// A case's documentation is its `summary` and `kinds`, printed in docs/records.md.
    public enum Records: String, UpdaterRecordCode {
        case noHook = "no-hook"
        case rejected = "rejected"
        case rejectedAtRunTime = "rejected-at-run-time"
        case compatAvailable = "compat-available"
        case downstreamPolicy = "downstream-policy"
        case unknownPolicy = "unknown-policy"
        case cosineAnnealing = "cosine-annealing"
        case cosineAnnealingLoopEnd = "cosine-annealing-loop-end"
        case needsRunLength = "needs-run-length"
        case linearRatioOutOfRange = "linear-ratio-out-of-range"
        case annealing = "annealing"
        case annealingDefaultEnd = "annealing-default-end"
        case compat = "compat"
        case warmupByEpochUnderIterRunner = "warmup-by-epoch-under-iter-runner"
        case byEpochInertUnderIterRunner = "by-epoch-inert-under-iter-runner"
        case fixed = "fixed"
        case stepEvery = "step-every"
        case stepNeverDecays = "step-never-decays"
        case stepMilestones = "step-milestones"
        case exp = "exp"
        case invByIteration = "inv-by-iteration"
        case invNeedsEpochs = "inv-needs-epochs"
        case invTooLong = "inv-too-long"
        case invSingleEpoch = "inv-single-epoch"
        case invChain = "inv-chain"
        case flatCosineNeedsRunLength = "flat-cosine-needs-run-length"
        case flatCosineStaysFlat = "flat-cosine-stays-flat"
        case flatCosine = "flat-cosine"
        case cosineRestartFractionalPeriods = "cosine-restart-fractional-periods"
        case cyclicLinear = "cyclic-linear"
        case cyclicFractionalTimes = "cyclic-fractional-times"
        case cyclicNeedsIterations = "cyclic-needs-iterations"
        case cyclic = "cyclic"
        case cosineRestart = "cosine-restart"
        case oneCyclePerOptimizer = "one-cycle-per-optimizer"
        case oneCycle = "one-cycle"
        case warmupNoOp = "warmup-no-op"
        case warmupConstantByEpoch = "warmup-constant-by-epoch"
        case warmupConstant = "warmup-constant"
        case warmupLinear = "warmup-linear"
        case warmupLinearWithoutLength = "warmup-linear-without-length"
        case warmupExpNeedsLength = "warmup-exp-needs-length"
        case warmupExpNeedsRunLength = "warmup-exp-needs-run-length"
        case warmupExpPair = "warmup-exp-pair"
        case noTranslation = "no-translation"
        case multiStageOptimizerLrUnknown = "multi-stage-optimizer-lr-unknown"
        case multiStageStartsElsewhere = "multi-stage-starts-elsewhere"
        case multiStageFromZero = "multi-stage-from-zero"
        case multiStage = "multi-stage"
        case linearNeedsRunLength = "linear-needs-run-length"
        case linearAbsoluteTarget = "linear-absolute-target"
        case linearFractionalSteps = "linear-fractional-steps"
        case linearTooLong = "linear-too-long"
        case linearThroughZero = "linear-through-zero"
        case linear = "linear"
        case siameseRpnNeedsEpochs = "siamese-rpn-needs-epochs"
        case siameseRpnStartFactor = "siamese-rpn-start-factor"
        case siameseRpnFromZero = "siamese-rpn-from-zero"
        case siameseRpn = "siamese-rpn"
        case cosineCooldownNeedsRunLength = "cosine-cooldown-needs-run-length"
        case cosineCooldownNoSpan = "cosine-cooldown-no-span"
        case cosineCooldown = "cosine-cooldown"
        case yoloxNoForm = "yolox-no-form"
        case yolox = "yolox"
        case yoloxWithoutLength = "yolox-without-length"
        case reduceRefused = "reduce-refused"
        case reduceNeverReduced = "reduce-never-reduced"

        public static var rule: String { LrConfigRule.id }

        public var summary: String {
            switch self {
            case .noHook: "The key is None: MMCV registers no updater hook, so no scheduler is emitted."
            case .rejected: "A config MMCV's updater hook refuses to build: nothing is emitted (manual step)."
            case .rejectedAtRunTime: "A value MMCV's get_lr/get_momentum fails to compute for this run (the legacy run raises): nothing is emitted (manual step)."
            case .compatAvailable: "A form whose built-in chain is not exact (or needs L) that --compat converts exactly: rerun with --compat."
            case .downstreamPolicy: "A policy registered by a downstream package, not MMCV: convert it with that package's migration."
            case .unknownPolicy: "A policy MMCV does not register (MMCV itself rejects the name): nothing is emitted."
            case .cosineAnnealing: "CosineAnnealing becomes CosineAnnealingLR/Momentum over the run (T_max = the run's length)."
            case .cosineAnnealingLoopEnd: "CosineAnnealing by iteration under an epoch runner becomes CosineAnnealingLR/Momentum whose T_max and end are the loop's max_iters."
            case .needsRunLength: "An annealing policy that needs the run's length, which is not known: nothing is emitted."
            case .linearRatioOutOfRange: "LinearAnnealing with min_<value>_ratio outside [0, 1], which LinearLR/Momentum factors cannot express: nothing is emitted."
            case .annealing: "Poly or LinearAnnealing becomes PolyLR/LinearLR (or the momentum counterpart) with end = H+1."
            case .annealingDefaultEnd: "Poly or LinearAnnealing by iteration under an epoch runner without L: the default end is one iteration short."
            case .compat: "--compat: the form becomes MMCVLrUpdaterLR of hookmigrate's compat module, which computes MMCV's lr at every iteration."
            case .warmupByEpochUnderIterRunner: "warmup_by_epoch=True under IterBasedRunner crashed MMCV in the first iteration: nothing is emitted."
            case .byEpochInertUnderIterRunner: "A by_epoch=True lr policy under IterBasedRunner never updated the lr: no scheduler is emitted, which keeps that."
            case .fixed: "policy 'fixed' keeps the base lr: no main scheduler."
            case .stepEvery: "Step with step=n becomes StepLR."
            case .stepNeverDecays: "Step with step=[] never decays: no main scheduler."
            case .stepMilestones: "Step with a list of steps becomes MultiStepLR."
            case .exp: "Exp becomes ExponentialLR."
            case .invByIteration: "Inv by iteration has no MMEngine counterpart: nothing is emitted."
            case .invNeedsEpochs: "Inv by epoch needs the number of epochs, which is not known: nothing is emitted."
            case .invTooLong: "Inv by epoch would need more than 1000 MultiStepLR: nothing is emitted."
            case .invSingleEpoch: "Inv over a single epoch keeps the base lr: no main scheduler."
            case .invChain: "Inv by epoch becomes the exact per-epoch chain of MultiStepLR (F2)."
            case .flatCosineNeedsRunLength: "FlatCosineAnnealing needs the run's length, which is not known: nothing is emitted."
            case .flatCosineStaysFlat: "FlatCosineAnnealing whose start is the end of the run stays flat: no main scheduler."
            case .flatCosine: "FlatCosineAnnealing becomes CosineAnnealingLR from its start."
            case .cosineRestartFractionalPeriods: "CosineRestart with periods that are not whole numbers: nothing is emitted."
            case .cyclicLinear: "cyclic with anneal_strategy='linear' has no MMEngine counterpart: nothing is emitted."
            case .cyclicFractionalTimes: "cyclic with a cyclic_times that is not a whole number: nothing is emitted."
            case .cyclicNeedsIterations: "cyclic needs the run's iterations, which are not known: nothing is emitted."
            case .cyclic: "cyclic becomes CosineRestartLR segments (F4)."
            case .cosineRestart: "CosineRestart becomes CosineRestartLR (a non-equivalence when min_lr changes the restarts)."
            case .oneCyclePerOptimizer: "OneCycle with max_lr per optimizer: needs one scheduler list per optimizer, by hand."
            case .oneCycle: "OneCycle becomes OneCycleLR, placed before any warmup (F5)."
            case .warmupNoOp: "A warmup with warmup_ratio=1 is a no-op: no warmup scheduler."
            case .warmupConstantByEpoch: "A constant warmup in epochs becomes ConstantLR stepped by epoch (a non-equivalence when it overlaps the main schedule)."
            case .warmupConstant: "A constant warmup becomes ConstantLR with end W+1 (a non-equivalence when it overlaps the main schedule)."
            case .warmupLinear: "A linear warmup becomes LinearLR with end W+1 (a non-equivalence when it overlaps the main schedule)."
            case .warmupLinearWithoutLength: "A linear warmup in epochs without L: LinearLR by epoch, converted to iterations, reaches the full lr one iteration early."
            case .warmupExpNeedsLength: "An exp warmup in epochs without L: nothing is emitted."
            case .warmupExpNeedsRunLength: "An exp warmup when the run's length is not known: nothing is emitted."
            case .warmupExpPair: "An exp warmup becomes the ConstantLR + ExponentialLR pair (F3) (a non-equivalence when it overlaps the main schedule)."
            case .noTranslation: "A policy simulated but without a translation: nothing is emitted."
            case .multiStageOptimizerLrUnknown: "mmflow's MultiStage with absolute lrs, and optimizer.lr unknown: nothing is emitted."
            case .multiStageStartsElsewhere: "mmflow's MultiStage starting at an lr other than optimizer.lr: nothing is emitted."
            case .multiStageFromZero: "mmflow's MultiStage returning from lr 0: nothing is emitted."
            case .multiStage: "mmflow's MultiStage becomes a chain of ratio schedulers (or none when the lr stays)."
            case .linearNeedsRunLength: "mmedit/mmgen's Linear needs the run's length, which is not known: nothing is emitted."
            case .linearAbsoluteTarget: "mmedit/mmgen's Linear with target_lr ≠ 0 for several groups: nothing is emitted."
            case .linearFractionalSteps: "mmedit/mmgen's Linear without integral step points: nothing is emitted."
            case .linearTooLong: "mmedit/mmgen's Linear with more than 1000 changes: nothing is emitted."
            case .linearThroughZero: "mmedit/mmgen's Linear that reaches lr 0 and leaves it: nothing is emitted."
            case .linear: "mmedit/mmgen's Linear becomes the exact chain of MultiStepLR."
            case .siameseRpnNeedsEpochs: "mmtrack's SiameseRPN needs the number of epochs, which is not known: nothing is emitted."
            case .siameseRpnStartFactor: "mmtrack's SiameseRPN starting at a factor a ConstantLR cannot apply: nothing is emitted."
            case .siameseRpnFromZero: "mmtrack's SiameseRPN returning from factor 0: nothing is emitted."
            case .siameseRpn: "mmtrack's SiameseRPN becomes a per-epoch chain of ratio schedulers."
            case .cosineCooldownNeedsRunLength: "mmcls's CosineAnnealingCooldown needs the run's length, which is not known: nothing is emitted."
            case .cosineCooldownNoSpan: "mmcls's CosineAnnealingCooldown whose cool-down leaves no annealing span: nothing is emitted."
            case .cosineCooldown: "mmcls's CosineAnnealingCooldown becomes CosineAnnealingLR then a constant cool-down."
            case .yoloxNoForm: "mmdet's YOLOX policy in a form no MMEngine chain reproduces: nothing is emitted."
            case .yolox: "mmdet's YOLOX policy becomes QuadraticWarmupLR + CosineAnnealingLR."
            case .yoloxWithoutLength: "mmdet's YOLOX policy without L: written in epochs as mmdet 3.x does, one iteration behind MMCV's cosine (non-equivalence)."
            case .reduceRefused: "mmedit's Reduce in a run whose reductions follow real metrics: write ReduceOnPlateauLR by hand."
            case .reduceNeverReduced: "mmedit's Reduce never reduced the lr in this run: nothing is emitted, with a warning."
            }
        }

        public var kinds: [MigrationRecord.Kind] {
            switch self {
            case .noHook, .cosineAnnealing, .cosineAnnealingLoopEnd, .annealing, .compat, .fixed, .stepNeverDecays,
                 .exp, .invSingleEpoch, .invChain, .flatCosineStaysFlat, .flatCosine, .cyclic, .oneCycle,
                 .warmupNoOp, .linear, .siameseRpn, .cosineCooldown, .yolox: [.change]
            case .rejected, .rejectedAtRunTime, .downstreamPolicy, .unknownPolicy, .needsRunLength,
                 .linearRatioOutOfRange, .warmupByEpochUnderIterRunner, .invByIteration, .invNeedsEpochs,
                 .invTooLong, .flatCosineNeedsRunLength, .cosineRestartFractionalPeriods, .cyclicLinear,
                 .cyclicFractionalTimes, .cyclicNeedsIterations, .oneCyclePerOptimizer, .warmupExpNeedsLength,
                 .warmupExpNeedsRunLength, .noTranslation, .multiStageOptimizerLrUnknown, .multiStageStartsElsewhere,
                 .multiStageFromZero, .linearNeedsRunLength, .linearAbsoluteTarget, .linearFractionalSteps,
                 .linearTooLong, .linearThroughZero, .siameseRpnNeedsEpochs, .siameseRpnStartFactor,
                 .siameseRpnFromZero, .cosineCooldownNeedsRunLength, .cosineCooldownNoSpan, .yoloxNoForm,
                 .reduceRefused: [.manualStep]
            case .compatAvailable, .byEpochInertUnderIterRunner, .reduceNeverReduced: [.warning]
            case .annealingDefaultEnd, .warmupLinearWithoutLength, .yoloxWithoutLength: [.nonEquivalence]
            case .stepEvery, .stepMilestones, .cosineRestart, .warmupConstantByEpoch, .warmupConstant, .warmupLinear,
                 .warmupExpPair, .multiStage: [.change, .nonEquivalence]
            }
        }
    }
}
