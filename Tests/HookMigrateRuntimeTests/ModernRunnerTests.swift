import HookMigrateCore
import HookMigrateRuntime
import Testing

/// The new Runner against runners-and-hooks.md section 9 (hooks other than lr/momentum).
@Suite struct ModernRunnerTests {
    static let valTriple = "val_cfg: {type: ValLoop}\nval_dataloader: {batch_size: 1}\nval_evaluator: {type: Accuracy}\n"

    func run(_ yaml: String, itersPerEpoch: Int, metrics: [Double] = [0.5]) throws -> Trace {
        let config = try YAMLReader().read(SourceText(path: "t.yaml", text: yaml)).mapping ?? ConfigMapping()
        let settings = SimulationSettings(itersPerEpoch: itersPerEpoch, metrics: MetricSequence(seed: 1, fixed: metrics))
        return try ModernRunner(config: config, settings: settings, schedulers: nil).trace(config: "t.yaml")
    }

    func texts(_ trace: Trace, _ kind: TraceEventKind) -> [String] {
        trace.events.filter { $0.kind == kind }.compactMap { trace.text(of: $0) }
    }

    func steps(_ trace: Trace, _ kind: TraceEventKind, text: String? = nil) -> [Int] {
        trace.events.filter { $0.kind == kind && (text == nil || trace.text(of: $0) == text) }.map { Int($0.step) }
    }

    /// The packages' visualization hooks (default_hooks.visualization, mmagic's custom BasicVisualizationHook)
    /// are registered as MMEngine registers them, at NORMAL priority unless given, and record nothing: the
    /// trace is the same with them as without.
    @Test func visualizationHooksRecordNothing() throws {
        let base = """
        train_cfg: {type: EpochBasedTrainLoop, max_epochs: 3, val_interval: 1}
        default_hooks: {logger: {type: LoggerHook, interval: 1}, checkpoint: {type: CheckpointHook, interval: 1, save_best: acc}%@}
        custom_hooks: [{type: EMAHook, priority: 49}%@]
        """ + "\n" + Self.valTriple
        func trace(_ defaultHook: String, _ customHook: String) throws -> Trace {
            try run(base.replacingOccurrences(of: "%@}\ncustom", with: defaultHook + "}\ncustom").replacingOccurrences(of: "%@]", with: customHook + "]"),
                    itersPerEpoch: 2, metrics: [0.1, 0.3, 0.2])
        }
        let plain = try trace("", "")
        #expect(!plain.events.isEmpty)
        for hook in ["DetVisualizationHook", "mmdet.DetVisualizationHook", "SegVisualizationHook", "Det3DVisualizationHook"] {
            #expect(try trace(", visualization: {type: \(hook)}", "") == plain, "\(hook)")
        }
        #expect(try trace(", visualization: {type: VisualizationHook, enable: false, interval: 1}", "") == plain)
        #expect(try trace("", ", {type: BasicVisualizationHook, interval: 1}") == plain)
        // The control: a hook that acts does change the trace.
        #expect(try trace("", ", {type: EmptyCacheHook, after_iter: true}") != plain)
    }

    @Test func t1CheckpointRetentionIsAFifo() throws {
        let trace = try run("""
        train_cfg: {type: EpochBasedTrainLoop, max_epochs: 5}
        default_hooks: {checkpoint: {type: CheckpointHook, interval: 2, max_keep_ckpts: 2}}
        """, itersPerEpoch: 2)
        #expect(texts(trace, .checkpointSave) == ["epoch_2.pth", "epoch_4.pth", "epoch_5.pth"])
        #expect(texts(trace, .checkpointRemove) == ["epoch_2.pth"])
    }

    @Test func t5BestSavesAndReSaves() throws {
        let trace = try run("""
        train_cfg: {type: EpochBasedTrainLoop, max_epochs: 5, val_interval: 1}
        default_hooks: {checkpoint: {type: CheckpointHook, interval: 2, max_keep_ckpts: 1, save_best: acc}}
        """ + "\n" + Self.valTriple, itersPerEpoch: 2, metrics: [0.1, 0.3, 0.2, 0.5, 0.4])
        #expect(texts(trace, .bestSave) == ["best_acc_epoch_1.pth", "best_acc_epoch_2.pth", "best_acc_epoch_4.pth"])
        #expect(texts(trace, .checkpointSave) == ["epoch_2.pth", "epoch_2.pth", "epoch_4.pth", "epoch_4.pth", "epoch_5.pth"])
        #expect(texts(trace, .checkpointRemove) == ["epoch_2.pth", "epoch_4.pth"])
    }

    @Test func t8ValidationTiming() throws {
        func validations(_ train: String, epochs: Int = 0, n: Int = 2) throws -> [Int] {
            steps(try run(train + "\n" + Self.valTriple, itersPerEpoch: n), .evaluation)
        }
        #expect(try validations("train_cfg: {type: EpochBasedTrainLoop, max_epochs: 5, val_begin: 3, val_interval: 2}") == [4, 5])
        #expect(try validations("train_cfg: {type: EpochBasedTrainLoop, max_epochs: 3, val_begin: 0, val_interval: 2}") == [2, 3])
        #expect(try validations("train_cfg: {type: EpochBasedTrainLoop, max_epochs: 5, val_interval: 2}") == [2, 4, 5])
        #expect(try validations("train_cfg: {type: EpochBasedTrainLoop, max_epochs: 7, val_interval: 1, dynamic_intervals: [[3, 2]]}") == [1, 2, 4, 6, 7])
        #expect(try validations("train_cfg: {type: EpochBasedTrainLoop, max_epochs: 7, val_interval: 1, dynamic_intervals: [[5, 3]]}") == [1, 2, 3, 6, 7])
        #expect(try validations("train_cfg: {type: EpochBasedTrainLoop, max_epochs: 7, val_interval: 1, dynamic_intervals: [[6, 3]]}") == [1, 2, 3, 4, 6, 7])
        #expect(try validations("train_cfg: {type: EpochBasedTrainLoop, max_epochs: 8, val_interval: 3, dynamic_intervals: [[6, 1]]}") == [3, 5, 6, 7, 8])
        #expect(try validations("train_cfg: {type: EpochBasedTrainLoop, max_epochs: 8, val_interval: 3, dynamic_intervals: [[7, 1]]}") == [3, 6, 7, 8])
        #expect(try validations("train_cfg: {type: IterBasedTrainLoop, max_iters: 9, val_interval: 1, dynamic_intervals: [[5, 3]]}", n: 3) == [1, 2, 3, 6, 9])
        #expect(try validations("train_cfg: {type: IterBasedTrainLoop, max_iters: 9, val_interval: 1, dynamic_intervals: [[6, 3]]}", n: 3) == [1, 2, 3, 4, 6, 9])
    }

    @Test func t9cShortEpochStillLogsItsLastBatch() throws {
        let trace = try run("""
        train_cfg: {type: EpochBasedTrainLoop, max_epochs: 2}
        default_hooks: {logger: {type: LoggerHook, interval: 5}}
        """, itersPerEpoch: 3)
        #expect(steps(trace, .log, text: "train") == [3, 3])
    }

    @Test func t12IterationLoop() throws {
        let trace = try run("""
        train_cfg: {type: IterBasedTrainLoop, max_iters: 10, val_interval: 4}
        default_hooks:
          logger: {type: LoggerHook, interval: 3}
          checkpoint: {type: CheckpointHook, interval: 5, by_epoch: false, save_best: acc}
        """ + "\n" + Self.valTriple, itersPerEpoch: 4, metrics: [0.5, 0.7, 0.6])
        #expect(steps(trace, .evaluation) == [4, 8, 10])
        #expect(texts(trace, .bestSave) == ["best_acc_iter_4.pth", "best_acc_iter_8.pth"])
        #expect(texts(trace, .checkpointSave) == ["iter_5.pth", "iter_8.pth", "iter_10.pth"])
        #expect(steps(trace, .log, text: "train") == [3, 6, 9])
    }

    @Test func e1ByEpochCheckpointInAnIterationLoopSavesOnce() throws {
        let trace = try run("""
        train_cfg: {type: IterBasedTrainLoop, max_iters: 6}
        default_hooks: {checkpoint: {type: CheckpointHook, interval: 2}}
        """, itersPerEpoch: 3)
        #expect(texts(trace, .checkpointSave) == ["epoch_1.pth"])
    }

    @Test func t10EMASwapsAroundValidationOnly() throws {
        let trace = try run("""
        train_cfg: {type: EpochBasedTrainLoop, max_epochs: 2, val_interval: 1}
        custom_hooks: [{type: EMAHook, ema_type: ExponentialMovingAverage, momentum: 0.1, priority: 49}]
        """ + "\n" + Self.valTriple, itersPerEpoch: 3)
        #expect(steps(trace, .emaUpdate) == [1, 2, 3, 4, 5, 6])
        #expect(trace.events.filter { $0.kind == .emaSwap }.map(\.point) == [.beforeValEpoch, .afterValEpoch, .beforeValEpoch, .afterValEpoch])
    }

    @Test func defaultHooksMergeByKeyAndNoneRemoves() throws {
        let trace = try run("""
        train_cfg: {type: EpochBasedTrainLoop, max_epochs: 1}
        default_hooks: {checkpoint: null, sampler_seed: null}
        """, itersPerEpoch: 2)
        #expect(texts(trace, .checkpointSave).isEmpty)
        #expect(trace.events.filter { $0.kind == .samplerEpoch }.isEmpty)
    }
}
