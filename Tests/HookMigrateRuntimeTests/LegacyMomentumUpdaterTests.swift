import Foundation
import HookMigrateCore
import HookMigrateRuntime
import Testing

/// MMCV 1.7.2 momentum updater: schedules.md A.4.
@Suite struct LegacyMomentumUpdaterTests {
    typealias D = ScheduleDriver

    @Test func warmupDividesTheMomentum() throws {
        // A.4 (observed): by-iteration cosine momentum, min 0.5, N = 20, linear warmup W = 3 (ratio 0.9):
        // 1.0, 0.9616, 0.9209, 0.8782, 0.8618.
        let trace = try D.legacyEpochRun(lr: nil, momentum: "{policy: CosineAnnealing, min_momentum: 0.5, by_epoch: false, warmup: linear, warmup_iters: 3}",
                                         groups: D.sgd([0.02]), epochs: 2, length: 10)
        let rounded = D.momenta(trace).prefix(5).map { ($0 * 1e4).rounded() / 1e4 }
        #expect(rounded == [1.0, 0.9616, 0.9209, 0.8782, 0.8618])
    }

    @Test func stepMomentumGammaDefaultsToHalf() throws {
        // A.4: StepMomentumUpdaterHook gamma = 0.5 (MMEngine's default is 0.1).
        let trace = try D.legacyEpochRun(lr: nil, momentum: "{policy: step, step: [2]}", groups: D.sgd([0.02]), epochs: 3, length: 1)
        #expect(D.momenta(trace) == [0.9, 0.9, 0.45])
    }

    @Test func adamBetaOneIsDriven() throws {
        let groups = [ParamGroup(lr: 0.001, betas: (0.9, 0.999))]
        let trace = try D.legacyEpochRun(lr: nil, momentum: "{policy: step, step: [1]}", groups: groups, epochs: 2, length: 1)
        #expect(trace[1][0].betas?.0 == 0.45 && trace[1][0].betas?.1 == 0.999)
        #expect(trace[1][0].momentum == nil && trace[1][0].initialMomentum == 0.9)
    }

    @Test func groupWithoutMomentumIsAKeyError() throws {
        // A.4 (observed): e.g. Adagrad → KeyError: 'betas'.
        #expect(throws: ScheduleRuntimeError.self) {
            _ = try D.legacyEpochRun(lr: nil, momentum: "{policy: step, step: [1]}", groups: [ParamGroup(lr: 0.01)], epochs: 2, length: 1)
        }
    }

    @Test func oneCycleOverwritesTheMomentum() throws {
        // A.4: before_run overwrites momentum with max_momentum; the phases use max_iters.
        var groups = D.sgd([0.02], momentum: 0.5)
        var hook = try LegacyMomentumUpdater(node: try D.yaml("{policy: OneCycle}"))
        try hook.beforeRun(maxIters: 100, groups: &groups)
        #expect(groups[0].momentum == 0.95 && groups[0].initialMomentum == nil)
        try hook.beforeTrainIter(epoch: 0, iter: 0, maxEpochs: 10, maxIters: 100, groups: &groups)
        #expect(groups[0].momentum == 0.95)
        try hook.beforeTrainIter(epoch: 2, iter: 29, maxEpochs: 10, maxIters: 100, groups: &groups)
        #expect(close(groups[0].momentum ?? 0, 0.85))
        try hook.beforeTrainIter(epoch: 9, iter: 99, maxEpochs: 10, maxIters: 100, groups: &groups)
        #expect(close(groups[0].momentum ?? 0, 0.95))
        #expect(throws: ConfigError.self) { _ = try LegacyMomentumUpdater(node: try D.yaml("{policy: OneCycle, max_momentum: 1}")) }
    }

    @Test func cyclicMomentumTargetsAreRelative() throws {
        // A.4: momentum 0.9 → 0.9·(0.85/0.95) at the peak → back to 0.9·1.
        let trace = try D.legacyEpochRun(lr: nil, momentum: "{policy: cyclic}", groups: D.sgd([0.02]), epochs: 5, length: 10)
        let momenta = D.momenta(trace)
        #expect(momenta[0] == 0.9)
        #expect(close(momenta[20], 0.9 * 0.85 / 0.95))
        #expect(momenta[49] < 0.9 && momenta[49] > momenta[20])
    }

    @Test func byEpochMomentumIsInertUnderIterBasedRunner() throws {
        // A.4 inert case 1 / A.9: the runner does not change the momentum hook's by_epoch default.
        let trace = try D.legacyIterRun(lr: nil, momentum: "{policy: CosineAnnealing, min_momentum: 0.5, warmup: constant, warmup_iters: 5}",
                                        groups: D.sgd([0.02]), iters: 30, length: 10)
        #expect(D.momenta(trace).allSatisfy { $0 == 0.9 })
    }

    @Test func momentumConstructorChecks() throws {
        for text in ["{policy: fixed}", "{policy: poly}", "{policy: step, step: 2, warmup_by_epoch: true}",
                     "{policy: cyclic, by_epoch: true}", "{policy: LinearAnnealing}"] {
            #expect(throws: (any Error).self, "\(text)") { _ = try LegacyMomentumUpdater(node: try D.yaml(text)) }
        }
    }
}
