/// What one registered MMEngine hook does at one mount point, resolved once when a run starts (hooks with
/// state are referred to by their index in the run's typed storage).
enum ModernAction: Sendable {
    case logger(Int)
    case paramScheduler
    case checkpoint(Int)
    case ema(Int)
    case emptyCache
    case syncBuffers
    case samplerSeed
}

/// The per-mount-point dispatch lists of an MMEngine run, in hook priority order.
struct ModernDispatch: Sendable {
    var beforeTrainEpoch: [ModernAction] = []
    var afterTrainIter: [ModernAction] = []
    var afterTrainEpoch: [ModernAction] = []
    var beforeValEpoch: [ModernAction] = []
    var afterValIter: [ModernAction] = []
    var afterValEpoch: [ModernAction] = []

    /// The hooks' state, which the actions refer to by index (the run updates it as it goes).
    var checkpoints: [ModernCheckpointHook] = []
    var loggers: [ModernLoggerHook] = []
    var emas: [ModernEMAHook] = []

    init(_ hooks: [ModernHook]) {
        for hook in hooks {
            switch hook {
            case .samplerSeed:
                beforeTrainEpoch.append(.samplerSeed)
            case .logger(let logger):
                let index = loggers.count
                loggers.append(logger)
                afterTrainIter.append(.logger(index))
                afterValIter.append(.logger(index))
                afterValEpoch.append(.logger(index))
            case .paramScheduler:
                afterTrainIter.append(.paramScheduler)
                afterTrainEpoch.append(.paramScheduler)
            case .checkpoint(let checkpoint):
                let index = checkpoints.count
                checkpoints.append(checkpoint)
                if checkpoint.byEpoch { afterTrainEpoch.append(.checkpoint(index)) } else { afterTrainIter.append(.checkpoint(index)) }
                afterValEpoch.append(.checkpoint(index))
            case .ema(let ema):
                let index = emas.count
                emas.append(ema)
                afterTrainIter.append(.ema(index))
                beforeValEpoch.append(.ema(index))
                afterValEpoch.append(.ema(index))
            case .emptyCache(let beforeEpoch, let afterEpoch, let afterIter):
                if beforeEpoch { beforeTrainEpoch.append(.emptyCache) }
                if afterIter { afterTrainIter.append(.emptyCache) }
                if afterEpoch { afterTrainEpoch.append(.emptyCache) }
            case .syncBuffers:
                afterTrainEpoch.append(.syncBuffers)
            case .runtimeInfo, .timer, .inert:
                break
            }
        }
    }
}
