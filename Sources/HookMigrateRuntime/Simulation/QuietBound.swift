/// Where the next boundary of a periodic hook is, for the runs' quiet-span queries: overflow-safe (config
/// values may be anything), `nil` when the answer is not a plain count.
enum QuietBound {
    /// The smallest `d >= 0` with `(x + d) % m == 0`; `nil` for `m <= 0`.
    static func untilMultiple(of m: Int, from x: Int) -> Int? {
        guard m > 0 else { return nil }
        let r = x % m
        if r == 0 { return 0 }
        return r > 0 ? m - r : -r
    }

    /// The smallest `d >= 0` with `x + d >= start` and `(x + d - start) % m == 0`; `nil` for `m <= 0` or
    /// when the arithmetic would overflow.
    static func untilAligned(_ x: Int, start: Int, interval m: Int) -> Int? {
        guard m > 0 else { return nil }
        let first = Swift.max(x, start)
        let (offset, overflow) = first.subtractingReportingOverflow(start)
        guard !overflow, let d = untilMultiple(of: m, from: offset) else { return nil }
        let (lead, leadOverflow) = first.subtractingReportingOverflow(x)
        guard !leadOverflow else { return nil }
        let (total, totalOverflow) = lead.addingReportingOverflow(d)
        return totalOverflow ? nil : total
    }

    /// `bound - x` when `bound > x`, else 0; `nil` when it overflows.
    static func until(_ bound: Int, from x: Int) -> Int? {
        guard bound > x else { return 0 }
        let (gap, overflow) = bound.subtractingReportingOverflow(x)
        return overflow ? nil : gap
    }
}

extension QuietBound {
    /// The smallest `d >= 0` with `x + d >= floor` and `(x + d) % m == 0`; `nil` for `m <= 0` or on overflow.
    static func untilMultiple(of m: Int, from x: Int, atLeast floor: Int) -> Int? {
        let first = Swift.max(x, floor)
        guard let lead = until(first, from: x), let d = untilMultiple(of: m, from: first) else { return nil }
        let (total, overflow) = lead.addingReportingOverflow(d)
        return overflow ? nil : total
    }
}
