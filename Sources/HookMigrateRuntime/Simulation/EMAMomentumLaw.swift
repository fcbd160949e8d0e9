import Foundation

/// How an EMA hook's momentum moves from update to update across a quiet span (`QuietIteration`): two runs
/// whose laws are equal give the same momentum at every update of the span, so the proof's bulk path can
/// match their EMA updates without computing each one (rule R10 compares the momentum of every update
/// but each run's first). Updates whose momentum follows no law here (a warm-up still capping it, an
/// annealing still above its floor, a stochastic weight average) are boundaries, compared one by one.
enum EMAMomentumLaw: Hashable, Sendable {
    /// The same momentum at every update.
    case constant(Double)
    /// `(1 − m)·exp(−(1 + k + offset)/gamma) + m` at 0-based iteration `k`: mmdet 2.x's ExpMomentumEMAHook
    /// (offset 0) and mmdet 3.x's ExpMomentumEMA in MMEngine's EMAHook (offset: its update count minus the
    /// iteration).
    case expMomentum(momentum: Double, gamma: Double, offset: Int)

    /// The momentum of the update at 0-based iteration `iter` (the simulators compute ExpMomentum with it).
    func value(atIteration iter: Int) -> Double {
        switch self {
        case .constant(let momentum):
            return momentum
        case .expMomentum(let momentum, let gamma, let offset):
            return (1 - momentum) * exp(-(1 + Double(iter + offset)) / gamma) + momentum
        }
    }
}

extension LegacyEMAHook {
    /// The law of this hook's every-iteration updates from 0-based iteration `iter` on, or nil when the
    /// update at `iter` follows none (interval above 1, or a warm-up that still caps the momentum).
    func momentumLaw(from iter: Int) -> EMAMomentumLaw? {
        guard interval == 1 else { return nil }
        switch kind {
        case .mmcv, .linearMomentum:
            return iter >= warmUpEnd ? .constant(intervalMomentum) : nil
        case .expMomentum:
            return .expMomentum(momentum: momentum, gamma: totalIter, offset: 0)
        }
    }

    /// The first 0-based iteration from which `min(m, (1 + k)/(warm_up + k))` is `m` at every later
    /// iteration (`Int.max` when there is none within 2^52 iterations). The warm-up term, computed in
    /// doubles, never decreases for warm_up ≥ 1, and is above 1 for warm_up in (0, 1).
    static func warmUpEnd(momentum: Double, warmUp: Double) -> Int {
        guard warmUp > 0, momentum.isFinite else { return Int.max }
        func capped(_ k: Int) -> Bool { (1 + Double(k)) / (warmUp + Double(k)) < momentum }
        if warmUp < 1 { return 0 }
        var high = 1 << 52
        guard !capped(high) else { return Int.max }
        var low = 0
        while low < high {
            let middle = low + (high - low) / 2
            if capped(middle) { low = middle + 1 } else { high = middle }
        }
        return low
    }
}

extension ModernEMAHook {
    /// The law of this hook's every-iteration updates from 0-based iteration `iter` on, or nil when the
    /// update at `iter` follows none (interval above 1, the first update's copy, an annealing momentum
    /// still above its floor, a stochastic weight average).
    func momentumLaw(from iter: Int, epoch: Int) -> EMAMomentumLaw? {
        guard started(iter: iter, epoch: epoch) else { return .constant(1) }
        guard interval == 1, steps > 0 else { return nil }
        switch average {
        case .momentumAnnealing:
            // max(m, gamma/(gamma + steps)) is m from the step the annealed term reaches it; before, it varies.
            return gamma / (gamma + Double(steps)) <= momentum ? .constant(momentum) : nil
        case .expMomentum:
            return .expMomentum(momentum: momentum, gamma: gamma, offset: steps - iter)
        case .stochasticWeight:
            return nil
        case .exponential:
            return .constant(momentum)
        }
    }
}
