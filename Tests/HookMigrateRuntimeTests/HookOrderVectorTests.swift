import HookMigrateCore
@testable import HookMigrateRuntime
import Testing

/// runners-and-hooks.md T11: custom hook priorities and ties, as each runner registers them.
@Suite struct HookOrderVectorTests {
    static let customHooks = """
    custom_hooks:
    - {type: TagA}
    - {type: TagB, priority: LOW}
    - {type: TagC, priority: 49}
    - {type: TagD, priority: NORMAL}
    - {type: TagE, priority: VERY_LOW}
    - {type: TagF, priority: HIGHEST}
    """

    @Test func t11Legacy() throws {
        let config = try YAMLReader().read(SourceText(path: "t.yaml", text: """
        runner: {type: EpochBasedRunner, max_epochs: 1}
        lr_config: {policy: fixed}
        optimizer_config: {}
        checkpoint_config: {interval: 1}
        log_config: {interval: 1, hooks: [{type: TextLoggerHook}]}
        evaluation: {interval: 1}
        data: {val: {type: X}}
        """ + "\n" + Self.customHooks)).mapping ?? ConfigMapping()
        let runner = try LegacyRunner(config: config, settings: SimulationSettings(itersPerEpoch: 1, distributed: true),
                                      paramHooks: SimulatedSchedules.legacy)
        #expect(runner.hooks.map(\.name) == ["TagF", "LrUpdaterHook", "OptimizerHook", "TagC", "CheckpointHook", "TagA", "TagD",
                                             "DistSamplerSeedHook", "IterTimerHook", "TagB", "EvalHook", "TextLoggerHook", "TagE"])
    }

    @Test func t11New() throws {
        let config = try YAMLReader().read(SourceText(path: "t.yaml", text: """
        train_cfg: {type: EpochBasedTrainLoop, max_epochs: 1}
        """ + "\n" + Self.customHooks)).mapping ?? ConfigMapping()
        let runner = try ModernRunner(config: config, settings: SimulationSettings(itersPerEpoch: 1), schedulers: nil)
        #expect(runner.hooks.map(\.name) == ["TagF", "RuntimeInfoHook", "TagC", "IterTimerHook", "DistSamplerSeedHook", "TagA", "TagD",
                                             "LoggerHook", "ParamSchedulerHook", "TagB", "CheckpointHook", "TagE"])
    }
}
