import Foundation
import HookMigrateCore

/// mmtrack 0.14.0's `SiameseRPNLrUpdaterHook` (`mmtrack/core/optimizer/sot_lr_updater.py`): per-epoch factors
/// fixed by the constructor, `get_lr = base_lr * lr_intervals[runner.epoch]`. Each `lr_configs` item adds
/// `end_epoch - start_epoch` factors (its start is the previous item's end, 0 first):
///
/// ```
/// step: mult = math.pow(end_lr_factor / start_lr_factor, 1. / epochs); start_lr_factor * (mult ** np.arange(epochs))
/// log:  np.logspace(math.log10(start_lr_factor), math.log10(end_lr_factor), epochs)
/// ```
///
/// `np.logspace` is `10.0 ** np.linspace(...)`, and `np.linspace` computes `arange(num) * (delta / (num - 1)) +
/// start` with the last value set to `stop`. The constructor asserts `by_epoch`. Registered only where mmtrack
/// is imported.
public struct LegacySiameseRPN: Sendable, Hashable {
    /// `lr_intervals`: one factor per epoch.
    public var factors: [Double]

    /// `get_lr` at epoch `p`: `IndexError` past the factors.
    public func value(base: Double, epoch p: Int) throws -> Double {
        guard p >= 0, p < factors.count else {
            throw ScheduleRuntimeError(.valueError, "IndexError: index \(p) is out of bounds for axis 0 with size \(factors.count) (SiameseRPNLrUpdaterHook.lr_intervals)")
        }
        return base * factors[p]
    }

    /// The keyword arguments the class takes beyond `LrUpdaterHook`'s.
    static let keys: Set<String> = ["lr_configs"]

    /// `step_lr_interval`.
    static func stepFactors(start: Double, end: Double, epochs: Int) throws -> [Double] {
        let mult = try PyFloat.pow(try PyFloat.div(end, start), try PyFloat.div(1.0, Double(epochs)))
        return try (0..<Swift.max(epochs, 0)).map { start * (try PyFloat.pow(mult, Double($0))) }
    }

    /// `log_lr_interval`: numpy's `logspace` (its `linspace`, then `10.0 ** y`).
    static func logFactors(start: Double, end: Double, epochs: Int) throws -> [Double] {
        guard start > 0, end > 0 else {
            throw ScheduleRuntimeError(.valueError, "math domain error (log10 of a factor ≤ 0)")
        }
        let low = log10(start), high = log10(end)
        guard epochs > 0 else { return [] }
        let delta = high - low
        var points: [Double]
        if epochs > 1 {
            let step = delta / Double(epochs - 1)
            if step == 0 {
                points = (0..<epochs).map { Double($0) / Double(epochs - 1) * delta }
            } else {
                points = (0..<epochs).map { Double($0) * step }
            }
        } else {
            points = [0 * delta]
        }
        points = points.map { $0 + low }
        if epochs > 1 { points[epochs - 1] = high }
        return try points.map { try PyFloat.pow(10.0, $0) }
    }

    /// The constructor: each item's `type` (`step` or `log`) and exactly its three keyword arguments.
    static func parse(_ args: ScheduleArguments, owner: String) throws -> LegacySiameseRPN {
        let path = args.path.appending("lr_configs")
        var items: [(type: String, start: Double, end: Double, endEpoch: Int, path: ConfigPath, location: SourceLocation?)] = []
        if let node = args.raw("lr_configs") {
            for (index, item) in try node.list(path).items.enumerated() {
                let itemPath = path.appending(index: index)
                let mapping = try item.mapping(itemPath)
                let fields = ScheduleArguments(mapping, path: itemPath, location: item.location)
                guard let typeNode = mapping["type"] else { throw fields.missing("type", for: owner) }
                let type = try typeNode.string(itemPath.appending("type"))
                guard type == "step" || type == "log" else {
                    throw fields.invalid("type", "'\(type)' is not one of SiameseRPNLrUpdaterHook.lr_types ('step', 'log') (KeyError)")
                }
                try fields.rejectUnknown(allowed: ["type", "start_lr_factor", "end_lr_factor", "end_epoch"], owner: "\(type)_lr_interval")
                guard let endNode = mapping["end_epoch"] else { throw fields.missing("end_epoch", for: "\(type)_lr_interval") }
                items.append((type, try fields.requiredDouble("start_lr_factor", for: "\(type)_lr_interval"),
                              try fields.requiredDouble("end_lr_factor", for: "\(type)_lr_interval"),
                              try endNode.int(itemPath.appending("end_epoch")), itemPath, item.location))
            }
        } else {
            items = [("step", 0.2, 1.0, 5, path, args.location), ("log", 1.0, 0.1, 20, path, args.location)]
        }
        var factors: [Double] = []
        var startEpoch = 0
        for item in items {
            let epochs = item.endEpoch - startEpoch
            do {
                factors += item.type == "step" ? try stepFactors(start: item.start, end: item.end, epochs: epochs)
                                               : try logFactors(start: item.start, end: item.end, epochs: epochs)
            } catch let error as ScheduleRuntimeError {
                throw ConfigError(.rejected, "`\(item.path)`: \(error.message) (\(error.exception.rawValue) in SiameseRPNLrUpdaterHook.__init__)", at: item.location)
            }
            startEpoch = item.endEpoch
        }
        return LegacySiameseRPN(factors: factors)
    }
}
