import Foundation
@testable import HookMigrate
import HookMigrateCore
import Testing

/// The checkpoint_config, log_config and custom_hooks rules: what the golden fixtures cannot show (errors,
/// user rule files, the evaluation rule's keys, evaluation-dependent reorderings).
@Suite struct HookRulesTests {
    static func legacy(_ yaml: String) throws -> ConfigMapping {
        let node = try YAMLReader().read(SourceText(path: "test.yaml", text: yaml))
        return try node.mapping("<root>")
    }

    static func convert(_ yaml: String, options: MigrationOptions = MigrationOptions()) throws -> TranslationResult {
        try Translator(options: options).translate(legacy(yaml), at: SourceLocation(file: "test.yaml", line: 1, column: 1))
    }

    static func records(_ result: TranslationResult, rule: String, _ kind: MigrationRecord.Kind? = nil) -> [MigrationRecord] {
        result.report.records.filter { $0.rule == rule && (kind == nil || $0.kind == kind) }
    }

    /// The records of one kind of record.
    static func records(_ result: TranslationResult, _ code: some RecordCode) -> [MigrationRecord] {
        result.report.records.filter { $0.id == code.id }
    }

    typealias Hooks = CustomHooksRule.Records
    typealias Checkpoint = CheckpointConfigRule.Records

    static func defaultHook(_ result: TranslationResult, _ name: String) -> ConfigNode? {
        result.config.mapping?["default_hooks"]?.mapping?[name]
    }

    static func customHooks(_ result: TranslationResult) -> [ConfigMapping] {
        result.config.mapping?["custom_hooks"]?.list?.items.compactMap(\.mapping) ?? []
    }

    /// A context as the registry leaves it just before the checkpoint rule: the runner rule has run.
    static func context(_ yaml: String) throws -> MigrationContext {
        var context = MigrationContext(legacy: try legacy(yaml), at: SourceLocation(file: "test.yaml", line: 1, column: 1),
                                       options: MigrationOptions())
        try RunnerRule.apply(to: &context)
        return context
    }

    // MARK: custom_hooks: user rule files

    @Test func userRulesAddAHookType() throws {
        let rules = try HookRuleTable.parse(SourceText(path: "my-hooks.yaml", text: """
        hooks:
          MyOldHook:
            type: MyNewHook
            rename: {old_arg: new_arg}
            drop: {verbose: "MyNewHook logs through the runner's logger"}
            set: {flag: true}
            warning: "check MyNewHook's defaults"
        """))
        let result = try Self.convert("""
        runner: {type: EpochBasedRunner, max_epochs: 2}
        checkpoint_config: {interval: 1}
        custom_hooks:
        - {type: MyOldHook, old_arg: 3, verbose: true, priority: 40}
        """, options: MigrationOptions(extraHookRules: rules))
        let hooks = Self.customHooks(result)
        #expect(hooks.count == 1)
        #expect(hooks.first?["type"] == ConfigNode(.string("MyNewHook")))
        #expect(hooks.first?["new_arg"] == ConfigNode(.int(3)))
        #expect(hooks.first?["old_arg"] == nil)
        #expect(hooks.first?["verbose"] == nil)
        #expect(hooks.first?["flag"] == ConfigNode(.bool(true)))
        #expect(hooks.first?["priority"] == ConfigNode(.int(40)))
        #expect(hooks.first?.keys.map(\.description) == ["'type'", "'new_arg'", "'priority'", "'flag'"])
        let warnings = Self.records(result, rule: "custom_hooks", .warning)
        #expect(warnings.map(\.id) == [Hooks.argumentDropped.id, Hooks.convertedByRule.id])
        // The records quote the rules file's reasons.
        #expect(warnings.contains { $0.legacyPath == "custom_hooks[0].verbose" && $0.message.contains("runner's logger") })
        #expect(warnings.contains { $0.message.contains("check MyNewHook's defaults") && $0.message.contains("your rules file") })
    }

    @Test func userRulesOverrideTheBundledTableAndTheEMALogic() throws {
        let rules = try HookRuleTable.parse(SourceText(path: "my-hooks.yaml", text: """
        hooks:
          EmptyCacheHook:
            manual: "our cluster forbids it"
          EMAHook:
            set: {ema_type: StochasticWeightAverage}
        """))
        let result = try Self.convert("""
        runner: {type: EpochBasedRunner, max_epochs: 2}
        checkpoint_config: {interval: 1}
        custom_hooks:
        - {type: EmptyCacheHook}
        - {type: EMAHook, priority: 49}
        """, options: MigrationOptions(extraHookRules: rules))
        let hooks = Self.customHooks(result)
        #expect(hooks.count == 1)
        #expect(hooks.first?["ema_type"] == ConfigNode(.string("StochasticWeightAverage")))
        let manual = Self.records(result, rule: "custom_hooks", .manualStep)
        #expect(manual.map(\.id) == [Hooks.manualHook.id])
        // The record quotes the rules file's reason.
        #expect(manual.first?.message.contains("our cluster forbids it") == true)
        #expect(Self.records(result, rule: "custom_hooks", .nonEquivalence).isEmpty)
    }

    // MARK: custom_hooks: errors

    @Test(arguments: ["101", "-1", "'sometimes'", "1.5", "true", "[NORMAL]"])
    func badPrioritiesAreLocatedErrors(_ priority: String) throws {
        let yaml = """
        runner: {type: EpochBasedRunner, max_epochs: 2}
        custom_hooks:
        - {type: EmptyCacheHook, priority: \(priority)}
        """
        do {
            _ = try Self.convert(yaml)
            Issue.record("priority \(priority) was accepted")
        } catch let error as ConfigError {
            #expect(error.location?.line == 3)
            #expect(error.message.contains("custom_hooks[0].priority"))
        }
    }

    @Test(arguments: ["low", "Very_High", "LOWEST", "0", "100"])
    func goodPrioritiesAreKeptAsWritten(_ priority: String) throws {
        let result = try Self.convert("""
        runner: {type: EpochBasedRunner, max_epochs: 2}
        custom_hooks:
        - {type: EmptyCacheHook, priority: \(priority)}
        """)
        let written = Self.customHooks(result).first?["priority"]
        #expect(written?.description == (Int(priority).map(String.init) ?? "'\(priority)'"))
    }

    @Test func emaMomentumOutsideTheOpenIntervalIsAnError() throws {
        for momentum in ["0", "1", "1.5"] {
            #expect(throws: ConfigError.self) {
                _ = try Self.convert("""
                runner: {type: EpochBasedRunner, max_epochs: 2}
                custom_hooks:
                - {type: EMAHook, momentum: \(momentum)}
                """)
            }
        }
        #expect(throws: ConfigError.self) {
            _ = try Self.convert("""
            runner: {type: EpochBasedRunner, max_epochs: 2}
            custom_hooks:
            - {type: EMAHook, interval: 0}
            """)
        }
    }

    @Test func aNonStringTypeIsAnError() {
        #expect(throws: ConfigError.self) {
            _ = try Self.convert("""
            runner: {type: EpochBasedRunner, max_epochs: 2}
            custom_hooks:
            - {type: 3}
            """)
        }
    }

    // MARK: custom_hooks: reorderings that depend on evaluation

    @Test func aHookAfterTheEvaluationIsReported() throws {
        let result = try Self.convert("""
        runner: {type: EpochBasedRunner, max_epochs: 2}
        checkpoint_config: {interval: 1}
        evaluation: {interval: 1, metric: bbox}
        custom_hooks:
        - {type: ReadsMetricsHook, priority: 80}
        - {type: LateHook, priority: VERY_LOW}
        - {type: EarlyHook, priority: 40}
        """)
        let order = Self.records(result, Hooks.priorityOrder)
        #expect(order.count == 2)
        let first = order.first { $0.legacyPath == "custom_hooks[0]" }
        #expect(first?.message.contains("after the regular checkpoint save in MMCV") == true)
        #expect(first?.message.contains("after the evaluation in MMCV") == true)
        let second = order.first { $0.legacyPath == "custom_hooks[1]" }
        #expect(second?.message.contains("checkpoint save") == false)
        #expect(second?.message.contains("X1") == true)
    }

    @Test func dataValAloneMeansTheLegacyRunEvaluated() throws {
        let result = try Self.convert("""
        runner: {type: EpochBasedRunner, max_epochs: 2}
        checkpoint_config: null
        data: {val: {type: CocoDataset}}
        custom_hooks:
        - {type: LateHook, priority: 95}
        """)
        let order = Self.records(result, Hooks.priorityOrder)
        #expect(order.count == 1)
        #expect(order.first?.message.contains("before validation in MMEngine") == true)
    }

    @Test func emaAfterCheckpointAndEvaluationIsX4() throws {
        let result = try Self.convert("""
        runner: {type: EpochBasedRunner, max_epochs: 2}
        checkpoint_config: {interval: 1}
        evaluation: {interval: 1}
        custom_hooks:
        - {type: EMAHook, priority: 80}
        """)
        let x4 = Self.records(result, Hooks.emaSwapOrder)
        #expect(x4.map(\.kind) == [.nonEquivalence])
        #expect(x4.first?.message.contains("X4") == true)
        #expect(x4.first?.deviation == "saved state_dict and evaluated weights: raw (MMCV) vs EMA (MMEngine)")
    }

    @Test func emaMomentumIsRaisedToTheIntervalAsMMCVDid() throws {
        let result = try Self.convert("""
        runner: {type: EpochBasedRunner, max_epochs: 2}
        custom_hooks:
        - {type: EMAHook, momentum: 0.01, interval: 3, priority: 40}
        """)
        let hook = Self.customHooks(result).first
        #expect(hook?["momentum"] == ConfigNode(.float(pow(0.01, 3.0))))
        #expect(hook?["interval"] == ConfigNode(.int(3)))
        #expect(hook?["ema_type"] == ConfigNode(.string("ExponentialMovingAverage")))
    }

    @Test func customHooksNullOrEmptyWriteNothing() throws {
        for value in ["null", "[]"] {
            let result = try Self.convert("""
            runner: {type: EpochBasedRunner, max_epochs: 2}
            custom_hooks: \(value)
            """)
            #expect(result.config.mapping?["custom_hooks"] == nil)
            #expect(Self.records(result, rule: "custom_hooks").map(\.id) == [value == "null" ? Hooks.noneDropped.id : Hooks.emptyDropped.id])
        }
    }

    // MARK: checkpoint_config and the evaluation rule's keys

    @Test func evaluationKeysAreMergedIntoTheCheckpointHook() throws {
        var context = try Self.context("""
        runner: {type: EpochBasedRunner, max_epochs: 12}
        checkpoint_config: {interval: 1, max_keep_ckpts: 3}
        """)
        var best = ConfigMapping()
        best["save_best"] = ConfigNode(.string("auto"))
        best["rule"] = ConfigNode(.string("greater"))
        context.setDefaultHook("checkpoint", ConfigNode(best))
        try CheckpointConfigRule.apply(to: &context)
        let hook = context.defaultHook("checkpoint")?.mapping
        #expect(hook?.keys.compactMap(\.stringValue) == ["type", "interval", "max_keep_ckpts", "save_best", "rule"])
        // On the grid (12 % 1 == 0), but best re-saves take retention slots (R7): still reported.
        let r6 = context.records.filter { $0.legacyPath == "checkpoint_config.max_keep_ckpts" }
        #expect(r6.map(\.id) == [Checkpoint.maxKeepOffGrid.id])
        #expect(r6.first?.message.contains("R7") == true)
    }

    @Test func bestCheckpointsWithoutCheckpointConfigSaveNoRegularOnes() throws {
        for source in ["checkpoint_config: null\n", ""] {
            var context = try Self.context("runner: {type: IterBasedRunner, max_iters: 100}\n" + source)
            var best = ConfigMapping()
            best["save_best"] = ConfigNode(.string("mIoU"))
            context.setDefaultHook("checkpoint", ConfigNode(best))
            try CheckpointConfigRule.apply(to: &context)
            let hook = context.defaultHook("checkpoint")?.mapping
            #expect(hook?["interval"] == ConfigNode(.int(-1)))
            #expect(hook?["save_last"] == ConfigNode(.bool(false)))
            #expect(hook?["by_epoch"] == ConfigNode(.bool(false)))
            #expect(hook?["save_best"] == ConfigNode(.string("mIoU")))
            #expect(context.records.filter { $0.rule == "checkpoint_config" }.map(\.id) == [Checkpoint.bestOnly.id])
        }
    }

    @Test func conflictingOutDirKeepsTheCheckpointConfigOne() throws {
        var context = try Self.context("""
        runner: {type: EpochBasedRunner, max_epochs: 12}
        checkpoint_config: {interval: 1, out_dir: /a}
        """)
        var best = ConfigMapping()
        best["save_best"] = ConfigNode(.string("auto"))
        best["out_dir"] = ConfigNode(.string("/b"))
        context.setDefaultHook("checkpoint", ConfigNode(best))
        try CheckpointConfigRule.apply(to: &context)
        #expect(context.defaultHook("checkpoint")?.mapping?["out_dir"] == ConfigNode(.string("/a")))
        #expect(context.records.contains { $0.id == Checkpoint.conflictsWithEvaluation.id && $0.kind == .warning && $0.legacyPath == "checkpoint_config.out_dir" })
    }

    // MARK: checkpoint_config: edge cases

    @Test func withoutARunnerByEpochIsLeftAsWritten() throws {
        let result = try Self.convert("checkpoint_config: {interval: 1}\n")
        #expect(Self.defaultHook(result, "checkpoint")?.mapping?["by_epoch"] == nil)
        #expect(Self.records(result, rule: "checkpoint_config").map(\.id) == [Checkpoint.converted.id])
    }

    @Test func intervalZeroWithRetentionIsAManualStep() throws {
        let result = try Self.convert("""
        runner: {type: EpochBasedRunner, max_epochs: 4}
        checkpoint_config: {interval: 0, max_keep_ckpts: 2}
        """)
        #expect(Self.defaultHook(result, "checkpoint")?.mapping?["max_keep_ckpts"] == nil)
        #expect(Self.records(result, rule: "checkpoint_config", .manualStep).map(\.id) == [Checkpoint.maxKeepWithZeroInterval.id])
    }

    @Test func byIterationInAnEpochRunnerWithLOnTheGridIsQuiet() throws {
        var options = MigrationOptions()
        options.itersPerEpoch = 10
        let result = try Self.convert("""
        runner: {type: EpochBasedRunner, max_epochs: 3}
        log_config:
          interval: 5
          hooks: [{type: TextLoggerHook, by_epoch: false}]
        """, options: options)
        #expect(Self.records(result, rule: "log_config", .warning).isEmpty)
    }

    @Test func wrongTypesAreLocatedErrors() {
        for yaml in ["checkpoint_config: {interval: '1'}", "checkpoint_config: [1]", "checkpoint_config: {by_epoch: 1}",
                     "log_config: {interval: 1.5, hooks: []}", "log_config: {interval: 10, hooks: {type: TextLoggerHook}}",
                     "log_config: {interval: 10, hooks: [{type: TextLoggerHook, ignore_last: 'no'}]}"] {
            #expect(throws: ConfigError.self, "\(yaml)") {
                _ = try Self.convert("runner: {type: EpochBasedRunner, max_epochs: 2}\n" + yaml + "\n")
            }
        }
    }

    // MARK: log_config

    @Test func fileClientArgsWithoutOutDirIsAnError() {
        #expect(throws: ConfigError.self) {
            _ = try Self.convert("""
            runner: {type: EpochBasedRunner, max_epochs: 2}
            log_config:
              interval: 10
              hooks: [{type: TextLoggerHook, file_client_args: {backend: disk}}]
            """)
        }
    }

    @Test func missingIntervalOrHooksIsAManualStepAndWritesNothing() throws {
        for body in ["{hooks: [{type: TextLoggerHook}]}", "{interval: 10}"] {
            let result = try Self.convert("""
            runner: {type: EpochBasedRunner, max_epochs: 2}
            log_config: \(body)
            """)
            #expect(Self.records(result, rule: "log_config").map(\.id) == [LogConfigRule.Records.rejected.id])
            #expect(result.config.mapping?["log_processor"] == nil)
            #expect(Self.defaultHook(result, "logger")?.mapping?["interval"] == nil)
            #expect(result.config.mapping?["log_config"] == nil)
        }
    }

    @Test func emptyHooksRemoveTheLogger() throws {
        let result = try Self.convert("""
        runner: {type: EpochBasedRunner, max_epochs: 2}
        log_config: {interval: 10, hooks: []}
        """)
        #expect(Self.defaultHook(result, "logger")?.isNull == true)
        #expect(result.config.mapping?["visualizer"] == nil)
    }

    @Test func onlyABackendLoggerStillDrivesTheLoggerHook() throws {
        let result = try Self.convert("""
        runner: {type: IterBasedRunner, max_iters: 1000}
        log_config:
          interval: 10
          hooks: [{type: TensorboardLoggerHook, interval: 20}]
        """)
        #expect(Self.defaultHook(result, "logger")?.mapping?["interval"] == ConfigNode(.int(20)))
        let processor = result.config.mapping?["log_processor"]?.mapping
        #expect(processor?["window_size"] == ConfigNode(.int(20)))
        #expect(processor?["by_epoch"] == ConfigNode(.bool(false)))
        let backends = result.config.mapping?["visualizer"]?.mapping?["vis_backends"]?.list?.items
        #expect(backends?.compactMap { $0.mapping?["type"]?.scalar?.stringValue } == ["TensorboardVisBackend"])
    }

    @Test func everyLegacyKeyIsConsumed() throws {
        let result = try Self.convert("""
        runner: {type: EpochBasedRunner, max_epochs: 2}
        checkpoint_config: {interval: 1, create_symlink: true}
        log_config: {interval: 10, hooks: [{type: TextLoggerHook}, {type: PaviLoggerHook}]}
        custom_hooks: [{type: ClosureHook, fn_name: after_run, fn: f}]
        """)
        for key in ["checkpoint_config", "log_config", "custom_hooks"] {
            #expect(result.config.mapping?[key] == nil, "\(key) survived")
        }
    }
}
