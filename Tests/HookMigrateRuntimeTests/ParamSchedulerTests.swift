import Foundation
import HookMigrateCore
import HookMigrateRuntime
import Testing

/// MMEngine 0.10.7 parameter schedulers: schedules.md B.1–B.4.
@Suite struct ParamSchedulerTests {
    typealias D = ScheduleDriver

    @Test func constructorStepsOnceAndWritesOnlyInsideTheRange() throws {
        // B.1: the constructor's step makes _global_step 0; nothing is written outside [begin, end).
        var groups = D.sgd([0.02])
        var scheduler = try ParamScheduler(kind: .constant(factor: 0.5), parameter: .lr, begin: 2, end: 4, byEpoch: false, groups: &groups)
        #expect(scheduler.globalStep == 0 && scheduler.lastStep == -1 && groups[0].lr == 0.02)
        var seen: [Double] = []
        for _ in 0..<6 { try scheduler.step(groups: &groups); seen.append(groups[0].lr) }
        #expect(seen == [0.02, 0.01, 0.02, 0.02, 0.02, 0.02])
        #expect(scheduler.type == "ConstantLR" && groups[0].initialLr == 0.02)
    }

    @Test func constantRestoresWithTheReciprocal() throws {
        // B.2 / E.5: the restore is x·(1/factor), and it happens at last_step = end - begin - 1.
        let trace = try D.engineEpochRun("{type: ConstantLR, factor: 0.3, begin: 0, end: 4, by_epoch: false}", groups: D.sgd([0.07]), epochs: 1, length: 6)
        let lrs = D.lrs(trace)
        #expect(lrs[0] == 0.07 * 0.3 && lrs[2] == lrs[0])
        #expect(lrs[3] == 0.07 * 0.3 * (1.0 / 0.3))
    }

    @Test func constantWarmupMatchesMMCVWithEndWPlusOne() throws {
        // C.0.3 with A.1's numbers: ConstantLR(factor=0.5, end=W+1=4) → 0.01, 0.01, 0.01, 0.02.
        let trace = try D.engineEpochRun("{type: ConstantLR, factor: 0.5, begin: 0, end: 4, by_epoch: false}", groups: D.sgd([0.02]), epochs: 1, length: 5)
        #expect(D.lrs(trace) == [0.01, 0.01, 0.01, 0.02, 0.02])
    }

    @Test func exponentialAllowsGammaAboveOne() throws {
        // B.2 (observed): no range check on gamma.
        let trace = try D.engineEpochRun("{type: ExponentialLR, gamma: 1.5, by_epoch: false}", groups: D.sgd([0.02]), epochs: 1, length: 3)
        #expect(D.lrs(trace) == [0.02, 0.02 * 1.5, 0.02 * 1.5 * 1.5])
    }

    @Test func multiStepCountsRepeatedMilestones() throws {
        // A.3 / B.2 (observed): [2, 2, 50] → 0.02, 0.02, 2e-4, 2e-4; [8, 2] decays at 2 and 8.
        let repeated = try D.engineEpochRun("{type: MultiStepLR, milestones: [2, 2, 50]}", groups: D.sgd([0.02]), epochs: 4, length: 1)
        #expect(D.lrs(repeated)[0] == 0.02 && D.lrs(repeated)[1] == 0.02)
        #expect(close(D.lrs(repeated)[2], 2e-4) && D.lrs(repeated)[3] == D.lrs(repeated)[2])
        let unsorted = D.lrs(try D.engineEpochRun("{type: MultiStepLR, milestones: [8, 2]}", groups: D.sgd([0.02]), epochs: 10, length: 1))
        #expect(unsorted[1] == 0.02 && close(unsorted[2], 0.002) && close(unsorted[8], 0.0002))
    }

    @Test func epochSchedulerInAnIterationLoopKeepsItsFirstStep() throws {
        // B.3 (observed): default end = max_epochs = 1 in IterBasedTrainLoop; only the construction step
        // reaches an optimizer step.
        let linear = try D.engineIterRun("{type: LinearLR, start_factor: 0.1}", groups: D.sgd([0.02]), iters: 30, length: 10)
        #expect(D.lrs(linear).allSatisfy { $0 == 0.02 * 0.1 })
        let constant = try D.engineIterRun("{type: ConstantLR, factor: 0.5}", groups: D.sgd([0.02]), iters: 30, length: 10)
        #expect(D.lrs(constant).allSatisfy { $0 == 0.01 })
        let multiStep = try D.engineIterRun("{type: MultiStepLR, milestones: [1]}", groups: D.sgd([0.02]), iters: 30, length: 10)
        #expect(D.lrs(multiStep).allSatisfy { $0 == 0.02 })
    }

    @Test func conversionScalesUnitsAfterTheDefaultEnd() throws {
        // B.4: end defaults to max_epochs before conversion; begin/end/milestones/T_max are scaled by L.
        var groups = D.sgd([0.02])
        let builder = ParamSchedulerBuilder(loop: .epochBased(maxEpochs: 12), epochLength: 10)
        let list = try builder.build(try D.yaml("""
            - {type: MultiStepLR, milestones: [8, 11], by_epoch: true, convert_to_iter_based: true}
            - {type: CosineAnnealingLR, by_epoch: true, convert_to_iter_based: true, begin: 1}
            - {type: StepLR, step_size: 3, by_epoch: false}
            """), groups: &groups)
        let schedulers = list.schedulers
        #expect(schedulers[0].end == 120 && !schedulers[0].byEpoch)
        #expect(schedulers[0].kind == .multiStep(milestones: [80, 110], gamma: 0.1))
        #expect(schedulers[1].begin == 10 && schedulers[1].end == 120)
        #expect(schedulers[2].end == 120 && schedulers[2].kind == .step(stepSize: 3, gamma: 0.1))
    }

    @Test func cosineConvertedInAnIterationLoopEndsAfterOneEpoch() throws {
        // C.0.2 (observed): in IterBasedTrainLoop the default end is 1 epoch, converted to L iterations.
        let trace = try D.engineIterRun("{type: CosineAnnealingLR, by_epoch: true, convert_to_iter_based: true}", groups: D.sgd([0.02]), iters: 30, length: 10)
        let lrs = D.lrs(trace)
        #expect(lrs[9] < 0.001 && lrs[10...].allSatisfy { $0 == lrs[9] })
    }

    @Test func momentumSchedulersDriveBetaOne() throws {
        // B.2 last paragraph: Adam groups get betas[0] scheduled, betas[1] kept.
        let groups = [ParamGroup(lr: 0.001, betas: (0.9, 0.999))]
        let trace = try D.engineEpochRun("{type: MultiStepMomentum, milestones: [1], gamma: 0.5}", groups: groups, epochs: 2, length: 1)
        #expect(trace[1][0].betas?.0 == 0.45 && trace[1][0].betas?.1 == 0.999 && trace[1][0].initialMomentum == 0.9)
        #expect(throws: ConfigError.self) {
            _ = try D.engineEpochRun("{type: StepMomentum, step_size: 1}", groups: [ParamGroup(lr: 0.01)], epochs: 1, length: 1)
        }
    }

    @Test func oneCycleOverwritesInitialLr() throws {
        // E.9: OneCycleLR sets initial_lr = eta_max/div_factor whatever the optimizer's lr.
        let trace = try D.engineEpochRun("{type: OneCycleLR, eta_max: 0.1, by_epoch: false}", groups: D.sgd([0.5]), epochs: 1, length: 10)
        #expect(trace[0][0].initialLr == 0.004 && close(D.lrs(trace)[0], 0.004))
    }

    @Test func oneCycleStepsPastTotalStepsFail() throws {
        #expect(throws: ScheduleRuntimeError.self) {
            _ = try D.engineEpochRun("{type: OneCycleLR, eta_max: 0.1, total_steps: 5, by_epoch: false}", groups: D.sgd([0.5]), epochs: 1, length: 10)
        }
    }

    @Test func constructorChecksAreConfigErrors() throws {
        let bad = [
            "{type: ConstantMomentum, factor: 1.1111111111111112}", // C.3 (observed): momentum warmup factor 1/0.9
            "{type: LinearLR, start_factor: 2.0}",
            "{type: MultiStepLR, milestone: [8, 11]}",               // C.8.1 (observed): the guide's typo
            "{type: CyclicLR}",                                      // no CyclicLR in MMEngine
            "{type: ConstantLR, begin: 5, end: 5}",
            "{type: CosineRestartLR, periods: [4]}",
            "{type: CosineAnnealingLR, eta_min: 0, eta_min_ratio: 0.1}",
            "{type: OneCycleLR, eta_max: 0.1, pct_start: 1}",
            "{type: OneCycleMomentum}",
            "{type: StepLR, step_size: 2, by_epoch: false, convert_to_iter_based: true}",
            "{milestones: [8, 11]}",
        ]
        for text in bad {
            #expect(throws: ConfigError.self, "\(text)") {
                _ = try D.engineEpochRun(text, groups: D.sgd([0.02]), epochs: 2, length: 2)
            }
        }
    }

    @Test func chainedFormulasMatchTheirClosedFormsUpToRounding() throws {
        // B.2 closed forms, epoch-stepped with the default end.
        let b = 0.02
        let poly = D.lrs(try D.engineEpochRun("{type: PolyLR, power: 0.9, eta_min: 1.0e-4, end: 13}", groups: D.sgd([b]), epochs: 12, length: 1))
        let cosine = D.lrs(try D.engineEpochRun("{type: CosineAnnealingLR, eta_min_ratio: 0.01}", groups: D.sgd([b]), epochs: 12, length: 1))
        let linear = D.lrs(try D.engineEpochRun("{type: LinearLR, start_factor: 0.25, end_factor: 1.0, end: 5}", groups: D.sgd([b]), epochs: 8, length: 1))
        for t in 0..<12 {
            #expect(close(poly[t], 1e-4 + (b - 1e-4) * pow(1 - Double(t) / 12, 0.9), relative: 1e-13))
            #expect(close(cosine[t], b * 0.01 + (b - b * 0.01) * (1 + cos(Double.pi * Double(t) / 12)) / 2, relative: 1e-13))
        }
        for t in 0..<8 {
            #expect(close(linear[t], b * (0.25 + 0.75 * Double(min(t, 4)) / 4), relative: 1e-13))
        }
    }
}
