import Foundation

/// MMCV 1.7.2's annealing functions (`mmcv/runner/hooks/lr_updater.py`, `annealing_cos` and
/// `annealing_linear`, also used by `momentum_updater.py`), evaluated in the code's own order:
/// `end + 0.5 * weight * (start - end) * (cos(pi * factor) + 1)` and `start + (end - start) * factor`.
public enum LegacyAnneal: String, Sendable, Equatable {
    /// `anneal_strategy='cos'`.
    case cos
    /// `anneal_strategy='linear'`.
    case linear

    /// Anneals from `start` (factor 0) to `end` (factor 1); `weight` only applies to the cosine.
    public func callAsFunction(_ start: Double, _ end: Double, _ factor: Double, weight: Double = 1) -> Double {
        switch self {
        case .cos: return LegacyAnneal.cosine(start, end, factor, weight: weight)
        case .linear: return LegacyAnneal.straight(start, end, factor)
        }
    }

    /// `annealing_cos(start, end, factor, weight)`.
    public static func cosine(_ start: Double, _ end: Double, _ factor: Double, weight: Double = 1) -> Double {
        let cosOut = Foundation.cos(Double.pi * factor) + 1
        return end + 0.5 * weight * (start - end) * cosOut
    }

    /// `annealing_linear(start, end, factor)`.
    public static func straight(_ start: Double, _ end: Double, _ factor: Double) -> Double {
        start + (end - start) * factor
    }

    /// Reads `anneal_strategy` (`'cos'` default); anything else is the constructor's `ValueError`.
    static func parse(_ args: ScheduleArguments) throws -> LegacyAnneal {
        let text = try args.string("anneal_strategy", default: "cos")
        guard let strategy = LegacyAnneal(rawValue: text) else {
            throw args.invalid("anneal_strategy", "anneal_strategy must be one of \"cos\" or \"linear\", instead got \(text) (ValueError)")
        }
        return strategy
    }
}
