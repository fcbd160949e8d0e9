import HookMigrateRuntime

/// Collects what a plot shows from the two runs as they stream: each run's curves and timeline, and the
/// relative difference of every pair of optimizer steps (the n-th step of the legacy run against the n-th of
/// the new run, as the comparison matches them). Only the steps one run is ahead of the other are held, so a
/// run of any length takes bounded memory.
struct PlotRecorder: TraceSink {
    /// Which run is emitting.
    var side = 0
    /// The legacy run (0) and the new run (1).
    var runs = [RunSeries(), RunSeries()]
    /// The largest relative lr difference of any group, per pair of steps (at the legacy step's iteration).
    var lrDifference = SeriesDecimator()
    /// The same for momentum.
    var momentumDifference = SeriesDecimator()
    /// The first pair of steps that differs beyond the tolerance.
    var firstDifference: StepDifference?
    /// Pairs of steps compared.
    var pairs = 0
    /// The float tolerance of the comparison.
    let tolerance: Tolerance

    /// Steps of one run that the other has not reached yet.
    private var pending: [[PendingStep]] = [[], []]
    private var pendingStart = [0, 0]

    /// An optimizer step waiting for its pair.
    struct PendingStep: Sendable {
        var x: Int
        var groups: Int
        var values: TraceValues
    }

    /// Creates a recorder.
    init(tolerance: Tolerance) {
        self.tolerance = tolerance
    }

    /// Steps `side` has taken that the other run has not matched.
    func unmatched(_ side: Int) -> Int { pending[side].count - pendingStart[side] }

    /// The iteration an event stands for: iterations done, except that an optimizer step is drawn at the
    /// iteration it belongs to (0-based) and an `after_train_iter` effect at the end of its iteration.
    static func iteration(of kind: TraceEventKind, at point: MountPoint, iter: Int) -> Int {
        if kind == .optimStep { return iter }
        return point == .afterTrainIter ? iter + 1 : iter
    }

    mutating func emit(_ kind: TraceEventKind, at point: MountPoint, epoch: Int, iter: Int, batch: Int,
                       step: Int, text: String?, values: TraceValues) {
        let x = Self.iteration(of: kind, at: point, iter: iter)
        if kind != .optimStep, x > runs[side].end { runs[side].end = x }
        switch kind {
        case .optimStep:
            if x + 1 > runs[side].end { runs[side].end = x + 1 }
            runs[side].step(at: x, groups: step, values: values)
            pair(PendingStep(x: x, groups: step, values: values))
        case .checkpointSave:
            runs[side].checkpoints.event(at: x, step: step)
        case .checkpointRemove:
            runs[side].checkpoints.removal(step: step, at: x)
        case .evaluation:
            runs[side].evaluations.event(at: x, step: step)
        case .bestSave:
            runs[side].best.event(at: x, step: step)
        case .bestRemove:
            runs[side].best.removal(step: step, at: x)
        default:
            break
        }
    }

    /// Matches a step with the other run's oldest unmatched one, or holds it.
    private mutating func pair(_ step: PendingStep) {
        let other = 1 - side
        guard pendingStart[other] < pending[other].count else {
            pending[side].append(step)
            return
        }
        let match = pending[other][pendingStart[other]]
        pendingStart[other] += 1
        if pendingStart[other] == pending[other].count {
            pending[other].removeAll(keepingCapacity: true)
            pendingStart[other] = 0
        }
        if side == 0 { compare(step, match) } else { compare(match, step) }
    }

    /// Records the relative differences of a pair of steps.
    private mutating func compare(_ legacy: PendingStep, _ new: PendingStep) {
        pairs += 1
        var lr = 0.0
        var momentum = 0.0
        var anyMomentum = false
        var first: StepDifference?
        let groups = max(legacy.groups, new.groups)
        for group in 0..<groups {
            for isMomentum in [false, true] {
                let offsetLegacy = isMomentum ? legacy.groups + group : group
                let offsetNew = isMomentum ? new.groups + group : group
                let a = group < legacy.groups && offsetLegacy < legacy.values.count ? legacy.values[offsetLegacy] : .nan
                let b = group < new.groups && offsetNew < new.values.count ? new.values[offsetNew] : .nan
                if isMomentum, a.isNaN, b.isNaN { continue }
                let difference = Self.relativeDifference(a, b)
                if isMomentum {
                    anyMomentum = true
                    momentum = max(momentum, difference)
                } else {
                    lr = max(lr, difference)
                }
                if first == nil, firstDifference == nil, !tolerance.equal(a, b) {
                    first = StepDifference(x: legacy.x, newX: new.x, pair: pairs, group: group, groups: groups, momentum: isMomentum,
                                           legacy: a, new: b, relative: difference)
                }
            }
        }
        lrDifference.add(x: legacy.x, y: lr, corner: first != nil && !(first?.momentum ?? false))
        if anyMomentum { momentumDifference.add(x: legacy.x, y: momentum, corner: first?.momentum ?? false) }
        if let first { firstDifference = first }
    }

    /// `|a − b| / |b|`, the measure the comparison's tolerance bounds (`|a − b| ≤ rtol·|b|`); 0 when equal, +∞
    /// when only one is missing or `b` is 0.
    static func relativeDifference(_ a: Double, _ b: Double) -> Double {
        if a == b || (a.isNaN && b.isNaN) { return 0 }
        if a.isNaN || b.isNaN || b == 0 { return .infinity }
        return abs(a - b) / abs(b)
    }

    /// Ends both runs' curves.
    mutating func finish() {
        runs[0].finish()
        runs[1].finish()
        lrDifference.finish()
        momentumDifference.finish()
    }

    /// The steps of one run left without a pair when both runs have ended: (run, first iteration, count).
    var unpaired: (side: Int, from: Int, count: Int)? {
        for side in 0..<2 where unmatched(side) > 0 {
            return (side, pending[side][pendingStart[side]].x, unmatched(side))
        }
        return nil
    }
}
