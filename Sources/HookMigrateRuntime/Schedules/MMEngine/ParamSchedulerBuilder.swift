import HookMigrateCore

/// Builds the `param_scheduler` list of an MMEngine 0.10.7 config the way the Runner does
/// (`Runner._build_param_scheduler` in `mmengine/runner/runner.py`, `build_scheduler_from_cfg` in
/// `mmengine/registry/build_functions.py`, each class's `build_iter_from_epoch`; schedules.md B.4):
///
/// 1. A single dict is wrapped in a list; each entry must be a dict with a registered `type`.
/// 2. `end` defaults to `max_epochs` when `by_epoch` (default True) else to `max_iters` — **before** any
///    conversion. `EpochBasedTrainLoop.max_iters = max_epochs·L`; `IterBasedTrainLoop.max_epochs = 1`.
/// 3. `convert_to_iter_based=True` (needs `by_epoch` True) → `by_epoch=False`, `begin = int(begin·L)`,
///    `end = int(end·L)` unless `INF`, and per class `step_size`, `milestones`, `T_max` (if given),
///    `periods`, `total_steps` (if given) times L; `gamma`, `power`, `eta_min` and factors are unchanged.
/// 4. Schedulers are constructed in list order on the same groups; each constructor performs one step.
///
/// One optimizer is modelled (a dict of per-optimizer lists, used with `OptimWrapperDict`, is not).
public struct ParamSchedulerBuilder: Sendable, Equatable {
    /// The train loop the schedulers run in.
    public enum Loop: Sendable, Equatable {
        /// `EpochBasedTrainLoop(max_epochs=E)`.
        case epochBased(maxEpochs: Int)
        /// `IterBasedTrainLoop(max_iters=N)`.
        case iterBased(maxIters: Int)
    }

    /// The loop.
    public var loop: Loop
    /// `len(train_dataloader)` (L), passed as `epoch_length`.
    public var epochLength: Int

    /// Creates a builder.
    public init(loop: Loop, epochLength: Int) {
        self.loop = loop
        self.epochLength = epochLength
    }

    /// The loop's `max_epochs` (1 for an iteration loop).
    public var maxEpochs: Int {
        switch loop {
        case .epochBased(let epochs): return epochs
        case .iterBased: return 1
        }
    }

    /// The loop's `max_iters` (`E·L` for an epoch loop).
    public var maxIters: Int {
        switch loop {
        case .epochBased(let epochs): return epochs * epochLength
        case .iterBased(let iters): return iters
        }
    }

    /// Builds every scheduler of `node` (a dict or a list of dicts) on `groups`, in order.
    public func build(_ node: ConfigNode, path: ConfigPath = "param_scheduler", groups: inout [ParamGroup]) throws -> ParamSchedulers {
        var result = ParamSchedulers()
        if node.isNull { return result }
        if let list = node.list {
            for (index, item) in list.items.enumerated() {
                result.append(try buildOne(item, path: path.appending(index: index), groups: &groups))
            }
        } else {
            result.append(try buildOne(node, path: path, groups: &groups))
        }
        return result
    }

    /// Builds one scheduler dict.
    public func buildOne(_ node: ConfigNode, path: ConfigPath, groups: inout [ParamGroup]) throws -> ParamScheduler {
        guard let mapping = node.mapping else {
            throw ConfigError(.typeMismatch, "`\(path)`: scheduler should be a _ParamScheduler object or dict, but got \(node.typeDescription) (\(node.description)) (TypeError)", at: node.location)
        }
        let args = ScheduleArguments(mapping, path: path, location: node.location)
        let spec = try ParamSchedulerSpec.parse(args)
        let byEpochRequested = try args.flag("by_epoch", default: true)
        var begin = try args.double("begin", default: 0)
        var end = try args.double("end", default: Double(byEpochRequested ? maxEpochs : maxIters))
        var byEpoch = byEpochRequested
        var kind = spec.kind
        if try convertRequested(args) {
            guard byEpochRequested else {
                throw args.invalid("convert_to_iter_based", "Only epoch-based parameter scheduler can be converted to iter-based (AssertionError)")
            }
            let length = try args.int("epoch_length", default: epochLength)
            guard length > 0 else {
                throw args.invalid("`epoch_length` must be a positive integer, but got \(length) (AssertionError)")
            }
            let scale = Double(length)
            byEpoch = false
            begin = PyFloat.truncate(begin * scale)
            if end != ParamScheduler.infinity { end = PyFloat.truncate(end * scale) }
            kind = ParamSchedulerSpec.converted(kind, scale: scale)
        }
        do {
            return try ParamScheduler(type: spec.type, kind: kind, parameter: spec.parameter, begin: begin, end: end,
                                      lastStep: try args.int("last_step", default: -1), byEpoch: byEpoch, groups: &groups)
        } catch let error as ScheduleRuntimeError {
            throw ConfigError(.invalidValue, "`\(path)`: \(spec.type) cannot be built: \(error)", at: node.location)
        }
    }

    /// `args.pop('convert_to_iter_based', False)`, read for its truthiness.
    private func convertRequested(_ args: ScheduleArguments) throws -> Bool {
        try args.flag("convert_to_iter_based", default: false)
    }
}
