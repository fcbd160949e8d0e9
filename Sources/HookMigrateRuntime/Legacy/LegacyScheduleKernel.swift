/// MMCV's lr and momentum updaters over a quiet span of a legacy run whose optimizer has one param group,
/// as plain values: each iteration's values come from the updaters' own one-group functions
/// (`LegacyLrUpdater.iterationLr`, `LegacyMomentumUpdater.iterationMomentum`, the code `beforeTrainIter`
/// runs), with no existential call, array or write into the run per iteration. The run is brought up to
/// date once, at the span's last iteration (the updaters are memoryless). The kernel is immutable and the
/// group is passed in: calling an updater held by a kernel being mutated copied the updater, arrays and all,
/// at every iteration.
struct LegacyScheduleKernel: Sendable {
    /// An updater held by reference: calling an updater held in an optional (of a value, even a `let` of a
    /// class) copied it, arrays and all, at every call.
    final class Box<Updater: Sendable>: Sendable {
        let updater: Updater

        init(_ updater: Updater) {
            self.updater = updater
        }
    }

    let lr: Box<LegacyLrUpdater>?
    let momentum: Box<LegacyMomentumUpdater>?
    /// The group's values at the start of the span.
    let group: ParamGroup
    let maxEpochs: Int?
    let maxIters: Int
    /// The epoch the hooks see (unused by the by-iteration values; MMCV's by-epoch values come from
    /// `before_train_epoch`).
    let epoch: Int

    /// Applies the updaters for iteration `iter` to `group`, in the run's order (lr, then momentum).
    @inline(__always) func apply(at iter: Int, to group: inout ParamGroup) throws {
        if let value = try lr?.updater.iterationLr(group.lr, index: 0, epoch: epoch, iter: iter, maxEpochs: maxEpochs, maxIters: maxIters) {
            group.lr = value
        }
        if let value = try momentum?.updater.iterationMomentum(group.effectiveMomentum, index: 0, epoch: epoch, iter: iter,
                                                                maxEpochs: maxEpochs, maxIters: maxIters) {
            group.effectiveMomentum = value
        }
    }

    /// How many iterations from `iter` on (at least 1, at most `limit`) the updaters write the same values.
    func steady(at iter: Int, limit: Int) -> Int {
        var steady = limit
        steady = Swift.min(steady, lr?.updater.steadyIterations(iter: iter, limit: steady) ?? steady)
        steady = Swift.min(steady, momentum?.updater.steadyIterations(iter: iter, limit: steady) ?? steady)
        return Swift.max(1, steady)
    }
}

extension LegacyRun {
    /// The kernel for the span starting at the next iteration: only for one param group and MMCV's own
    /// updaters (or none).
    mutating func scheduleKernel() -> LegacyScheduleKernel? {
        guard groups.count == 1 else { return nil }
        var lr: LegacyLrUpdater?
        var momentum: LegacyMomentumUpdater?
        if lrHook != nil {
            guard let updater = lrHook?.lrUpdater else { return nil }
            lr = updater
        }
        if momentumHook != nil {
            guard let updater = momentumHook?.momentumUpdater else { return nil }
            momentum = updater
        }
        return LegacyScheduleKernel(lr: lr.map { LegacyScheduleKernel.Box($0) }, momentum: momentum.map { LegacyScheduleKernel.Box($0) }, group: groups[0], maxEpochs: state.maxEpochs, maxIters: state.maxIters,
                                    epoch: quietEpoch)
    }
}
