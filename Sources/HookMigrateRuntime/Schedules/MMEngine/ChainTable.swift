import Foundation

/// The values of a lone chained scheduler (`PolyLR`, `CosineAnnealingLR`, `CosineRestartLR` inside a period),
/// step after step from a value it started from, kept per process: a model zoo repeats its schedules (the
/// 333 mmsegmentation configs of the corpus hold about 30 distinct ones), and a run's quiet spans follow one
/// chain span after span. Stepping a span is then two look-ups instead of a division or multiply-add per
/// iteration.
///
/// A chain is a pure function of its schedule's shape (power or period, floor, length) and of the index and
/// value it starts from: its value at index `i + 1` is the scheduler's step applied to its value at `i`, computed
/// by the caller's `extend` with the very expressions of `ParamScheduler.nextValue` (the shared factors and
/// terms). A span that starts at index `s` with value `v` uses a chain of its shape whose value at `s` is `v`
/// bit for bit: from there on the two are the same recursion from the same number, so every value after is the
/// same too. A span that finds none starts a chain at `(s, v)` through its shape's last index.
final class ChainTable: @unchecked Sendable {
    static let shared = ChainTable()
    /// The most values kept (32 MB); beyond it the table starts over.
    static let capacity = 1 << 22
    /// The most values one chain holds.
    static let longest = 1 << 18

    /// A chain's shape: what, besides where it starts, its values depend on.
    struct Shape: Hashable, Sendable {
        enum Kind: Hashable, Sendable { case poly, cosine }
        let kind: Kind
        /// The power (poly) or period (cosine), as bits.
        let form: UInt64
        /// `eta_min`, as bits.
        let floor: UInt64
        /// Poly: `T = end − begin − 1` (the factor at index `t` is that of `T − t + 1` steps left). Cosine: 0.
        let length: Int

        init(_ kind: Kind, form: Double, floor: Double, length: Int = 0) {
            self.kind = kind
            self.form = form.bitPattern
            self.floor = floor.bitPattern
            self.length = length
        }
    }

    /// Values from index `origin` on: `values[k]` is the value at index `origin + k`.
    final class Chain: @unchecked Sendable {
        let origin: Int
        let values: [Double]

        init(origin: Int, values: [Double]) {
            self.origin = origin
            self.values = values
        }

        /// The value at `index`, when the chain holds it.
        @inline(__always) func value(at index: Int) -> Double? {
            let offset = index - origin
            return offset >= 0 && offset < values.count ? values[offset] : nil
        }
    }

    private var chains: [Shape: [Chain]] = [:]
    private var stored = 0
    /// Span starts no chain held, asked for once: a chain is built only for a start asked for again (another
    /// config, epoch length or repeat following the same schedule), so a proof whose schedule nothing repeats
    /// steps its spans directly and stores nothing.
    private var asked: Set<Start> = []
    /// The most starts remembered before `asked` starts over.
    static let askedCapacity = 1 << 16

    private struct Start: Hashable {
        let shape: Shape
        let index: Int
        let value: UInt64
    }
    private let lock = NSLock()

    /// Forgets every chain and every start asked for.
    func forget() {
        lock.lock()
        chains.removeAll()
        stored = 0
        asked.removeAll()
        lock.unlock()
    }

    /// A chain of `shape` holding index `last` whose value at `start` is `value` (bit for bit). When none is
    /// kept and the start was asked for before (or a shorter chain holds it), `extend(start, value, through)`
    /// computes one (values for the indices `start ... through`, the first
    /// being `value`; fewer where a step cannot be taken, such as a division by zero), which is kept. It reaches
    /// `through ≤ end` (the shape's last index): four times the span, or twice the length of a chain it
    /// continues, so a run's spans build a few chains whose lengths add up to at most about twice the run's,
    /// and a chain broken at every span (another scheduler writing between spans) costs a few times its spans.
    /// `nil` when no chain reaches `last`.
    func chain(_ shape: Shape, start: Int, value: Double, last: Int, end: Int,
               extend: (_ start: Int, _ value: Double, _ through: Int) -> [Double]) -> Chain? {
        // A span longer than a quarter chain is stepped without one (a chain would hold it once, for nothing).
        guard last >= start, end >= last, last - start < Self.longest / 4 else { return nil }
        lock.lock()
        var reach = 0
        var found: Chain?
        for candidate in chains[shape] ?? [] where candidate.value(at: start)?.bitPattern == value.bitPattern {
            if candidate.value(at: last) != nil {
                found = candidate
                break
            }
            reach = Swift.max(reach, candidate.values.count)
        }
        lock.unlock()
        if let found { return found }
        // A start asked for the first time: no chain yet (the caller steps the span directly).
        let key = Start(shape: shape, index: start, value: value.bitPattern)
        lock.lock()
        let again = reach > 0 || asked.contains(key)
        if !again {
            if asked.count >= Self.askedCapacity { asked.removeAll(keepingCapacity: true) }
            asked.insert(key)
        }
        lock.unlock()
        guard again else { return nil }
        let span = last - start + 1
        // One chain holds at most `longest` values (2 MB): a model zoo's schedule or period fits in a few.
        let length = Swift.min(Swift.max(4 * span, 2 * reach, 1024), Self.longest)
        let through = Swift.min(end, start + length - 1)
        // Computed outside the lock (another thread may compute the same; either result is the same).
        let values = extend(start, value, through)
        guard !values.isEmpty, values[0].bitPattern == value.bitPattern, values.count <= Self.capacity else { return nil }
        let made = Chain(origin: start, values: values)
        lock.lock()
        if stored + values.count > Self.capacity {
            chains.removeAll()
            stored = 0
        }
        chains[shape, default: []].append(made)
        stored += values.count
        lock.unlock()
        return made.value(at: last) == nil ? nil : made
    }
}
