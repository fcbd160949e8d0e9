/// Steps on an interval grid, seen from a quiet span: at the span's `d`-th iteration the step
/// `position + d + 1` is on the grid when it is a multiple of `interval`. The arithmetic the periodic train
/// records (`QuietLogs`) and regular checkpoint saves (`QuietCheckpoints`) of a span share.
struct QuietGrid: Sendable, Hashable {
    /// The grid's interval (> 0).
    var interval: Int
    /// The counter at the span's first iteration (`position + 1` is its first step); not negative.
    var position: Int

    /// Whether the span's `d`-th iteration is on the grid.
    func due(_ d: Int) -> Bool { (position + d + 1) % interval == 0 }

    /// The step of the span's `d`-th iteration.
    func step(_ d: Int) -> Int { position + d + 1 }

    /// The first iteration of the span on the grid (offset), if any within `count`.
    func firstDue(within count: Int) -> Int? {
        let first = (interval - (position + 1) % interval) % interval
        return first < count ? first : nil
    }

    /// How many of the span's first `count` iterations are on the grid.
    func dueCount(within count: Int) -> Int {
        guard count > 0 else { return 0 }
        // Multiples of `interval` in [position + 1, position + count].
        return (position + count) / interval - position / interval
    }

    /// The last iteration on the grid among the span's first `count` (offset), if any.
    func lastDue(within count: Int) -> Int? {
        guard count > 0 else { return nil }
        let end = position + count
        let last = end - end % interval
        return last >= position + 1 ? last - position - 1 : nil
    }

    /// The offsets on the grid among the span's first `count`, the last `limit` of them, oldest first.
    func lastDues(within count: Int, limit: Int) -> [Int] {
        var found: [Int] = []
        var offset = lastDue(within: count)
        while let current = offset, found.count < limit {
            found.append(current)
            offset = current >= interval ? current - interval : nil
        }
        return found.reversed()
    }
}
