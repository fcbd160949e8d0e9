/// A set of steps kept as arithmetic progressions in the order they were added: a run's evaluation steps
/// (every interval, changing a few times) take a few progressions however long the run, where a plain set
/// would grow with it. Membership is exact whatever the order of the steps.
struct StepSet: Sendable {
    /// `(first, stride, count)`: `first`, `first + stride`, … (`count` terms).
    private var progressions: [(first: Int64, stride: Int64, count: Int64)] = []

    /// Adds a step.
    mutating func insert(_ step: Int32) {
        let value = Int64(step)
        if let last = progressions.last {
            let end = last.first + last.stride * (last.count - 1)
            if last.count == 1, value != last.first {
                progressions[progressions.count - 1] = (last.first, value - last.first, 2)
                return
            }
            if last.count > 1, value == end + last.stride {
                progressions[progressions.count - 1].count += 1
                return
            }
        }
        progressions.append((value, 0, 1))
    }

    /// Whether a step was added.
    func contains(_ step: Int32) -> Bool {
        let value = Int64(step)
        for progression in progressions {
            let offset = value - progression.first
            if progression.stride == 0 {
                if offset == 0 { return true }
                continue
            }
            guard offset % progression.stride == 0 else { continue }
            let index = offset / progression.stride
            if index >= 0 && index < progression.count { return true }
        }
        return false
    }
}
