import Foundation
@testable import HookMigrate
import HookMigrateCore
import Testing

/// Which world a config belongs to (`ConfigWorld`): MMEngine configs come back unchanged, configs that mix
/// both worlds are refused with a located `mixed-config` error.
@Suite struct IdempotenceTests {
    static func world(_ yaml: String) throws -> ConfigWorld { ConfigWorld.of(try HookRulesTests.legacy(yaml)) }

    @Test func anMMEngineConfigComesBackUnchanged() throws {
        let yaml = """
        default_scope: mmdet
        model: {type: RetinaNet}
        optim_wrapper: {type: OptimWrapper, optimizer: {type: SGD, lr: 0.01}}
        train_cfg: {type: EpochBasedTrainLoop, max_epochs: 12}
        default_hooks: {checkpoint: null}
        custom_hooks: [{type: NumClassCheckHook}]
        load_from: null
        log_level: INFO
        """
        let result = try HookRulesTests.convert(yaml)
        #expect(result.status == .alreadyMMEngine(keys: ["optim_wrapper", "train_cfg", "default_hooks"]))
        #expect(result.config == ConfigNode(try HookRulesTests.legacy(yaml)))
        #expect(ReportRenderer.text(result.report) == "hookmigrate report for test.yaml: already MMEngine-style: nothing to convert (it has MMEngine keys, `optim_wrapper`, `train_cfg`, `default_hooks`, and no MMCV 1.x key)\n")
        #expect(try ReportRenderer.json(result.report).contains("\"status\": \"already-mmengine\""))
    }

    @Test func aMixedConfigIsRefusedWithEveryKeyLocated() throws {
        let yaml = """
        optimizer: {type: SGD, lr: 0.02}
        optim_wrapper: {optimizer: {type: SGD, lr: 0.01}}
        train_cfg: {rpn: {nms_pre: 2000}}
        lr_config: {policy: step, step: [8, 11]}
        param_scheduler: [{type: MultiStepLR, milestones: [8, 11]}]
        """
        #expect(throws: ConfigError.self) { try HookRulesTests.convert(yaml) }
        do {
            _ = try HookRulesTests.convert(yaml)
        } catch let error as ConfigError {
            #expect(error.code == .mixedConfig)
            #expect(error.code.rawValue == "mixed-config")
            #expect(error.location == SourceLocation(file: "test.yaml", line: 3, column: 1))
            #expect(error.message.hasPrefix("this config mixes MMCV 1.x keys (`train_cfg` holding model settings, `lr_config`) with MMEngine keys (`optim_wrapper`, `param_scheduler`)"))
            // `optimizer` beside optim_wrapper is a variable MMEngine ignores, not a conflict.
            #expect(error.notes.map(\.message) == ["MMCV 1.x key `train_cfg` holding model settings", "MMCV 1.x key `lr_config`",
                                                  "MMEngine key `optim_wrapper`", "MMEngine key `param_scheduler`"])
            #expect(error.notes.map { $0.location?.line } == [3, 4, 2, 5])
        }
    }

    @Test func sharedKeysAndLoopShapes() throws {
        // Only shared keys: converted as before (a legacy config).
        #expect(try Self.world("model: {type: RetinaNet}\ncustom_hooks: []\nload_from: null\ndefault_scope: mmdet\nauto_scale_lr: {base_batch_size: 16}") == .legacy)
        // mmdet 2.x / mmedit model settings at the top level are legacy, loops are MMEngine, empty ones say nothing.
        #expect(try Self.world("train_cfg: {rpn: {}}\ntest_cfg: {metrics: [PSNR]}") == .legacy)
        #expect(try Self.world("train_cfg: {by_epoch: true, max_epochs: 12}\ntest_cfg: {}") == .mmengine(keys: ["train_cfg"], ignored: []))
        #expect(try Self.world("train_cfg: {type: IterBasedTrainLoop, max_iters: 10}\nval_cfg: {type: ValLoop}") == .mmengine(keys: ["train_cfg", "val_cfg"], ignored: []))
        #expect(try Self.world("optim_wrapper: {}\ntest_cfg: {rcnn: {score_thr: 0.05}}") == .mixed(legacy: ["test_cfg"], mmengine: ["optim_wrapper"]))
        // Variables MMEngine-era configs define: the same value is silent, another value is listed as ignored.
        #expect(try Self.world("optimizer: {lr: 1}\noptim_wrapper: {optimizer: {lr: 1}}") == .mmengine(keys: ["optim_wrapper"], ignored: []))
        #expect(try Self.world("cudnn_benchmark: true\nenv_cfg: {cudnn_benchmark: false}") == .mmengine(keys: ["env_cfg"], ignored: ["cudnn_benchmark"]))
        #expect(try Self.world("cudnn_benchmark: true\noptim_wrapper: {}") == .mixed(legacy: ["cudnn_benchmark"], mmengine: ["optim_wrapper"]))
        // MMEngine reads a top-level find_unused_parameters itself.
        #expect(try Self.world("find_unused_parameters: true\noptim_wrapper: {}") == .mmengine(keys: ["optim_wrapper"], ignored: []))
        let ignored = try HookRulesTests.convert("cudnn_benchmark: true\nenv_cfg: {cudnn_benchmark: false}")
        #expect(ReportRenderer.text(ignored.report).contains("test.yaml:1:1: cudnn_benchmark -> env_cfg.cudnn_benchmark: kept unchanged; MMEngine does not read `cudnn_benchmark` (True), only `env_cfg.cudnn_benchmark` (False) [already-mmengine/ignored-key]"))
    }
}
