import Foundation

/// The terms of MMEngine's chained cosine ratio, `1 + cos(π·q / P)` for a position `q` in a period (or
/// `T_max`) of `P` steps, computed exactly as `ParamScheduler.nextValue` computes them
/// (`1 + cos(div(π·position, period))`) and kept per period for the process. A step of `CosineAnnealingLR` or
/// `CosineRestartLR` inside a period divides two of them; they depend on nothing else, so every run of a
/// model zoo's cosine schedules with one period (mmediting's 250,000 or 300,000 iterations) shares them, and
/// a step of the chained recursion is a division and a multiply-add instead of two `cos`. A table grows to
/// the largest position asked for, up to `largest` (beyond it: no table).
final class CosineFactorTable: @unchecked Sendable {
    /// The largest position tabulated (16 MB of terms per period).
    static let largest = 1 << 21
    static let shared = CosineFactorTable()

    private final class Terms: @unchecked Sendable {
        let values: [Double]
        init(_ values: [Double]) { self.values = values }
    }

    private var tables: [UInt64: Terms] = [:]
    private let lock = NSLock()

    /// Forgets every table.
    func forget() {
        lock.lock()
        tables.removeAll()
        lock.unlock()
    }

    /// The term of every position `q` from 0 through at least `through` (index `q`), for `period` (> 0); `nil`
    /// beyond `largest`.
    func terms(period: Double, through: Int) -> [Double]? {
        guard period > 0, period.isFinite, through >= 0, through <= Self.largest else { return nil }
        let key = period.bitPattern
        lock.lock()
        let known = tables[key]
        lock.unlock()
        if let known, known.values.count > through { return known.values }
        // Computed outside the lock (another thread may compute the same; either result is the same). A run
        // asks for positions further and further into a period: the table at least doubles, up to the period
        // (whose last term, at `q = P`, CosineAnnealingLR's last step reads).
        var values = known?.values ?? []
        let target = Swift.max(through, Swift.min(Swift.max(2 * values.count, 1024), Int(Swift.min(period, Double(Self.largest)))))
        values.reserveCapacity(target + 1)
        while values.count <= target {
            values.append(Self.term(Double(values.count), period: period))
        }
        lock.lock()
        if (tables[key]?.values.count ?? 0) < values.count { tables[key] = Terms(values) }
        lock.unlock()
        return values
    }

    /// `1 + cos(π·position / period)`, in `nextValue`'s expression order.
    @inline(__always) static func term(_ position: Double, period: Double) -> Double {
        1 + cos(Double.pi * position / period)
    }
}
