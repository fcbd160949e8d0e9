import Foundation
import HookMigrateCore
@testable import HookMigrateRuntime
import HookMigrateTestSupport
import Testing

/// The symbolic comparison of cosine spans (`CosineSpanBound`) against the iteration-by-iteration comparison
/// it replaces: over many random CosineRestart and CosineAnnealing schedules, aligned as a conversion writes
/// them and put off in one respect (the lr, `eta_min`, a period, one iteration of offset, a restart weight),
/// the whole comparison with the bound reaches exactly the outcome and state of the comparison without it;
/// wherever the bound claims iterations equal, the per-iteration comparison finds them equal; and the bound
/// refuses where it must (values near zero, a tolerance too tight, a first difference above the tolerance).
@Suite struct CosineSpanBoundTests {
    enum Policy: CustomStringConvertible {
        case restart(periods: [Int], weights: [Double])
        case annealing

        var description: String {
            switch self {
            case let .restart(periods, weights): return "CosineRestart periods \(periods) weights \(weights)"
            case .annealing: return "CosineAnnealing"
            }
        }
    }

    struct Schedule: CustomStringConvertible {
        var policy: Policy
        var lr: Double
        var minLr: Double
        var maxIters: Int
        /// The new run's schedule: its lr, floor, periods or `T_max`, weights, and `begin` (0 as converted).
        var newLr: Double
        var newEtaMin: Double
        var newPolicy: Policy
        var newTMax: Int
        var begin: Int
        var start: Int
        var count: Int

        var description: String {
            "\(policy) lr \(lr) min_lr \(minLr) N \(maxIters) | new \(newPolicy) T_max \(newTMax) lr \(newLr) eta_min \(newEtaMin) begin \(begin) | span \(start)+\(count)"
        }
    }

    /// The two kernels at iteration `schedule.start`: MMCV's updater by iteration, MMEngine's scheduler stepped
    /// once per iteration from the run's start.
    static func kernels(_ schedule: Schedule) throws -> (LegacyScheduleKernel, ModernScheduleKernel) {
        let text: String
        switch schedule.policy {
        case let .restart(periods, weights):
            text = "{\"policy\": \"CosineRestart\", \"periods\": \(periods), \"restart_weights\": \(weights), \"min_lr\": \(schedule.minLr), \"by_epoch\": false}"
        case .annealing:
            text = "{\"policy\": \"CosineAnnealing\", \"min_lr\": \(schedule.minLr), \"by_epoch\": false}"
        }
        let config = try JSONReader().read(SourceText(path: "lr.json", text: text)).mapping ?? ConfigMapping()
        var updater = try LegacyLrUpdater(config: config, location: nil, iterBasedRunner: true)
        var legacyGroups = [ParamGroup(lr: schedule.lr, momentum: 0.9)]
        try updater.beforeRun(maxIters: schedule.maxIters, groups: &legacyGroups)
        let legacy = LegacyScheduleKernel(lr: .init(updater), momentum: nil, group: legacyGroups[0], maxEpochs: nil,
                                          maxIters: schedule.maxIters, epoch: 0)
        var groups = [ParamGroup(lr: schedule.newLr, momentum: 0.9)]
        let kind: ParamSchedulerKind
        switch schedule.newPolicy {
        case let .restart(periods, weights):
            kind = .cosineRestart(periods: periods.map(Double.init), restartWeights: weights, floor: .absolute(schedule.newEtaMin))
        case .annealing:
            kind = .cosineAnnealing(tMax: Double(schedule.newTMax), floor: .absolute(schedule.newEtaMin))
        }
        let scheduler = try ParamScheduler(kind: kind, parameter: .lr, begin: Double(schedule.begin), byEpoch: false, groups: &groups)
        var new = ModernScheduleKernel(schedulers: ParamSchedulers([scheduler]), hadSchedulers: true, group: groups[0], steps: 1)
        for _ in 0..<schedule.start { try new.step() }
        return (legacy, new)
    }

    static func randomSchedule(_ random: inout SplitMix) -> Schedule {
        let lr: Double = [2e-4, 1e-4, 4e-4, 0.01, Double.random(in: 1e-5...0.1, using: &random)].randomElement(using: &random) ?? 2e-4
        let minLr: Double = [0.0, 1e-7, lr * 1e-3, lr * Double.random(in: 0...0.5, using: &random)].randomElement(using: &random) ?? 1e-7
        let policy: Policy
        let maxIters: Int
        if Bool.random(using: &random) {
            let periods = (0..<Int.random(in: 1...3, using: &random)).map { _ in Int.random(in: 60...2500, using: &random) }
            let weights: [Double] = periods.map { _ in [1.0, 1.0, 0.5, 0.7].randomElement(using: &random) ?? 1.0 }
            policy = .restart(periods: periods, weights: weights)
            maxIters = periods.reduce(0, +)
        } else {
            policy = .annealing
            maxIters = Int.random(in: 60...6000, using: &random)
        }
        // Spans anywhere in the run, some ending at a period's end (where a zero floor brings the values near zero).
        let start = Int.random(in: 0...(maxIters - 40), using: &random)
        let count = Bool.random(using: &random) ? maxIters - start : Int.random(in: 32...(maxIters - start), using: &random)
        var schedule = Schedule(policy: policy, lr: lr, minLr: minLr, maxIters: maxIters, newLr: lr, newEtaMin: minLr, newPolicy: policy,
                                newTMax: maxIters, begin: 0, start: start, count: count)
        // MMCV restarts at w·b + (1 − w)·min_lr, CosineRestartLR at w'·b: the conversion's weights.
        if case let .restart(periods, weights) = policy {
            schedule.newPolicy = .restart(periods: periods, weights: weights.map { $0 + (1 - $0) * minLr / lr })
        }
        // Half aligned as a conversion writes them; the other half off in one respect, some within the tolerance.
        switch Int.random(in: 0..<14, using: &random) {
        case 0: schedule.newLr = lr * (1 + 5e-10)
        case 1: schedule.newLr = lr * (1 + 2e-9)
        case 2: schedule.newEtaMin = minLr == 0 ? 1e-12 : minLr * (1 + 1e-6)
        case 3: schedule.begin = 1
        case 4: schedule.newTMax = maxIters + 1
        case 5:
            if case let .restart(periods, weights) = schedule.newPolicy {
                var shifted = periods
                shifted[0] += 1
                schedule.newPolicy = .restart(periods: shifted, weights: weights)
            } else {
                schedule.newTMax = maxIters - 1
            }
        case 6:
            if case let .restart(periods, weights) = schedule.newPolicy {
                schedule.newPolicy = .restart(periods: periods, weights: weights.map { $0 * (1 - 1e-6) })
            } else {
                schedule.newLr = lr * (1 - 1e-7)
            }
        default: break
        }
        return schedule
    }

    /// Both comparisons of one span (the outcome and the new kernel they leave), and the bound's first part alone.
    static func bothWays(_ schedule: Schedule, tolerance: Tolerance = Tolerance(), stepping: ModelStepping? = nil) throws
        -> (symbolic: SpanProof.SpanComparison, reference: SpanProof.SpanComparison, prefix: SpanProof.SpanComparison?, same: Bool) {
        let (legacy, start) = try kernels(schedule)
        var symbolicKernel = start
        var referenceKernel = start
        var prefixKernel = start
        var scale = SpanProof.LrScale(enabled: false, factor: nil)
        let symbolic = try SpanProof.compareKernels(legacy, &symbolicKernel, iter: schedule.start, count: schedule.count, values: true,
                                                    keptAt: stepping, tolerance: tolerance, lrScale: &scale)
        let reference = try SpanProof.compareKernels(legacy, &referenceKernel, iter: schedule.start, count: schedule.count, values: true,
                                                     keptAt: stepping, tolerance: tolerance, lrScale: &scale, symbolic: false)
        let prefix = try CosineSpanBound.comparePrefix(legacy, &prefixKernel, iter: schedule.start, count: schedule.count, values: true,
                                                       keptAt: stepping, tolerance: tolerance, lrScale: scale)
        let same = symbolic.matched == reference.matched && symbolic.values == reference.values && symbolic.work == reference.work
            && symbolic.group == reference.group && symbolicKernel == referenceKernel
        return (symbolic, reference, prefix, same)
    }

    @Test func whereTheBoundClaimsEqualityEveryIterationIsEqual() throws {
        var random = SplitMix(seed: 20_261_207)
        var proven = 0
        var partial = 0
        var refused = 0
        var differing = 0
        for _ in 0..<400 {
            let schedule = Self.randomSchedule(&random)
            let stepping = Bool.random(using: &random) ? ModelStepping.accumulating(window: Int.random(in: 2...5, using: &random)) : nil
            let outcome = try Self.bothWays(schedule, stepping: stepping)
            #expect(outcome.same, "the comparison with the bound ends elsewhere than without it: \(schedule)")
            if outcome.reference.matched < schedule.count { differing += 1 }
            if let prefix = outcome.prefix {
                #expect(outcome.reference.matched >= prefix.matched, "claimed \(prefix.matched) equal, differs at \(outcome.reference.matched): \(schedule)")
                if prefix.matched == schedule.count { proven += 1 } else { partial += 1 }
            } else {
                refused += 1
            }
        }
        // Every branch is exercised: whole spans proven, first parts proven, spans refused, spans that differ.
        #expect(proven > 80 && partial > 10 && refused > 50 && differing > 30, "proven \(proven), partial \(partial), refused \(refused), differing \(differing)")
    }

    /// mmediting's schedules at full length (a 250,000-iteration period, spans of 5,000 iterations): proven
    /// whole with `min_lr = 1e-7`; with `min_lr = 0` the last span is proven up to where the values near zero and
    /// compared iteration by iteration from there; a tolerance tighter than the rounding can be bounded, or a
    /// first difference above the tolerance, is refused; a period, floor or offset put off inside the span is
    /// still found by the comparison.
    @Test func longPeriodsAreProvenAndMutationsStillCaught() throws {
        let periods = [250_000, 250_000]
        let weights = [1.0, 1.0]
        let mmedit = Schedule(policy: .restart(periods: periods, weights: weights), lr: 2e-4, minLr: 1e-7, maxIters: 500_000, newLr: 2e-4,
                              newEtaMin: 1e-7, newPolicy: .restart(periods: periods, weights: weights), newTMax: 0, begin: 0,
                              start: 240_000, count: 5_000)
        let aligned = try Self.bothWays(mmedit)
        #expect(aligned.prefix?.matched == 5_000 && aligned.same && aligned.reference.matched == 5_000)
        // The period's last span, ending at the restart.
        var last = mmedit
        last.start = 245_000
        let atRestart = try Self.bothWays(last)
        #expect(atRestart.prefix?.matched == 5_000 && atRestart.same)
        // A zero floor: the last span's values fall to about 8e-15; the bound holds for most of it, not its end.
        var zero = last
        zero.minLr = 0
        zero.newEtaMin = 0
        let nearZero = try Self.bothWays(zero)
        if let prefix = nearZero.prefix {
            #expect(prefix.matched > 4_000 && prefix.matched < 5_000, "\(prefix.matched)")
        } else {
            Issue.record("nothing of the span proven")
        }
        #expect(nearZero.same)
        // Too tight a tolerance; values apart by more than the tolerance.
        #expect(try Self.bothWays(mmedit, tolerance: Tolerance(rtol: 1e-14)).prefix == nil)
        var apart = mmedit
        apart.newLr = 2e-4 * (1 + 2e-9)
        let wrongLr = try Self.bothWays(apart)
        #expect(wrongLr.prefix == nil && wrongLr.same && wrongLr.reference.matched == 0)
        // A wrong eta_min, a period one iteration longer, the new schedule one iteration late: not this form, so
        // compared iteration by iteration, which finds the difference inside the span.
        var wrongFloor = mmedit
        wrongFloor.newEtaMin = 2e-7
        var wrongPeriod = mmedit
        wrongPeriod.newPolicy = .restart(periods: [250_001, 250_000], weights: weights)
        var late = mmedit
        late.begin = 1
        for mutated in [wrongFloor, wrongPeriod, late] {
            let outcome = try Self.bothWays(mutated)
            #expect(outcome.prefix == nil && outcome.same, "\(mutated)")
            #expect(outcome.reference.matched < mutated.count, "not caught: \(mutated)")
        }
        // The check itself, at the last iteration of the period with a zero floor: refused.
        let check = CosineSpanBound.check(firstPosition: 249_000, count: 1_000, period: 250_000, floor: 0, amplitude: 1e-4,
                                          legacyFirst: 2e-4 * 0.5 * (1 + cos(Double.pi * 249_000 / 250_000)),
                                          newFirst: 2e-4 * 0.5 * (1 + cos(Double.pi * 249_000 / 250_000)),
                                          newTerm: 1 + cos(Double.pi * 249_000 / 250_000), rtol: 1e-9)
        #expect(check?.proven == false)
    }

    /// A lone cosine scheduler stepped from the shared terms (`CosineFactorTable`, `ParamSchedulers.stepCosine`)
    /// steps as the scheduler steps one call at a time: the same values, counters and `_last_value`s, with other
    /// schedulers before and after it in the list that do not write over the run (a warmup that has ended, a
    /// step schedule that starts later, a momentum schedule), across restarts and the end of `T_max`.
    @Test func theTermTableStepsAsTheSchedulerSteps() throws {
        var random = SplitMix(seed: 7_117)
        for _ in 0..<60 {
            let floor: Double = [0.0, 1e-4, 3e-6].randomElement(using: &random) ?? 0
            let restart = Bool.random(using: &random)
            let periods = (0..<3).map { _ in Double(Int.random(in: 20...900, using: &random)) }
            let length = restart ? Int(periods.reduce(0, +)) : Int.random(in: 100...3000, using: &random)
            let kind: ParamSchedulerKind = restart
                ? .cosineRestart(periods: periods, restartWeights: [1, 0.8, 0.5], floor: .absolute(floor))
                : .cosineAnnealing(tMax: Double(length), floor: .ratio(0.01))
            var groups = [ParamGroup(lr: Double.random(in: 1e-4...0.1, using: &random), momentum: 0.9)]
            var list = [try ParamScheduler(kind: .linear(startFactor: 0.1, endFactor: 1), parameter: .lr, begin: 0, end: 10, byEpoch: false, groups: &groups),
                        try ParamScheduler(kind: kind, parameter: .lr, begin: 0, end: restart ? 1e9 : Double(length), byEpoch: false, groups: &groups),
                        try ParamScheduler(kind: .step(stepSize: 5, gamma: 0.5), parameter: .lr, begin: Double(length + 10), end: 1e9, byEpoch: false, groups: &groups),
                        try ParamScheduler(kind: .cosineAnnealing(tMax: nil, floor: .absolute(0.5)), parameter: .momentum, begin: 0, end: 8, byEpoch: false, groups: &groups)]
            if Bool.random(using: &random) { list.swapAt(0, 3) }
            var kernel = ModernScheduleKernel(schedulers: ParamSchedulers(list), hadSchedulers: true, group: groups[0], steps: 1)
            for _ in 0..<20 { try kernel.step() }
            let count = Int.random(in: 1...(length + 30 - 20), using: &random)
            var tabled = kernel
            try tabled.stepCosineRuns(count: count)
            var stepped = kernel
            for _ in 0..<count { try stepped.step() }
            #expect(tabled == stepped, "\(kind) length \(length) count \(count)")
            // The terms alone, run by run (what a span steps with when no chain reaches its end).
            var direct = kernel
            var done = 0
            while done < count {
                if let run = direct.schedulers.cosineRun(limit: count - done),
                   let terms = CosineFactorTable.shared.terms(period: run.period, through: run.lastPosition) {
                    let taken = direct.schedulers.stepCosine(run, group: &direct.group, terms: terms)
                    #expect(taken == run.steps)
                    done += taken
                } else {
                    try direct.step()
                    done += 1
                }
            }
            #expect(direct == stepped, "\(kind) length \(length) count \(count)")
            if let run = kernel.schedulers.cosineRun(limit: count), run.steps == count {
                let advanced = try SpanProof.advanceKernel(kernel, count: count)
                #expect(advanced.kernel == stepped && advanced.work == count)
            }
        }
    }

    /// A chain is found by its value at a span's start, bit for bit: a chain is built for a start asked for a
    /// second time (a run repeating another's schedule), the spans of that run then continue it, a run that
    /// left the chain (another value at the same step) starts its own, and every value read from a chain is the
    /// value stepping one call at a time gives.
    @Test func chainsAreFoundByTheirValues() throws {
        var groups = [ParamGroup(lr: 0.01, momentum: 0.9)]
        let poly = try ParamScheduler(kind: .poly(etaMin: 1e-4, power: 0.9), parameter: .lr, begin: 0, end: 5_001, byEpoch: false, groups: &groups)
        let start = ModernScheduleKernel(schedulers: ParamSchedulers([poly]), hadSchedulers: true, group: groups[0], steps: 1)
        guard let factors = PolyFactorTable.shared.factors(power: 0.9, through: 5_000) else {
            Issue.record("no factors")
            return
        }
        for perturbation in [0.0, 1e-12] {
            // The first run: no chain for its starts yet (it steps with the factors); the second: from chains.
            for pass in 0..<2 {
                var chained = start
                var stepped = start
                chained.group.lr += perturbation
                stepped.group.lr += perturbation
                for span in [37, 200, 1_000, 3, 2_500, 1_200] where stepped.schedulers.schedulers[0].lastStep + span <= 5_000 {
                    let fromChain = chained.schedulers.stepPolyFromChain(at: 0, count: span, group: &chained.group, factors: factors)
                    if pass == 1 { #expect(fromChain, "perturbation \(perturbation), span \(span)") }
                    if !fromChain { chained.schedulers.stepPoly(at: 0, count: span, group: &chained.group, factors: factors) }
                    for _ in 0..<span { try stepped.step() }
                    #expect(chained == stepped, "perturbation \(perturbation), span \(span), pass \(pass)")
                }
            }
        }
    }

    /// The terms the table holds are the ones `nextValue` computes, bit for bit, and `exactTerm` is within its
    /// margin of `1 + cos` where that loses nothing (positions in the first half of the period).
    @Test func theTermsAreTheSchedulersOwn() throws {
        for period in [7.0, 250.0, 250_000.0] {
            guard let terms = CosineFactorTable.shared.terms(period: period, through: Int(period)) else {
                Issue.record("no table for \(period)")
                continue
            }
            for q in stride(from: 0, through: Int(period), by: Swift.max(1, Int(period) / 500)) {
                #expect(terms[q] == 1 + cos(Double.pi * Double(q) / period))
                if 2 * q <= Int(period) {
                    let exact = CosineSpanBound.exactTerm(Double(q), period: period)
                    #expect(abs(exact - terms[q]) <= 1e-12 * exact + 1e-15, "\(q)/\(period)")
                }
            }
        }
    }
}
