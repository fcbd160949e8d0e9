import Foundation
import HookMigrateCore
import HookMigrateRuntime
import Testing

/// MMCV 1.7.2 lr updater: the observed numbers of schedules.md A.1–A.3, A.8, A.9 and the constructor checks.
@Suite struct LegacyLrUpdaterTests {
    typealias D = ScheduleDriver

    @Test func constantWarmupDoesNotWarmIterationW() throws {
        // A.1 (observed): constant warmup W=3, ratio 0.5 → 0.01, 0.01, 0.01, 0.02 for k = 0..3, both modes.
        for byEpoch in [true, false] {
            let trace = try D.legacyEpochRun(lr: "{policy: fixed, by_epoch: \(byEpoch), warmup: constant, warmup_iters: 3, warmup_ratio: 0.5}",
                                             groups: D.sgd([0.02]), epochs: 1, length: 10)
            #expect(Array(D.lrs(trace).prefix(5)) == [0.01, 0.01, 0.01, 0.02, 0.02])
        }
    }

    @Test func expWarmupValues() throws {
        // A.2 (observed): W=4, r=0.01, R=0.02 → 0.0002, 0.000632455…, 0.002, 0.00632455…, then 0.02.
        let trace = try D.legacyEpochRun(lr: "{policy: fixed, warmup: exp, warmup_iters: 4, warmup_ratio: 0.01}",
                                         groups: D.sgd([0.02]), epochs: 1, length: 10)
        let lrs = D.lrs(trace)
        #expect(close(lrs[0], 0.0002))
        #expect(D.significant(lrs[1], 6) == 0.000632456)
        #expect(close(lrs[2], 0.002))
        #expect(D.significant(lrs[3], 6) == 0.00632456)
        #expect(lrs[4] == 0.02)
        #expect(lrs[1] == 0.02 * pow(0.01, 1 - 1.0 / 4))
    }

    @Test func linearWarmupKeepsMMCVExpressionOrder() throws {
        // A.2: with r = 1e-6 MMCV's `R * (1 - (1 - k/W)*(1 - r))` differs from r·R by ~3e-11 relative at k = 0.
        let trace = try D.legacyEpochRun(lr: "{policy: fixed, by_epoch: false, warmup: linear, warmup_iters: 1500, warmup_ratio: 1.0e-6}",
                                         groups: D.sgd([0.01]), epochs: 1, length: 10)
        let first = D.lrs(trace)[0]
        #expect(first == 0.01 * (1 - (1 - 0.0 / 1500) * (1 - 1e-6)))
        let relative = abs(first - 1e-6 * 0.01) / (1e-6 * 0.01)
        #expect(relative > 1e-11 && relative < 1e-10)
    }

    @Test func unsortedStepListUsesRunningMaxima() throws {
        // A.3 (observed): [8, 2] keeps b until epoch 8, then b·γ².
        let trace = try D.legacyEpochRun(lr: "{policy: step, step: [8, 2]}", groups: D.sgd([0.02]), epochs: 10, length: 1)
        let lrs = D.lrs(trace)
        #expect(lrs.prefix(8).allSatisfy { $0 == 0.02 })
        #expect(lrs[8] == 0.02 * pow(0.1, 2) && lrs[9] == lrs[8])
    }

    @Test func repeatedMilestoneCountsTwice() throws {
        // A.3 (observed): [2, 2, 50] by epoch → 0.02, 0.02, 2e-4, 2e-4.
        let trace = try D.legacyEpochRun(lr: "{policy: step, step: [2, 2, 50]}", groups: D.sgd([0.02]), epochs: 4, length: 1)
        let lrs = D.lrs(trace)
        #expect(lrs[0] == 0.02 && lrs[1] == 0.02)
        #expect(close(lrs[2], 2e-4) && lrs[3] == lrs[2])
    }

    @Test func stepIntervalAndFloor() throws {
        let trace = try D.legacyEpochRun(lr: "{policy: step, step: 3, gamma: 0.5, min_lr: 0.004}", groups: D.sgd([0.02]), epochs: 10, length: 1)
        #expect(D.lrs(trace) == [0.02, 0.02, 0.02, 0.01, 0.01, 0.01, 0.005, 0.005, 0.005, 0.004])
    }

    @Test func flatCosineRoundsHalfToEven() throws {
        // A.3 (observed): E=10, start_percent 0.25 → S = round(2.5) = 2 (flat for epochs 0, 1).
        let trace = try D.legacyEpochRun(lr: "{policy: FlatCosineAnnealing, start_percent: 0.25, min_lr_ratio: 0.01}",
                                         groups: D.sgd([0.02]), epochs: 10, length: 1)
        let lrs = D.lrs(trace)
        #expect(lrs[0] == 0.02 && lrs[1] == 0.02 && lrs[2] == 0.02)
        #expect(lrs[3] == 0.0002 + 0.5 * 1 * (0.02 - 0.0002) * (cos(Double.pi * (1.0 / 8)) + 1))
        #expect(lrs[3] < 0.02)
    }

    @Test func cosineRestartFailsPastItsPeriods() throws {
        // A.3 (observed): ValueError once p >= sum(periods).
        #expect(throws: ScheduleRuntimeError(.valueError, "Current iteration 8 exceeds cumulative_periods [4, 8]")) {
            _ = try D.legacyEpochRun(lr: "{policy: CosineRestart, periods: [4, 4], restart_weights: [1, 1], min_lr: 0.0}", groups: D.sgd([0.02]), epochs: 12, length: 1)
        }
    }

    @Test func cosineRestartWeightsMixTheFloor() throws {
        // A.3: the restart value is w·b + (1-w)·t.
        let trace = try D.legacyEpochRun(lr: "{policy: CosineRestart, periods: [2, 2], restart_weights: [1, 0.5], min_lr_ratio: 0.1}",
                                         groups: D.sgd([0.02]), epochs: 4, length: 1)
        #expect(close(D.lrs(trace)[2], 0.5 * 0.02 + 0.5 * 0.002))
    }

    @Test func cyclicPhasesComeFromMaxIters() throws {
        // A.3 (observed): EpochBasedRunner E=5, L=10 → U = 20, lr(20) = 10·b.
        let trace = try D.legacyEpochRun(lr: "{policy: cyclic}", groups: D.sgd([0.02]), epochs: 5, length: 10)
        let lrs = D.lrs(trace)
        #expect(close(lrs[0], 0.02))  // annealing_cos(b, 10b, 0) = 0.01999999999999999 in double, as in MMCV
        #expect(close(lrs[20], 0.2))
        #expect(lrs[19] < lrs[20] && lrs[21] < lrs[20])
    }

    @Test func cyclicWithoutUpPhaseRestartsAtTheFullPeak() throws {
        // A.3 (observed): U = 0, gamma 0.5 → lr = 10·b at the start of the second cycle, not 5.5·b.
        let trace = try D.legacyEpochRun(lr: "{policy: cyclic, step_ratio_up: 0.0, cyclic_times: 2, gamma: 0.5}",
                                         groups: D.sgd([0.02]), epochs: 5, length: 10)
        let lrs = D.lrs(trace)
        #expect(close(lrs[0], 0.2))
        #expect(close(lrs[25], 0.2))
        #expect(!close(lrs[25], 5.5 * 0.02, relative: 1e-3))
    }

    @Test func oneCycleIgnoresTheOptimizerLr() throws {
        // A.3 (observed): max_lr 0.1, optimizer lr 0.5 → first lr 0.004.
        var groups = D.sgd([0.5])
        var hook = try LegacyLrUpdater(node: try D.yaml("{policy: OneCycle, max_lr: 0.1}"), iterBasedRunner: false)
        try hook.beforeRun(maxIters: 100, groups: &groups)
        #expect(groups[0].initialLr == 0.004)
        try hook.beforeTrainEpoch(epoch: 0, iter: 0, maxEpochs: 10, maxIters: 100, itersPerEpoch: 10, groups: &groups)
        try hook.beforeTrainIter(epoch: 0, iter: 0, maxEpochs: 10, maxIters: 100, groups: &groups)
        #expect(close(groups[0].lr, 0.004))
    }

    @Test func oneCycleTotalStepsBelowMaxItersFails() throws {
        var groups = D.sgd([0.5])
        var hook = try LegacyLrUpdater(node: try D.yaml("{policy: OneCycle, max_lr: 0.1, total_steps: 50}"), iterBasedRunner: false)
        #expect(throws: ScheduleRuntimeError.self) { try hook.beforeRun(maxIters: 100, groups: &groups) }
    }

    @Test func polyNeverReachesItsFloorInsideTheRun() throws {
        // A.8 (observed): poly power 1, E=4 → 0.02, 0.015, 0.01, 0.005.
        let trace = try D.legacyEpochRun(lr: "{policy: poly, power: 1}", groups: D.sgd([0.02]), epochs: 4, length: 1)
        #expect(D.lrs(trace).enumerated().allSatisfy { close($0.element, [0.02, 0.015, 0.01, 0.005][$0.offset]) })
    }

    @Test func byEpochPolicyIsInertUnderIterBasedRunner() throws {
        // A.9 (observed): explicit by_epoch=True under IterBasedRunner: lr stays at the base value, warmup included.
        let trace = try D.legacyIterRun(lr: "{policy: step, step: [2], by_epoch: true, warmup: linear, warmup_iters: 5}",
                                        groups: D.sgd([0.02]), iters: 30, length: 10)
        #expect(D.lrs(trace).allSatisfy { $0 == 0.02 })
    }

    @Test func iterBasedRunnerDefaultsLrToByIteration() throws {
        // A.0: IterBasedRunner does lr_config.setdefault('by_epoch', False): step milestones are iterations.
        let trace = try D.legacyIterRun(lr: "{policy: step, step: [5]}", groups: D.sgd([0.02]), iters: 10, length: 4)
        #expect(D.lrs(trace)[4] == 0.02 && close(D.lrs(trace)[5], 0.002))
    }

    @Test func warmupByEpochCrashesUnderIterBasedRunner() throws {
        // A.9 (observed): AssertionError at the first before_train_iter (W never computed).
        #expect(throws: ScheduleRuntimeError.self) {
            _ = try D.legacyIterRun(lr: "{policy: fixed, warmup: linear, warmup_iters: 1, warmup_by_epoch: true}",
                                    groups: D.sgd([0.02]), iters: 10, length: 5)
        }
    }

    @Test func warmupByEpochCountsInIterations() throws {
        // A.1: warmup_by_epoch turns W into warmup_epochs·L at the first before_train_epoch.
        var groups = D.sgd([0.02])
        var hook = try LegacyLrUpdater(node: try D.yaml("{policy: fixed, warmup: constant, warmup_iters: 2, warmup_by_epoch: true, warmup_ratio: 0.5}"), iterBasedRunner: false)
        try hook.beforeRun(maxIters: 40, groups: &groups)
        #expect(hook.warmupIters == nil)
        try hook.beforeTrainEpoch(epoch: 0, iter: 0, maxEpochs: 4, maxIters: 40, itersPerEpoch: 10, groups: &groups)
        #expect(hook.warmupIters == LegacyCount(20, isInt: true))
        let trace = try D.legacyEpochRun(lr: "{policy: fixed, warmup: constant, warmup_iters: 2, warmup_by_epoch: true, warmup_ratio: 0.5}",
                                         groups: D.sgd([0.02]), epochs: 4, length: 10)
        #expect(D.lrs(trace)[19] == 0.01 && D.lrs(trace)[20] == 0.02)
    }

    @Test func floatWarmupItersFailsTheIntAssertion() throws {
        #expect(throws: ScheduleRuntimeError.self) {
            _ = try D.legacyEpochRun(lr: "{policy: fixed, warmup: linear, warmup_iters: 5.0}", groups: D.sgd([0.02]), epochs: 1, length: 10)
        }
    }

    @Test func initialLrIsSetDefault() throws {
        // A.1: an existing initial_lr (resumed state) wins.
        var groups = D.sgd([0.02])
        groups[0].initialLr = 0.1
        var hook = try LegacyLrUpdater(node: try D.yaml("{policy: fixed}"), iterBasedRunner: false)
        try hook.beforeRun(maxIters: 10, groups: &groups)
        try hook.beforeTrainEpoch(epoch: 0, iter: 0, maxEpochs: 1, maxIters: 10, itersPerEpoch: 10, groups: &groups)
        #expect(groups[0].lr == 0.1)
    }

    @Test func policyNamesFollowTheTitleRule() throws {
        // A.0 (observed): lower-case names are title-cased; camel-case names must be written as registered.
        #expect(LegacyPolicyName.resolve("step", family: .lr) == "Step")
        #expect(LegacyPolicyName.resolve("cyclic", family: .lr) == "Cyclic")
        #expect(LegacyPolicyName.resolve("CosineAnnealing", family: .lr) == "CosineAnnealing")
        #expect(LegacyPolicyName.resolve("cosineannealing", family: .lr) == nil)
        #expect(LegacyPolicyName.className(of: "cosineannealing", family: .lr) == "CosineannealingLrUpdaterHook")
        #expect(LegacyPolicyName.resolve("poly", family: .momentum) == nil)
        #expect(LegacyPolicyName.className(of: "flat_cos", family: .lr) == "Flat_CosLrUpdaterHook")
        do {
            _ = try LegacyLrUpdater(node: try D.yaml("{policy: onecycle, max_lr: 0.1}"), iterBasedRunner: false)
            Issue.record("expected UnknownPolicyError")
        } catch let error as UnknownPolicyError {
            #expect(error.className == "OnecycleLrUpdaterHook")
            #expect(error.location?.line == 1)
        }
    }

    @Test func constructorChecksAreLocatedConfigErrors() throws {
        let bad = [
            "{step: [8, 11]}",                                         // no policy
            "{policy: step}",                                          // step missing
            "{policy: step, step: [0, 3]}",                            // milestone 0
            "{policy: step, step: !!python/tuple [8, 11]}",            // a tuple is a TypeError
            "{policy: CosineAnnealing}",                               // neither min_lr nor min_lr_ratio
            "{policy: CosineAnnealing, min_lr: 0, min_lr_ratio: 0.1}", // both
            "{policy: FlatCosineAnnealing, start_percent: 1, min_lr: 0}", // int start_percent
            "{policy: OneCycle, max_lr: 0.1, pct_start: 1}",           // int pct_start (E.15)
            "{policy: cyclic, by_epoch: true}",
            "{policy: cyclic, target_ratio: 10}",                      // an int target_ratio
            "{policy: fixed, warmup: cosine, warmup_iters: 5}",
            "{policy: fixed, warmup: linear, warmup_iters: 0}",
            "{policy: fixed, warmup: linear, warmup_iters: 5, warmup_ratio: 0}",
            "{policy: fixed, warmup_steps: 5}",                        // unexpected keyword
            "{policy: exp}",                                           // gamma required
        ]
        for text in bad {
            #expect(throws: ConfigError.self, "\(text)") {
                _ = try LegacyLrUpdater(node: try D.yaml(text), iterBasedRunner: false)
            }
        }
        // E.15: a dumped tuple target_ratio arrives as a list and is accepted.
        _ = try LegacyLrUpdater(node: try D.yaml("{policy: cyclic, target_ratio: [10, 1.0e-4]}"), iterBasedRunner: false)
    }
}
