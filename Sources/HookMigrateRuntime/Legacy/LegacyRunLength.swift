import HookMigrateCore

/// Which runner MMCV 1.7.2 builds for a legacy config, and the training length it is given: `runner.type`
/// `IterBasedRunner` (or mmgen's `DynamicIterBasedRunner`), or no type with an iteration count and no epoch
/// count, is an iteration runner; anything else an epoch runner. The counts are `runner.max_epochs` /
/// `runner.max_iters`, else the old top-level `total_epochs` / `total_iters`.
public struct LegacyRunLength: Sendable, Hashable {
    /// Whether the runner is IterBasedRunner-like.
    public var iterationRunner: Bool
    /// `runner.max_epochs` or `total_epochs`.
    public var maxEpochs: Int?
    /// `runner.max_iters` or `total_iters`.
    public var maxIters: Int?

    /// Reads the runner's kind and counts (a count of the wrong type is a located `ConfigError`).
    public init(_ config: ConfigMapping) throws {
        let runner = config["runner"].flatMap(\.mapping)
        let type = runner?["type"]?.scalar?.stringValue
        let totalEpochs = try config["total_epochs"].flatMap { $0.isNull ? nil : try $0.int("total_epochs") }
        let totalIters = try config["total_iters"].flatMap { $0.isNull ? nil : try $0.int("total_iters") }
        let runnerEpochs = try runner?["max_epochs"].flatMap { $0.isNull ? nil : try $0.int("runner.max_epochs") }
        let runnerIters = try runner?["max_iters"].flatMap { $0.isNull ? nil : try $0.int("runner.max_iters") }
        maxEpochs = runnerEpochs ?? totalEpochs
        maxIters = runnerIters ?? totalIters
        iterationRunner = type == "IterBasedRunner" || type == "DynamicIterBasedRunner" || (type == nil && maxIters != nil && maxEpochs == nil)
    }
}
