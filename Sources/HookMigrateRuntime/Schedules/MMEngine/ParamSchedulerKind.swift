/// What an MMEngine 0.10.7 parameter scheduler does at each step, with its arguments
/// (`mmengine/optim/scheduler/param_scheduler.py`; the `*LR` classes in `lr_scheduler.py` and the
/// `*Momentum` classes in `momentum_scheduler.py` only fix `param_name`). schedules.md B.2.
public enum ParamSchedulerKind: Sendable, Hashable {
    /// `ConstantParamScheduler(factor=1/3)`; factor in [0, 1].
    case constant(factor: Double)
    /// `LinearParamScheduler(start_factor=1/3, end_factor=1.0)`; both in [0, 1].
    case linear(startFactor: Double, endFactor: Double)
    /// `ExponentialParamScheduler(gamma)` (no range check: γ > 1 is allowed).
    case exponential(gamma: Double)
    /// `StepParamScheduler(step_size, gamma=0.1)`.
    case step(stepSize: Double, gamma: Double)
    /// `MultiStepParamScheduler(milestones, gamma=0.1)`: milestones are a `Counter`, a repeated milestone
    /// multiplies by `gamma ** count`.
    case multiStep(milestones: [Double], gamma: Double)
    /// `PolyParamScheduler(eta_min=0, power=1.0)`.
    case poly(etaMin: Double, power: Double)
    /// `CosineAnnealingParamScheduler(T_max=None, eta_min/eta_min_ratio)`; `tMax` `nil` (or 0) means
    /// `end - begin`.
    case cosineAnnealing(tMax: Double?, floor: ParamSchedulerFloor)
    /// `CosineRestartParamScheduler(periods, restart_weights=(1,), eta_min | eta_min_ratio)`.
    case cosineRestart(periods: [Double], restartWeights: [Double], floor: ParamSchedulerFloor)
    /// `OneCycleParamScheduler` (lr only).
    case oneCycle(OneCycleSettings)
    /// mmdet 3.x's `QuadraticWarmupLR` (`mmdet/engine/schedulers/quadratic_warmup.py`, mmdet 3.3.0):
    /// `b·(2t+1)/T**2` at its first step, then `v + b·(2t+1)/T**2`, `T = end − begin` (lr only).
    case quadraticWarmup
    /// hookmigrate's compat `MMCVLrUpdaterLR`: MMCV's updater formula at each iteration (lr only).
    case compatUpdater(CompatUpdaterSchedule)

    /// OneCycleLR's arguments.
    public struct OneCycleSettings: Sendable, Hashable {
        /// `eta_max`: one value for every group, or one per group.
        public var etaMax: [Double]
        /// Whether `eta_max` was a list (then its length must match the groups).
        public var etaMaxPerGroup: Bool
        /// `total_steps` (`nil`: `end - begin`).
        public var totalSteps: Double?
        /// `pct_start`.
        public var pctStart: Double
        /// `anneal_strategy` (`cos` or `linear`).
        public var anneal: LegacyAnneal
        /// `div_factor`.
        public var divFactor: Double
        /// `final_div_factor`.
        public var finalDivFactor: Double
        /// `three_phase`.
        public var threePhase: Bool

        /// Creates the settings (defaults as MMEngine's).
        public init(etaMax: [Double] = [0], etaMaxPerGroup: Bool = false, totalSteps: Double? = nil, pctStart: Double = 0.3,
                    anneal: LegacyAnneal = .cos, divFactor: Double = 25, finalDivFactor: Double = 1e4, threePhase: Bool = false) {
            self.etaMax = etaMax
            self.etaMaxPerGroup = etaMaxPerGroup
            self.totalSteps = totalSteps
            self.pctStart = pctStart
            self.anneal = anneal
            self.divFactor = divFactor
            self.finalDivFactor = finalDivFactor
            self.threePhase = threePhase
        }
    }
}
