/// The records both updater rules (`lr_config`, `momentum_config`) write from their shared planner
/// (`UpdaterSchedulePlanner`, `UpdaterSchedulePlanner+Annealing`): each rule's `Records` has these cases.
protocol UpdaterRecordCode: RecordCode {
    /// `<key>: None`: MMCV registers no updater hook, so nothing is emitted.
    static var noHook: Self { get }
    /// A config MMCV's updater hook refuses to build: nothing is emitted (manual step).
    static var rejected: Self { get }
    /// A value MMCV's get_lr/get_momentum fails to compute for this run (the legacy run raises): nothing is emitted (manual step).
    static var rejectedAtRunTime: Self { get }
    /// A policy registered by a downstream package, not MMCV: convert it with that package's migration.
    static var downstreamPolicy: Self { get }
    /// A policy MMCV does not register (MMCV itself rejects the name): nothing is emitted.
    static var unknownPolicy: Self { get }
    /// CosineAnnealing becomes CosineAnnealingLR/Momentum over the run (T_max = the run's length).
    static var cosineAnnealing: Self { get }
    /// CosineAnnealing by iteration under an epoch runner becomes CosineAnnealingLR/Momentum whose T_max and end are the loop's max_iters.
    static var cosineAnnealingLoopEnd: Self { get }
    /// An annealing policy that needs the run's length, which is not known: nothing is emitted.
    static var needsRunLength: Self { get }
    /// LinearAnnealing with min_<value>_ratio outside [0, 1], which LinearLR/Momentum factors cannot express: nothing is emitted.
    static var linearRatioOutOfRange: Self { get }
    /// Poly or LinearAnnealing becomes PolyLR/LinearLR (or the momentum counterpart) with end = H+1.
    static var annealing: Self { get }
    /// Poly or LinearAnnealing by iteration under an epoch runner without L: the default end is one iteration short.
    static var annealingDefaultEnd: Self { get }
}
