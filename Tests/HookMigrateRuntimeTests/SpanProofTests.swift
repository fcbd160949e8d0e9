import Foundation
import HookMigrateCore
@testable import HookMigrateRuntime
import Testing

/// The pieces the proof's bulk path stands on: the schedules' "steady" answers are honest and skipping
/// steady steps is stepping; the updaters' one-group functions are what `beforeTrainIter` writes; the
/// comparison's queues, text pool and evaluation steps stay bounded; the window counts different events.
@Suite struct SpanProofTests {
    typealias D = ScheduleDriver

    static let schedulerSpecs: [(ParamSchedulerKind, Double, Double)] = [
        (.constant(factor: 0.5), 0, 7), (.constant(factor: 0.25), 3, 1e9), (.linear(startFactor: 0.1, endFactor: 1), 0, 9),
        (.exponential(gamma: 0.9), 2, 30), (.step(stepSize: 4, gamma: 0.5), 0, 1e9), (.step(stepSize: 3, gamma: 0.1), 5, 20),
        (.multiStep(milestones: [3, 3, 8, 12.5, 40], gamma: 0.1), 0, 1e9), (.multiStep(milestones: [2, 6], gamma: 0.5), 4, 25),
        (.poly(etaMin: 1e-4, power: 0.9), 0, 50), (.cosineAnnealing(tMax: nil, floor: .absolute(0)), 1, 40),
    ]

    @Test func skippingSteadyStepsIsStepping() throws {
        for (kind, begin, end) in Self.schedulerSpecs {
            var groups = D.sgd([0.02])
            var stepped = try ParamScheduler(kind: kind, parameter: .lr, begin: begin, end: end, byEpoch: false, groups: &groups)
            var skipped = stepped
            var skippedGroups = groups
            var position = 0
            while position < 60 {
                let steady = skipped.steadySteps(limit: 60 - position)
                let before = skippedGroups[0].lr
                // Every step reported steady leaves the value as it is, stepped one by one …
                for _ in 0..<steady {
                    try stepped.step(groups: &groups)
                    #expect(groups[0].lr == before, "\(kind) at \(position): a steady step changed the value")
                }
                // … and skipping them leaves the scheduler as stepping did.
                skipped.skipSteadySteps(steady, groups: skippedGroups)
                #expect(skipped == stepped, "\(kind) at \(position)")
                try stepped.step(groups: &groups)
                try skipped.step(groups: &skippedGroups)
                #expect(skippedGroups == groups)
                position += steady + 1
            }
        }
    }

    @Test func theOneGroupStepIsTheStep() throws {
        for (kind, begin, end) in Self.schedulerSpecs {
            var groups = D.sgd([0.02])
            var many = try ParamScheduler(kind: kind, parameter: .lr, begin: begin, end: end, byEpoch: false, groups: &groups)
            var one = many
            var group = groups[0]
            for step in 0..<60 {
                try many.step(groups: &groups)
                try one.step(group: &group)
                #expect(group == groups[0] && one == many, "\(kind) at step \(step)")
            }
        }
    }

    static let legacyLr = [
        "{policy: poly, power: 0.9, min_lr: 0.0001, by_epoch: false}",
        "{policy: poly, power: 1.0, by_epoch: false, warmup: linear, warmup_iters: 7, warmup_ratio: 0.1}",
        "{policy: step, step: [3, 5], warmup: linear, warmup_iters: 6, warmup_ratio: 0.001}",
        "{policy: step, step: 4, by_epoch: false, warmup: constant, warmup_iters: 5, warmup_ratio: 0.5}",
        "{policy: CosineAnnealing, min_lr_ratio: 0.01, warmup: exp, warmup_iters: 9, warmup_ratio: 0.1}",
        "{policy: fixed, warmup: constant, warmup_iters: 4, warmup_ratio: 0.3}",
    ]

    @Test func theUpdatersOneGroupValuesAreWhatTheyWrite() throws {
        let length = 6
        for text in Self.legacyLr {
            let config = try D.yaml(text).mapping ?? ConfigMapping()
            for iterRunner in [false, true] {
                var hook = try LegacyLrUpdater(config: config, location: nil, iterBasedRunner: iterRunner)
                var groups = D.sgd([0.02])
                try hook.beforeRun(maxIters: 8 * length, groups: &groups)
                for epoch in 0..<8 {
                    if !iterRunner {
                        try hook.beforeTrainEpoch(epoch: epoch, iter: epoch * length, maxEpochs: 8, maxIters: 8 * length, itersPerEpoch: length, groups: &groups)
                    }
                    var steadyFrom = (iter: -1, value: 0.0, until: -1)
                    for batch in 0..<length {
                        let iter = epoch * length + batch
                        let expected = try hook.iterationLr(groups[0].lr, index: 0, epoch: epoch, iter: iter, maxEpochs: 8, maxIters: 8 * length)
                        let steady = hook.steadyIterations(iter: iter, limit: length - batch)
                        try hook.beforeTrainIter(epoch: epoch, iter: iter, maxEpochs: 8, maxIters: 8 * length, groups: &groups)
                        #expect(groups[0].lr == expected, "\(text) iter \(iter)")
                        if iter < steadyFrom.until { #expect(groups[0].lr == steadyFrom.value, "\(text): iteration \(iter) was reported steady") }
                        if steady > 1, iter >= steadyFrom.until { steadyFrom = (iter, groups[0].lr, iter + steady) }
                    }
                }
            }
        }
    }

    @Test func aQueueHoldsRepeatsInOneSlot() {
        var queue = EventQueue()
        var record = StreamEvent.empty
        record.kind = .log
        record.step = 10
        for _ in 0..<70_000 { queue.append(record) }
        var other = record
        other.step = 20
        queue.append(other)
        #expect(queue.count == 70_001 && queue.runs == 2)
        #expect(queue.prefix(3).map(\.step) == [10, 10, 10])
        #expect(queue.removeAll { $0.step == 10 } == 70_000)
        #expect(queue.count == 1 && queue.first.step == 20)
        queue.removeFirst()
        #expect(queue.isEmpty && queue.runs == 0)
    }

    @Test func stepSetsAreExactAndSmall() {
        var steps = StepSet()
        for step in stride(from: 3, through: 300_000, by: 3) { steps.insert(Int32(step)) }
        steps.insert(7)
        steps.insert(3)
        #expect(steps.contains(3) && steps.contains(300_000) && steps.contains(7) && steps.contains(150_000))
        #expect(!steps.contains(4) && !steps.contains(300_003) && !steps.contains(0))
    }

    @Test func theTextPoolStaysBoundedOverALongRun() {
        var stream = EquivalenceStream(tolerance: Tolerance(), distributed: false, iterationRun: true, legacyItersPerEpoch: 10)
        for step in 1...50_000 {
            for side in [EquivalenceStream.Side.legacy, .new] {
                stream.side = side
                stream.emit(.checkpointSave, at: .afterTrainIter, epoch: 0, iter: step - 1, batch: 0, step: step, text: "iter_\(step).pth", values: TraceValues())
            }
        }
        #expect(stream.texts.texts.count < 2 * EquivalenceStream.textPoolFloor + 16)
        let verdict = stream.finish()
        #expect(verdict.isEquivalent)
    }

    @Test func aRunAheadByRepeatsOfOneRecordStaysInTheWindow() throws {
        // L = 10 with a logger interval of 50: MMEngine logs every epoch's last batch, MMCV never (R9, set
        // aside at the end). With a window of 8 events the old queue reported "drifted apart" after 8 epochs.
        let old = try YAMLReader().read(SourceText(path: "old.yaml", text: StreamingEquivalenceTests.legacyYAML.replacingOccurrences(of: "interval: 7", with: "interval: 50"))).mapping ?? ConfigMapping()
        let new = try YAMLReader().read(SourceText(path: "new.yaml", text: StreamingEquivalenceTests.newYAML(logInterval: 50)
            .replacingOccurrences(of: "max_epochs: 3", with: "max_epochs: 40"))).mapping ?? ConfigMapping()
        var legacyConfig = old
        legacyConfig["runner"] = ConfigNode(ConfigMapping(["type": ConfigNode(.string("EpochBasedRunner")), "max_epochs": ConfigNode(.int(40))]))
        let settings = SimulationSettings(itersPerEpoch: 10)
        let legacy = try LegacyRunner(config: legacyConfig, settings: settings, paramHooks: SimulatedSchedules.legacy)
        let modern = try ModernRunner(config: new, settings: settings, schedulers: SimulatedSchedules.modern)
        for strategy in TraceEquivalence.Strategy.allCases {
            let verdict = try TraceEquivalence(window: 8, strategy: strategy).compare(legacy: legacy, new: modern, iterationRun: false)
            #expect(verdict.isEquivalent, "\(strategy): \(String(describing: verdict.divergence?.diff.divergence?.reason))")
            #expect(verdict.peakPending >= 40)
        }
    }
}

private extension String {
    func replacingOccurrences(of target: String, with replacement: String) -> String {
        components(separatedBy: target).joined(separator: replacement)
    }
}

/// The rule tally's fixed positions follow `EquivalenceRule.allCases`.
@Suite struct RuleTallyTests {
    @Test func positionsFollowTheRuleOrder() {
        for (position, rule) in EquivalenceRule.allCases.enumerated() {
            #expect(TraceEquivalence.Tally.index(rule) == position)
        }
    }
}
