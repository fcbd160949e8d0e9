import HookMigrateCore

/// MMCV 1.7.2's momentum updater hook (`mmcv/runner/hooks/momentum_updater.py`) as a value
/// (schedules.md A.4). Same mount points as `LegacyLrUpdater`, with these differences:
/// - defaults `by_epoch=True` (IterBasedRunner does **not** change it for momentum), `warmup_ratio=0.9`;
///   there is no `warmup_by_epoch` and no int assertion on `warmup_iters`;
/// - `beforeRun`: `initial_momentum` is `setdefault` from `momentum`, else from `betas[0]` (a group with
///   neither is `KeyError: 'betas'`); OneCycle instead overwrites every group's momentum (or `betas[0]`)
///   with `max_momentum` and keeps `base_momentum`/`max_momentum` per group (`ValueError` when the
///   optimizer has neither momentum nor betas);
/// - `beforeTrainEpoch` only acts when `by_epoch` (no warmup bookkeeping);
/// - the warmup **divides** the regular momentum (`LegacyWarmup.momentum`);
/// - writes go to `momentum` if the group has it, else to `betas[0]`; a group with neither is skipped.
///
/// A by-epoch Step/CosineAnnealing/LinearAnnealing momentum under IterBasedRunner is inert: `beforeTrainEpoch`
/// is never called, `regularMomentum` stays empty (A.4 "inert" case 1).
public struct LegacyMomentumUpdater: Sendable, Hashable {
    /// The policy and its arguments.
    public let policy: LegacyMomentumPolicy
    /// `by_epoch`.
    public let byEpoch: Bool
    /// The warmup, `nil` for none.
    public let warmup: LegacyWarmup?
    /// `warmup_iters` (`nil` when written as `None`).
    public let warmupIters: LegacyCount?
    /// The optimizer's class name, used only to resolve dict-valued OneCycle momenta.
    public let optimizerType: String?
    /// `base_momentum` of the hook (the captured `initial_momentum` values).
    public private(set) var baseMomentum: [Double] = []
    /// `regular_momentum`: the last regular values computed.
    public private(set) var regularMomentum: [Double] = []
    /// The Cyclic phases fixed at `beforeRun`.
    public private(set) var cyclicPhases: LegacyCyclic.Phases?
    /// OneCycle: the phases and each group's stored `base_momentum` / `max_momentum`.
    public private(set) var oneCyclePhases: [LegacyOneCycleMomentum.Phase]?
    /// OneCycle: `group['base_momentum']` per group.
    public private(set) var oneCycleBase: [Double] = []
    /// OneCycle: `group['max_momentum']` per group.
    public private(set) var oneCycleMax: [Double] = []

    /// Builds the hook from `momentum_config` the way `register_momentum_hook` does (no by_epoch default
    /// from the runner). Throws a located `ConfigError` or `UnknownPolicyError`.
    public init(config: ConfigMapping, location: SourceLocation?, path: ConfigPath = "momentum_config",
                optimizerType: String? = nil) throws {
        self.init(try LegacyUpdaterConfig<LegacyMomentumPolicy>.parse(config: config, location: location, path: path), optimizerType: optimizerType)
    }

    /// Builds the hook from its parsed config.
    public init(_ config: LegacyUpdaterConfig<LegacyMomentumPolicy>, optimizerType: String? = nil) {
        self.policy = config.policy
        self.byEpoch = config.byEpoch
        self.warmup = config.warmup
        self.warmupIters = config.warmupLength
        self.optimizerType = optimizerType
    }

    /// Builds the hook from a `momentum_config` node.
    public init(node: ConfigNode, path: ConfigPath = "momentum_config", optimizerType: String? = nil) throws {
        try self.init(config: try node.mapping(path), location: node.location, path: path, optimizerType: optimizerType)
    }

    /// `before_run`.
    public mutating func beforeRun(maxIters: Int, groups: inout [ParamGroup]) throws {
        if case .oneCycle(let spec) = policy {
            guard groups.allSatisfy(\.supportsMomentum) else {
                throw ScheduleRuntimeError(.valueError, "optimizer must support momentum with option enabled")
            }
            let bases = try spec.baseMomentum.resolve(groupCount: groups.count, optimizerType: optimizerType, name: "base_momentum")
            let maxima = try spec.maxMomentum.resolve(groupCount: groups.count, optimizerType: optimizerType, name: "max_momentum")
            let count = Swift.min(groups.count, bases.count, maxima.count)
            for index in 0..<count { groups[index].effectiveMomentum = maxima[index] }
            oneCycleBase = Array(bases.prefix(count))
            oneCycleMax = Array(maxima.prefix(count))
            oneCyclePhases = spec.phases(maxIters: maxIters)
            return
        }
        for index in groups.indices {
            guard let current = groups[index].effectiveMomentum else {
                throw ScheduleRuntimeError(.keyError, "'betas' (param group \(index) has neither momentum nor betas)")
            }
            groups[index].setDefaultInitialValue(current, of: .momentum)
        }
        baseMomentum = groups.map { $0.initialMomentum ?? 0 }
        if case .cyclic(let spec) = policy {
            cyclicPhases = try spec.phases(maxIters: maxIters)
        }
    }

    /// `before_train_epoch` (EpochBasedRunner only); `itersPerEpoch` is unused by this hook.
    public mutating func beforeTrainEpoch(epoch: Int, iter: Int, maxEpochs: Int?, maxIters: Int, itersPerEpoch: Int,
                                          groups: inout [ParamGroup]) throws {
        guard byEpoch else { return }
        regularMomentum = try regularValues(epoch: epoch, iter: iter, maxEpochs: maxEpochs, maxIters: maxIters)
        write(regularMomentum, to: &groups)
    }

    /// `before_train_iter`.
    public mutating func beforeTrainIter(epoch: Int, iter: Int, maxEpochs: Int?, maxIters: Int,
                                         groups: inout [ParamGroup]) throws {
        if !byEpoch {
            // regular_momentum for every group (kept, as the hook keeps it), then `_set_momentum` zips the
            // groups with the warmed or regular values (computed in place: no array per iteration).
            let count = regularCount
            if regularMomentum.count != count { regularMomentum = [Double](repeating: 0, count: count) }
            for index in 0..<count { regularMomentum[index] = try regularValue(index, epoch: epoch, iter: iter, maxEpochs: maxEpochs, maxIters: maxIters) }
            for index in 0..<Swift.min(groups.count, count) {
                groups[index].effectiveMomentum = try byIterationMomentum(regular: regularMomentum[index], iter: iter)
            }
        } else {
            for index in 0..<Swift.min(groups.count, regularMomentum.count) {
                groups[index].effectiveMomentum = try byEpochMomentum(groups[index].effectiveMomentum, regular: regularMomentum[index], iter: iter)
            }
        }
    }

    /// The momentum `beforeTrainIter` leaves in group `index` at iteration `iter`, the group's momentum being
    /// `current` before it (`nil`: the group has none, and nothing is written): the same computation for one
    /// group, without writing anything (the proof's bulk path).
    public func iterationMomentum(_ current: Double?, index: Int, epoch: Int, iter: Int, maxEpochs: Int?, maxIters: Int) throws -> Double? {
        if !byEpoch {
            guard index < regularCount else { return current }
            let value = try byIterationMomentum(regular: try regularValue(index, epoch: epoch, iter: iter, maxEpochs: maxEpochs, maxIters: maxIters), iter: iter)
            return current == nil ? nil : value
        }
        guard index < regularMomentum.count else { return current }
        let value = try byEpochMomentum(current, regular: regularMomentum[index], iter: iter)
        return current == nil ? nil : value
    }

    /// How many groups get a regular momentum (OneCycle: as many as it has bounds for).
    var regularCount: Int {
        if case .oneCycle = policy { return Swift.min(oneCycleBase.count, oneCycleMax.count) }
        return baseMomentum.count
    }

    /// By iteration: the warmed value of the regular momentum during the warmup, the regular one after it.
    @inline(__always) func byIterationMomentum(regular: Double, iter: Int) throws -> Double {
        if let warmup, let length = warmupIters, Double(iter) < length.value {
            return try warmup.momentum(regular: regular, iteration: iter, length: length.value)
        }
        return regular
    }

    /// By epoch: nothing written past the warmup (`current` stays), the epoch's regular momentum at its end,
    /// the warmed value of it before.
    @inline(__always) func byEpochMomentum(_ current: Double?, regular: Double, iter: Int) throws -> Double? {
        let k = Double(iter)
        guard let warmup, let length = warmupIters, k <= length.value else { return current }
        if k == length.value { return regular }
        return try warmup.momentum(regular: regular, iteration: iter, length: length.value)
    }

    /// `get_regular_momentum` for group `index`.
    @inline(__always) func regularValue(_ index: Int, epoch: Int, iter: Int, maxEpochs: Int?, maxIters: Int) throws -> Double {
        switch policy {
        case .cyclic(let spec):
            guard let phases = cyclicPhases else {
                throw ScheduleRuntimeError(.typeError, "Cyclic phases are unset (before_run was not called)")
            }
            return try spec.value(base: baseMomentum[index], iteration: iter, phases: phases)
        case .oneCycle(let spec):
            guard let phases = oneCyclePhases else {
                throw ScheduleRuntimeError(.keyError, "'base_momentum' (before_run was not called)")
            }
            return try spec.value(iteration: iter, base: oneCycleBase[index], max: oneCycleMax[index], phases: phases)
        default:
            return try policy.value(base: baseMomentum[index], progress: byEpoch ? epoch : iter, maxProgress: byEpoch ? maxEpochs : maxIters)
        }
    }

    /// How many iterations from `iter` on (that one included, at least 1, at most `limit`) `beforeTrainIter`
    /// writes the same values, within one epoch (as `LegacyLrUpdater.steadyIterations`).
    public func steadyIterations(iter: Int, limit: Int) -> Int {
        guard limit > 1 else { return 1 }
        let k = Double(iter)
        if byEpoch {
            guard let warmup, let length = warmupIters, k < length.value else { return limit }
            return warmup.kind == .constant ? Swift.max(1, SteadyCount.integers(from: iter, below: length.value, limit: limit)) : 1
        }
        let regular: Int
        switch policy {
        case .step(let rule, _, _): regular = rule.steadyProgress(from: iter, limit: limit)
        default: regular = 1
        }
        guard let warmup, let length = warmupIters, k < length.value else { return regular }
        guard warmup.kind == .constant else { return 1 }
        return Swift.max(1, Swift.min(regular, SteadyCount.integers(from: iter, below: length.value, limit: limit)))
    }

    /// `get_regular_momentum`.
    func regularValues(epoch: Int, iter: Int, maxEpochs: Int?, maxIters: Int) throws -> [Double] {
        try (0..<regularCount).map { try regularValue($0, epoch: epoch, iter: iter, maxEpochs: maxEpochs, maxIters: maxIters) }
    }

    /// `_set_momentum`: `momentum` if the group has it, else `betas[0]`.
    func write(_ values: [Double], to groups: inout [ParamGroup]) {
        for (index, value) in zip(groups.indices, values) { groups[index].effectiveMomentum = value }
    }
}
