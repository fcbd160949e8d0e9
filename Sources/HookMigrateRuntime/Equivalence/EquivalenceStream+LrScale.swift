/// `--ignore-lr-scale`: optimizer steps whose lr differs from the legacy run's by one constant factor per
/// param group (a batch-size-scaled lr, say) count as equal. The factor of a group is fixed at the first
/// compared step where both lrs are non-zero (before it, the lrs must be equal, zero included), and every later
/// step must have new lr = factor × legacy lr within the tolerance. Momentum is compared as always.
extension EquivalenceStream {
    /// Whether optimizer steps `legacy` and `new` (same place, same group count) are equal up to the lr factors.
    mutating func sameUpToLrScale(_ legacy: StreamEvent, _ new: StreamEvent) -> Bool {
        let left = numbers(legacy)
        let right = numbers(new)
        guard left.count == right.count else { return false }
        let groups = Swift.min(Int(legacy.step), left.count)
        if lrFactors.count < groups { lrFactors += [Double?](repeating: nil, count: groups - lrFactors.count) }
        let tolerance = differ.tolerance
        for index in left.indices {
            if index < groups {
                guard Self.lrEqual(left[index], right[index], factor: &lrFactors[index], tolerance: tolerance) else { return false }
            } else if !tolerance.equal(left[index], right[index]) {
                return false
            }
        }
        return true
    }

    /// An event's numbers, spilled ones included.
    func numbers(_ event: StreamEvent) -> [Double] {
        var values = Array([event.v0, event.v1, event.v2, event.v3].prefix(Int(Swift.max(0, Swift.min(event.count, 4)))))
        if event.spill >= 0 { values += spills[Int(event.spill)] }
        return values
    }

    /// The bulk path's side of the factor: the lr of one param group, legacy and new, at one step. Fixes the
    /// factor as `sameUpToLrScale` does; returns whether they are equal up to it.
    static func lrEqual(_ legacy: Double, _ new: Double, factor: inout Double?, tolerance: Tolerance) -> Bool {
        if let factor { return tolerance.equal(legacy * factor, new) }
        if legacy != 0, new != 0, legacy.isFinite, new.isFinite {
            factor = new / legacy
            return true
        }
        return tolerance.equal(legacy, new)
    }
}
