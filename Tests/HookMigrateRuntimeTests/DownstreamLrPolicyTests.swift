import Foundation
@testable import HookMigrateRuntime
import HookMigrateCore
import Testing

/// The downstream lr updater hooks the legacy simulator models, against their sources' formulas
/// (mmflow 0.5.2 MultiStage, mmedit 0.16.1 / mmgen 0.7.3 Linear, mmcls 0.25.0 CosineAnnealingCooldown, mmdet
/// 2.28.2 YOLOX). The real hooks agree with these runs to 0 relative difference
/// (tools/oracle/check_downstream_lr.py, docs/oracle.md).
@Suite struct DownstreamLrPolicyTests {
    typealias D = ScheduleDriver

    @Test func downstreamStemsResolveAndMomentumHasNone() {
        #expect(LegacyPolicyName.resolve("MultiStage", family: .lr) == "MultiStage")
        #expect(LegacyPolicyName.resolve("YOLOX", family: .lr) == "YOLOX")
        #expect(LegacyPolicyName.resolve("linear", family: .lr) == "Linear")
        #expect(LegacyPolicyName.resolve("CosineAnnealingCooldown", family: .lr) == "CosineAnnealingCooldown")
        #expect(LegacyPolicyName.resolve("SiameseRPN", family: .lr) == "SiameseRPN")
        #expect(LegacyPolicyName.resolve("Reduce", family: .lr) == "Reduce")
        #expect(LegacyPolicyName.resolve("TIN", family: .lr) == nil)
        #expect(LegacyPolicyName.resolve("MultiStage", family: .momentum) == nil)
    }

    @Test func linearIsSteadyExactlyBetweenItsIntervals() throws {
        // The proof skips a steady run of iterations: it must end exactly where the value changes.
        let spec = LegacyLinearInterval(targetLr: 0, start: 20, interval: 8)
        let value = { (p: Int) in try spec.value(base: 0.1, progress: Double(p), maxProgress: 100) }
        for p in 0..<100 {
            let steady = spec.steadyProgress(from: p, limit: 100 - p)
            for q in p..<(p + steady) { #expect(try value(q) == value(p), "p=\(p) q=\(q)") }
            if p + steady < 100 { #expect(try value(p + steady) != value(p), "p=\(p): the run should end at \(p + steady)") }
        }
        #expect(LegacyLinearInterval(targetLr: 0, start: 2.5, interval: 8).steadyProgress(from: 3, limit: 50) == 1)
    }

    @Test func reduceNeverReducesWhereItsHooksAreNotCalledAndIsRefusedElsewhere() throws {
        // CAIN/FLAVR: IterBasedRunner, by iteration, val_metric, epoch_base_valid=True: the base lr throughout
        // (the real hook under the real IterBasedRunner: fixtures/oracle/oracle-reduce-iter).
        let never = "{policy: Reduce, by_epoch: false, mode: max, val_metric: PSNR, epoch_base_valid: true, factor: 0.5, patience: 1}"
        let trace = try D.legacyIterRun(lr: never, groups: D.sgd([0.02]), iters: 40, length: 7)
        #expect(D.lrs(trace) == Array(repeating: 0.02, count: 40))
        // Its reductions would follow real metrics or losses: an epoch runner, no val_metric, or
        // epoch_base_valid unset cannot be simulated.
        for config in ["{policy: Reduce, val_metric: PSNR}", "{policy: Reduce, by_epoch: false, epoch_base_valid: true}",
                       "{policy: Reduce, by_epoch: false, val_metric: PSNR}"] {
            #expect(throws: ConfigError.self) { try LegacyLrUpdater(node: try D.yaml(config), iterBasedRunner: config.contains("by_epoch: false")) }
        }
        #expect(throws: ConfigError.self) { try LegacyLrUpdater(node: try D.yaml(never), iterBasedRunner: false) }
        // The constructor's own checks.
        #expect(throws: ConfigError.self) { try LegacyLrUpdater(node: try D.yaml("{policy: Reduce, mode: maximum}"), iterBasedRunner: true) }
        #expect(throws: ConfigError.self) { try LegacyLrUpdater(node: try D.yaml("{policy: Reduce, factor: 1.0}"), iterBasedRunner: true) }
        #expect(throws: ConfigError.self) { try LegacyLrUpdater(node: try D.yaml("{policy: Reduce, threshold_mode: relative}"), iterBasedRunner: true) }
    }

    @Test func multiStageSetsAbsoluteStageValues() throws {
        let trace = try D.legacyIterRun(lr: "{policy: MultiStage, milestone_lrs: [0.02, 0.01], milestone_iters: [0, 30], steps: [[10, 20], [40, 50]], gammas: [0.5, 0.1]}",
                                        groups: D.sgd([0.02, 0.5]), iters: 60, length: 7)
        let expected = (0..<60).map { i -> Double in
            switch i {
            case ..<10: return 0.02
            case ..<20: return 0.02 * 0.5
            case ..<30: return 0.02 * pow(0.5, 2)
            case ..<40: return 0.01
            case ..<50: return 0.01 * 0.1
            default: return 0.01 * pow(0.1, 2)
            }
        }
        #expect(D.lrs(trace) == expected)
        // get_lr ignores base_lr: a group with another lr gets the same values.
        #expect(D.lrs(trace, group: 1) == expected)
    }

    @Test func multiStageConstructorChecks() throws {
        #expect(throws: ConfigError.self) {
            try LegacyLrUpdater(node: try D.yaml("{policy: MultiStage, milestone_lrs: [0.02], milestone_iters: [0, 30], steps: [[10]], gammas: [0.5]}"), iterBasedRunner: true)
        }
        #expect(throws: ConfigError.self) {
            try LegacyLrUpdater(node: try D.yaml("{policy: MultiStage, milestone_lrs: [0.02], milestone_iters: [10], steps: [[10]], gammas: [0.5]}"), iterBasedRunner: true)
        }
    }

    @Test func linearStepsEveryIntervalAfterStart() throws {
        let trace = try D.legacyIterRun(lr: "{policy: Linear, target_lr: 0, start: 20, interval: 8}", groups: D.sgd([0.02]), iters: 60, length: 7)
        let expected = (0..<60).map { i in 0.02 + (0 - 0.02) * (Double(max(0, i - 20) / 8) / Double((60 - 20) / 8)) }
        #expect(D.lrs(trace) == expected)
        #expect(throws: ScheduleRuntimeError.self) {
            _ = try D.legacyIterRun(lr: "{policy: Linear, start: 80}", groups: D.sgd([0.02]), iters: 60, length: 7)
        }
    }

    @Test func cosineCooldownAnnealsThenCools() throws {
        let trace = try D.legacyEpochRun(lr: "{policy: CosineAnnealingCooldown, min_lr_ratio: 0.01, cool_down_time: 3, cool_down_ratio: 0.1}",
                                         groups: D.sgd([0.02]), epochs: 12, length: 2)
        let target = 0.02 * 0.01
        let expected = (0..<24).map { i -> Double in
            let epoch = i / 2
            return epoch > 9 ? target * 0.1 : LegacyAnneal.cosine(0.02, target, Double(epoch) / 9)
        }
        #expect(D.lrs(trace) == expected)
    }

    @Test func yoloxWarmsTheBaseLrQuadraticallyThenAnnealsAndHolds() throws {
        let trace = try D.legacyEpochRun(lr: "{policy: YOLOX, warmup: exp, by_epoch: false, warmup_by_epoch: true, warmup_ratio: 1, warmup_iters: 1, num_last_epochs: 1, min_lr_ratio: 0.05}",
                                         groups: D.sgd([0.02]), epochs: 6, length: 2)
        let target = 0.02 * 0.05
        let expected = (0..<12).map { i -> Double in
            if i < 2 { return 0.02 * (1 * pow(Double(i + 1) / 2, 2)) }
            let progress = Double(i + 1)
            if progress >= 12 - 2 { return target }
            return LegacyAnneal.cosine(0.02, target, (progress - 2) / (12 - 2 - 2))
        }
        #expect(D.lrs(trace) == expected)
        #expect(throws: ConfigError.self) {
            try LegacyLrUpdater(node: try D.yaml("{policy: YOLOX, min_lr_ratio: 0.05}"), iterBasedRunner: false)
        }
    }

    @Test func quadraticWarmupSumsToTheBaseLr() throws {
        // mmdet 3.3.0 QuadraticWarmupLR: b·1/T² at step 0, then v + b·(2t+1)/T², T = end − begin.
        let trace = try D.engineIterRun("[{type: mmdet.QuadraticWarmupLR, begin: 0, end: 4, by_epoch: false}]", groups: D.sgd([0.02]), iters: 6, length: 3)
        var expected: [Double] = [0.02 * 1 / 16]
        for t in 1..<4 { expected.append(expected[t - 1] + 0.02 * Double(2 * t + 1) / 16) }
        expected += [expected[3], expected[3]]
        #expect(D.lrs(trace) == expected)
        #expect(abs(expected[3] - 0.02) < 1e-17)
        var groups = D.sgd([0.02])
        #expect(throws: ScheduleRuntimeError.self) {
            _ = try ParamScheduler(kind: .quadraticWarmup, parameter: .lr, byEpoch: false, groups: &groups)
        }
    }

    @Test func siameseRPNMultipliesPerEpochFactors() throws {
        let trace = try D.legacyEpochRun(lr: "{policy: SiameseRPN, lr_configs: [{type: step, start_lr_factor: 0.2, end_lr_factor: 1.0, end_epoch: 2}, {type: log, start_lr_factor: 1.0, end_lr_factor: 0.01, end_epoch: 5}]}",
                                         groups: D.sgd([0.02]), epochs: 5, length: 1)
        let mult = pow(1.0 / 0.2, 1.0 / 2)
        let expected = [0.02 * (0.2 * pow(mult, 0)), 0.02 * (0.2 * pow(mult, 1)),
                        0.02 * pow(10, 0.0), 0.02 * pow(10, -1.0), 0.02 * pow(10, -2.0)]
        #expect(D.lrs(trace) == expected)
        // The constructor asserts by_epoch; the epoch past the factors is numpy's IndexError.
        #expect(throws: ConfigError.self) {
            try LegacyLrUpdater(node: try D.yaml("{policy: SiameseRPN}"), iterBasedRunner: true)
        }
        #expect(throws: ScheduleRuntimeError.self) {
            _ = try D.legacyEpochRun(lr: "{policy: SiameseRPN}", groups: D.sgd([0.02]), epochs: 21, length: 1)
        }
    }
}
