import Foundation

/// The factors MMEngine's `PolyLR` multiplies `v − eta_min` by, `(1 − 1/k)^power` with `k = T − t + 1` the
/// steps left plus one, computed exactly as `ParamScheduler.nextValue` computes them and kept per power for
/// the process: they depend on nothing else, so every run of a model zoo's poly schedules with one power
/// (mmsegmentation's 0.9 and 1.0) shares them, and a step of the chained recursion is a multiply-add
/// instead of a `pow`. A table grows to the largest `k` asked for, up to `largest` (beyond it: no table).
final class PolyFactorTable: @unchecked Sendable {
    /// The largest `k` tabulated (16 MB of factors per power).
    static let largest = 1 << 21
    static let shared = PolyFactorTable()

    private final class Factors: @unchecked Sendable {
        let values: [Double]
        init(_ values: [Double]) { self.values = values }
    }

    private var tables: [UInt64: Factors] = [:]
    private let lock = NSLock()

    /// Forgets every table.
    func forget() {
        lock.lock()
        tables.removeAll()
        lock.unlock()
    }

    /// The factor of `k` (index `k`) for every `k` up to at least `through`, for `power` (> 0); `nil` beyond
    /// `largest`.
    func factors(power: Double, through: Int) -> [Double]? {
        guard power > 0, power.isFinite, through >= 2, through <= Self.largest else { return nil }
        let key = power.bitPattern
        lock.lock()
        let known = tables[key]
        lock.unlock()
        if let known, known.values.count > through { return known.values }
        // Computed outside the lock (another thread may compute the same; either result is the same).
        // k = 1 (the last step): the factor of 0 steps left, 0; index 0 is never read.
        var values = known?.values ?? [.nan, Foundation.pow(0, power)]
        values.reserveCapacity(through + 1)
        while values.count <= through {
            values.append(Foundation.pow(1 - 1 / Double(values.count), power))
        }
        lock.lock()
        if (tables[key]?.values.count ?? 0) < values.count { tables[key] = Factors(values) }
        lock.unlock()
        return values
    }
}
