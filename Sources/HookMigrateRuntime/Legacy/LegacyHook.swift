/// One registered hook of the MMCV adapter runner, with its state.
enum LegacyHook: Sendable, Hashable {
    case lr
    case momentum
    case optimizer(cumulative: Int)
    case checkpoint(LegacyCheckpointHook)
    case timer
    case logger(LegacyLoggerHook)
    case eval(LegacyEvalHook)
    case ema(LegacyEMAHook)
    case emptyCache(beforeEpoch: Bool, afterEpoch: Bool, afterIter: Bool)
    case syncBuffers
    case samplerSeed
    /// A custom hook whose effects are not simulated (e.g. NumClassCheckHook): it is called, nothing more.
    case inert(String)

    /// The type name, as MMCV would register it.
    var name: String {
        switch self {
        case .lr: return "LrUpdaterHook"
        case .momentum: return "MomentumUpdaterHook"
        case .optimizer(let cumulative): return cumulative > 1 ? "GradientCumulativeOptimizerHook" : "OptimizerHook"
        case .checkpoint: return "CheckpointHook"
        case .timer: return "IterTimerHook"
        case .logger(let logger): return logger.type
        case .eval: return "EvalHook"
        case .ema: return "EMAHook"
        case .emptyCache: return "EmptyCacheHook"
        case .syncBuffers: return "SyncBuffersHook"
        case .samplerSeed: return "DistSamplerSeedHook"
        case .inert(let name): return name
        }
    }
}
