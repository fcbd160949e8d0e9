import Foundation
import HookMigrateCore
@testable import HookMigrateRuntime
import HookMigrateTestSupport
import Testing

/// The symbolic comparison of poly spans (`PolySpanBound`) against the iteration-by-iteration comparison it
/// replaces: over many random schedules, aligned and misaligned (another power, floor, end or first value),
/// whenever the bound claims a span equal the per-iteration comparison finds every iteration equal, and the
/// two leave the runs in the same state; and the bound refuses where it must (a tolerance too tight for the
/// rounding, a span too long for the recursion's accumulated rounding).
@Suite struct PolySpanBoundTests {
    struct Schedule: CustomStringConvertible {
        var lr: Double
        var power: Double
        var minLr: Double
        var maxIters: Int
        var newLr: Double
        var newPower: Double
        var newEtaMin: Double
        var end: Double
        var start: Int
        var count: Int

        var description: String {
            "lr \(lr) power \(power) min_lr \(minLr) N \(maxIters) | new lr \(newLr) power \(newPower) eta_min \(newEtaMin) end \(end) | span \(start)+\(count)"
        }
    }

    /// The two kernels at iteration `schedule.start`: MMCV's poly updater by iteration, MMEngine's PolyLR
    /// stepped once per iteration from the run's start.
    static func kernels(_ schedule: Schedule) throws -> (LegacyScheduleKernel, ModernScheduleKernel) {
        let text = "{\"policy\": \"poly\", \"power\": \(schedule.power), \"min_lr\": \(schedule.minLr), \"by_epoch\": false}"
        let config = try JSONReader().read(SourceText(path: "lr.json", text: text)).mapping ?? ConfigMapping()
        var updater = try LegacyLrUpdater(config: config, location: nil, iterBasedRunner: true)
        var legacyGroups = [ParamGroup(lr: schedule.lr, momentum: 0.9)]
        try updater.beforeRun(maxIters: schedule.maxIters, groups: &legacyGroups)
        let legacy = LegacyScheduleKernel(lr: .init(updater), momentum: nil, group: legacyGroups[0], maxEpochs: nil,
                                          maxIters: schedule.maxIters, epoch: 0)
        var groups = [ParamGroup(lr: schedule.newLr, momentum: 0.9)]
        let poly = try ParamScheduler(kind: .poly(etaMin: schedule.newEtaMin, power: schedule.newPower), parameter: .lr, begin: 0,
                                      end: schedule.end, byEpoch: false, groups: &groups)
        var new = ModernScheduleKernel(schedulers: ParamSchedulers([poly]), hadSchedulers: true, group: groups[0], steps: 1)
        for _ in 0..<schedule.start { try new.step() }
        return (legacy, new)
    }

    static func randomSchedule(_ random: inout SplitMix) -> Schedule {
        let lr: Double = [0.01, 0.004, 6e-5, 0.1, Double.random(in: 1e-5...1, using: &random)].randomElement(using: &random) ?? 0.01
        let power: Double = [0.9, 1.0, 2.0, 0.5, Double.random(in: 0.1...3, using: &random)].randomElement(using: &random) ?? 0.9
        let minLr: Double = [0.0, 1e-4, lr * 1e-3, lr * Double.random(in: 0...0.9, using: &random)].randomElement(using: &random) ?? 0
        let maxIters = Int.random(in: 40...6000, using: &random)
        let start = Int.random(in: 1...(maxIters - 35), using: &random)
        let room = maxIters - start - 1
        let count = room > 32 ? Int.random(in: 32...room, using: &random) : room
        var schedule = Schedule(lr: lr, power: power, minLr: minLr, maxIters: maxIters, newLr: lr, newPower: power, newEtaMin: minLr,
                                end: Double(maxIters + 1), start: start, count: count)
        // Half aligned as a conversion writes them; the other half off in one respect, some within the tolerance.
        switch Int.random(in: 0..<12, using: &random) {
        case 0: schedule.newLr = lr * (1 + 5e-10)
        case 1: schedule.newLr = lr * (1 + 2e-9)
        case 2: schedule.newLr = lr * (1 - 1e-6)
        case 3: schedule.newPower = power.nextUp
        case 4: schedule.newPower = power * (1 + 1e-7)
        case 5: schedule.newEtaMin = minLr == 0 ? 1e-12 : minLr * (1 + 1e-9)
        case 6: schedule.end = Double(maxIters)
        case 7: schedule.end = Double(maxIters + 2)
        default: break
        }
        return schedule
    }

    /// Both comparisons of one span: the outcome (iterations matched, values kept, work, legacy group) and
    /// the new kernel they leave.
    static func bothWays(_ schedule: Schedule, tolerance: Tolerance = Tolerance(), stepping: ModelStepping? = nil) throws
        -> (symbolic: SpanProof.SpanComparison, reference: SpanProof.SpanComparison, same: Bool) {
        let (legacy, start) = try kernels(schedule)
        var symbolicKernel = start
        var referenceKernel = start
        var scale = SpanProof.LrScale(enabled: false, factor: nil)
        let symbolic = try SpanProof.compareKernels(legacy, &symbolicKernel, iter: schedule.start, count: schedule.count, values: true,
                                                    keptAt: stepping, tolerance: tolerance, lrScale: &scale)
        let reference = try SpanProof.compareKernels(legacy, &referenceKernel, iter: schedule.start, count: schedule.count, values: true,
                                                     keptAt: stepping, tolerance: tolerance, lrScale: &scale, symbolic: false)
        let same = symbolic.matched == reference.matched && symbolic.values == reference.values && symbolic.work == reference.work
            && symbolic.group == reference.group && symbolicKernel == referenceKernel
        return (symbolic, reference, same)
    }

    @Test func whereTheBoundClaimsEqualityEveryIterationIsEqual() throws {
        var random = SplitMix(seed: 20_261_206)
        var proven = 0
        var refused = 0
        for _ in 0..<400 {
            let schedule = Self.randomSchedule(&random)
            let stepping = Bool.random(using: &random) ? ModelStepping.accumulating(window: Int.random(in: 2...5, using: &random)) : nil
            let outcome = try Self.bothWays(schedule, stepping: stepping)
            if outcome.symbolic.symbolic {
                proven += 1
                #expect(outcome.reference.matched == schedule.count, "claimed equal, differs at \(outcome.reference.matched): \(schedule)")
                #expect(outcome.same, "the runs are left in another state: \(schedule)")
            } else {
                refused += 1
                #expect(outcome.same, "\(schedule)")
            }
        }
        // Both branches are exercised.
        #expect(proven > 100 && refused > 50, "proven \(proven), refused \(refused)")
    }

    /// A conversion's schedule (same power, floor, end = N + 1): proven at the default tolerance; refused when
    /// the tolerance is tighter than the rounding can be bounded, and when a span is so long that the chained
    /// recursion's accumulated rounding bound exceeds the tolerance.
    @Test func theBoundRefusesWhenItShould() throws {
        let mmseg = Schedule(lr: 0.01, power: 0.9, minLr: 1e-4, maxIters: 160_000, newLr: 0.01, newPower: 0.9, newEtaMin: 1e-4,
                             end: 160_001, start: 16_001, count: 15_999)
        let aligned = try Self.bothWays(mmseg)
        #expect(aligned.symbolic.symbolic && aligned.same)
        // A tolerance of 1e-14: the values may well agree that closely, but the bound cannot show it.
        let tight = try Self.bothWays(mmseg, tolerance: Tolerance(rtol: 1e-14))
        #expect(!tight.symbolic.symbolic && tight.same)
        // The check itself: a 16,000-iteration span is proven; a 2,000,000-iteration one is not (its κ alone
        // is about 2e-9), nor is any span at a tolerance below the bound.
        let proven = PolySpanBound.check(start: 16_001, count: 16_000, maxIters: 160_000, power: 0.9, minLr: 1e-4,
                                         legacyFirst: 0.009, newFirst: 0.009, rtol: 1e-9)
        #expect(proven?.proven == true)
        let long = PolySpanBound.check(start: 1, count: 2_000_000, maxIters: 10_000_000, power: 0.9, minLr: 1e-4,
                                       legacyFirst: 0.01, newFirst: 0.01, rtol: 1e-9)
        #expect(long?.proven == false)
        if let long { #expect(long.bound > 1e-9) }
        let tighter = PolySpanBound.check(start: 16_001, count: 16_000, maxIters: 160_000, power: 0.9, minLr: 1e-4,
                                          legacyFirst: 0.009, newFirst: 0.009, rtol: 1e-12)
        #expect(tighter?.proven == false)
        // Values apart by more than the tolerance at the span's first iteration.
        let apart = PolySpanBound.check(start: 16_001, count: 16_000, maxIters: 160_000, power: 0.9, minLr: 1e-4,
                                        legacyFirst: 0.009, newFirst: 0.009 * (1 + 2e-9), rtol: 1e-9)
        #expect(apart?.proven == false)
        // A floor the values do not stay above, a power or floor that differ, a misaligned end: not this form.
        #expect(PolySpanBound.check(start: 1, count: 100, maxIters: 1000, power: 0.9, minLr: 0.02, legacyFirst: 0.01, newFirst: 0.01, rtol: 1e-9) == nil)
        for other in [Schedule(lr: 0.01, power: 0.9, minLr: 1e-4, maxIters: 4000, newLr: 0.01, newPower: 0.9.nextUp, newEtaMin: 1e-4, end: 4001, start: 100, count: 500),
                      Schedule(lr: 0.01, power: 0.9, minLr: 1e-4, maxIters: 4000, newLr: 0.01, newPower: 0.9, newEtaMin: 1.0001e-4, end: 4001, start: 100, count: 500),
                      Schedule(lr: 0.01, power: 0.9, minLr: 1e-4, maxIters: 4000, newLr: 0.01, newPower: 0.9, newEtaMin: 1e-4, end: 4000, start: 100, count: 500)] {
            let outcome = try Self.bothWays(other)
            #expect(!outcome.symbolic.symbolic && outcome.same, "\(other)")
        }
    }

    /// A span longer than `longestPart` is compared in parts, each proven from its own first values: a
    /// 1,150,000-iteration span of a 1,200,000-iteration run (too long as one span for the chained recursion's
    /// rounding bound, whose `κ` alone is about 1e-9) is proven in parts and ends where the per-iteration
    /// comparison ends, in the same state; a floor off inside it is not proven and is found by the comparison.
    @Test func aLongSpanIsProvenInParts() throws {
        let long = Schedule(lr: 0.01, power: 0.9, minLr: 1e-4, maxIters: 1_200_000, newLr: 0.01, newPower: 0.9, newEtaMin: 1e-4,
                            end: 1_200_001, start: 10_000, count: 1_150_000)
        let outcome = try Self.bothWays(long)
        #expect(outcome.symbolic.symbolic && outcome.same && outcome.reference.matched == long.count)
        let (legacy, start) = try Self.kernels(long)
        var kernel = start
        let parts = try PolySpanBound.comparePrefix(legacy, &kernel, iter: long.start, count: long.count, values: true, keptAt: nil,
                                                    tolerance: Tolerance(), lrScale: SpanProof.LrScale(enabled: false, factor: nil))
        #expect(parts?.matched == long.count)
        #expect(PolySpanBound.check(start: 10_000, count: 1_150_000, maxIters: 1_200_000, power: 0.9, minLr: 1e-4, legacyFirst: 0.0099,
                                    newFirst: 0.0099, rtol: 1e-9)?.proven != true)
        var off = long
        off.newEtaMin = 1.0001e-4
        let wrong = try Self.bothWays(off)
        #expect(!wrong.symbolic.symbolic && wrong.same && wrong.reference.matched < off.count)
    }

    /// After a divergence the legacy run goes on alone; a poly updater's span is then its last iteration's
    /// value (`writesEveryIteration`), which must be what applying every iteration in turn leaves.
    @Test func aLegacyPolySpanAloneIsItsLastIteration() throws {
        var random = SplitMix(seed: 77)
        for _ in 0..<200 {
            let schedule = Self.randomSchedule(&random)
            let (legacy, _) = try Self.kernels(schedule)
            #expect(PolySpanBound.writesEveryIteration(legacy, iter: schedule.start))
            var walked = legacy.group
            for iteration in schedule.start..<(schedule.start + schedule.count) { try legacy.apply(at: iteration, to: &walked) }
            let advanced = try SpanProof.advanceKernel(legacy, iter: schedule.start, count: schedule.count)
            #expect(advanced.group == walked && advanced.work == schedule.count, "\(schedule)")
        }
    }

    /// The chained PolyLR stepped from the shared factor table (`PolyFactorTable`, `ParamSchedulers.stepPoly`)
    /// is the PolyLR stepped one call at a time: the same values, counters and `_last_value`s, with other
    /// schedulers before and after it in the list that do not write over the span (a warmup that has ended,
    /// a step schedule that starts later, a momentum schedule).
    @Test func theFactorTableStepsAsTheSchedulerSteps() throws {
        var random = SplitMix(seed: 4242)
        for _ in 0..<60 {
            let power: Double = [0.9, 1.0, 2.0, Double.random(in: 0.2...3, using: &random)].randomElement(using: &random) ?? 0.9
            let floor: Double = [0.0, 1e-4, 3e-6].randomElement(using: &random) ?? 0
            let length = Int.random(in: 100...5000, using: &random)
            var groups = [ParamGroup(lr: Double.random(in: 1e-4...0.1, using: &random), momentum: 0.9)]
            var list = [try ParamScheduler(kind: .linear(startFactor: 0.1, endFactor: 1), parameter: .lr, begin: 0, end: 10, byEpoch: false, groups: &groups),
                        try ParamScheduler(kind: .poly(etaMin: floor, power: power), parameter: .lr, begin: 0, end: Double(length + 1), byEpoch: false, groups: &groups),
                        try ParamScheduler(kind: .step(stepSize: 5, gamma: 0.5), parameter: .lr, begin: Double(length + 10), end: 1e9, byEpoch: false, groups: &groups),
                        try ParamScheduler(kind: .cosineAnnealing(tMax: nil, floor: .absolute(0.5)), parameter: .momentum, begin: 0, end: 8, byEpoch: false, groups: &groups)]
            if Bool.random(using: &random) { list.swapAt(0, 3) }
            var kernel = ModernScheduleKernel(schedulers: ParamSchedulers(list), hadSchedulers: true, group: groups[0], steps: 1)
            for _ in 0..<20 { try kernel.step() }
            let count = Int.random(in: 1...(length - 21), using: &random)
            guard let poly = PolySpanBound.polyRemaining(kernel, count: count, power: nil, etaMin: nil) else {
                Issue.record("no lone PolyLR found")
                continue
            }
            var tabled = kernel
            try PolySpanBound.stepChained(&tabled, count: count, poly: poly)
            var stepped = kernel
            for _ in 0..<count { try stepped.step() }
            #expect(tabled == stepped, "power \(power) floor \(floor) length \(length) count \(count)")
            // The factors alone (what a span steps with when no chain reaches its end).
            if let factors = PolyFactorTable.shared.factors(power: power, through: poly.remaining) {
                var direct = kernel
                direct.schedulers.stepPoly(at: poly.index, count: count, group: &direct.group, factors: factors)
                #expect(direct == stepped, "power \(power) floor \(floor) length \(length) count \(count)")
            }
            let advanced = try SpanProof.advanceKernel(kernel, count: count)
            #expect(advanced.kernel == stepped && advanced.work == count)
        }
    }

    /// The last stepping iteration of a pattern inside a span, in closed form, is the one a walk finds.
    @Test func theLastSteppingIterationIsFound() {
        for every in 1...6 {
            for offset in -3...7 {
                for start in [0, 5, 40] {
                    let stepping = ModelStepping(every: every, offset: offset, start: start)
                    for first in 0..<30 {
                        for last in first..<(first + 12) {
                            let walked = (first...last).reversed().first { stepping.steps(at: $0) > 0 }
                            #expect(PolySpanBound.lastStep(of: stepping, from: first, through: last) == walked)
                        }
                    }
                }
            }
        }
    }
}
