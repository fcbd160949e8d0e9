import HookMigrateCore

/// MMCV 1.7.2's lr updater hook (`mmcv/runner/hooks/lr_updater.py`, `LrUpdaterHook` and its registered
/// policies) as a value: built from a legacy `lr_config`, called by a simulated runner at the hook's mount
/// points, writing `lr` into the simulated parameter groups exactly as the real hook does
/// (schedules.md A.0–A.3, A.8, A.9).
///
/// Mount points (the runner calls them; within a mount point the lr hook runs before the momentum hook):
/// - `beforeRun` — every group `setdefault('initial_lr', lr)` and `base_lr` captured; Cyclic also fixes its
///   phases, OneCycle replaces all of it by its own `before_run` (`b = max_lr / div_factor`).
/// - `beforeTrainEpoch` — only EpochBasedRunner calls it. The first call turns `warmup_by_epoch` epochs into
///   `W = warmup_epochs · L` iterations; then, **only when `by_epoch`**, the epoch's regular lr is computed
///   (`p = epoch`, `P = max_epochs`) and written.
/// - `beforeTrainIter` — asserts `W` is an int (`AssertionError` under IterBasedRunner with
///   `warmup_by_epoch`, whose W is never computed). By iteration: recompute the regular lr (`p = iter`) and
///   write it when there is no warmup or `iter >= W`, else write the warmed value. By epoch: nothing when
///   there is no warmup or `iter > W`; at `iter == W` the epoch's regular lr; before it the warmed value of
///   the epoch's regular lr. Iteration `W` is never warmed (A.1).
///
/// Under IterBasedRunner `beforeTrainEpoch` is never called, so a by-epoch policy keeps `regularLr` empty
/// and every write is a zip over an empty list: the lr stays at its configured value (A.9).
///
/// One optimizer (a list of groups) is modelled; MMCV's dict-of-optimizers form is not.
public struct LegacyLrUpdater: Sendable, Hashable {
    /// The policy and its arguments.
    public let policy: LegacyLrPolicy
    /// `by_epoch` after the runner's defaults (IterBasedRunner: `setdefault('by_epoch', False)`).
    public let byEpoch: Bool
    /// The warmup, `nil` for none.
    public let warmup: LegacyWarmup?
    /// `warmup_by_epoch`.
    public let warmupByEpoch: Bool
    /// `warmup_iters` (`W`); `nil` until `beforeTrainEpoch` computes it for `warmup_by_epoch`.
    public private(set) var warmupIters: LegacyCount?
    /// `warmup_epochs` (only with `warmup_by_epoch`).
    public let warmupEpochs: LegacyCount?
    /// The optimizer's class name, used only to resolve a dict-valued OneCycle `max_lr`.
    public let optimizerType: String?
    /// `base_lr`, one per group (captured by `beforeRun`).
    public private(set) var baseLr: [Double] = []
    /// `regular_lr`: the last regular values computed (empty until computed).
    public private(set) var regularLr: [Double] = []
    /// The Cyclic phases fixed at `beforeRun`.
    public private(set) var cyclicPhases: LegacyCyclic.Phases?
    /// The OneCycle phases fixed at `beforeRun`.
    public private(set) var oneCyclePhases: [LegacyOneCycle.Phase]?
    /// `len(runner.data_loader)` as the hook last saw it (YOLOX's `get_lr` reads it).
    public internal(set) var dataLoaderLength: Int?

    /// Builds the hook from `lr_config` (a mapping holding `policy`) the way `register_lr_hook` does.
    /// `iterBasedRunner` applies IterBasedRunner's `setdefault('by_epoch', False)`. Throws a located
    /// `ConfigError` for what the constructor rejects and `UnknownPolicyError` for a policy that names no
    /// registered class.
    public init(config: ConfigMapping, location: SourceLocation?, path: ConfigPath = "lr_config",
                iterBasedRunner: Bool, optimizerType: String? = nil) throws {
        try self.init(LegacyUpdaterConfig<LegacyLrPolicy>.parse(config: config, location: location, path: path, iterBasedRunner: iterBasedRunner),
                      path: path, location: location, iterBasedRunner: iterBasedRunner, optimizerType: optimizerType)
    }

    /// Builds the hook from its parsed config. Throws a located `ConfigError` (`.invalidValue`) where the
    /// simulator does not model the run (mmedit's `Reduce` where it could reduce).
    public init(_ config: LegacyUpdaterConfig<LegacyLrPolicy>, path: ConfigPath = "lr_config", location: SourceLocation?,
                iterBasedRunner: Bool, optimizerType: String? = nil) throws {
        if case .reduce(let spec) = config.policy, let refusal = spec.simulationRefusal(iterBasedRunner: iterBasedRunner, byEpoch: config.byEpoch) {
            throw ConfigError(.invalidValue, "`\(path)`: \(refusal)", at: location)
        }
        self.policy = config.policy
        self.byEpoch = config.byEpoch
        self.warmup = config.warmup
        self.warmupByEpoch = config.warmupByEpoch
        self.warmupIters = config.warmupByEpoch ? nil : config.warmupLength
        self.warmupEpochs = config.warmupByEpoch ? config.warmupLength : nil
        self.optimizerType = optimizerType
    }

    /// Builds the hook from an `lr_config` node (which must be a mapping).
    public init(node: ConfigNode, path: ConfigPath = "lr_config", iterBasedRunner: Bool, optimizerType: String? = nil) throws {
        try self.init(config: try node.mapping(path), location: node.location, path: path,
                      iterBasedRunner: iterBasedRunner, optimizerType: optimizerType)
    }

    /// `before_run`. `maxIters` is `runner.max_iters` (EpochBasedRunner sets it to `E·L` in `run()`).
    public mutating func beforeRun(maxIters: Int, groups: inout [ParamGroup]) throws {
        if case .oneCycle(let spec) = policy {
            let phases = try spec.phases(maxIters: maxIters)
            baseLr = try spec.baseValues(groupCount: groups.count, optimizerType: optimizerType)
            for (index, value) in zip(groups.indices, baseLr) { groups[index].setDefaultInitialValue(value, of: .lr) }
            oneCyclePhases = phases
            return
        }
        for index in groups.indices { groups[index].setDefaultInitialValue(groups[index].lr, of: .lr) }
        baseLr = groups.map { $0.initialLr ?? $0.lr }
        if case .cyclic(let spec) = policy {
            cyclicPhases = try spec.phases(maxIters: maxIters)
        }
    }

    /// `before_train_epoch` (EpochBasedRunner only). `itersPerEpoch` is `len(runner.data_loader)`.
    public mutating func beforeTrainEpoch(epoch: Int, iter: Int, maxEpochs: Int?, maxIters: Int, itersPerEpoch: Int,
                                          groups: inout [ParamGroup]) throws {
        dataLoaderLength = itersPerEpoch
        if warmupIters == nil {
            guard let warmupEpochs else {
                throw ScheduleRuntimeError(.typeError, "unsupported operand type(s) for *: 'NoneType' and 'int' (warmup_iters is None)")
            }
            warmupIters = LegacyCount(warmupEpochs.value * Double(itersPerEpoch), isInt: warmupEpochs.isInt)
        }
        guard byEpoch else { return }
        regularLr = try regularValues(epoch: epoch, iter: iter, maxEpochs: maxEpochs, maxIters: maxIters)
        write(regularLr, to: &groups)
    }

    /// `before_train_iter`, just before iteration `iter` (the global counter) runs.
    public mutating func beforeTrainIter(epoch: Int, iter: Int, maxEpochs: Int?, maxIters: Int,
                                         groups: inout [ParamGroup]) throws {
        let length = try assertedWarmupIters()
        if !byEpoch {
            // regular_lr for every group (kept, as the hook keeps it), then `_set_lr` zips the groups with the
            // warmed or regular values (computed in place: no array per iteration).
            if regularLr.count != baseLr.count { regularLr = baseLr }
            for index in baseLr.indices { regularLr[index] = try regularValue(index, epoch: epoch, iter: iter, maxEpochs: maxEpochs, maxIters: maxIters) }
            for index in 0..<Swift.min(groups.count, regularLr.count) {
                groups[index].lr = try byIterationLr(regular: regularLr[index], index: index, iter: iter, length: length)
            }
        } else {
            for index in 0..<Swift.min(groups.count, regularLr.count) {
                groups[index].lr = try byEpochLr(groups[index].lr, regular: regularLr[index], index: index, iter: iter, length: length)
            }
        }
    }

    /// The lr `beforeTrainIter` leaves in group `index` at iteration `iter`, the group's lr being `current`
    /// before it: the same computation for one group, without writing anything (the proof's bulk path).
    public func iterationLr(_ current: Double, index: Int, epoch: Int, iter: Int, maxEpochs: Int?, maxIters: Int) throws -> Double {
        let length = try assertedWarmupIters()
        if !byEpoch {
            guard index < baseLr.count else { return current }
            return try byIterationLr(regular: try regularValue(index, epoch: epoch, iter: iter, maxEpochs: maxEpochs, maxIters: maxIters),
                                     index: index, iter: iter, length: length)
        }
        guard index < regularLr.count else { return current }
        return try byEpochLr(current, regular: regularLr[index], index: index, iter: iter, length: length)
    }

    /// `warmup_iters`, which `before_train_iter` asserts is an int.
    func assertedWarmupIters() throws -> Double {
        guard let length = warmupIters, length.isInt else {
            throw ScheduleRuntimeError(.assertionError, "LrUpdaterHook.before_train_iter asserts warmup_iters is an int, found \(warmupIters.map { String($0.value) } ?? "None")")
        }
        return length.value
    }

    /// By iteration: the warmed value of the regular lr before iteration `length`, the regular lr from then on.
    @inline(__always) func byIterationLr(regular: Double, index: Int, iter: Int, length: Double) throws -> Double {
        if let warmup, Double(iter) < length { return try warmed(warmup, regular: regular, index: index, iter: iter, length: length) }
        return regular
    }

    /// By epoch: nothing written past the warmup (`current` stays), the epoch's regular lr at its end, the
    /// warmed value of it before.
    @inline(__always) func byEpochLr(_ current: Double, regular: Double, index: Int, iter: Int, length: Double) throws -> Double {
        let k = Double(iter)
        guard let warmup, k <= length else { return current }
        if k == length { return regular }
        return try warmed(warmup, regular: regular, index: index, iter: iter, length: length)
    }

    /// `get_warmup_lr(cur_iter)` for group `index`: MMCV's warmup of the regular lr, or YOLOX's override, which
    /// warms the group's base lr quadratically whatever the `warmup` kind.
    @inline(__always) func warmed(_ warmup: LegacyWarmup, regular: Double, index: Int, iter: Int, length: Double) throws -> Double {
        if case .yolox = policy { return try LegacyYOLOX.warmupLr(base: baseLr[index], ratio: warmup.ratio, iteration: iter, length: length) }
        return try warmup.lr(regular: regular, iteration: iter, length: length)
    }

    /// `get_regular_lr` for the group whose base lr is `baseLr[index]`.
    @inline(__always) func regularValue(_ index: Int, epoch: Int, iter: Int, maxEpochs: Int?, maxIters: Int) throws -> Double {
        let base = baseLr[index]
        switch policy {
        case .cyclic(let spec):
            guard let phases = cyclicPhases else {
                throw ScheduleRuntimeError(.typeError, "Cyclic phases are unset (before_run was not called)")
            }
            return try spec.value(base: base, iteration: iter, phases: phases)
        case .oneCycle(let spec):
            guard let phases = oneCyclePhases else {
                throw ScheduleRuntimeError(.typeError, "OneCycle phases are unset (before_run was not called)")
            }
            return try spec.value(base: base, iteration: iter, phases: phases)
        case .yolox(let spec):
            guard let length = dataLoaderLength else {
                throw ScheduleRuntimeError(.typeError, "YOLOXLrUpdaterHook reads len(runner.data_loader), which the simulated runner did not give it (an IterBasedRunner run is not modelled)")
            }
            guard let warmupLength = warmupIters?.value else {
                throw ScheduleRuntimeError(.typeError, "unsupported operand type(s) for -: 'int' and 'NoneType' (warmup_iters is None)")
            }
            let progress = byEpoch ? epoch : iter
            guard let total = byEpoch ? maxEpochs : maxIters else {
                throw ScheduleRuntimeError(.typeError, "unsupported operand type(s) for -: 'NoneType' and 'int' (runner.max_epochs is None)")
            }
            return try spec.value(base: base, progress: progress, maxProgress: Double(total), itersPerEpoch: length, warmupIters: warmupLength)
        default:
            return try policy.value(base: base, progress: byEpoch ? epoch : iter, maxProgress: byEpoch ? maxEpochs : maxIters)
        }
    }

    /// How many iterations from `iter` on (that one included, at least 1, at most `limit`) `beforeTrainIter`
    /// writes the same values, within one epoch: a by-epoch hook writes nothing past its warmup (and the same
    /// regular lr at its end); a constant warmup writes the same warmed value; Fixed, and Step between its
    /// steps, give the same regular lr. Anything else is taken to change every iteration.
    public func steadyIterations(iter: Int, limit: Int) -> Int {
        guard let length = warmupIters, length.isInt, limit > 1 else { return 1 }
        let k = Double(iter)
        if byEpoch {
            guard let warmup, k < length.value else { return limit }
            return warmup.kind == .constant ? Swift.max(1, SteadyCount.integers(from: iter, below: length.value, limit: limit)) : 1
        }
        let regular: Int
        switch policy {
        case .fixed, .reduce: regular = limit
        case .linear(let spec): regular = spec.steadyProgress(from: iter, limit: limit)
        case .step(let rule, _, _): regular = rule.steadyProgress(from: iter, limit: limit)
        default: regular = 1
        }
        guard let warmup, k < length.value else { return regular }
        guard warmup.kind == .constant else { return 1 }
        return Swift.max(1, Swift.min(regular, SteadyCount.integers(from: iter, below: length.value, limit: limit)))
    }

    /// `get_regular_lr`: the policy's value for every base lr.
    func regularValues(epoch: Int, iter: Int, maxEpochs: Int?, maxIters: Int) throws -> [Double] {
        try baseLr.indices.map { try regularValue($0, epoch: epoch, iter: iter, maxEpochs: maxEpochs, maxIters: maxIters) }
    }

    /// `_set_lr`: zips the groups with the values (an empty list writes nothing).
    func write(_ values: [Double], to groups: inout [ParamGroup]) {
        for (index, value) in zip(groups.indices, values) { groups[index].lr = value }
    }
}
