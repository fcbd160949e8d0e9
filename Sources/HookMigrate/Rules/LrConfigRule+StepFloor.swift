import Foundation

/// MMCV's Step floors (`min_lr`, `min_momentum`) have no MMEngine counterpart: whether dropping one is exact
/// depends on whether `b·gamma^n` ever falls below it within the run (schedules.md C.1). Shared by the
/// `lr_config` and `momentum_config` rules.
enum StepFloor {
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
