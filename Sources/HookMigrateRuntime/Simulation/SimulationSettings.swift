/// The simulated workload both runners share: dataloader lengths, param groups, metrics.
public struct SimulationSettings: Sendable, Hashable {
    /// Iterations per train epoch, L (the length of the train dataloader).
    public var itersPerEpoch: Int
    /// Batches per validation run.
    public var valIters: Int
    /// The metric values evaluations return.
    public var metrics: MetricSequence
    /// Whether the legacy run was distributed (mmdet registered DistSamplerSeedHook only then).
    public var distributed: Bool
    /// A model that steps its own optimizers: the optimizer a run follows and when the model steps it; `nil`
    /// when the framework steps the one optimizer (MMCV's OptimizerHook, MMEngine's OptimWrapper).
    public var modelStepping: ModelStepping?
    /// The train script of the legacy run.
    public var trainScript: LegacyTrainScript
    /// The key lists the legacy evaluation hook infers a best-checkpoint rule from when the config gives
    /// none (MMCV's, or mmpose 0.x's for the EvalHook its train script registered).
    public var evalKeyLists: BestRule.KeyLists = .mmcv

    /// Creates settings.
    public init(itersPerEpoch: Int = 10, valIters: Int = 2, metrics: MetricSequence = MetricSequence(seed: 1), distributed: Bool = false,
                modelStepping: ModelStepping? = nil, trainScript: LegacyTrainScript = .undetermined) {
        self.trainScript = trainScript
        self.itersPerEpoch = itersPerEpoch
        self.valIters = valIters
        self.metrics = metrics
        self.distributed = distributed
        self.modelStepping = modelStepping
    }
}

/// Deterministic metric values: the n-th evaluation of a run gets the same numbers in both worlds. Either
/// a fixed list (from the user: value n, repeating the last) or a seeded sequence in [0.05, 0.95].
public struct MetricSequence: Sendable, Hashable {
    /// A seed for the generated sequence.
    public var seed: UInt64
    /// Given values, used in order instead of the generated ones.
    public var fixed: [Double]

    /// Creates a sequence.
    public init(seed: UInt64, fixed: [Double] = []) {
        self.seed = seed
        self.fixed = fixed
    }

    /// The value of the `index`-th evaluation (0-based) for the first metric key.
    public func value(at index: Int) -> Double { value(at: index, metric: 0) }

    /// The value of the `index`-th evaluation for the `metric`-th best key a run tracks (0-based, in the order
    /// its hook saves them: mmgen's `best_metric` in metric order, MMEngine's `save_best` list). Given values
    /// are the same for every key; generated ones differ per key, so that a best key paired with the wrong
    /// rule, or keys in another order, change the best checkpoints.
    public func value(at index: Int, metric: Int) -> Double {
        if !fixed.isEmpty { return fixed[min(index, fixed.count - 1)] }
        let keySeed = seed &+ UInt64(truncatingIfNeeded: metric) &* 0xD1B5_4A32_D192_ED03
        var z = keySeed &+ UInt64(truncatingIfNeeded: index) &* 0x9E37_79B9_7F4A_7C15
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        z ^= z >> 31
        // Four decimals keep traces readable and scores distinct.
        let unit = Double(z % 9001) / 10000 + 0.05
        return unit
    }
}
