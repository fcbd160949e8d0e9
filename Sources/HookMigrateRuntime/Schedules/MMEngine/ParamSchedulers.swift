/// The schedulers of one optimizer in list order, stepped as MMEngine 0.10.7's `ParamSchedulerHook` does
/// (`mmengine/hooks/param_scheduler_hook.py`; schedules.md B.3): `after_train_iter` steps every
/// `by_epoch=False` scheduler in list order, `after_train_epoch` every `by_epoch=True` one. The optimizer
/// steps inside `train_step`, before these hooks, so the value iteration k uses is the one written before
/// iteration k started.
public struct ParamSchedulers: Sendable, Hashable {
    /// The schedulers in list order.
    public internal(set) var schedulers: [ParamScheduler]

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

extension ParamSchedulers {
    /// `count` calls of `stepIteration(group:)` when the scheduler at `poly` is a by-iteration PolyLR writing at
    /// every one of them, with factors from `factors` (`PolyFactorTable`, indexed by steps left plus one), and
    /// every other by-iteration scheduler writes at none (the caller has checked both): the same counters,
    /// values and `_last_value`s as stepping one call at a time, without a `pow` per step.
    mutating func stepPoly(at poly: Int, count: Int, group: inout ParamGroup, factors: [Double]) {
        guard count > 0, case let .poly(etaMin, _) = schedulers[poly].kind else { return }
        var value = group.lr
        var before = value
        var t = schedulers[poly].lastStep
        let total = schedulers[poly].totalIters
        for _ in 0..<count {
            before = value
            t += 1
            // `nextValue`: t == 0 keeps the value; otherwise `(v − eta_min)·(1 − 1/(T − t + 1))^p + eta_min`.
            if t != 0 { value = (value - etaMin) * factors[Int(total - Double(t) + 1)] + etaMin }
        }
        finishLoneSteps(writer: poly, count: count, before: before, value: value, group: &group)
    }

    /// The counters and `_last_value`s of `count` calls of `stepIteration(group:)` in which the by-iteration
    /// scheduler at `writer` wrote the lr at every call and no other by-iteration scheduler wrote, and the lr
    /// they leave: `before` and `value` are the lr before and after the last call's write.
    mutating func finishLoneSteps(writer: Int, count: Int, before: Double, value: Double, group: inout ParamGroup) {
        for index in schedulers.indices where !schedulers[index].byEpoch {
            schedulers[index].globalStep += count
            if index == writer { schedulers[index].lastStep += count }
            // `_last_value` of each scheduler: the group's value after its own step of the last call.
            var seen = group
            seen.lr = index < writer ? before : value
            schedulers[index].recordLastValue(seen)
        }
        group.lr = value
    }
}
