import Foundation

/// Span comparisons remembered across proofs in one process.
///
/// A model zoo repeats its schedules: the 333 mmsegmentation configs of the corpus hold about 30 distinct
/// ones, each 20k–160k iterations of poly lr. A span comparison
/// (`SpanProof.compareKernels`) is a pure function of the two kernels (updaters, schedulers, the group's
/// values, the run's length and epoch), the span, the tolerance and the lr factor found so far, so a second proof that meets the same
/// span takes the first one's outcome instead of recomputing it. The outcome is the same value either way
/// (the work count included, so a proof's budget is spent alike), whatever order threads fill the table in.
enum SpanKernelMemo {
    struct Key: Hashable {
        let legacy: LegacyScheduleKernel
        let new: ModernScheduleKernel
        let iter: Int
        let count: Int
        let values: Bool
        /// The stepping pattern whose last stepping iteration's values are returned (`nil`: the last iteration's).
        let keptAt: ModelStepping?
        let tolerance: Tolerance
        /// The lr factor found so far (`--ignore-lr-scale`), which the comparison reads and may set.
        let lrScale: SpanProof.LrScale
    }

    struct Outcome: Sendable {
        let matched: Int
        let values: TraceValues
        let work: Int
        let group: ParamGroup
        let new: ModernScheduleKernel
        let lrScale: SpanProof.LrScale
        let symbolic: Bool
    }

    /// One run's schedule over a span after a divergence (`SpanProof.advanceSchedule`): a pure function of
    /// its kernel and the span too; the runs of a non-equivalent config go on alone to their ends, and a tree
    /// of configs repeats those schedules as it repeats the compared ones.
    struct LegacyAloneKey: Hashable {
        let kernel: LegacyScheduleKernel
        let iter: Int
        let count: Int
    }

    struct NewAloneKey: Hashable {
        let kernel: ModernScheduleKernel
        let count: Int
    }

    static let legacyAlone = OutcomeMemo<LegacyAloneKey, (group: ParamGroup, work: Int)>(capacity: 1 << 14)
    static let newAlone = OutcomeMemo<NewAloneKey, (kernel: ModernScheduleKernel, work: Int)>(capacity: 1 << 14)

    /// The process's table: spans of 16 iterations and more (a shorter one costs about what hashing its key
    /// costs), at most 65,536 of them (about 20 MB).
    static let shared = OutcomeMemo<Key, Outcome>(capacity: 1 << 16)
    static let shortestSpan = 16
}

/// A table of a pure function's outcomes, shared by threads, emptied when it reaches its capacity (which
/// bounds its memory). A computation that throws is not remembered.
final class OutcomeMemo<Key: Hashable & Sendable, Value: Sendable>: @unchecked Sendable {
    let capacity: Int
    private var table: [Key: Value] = [:]
    private let lock = NSLock()

    init(capacity: Int) {
        self.capacity = capacity
    }

    /// The outcome for `key`: remembered, or computed (outside the lock) and remembered.
    func value(_ key: Key, compute: () throws -> Value) rethrows -> Value {
        lock.lock()
        let known = table[key]
        lock.unlock()
        if let known { return known }
        let computed = try compute()
        lock.lock()
        if table.count >= capacity { table.removeAll(keepingCapacity: true) }
        table[key] = computed
        lock.unlock()
        return computed
    }

    /// Forgets every outcome.
    func forget() {
        lock.lock()
        table.removeAll()
        lock.unlock()
    }

    /// How many outcomes are remembered.
    var count: Int {
        lock.lock()
        defer { lock.unlock() }
        return table.count
    }
}
