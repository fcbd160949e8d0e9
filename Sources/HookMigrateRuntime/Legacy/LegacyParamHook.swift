/// The counters an MMCV hook sees.
public struct LegacyRunState: Sendable, Equatable {
    /// `runner.epoch`.
    public var epoch: Int
    /// `runner.iter`.
    public var iter: Int
    /// `runner.inner_iter`.
    public var inner: Int
    /// `runner.max_epochs` (nil under an IterBasedRunner without one).
    public var maxEpochs: Int?
    /// `runner.max_iters`.
    public var maxIters: Int
    /// `len(runner.data_loader)`.
    public var itersPerEpoch: Int
    /// Whether the runner is an EpochBasedRunner.
    public var epochRunner: Bool
}

/// An MMCV lr or momentum updater hook, as the legacy runner drives it: it changes the param groups at
/// `before_run`, `before_train_epoch` (never called by IterBasedRunner) and `before_train_iter`.
public protocol LegacyParamHook: Sendable {
    /// `before_run`.
    mutating func beforeRun(_ state: LegacyRunState, groups: inout [ParamGroup]) throws
    /// `before_train_epoch`.
    mutating func beforeTrainEpoch(_ state: LegacyRunState, groups: inout [ParamGroup]) throws
    /// `before_train_iter`.
    mutating func beforeTrainIter(_ state: LegacyRunState, groups: inout [ParamGroup]) throws
    /// Whether `beforeTrainIter` is a function of the counters it is given and the groups' current values:
    /// the hook keeps nothing from one call to the next that changes what it writes, so calling it twice for
    /// one iteration is calling it once, and a span's values may be computed apart from the run (the hook's
    /// one-group functions) and written back. The proof's bulk path relies on it; a hook that is not
    /// memoryless is run iteration by iteration with the rest of the run.
    var iterationUpdateIsMemoryless: Bool { get }
    /// The hook as MMCV's lr updater, when it is one (the proof's bulk path computes its values directly;
    /// other hooks are compared event by event).
    var lrUpdater: LegacyLrUpdater? { get }
    /// The hook as MMCV's momentum updater, when it is one.
    var momentumUpdater: LegacyMomentumUpdater? { get }
    /// The hook as a value two runners can be compared by (`ProofMemo`): itself when its type is `Hashable`,
    /// else `nil` (a runner holding it is then never remembered).
    var proofIdentity: AnyHashable? { get }
}

extension LegacyParamHook {
    /// Not known to be memoryless.
    public var iterationUpdateIsMemoryless: Bool { false }

    /// Not MMCV's lr updater.
    public var lrUpdater: LegacyLrUpdater? { nil }

    /// Not MMCV's momentum updater.
    public var momentumUpdater: LegacyMomentumUpdater? { nil }

    /// Not comparable.
    public var proofIdentity: AnyHashable? { nil }
}

extension LegacyParamHook where Self: Hashable {
    /// Itself.
    public var proofIdentity: AnyHashable? { AnyHashable(self) }
}

/// Builds the lr and momentum hooks of a legacy config (the whole resolved config, and whether the runner
/// is an IterBasedRunner); supplied by the schedule layer.
public typealias LegacyParamHookFactory = @Sendable (_ config: HookMigrateCore.ConfigMapping, _ iterRunner: Bool) throws
    -> (lr: (any LegacyParamHook)?, momentum: (any LegacyParamHook)?)

import HookMigrateCore
