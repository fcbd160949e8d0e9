/// MMEngine's parameter schedulers over a quiet span of a run whose optimizer has one param group, as
/// plain values: each iteration steps them through the same one-group step (`ParamScheduler.step(group:)`,
/// the expressions `step(groups:)` uses) with no existential call or array per iteration. The schedulers are
/// taken out of the run for the span and put back at its end (`ModernRun.restore`).
struct ModernScheduleKernel: Sendable {
    /// The schedulers (none: an empty list). Not an optional: stepping through an optional copied the list.
    var schedulers: ParamSchedulers
    /// Whether the run had schedulers (to put back).
    let hadSchedulers: Bool
    /// The group's values: what the next iteration's optimizer step uses.
    var group: ParamGroup
    /// `ParamSchedulerHook.after_train_iter` calls per iteration.
    let steps: Int

    /// The schedulers' steps of one iteration.
    @inline(__always) mutating func step() throws {
        for _ in 0..<steps { try schedulers.stepIteration(group: &group) }
    }

    /// How many iterations from the next one on (at least 1, at most `limit`) use the next one's values.
    func steady(limit: Int) -> Int {
        guard steps > 0, limit > 1 else { return Swift.max(1, limit) }
        return Swift.min(limit, 1 + schedulers.steadyIterationSteps(limit: (limit - 1) * steps) / steps)
    }

    /// The steps of `iterations` iterations that `steady` reported steady.
    mutating func skipSteady(iterations: Int) {
        guard iterations > 0, steps > 0 else { return }
        schedulers.skipSteadyIterationSteps(iterations * steps, group: group)
    }
}

extension ModernRun {
    /// Takes the schedulers and the group out of the run for a quiet span (only for one param group and
    /// MMEngine's own schedulers, or none); `restore` puts them back.
    mutating func takeScheduleKernel(steps: Int) -> ModernScheduleKernel? {
        guard groups.count == 1 else { return nil }
        var concrete: ParamSchedulers?
        if schedulers != nil {
            guard let found = schedulers?.paramSchedulers else { return nil }
            concrete = found
            // Held once (the kernel's copy), so stepping it copies nothing.
            schedulers = nil
        }
        return ModernScheduleKernel(schedulers: concrete ?? ParamSchedulers(), hadSchedulers: concrete != nil, group: groups[0], steps: steps)
    }

    /// Puts a kernel's schedulers and group back.
    mutating func restore(_ kernel: ModernScheduleKernel) {
        if kernel.hadSchedulers { schedulers = kernel.schedulers }
        groups[0] = kernel.group
    }
}
