import Foundation
@testable import HookMigrate
import HookMigrateCore
import HookMigrateRuntime
import Testing

/// The lr_config and momentum_config rules: the emitted scheduler lists for the key cases and the traps of
/// the official migration guide (schedules.md C.8).
@Suite struct LrConfigRuleTests {
    /// Converts a legacy config written as YAML; returns the whole result.
    func convert(_ yaml: String, itersPerEpoch: Int? = nil) throws -> TranslationResult {
        let root = try YAMLReader().read(SourceText(path: "test.yaml", text: yaml))
        let mapping = try root.mapping("<root>")
        return try Translator(options: MigrationOptions(itersPerEpoch: itersPerEpoch))
            .translate(mapping, at: SourceLocation(file: "test.yaml", line: 1, column: 1))
    }

    /// The emitted `param_scheduler` list (nil when none).
    func schedulers(_ yaml: String, itersPerEpoch: Int? = nil) throws -> ConfigNode? {
        try convert(yaml, itersPerEpoch: itersPerEpoch).config.mapping?["param_scheduler"]
    }

    /// A YAML value, for comparisons (ints and floats stay apart: `end: 501` is not `end: 501.0`).
    func yaml(_ text: String) throws -> ConfigNode {
        try YAMLReader().read(SourceText(path: "expected.yaml", text: text))
    }

    /// The records of the schedule rules.
    func records(_ result: TranslationResult) -> [MigrationRecord] {
        result.report.records.filter { $0.rule == "lr_config" || $0.rule == "momentum_config" }
    }

    typealias Lr = LrConfigRule.Records
    typealias Momentum = MomentumConfigRule.Records

    let epochRunner = "runner: {type: EpochBasedRunner, max_epochs: 12}\n"
    let iterRunner = "runner: {type: IterBasedRunner, max_iters: 120}\n"

    // MARK: Warmups (C.3, C.8.3, C.8.4)

    @Test func warmupsEndAtWPlusOneAndComeFirst() throws {
        let linear = try schedulers(epochRunner + "lr_config: {policy: step, warmup: linear, warmup_iters: 500, warmup_ratio: 0.001, step: [8, 11]}")
        #expect(linear == (try yaml("""
        - {type: LinearLR, start_factor: 0.001, end_factor: 1.0, begin: 0, end: 501, by_epoch: false}
        - {type: MultiStepLR, milestones: [8, 11], gamma: 0.1, by_epoch: true}
        """)))
        let constant = try schedulers(epochRunner + "lr_config: {policy: fixed, warmup: constant, warmup_iters: 15}")
        #expect(constant == (try yaml("- {type: ConstantLR, factor: 0.1, begin: 0, end: 16, by_epoch: false}")))
    }

    @Test func expWarmupIsAPairNotTheGuidesExponentialLR() throws {
        let gamma = pow(0.1, -1.0 / 15)
        let iteration = try schedulers(iterRunner + "lr_config: {policy: fixed, warmup: exp, warmup_iters: 15, warmup_ratio: 0.1}")
        #expect(iteration == (try yaml("""
        - {type: ConstantLR, factor: 0.1, begin: 0, end: 121, by_epoch: false}
        - {type: ExponentialLR, gamma: \(PythonFloat.repr(gamma)), begin: 0, end: 16, by_epoch: false}
        """)))
        // Under an epoch runner the hold is stepped by epoch and restores after the last epoch, for any L.
        let epoch = try schedulers(epochRunner + "lr_config: {policy: fixed, warmup: exp, warmup_iters: 15, warmup_ratio: 0.1}")
        #expect(epoch?.list?.items.first == (try yaml("{type: ConstantLR, factor: 0.1, begin: 0, end: 13, by_epoch: true}")))
    }

    @Test func warmupByEpoch() throws {
        let config = epochRunner + "lr_config: {policy: step, step: [8, 11], warmup: linear, warmup_iters: 2, warmup_ratio: 0.1, warmup_by_epoch: true}"
        let withL = try schedulers(config, itersPerEpoch: 10)
        #expect(withL?.list?.items.first == (try yaml("{type: LinearLR, start_factor: 0.1, end_factor: 1.0, begin: 0, end: 21, by_epoch: false}")))
        let withoutL = try convert(config)
        #expect(withoutL.config.mapping?["param_scheduler"]?.list?.items.first
            == (try yaml("{type: LinearLR, start_factor: 0.1, end_factor: 1.0, begin: 0, end: 2, by_epoch: true, convert_to_iter_based: true}")))
        #expect(records(withoutL).contains { $0.kind == .nonEquivalence && $0.legacyPath == "lr_config.warmup" && $0.deviation != nil })
        // A constant warmup by epoch is exact for any L: an epoch-stepped ConstantLR.
        let constant = try schedulers(epochRunner + "lr_config: {policy: fixed, warmup: constant, warmup_iters: 2, warmup_by_epoch: true}")
        #expect(constant == (try yaml("- {type: ConstantLR, factor: 0.1, begin: 0, end: 3, by_epoch: true}")))
    }

    // MARK: Main policies (C.1, C.2)

    @Test func polyAndLinearAnnealingEndAtHPlusOne() throws {
        let poly = try schedulers(epochRunner + "lr_config: {policy: poly, power: 0.9, min_lr: 1.0e-4}")
        #expect(poly == (try yaml("- {type: PolyLR, eta_min: 0.0001, power: 0.9, begin: 0, end: 13, by_epoch: true}")))
        let polyIteration = try schedulers(iterRunner + "lr_config: {policy: poly, power: 0.9}")
        #expect(polyIteration == (try yaml("- {type: PolyLR, eta_min: 0.0, power: 0.9, begin: 0, end: 121, by_epoch: false}")))
        let ratio = try schedulers(epochRunner + "lr_config: {policy: LinearAnnealing, min_lr_ratio: 0.01}")
        #expect(ratio == (try yaml("- {type: LinearLR, start_factor: 1.0, end_factor: 0.01, begin: 0, end: 13, by_epoch: true}")))
        let absolute = try schedulers(epochRunner + "lr_config: {policy: LinearAnnealing, min_lr: 1.0e-4}")
        #expect(absolute == (try yaml("- {type: PolyLR, eta_min: 0.0001, power: 1.0, begin: 0, end: 13, by_epoch: true}")))
    }

    @Test func cosineKeepsTMaxAtH() throws {
        let epoch = try schedulers(epochRunner + "lr_config: {policy: CosineAnnealing, min_lr_ratio: 0.01}")
        #expect(epoch == (try yaml("- {type: CosineAnnealingLR, T_max: 12, eta_min_ratio: 0.01, begin: 0, end: 12, by_epoch: true}")))
        // By iteration under an epoch runner the loop's max_iters (E × len(dataloader)) is the right default.
        let iteration = try schedulers(epochRunner + "lr_config: {policy: CosineAnnealing, min_lr: 0, by_epoch: false}")
        #expect(iteration == (try yaml("- {type: CosineAnnealingLR, eta_min: 0.0, by_epoch: false}")))
    }

    @Test func unsortedMilestonesBecomeRunningMaxima() throws {
        let result = try schedulers(epochRunner + "lr_config: {policy: step, step: [8, 2]}")
        #expect(result == (try yaml("- {type: MultiStepLR, milestones: [8, 8], gamma: 0.1, by_epoch: true}")))
        #expect(LrConfigRule.runningMaxima([3, 9, 5, 12, 1]) == [3, 9, 9, 12, 12])
        let every = try schedulers(epochRunner + "lr_config: {policy: step, step: 3, gamma: 0.5}")
        #expect(every == (try yaml("- {type: StepLR, step_size: 3, gamma: 0.5, by_epoch: true}")))
    }

    @Test func stepFloorIsExactOnlyWhenItNeverBinds() throws {
        let optimizer = "optimizer: {type: SGD, lr: 0.02, momentum: 0.9}\n"
        let binds = try convert(epochRunner + optimizer + "lr_config: {policy: step, step: [4, 8, 11], min_lr: 1.0e-4}")
        #expect(records(binds).map(\.kind) == [.nonEquivalence])
        let never = try convert(epochRunner + optimizer + "lr_config: {policy: step, step: [8, 11], min_lr: 1.0e-5}")
        #expect(records(never).map(\.kind) == [.change])
        let unknown = try convert(epochRunner + "lr_config: {policy: step, step: [8, 11], min_lr: 1.0e-5}")
        #expect(records(unknown).map(\.kind) == [.nonEquivalence])
        #expect([binds, never, unknown].map { records($0).map(\.id) } == Array(repeating: [Lr.stepMilestones.id], count: 3))
    }

    @Test func flatCosineRoundsHalfToEven() throws {
        #expect(LrConfigRule.pythonRound(2.5) == 2)
        #expect(LrConfigRule.pythonRound(3.5) == 4)
        #expect(LrConfigRule.pythonRound(10 * 0.25) == 2)
        let result = try schedulers("runner: {type: EpochBasedRunner, max_epochs: 10}\nlr_config: {policy: FlatCosineAnnealing, start_percent: 0.25, min_lr: 0}")
        #expect(result == (try yaml("- {type: CosineAnnealingLR, T_max: 8, eta_min: 0.0, begin: 2, end: 10, by_epoch: true}")))
        let flat = try convert(epochRunner + "lr_config: {policy: FlatCosineAnnealing, start_percent: 1.0, min_lr_ratio: 0.01}")
        #expect(flat.config.mapping?["param_scheduler"] == nil)
    }

    @Test func invByEpochIsAPerEpochChain() throws {
        let result = try schedulers("runner: {type: EpochBasedRunner, max_epochs: 4}\nlr_config: {policy: inv, gamma: 0.1, power: 0.5}")
        let items = try #require(result?.list?.items)
        #expect(items.count == 3)
        var product = 1.0
        for (index, item) in items.enumerated() {
            #expect(item.mapping?["milestones"] == (try yaml("[\(index + 1)]")))
            product *= try #require(item.mapping?["gamma"]).double("gamma")
        }
        #expect(abs(product - pow(1 + 0.1 * 3, -0.5)) < 1e-15)
    }

    // MARK: Absolute schedulers (C.4, C.8.8)

    @Test func cosineRestartWeightsAreAdjustedAndComeBeforeTheWarmup() throws {
        let ratio = try schedulers(epochRunner + "lr_config: {policy: CosineRestart, periods: [4, 4, 4], restart_weights: [1, 0.7, 0.3], min_lr_ratio: 0.05, warmup: linear, warmup_iters: 5}")
        #expect(ratio == (try yaml("""
        - {type: CosineRestartLR, periods: [4, 4, 4], restart_weights: [1.0, 0.715, 0.335], eta_min_ratio: 0.05, by_epoch: true}
        - {type: LinearLR, start_factor: 0.1, end_factor: 1.0, begin: 0, end: 6, by_epoch: false}
        """)))
        let absolute = try convert(epochRunner + "optimizer: {type: SGD, lr: 0.02}\nlr_config: {policy: CosineRestart, periods: [4, 4, 4], restart_weights: [1, 0.5, 0.5], min_lr: 0.002}")
        #expect(absolute.config.mapping?["param_scheduler"]?.list?.items.first?.mapping?["restart_weights"] == (try yaml("[1.0, 0.55, 0.55]")))
        #expect(records(absolute).first?.kind == .nonEquivalence) // exact only for a single base lr
        let short = try convert(epochRunner + "lr_config: {policy: CosineRestart, periods: [4, 4], min_lr: 0, restart_weights: [1, 1]}")
        #expect(short.config.mapping?["param_scheduler"] == nil)
        #expect(records(short).map(\.kind) == [.manualStep])
    }

    @Test func oneCycleIsByIterationAndBeforeTheWarmup() throws {
        let result = try convert(iterRunner + "lr_config: {policy: OneCycle, max_lr: 0.02, warmup: linear, warmup_iters: 15}")
        #expect(result.config.mapping?["param_scheduler"] == (try yaml("""
        - {type: OneCycleLR, eta_max: 0.02, by_epoch: false}
        - {type: LinearLR, start_factor: 0.1, end_factor: 1.0, begin: 0, end: 16, by_epoch: false}
        """)))
        #expect(records(result).contains { $0.kind == .nonEquivalence && $0.deviation?.contains("9") == true })
    }

    @Test func cyclicBecomesCosineRestartSegments() throws {
        let result = try schedulers(iterRunner + "lr_config: {policy: cyclic, target_ratio: [10, 1.0e-4], cyclic_times: 1, step_ratio_up: 0.4}")
        #expect(result == (try yaml("""
        - {type: CosineRestartLR, periods: [48], restart_weights: [1.0], eta_min_ratio: 10.0, begin: 0, end: 48, by_epoch: false}
        - {type: CosineRestartLR, periods: [72], restart_weights: [10.0], eta_min_ratio: 0.0001, begin: 48, end: 120, by_epoch: false}
        """)))
        let upZero = try schedulers(iterRunner + "lr_config: {policy: cyclic, cyclic_times: 2, step_ratio_up: 0.0, gamma: 0.5}")
        #expect(upZero?.list?.items.count == 2)
        #expect(upZero?.list?.items.last?.mapping?["eta_min_ratio"] == (try yaml("0.50005")))
        let noL = try convert(epochRunner + "lr_config: {policy: cyclic}")
        #expect(records(noL).map(\.id) == [Lr.cyclicNeedsIterations.id])
    }

    @Test func cyclicUnderAnEpochRunnerIsWrittenInEpochsWhenEveryPhaseStartsAtAnEpochBoundary() throws {
        // 0.4 × 20 = 8 epochs up: exact for every L, so no L is needed and none is baked in.
        let twenty = "runner: {type: EpochBasedRunner, max_epochs: 20}\n"
        let epochs = try schedulers(twenty + "lr_config: {policy: cyclic, target_ratio: [10, 1.0e-4], cyclic_times: 1, step_ratio_up: 0.4}")
        #expect(epochs == (try yaml("""
        - {type: CosineRestartLR, periods: [8], restart_weights: [1.0], eta_min_ratio: 10.0, begin: 0, end: 8, by_epoch: true, convert_to_iter_based: true}
        - {type: CosineRestartLR, periods: [12], restart_weights: [10.0], eta_min_ratio: 0.0001, begin: 8, end: 20, by_epoch: true, convert_to_iter_based: true}
        """)))
        // The same form when L is given: it does not depend on L.
        #expect(try schedulers(twenty + "lr_config: {policy: cyclic, target_ratio: [10, 1.0e-4], cyclic_times: 1, step_ratio_up: 0.4}", itersPerEpoch: 7) == epochs)
        func phases(_ ratio: Double, cycles: Int = 1, epochs: Int) -> [Int]? {
            LegacyCyclic(upRatio: 10, downRatio: 1e-4, cyclicTimes: Double(cycles), stepRatioUp: ratio, anneal: .cos, gamma: 1)
                .epochPhases(epochs: epochs).map { [$0.period, $0.up] }
        }
        #expect(phases(0.4, epochs: 20) == [20, 8])
        #expect(phases(0.4, cycles: 2, epochs: 10) == [5, 2])
        #expect(phases(0, epochs: 7) == [7, 0])
        // 0.4 × 12 = 4.8: a phase starts inside an epoch.
        #expect(phases(0.4, epochs: 12) == nil)
        // 3 cycles do not divide 20 epochs: max_iters // 3 is not a multiple of L.
        #expect(phases(0.4, cycles: 3, epochs: 20) == nil)
        // The double 0.3 is below 3/10: 0.3 × 10·L truncates to 3·L − 1 for some L.
        #expect(phases(0.3, epochs: 10) == nil)
        // 0.4 × 12 epochs without L stays a manual step.
        let noL = try convert(epochRunner + "lr_config: {policy: cyclic, target_ratio: [10, 1.0e-4], step_ratio_up: 0.4}")
        #expect(records(noL).map(\.id) == [Lr.cyclicNeedsIterations.id])
    }

    // MARK: Affine floors with a warmup (C.3)

    @Test func affineMainOverlappingTheWarmupIsReported() throws {
        let overlap = try convert(epochRunner + "lr_config: {policy: CosineAnnealing, min_lr: 1.0e-4, warmup: linear, warmup_iters: 15}", itersPerEpoch: 10)
        // The non-equivalence, and the suggestion of --compat, which converts this form exactly.
        #expect(records(overlap).map(\.kind) == [.change, .nonEquivalence, .warning])
        #expect(records(overlap).map(\.id) == [Lr.cosineAnnealing.id, Lr.warmupLinear.id, Lr.compatAvailable.id])
        let short = try convert(epochRunner + "lr_config: {policy: CosineAnnealing, min_lr: 1.0e-4, warmup: linear, warmup_iters: 5}", itersPerEpoch: 10)
        #expect(records(short).map(\.kind) == [.change, .change])
        #expect(records(short).map(\.id) == [Lr.cosineAnnealing.id, Lr.warmupLinear.id])
        let zeroFloor = try convert(epochRunner + "lr_config: {policy: CosineAnnealing, min_lr: 0, by_epoch: false, warmup: linear, warmup_iters: 15}", itersPerEpoch: 10)
        #expect(records(zeroFloor).map(\.kind) == [.change, .change])
    }

    // MARK: Names, units, runners

    @Test func policyNamesResolveLikeMMCV() throws {
        #expect(LegacyPolicyName.stem(of: "step") == "Step")
        #expect(LegacyPolicyName.stem(of: "cosineannealing") == "Cosineannealing")
        #expect(LegacyPolicyName.stem(of: "CosineAnnealing") == "CosineAnnealing")
        #expect(LegacyPolicyName.stem(of: "cosine_annealing2x") == "Cosine_Annealing2X")
        let lower = try convert(epochRunner + "lr_config: {policy: cosineannealing, min_lr: 0}")
        #expect(lower.config.mapping?["param_scheduler"] == nil)
        #expect(records(lower).first?.kind == .manualStep)
        #expect(records(lower).first?.id == Lr.unknownPolicy.id)
        let upper = try convert(epochRunner + "lr_config: {policy: STEP, step: [8]}")
        #expect(records(upper).first?.kind == .manualStep)
        #expect(records(upper).first?.id == Lr.unknownPolicy.id)
        let downstream = try convert(epochRunner + "lr_config: {policy: YOLOX, num_last_epochs: 15, min_lr_ratio: 0.05}")
        #expect(records(downstream).first?.id == Lr.yoloxNoForm.id)
        #expect(records(downstream).first?.kind == .manualStep)
        let unsimulated = try convert(epochRunner + "lr_config: {policy: TIN}")
        #expect(records(unsimulated).first?.id == Lr.downstreamPolicy.id)
        // The record names the package that registers the policy.
        #expect(records(unsimulated).first?.message.contains("mmaction2") == true)
        let siamese = try schedulers("runner: {type: EpochBasedRunner, max_epochs: 20}\nlr_config: {policy: SiameseRPN}")
        #expect(siamese?.list?.items.first?.mapping?["type"] == ConfigNode(.string("ConstantLR")))
    }

    @Test func downstreamPoliciesBecomeRatioChains() throws {
        let stages = try schedulers(iterRunner + "lr_config: {policy: MultiStage, milestone_lrs: [0.02, 0.01], milestone_iters: [0, 30], steps: [[10, 20], [40, 50]], gammas: [0.5, 0.1]}\noptimizer: {type: SGD, lr: 0.02}")
        let first = stages?.list?.items.first?.mapping
        #expect(first?["type"] == ConfigNode(.string("MultiStepLR")))
        #expect(first?["milestones"]?.list?.items.count == 2)
        #expect(stages?.list?.items.dropFirst().first?.mapping?["gamma"] == ConfigNode(.float(2.0)))
        // MultiStage needs the optimizer's lr to equal the first stage's.
        let offset = try convert(iterRunner + "lr_config: {policy: MultiStage, milestone_lrs: [0.01], milestone_iters: [0], steps: [[10]], gammas: [0.5]}\noptimizer: {type: SGD, lr: 0.02}")
        #expect(records(offset).first?.kind == .manualStep)
        #expect(records(offset).first?.id == Lr.multiStageStartsElsewhere.id)
        let linear = try schedulers(iterRunner + "lr_config: {policy: Linear, target_lr: 0, start: 60, interval: 20}")
        #expect(linear?.list?.items.count == 2)
        let cooldown = try schedulers(epochRunner + "lr_config: {policy: CosineAnnealingCooldown, min_lr: 1.0e-5, cool_down_time: 2}")
        #expect(cooldown?.list?.items.first?.mapping?["T_max"] == ConfigNode(.int(10)))
        #expect(cooldown?.list?.items.first?.mapping?["end"] == ConfigNode(.int(11)))
        #expect(cooldown?.list?.items.last?.mapping?["milestones"] == ConfigNode(ConfigList([ConfigNode(.int(11))])))
    }

    @Test func iterBasedRunnerDefaultsAndInertConfigs() throws {
        let poly = try schedulers(iterRunner + "lr_config: {policy: poly, power: 1.0, min_lr: 0}")
        #expect(poly?.list?.items.first?.mapping?["by_epoch"] == ConfigNode(.bool(false)))
        let inert = try convert(iterRunner + "lr_config: {policy: step, step: [8], by_epoch: true}")
        #expect(inert.config.mapping?["param_scheduler"] == nil)
        #expect(records(inert).map(\.kind) == [.warning])
        #expect(records(inert).map(\.id) == [Lr.byEpochInertUnderIterRunner.id])
        let crash = try convert(iterRunner + "lr_config: {policy: poly, warmup: linear, warmup_iters: 1, warmup_by_epoch: true}")
        #expect(crash.config.mapping?["param_scheduler"] == nil)
        #expect(records(crash).map(\.kind) == [.manualStep])
        #expect(records(crash).map(\.id) == [Lr.warmupByEpochUnderIterRunner.id])
        // momentum_config keeps by_epoch=True under IterBasedRunner: inert.
        let momentum = try convert(iterRunner + "optimizer: {type: SGD, lr: 0.02, momentum: 0.9}\nmomentum_config: {policy: step, step: [80]}")
        #expect(momentum.config.mapping?["param_scheduler"] == nil)
        #expect(records(momentum).map(\.kind) == [.warning])
        #expect(records(momentum).map(\.id) == [Momentum.byEpochInertUnderIterRunner.id])
    }

    @Test func nullAndFixedEmitNothing() throws {
        for config in ["lr_config: null", "lr_config: {policy: fixed}", "momentum_config: null"] {
            let result = try convert(epochRunner + config)
            #expect(result.config.mapping?["param_scheduler"] == nil)
            #expect(result.config.mapping?["lr_config"] == nil)
            #expect(result.config.mapping?["momentum_config"] == nil)
            #expect(records(result).map(\.kind) == [.change])
            #expect(records(result).map(\.id.name) == [config.hasSuffix("fixed}") ? Lr.fixed.rawValue : Lr.noHook.rawValue])
        }
    }

    @Test func rejectedConfigsAreManualStepsAndWrongTypesAreErrors() throws {
        let neither = try convert(epochRunner + "lr_config: {policy: CosineAnnealing}")
        #expect(records(neither).map(\.id) == [Lr.rejected.id])
        let extra = try convert(epochRunner + "lr_config: {policy: CosineAnnealing, min_lr: 0, step: [32, 48]}")
        #expect(records(extra).first?.id == Lr.rejected.id)
        // The refusal quotes MMCV's own error.
        #expect(records(extra).first?.message.contains("unexpected keyword argument 'step' (TypeError)") == true)
        #expect(throws: ConfigError.self) { try convert(epochRunner + "lr_config: {policy: step, step: [8], gamma: high}") }
        // A float warmup_iters: MMCV's lr hook asserts an int at its first iteration, as the simulator does (one
        // reading); not a type error of the conversion.
        let floatWarmup = try convert(epochRunner + "lr_config: {policy: step, step: [8], warmup: linear, warmup_iters: 5.0}")
        #expect(records(floatWarmup).map(\.id) == [Lr.rejected.id])
        #expect(records(floatWarmup).first?.message.contains("at run time: LrUpdaterHook.before_train_iter asserts warmup_iters is an int, and it is 5.0") == true)
        #expect(records(floatWarmup).first?.location?.column == 68)
        do {
            _ = try convert(epochRunner + "lr_config: {step: [8]}")
            Issue.record("a missing policy must throw")
        } catch let error as ConfigError {
            #expect(error.code == .missingKey)
            #expect(error.location?.line == 2)
        }
    }

    // MARK: Momentum (A.4, C.4)

    @Test func stepMomentumWritesGammaHalf() throws {
        let result = try schedulers(epochRunner + "optimizer: {type: SGD, lr: 0.02, momentum: 0.9}\nmomentum_config: {policy: step, step: [8, 11]}")
        #expect(result == (try yaml("- {type: MultiStepMomentum, milestones: [8, 11], gamma: 0.5, by_epoch: true}")))
    }

    @Test func momentumIsAppendedAfterTheLrSchedulers() throws {
        let result = try convert(epochRunner + "optimizer: {type: SGD, lr: 0.02, momentum: 0.9}\nlr_config: {policy: step, step: [8, 11], warmup: linear, warmup_iters: 500}\nmomentum_config: {policy: LinearAnnealing, min_momentum_ratio: 0.5}")
        #expect(result.config.mapping?["param_scheduler"] == (try yaml("""
        - {type: LinearLR, start_factor: 0.1, end_factor: 1.0, begin: 0, end: 501, by_epoch: false}
        - {type: MultiStepLR, milestones: [8, 11], gamma: 0.1, by_epoch: true}
        - {type: LinearMomentum, start_factor: 1.0, end_factor: 0.5, begin: 0, end: 13, by_epoch: true}
        """)))
        #expect(records(result).map(\.newPath) == ["param_scheduler[1]", "param_scheduler[0]", "param_scheduler[2]"])
    }

    @Test func oneCycleMomentumIsThreeSegmentsAndAManualStep() throws {
        let result = try convert(iterRunner + "optimizer: {type: SGD, lr: 0.02, momentum: 0.9}\nmomentum_config: {policy: OneCycle}")
        #expect(result.config.mapping?["param_scheduler"] == (try yaml("""
        - {type: CosineRestartMomentum, periods: [35], restart_weights: [1.0], eta_min: 0.85, begin: 0, end: 35, by_epoch: false}
        - {type: CosineRestartMomentum, periods: [84], restart_weights: [\(PythonFloat.repr(0.85 / 0.95))], eta_min: 0.95, begin: 35, end: 119, by_epoch: false}
        - {type: CosineRestartMomentum, periods: [1], restart_weights: [1.0], eta_min: 0.95, begin: 119, end: 120, by_epoch: false}
        """)))
        let manual = records(result).filter { $0.kind == .manualStep }
        #expect(manual.map(\.id) == [Momentum.oneCycleSetMaxMomentum.id])
        // It names the optimizer field to set.
        #expect(manual.first?.message.contains("optim_wrapper.optimizer.momentum") == true)
    }

    @Test func momentumWarmupAndZeroMomentum() throws {
        let warmup = try convert(epochRunner + "optimizer: {type: SGD, lr: 0.02, momentum: 0.9}\nmomentum_config: {policy: CosineAnnealing, min_momentum: 0.5, warmup: constant, warmup_iters: 3}")
        #expect(records(warmup).map(\.kind) == [.change, .nonEquivalence])
        #expect(records(warmup).map(\.id) == [Momentum.cosineAnnealing.id, Momentum.warmupDropped.id])
        let zero = try convert(epochRunner + "optimizer: {type: SGD, lr: 0.02}\nmomentum_config: {policy: step, step: [8]}")
        #expect(zero.config.mapping?["param_scheduler"] == nil)
        #expect(records(zero).map(\.id) == [Momentum.zeroMomentumInert.id])
    }

    @Test func mappingRowsCoverEveryPolicy() {
        let rows = LrConfigRule.mappingRows.map(\.legacy).joined(separator: "\n")
        for policy in ["fixed", "step", "exp", "poly", "inv", "CosineAnnealing", "FlatCosineAnnealing", "CosineRestart", "cyclic", "OneCycle", "LinearAnnealing"] {
            #expect(rows.contains("policy: \(policy)") || rows.contains("{policy: \(policy)"), "no row for \(policy)")
        }
        let momentumRows = MomentumConfigRule.mappingRows.map(\.legacy).joined(separator: "\n")
        for policy in ["step", "CosineAnnealing", "LinearAnnealing", "cyclic", "OneCycle"] {
            #expect(momentumRows.contains("policy: \(policy)"), "no momentum row for \(policy)")
        }
    }
}
