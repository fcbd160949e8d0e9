extension OptimizerRule {
    /// The records the `optimizer` rule writes, one case per kind of record (id `optimizer/<raw value>`).
    /// A case's documentation is its `summary` and `kinds`, printed in docs/records.md.
    public enum Records: String, RecordCode {
        case fp16WithoutOptimizerConfig = "fp16-without-optimizer-config"
        case fp16IgnoredByMmseg = "fp16-ignored-by-mmseg"
        case fp16NextToExplicitHook = "fp16-next-to-explicit-hook"
        case fp16WithExplicitHookType = "fp16-with-explicit-hook-type"
        case fp16NextToTypedHookRefused = "fp16-next-to-typed-hook-refused"
        case noOptimizerHook = "no-optimizer-hook"
        case fp16ArgumentTwice = "fp16-argument-twice"
        case fp16ArgumentRejected = "fp16-argument-rejected"
        case fp16FromTrainScript = "fp16-from-train-script"
        case unknownOptimizerHook = "unknown-optimizer-hook"
        case unknownHookArgument = "unknown-hook-argument"
        case optimWrapper = "optim-wrapper"
        case gradientAccumulation = "gradient-accumulation"
        case ampOptimWrapper = "amp-optim-wrapper"
        case ampGradientAccumulation = "amp-gradient-accumulation"
        case detectAnomalousParamsDropped = "detect-anomalous-params-dropped"
        case defaultArgumentDropped = "default-argument-dropped"
        case unusedArgumentsDropped = "unused-arguments-dropped"
        case gradClipEmpty = "grad-clip-empty"
        case gradClipRejected = "grad-clip-rejected"
        case gradClip = "grad-clip"
        case lossScaleDefault = "loss-scale-default"
        case lossScaleStatic = "loss-scale-static"
        case lossScaleDynamic = "loss-scale-dynamic"
        case lossScaleArguments = "loss-scale-arguments"
        case lossScaleInt = "loss-scale-int"
        case optimizerAndOptimizers = "optimizer-and-optimizers"
        case settingsWithoutOptimizer = "settings-without-optimizer"
        case noOptimizer = "no-optimizer"
        case nullOptimizer = "null-optimizer"
        case selfSteppedOptimizer = "self-stepped-optimizer"
        case optimizer = "optimizer"
        case defaultConstructor = "default-constructor"
        case tsmConstructor = "tsm-constructor"
        case downstreamConstructor = "downstream-constructor"
        case namedOptimizersIgnoredKey = "named-optimizers-ignored-key"
        case namedOptimizersFp16 = "named-optimizers-fp16"
        case namedOptimizersStepHook = "named-optimizers-step-hook"
        case namedOptimizersDownstreamHook = "named-optimizers-downstream-hook"
        case namedDefaultConstructor = "named-default-constructor"
        case namedConstructor = "named-constructor"
        case namedOptimizers = "named-optimizers"

        public static var rule: String { OptimizerRule.id }

        public var summary: String {
            switch self {
            case .fp16WithoutOptimizerConfig: "A top-level fp16 without an optimizer_config (mmdet-style train scripts failed on it): not converted."
            case .fp16IgnoredByMmseg: "A top-level fp16 that mmseg 0.x's train script ignored: dropped, the conversion keeps fp32."
            case .fp16NextToExplicitHook: "A top-level fp16 next to an optimizer_config that names its hook type itself (mmseg's convention): dropped."
            case .fp16WithExplicitHookType: "A top-level fp16 next to optimizer_config.type (mmdet-style train scripts raised TypeError, mmseg 0.x trained in fp32): converted without mixed precision; fp16 needs a person if it was meant."
            case .fp16NextToTypedHookRefused: "A top-level fp16 next to optimizer_config.type in a package whose train script passed both to Fp16OptimizerHook (TypeError: the config never trained): converted without mixed precision; needs a person."
            case .noOptimizerHook: "optimizer_config absent or null: MMCV registered no optimizer hook, so only the model's train_step stepped the optimizer; optim_wrapper is written, and who steps it needs a person."
            case .fp16ArgumentTwice: "An argument set in both optimizer_config and fp16 (a keyword given twice: TypeError): neither value is written."
            case .fp16ArgumentRejected: "An argument that cannot go into Fp16OptimizerHook(**optimizer_config, **fp16): not converted."
            case .fp16FromTrainScript: "A top-level fp16 converted as mmdet 2.x's train script read it: Fp16OptimizerHook, which becomes AmpOptimWrapper."
            case .unknownOptimizerHook: "An optimizer hook of a downstream package: optim_wrapper is a plain OptimWrapper and the hook needs a person."
            case .unknownHookArgument: "An optimizer hook argument hookmigrate knows no counterpart of: not converted."
            case .optimWrapper: "OptimizerHook becomes OptimWrapper: one optimizer step per iteration, as before."
            case .gradientAccumulation: "GradientCumulativeOptimizerHook becomes OptimWrapper with accumulative_counts."
            case .ampOptimWrapper: "Fp16OptimizerHook becomes AmpOptimWrapper."
            case .ampGradientAccumulation: "GradientCumulativeFp16OptimizerHook becomes AmpOptimWrapper with accumulative_counts."
            case .detectAnomalousParamsDropped: "detect_anomalous_params=True (diagnostics only) is dropped: OptimWrapper has no such field."
            case .defaultArgumentDropped: "An optimizer hook argument at its default value, with no OptimWrapper counterpart: dropped."
            case .unusedArgumentsDropped: "Optimizer hook arguments that had no effect, with no OptimWrapper counterpart: dropped."
            case .gradClipEmpty: "An empty grad_clip (MMCV raised TypeError at the first step; MMEngine rejects it): no clip_grad."
            case .gradClipRejected: "grad_clip keywords torch's clip_grad_norm_ does not take (MMCV raised TypeError at the first step): no clip_grad."
            case .gradClip: "grad_clip becomes optim_wrapper.clip_grad with the same clip_grad_norm_ arguments."
            case .lossScaleDefault: "No loss_scale: MMCV's default static scale 512.0 is written explicitly."
            case .lossScaleStatic: "A static float loss scale is kept."
            case .lossScaleDynamic: "loss_scale='dynamic' is kept."
            case .lossScaleArguments: "GradScaler arguments given as a dict are kept."
            case .lossScaleInt: "An int loss_scale, which MMCV's Fp16OptimizerHook rejected: written as a float, the legacy config never trained."
            case .optimizerAndOptimizers: "Both `optimizer` and `optimizers` are set: the one the package read is converted, the other dropped."
            case .settingsWithoutOptimizer: "Optimizer settings without an optimizer: dropped; optim_wrapper needs a person if the config trains."
            case .noOptimizer: "A training loop but no optimizer: MMEngine's Runner refuses train_cfg without optim_wrapper."
            case .nullOptimizer: "A null optimizer (the model stepped its own optimizers): optim_wrapper needs a person."
            case .selfSteppedOptimizer: "An optimizer the model stepped in its own train_step (mmedit) becomes optim_wrapper.optimizer: the successor model must be checked."
            case .optimizer: "The optimizer moves into optim_wrapper.optimizer unchanged."
            case .defaultConstructor: "MMCV's DefaultOptimizerConstructor is MMEngine's default: left out."
            case .tsmConstructor: "mmaction2's TSMOptimizerConstructor becomes TSMOptimWrapperConstructor of mmaction2 1.x."
            case .downstreamConstructor: "A downstream optimizer constructor is kept by name; its MMEngine-era name may differ."
            case .namedOptimizersIgnoredKey: "A key mmedit 0.x train scripts did not read next to named optimizers: dropped."
            case .namedOptimizersFp16: "A top-level fp16 next to named optimizers (the legacy run failed): not converted."
            case .namedOptimizersStepHook: "An optimizer hook next to named optimizers (the legacy run failed at the first iteration): not converted."
            case .namedOptimizersDownstreamHook: "A downstream optimizer hook that stepped named optimizers: its behaviour needs a person."
            case .namedDefaultConstructor: "DefaultOptimizerConstructor for a named optimizer: left out (MultiOptimWrapperConstructor uses it)."
            case .namedConstructor: "A constructor for one named optimizer, which MultiOptimWrapperConstructor cannot take: needs a person."
            case .namedOptimizers: "Several named optimizers become MultiOptimWrapperConstructor's wrappers; the model's train_step must drive them."
            }
        }

        public var kinds: [MigrationRecord.Kind] {
            switch self {
            case .fp16WithoutOptimizerConfig, .fp16WithExplicitHookType, .fp16NextToTypedHookRefused, .noOptimizerHook, .fp16ArgumentTwice,
                 .fp16ArgumentRejected, .unknownOptimizerHook, .unknownHookArgument, .gradClipEmpty,
                 .gradClipRejected, .lossScaleInt, .settingsWithoutOptimizer, .noOptimizer, .nullOptimizer,
                 .namedOptimizersFp16, .namedOptimizersStepHook, .namedOptimizersDownstreamHook, .namedConstructor,
                 .namedOptimizers: [.manualStep]
            case .fp16IgnoredByMmseg, .fp16NextToExplicitHook, .fp16FromTrainScript, .detectAnomalousParamsDropped,
                 .optimizerAndOptimizers, .selfSteppedOptimizer, .tsmConstructor, .downstreamConstructor,
                 .namedOptimizersIgnoredKey: [.warning]
            case .optimWrapper, .gradientAccumulation, .ampOptimWrapper, .ampGradientAccumulation,
                 .defaultArgumentDropped, .unusedArgumentsDropped, .gradClip, .lossScaleDefault, .lossScaleStatic,
                 .lossScaleDynamic, .lossScaleArguments, .optimizer, .defaultConstructor,
                 .namedDefaultConstructor: [.change]
            }
        }
    }
}
