import Foundation
import HookMigrate
import HookMigrateCore
import HookMigrateRuntime
import Testing

/// Runs of any length end quickly with a clear outcome: beyond what the simulation counts or beyond the
/// proof's budget they are "not proven — too long to simulate", never a trap, an abort or a hang; long
/// equivalent runs stay equivalent.
@Suite struct LongRunProofTests {
    static func outcome(_ legacyText: String, length: Int = 10, budget: ProofBudget = .standard) throws -> Validator.Outcome {
        let legacy = try YAMLReader().read(SourceText(path: "old.yaml", text: legacyText)).mapping ?? ConfigMapping()
        let converted = try Translator(options: MigrationOptions(itersPerEpoch: length)).translate(legacy, at: SourceLocation(file: "old.yaml", line: 1, column: 1))
        return Validator(settings: SimulationSettings(itersPerEpoch: length), budget: budget)
            .validate(legacy: legacy, converted: converted.config.mapping ?? ConfigMapping(), name: "old.yaml").outcome
    }

    static let segmentation = """
    optimizer: {type: SGD, lr: 0.01, momentum: 0.9, weight_decay: 0.0005}
    optimizer_config: {}
    lr_config: {policy: poly, power: 0.9, min_lr: 0.0001, by_epoch: false}
    runner: {type: IterBasedRunner, max_iters: LENGTH}
    checkpoint_config: {by_epoch: false, interval: 16000}
    evaluation: {interval: 16000, metric: mIoU}
    log_config: {interval: 50, hooks: [{type: TextLoggerHook, by_epoch: false}]}
    workflow: [[train, 1]]
    data: {train: {type: ADE20KDataset}, val: {type: ADE20KDataset}}
    """

    static let detection = """
    optimizer: {type: SGD, lr: 0.02, momentum: 0.9, weight_decay: 0.0001}
    optimizer_config: {grad_clip: null}
    lr_config: {policy: step, warmup: linear, warmup_iters: 500, warmup_ratio: 0.001, step: [8, 11]}
    runner: {type: EpochBasedRunner, max_epochs: LENGTH}
    checkpoint_config: {interval: 1}
    log_config: {interval: 50, hooks: [{type: TextLoggerHook}]}
    evaluation: {interval: 1, metric: bbox}
    data: {train: {type: CocoDataset}, val: {type: CocoDataset}}
    """

    @Test func theLargestIterationCountIsTooLongToSimulate() throws {
        // The most iterations a config may state (counts are read up to 2^31 - 1; more is a number-range
        // error, fixtures/hostile): the proof's work budget runs out first, and the verdict says so.
        let outcome = try Self.outcome(Self.segmentation.replacingOccurrences(of: "LENGTH", with: "2147483647"))
        guard case .notProven(let reason) = outcome else {
            Issue.record("expected not proven, got \(outcome)")
            return
        }
        #expect(reason.hasPrefix("too long to simulate (2147483647 iterations; the budget is "))
    }

    @Test func theLargestEpochCountIsTooLongToSimulate() throws {
        // 2147483647 epochs × 10 iterations is more iterations than a simulated run counts: the length is
        // reported exactly, and no run is started.
        let outcome = try Self.outcome(Self.detection.replacingOccurrences(of: "LENGTH", with: "2147483647"))
        #expect(outcome == .notProven("too long to simulate (21474836470 iterations; the budget is 2147483647 iterations)"))
    }

    @Test func moreEpochsThanTheBudgetHasUnitsAreRefusedBeforeAnyWork() throws {
        // One iteration per epoch: the run's length fits the simulation, but every epoch end costs a unit of
        // work, so 2^31 - 1 epochs cannot end within the budget; the proof says so without starting.
        let outcome = try Self.outcome(Self.detection.replacingOccurrences(of: "LENGTH", with: "2147483647"), length: 1)
        #expect(outcome == .notProven("too long to simulate (2147483647 iterations in 2147483647 epochs; every epoch end costs at least one unit of work and the budget is 30000000 units)"))
        // One epoch fewer than the budget has units is run until the budget is spent.
        let small = ProofBudget(work: 1_000)
        let within = try Self.outcome(Self.detection.replacingOccurrences(of: "LENGTH", with: "999"), length: 1, budget: small)
        guard case .notProven(let reason) = within else {
            Issue.record("expected not proven, got \(within)")
            return
        }
        #expect(reason.hasPrefix("too long to simulate (999 iterations; the budget is 1000 units of work, spent by iteration "))
    }

    @Test func theBudgetIsTheProofsNotEachLengths() throws {
        // No epoch length given: the plan has several lengths. The first one runs out of the budget, and the
        // others are not run (they would spend it again): the proof is "not proven" after one run.
        let text = Self.detection.replacingOccurrences(of: "LENGTH", with: "5000")
        let legacy = try YAMLReader().read(SourceText(path: "old.yaml", text: text)).mapping ?? ConfigMapping()
        let converted = try Translator().translate(legacy, at: SourceLocation(file: "old.yaml", line: 1, column: 1))
        var options = ProofOptions()
        options.budget = ProofBudget(work: 2000)
        let proof = ConversionProof(options: options).prove(legacy: legacy, converted: converted.config.mapping ?? ConfigMapping(), name: "old.yaml")
        #expect(proof.plan.lengths.count > 1)
        #expect(proof.runs.count == 1)
        guard case .notProven(let reason) = proof.outcome else {
            Issue.record("expected not proven, got \(proof.outcome)")
            return
        }
        #expect(reason.hasPrefix("too long to simulate ("))
    }

    @Test func aRunBeyondTheBudgetIsNotProven() throws {
        let outcome = try Self.outcome(Self.detection.replacingOccurrences(of: "LENGTH", with: "50"), budget: ProofBudget(work: 2000))
        guard case .notProven(let reason) = outcome else {
            Issue.record("expected not proven, got \(outcome)")
            return
        }
        #expect(reason.hasPrefix("too long to simulate (500 iterations; the budget is 2000 units of work, spent by iteration "))
    }

    @Test func seventyThousandEpochsStayEquivalent() throws {
        // MMEngine logs the last batch of every 1-iteration epoch (R9); the legacy run never does. Those
        // records used to pile up past the comparison window. One iteration per epoch keeps the test short.
        let outcome = try Self.outcome(Self.detection.replacingOccurrences(of: "LENGTH", with: "70000"), length: 1)
        guard case .equivalent(let rules) = outcome else {
            Issue.record("expected equivalent, got \(ValidationRenderer.text(outcome))")
            return
        }
        #expect(rules[.r9] != nil)
    }
}

private extension String {
    func replacingOccurrences(of target: String, with replacement: String) -> String {
        components(separatedBy: target).joined(separator: replacement)
    }
}
