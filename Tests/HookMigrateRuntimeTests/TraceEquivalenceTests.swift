import HookMigrateCore
import HookMigrateRuntime
import Testing

/// Legacy and new runs of matching configs are equivalent under named rules; broken ones are not.
@Suite struct TraceEquivalenceTests {
    func legacy(_ yaml: String, n: Int, metrics: [Double]) throws -> Trace {
        let config = try YAMLReader().read(SourceText(path: "old.yaml", text: yaml)).mapping ?? ConfigMapping()
        return try LegacyRunner(config: config, settings: SimulationSettings(itersPerEpoch: n, metrics: MetricSequence(seed: 1, fixed: metrics)), paramHooks: nil).trace(config: "old.yaml")
    }

    func modern(_ yaml: String, n: Int, metrics: [Double]) throws -> Trace {
        let config = try YAMLReader().read(SourceText(path: "new.yaml", text: yaml)).mapping ?? ConfigMapping()
        return try ModernRunner(config: config, settings: SimulationSettings(itersPerEpoch: n, metrics: MetricSequence(seed: 1, fixed: metrics)), schedulers: nil).trace(config: "new.yaml")
    }

    static let oldT5 = """
    runner: {type: EpochBasedRunner, max_epochs: 5}
    optimizer: {type: SGD, lr: 0.02, momentum: 0.9}
    optimizer_config: {grad_clip: null}
    checkpoint_config: {interval: 2, max_keep_ckpts: 1}
    log_config: {interval: 1, hooks: [{type: TextLoggerHook}]}
    evaluation: {interval: 1, save_best: acc}
    data: {val: {type: X}}
    """

    static func newT5(interval: Int = 2, valInterval: Int = 1) -> String {
        """
        optim_wrapper: {type: OptimWrapper, optimizer: {type: SGD, lr: 0.02, momentum: 0.9}}
        train_cfg: {type: EpochBasedTrainLoop, max_epochs: 5, val_interval: \(valInterval)}
        val_cfg: {type: ValLoop}
        val_dataloader: {batch_size: 1}
        val_evaluator: {type: Accuracy}
        default_hooks:
          logger: {type: LoggerHook, interval: 1}
          checkpoint: {type: CheckpointHook, interval: \(interval), max_keep_ckpts: 1, save_best: acc}
        """
    }

    @Test func t5IsEquivalentUnderRules() throws {
        let metrics = [0.1, 0.3, 0.2, 0.5, 0.4]
        let verdict = TraceEquivalence().compare(legacy: try legacy(Self.oldT5, n: 2, metrics: metrics),
                                                 new: try modern(Self.newT5(), n: 2, metrics: metrics), iterationRun: false)
        #expect(verdict.isEquivalent, "\(String(describing: verdict.divergence))")
        #expect(verdict.rulesUsed[.r7] == 2)
        #expect(verdict.rulesUsed[.r6] != nil)
        #expect(verdict.rulesUsed[.r1] != nil)
    }

    @Test func aChangedCheckpointIntervalIsCaught() throws {
        let metrics = [0.1, 0.3, 0.2, 0.5, 0.4]
        let verdict = TraceEquivalence().compare(legacy: try legacy(Self.oldT5, n: 2, metrics: metrics),
                                                 new: try modern(Self.newT5(interval: 3), n: 2, metrics: metrics), iterationRun: false)
        #expect(verdict.divergence?.stream == "checkpoints")
    }

    @Test func aChangedValIntervalIsCaught() throws {
        let metrics = [0.1, 0.3, 0.2, 0.5, 0.4]
        let verdict = TraceEquivalence().compare(legacy: try legacy(Self.oldT5, n: 2, metrics: metrics),
                                                 new: try modern(Self.newT5(valInterval: 2), n: 2, metrics: metrics), iterationRun: false)
        #expect(verdict.divergence?.stream == "evaluations")
    }

    @Test func t8cExtraFinalValidationIsR4() throws {
        let old = """
        runner: {type: EpochBasedRunner, max_epochs: 5}
        optimizer_config: {}
        evaluation: {interval: 2}
        data: {val: {type: X}}
        """
        let new = """
        train_cfg: {type: EpochBasedTrainLoop, max_epochs: 5, val_interval: 2}
        optim_wrapper: {type: OptimWrapper, optimizer: {type: SGD, lr: 0.01, momentum: 0.9}}
        val_cfg: {type: ValLoop}
        val_dataloader: {batch_size: 1}
        val_evaluator: {type: Accuracy}
        default_hooks: {checkpoint: null, logger: {type: LoggerHook, interval: 1000}}
        """
        let verdict = TraceEquivalence().compare(legacy: try legacy(old, n: 2, metrics: [0.5]), new: try modern(new, n: 2, metrics: [0.5]), iterationRun: false)
        #expect(verdict.isEquivalent, "\(String(describing: verdict.divergence))")
        #expect(verdict.rulesUsed[.r4] == 1)
        #expect(verdict.rulesUsed[.r9] != nil)
    }
}

/// The comparison streams: it holds only what one run is ahead of the other, reports the first divergence
/// in time with context, and reports runs that drift apart beyond its window as a divergence.
@Suite struct StreamingEquivalenceTests {
    static let legacyYAML = """
    runner: {type: EpochBasedRunner, max_epochs: 3}
    optimizer: {type: SGD, lr: 0.02, momentum: 0.9}
    optimizer_config: {grad_clip: null}
    lr_config: {policy: step, step: [2]}
    checkpoint_config: {interval: 1}
    log_config: {interval: 7, hooks: [{type: TextLoggerHook}]}
    evaluation: {interval: 1, save_best: acc}
    custom_hooks: [{type: EMAHook, momentum: 0.001, priority: 49}]
    data: {val: {type: X}}
    """

    static func newYAML(logInterval: Int = 7, milestone: Int = 2) -> String {
        """
        optim_wrapper: {type: OptimWrapper, optimizer: {type: SGD, lr: 0.02, momentum: 0.9}}
        param_scheduler:
        - {type: MultiStepLR, milestones: [\(milestone)], gamma: 0.1, by_epoch: true}
        train_cfg: {type: EpochBasedTrainLoop, max_epochs: 3, val_interval: 1}
        val_cfg: {type: ValLoop}
        val_dataloader: {batch_size: 1}
        val_evaluator: {type: Accuracy}
        default_hooks:
          logger: {type: LoggerHook, interval: \(logInterval)}
          checkpoint: {type: CheckpointHook, interval: 1, save_best: acc}
        custom_hooks: [{type: EMAHook, momentum: 0.001, priority: 49}]
        """
    }

    func runners(_ new: String, n: Int) throws -> (LegacyRunner, ModernRunner) {
        let old = try YAMLReader().read(SourceText(path: "old.yaml", text: Self.legacyYAML)).mapping ?? ConfigMapping()
        let converted = try YAMLReader().read(SourceText(path: "new.yaml", text: new)).mapping ?? ConfigMapping()
        let settings = SimulationSettings(itersPerEpoch: n)
        return (try LegacyRunner(config: old, settings: settings, paramHooks: SimulatedSchedules.legacy),
                try ModernRunner(config: converted, settings: settings, schedulers: SimulatedSchedules.modern))
    }

    @Test func aLongRunIsComparedHoldingOnlyAFewEvents() throws {
        let (old, new) = try runners(Self.newYAML(), n: 20_000)
        let verdict = try TraceEquivalence().compare(legacy: old, new: new, iterationRun: false)
        #expect(verdict.isEquivalent)
        // 60,000 iterations, ~240,000 events a side: the runs never get more than one unit of work apart.
        #expect(verdict.peakPending <= 8)
    }

    @Test func theFirstDivergenceInTimeIsReportedWithContext() throws {
        let (old, new) = try runners(Self.newYAML(milestone: 1), n: 5)
        let verdict = try TraceEquivalence().compare(legacy: old, new: new, iterationRun: false)
        let divergence = try #require(verdict.divergence)
        #expect(divergence.stream == "schedule")
        let first = try #require(divergence.diff.divergence)
        #expect(first.before.count == 3)
        #expect(first.left.first?.event.kind == .optimStep && first.left.first?.event.epoch == 1)
        #expect(first.reason.hasPrefix("value 0:"))
        #expect(first.left.count == 4 && first.right.count == 4)
        // The summary counts every event of the stream, after the divergence too.
        #expect(divergence.diff.countsLeft[.optimStep] == 15)
    }

    @Test func runsThatDriftApartBeyondTheWindowDiverge() throws {
        // The new run never logs (interval longer than the run); the legacy run logs every 7 iterations.
        let (old, new) = try runners(Self.newYAML(logInterval: 1_000), n: 50)
        let verdict = try TraceEquivalence(window: 4).compare(legacy: old, new: new, iterationRun: false)
        let divergence = try #require(verdict.divergence)
        #expect(divergence.stream == "logs")
        #expect(divergence.diff.divergence?.reason.contains("have no counterpart in the other, which has none in this stream so far") == true)
    }
}
