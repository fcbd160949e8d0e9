import HookMigrateCore

/// The three methods MMCV's lr and momentum updater hooks share (same signatures in both types); one
/// adapter turns either into a `LegacyParamHook` for the legacy runner.
public protocol LegacyScheduleUpdater: LegacyParamHook {
    /// `before_run`.
    mutating func beforeRun(maxIters: Int, groups: inout [ParamGroup]) throws
    /// `before_train_epoch`.
    mutating func beforeTrainEpoch(epoch: Int, iter: Int, maxEpochs: Int?, maxIters: Int, itersPerEpoch: Int,
                                   groups: inout [ParamGroup]) throws
    /// `before_train_iter`.
    mutating func beforeTrainIter(epoch: Int, iter: Int, maxEpochs: Int?, maxIters: Int, groups: inout [ParamGroup]) throws
}

extension LegacyScheduleUpdater {
    public mutating func beforeRun(_ state: LegacyRunState, groups: inout [ParamGroup]) throws {
        try beforeRun(maxIters: state.maxIters, groups: &groups)
    }

    public mutating func beforeTrainEpoch(_ state: LegacyRunState, groups: inout [ParamGroup]) throws {
        try beforeTrainEpoch(epoch: state.epoch, iter: state.iter, maxEpochs: state.maxEpochs, maxIters: state.maxIters,
                             itersPerEpoch: state.itersPerEpoch, groups: &groups)
    }

    public mutating func beforeTrainIter(_ state: LegacyRunState, groups: inout [ParamGroup]) throws {
        try beforeTrainIter(epoch: state.epoch, iter: state.iter, maxEpochs: state.maxEpochs, maxIters: state.maxIters, groups: &groups)
    }

    /// MMCV's updaters compute every value from the counters (closed form): memoryless.
    public var iterationUpdateIsMemoryless: Bool { true }
}

extension LegacyLrUpdater: LegacyScheduleUpdater {
    /// Itself.
    public var lrUpdater: LegacyLrUpdater? { self }

    /// `before_run`; the runner's dataloader length is noted as well (YOLOX's `get_lr` reads
    /// `len(runner.data_loader)`, which IterBasedRunner also sets).
    public mutating func beforeRun(_ state: LegacyRunState, groups: inout [ParamGroup]) throws {
        dataLoaderLength = state.itersPerEpoch
        try beforeRun(maxIters: state.maxIters, groups: &groups)
    }
}

extension LegacyMomentumUpdater: LegacyScheduleUpdater {
    /// Itself.
    public var momentumUpdater: LegacyMomentumUpdater? { self }
}

extension ParamSchedulers: ModernSchedulerSet {
    /// Itself.
    public var paramSchedulers: ParamSchedulers? { self }
}

/// The schedule simulators, as factories for the two runners.
public enum SimulatedSchedules {
    /// MMCV lr and momentum updater hooks from a legacy config.
    public static let legacy: LegacyParamHookFactory = { config, iterRunner in
        let optimizerType = config["optimizer"]?.mapping?["type"]?.scalar?.stringValue
        var lr: (any LegacyParamHook)?
        var momentum: (any LegacyParamHook)?
        if let node = config["lr_config"], !node.isNull {
            do {
                lr = try LegacyLrUpdater(node: node, iterBasedRunner: iterRunner, optimizerType: optimizerType)
            } catch let error as UnknownPolicyError {
                throw error.configError
            }
        }
        if let node = config["momentum_config"], !node.isNull {
            do {
                momentum = try LegacyMomentumUpdater(node: node, optimizerType: optimizerType)
            } catch let error as UnknownPolicyError {
                throw error.configError
            }
        }
        return (lr, momentum)
    }

    /// MMEngine parameter schedulers from a converted config's `param_scheduler`.
    public static let modern: ModernSchedulerFactory = { node, loop, groups in
        guard let node, !node.isNull else { return nil }
        let builder = ParamSchedulerBuilder(loop: loop.byEpoch ? .epochBased(maxEpochs: loop.maxEpochs) : .iterBased(maxIters: loop.maxIters),
                                            epochLength: loop.itersPerEpoch)
        return try builder.build(node, groups: &groups)
    }
}
