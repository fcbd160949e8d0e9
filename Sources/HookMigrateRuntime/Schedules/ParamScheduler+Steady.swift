/// Which upcoming steps of a scheduler change nothing, and skipping them: the proof's bulk path compares the
/// two runs' values once over iterations in which neither changes (docs/equivalence.md, "How the proof
/// scales"). Every answer is conservative: a form whose next step may change a value reports 0.
extension ParamScheduler {
    /// How many of the next `step()` calls leave every group's value as it is, at most `limit`. Outside
    /// `[begin, end)` a step writes nothing; inside, the forms that return the current values unchanged
    /// (Constant between its first and last step, Step and MultiStep off their steps, Exponential's first
    /// step) are steady; any other form is not.
    public func steadySteps(limit: Int) -> Int {
        guard limit > 0 else { return 0 }
        let position = globalStep + 1
        if Double(position) >= end { return limit }
        let beforeBegin = SteadyCount.integers(from: position, below: begin, limit: limit)
        if beforeBegin >= limit { return limit }
        let inRange = SteadyCount.integers(from: position + beforeBegin, below: end, limit: limit)
        let steady = steadyInRange(from: lastStep + 1, limit: limit)
        if steady >= inRange { return limit }
        return Swift.min(limit, beforeBegin + steady)
    }

    /// How many in-range steps from `_last_step == t` on return the current values (at most `limit`).
    func steadyInRange(from t: Int, limit: Int) -> Int {
        switch kind {
        case .constant:
            // t == 0 multiplies by the factor; t == T restores; in between the values are returned as they are.
            if t == 0 { return 0 }
            return SteadyCount.distance(to: totalIters, from: t, limit: limit) ?? limit
        case .exponential:
            return t == 0 ? 1 : 0
        case .step(let stepSize, _):
            guard stepSize > 0, stepSize.isFinite, stepSize.rounded(.towardZero) == stepSize, stepSize < 1e15 else { return 0 }
            let size = Int(stepSize)
            let next = t == 0 ? size : (t % size == 0 ? t : (t / size + 1) * size)
            return Swift.min(limit, next - t)
        case .multiStep(let milestones, _):
            var steady = limit
            for milestone in milestones {
                if let distance = SteadyCount.distance(to: milestone, from: t, limit: limit), distance < steady { steady = distance }
            }
            return steady
        default:
            return 0
        }
    }

    /// Performs `count` steps that `steadySteps` reported steady: the counters advance as `step()` advances
    /// them and `_last_value` is the groups' values; no value is computed or written.
    mutating func skipSteadySteps(_ count: Int, groups: [ParamGroup]) {
        guard count > 0 else { return }
        skipCounters(count)
        recordLastValues(groups)
    }

    /// `skipSteadySteps` for a one-group optimizer.
    mutating func skipSteadySteps(_ count: Int, group: ParamGroup) {
        guard count > 0 else { return }
        skipCounters(count)
        recordLastValue(group)
    }

    /// The counters of `count` steps.
    private mutating func skipCounters(_ count: Int) {
        let position = globalStep + 1
        let beforeBegin = SteadyCount.integers(from: position, below: begin, limit: count)
        let inRange = SteadyCount.integers(from: position + beforeBegin, below: end, limit: count - beforeBegin)
        globalStep += count
        lastStep += inRange
    }
}
