/// The warmup of MMCV 1.7.2's updater hooks (`LrUpdaterHook.get_warmup_lr` in
/// `mmcv/runner/hooks/lr_updater.py`, `MomentumUpdaterHook.get_warmup_momentum` in `momentum_updater.py`),
/// evaluated in the code's own expression order (schedules.md A.2, A.4):
///
/// | kind | lr (multiplies) | momentum (divides) |
/// |---|---|---|
/// | constant | `R * r` | `m / r` |
/// | linear | `kk = (1 - k/W) * (1 - r)`; `R * (1 - kk)` | `m / (1 - kk)` |
/// | exp | `kk = r ** (1 - k/W)`; `R * kk` | `m / kk` |
public struct LegacyWarmup: Sendable, Hashable {
    /// `warmup='constant' | 'linear' | 'exp'`.
    public enum Kind: String, Sendable, Equatable {
        case constant
        case linear
        case exp
    }

    /// The kind.
    public var kind: Kind
    /// `warmup_ratio` (`r`), in (0, 1].
    public var ratio: Double

    /// Creates a warmup.
    public init(kind: Kind, ratio: Double) {
        self.kind = kind
        self.ratio = ratio
    }

    /// The warmed lr at iteration `k` of a warmup of `length` iterations, from the regular lr.
    public func lr(regular: Double, iteration k: Int, length: Double) throws -> Double {
        switch kind {
        case .constant:
            return regular * ratio
        case .linear:
            let kk = (1 - (try PyFloat.div(Double(k), length))) * (1 - ratio)
            return regular * (1 - kk)
        case .exp:
            let kk = try PyFloat.pow(ratio, 1 - (try PyFloat.div(Double(k), length)))
            return regular * kk
        }
    }

    /// The warmed momentum at iteration `k`: the regular value divided by the factor.
    public func momentum(regular: Double, iteration k: Int, length: Double) throws -> Double {
        switch kind {
        case .constant:
            return try PyFloat.div(regular, ratio)
        case .linear:
            let kk = (1 - (try PyFloat.div(Double(k), length))) * (1 - ratio)
            return try PyFloat.div(regular, 1 - kk)
        case .exp:
            let kk = try PyFloat.pow(ratio, 1 - (try PyFloat.div(Double(k), length)))
            return try PyFloat.div(regular, kk)
        }
    }
}
