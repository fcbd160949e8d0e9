import Foundation
import HookMigrateRuntime

/// MMCV's Step floors (`min_lr`, `min_momentum`) have no MMEngine counterpart: whether dropping one is exact
/// depends on whether `b·gamma^n` ever falls below it within the run (schedules.md C.1). Shared by the
/// `lr_config` and `momentum_config` rules, which word the verdict each for its value.
enum StepFloor {
    /// Whether a dropped Step floor binds within the run.
    enum Verdict {
        /// Not checked: the base value or the run length is unknown (or the run is too long to scan).
        case unchecked
        /// `base·gamma^firstBinding` is below the floor; `lowest` is the lowest value reached.
        case binds(base: Double, firstBinding: Int, lowest: Double)
        /// The floor never binds; `lowest` is the lowest value reached.
        case neverBinds(base: Double, lowest: Double)
    }

    /// The verdict for a Step policy with base value `base` over the progress 0…horizon−1.
    static func verdict(_ steps: LegacyStepRule, gamma: Double, floor: Double, base: Double?, horizon: Int?) -> Verdict {
        let exponent = steps.maximumExponent(last: horizon.map { $0 - 1 })
        guard let base, let exponent, exponent <= 10_000_000 else { return .unchecked }
        let (lowest, firstBinding) = scan(base: base, gamma: gamma, maxExponent: exponent, floor: floor)
        if let firstBinding { return .binds(base: base, firstBinding: firstBinding, lowest: lowest) }
        return .neverBinds(base: base, lowest: lowest)
    }

    /// The lowest value `base·gamma^n` reaches for n in 0…maxExponent, and the first n where it is below
    /// `floor` (nil when the floor never binds).
    static func scan(base: Double, gamma: Double, maxExponent: Int, floor: Double) -> (lowest: Double, firstBinding: Int?) {
        var lowest = base
        var firstBinding: Int?
        for exponent in 0...max(0, maxExponent) {
            let value = base * pow(gamma, Double(exponent))
            lowest = min(lowest, value)
            if value < floor, firstBinding == nil { firstBinding = exponent }
        }
        return (lowest, firstBinding)
    }
}
