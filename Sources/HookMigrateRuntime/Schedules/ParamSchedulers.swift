/// The schedulers of one optimizer in list order, stepped as MMEngine 0.10.7's `ParamSchedulerHook` does
/// (`mmengine/hooks/param_scheduler_hook.py`; schedules.md B.3): `after_train_iter` steps every
/// `by_epoch=False` scheduler in list order, `after_train_epoch` every `by_epoch=True` one. The optimizer
/// steps inside `train_step`, before these hooks, so the value iteration k uses is the one written before
/// iteration k started.
public struct ParamSchedulers: Sendable, Equatable {
    /// The schedulers in list order.
    public private(set) var schedulers: [ParamScheduler]

    /// Wraps built schedulers.
    public init(_ schedulers: [ParamScheduler] = []) {
        self.schedulers = schedulers
    }

    /// Appends a scheduler built on the same groups.
    public mutating func append(_ scheduler: ParamScheduler) {
        schedulers.append(scheduler)
    }

    /// `ParamSchedulerHook.after_train_iter`: steps every iteration-based scheduler, in list order.
    public mutating func stepIteration(groups: inout [ParamGroup]) throws {
        for index in schedulers.indices where !schedulers[index].byEpoch {
            try schedulers[index].step(groups: &groups)
        }
    }

    /// `ParamSchedulerHook.after_train_epoch`: steps every epoch-based scheduler, in list order.
    public mutating func stepEpoch(groups: inout [ParamGroup]) throws {
        for index in schedulers.indices where schedulers[index].byEpoch {
            try schedulers[index].step(groups: &groups)
        }
    }
}

extension ParamSchedulers {
    /// How many of the next `stepIteration` calls leave every group's values as they are (at most `limit`):
    /// the fewest over the iteration-based schedulers.
    public func steadyIterationSteps(limit: Int) -> Int {
        var steady = limit
        for scheduler in schedulers where !scheduler.byEpoch {
            steady = Swift.min(steady, scheduler.steadySteps(limit: steady))
            if steady == 0 { break }
        }
        return steady
    }

    /// `stepIteration` for an optimizer of one group held as a plain value (the proof's bulk path). Each
    /// scheduler is reached once, in place (reading `byEpoch` of an element before stepping it copied the
    /// scheduler).
    public mutating func stepIteration(group: inout ParamGroup) throws {
        for index in schedulers.indices { try schedulers[index].stepIteration(group: &group) }
    }

    /// `skipSteadyIterationSteps` for an optimizer of one group held as a plain value.
    public mutating func skipSteadyIterationSteps(_ count: Int, group: ParamGroup) {
        for index in schedulers.indices where !schedulers[index].byEpoch {
            schedulers[index].skipSteadySteps(count, group: group)
        }
    }
}
