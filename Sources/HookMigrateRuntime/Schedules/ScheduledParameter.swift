/// The optimizer value a schedule drives: `lr`, or momentum (`momentum` for SGD-like groups, `betas[0]` for
/// Adam-like ones — both MMCV's `_set_momentum` and MMEngine's `MomentumSchedulerMixin` do this).
public enum ScheduledParameter: String, Sendable, Equatable {
    case lr
    case momentum
}
