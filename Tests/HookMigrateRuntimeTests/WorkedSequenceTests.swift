import HookMigrateCore
import HookMigrateRuntime
import Testing

/// runners-and-hooks.md 3.4: the worked sequences W1 (epoch-based) and W2 (iteration-based), both runners,
/// with the real schedules; and the pair compares equivalent under the rules the reference names.
@Suite struct WorkedSequenceTests {
    func legacy(_ yaml: String, n: Int, metrics: [Double]) throws -> Trace {
        let config = try YAMLReader().read(SourceText(path: "old.yaml", text: yaml)).mapping ?? ConfigMapping()
        return try LegacyRunner(config: config, settings: SimulationSettings(itersPerEpoch: n, metrics: MetricSequence(seed: 1, fixed: metrics)),
                                paramHooks: SimulatedSchedules.legacy).trace(config: "old.yaml")
    }

    func modern(_ yaml: String, n: Int, metrics: [Double]) throws -> Trace {
        let config = try YAMLReader().read(SourceText(path: "new.yaml", text: yaml)).mapping ?? ConfigMapping()
        return try ModernRunner(config: config, settings: SimulationSettings(itersPerEpoch: n, metrics: MetricSequence(seed: 1, fixed: metrics)),
                                schedulers: SimulatedSchedules.modern).trace(config: "new.yaml")
    }

    func files(_ trace: Trace) -> [String] {
        var present: Set<String> = []
        for event in trace.events {
            guard let text = trace.text(of: event) else { continue }
            switch event.kind {
            case .checkpointSave, .bestSave: present.insert(text)
            case .checkpointRemove, .bestRemove: present.remove(text)
            default: break
            }
        }
        return present.sorted()
    }

    func steps(_ trace: Trace, _ kind: TraceEventKind, text: String? = nil) -> [Int] {
        trace.events.filter { $0.kind == kind && (text == nil || trace.text(of: $0) == text) }.map { Int($0.step) }
    }

    func lrs(_ trace: Trace) -> [Double] {
        trace.events.filter { $0.kind == .optimStep }.compactMap { trace.values(of: $0).first }
    }

    static let w1Legacy = """
    runner: {type: EpochBasedRunner, max_epochs: 3}
    optimizer: {type: SGD, lr: 0.1, momentum: 0.9}
    optimizer_config: {grad_clip: null}
    lr_config: {policy: step, step: [2]}
    checkpoint_config: {interval: 2, max_keep_ckpts: 1}
    log_config: {interval: 2, hooks: [{type: TextLoggerHook}]}
    evaluation: {interval: 1, save_best: acc}
    data: {val: {type: X}}
    """

    static let w1New = """
    train_cfg: {by_epoch: true, max_epochs: 3, val_interval: 1}
    optim_wrapper: {type: OptimWrapper, optimizer: {type: SGD, lr: 0.1, momentum: 0.9}}
    param_scheduler: [{type: MultiStepLR, milestones: [2], by_epoch: true}]
    val_cfg: {}
    val_dataloader: {batch_size: 1}
    val_evaluator: {type: Accuracy}
    default_hooks:
      checkpoint: {type: CheckpointHook, interval: 2, max_keep_ckpts: 1, save_best: acc}
      logger: {type: LoggerHook, interval: 2}
    """

    @Test func w1EpochBased() throws {
        let metrics = [0.5, 0.7, 0.6]
        let old = try legacy(Self.w1Legacy, n: 4, metrics: metrics)
        #expect(files(old) == ["best_acc_epoch_2.pth", "epoch_2.pth", "epoch_3.pth"])
        #expect(steps(old, .log, text: "train") == [2, 4, 2, 4, 2, 4])
        #expect(steps(old, .evaluation) == [1, 2, 3])
        let new = try modern(Self.w1New, n: 4, metrics: metrics)
        #expect(files(new) == ["best_acc_epoch_2.pth", "epoch_3.pth"])
        #expect(steps(new, .checkpointSave) == [2, 2, 3])
        #expect(steps(new, .log, text: "train") == [2, 4, 2, 4, 2, 4])
        // The step milestone at epoch 2 decays the lr in both worlds.
        #expect(lrs(old).map { ($0 * 1e6).rounded() / 1e6 } == Array(repeating: 0.1, count: 8) + Array(repeating: 0.01, count: 4))
        #expect(zip(lrs(old), lrs(new)).allSatisfy { abs($0 - $1) <= 1e-15 })
        let verdict = TraceEquivalence().compare(legacy: old, new: new, iterationRun: false)
        #expect(verdict.isEquivalent, "\(String(describing: verdict.divergence))")
        #expect(verdict.rulesUsed[.r6] != nil && verdict.rulesUsed[.r7] != nil && verdict.rulesUsed[.r9] != nil)
    }

    @Test func w2IterationBased() throws {
        let metrics = [0.5, 0.7, 0.6]
        let old = try legacy("""
        runner: {type: IterBasedRunner, max_iters: 10}
        optimizer: {type: SGD, lr: 0.1, momentum: 0.9}
        optimizer_config: {grad_clip: null}
        lr_config: {policy: step, step: [6], by_epoch: false}
        checkpoint_config: {interval: 5, by_epoch: false}
        log_config: {interval: 2, hooks: [{type: TextLoggerHook, by_epoch: false}]}
        evaluation: {interval: 4, save_best: acc}
        data: {val: {type: X}}
        """, n: 4, metrics: metrics)
        #expect(files(old) == ["best_acc_iter_8.pth", "iter_10.pth", "iter_5.pth"])
        #expect(steps(old, .evaluation) == [4, 8])
        // Train records at 2, 4 (nested, before the evaluation), 6, 8 (nested), 10; val records at 4 and 8.
        #expect(steps(old, .log, text: "train") == [2, 4, 6, 8, 10])
        #expect(steps(old, .log, text: "val") == [4, 8])
        let new = try modern("""
        train_cfg: {by_epoch: false, max_iters: 10, val_interval: 4}
        optim_wrapper: {type: OptimWrapper, optimizer: {type: SGD, lr: 0.1, momentum: 0.9}}
        param_scheduler: [{type: MultiStepLR, milestones: [6], by_epoch: false}]
        val_cfg: {}
        val_dataloader: {batch_size: 1}
        val_evaluator: {type: Accuracy}
        default_hooks:
          checkpoint: {type: CheckpointHook, interval: 5, by_epoch: false, save_best: acc}
          logger: {type: LoggerHook, interval: 2}
        """, n: 4, metrics: metrics)
        #expect(files(new) == ["best_acc_iter_8.pth", "iter_10.pth", "iter_5.pth", "iter_8.pth"])
        #expect(steps(new, .evaluation) == [4, 8, 10])
        #expect(steps(new, .log, text: "train") == [2, 4, 6, 8, 10])
        #expect(lrs(old) == lrs(new))
        let verdict = TraceEquivalence().compare(legacy: old, new: new, iterationRun: true)
        #expect(verdict.isEquivalent, "\(String(describing: verdict.divergence))")
        #expect(verdict.rulesUsed[.r4] == 1)
        #expect(verdict.rulesUsed[.r7] == 1)
    }
}
