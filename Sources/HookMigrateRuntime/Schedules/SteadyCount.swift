/// Counting helpers for the schedules' "steady" queries (how many upcoming iterations or steps leave the
/// values as they are), capped and free of overflow whatever the config's bounds are.
enum SteadyCount {
    /// How many integers `q >= start` have `Double(q) < bound`, at most `limit` (`limit` when the bound is
    /// further away than that, infinite included).
    static func integers(from start: Int, below bound: Double, limit: Int) -> Int {
        guard limit > 0 else { return 0 }
        let first = Double(start)
        guard bound > first else { return 0 }
        let distance = (bound - first).rounded(.up)
        return distance < Double(limit) ? Int(distance) : limit
    }

    /// `value - start` for an integral `value >= start`, at most `limit`; `nil` when `value` is not an
    /// integer (no integer step ever equals it).
    static func distance(to value: Double, from start: Int, limit: Int) -> Int? {
        guard value.isFinite, value.rounded(.towardZero) == value else { return nil }
        let gap = value - Double(start)
        guard gap >= 0 else { return nil }
        return gap < Double(limit) ? Int(gap) : limit
    }
}
