/// What one registered MMCV hook does at one mount point, resolved once when a run starts. Hooks with state
/// (checkpoint, eval, EMA …) are referred to by their index in the run's typed storage, so dispatch copies
/// no hook and tests no condition that the config already settled.
enum LegacyAction: Sendable {
    case lr
    case momentum
    /// OptimizerHook / GradientCumulativeOptimizerHook with its accumulation window.
    case optimizer(window: Int)
    case checkpoint(Int)
    case eval(Int)
    /// A logger hook; `last` is the one that clears the log buffer after logging (MMCV's reset flag).
    case logger(Int, last: Bool)
    case ema(Int)
    case emptyCache
    case syncBuffers
    case samplerSeed
}

/// The per-mount-point dispatch lists of a legacy run, in hook priority order. IterBasedRunner calls the
/// generic `before_epoch`/`after_epoch` once, which only some hooks implement: those get their own lists.
struct LegacyDispatch: Sendable {
    var beforeTrainEpoch: [LegacyAction] = []
    var beforeGenericEpoch: [LegacyAction] = []
    var beforeTrainIter: [LegacyAction] = []
    var afterTrainIter: [LegacyAction] = []
    var afterTrainEpoch: [LegacyAction] = []
    var afterGenericEpoch: [LegacyAction] = []
    var afterValEpoch: [LegacyAction] = []
    /// Logger indices in order (an EvalHook by iteration runs every logger's after_train_iter first).
    var loggers: [Int] = []

    /// The hooks' state, which the actions refer to by index (the run updates it as it goes).
    var checkpoints: [LegacyCheckpointHook] = []
    var evals: [LegacyEvalHook] = []
    var loggerHooks: [LegacyLoggerHook] = []
    var emas: [LegacyEMAHook] = []

    init(_ hooks: [LegacyHook]) {
        let lastLogger = hooks.lastIndex { if case .logger = $0 { return true } else { return false } }
        for (position, hook) in hooks.enumerated() {
            switch hook {
            case .lr:
                beforeTrainEpoch.append(.lr)
                beforeTrainIter.append(.lr)
            case .momentum:
                beforeTrainEpoch.append(.momentum)
                beforeTrainIter.append(.momentum)
            case .optimizer(let cumulative):
                afterTrainIter.append(.optimizer(window: max(1, cumulative)))
            case .checkpoint(let checkpoint):
                let index = checkpoints.count
                checkpoints.append(checkpoint)
                if checkpoint.byEpoch { afterTrainEpoch.append(.checkpoint(index)) } else { afterTrainIter.append(.checkpoint(index)) }
            case .eval(let eval):
                let index = evals.count
                evals.append(eval)
                if eval.byEpoch {
                    beforeTrainEpoch.append(.eval(index))
                    afterTrainEpoch.append(.eval(index))
                } else {
                    beforeTrainIter.append(.eval(index))
                    afterTrainIter.append(.eval(index))
                }
            case .logger(let logger):
                let index = loggerHooks.count
                loggerHooks.append(logger)
                loggers.append(index)
                let action = LegacyAction.logger(index, last: position == lastLogger)
                beforeTrainEpoch.append(action)
                beforeGenericEpoch.append(action)
                afterTrainIter.append(action)
                afterTrainEpoch.append(action)
                afterValEpoch.append(action)
            case .ema(let ema):
                let index = emas.count
                emas.append(ema)
                beforeTrainEpoch.append(.ema(index))
                afterTrainIter.append(.ema(index))
                afterTrainEpoch.append(.ema(index))
            case .emptyCache(let beforeEpoch, let afterEpoch, let afterIter):
                if beforeEpoch {
                    beforeTrainEpoch.append(.emptyCache)
                    beforeGenericEpoch.append(.emptyCache)
                }
                if afterIter { afterTrainIter.append(.emptyCache) }
                if afterEpoch {
                    afterTrainEpoch.append(.emptyCache)
                    afterGenericEpoch.append(.emptyCache)
                }
            case .syncBuffers:
                afterTrainEpoch.append(.syncBuffers)
                afterGenericEpoch.append(.syncBuffers)
                afterValEpoch.append(.syncBuffers)
            case .samplerSeed:
                beforeTrainEpoch.append(.samplerSeed)
                beforeGenericEpoch.append(.samplerSeed)
            case .timer, .inert:
                break
            }
        }
    }
}
