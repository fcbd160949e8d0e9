import HookMigrateCore
import HookMigrateRuntime
import Testing

/// The MMCV adapter runner against runners-and-hooks.md section 9 (hooks other than lr/momentum).
@Suite struct LegacyRunnerTests {
    func run(_ yaml: String, itersPerEpoch: Int, metrics: [Double] = [0.5]) throws -> Trace {
        let config = try YAMLReader().read(SourceText(path: "t.yaml", text: yaml)).mapping ?? ConfigMapping()
        let settings = SimulationSettings(itersPerEpoch: itersPerEpoch, metrics: MetricSequence(seed: 1, fixed: metrics))
        return try LegacyRunner(config: config, settings: settings, paramHooks: nil).trace(config: "t.yaml")
    }

    func texts(_ trace: Trace, _ kind: TraceEventKind) -> [String] {
        trace.events.filter { $0.kind == kind }.compactMap { trace.text(of: $0) }
    }

    func steps(_ trace: Trace, _ kind: TraceEventKind, text: String? = nil) -> [Int] {
        trace.events.filter { $0.kind == kind && (text == nil || trace.text(of: $0) == text) }.map { Int($0.step) }
    }

    @Test func t1CheckpointsByEpoch() throws {
        let trace = try run("""
        runner: {type: EpochBasedRunner, max_epochs: 5}
        optimizer: {type: SGD, lr: 0.02, momentum: 0.9}
        optimizer_config: {grad_clip: null}
        checkpoint_config: {interval: 2, max_keep_ckpts: 2}
        """, itersPerEpoch: 2)
        #expect(texts(trace, .checkpointSave) == ["epoch_2.pth", "epoch_4.pth", "epoch_5.pth"])
        #expect(texts(trace, .checkpointRemove).isEmpty)
        #expect(trace.events.filter { $0.kind == .optimStep }.count == 10)
    }

    @Test func t12IterationRunnerWithEvalByIteration() throws {
        let trace = try run("""
        runner: {type: IterBasedRunner, max_iters: 10}
        optimizer: {type: SGD, lr: 0.02, momentum: 0.9}
        optimizer_config: {}
        checkpoint_config: {interval: 5}
        log_config: {interval: 3, hooks: [{type: TextLoggerHook}]}
        evaluation: {interval: 4, save_best: acc}
        data: {val: {type: X}}
        """, itersPerEpoch: 4, metrics: [0.5, 0.7, 0.6])
        #expect(steps(trace, .evaluation) == [4, 8])
        #expect(texts(trace, .bestSave) == ["best_acc_iter_4.pth", "best_acc_iter_8.pth"])
        #expect(texts(trace, .bestRemove) == ["best_acc_iter_4.pth"])
        #expect(texts(trace, .checkpointSave) == ["iter_5.pth", "iter_10.pth"])
        #expect(steps(trace, .log, text: "train") == [3, 6, 9])
        #expect(steps(trace, .log, text: "val") == [4, 8])
    }

    @Test func e1IterationRunnerCheckpointDefaultsToIterations() throws {
        let trace = try run("""
        runner: {type: IterBasedRunner, max_iters: 6}
        optimizer_config: {}
        checkpoint_config: {interval: 2}
        """, itersPerEpoch: 3)
        #expect(texts(trace, .checkpointSave) == ["iter_2.pth", "iter_4.pth", "iter_6.pth"])
    }

    @Test func t9LoggerIntervalAndIgnoreLast() throws {
        func trainLogs(_ n: Int, _ interval: Int, _ ignoreLast: Bool) throws -> [Int] {
            let trace = try run("""
            runner: {type: EpochBasedRunner, max_epochs: 2}
            log_config: {interval: \(interval), hooks: [{type: TextLoggerHook, ignore_last: \(ignoreLast)}]}
            """, itersPerEpoch: n)
            return steps(trace, .log, text: "train")
        }
        #expect(try trainLogs(5, 2, true) == [2, 4, 2, 4])
        #expect(try trainLogs(5, 2, false) == [2, 4, 5, 2, 4, 5])
        #expect(try trainLogs(3, 5, true).isEmpty)
    }

    @Test func t10EMAUpdatesAndSwaps() throws {
        let trace = try run("""
        runner: {type: EpochBasedRunner, max_epochs: 2}
        optimizer_config: {}
        checkpoint_config: {interval: 1}
        evaluation: {interval: 1}
        custom_hooks: [{type: EMAHook, momentum: 0.1, warm_up: 1, priority: 49}]
        data: {val: {type: X}}
        """, itersPerEpoch: 3)
        #expect(steps(trace, .emaUpdate) == [1, 2, 3, 4, 5, 6])
        // Swap at after_train_epoch comes before the checkpoint (priority 49 < 50) and the evaluation.
        let afterEpoch = trace.events.filter { $0.point == .afterTrainEpoch && $0.kind != .call }.map(\.kind)
        #expect(afterEpoch == [.emaSwap, .checkpointSave, .evaluation, .emaSwap, .checkpointSave, .evaluation])
        #expect(trace.events.filter { $0.point == .beforeTrainEpoch && $0.kind == .emaSwap }.count == 2)
    }

    @Test func t8dStartZeroEvaluatesBeforeTraining() throws {
        let trace = try run("""
        runner: {type: EpochBasedRunner, max_epochs: 2}
        evaluation: {start: 0, interval: 1}
        data: {val: {type: X}}
        """, itersPerEpoch: 2)
        let evaluations = trace.events.filter { $0.kind == .evaluation }
        #expect(evaluations.map(\.point) == [.beforeTrainEpoch, .afterTrainEpoch, .afterTrainEpoch])
        #expect(evaluations.map(\.step) == [0, 1, 2])
    }

    @Test func cumulativeOptimizerStepsAtWindowEnds() throws {
        let trace = try run("""
        runner: {type: IterBasedRunner, max_iters: 25}
        optimizer_config: {type: GradientCumulativeOptimizerHook, cumulative_iters: 4}
        """, itersPerEpoch: 5)
        #expect(trace.events.filter { $0.kind == .optimStep }.map(\.iter) == [3, 7, 11, 15, 19, 23, 24])
    }
}
