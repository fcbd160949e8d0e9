/// mmedit 0.16.1's and mmgen 0.7.3's `LinearLrUpdaterHook` (`mmedit/core/scheduler/lr_updater.py`,
/// `mmgen/core/scheduler/lr_updater.py`: the same code): the base lr until `start`, then a straight line to
/// `target_lr` at the end of the run, updated every `interval` steps:
///
/// ```
/// assert max_progress >= self.start
/// if max_progress == self.start: return base_lr
/// factor = (max(0, progress - self.start) // self.interval) / ((max_progress - self.start) // self.interval)
/// return base_lr + (self.target_lr - base_lr) * factor
/// ```
///
/// Registered only where mmedit or mmgen is imported; the corpus configs that name it come from them.
public struct LegacyLinearInterval: Sendable, Hashable {
    /// `target_lr` (default 0).
    public var targetLr: Double
    /// `start` (default 0).
    public var start: Double
    /// `interval` (default 1).
    public var interval: Double

    /// `get_lr` at progress `p` of `maxProgress`.
    public func value(base: Double, progress p: Double, maxProgress total: Double) throws -> Double {
        guard total >= start else {
            throw ScheduleRuntimeError(.assertionError, "LinearLrUpdaterHook asserts max_progress >= start (\(LegacyLrPolicy.pythonNumber(total)) < \(LegacyLrPolicy.pythonNumber(start)))")
        }
        if total == start { return base }
        let done = try PyFloat.floorDiv(Swift.max(0, p - start), interval)
        let steps = try PyFloat.floorDiv(total - start, interval)
        let factor = try PyFloat.div(done, steps)
        return base + (targetLr - base) * factor
    }

    /// How many progress values from `p` on (at least 1, at most `limit`) give the value `p` gives: the
    /// count of intervals passed, `max(0, p - start) // interval`, changes only at `start + n·interval`
    /// (integral `start` and `interval`; otherwise 1).
    func steadyProgress(from p: Int, limit: Int) -> Int {
        guard limit > 1, start == start.rounded(), interval == interval.rounded(), interval >= 1,
              Swift.abs(start) < 1e15, interval < 1e15 else { return 1 }
        let first = Int(start)
        let width = Int(interval)
        let passed = p <= first ? 0 : (p - first) / width
        let next = first + (passed + 1) * width
        return Swift.max(1, Swift.min(limit, next - p))
    }

    /// The keyword arguments the class takes beyond `LrUpdaterHook`'s.
    static let keys: Set<String> = ["target_lr", "start", "interval"]

    /// The constructor (no checks of its own).
    static func parse(_ args: ScheduleArguments) throws -> LegacyLinearInterval {
        LegacyLinearInterval(targetLr: try args.double("target_lr", default: 0), start: try args.double("start", default: 0),
                             interval: try args.double("interval", default: 1))
    }
}
