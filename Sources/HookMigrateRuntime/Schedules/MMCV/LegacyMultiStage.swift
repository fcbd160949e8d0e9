/// mmflow 0.5.2's `MultiStageLrUpdaterHook` (`mmflow/core/hooks/multistagelr_updater.py`): an absolute lr per
/// stage, decayed by the stage's gamma at each of its steps. `get_lr` ignores the group's base lr:
///
/// ```
/// if p < milestone_iters[0]: return base_lr
/// milestone = -1                                  # the last stage unless an earlier one still runs
/// for i, m in enumerate(milestone_iters[1:]): if p < m: milestone = i; break
/// exp = len(steps[milestone]); for ii, s in enumerate(steps[milestone]): if p < s: exp = ii; break
/// return milestone_lrs[milestone] * gammas[milestone] ** exp
/// ```
///
/// The class is registered only where mmflow is imported; the corpus configs that name it come from mmflow.
public struct LegacyMultiStage: Sendable, Hashable {
    /// `milestone_lrs`: each stage's lr.
    public var milestoneLrs: [Double]
    /// `milestone_iters`: each stage's first iteration (or epoch).
    public var milestoneIters: [Double]
    /// `steps`: each stage's decay points.
    public var steps: [[Double]]
    /// `gammas`: each stage's decay factor.
    public var gammas: [Double]

    /// `get_lr` at progress `p` (the epoch for a by-epoch hook, the iteration otherwise).
    public func value(base: Double, progress p: Double) throws -> Double {
        if p < milestoneIters[0] { return base }
        var stage = milestoneIters.count - 1
        for (index, start) in milestoneIters.dropFirst().enumerated() where p < start {
            stage = index
            break
        }
        let stageSteps = steps[stage]
        let exponent = stageSteps.firstIndex(where: { p < $0 }) ?? stageSteps.count
        return milestoneLrs[stage] * (try PyFloat.pow(gammas[stage], Double(exponent)))
    }

    /// The progress values at which `value` may change (stage starts and steps), ascending, without repeats.
    public var changePoints: [Double] {
        Array(Set(milestoneIters + steps.flatMap { $0 })).sorted()
    }

    /// The keyword arguments the class takes beyond `LrUpdaterHook`'s.
    static let keys: Set<String> = ["milestone_lrs", "milestone_iters", "steps", "gammas"]

    /// The constructor: four required lists of one length, each stage's first step after its start.
    static func parse(_ args: ScheduleArguments, owner: String) throws -> LegacyMultiStage {
        func required(_ key: String) throws -> [Double] {
            guard args.raw(key) != nil, let values = try args.doubles(key) else { throw args.missing(key, for: owner) }
            return values
        }
        let lrs = try required("milestone_lrs")
        let starts = try required("milestone_iters")
        guard let stepsNode = args.raw("steps") else { throw args.missing("steps", for: owner) }
        let stepsPath = args.path.appending("steps")
        let stepLists = try stepsNode.list(stepsPath).items.enumerated().map { index, item in
            try item.list(stepsPath.appending(index: index)).items.enumerated().map { try $1.double(stepsPath.appending(index: index).appending(index: $0)) }
        }
        let gammas = try required("gammas")
        guard lrs.count == starts.count, starts.count == stepLists.count, stepLists.count == gammas.count else {
            throw args.invalid("For MultiStageLr, lengths of milestones_lr and steps and gammas must be equal, but got \(lrs.count), \(starts.count), \(stepLists.count), and \(gammas.count) (AssertionError)")
        }
        guard !starts.isEmpty else {
            throw args.invalid("milestone_iters", "is empty: get_lr reads milestone_iters[0] (IndexError)")
        }
        for index in starts.indices {
            guard let first = stepLists[index].first else {
                throw args.invalid("steps", "steps[\(index)] is empty: the constructor reads steps[\(index)][0] (IndexError)")
            }
            guard starts[index] < first else {
                throw args.invalid("steps", "miltestone step must be, less than step: milestone_iters[\(index)]=\(LegacyLrPolicy.pythonNumber(starts[index])) is not below steps[\(index)][0]=\(LegacyLrPolicy.pythonNumber(first)) (AssertionError)")
            }
        }
        return LegacyMultiStage(milestoneLrs: lrs, milestoneIters: starts, steps: stepLists, gammas: gammas)
    }
}
