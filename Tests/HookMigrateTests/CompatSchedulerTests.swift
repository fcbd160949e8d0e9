import Foundation
@testable import HookMigrate
import HookMigrateCore
import HookMigrateRuntime
import Testing

/// `--compat`: the E.6 forms become the compat module's `MMCVLrUpdaterLR`, the proof finds them equivalent,
/// and only those forms use it (docs/compat.md).
@Suite struct CompatSchedulerTests {
    func legacy(_ yaml: String) throws -> ConfigMapping {
        try YAMLReader().read(SourceText(path: "test.yaml", text: yaml)).mapping("<root>")
    }

    func convert(_ config: ConfigMapping, compat: Bool) throws -> TranslationResult {
        try Translator(options: MigrationOptions(compat: compat)).translate(config, at: SourceLocation(file: "test.yaml", line: 1, column: 1))
    }

    func verdict(_ config: ConfigMapping, _ result: TranslationResult, itersPerEpoch: Int = 10) -> Validator.Outcome {
        Validator(settings: SimulationSettings(itersPerEpoch: itersPerEpoch))
            .validate(legacy: config, converted: result.config.mapping ?? ConfigMapping(), name: "test").outcome
    }

    static let common = "optimizer: {type: SGD, lr: 0.1, momentum: 0.9}\noptimizer_config: {grad_clip: null}\n"
    static let forms = [
        // mmcls: cosine by iteration with a ratio floor, linear warmup, epoch loop.
        "runner: {type: EpochBasedRunner, max_epochs: 6}\nlr_config: {policy: CosineAnnealing, by_epoch: false, min_lr_ratio: 0.01, warmup: linear, warmup_iters: 25, warmup_ratio: 0.001}\n",
        // cosine by epoch with an absolute floor, exp warmup.
        "runner: {type: EpochBasedRunner, max_epochs: 6}\nlr_config: {policy: CosineAnnealing, min_lr: 1.0e-05, warmup: exp, warmup_iters: 15, warmup_ratio: 0.1}\n",
        // mmaction2: step with a warmup in epochs, the iterations per epoch not given.
        "runner: {type: EpochBasedRunner, max_epochs: 20}\nlr_config: {policy: step, step: [10, 15], warmup: linear, warmup_by_epoch: true, warmup_iters: 5, warmup_ratio: 0.1}\n",
        // mmseg: poly with min_lr in an iteration loop.
        "runner: {type: IterBasedRunner, max_iters: 300}\nlr_config: {policy: poly, power: 1.0, min_lr: 1.0e-04, by_epoch: false, warmup: linear, warmup_iters: 50, warmup_ratio: 1.0e-06}\n",
    ]

    @Test(arguments: forms) func theE6FormsAreProvenWithTheModule(_ form: String) throws {
        let config = try legacy(Self.common + form)
        let plain = try convert(config, compat: false)
        #expect(plain.report.records.contains { $0.kind == .nonEquivalence })
        if case .equivalent = verdict(config, plain) { Issue.record("the built-in chain was expected to differ") }

        let result = try convert(config, compat: true)
        let schedulers = result.config.mapping?["param_scheduler"]?.list?.items ?? []
        #expect(schedulers.count == 1)
        #expect(schedulers.first?.mapping?["type"]?.scalar?.stringValue == "MMCVLrUpdaterLR")
        #expect(CompatModule.isImported(by: result.config))
        #expect(!result.report.records.contains { $0.kind == .nonEquivalence })
        for length in [10, 7] {
            guard case .equivalent = verdict(config, result, itersPerEpoch: length) else {
                Issue.record("not proven equivalent at L=\(length): \(verdict(config, result, itersPerEpoch: length))")
                continue
            }
        }
    }

    @Test func formsTheBuiltInsExpressDoNotUseTheModule() throws {
        let config = try legacy(Self.common + "runner: {type: EpochBasedRunner, max_epochs: 6}\nlr_config: {policy: CosineAnnealing, min_lr: 0, warmup: linear, warmup_iters: 20}\n")
        let result = try convert(config, compat: true)
        #expect(!CompatModule.isImported(by: result.config))
        #expect(result.config.mapping?["custom_imports"] == nil)
    }

    @Test func aWarmupInEpochsThatCrashesMMCVIsNotConverted() throws {
        // IterBasedRunner never computes the warmup length: MMCV fails at the first iteration; --compat changes nothing.
        let config = try legacy(Self.common + "runner: {type: IterBasedRunner, max_iters: 120}\nlr_config: {policy: poly, warmup: linear, warmup_iters: 1, warmup_by_epoch: true}\n")
        let plain = try convert(config, compat: false)
        let result = try convert(config, compat: true)
        #expect(!CompatModule.isImported(by: result.config))
        #expect(result.report.records.map(\.message) == plain.report.records.map(\.message))
    }

    @Test func theLegacyImportsAreKeptFirst() throws {
        let config = try legacy(Self.common + "custom_imports: {imports: [mmcls.models], allow_failed_imports: false}\n" + Self.forms[0])
        let result = try convert(config, compat: true)
        let imports = result.config.mapping?["custom_imports"]?.mapping?["imports"]?.list?.items.compactMap { $0.scalar?.stringValue }
        #expect(imports == ["mmcls.models", "hookmigrate_mmcv_compat_v1"])
    }

    @Test func theEmbeddedModuleIsTheVersionedFile() throws {
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        let file = try String(contentsOf: root.appendingPathComponent("migrations/compat/" + CompatModule.fileName), encoding: .utf8)
        #expect(CompatModule.source == file)
    }

    @Test func aCompatSchedulerOutsideItsRangeIsRefused() throws {
        var groups = [ParamGroup(lr: 0.1, momentum: 0.9)]
        let node = try YAMLReader().read(SourceText(path: "s.yaml", text: "{type: MMCVLrUpdaterLR, policy: Poly, by_epoch: true}"))
        #expect(throws: ConfigError.self) {
            _ = try ParamSchedulerBuilder(loop: .epochBased(maxEpochs: 3), epochLength: 10).buildOne(node, path: "param_scheduler", groups: &groups)
        }
        let unknown = try YAMLReader().read(SourceText(path: "s.yaml", text: "{type: MMCVLrUpdaterLR, policy: Step, by_epoch: false}"))
        #expect(throws: ConfigError.self) {
            _ = try ParamSchedulerBuilder(loop: .iterBased(maxIters: 30), epochLength: 10).buildOne(unknown, path: "param_scheduler", groups: &groups)
        }
    }
}
