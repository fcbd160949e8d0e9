import Foundation

/// The symbolic comparison of a quiet span in which both runs follow one cosine period (docs/equivalence.md,
/// "Cosine spans compared symbolically"): MMCV's `CosineRestartLrUpdaterHook` or `CosineAnnealingLrUpdaterHook`
/// by iteration, past its warmup, in closed form `l = m + D·Ĉ`, `D = 0.5·w·(b − m)`, `Ĉ = cos(π·fl(q/P)) + 1`,
/// and MMEngine's `CosineRestartLR` or `CosineAnnealingLR`, chained, `v ← (C(q)/C(q − 1))·(v − m) + m` with
/// `C(q) = 1 + cos(fl(π·q)/P)`.
///
/// Both approximate `c(q) = 1 + cos(π·q/P)` at the same position `q` of the same period `P` (the legacy
/// position of the span's first iteration must be the new one's, and both floors `m` equal). The chained ratios
/// telescope exactly in the computed terms, `R_j = m + K·C(q_j)`, `K = (r_0 − m)/C(q_0)`; the computed
/// recursion stays within `κ·R_j` of that (`κ = n·(θ + u)·1.01`, as for poly: each step's subtraction,
/// division and product err by `θ` relative to `v − m`, each addition of `m` by `u` of the value, and later
/// ratios, at most 1, shrink both). Each computed term is within `E` (absolute) of `c`: the argument errs by
/// at most `Δ = 4u·x` (three roundings and `π`'s), which moves the cosine by at most `Δ·(sin x + Δ)`; `cos`
/// errs by at most 2 ulp (`4u`) and the addition by `u·c`. So with `A = |l_0 − r_0| + |e_0| + (D + K)·E`
/// (`e` MMCV's two roundings, `|e| ≤ 2.01u·l`),
///
///     |l_j − R_j| ≤ (c_j/c_0)·A + (D + K)·E + |e_j|,
///
/// an absolute bound: the terms' errors do not grow near the period's end, but the values shrink toward `m`.
/// Relative to `R_j ≥ m + K·(c_j − E)`, the first term is largest at one end of the span (`c/(m + K·(c − E))` is
/// monotone in `c`), the second at its last iteration. When the sum, with `κ` and a 1% margin for the
/// comparison's own rounding, stays within the tolerance, the per-iteration comparison would find every
/// iteration equal. With `m` far below the values (`min_lr = 0`), the bound fails near the period's end,
/// where the values approach zero: the span is then proven symbolically up to where it holds (a binary
/// search on its length; the bound grows with it) and compared iteration by iteration from there.
///
/// The new run's scheduler is still stepped at every iteration (its chained value is the state after the
/// span), from the shared terms of `CosineFactorTable`; the legacy values and the comparisons are saved.
enum CosineSpanBound {
    static let unit = Double.ulpOfOne / 2
    /// The error allowed for `cos`, absolute: 2 ulp of a value of magnitude at most 1 (glibc's is below 1 ulp).
    static let cosError = 4 * unit
    /// The relative error allowed for this code's own evaluation of `c(q) = 2·cos²(x/2)` (about 20u at most).
    static let termMargin = 1e-12
    /// Spans shorter than this are compared iteration by iteration (the checks cost a few values).
    static let shortestSpan = 32

    /// What the bound was computed from, and its verdict.
    struct Check: Equatable {
        /// The bound on `|l_j − r_j| / R_j` over the span.
        let bound: Double
        /// What it must not exceed: `rtol·(1 − κ)`, less a margin.
        let limit: Double
        var proven: Bool { bound <= limit }
    }

    /// `c(q) = 1 + cos(π·q/P)` for `0 ≤ q < P`, evaluated as `2·cos²(π·q/(2P))` or `2·sin²(π·(P − q)/(2P))`
    /// (no cancellation near either end), within `termMargin` relative.
    static func exactTerm(_ q: Double, period: Double) -> Double {
        if 2 * q <= period {
            let half = cos(Double.pi * q / (2 * period))
            return 2 * half * half
        }
        let half = sin(Double.pi * (period - q) / (2 * period))
        return 2 * half * half
    }

    /// The bound for `count` iterations whose positions are `firstPosition …` in a period of `period`: floor
    /// `m`, MMCV's amplitude `amplitude` (`D`, as MMCV computes it), first values `legacyFirst` and `newFirst`, and
    /// the new run's computed term at the first position `newTerm` (`C(q_0)`). `nil`: not of this form.
    static func check(firstPosition: Int, count: Int, period: Double, floor m: Double, amplitude: Double,
                      legacyFirst: Double, newFirst: Double, newTerm: Double, rtol: Double) -> Check? {
        let u = unit
        let last = firstPosition + count - 1
        guard count >= 1, firstPosition >= 0, period.isFinite, period >= 2, Double(last) < period, period <= Double(CosineFactorTable.largest),
              m >= 0, m.isFinite, amplitude > 0, amplitude.isFinite, rtol > 0, rtol.isFinite, legacyFirst.isFinite, newFirst.isFinite,
              legacyFirst > m, newFirst > m, newTerm > 0, newTerm.isFinite else { return nil }
        let q0 = Double(firstPosition)
        let q1 = Double(last)
        // The exact terms at both ends (c decreases over the period), with margins.
        let c0 = exactTerm(q0, period: period) * (1 + termMargin)
        let cLast = exactTerm(q1, period: period) * (1 - termMargin)
        let c0Low = exactTerm(q0, period: period) * (1 - termMargin)
        // The largest argument error, and the largest slope |sin x| ≤ min(x, π − x) over the span.
        let x0 = Double.pi * q0 / period
        let x1 = Double.pi * q1 / period
        let delta = 4 * u * x1 * 1.01
        // sin is unimodal on [0, π]: its largest value on the span is 1 or at one end.
        let slope = x0 <= Double.pi / 2 && x1 >= Double.pi / 2 ? 1 : Swift.min(1, Swift.max(sin(x0), sin(x1)) * 1.01 + 1e-15)
        let termError = 1.01 * (delta * (slope + delta) + cosError + u * c0)
        let k = (newFirst - m) / newTerm * 1.01
        let d = amplitude
        let lowest = m + k / 1.01 * 0.99 * (cLast - termError)
        // Every term stays above its error (so `R_j ≥ m + K·(c_j − E)` with the smaller `K`).
        guard lowest > 0, c0Low > 0, cLast > termError else { return nil }
        let first = abs(legacyFirst - newFirst) * (1 + 4 * u) + 2.02 * u * legacyFirst + (d + k) * termError
        // c/(m + K·(c − E)), monotone in c: its largest value over [cLast, c0].
        func share(_ c: Double) -> Double { c / (m + k / 1.01 * 0.99 * (c - termError)) }
        let shrinking = first * Swift.max(share(c0), share(cLast)) / c0Low
        let legacyBound = 1.01 * (shrinking + (d + k) * termError / lowest + 2.02 * u)
        let theta = 1.01 * 3 * u
        let kappa = Double(count) * (theta + u) * 1.01
        guard kappa <= 1e-3 else { return nil }
        return Check(bound: legacyBound + kappa, limit: rtol * (1 - kappa) * 0.99)
    }

    /// The legacy side of a span of this form: the updater's period at `iter` (its length, where it starts,
    /// its weight), the floor and MMCV's amplitude `D`. `nil`: not of this form.
    struct LegacyCosine {
        let period: Double
        let restart: Double
        let floor: Double
        let amplitude: Double
    }

    static func legacyCosine(_ legacy: LegacyScheduleKernel, iter: Int) -> LegacyCosine? {
        guard legacy.momentum == nil, let updater = legacy.lr?.updater, !updater.byEpoch, updater.baseLr.count == 1, let base = updater.baseLr.first,
              let warmupIters = updater.warmupIters, warmupIters.isInt, updater.warmup == nil || Double(iter) >= warmupIters.value else { return nil }
        switch updater.policy {
        case let .cosineRestart(periods, weights, target):
            guard let (index, restart) = LegacyLrPolicy.period(containing: Double(iter), periods), index < weights.count else { return nil }
            let m = target.value(base: base)
            return LegacyCosine(period: periods[index], restart: restart, floor: m, amplitude: 0.5 * weights[index] * (base - m))
        case .cosineAnnealing(let target):
            let m = target.value(base: base)
            return LegacyCosine(period: Double(legacy.maxIters), restart: 0, floor: m, amplitude: 0.5 * 1 * (base - m))
        default:
            return nil
        }
    }

    /// `SpanProof.compareKernels` for the longest first part of a span, from `iter`, in which both schedules are
    /// one cosine period and the bound proves every iteration equal (see the type's note); `nil` when none of
    /// at least `shortestSpan` iterations is (the caller then compares the span iteration by iteration). On
    /// success the runs are where the per-iteration comparison leaves them after `matched` iterations: the new
    /// kernel stepped `matched` times, the legacy group as the hooks leave it at the part's last iteration, and
    /// the values of its last (stepping) iteration.
    static func comparePrefix(_ legacy: LegacyScheduleKernel, _ new: inout ModernScheduleKernel, iter: Int, count: Int, values: Bool,
                              keptAt stepping: ModelStepping?, tolerance: Tolerance,
                              lrScale: SpanProof.LrScale) throws -> SpanProof.SpanComparison? {
        // (A negative atol would make the comparison stricter than the rtol the bound is checked against.)
        guard count >= shortestSpan, !lrScale.enabled, tolerance.atol >= 0, new.steps == 1, let cosine = legacyCosine(legacy, iter: iter) else { return nil }
        // The legacy positions `iter − restart …`, within the period.
        let firstPosition = Double(iter) - cosine.restart
        guard firstPosition >= 0, firstPosition.rounded(.towardZero) == firstPosition, cosine.period.rounded(.towardZero) == cosine.period else { return nil }
        let inPeriod = Int(Swift.min(Double(count), cosine.period - firstPosition))
        // The new run's steps between the compared iterations (`matched − 1` of them) must be a run of its lone
        // cosine scheduler, in the same period at the same positions, with the same floor.
        guard inPeriod >= shortestSpan, let run = new.schedulers.cosineRun(limit: inPeriod - 1), run.period == cosine.period,
              run.firstPosition - 1 == Int(firstPosition), run.etaMin == cosine.floor else { return nil }
        var longest = run.steps + 1
        var first = legacy.group
        try legacy.apply(at: iter, to: &first)
        if values {
            // The momentum is written by no one over the span: equal once, equal throughout.
            guard tolerance.equal(first.effectiveMomentum ?? .nan, new.group.effectiveMomentum ?? .nan),
                  let terms = CosineFactorTable.shared.terms(period: run.period, through: Int(firstPosition)) else { return nil }
            func proven(_ length: Int) -> Bool {
                check(firstPosition: Int(firstPosition), count: length, period: cosine.period, floor: cosine.floor, amplitude: cosine.amplitude,
                      legacyFirst: first.lr, newFirst: new.group.lr, newTerm: terms[Int(firstPosition)], rtol: tolerance.rtol)?.proven == true
            }
            if !proven(longest) {
                // The bound grows with the length: the longest proven one, by bisection.
                guard proven(shortestSpan) else { return nil }
                var low = shortestSpan
                var high = longest
                while high - low > 1 {
                    let middle = low + (high - low) / 2
                    if proven(middle) { low = middle } else { high = middle }
                }
                longest = low
            }
        }
        let matched = Swift.min(longest, count)
        let (group, kept) = try PolySpanBound.spanEnd(legacy, from: iter, through: iter + matched - 1, values: values, keptAt: stepping)
        // The new run's chained values: its state, stepped as the per-iteration comparison steps it.
        try new.stepCosineRuns(count: matched)
        return (matched, kept, matched, group, true)
    }
}
