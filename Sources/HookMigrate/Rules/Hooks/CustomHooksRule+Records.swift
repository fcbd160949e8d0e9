extension CustomHooksRule {
    /// The records the `custom_hooks` rule writes, one case per kind of record (id `custom_hooks/<raw value>`).
    /// A case's documentation is its `summary` and `kinds`, printed in docs/records.md.
    public enum Records: String, RecordCode {
        case unknownArgument = "unknown-argument"
        case emaRejected = "ema-rejected"
        case emaIntervalUnreproducible = "ema-interval-unreproducible"
        case emaTotalIterInvalid = "ema-total-iter-invalid"
        case emaMomentumUnderflows = "ema-momentum-underflows"
        case emaHook = "ema-hook"
        case emaExpMomentum = "ema-exp-momentum"
        case emaLinearMomentum = "ema-linear-momentum"
        case emaWarmUpInvalid = "ema-warm-up-invalid"
        case emaWarmUpEffective = "ema-warm-up-effective"
        case emaResumeFrom = "ema-resume-from"
        case emaNeverSwapped = "ema-never-swapped"
        case emaSwapOrder = "ema-swap-order"
        case noneDropped = "none-dropped"
        case emptyDropped = "empty-dropped"
        case missingType = "missing-type"
        case editEmaKept = "edit-ema-kept"
        case unknownHookKept = "unknown-hook-kept"
        case manualHook = "manual-hook"
        case argumentDropped = "argument-dropped"
        case convertedByRule = "converted-by-rule"
        case priorityOrder = "priority-order"

        public static var rule: String { CustomHooksRule.id }

        public var summary: String {
            switch self {
            case .unknownArgument: "A hook argument the legacy hook class does not take (MMCV raised TypeError building it): dropped."
            case .emaRejected: "An EMA hook the legacy hook class refuses to build: dropped."
            case .emaIntervalUnreproducible: "An mmdet EMA hook whose interval no MMEngine EMAHook interval reproduces: dropped."
            case .emaTotalIterInvalid: "An ExpMomentumEMAHook total_iter whose momentum divides by zero or grows without bound: dropped."
            case .emaMomentumUnderflows: "momentum**interval underflows to 0, which MMEngine's ExponentialMovingAverage rejects: dropped."
            case .emaHook: "MMCV's EMAHook becomes MMEngine's EMAHook; the non-equivalence names how the averaged model differs."
            case .emaExpMomentum: "mmdet's ExpMomentumEMAHook becomes EMAHook(ema_type='ExpMomentumEMA'); the non-equivalence names the differences."
            case .emaLinearMomentum: "mmdet's LinearMomentumEMAHook becomes EMAHook(ema_type='ExponentialMovingAverage'); the non-equivalence names the differences."
            case .emaWarmUpInvalid: "warm_up made MMCV's momentum divide by zero or go negative; MMEngine has no warm-up: dropped."
            case .emaWarmUpEffective: "warm_up changed the legacy EMA momentum in the first iterations, which MMEngine's EMAHook does not reproduce."
            case .emaResumeFrom: "An EMA hook's resume_from resumed the whole run; MMEngine's EMAHook has no such argument: dropped."
            case .emaNeverSwapped: "Under an IterBasedRunner the legacy EMA hook never swapped the averaged weights in; MMEngine's does."
            case .emaSwapOrder: "At its priority the legacy EMA hook swapped weights after CheckpointHook saved; MMEngine's order differs."
            case .noneDropped: "custom_hooks=None is dropped (no custom hooks)."
            case .emptyDropped: "An empty custom_hooks list is dropped."
            case .missingType: "A custom hook without `type` (MMCV could not build it): dropped."
            case .editEmaKept: "mmedit/mmgen's ExponentialMovingAverageHook is kept unchanged; it is not MMEngine's EMAHook."
            case .unknownHookKept: "A custom hook hookmigrate has no rule for: kept unchanged."
            case .manualHook: "A hook whose migration rule says it needs a person: removed from custom_hooks."
            case .argumentDropped: "A hook argument its migration rule drops."
            case .convertedByRule: "A hook converted by its migration rule (a warning when the rule carries one)."
            case .priorityOrder: "A custom hook whose priority places it differently among MMEngine's hooks than among MMCV's (H1)."
            }
        }

        public var kinds: [MigrationRecord.Kind] {
            switch self {
            case .unknownArgument, .emaRejected, .emaIntervalUnreproducible, .emaTotalIterInvalid,
                 .emaMomentumUnderflows, .emaWarmUpInvalid, .emaResumeFrom, .missingType, .editEmaKept,
                 .manualHook: [.manualStep]
            case .emaHook, .emaExpMomentum, .emaLinearMomentum, .emaWarmUpEffective, .emaNeverSwapped,
                 .emaSwapOrder: [.nonEquivalence]
            case .noneDropped, .emptyDropped: [.change]
            case .unknownHookKept, .argumentDropped, .priorityOrder: [.warning]
            case .convertedByRule: [.change, .warning]
            }
        }
    }
}
