/// The floor of MMEngine's cosine schedulers: an absolute `eta_min`, or `eta_min_ratio` times each group's
/// base value (`_get_eta_min` in `CosineAnnealingParamScheduler._get_value`;
/// `CosineRestartParamScheduler._get_value`).
public enum ParamSchedulerFloor: Sendable, Hashable {
    /// `eta_min=x`.
    case absolute(Double)
    /// `eta_min_ratio=ρ`.
    case ratio(Double)

    /// The floor for a group whose base value is `base`.
    public func value(base: Double) -> Double {
        switch self {
        case .absolute(let value): return value
        case .ratio(let ratio): return base * ratio
        }
    }
}
