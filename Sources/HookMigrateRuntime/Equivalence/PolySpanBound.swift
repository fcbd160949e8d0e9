import Foundation

/// The symbolic comparison of a quiet span in which both runs follow a poly schedule (docs/equivalence.md,
/// "Poly spans compared symbolically"): MMCV's `PolyLrUpdaterHook` by iteration, past its warmup, in closed
/// form `l_i = (b − m)·(1 − i/N)^p + m`, and MMEngine's `PolyLR`, chained,
/// `v_t = (v_{t−1} − m)·(1 − 1/(T − t + 1))^p + m`.
///
/// In exact arithmetic both are `m + d·ρ_i` over the span, with `ρ_i = ((N − i)/(N − i₀))^p` when the two
/// count the same iterations left (`N − i = T − t`) and share `p` and `m`: the legacy `d` is `l_{i₀} − m`, the
/// new one `r_{i₀} − m`, so `L_i − R_i = ρ_i·(L_{i₀} − r_{i₀})` — the difference at the span's first iteration,
/// shrinking. What remains is rounding, bounded a priori (unit roundoff `u = 2⁻⁵³`, `pow` within 2 ulp):
///
/// - MMCV's value at `i` is within `(ε_c(i) + 3u)·1.01·L_i` of `L_i`, where `ε_c(i) = 1.01·(p·u·(i/(N − i) + 1)·1.01
///   + ε_pow)` is the error of `(1 − fl(i/N))^p` (the subtraction from 1 loses `i/(N − i)` ulps of `i/N`);
/// - MMEngine's value after `n` chained steps is within `κ·R_i` of the exact continuation `R_i` of its own
///   first value, `κ = n·(θ + u)·1.01`, `θ = 1.01·(1.01·(2pu + ε_pow) + 2u)`: each step's factor, product and
///   subtraction of `m` err by `θ` relative to `d`, which later factors shrink as they shrink `d`; each
///   addition of `m` errs by `u` of the value, which later factors shrink at least as much as the value.
///
/// So `|l_i − r_i| ≤ R_i·((ε_c(i₁) + 3u)·1.01·(1 + δ₀) + δ₀ + κ)` with `δ₀ = (|l_{i₀} − r_{i₀}| + err_L(i₀)) / r_{i₀}`
/// (`ρ_i·Δ/R_i` is largest at `ρ = 1`), and `r_i ≥ R_i·(1 − κ)`: when
/// `(ε_c(i₁) + 3u)·1.01·(1 + δ₀) + δ₀ + κ ≤ rtol·(1 − κ)`, every iteration of the span is equal within the
/// tolerance, and the per-iteration comparison would find every one equal. Otherwise — or when anything
/// is outside these conditions — `compare` returns `nil` and the span is compared iteration by iteration.
/// `tools/oracle/poly_chain_drift.py` measures the real MMEngine's chained PolyLR against the closed form.
///
/// The new run's schedulers are still stepped at every iteration (their chained value is the run's state
/// after the span, and what its next events report), from the shared factors of `PolyFactorTable`; the
/// legacy values and the comparisons are saved.
enum PolySpanBound {
    /// The unit roundoff of a double.
    static let unit = Double.ulpOfOne / 2
    /// The error allowed for `pow` (glibc's is below 1 ulp; 2 ulp leaves room for other libms).
    static let powError = 4 * unit
    /// Spans shorter than this are compared iteration by iteration (the checks cost a few values).
    static let shortestSpan = 32

    /// What the bound was computed from, and its verdict.
    struct Check: Equatable {
        /// The bound on `|l_i − r_i| / r_i` over the span.
        let bound: Double
        /// What it must not exceed: `rtol·(1 − κ)`, less a margin.
        let limit: Double
        var proven: Bool { bound <= limit }
    }

    /// The bound for a span of `count` iterations from `start` of a run of `maxIters` iterations: legacy poly
    /// `power`, floor `minLr`, first value `legacyFirst`; new first value `newFirst`.
    static func check(start: Int, count: Int, maxIters: Int, power: Double, minLr: Double, legacyFirst: Double, newFirst: Double,
                      rtol: Double) -> Check? {
        let u = unit
        let last = start + count - 1
        guard count >= 1, start >= 0, last < maxIters, power > 0, power.isFinite, minLr >= 0, minLr.isFinite, rtol > 0, rtol.isFinite,
              legacyFirst.isFinite, newFirst.isFinite, legacyFirst > minLr, newFirst > minLr else { return nil }
        /// `(1 − fl(i/N))^p`'s relative error at iteration `i`.
        func coefficientError(_ i: Int) -> Double? {
            let loss = u * (Double(i) / Double(maxIters - i) + 1) * 1.01
            // First-order bounds only where the second order is negligible.
            guard power * loss <= 1e-3 else { return nil }
            return 1.01 * (power * loss + powError)
        }
        guard let firstError = coefficientError(start), let lastError = coefficientError(last) else { return nil }
        let legacyError = 1.01 * ((firstError + 2 * u) * (legacyFirst - minLr) * 1.01 + u * legacyFirst)
        let delta = (abs(legacyFirst - newFirst) + legacyError) / newFirst
        let theta = 1.01 * (1.01 * (2 * power * u + powError) + 2 * u)
        let kappa = Double(count) * (theta + u) * 1.01
        guard kappa <= 1e-3 else { return nil }
        let bound = (lastError + 3 * u) * 1.01 * (1 + delta) + delta + kappa
        // A margin of 1% for the rounding of the comparison `|l − r| <= rtol·|r|` itself and of this arithmetic.
        return Check(bound: bound, limit: rtol * (1 - kappa) * 0.99)
    }

    /// `SpanProof.compareKernels` for a span both of whose schedules are poly (see the type's note), or `nil`
    /// when the span is not of that form or the bound does not prove it (the caller then compares it
    /// iteration by iteration). On success the runs are where the per-iteration comparison leaves them: the
    /// new kernel stepped `count` times, the legacy group as the hooks leave it at the span's last iteration,
    /// and the values of the last (stepping) iteration.
    static func compare(_ legacy: LegacyScheduleKernel, _ new: inout ModernScheduleKernel, iter: Int, count: Int, values: Bool,
                        keptAt stepping: ModelStepping?, tolerance: Tolerance,
                        lrScale: SpanProof.LrScale) throws -> SpanProof.SpanComparison? {
        guard count >= shortestSpan, !lrScale.enabled, legacy.momentum == nil, let updater = legacy.lr?.updater,
              case let .poly(power, minLr) = updater.policy, power > 0, power.isFinite, !updater.byEpoch, let base = updater.baseLr.first, base > minLr,
              let warmupIters = updater.warmupIters, warmupIters.isInt, updater.warmup == nil || Double(iter) >= warmupIters.value,
              new.steps == 1, let poly = polyRemaining(new, count: count, power: power, etaMin: minLr),
              poly.remaining == legacy.maxIters - iter else { return nil }
        var first = legacy.group
        try legacy.apply(at: iter, to: &first)
        // The momentum is written by no one over the span: equal once, equal throughout.
        let momentum = (legacy: first.effectiveMomentum ?? .nan, new: new.group.effectiveMomentum ?? .nan)
        if values {
            guard tolerance.equal(momentum.legacy, momentum.new),
                  let check = check(start: iter, count: count, maxIters: legacy.maxIters, power: power, minLr: minLr,
                                    legacyFirst: first.lr, newFirst: new.group.lr, rtol: tolerance.rtol),
                  check.proven else { return nil }
        }
        let (group, kept) = try spanEnd(legacy, from: iter, through: iter + count - 1, values: values, keptAt: stepping)
        // The new run's chained values: its state, stepped as the per-iteration comparison steps it.
        try stepChained(&new, count: count, poly: poly)
        return (count, kept, count, group, true)
    }

    /// The most steps left for which spans step from `PolyFactorTable` (4 MB of factors; mmsegmentation's
    /// longest schedule has 320,000 iterations).
    static let factorSteps = 1 << 19

    /// The longest span `compare` takes whole: a longer one is compared in parts of this length, each from its
    /// own first values, so that the chained recursion's `κ` (which grows with the length) stays about 1e-10
    /// whatever the span's length.
    static let longestPart = 1 << 16

    /// `compare` over a span in parts of at most `longestPart` iterations, from `iter` as long as each part is
    /// proven: the parts proven (their outcomes merged: the last part's group, the last stepping values any
    /// part kept), or `nil` when the first part is not. The rest of the span is the caller's to compare
    /// iteration by iteration.
    static func comparePrefix(_ legacy: LegacyScheduleKernel, _ new: inout ModernScheduleKernel, iter: Int, count: Int, values: Bool,
                              keptAt stepping: ModelStepping?, tolerance: Tolerance,
                              lrScale: SpanProof.LrScale) throws -> SpanProof.SpanComparison? {
        guard count > longestPart else {
            return try compare(legacy, &new, iter: iter, count: count, values: values, keptAt: stepping, tolerance: tolerance, lrScale: lrScale)
        }
        var merged: SpanProof.SpanComparison?
        var done = 0
        while done < count {
            let part = Swift.min(longestPart, count - done)
            guard let proven = try compare(legacy, &new, iter: iter + done, count: part, values: values, keptAt: stepping,
                                           tolerance: tolerance, lrScale: lrScale) else { break }
            let kept = proven.values.count > 0 ? proven.values : (merged?.values ?? proven.values)
            merged = (done + proven.matched, kept, (merged?.work ?? 0) + proven.work, proven.group, true)
            done += proven.matched
        }
        return merged
    }

    /// Whether the legacy kernel's updaters, from iteration `iter` on, only write the lr of a poly policy by
    /// iteration past its warmup, with a positive power: each iteration's value then overwrites the last
    /// whatever came before, and none can fail (`(1 − i/N)^p` is in (0, 1] inside a run), so a span's state
    /// is its last iteration's.
    static func writesEveryIteration(_ legacy: LegacyScheduleKernel, iter: Int) -> Bool {
        guard legacy.momentum == nil, let updater = legacy.lr?.updater, case let .poly(power, _) = updater.policy, power > 0, power.isFinite,
              !updater.byEpoch,
              !updater.baseLr.isEmpty, let warmupIters = updater.warmupIters, warmupIters.isInt else { return false }
        return updater.warmup == nil || Double(iter) >= warmupIters.value
    }

    /// When the new kernel's only scheduler that writes over the next `count` steps is one by-iteration PolyLR
    /// on the lr with `power` and `etaMin`, writing at every one of them from its second step on: the
    /// iterations it counts as left at the span's first iteration (`T − t₀`, `T = end − begin − 1`).
    /// (`power` and `etaMin` `nil`: any.) Also the scheduler's index in the list.
    static func polyRemaining(_ kernel: ModernScheduleKernel, count: Int, power: Double?, etaMin: Double?) -> (remaining: Int, index: Int)? {
        var found: (remaining: Int, index: Int)?
        for (index, scheduler) in kernel.schedulers.schedulers.enumerated() where !scheduler.byEpoch {
            let first = Double(scheduler.globalStep + 1)
            let final = Double(scheduler.globalStep) + Double(count)
            let writes = first < scheduler.end && final >= scheduler.begin
            guard writes else { continue }
            guard found == nil, case let .poly(floor, exponent) = scheduler.kind, scheduler.parameter == .lr, exponent > 0, exponent.isFinite,
                  exponent == power ?? exponent, floor == etaMin ?? floor, scheduler.begin <= first, final < scheduler.end, scheduler.lastStep >= 0,
                  scheduler.totalIters.isFinite, scheduler.totalIters < 1e15 else { return nil }
            let left = scheduler.totalIters - Double(scheduler.lastStep)
            guard left >= 1, left.rounded(.towardZero) == left else { return nil }
            found = (Int(left), index)
        }
        return found
    }

    /// Steps the new kernel `count` times, its only writing scheduler the PolyLR `poly` found by
    /// `polyRemaining`: with the shared factors (`PolyFactorTable`) when they can be had, else one step at a
    /// time. Either way the same counters and values.
    static func stepChained(_ new: inout ModernScheduleKernel, count: Int, poly: (remaining: Int, index: Int)) throws {
        // (A run with more steps left than `factorSteps`, such as the bench's ten million iterations, steps one
        // call at a time until it is within reach: a table that long would hold 16 MB for one run.)
        if case let .poly(_, power) = new.schedulers.schedulers[poly.index].kind, poly.remaining <= factorSteps,
           let factors = PolyFactorTable.shared.factors(power: power, through: poly.remaining) {
            // From the chain other spans and configs of this schedule computed, else with the factors.
            if new.schedulers.stepPolyFromChain(at: poly.index, count: count, group: &new.group, factors: factors) { return }
            new.schedulers.stepPoly(at: poly.index, count: count, group: &new.group, factors: factors)
        } else {
            for _ in 0..<count { try new.step() }
        }
    }

    /// The legacy group at a span's last iteration (the updater writes the lr at every iteration), and the
    /// values the trace keeps for the span: those of its last iteration, or with a model that steps its own
    /// optimizer, of the last iteration in it that steps (none when none does). Shared by the poly and cosine
    /// bounds.
    static func spanEnd(_ legacy: LegacyScheduleKernel, from iter: Int, through last: Int, values: Bool,
                        keptAt stepping: ModelStepping?) throws -> (group: ParamGroup, kept: TraceValues) {
        var group = legacy.group
        try legacy.apply(at: last, to: &group)
        guard values else { return (group, TraceValues()) }
        guard let stepping else { return (group, TraceValues(group.lr, group.effectiveMomentum ?? .nan)) }
        guard let stepped = lastStep(of: stepping, from: iter, through: last) else { return (group, TraceValues()) }
        var at = legacy.group
        try legacy.apply(at: stepped, to: &at)
        return (group, TraceValues(at.lr, at.effectiveMomentum ?? .nan))
    }

    /// The last iteration in `start ... last` at which `stepping` steps, if any.
    static func lastStep(of stepping: ModelStepping, from start: Int, through last: Int) -> Int? {
        guard stepping.times > 0 else { return nil }
        let shifted = last - stepping.offset
        let remainder = ((shifted % stepping.every) + stepping.every) % stepping.every
        let candidate = last - remainder
        return candidate >= Swift.max(start, stepping.start) ? candidate : nil
    }
}
