import HookMigrateCore

/// Which runner MMCV 1.7.2 builds for a legacy config, and the training length it is given, read once for the
/// `runner` rule (which writes `train_cfg` from it) and the simulated legacy runner (which runs it).
///
/// `runner.type` `IterBasedRunner` (or mmgen's `DynamicIterBasedRunner`) is an iteration runner; any other type
/// an epoch runner. A runner without a type (which MMCV's registry refuses; the rule infers one with a
/// warning) is an iteration runner when it states an iteration count, else an epoch runner. Without `runner`,
/// the old top-level `total_epochs` (mmdet built an EpochBasedRunner from it) or `total_iters` decide. The
/// counts are `runner.max_epochs` / `runner.max_iters`, else `total_epochs` / `total_iters`, each within
/// `ConfigNode.maxCount` (`number-range` otherwise).
public struct LegacyRunLength: Sendable, Hashable {
    /// `runner.type` as written (`nil` without a runner or a type).
    public var type: String?
    /// Whether a `runner` mapping is written.
    public var hasRunner: Bool
    /// Whether the runner is IterBasedRunner-like.
    public var iterationRunner: Bool
    /// `runner.max_epochs`, else `total_epochs`.
    public var maxEpochs: Int?
    /// `runner.max_iters`, else `total_iters`.
    public var maxIters: Int?
    /// The top-level `total_epochs` (mmdet asserted it equals the runner's `max_epochs`).
    public var totalEpochs: Int?
    /// The top-level `total_iters`.
    public var totalIters: Int?

    /// Reads the runner's kind and counts (a value of the wrong type is a located `ConfigError`).
    public init(_ config: ConfigMapping) throws {
        totalEpochs = try config.present("total_epochs").map { try $0.count("total_epochs") }
        totalIters = try config.present("total_iters").map { try $0.count("total_iters") }
        var runnerEpochs: Int?
        var runnerIters: Int?
        if let runnerNode = config.present("runner") {
            let runner = try runnerNode.mapping("runner")
            hasRunner = true
            type = try runner.present("type").map { try $0.string("runner.type") }
            runnerEpochs = try runner.present("max_epochs").map { try $0.count("runner.max_epochs") }
            runnerIters = try runner.present("max_iters").map { try $0.count("runner.max_iters") }
        } else {
            hasRunner = false
        }
        maxEpochs = runnerEpochs ?? totalEpochs
        maxIters = runnerIters ?? totalIters
        switch type {
        case "IterBasedRunner", "DynamicIterBasedRunner": iterationRunner = true
        case nil: iterationRunner = hasRunner ? maxIters != nil : (totalEpochs == nil && totalIters != nil)
        default: iterationRunner = false
        }
    }
}
