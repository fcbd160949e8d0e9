import HookMigrateCore
import HookMigrateRuntime

/// The end value of an annealing policy (`LegacyTarget`: `min_<value>` or `min_<value>_ratio`), as the
/// translations write and describe it.
extension LegacyTarget {
    /// Whether annealing to it is multiplicative (commutes with a warmup): a zero target.
    var isZero: Bool {
        switch self {
        case .absolute(let value), .ratio(let value): return value == 0
        }
    }

    /// `eta_min=x` or `eta_min_ratio=ρ`.
    func argument(at location: SourceLocation?) -> (String, ConfigNode) {
        switch self {
        case .absolute(let value): return ("eta_min", LrConfigRule.float(value, at: location))
        case .ratio(let value): return ("eta_min_ratio", LrConfigRule.float(value, at: location))
        }
    }

    /// `min_lr=x` / `min_lr_ratio=ρ` for messages.
    func legacyText(_ name: String) -> String {
        switch self {
        case .absolute(let value): return "min_\(name)=\(LrConfigRule.show(value))"
        case .ratio(let value): return "min_\(name)_ratio=\(LrConfigRule.show(value))"
        }
    }
}
