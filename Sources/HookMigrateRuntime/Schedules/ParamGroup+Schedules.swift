/// Access to a group's scheduled values by name, as both libraries address them (`group['lr']`,
/// `group['momentum']` or `group['betas'][0]`, `group['initial_lr']`, `group['initial_momentum']`).
extension ParamGroup {
    /// Whether momentum schedulers can drive this group: it has `momentum` or `betas`
    /// (`mmengine/optim/scheduler/momentum_scheduler.py`, `MomentumSchedulerMixin`; MMCV's
    /// `MomentumUpdaterHook.before_run`).
    public var supportsMomentum: Bool { momentum != nil || betas != nil }

    /// The current value of `parameter` (`nil`: the group has no momentum).
    public func value(of parameter: ScheduledParameter) -> Double? {
        switch parameter {
        case .lr: return lr
        case .momentum: return effectiveMomentum
        }
    }

    /// Writes `parameter` (momentum goes to `momentum`, else to `betas[0]` keeping `betas[1]`).
    public mutating func setValue(_ value: Double, of parameter: ScheduledParameter) {
        switch parameter {
        case .lr: lr = value
        case .momentum: effectiveMomentum = value
        }
    }

    /// `group['initial_<parameter>']`, `nil` until captured.
    public func initialValue(of parameter: ScheduledParameter) -> Double? {
        switch parameter {
        case .lr: return initialLr
        case .momentum: return initialMomentum
        }
    }

    /// Sets `group['initial_<parameter>']`.
    public mutating func setInitialValue(_ value: Double, of parameter: ScheduledParameter) {
        switch parameter {
        case .lr: initialLr = value
        case .momentum: initialMomentum = value
        }
    }

    /// `group.setdefault('initial_<parameter>', value)`: keeps an existing initial value.
    public mutating func setDefaultInitialValue(_ value: Double, of parameter: ScheduledParameter) {
        if initialValue(of: parameter) == nil { setInitialValue(value, of: parameter) }
    }
}
