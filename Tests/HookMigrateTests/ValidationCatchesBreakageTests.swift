import Foundation
import HookMigrate
import HookMigrateCore
import HookMigrateRuntime
import HookMigrateTestSupport
import Testing

/// The proof step can fail: a correct conversion validates, and each deliberate breakage of it is caught.
@Suite struct ValidationCatchesBreakageTests {
    static let legacyText = """
    optimizer: {type: SGD, lr: 0.02, momentum: 0.9}
    optimizer_config: {grad_clip: null}
    lr_config: {policy: step, warmup: linear, warmup_iters: 15, warmup_ratio: 0.001, step: [8, 11]}
    runner: {type: EpochBasedRunner, max_epochs: 12}
    checkpoint_config: {interval: 1, max_keep_ckpts: 3}
    log_config: {interval: 5, hooks: [{type: TextLoggerHook}]}
    evaluation: {interval: 1, metric: accuracy, save_best: auto}
    custom_hooks: [{type: EMAHook, momentum: 0.001, priority: 49}]
    data: {samples_per_gpu: 2, workers_per_gpu: 2, train: {type: ImageNet}, val: {type: ImageNet}}
    """

    func legacy(_ text: String = legacyText) throws -> ConfigMapping {
        try YAMLReader().read(SourceText(path: "old.yaml", text: text)).mapping ?? ConfigMapping()
    }

    func converted(_ legacy: ConfigMapping) throws -> ConfigMapping {
        let result = try Translator(options: MigrationOptions(itersPerEpoch: 10)).translate(legacy, at: SourceLocation(file: "old.yaml", line: 1, column: 1))
        return result.config.mapping ?? ConfigMapping()
    }

    func outcome(_ legacy: ConfigMapping, _ converted: ConfigMapping) -> Validator.Outcome {
        Validator(settings: SimulationSettings(itersPerEpoch: 10)).validate(legacy: legacy, converted: converted, name: "old.yaml").outcome
    }

    func stream(_ outcome: Validator.Outcome) -> String? {
        if case .notEquivalent(let divergence, _) = outcome { return divergence.stream }
        return nil
    }

    /// Rewrites one value of the converted config at a path.
    func mutate(_ config: ConfigMapping, _ path: ConfigPath, _ value: ConfigNode) -> ConfigMapping {
        func set(_ node: ConfigNode, _ components: ArraySlice<ConfigPath.Component>) -> ConfigNode {
            guard let first = components.first else { return value }
            switch (first, node.value) {
            case (.key(let key), .mapping(var mapping)):
                mapping[key] = set(mapping[key] ?? ConfigNode(ConfigMapping()), components.dropFirst())
                return ConfigNode(mapping, at: node.location)
            case (.index(let index), .list(var list)) where list.items.indices.contains(index):
                list.items[index] = set(list.items[index], components.dropFirst())
                return ConfigNode(list, at: node.location)
            default:
                return node
            }
        }
        return set(ConfigNode(config), path.components[...]).mapping ?? config
    }

    @Test func theCorrectConversionIsEquivalentUnderRules() throws {
        let old = try legacy()
        guard case .equivalent(let rules) = outcome(old, try converted(old)) else {
            Issue.record("expected equivalent, got \(outcome(old, try converted(old)))")
            return
        }
        #expect(rules[.r10] != nil)
    }

    @Test func aMovedMilestoneIsCaught() throws {
        let old = try legacy()
        let new = try converted(old)
        let index = try #require(new["param_scheduler"]?.list?.items.firstIndex { $0.mapping?["type"]?.scalar == .string("MultiStepLR") })
        let broken = mutate(new, ConfigPath("param_scheduler").appending(index: index).appending("milestones"),
                            ConfigNode(ConfigList([ConfigNode(.int(9)), ConfigNode(.int(11))])))
        #expect(stream(outcome(old, broken)) == "schedule")
    }

    @Test func aDroppedWarmupIsCaught() throws {
        let old = try legacy()
        var new = try converted(old)
        var schedulers = try #require(new["param_scheduler"]?.list)
        schedulers.items.removeAll { $0.mapping?["type"]?.scalar == .string("LinearLR") }
        new["param_scheduler"] = ConfigNode(schedulers)
        #expect(stream(outcome(old, new)) == "schedule")
    }

    @Test func aChangedCheckpointIntervalIsCaught() throws {
        let old = try legacy()
        let broken = mutate(try converted(old), "default_hooks.checkpoint.interval", ConfigNode(.int(2)))
        #expect(stream(outcome(old, broken)) == "checkpoints")
    }

    @Test func aChangedValidationIntervalIsCaught() throws {
        let old = try legacy()
        let broken = mutate(try converted(old), "train_cfg.val_interval", ConfigNode(.int(2)))
        #expect(stream(outcome(old, broken)) == "evaluations")
    }

    @Test func aChangedLoggerIntervalIsCaught() throws {
        let old = try legacy()
        let broken = mutate(try converted(old), "default_hooks.logger.interval", ConfigNode(.int(3)))
        #expect(stream(outcome(old, broken)) == "logs")
    }

    @Test func aChangedEMAMomentumIsCaught() throws {
        // R10 sets aside only each run's first update (MMEngine copies); later updates compare their momentum,
        // in the bulk path (momentum laws) as in the event path.
        let old = try legacy()
        let broken = mutate(try converted(old), "custom_hooks[0].momentum", ConfigNode(.float(0.002)))
        #expect(stream(outcome(old, broken)) == "ema")
    }

    @Test func anEMAWarmUpThatCapsTheMomentumIsADifference() throws {
        // momentum 0.1 > 1/warm_up: MMCV's first ~11 updates use (1+k)/(100+k); MMEngine has no warm-up (X4).
        let old = try legacy(Self.legacyText.replacingOccurrences(of: "momentum: 0.001, priority: 49", with: "momentum: 0.1, priority: 49"))
        #expect(stream(outcome(old, try converted(old))) == "ema")
        // Once the warm-up no longer caps it (momentum ≤ 1/warm_up from the start), the runs agree.
        let capped = try legacy(Self.legacyText.replacingOccurrences(of: "momentum: 0.001, priority: 49", with: "momentum: 0.01, priority: 49"))
        guard case .equivalent = outcome(capped, try converted(capped)) else {
            Issue.record("expected equivalent at momentum 1/warm_up")
            return
        }
    }

    @Test func aBestSaveTheLegacyRunNeverMadeIsCaughtAtTheExtraFinalValidation() throws {
        // The legacy run never evaluates (interval 13 > 12 epochs) and saves no best file; MMEngine validates
        // once more at the end (R4), and with save_best added it writes a best file there.
        let text = Self.legacyText.replacingOccurrences(of: "evaluation: {interval: 1, metric: accuracy, save_best: auto}", with: "evaluation: {interval: 13, metric: accuracy}")
        let old = try legacy(text)
        let new = try converted(old)
        guard case .equivalent = outcome(old, new) else {
            Issue.record("expected the conversion to be equivalent")
            return
        }
        let broken = mutate(new, "default_hooks.checkpoint.save_best", ConfigNode(.string("auto")))
        #expect(stream(outcome(old, broken)) == "best checkpoints")
    }

    @Test func aSwappedEMAPriorityIsCaught() throws {
        // With priority NORMAL the legacy EMA hook swaps weights after the checkpoint save (T10c): MMCV's
        // checkpoints hold raw weights while MMEngine's hold EMA weights. The converted config is unchanged.
        let old = try legacy()
        let new = try converted(old)
        let swapped = try legacy(Self.legacyText.replacingOccurrences(of: "priority: 49", with: "priority: NORMAL"))
        #expect(stream(outcome(swapped, new)) == "checkpoints")
    }

    @Test func swappingBuiltInHookPrioritiesInTheConvertedConfigHasNoObservableEffect() throws {
        // MMEngine's logger and parameter-scheduler priorities change only the order of bookkeeping calls
        // (runners-and-hooks.md 1.3: the logged lr is the same), so this swap stays equivalent.
        let old = try legacy()
        let broken = mutate(try converted(old), "default_hooks.logger.priority", ConfigNode(.string("LOW")))
        if case .notEquivalent = outcome(old, broken) { Issue.record("a bookkeeping-only priority swap was reported as a divergence") }
    }
}

private extension String {
    func replacingOccurrences(of target: String, with replacement: String) -> String {
        components(separatedBy: target).joined(separator: replacement)
    }
}
