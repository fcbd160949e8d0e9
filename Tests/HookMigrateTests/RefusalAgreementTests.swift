import Foundation
@testable import HookMigrate
import HookMigrateCore
import HookMigrateRuntime
import Testing

/// Configs the real MMCV 1.7.2 refuses where it builds a hook or at the first iteration
/// (`tools/oracle/check_refusals.py` checks each on the real library). Both sides of hookmigrate read them
/// through the one reading and refuse them: the conversion reports a manual step for the key (or stops with
/// a located error), and the simulated legacy runner cannot be built, so the proof says "not proven".
@Suite struct RefusalAgreementTests {
    static let base = """
        optimizer: {type: SGD, lr: 0.01, momentum: 0.9}
        runner: {type: EpochBasedRunner, max_epochs: 4}
        data: {train: {type: CocoDataset}, val: {type: CocoDataset}}

        """

    struct Case: CustomStringConvertible, Sendable {
        var name: String
        var yaml: String
        /// The legacy key the refusal is about.
        var key: String
        var description: String { name }
    }

    static let cases: [Case] = [
        Case(name: "lr warmup_iters 5.0", yaml: "lr_config: {policy: step, step: [2], warmup: linear, warmup_iters: 5.0}\n", key: "lr_config"),
        Case(name: "lr warmup_iters None", yaml: "lr_config: {policy: step, step: [2], warmup_iters: null}\n", key: "lr_config"),
        Case(name: "log_config without interval", yaml: "log_config: {hooks: [{type: TextLoggerHook}]}\n", key: "log_config"),
        Case(name: "log_config without hooks", yaml: "log_config: {interval: 5}\n", key: "log_config"),
        Case(name: "OptimizerHook with cumulative_iters", yaml: "optimizer_config: {type: OptimizerHook, cumulative_iters: 4}\n", key: "optimizer_config"),
        Case(name: "EMAHook momentum 1.5", yaml: "custom_hooks: [{type: EMAHook, momentum: 1.5}]\n", key: "custom_hooks"),
        Case(name: "EvalHook start -1", yaml: "evaluation: {interval: 1, start: -1}\n", key: "evaluation"),
        // The optimizer hook (LegacyOptimizerHook.refusals): clip_grad_norm_ at the first step, the hook's
        // constructor, and mmdet-style Fp16OptimizerHook(**optimizer_config, **fp16, distributed=…).
        Case(name: "grad_clip empty", yaml: "optimizer_config: {grad_clip: {}}\n", key: "optimizer_config"),
        Case(name: "grad_clip without max_norm", yaml: "optimizer_config: {grad_clip: {norm_type: 2}}\n", key: "optimizer_config"),
        Case(name: "grad_clip with an unknown keyword", yaml: "optimizer_config: {grad_clip: {max_norm: 35, clip: 1}}\n", key: "optimizer_config"),
        Case(name: "Fp16OptimizerHook int loss_scale", yaml: "optimizer_config: {type: Fp16OptimizerHook, loss_scale: 512}\n", key: "optimizer_config"),
        Case(name: "merged fp16 int loss_scale", yaml: "optimizer_config: {grad_clip: null}\nfp16: {loss_scale: 512}\n", key: "fp16"),
        Case(name: "merged fp16 keyword twice", yaml: "optimizer_config: {grad_clip: null, loss_scale: 512.0}\nfp16: {loss_scale: 512.0}\n", key: "fp16"),
        Case(name: "merged fp16 distributed", yaml: "optimizer_config: {grad_clip: null}\nfp16: {loss_scale: 512.0, distributed: false}\n", key: "fp16"),
        Case(name: "typed hook next to fp16 (mmdet)", yaml: "optimizer_config: {type: Fp16OptimizerHook, loss_scale: 512.0}\nfp16: {}\n", key: "fp16"),
        Case(name: "merged fp16 unknown keyword", yaml: "optimizer_config: {grad_clip: null}\nfp16: {loss_scale: 512.0, scale_window: 3}\n", key: "fp16"),
        // mmedit's Linear asserts in get_lr, at the first iteration, that the run is at least `start` long.
        Case(name: "Linear start beyond the run", yaml: "model: {type: BasicRestorer}\nlr_config: {policy: Linear, by_epoch: true, start: 6}\n", key: "lr_config"),
    ]

    @Test(arguments: cases)
    func bothSidesRefuse(_ item: Case) throws {
        let config = try #require(try YAMLReader().read(SourceText(path: "legacy.yaml", text: Self.base + item.yaml)).mapping)
        // The conversion: a manual step for the key, or a located error.
        do {
            let result = try Translator().translate(config, at: SourceLocation(file: "legacy.yaml", line: 1, column: 1))
            let steps = result.report.records.filter { $0.kind == .manualStep && $0.legacyPath.hasPrefix(item.key) }
            #expect(!steps.isEmpty, "\(item.name): the conversion reports no manual step for \(item.key)")
        } catch let error as ConfigError {
            #expect(error.location != nil, "\(item.name): \(error)")
        }
        // The simulated legacy run, under the train script the proof infers, cannot be built.
        let settings = SimulationSettings(itersPerEpoch: 3, trainScript: LegacyTrainScript.inferred(config))
        #expect(throws: (any Error).self, "\(item.name): the simulated legacy runner accepted it") {
            var runner = try LegacyRunner(config: config, settings: settings, paramHooks: SimulatedSchedules.legacy)
            _ = try runner.trace(config: "legacy.yaml")
        }
    }

    /// mmcls 0.x's train script read only `fp16['loss_scale']`, so other fp16 keys never reached the hook; an
    /// mmdet-style script passed them all and failed.
    @Test func mmclsReadsOnlyTheLossScaleOfFp16() throws {
        let optimizerConfig = ConfigMapping(["grad_clip": ConfigNode(.null)])
        let fp16 = ConfigMapping(["loss_scale": ConfigNode(.float(256)), "velocity_accum_type": ConfigNode(.string("half"))])
        #expect(LegacyOptimizerHook.refusals(optimizerConfig, fp16: fp16, merge: .lossScaleOnly).isEmpty)
        #expect(LegacyOptimizerHook.refusals(optimizerConfig, fp16: fp16).count == 1)
        #expect(LegacyTrainScript.mmcls.topLevelFp16 == .lossScaleOnly)
        #expect(LegacyTrainScript.mmseg.topLevelFp16 == .ignored)
        #expect(LegacyTrainScript.standard.topLevelFp16 == .whole)
        #expect(LegacyTrainScript.undetermined.topLevelFp16 == .wholeUnlessTyped)
    }

    /// mmdet-style scripts and mmcls built Fp16OptimizerHook(**optimizer_config, …) whatever optimizer_config's
    /// `type` (TypeError); mmseg, and a package hookmigrate cannot name, read the typed hook as written.
    @Test func aTypedHookNextToFp16IsRefusedWhereTheScriptMergedIt() throws {
        let typed = ConfigMapping(["type": ConfigNode(.string("Fp16OptimizerHook")), "loss_scale": ConfigNode(.float(512))])
        let fp16 = ConfigMapping(["loss_scale": ConfigNode(.float(256))])
        #expect(LegacyOptimizerHook.refusals(typed, fp16: fp16, merge: .whole).count == 1)
        #expect(LegacyOptimizerHook.refusals(typed, fp16: fp16, merge: .lossScaleOnly).count == 1)
        #expect(LegacyOptimizerHook.refusals(typed, fp16: fp16, merge: .wholeUnlessTyped).isEmpty)
        #expect(LegacyOptimizerHook.refusals(typed, fp16: fp16, merge: .ignored).isEmpty)
        #expect(LegacyOptimizerHook.refusals(typed, fp16: nil, merge: .whole).isEmpty)
    }
}
