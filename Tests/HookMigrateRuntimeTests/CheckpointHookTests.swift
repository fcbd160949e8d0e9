import HookMigrateRuntime
import Testing

/// runners-and-hooks.md section 9, vectors T1–T7, at the level of the checkpoint and eval hooks.
@Suite struct CheckpointHookTests {
    /// Drives a legacy checkpoint hook over an epoch run and returns (saved, removed, final).
    func legacyEpochRun(_ hook: LegacyCheckpointHook, epochs: Int) -> ([String], [String], [String]) {
        var hook = hook
        var saved: [String] = []
        var removed: [String] = []
        for epoch in 0..<epochs {
            if let outcome = hook.save(step: epoch + 1, runnerStep: epoch + 1, epochRunner: true, isLast: epoch + 1 == epochs) {
                saved.append(outcome.saved)
                removed += outcome.removed.map(\.file)
            }
        }
        return (saved, removed, hook.files.sorted())
    }

    func modernRun(_ hook: ModernCheckpointHook, steps: Int, metrics: [Double] = [], key: String = "acc") -> [ModernCheckpointHook.Effect] {
        var hook = hook
        var effects: [ModernCheckpointHook.Effect] = []
        for step in 1...steps {
            if hook.shouldSave(step: step, isLast: step == steps) { effects += hook.saveWithStep(step) }
            if step <= metrics.count { effects += hook.afterValidation(metrics: [(key, metrics[step - 1])], step: step) }
        }
        return effects
    }

    func finalFiles(_ effects: [ModernCheckpointHook.Effect]) -> [String] {
        var files: Set<String> = []
        for effect in effects {
            switch effect {
            case .save(let file, _), .bestSave(let file, _, _): files.insert(file)
            case .remove(let file, _), .bestRemove(let file, _): files.remove(file)
            }
        }
        return files.sorted()
    }

    @Test func t1IntervalAndMaxKeepByEpoch() {
        let (saved, removed, final) = legacyEpochRun(LegacyCheckpointHook(interval: 2, maxKeep: 2), epochs: 5)
        #expect(saved == ["epoch_2.pth", "epoch_4.pth", "epoch_5.pth"])
        #expect(removed.isEmpty)
        #expect(final == ["epoch_2.pth", "epoch_4.pth", "epoch_5.pth"])
        let modern = modernRun(ModernCheckpointHook(interval: 2, maxKeep: 2), steps: 5)
        #expect(modern == [.save("epoch_2.pth", step: 2), .save("epoch_4.pth", step: 4), .remove("epoch_2.pth", step: 2), .save("epoch_5.pth", step: 5)])
        #expect(finalFiles(modern) == ["epoch_4.pth", "epoch_5.pth"])
    }

    @Test func t2IntervalAndMaxKeepByIteration() {
        var legacy = LegacyCheckpointHook(interval: 3, byEpoch: false, maxKeep: 2)
        var removed: [String] = []
        for iteration in 0..<10 {
            if let outcome = legacy.save(step: iteration + 1, runnerStep: iteration + 1, epochRunner: false, isLast: iteration == 9) {
                removed += outcome.removed.map(\.file)
            }
        }
        #expect(removed == ["iter_3.pth"])
        #expect(legacy.files.sorted() == ["iter_10.pth", "iter_6.pth", "iter_9.pth"])
        let modern = modernRun(ModernCheckpointHook(interval: 3, byEpoch: false, maxKeep: 2), steps: 10)
        #expect(finalFiles(modern) == ["iter_10.pth", "iter_9.pth"])
    }

    @Test func t3SaveBeginAndT4SaveLast() {
        let modern = modernRun(ModernCheckpointHook(interval: 2, saveBegin: 3), steps: 6)
        #expect(finalFiles(modern) == ["epoch_3.pth", "epoch_5.pth", "epoch_6.pth"])
        let (saved, _, _) = legacyEpochRun(LegacyCheckpointHook(interval: 2), epochs: 6)
        #expect(saved == ["epoch_2.pth", "epoch_4.pth", "epoch_6.pth"])
        let (noLast, _, _) = legacyEpochRun(LegacyCheckpointHook(interval: 2, saveLast: false), epochs: 5)
        #expect(noLast == ["epoch_2.pth", "epoch_4.pth"])
        #expect(finalFiles(modernRun(ModernCheckpointHook(interval: 2, saveLast: false), steps: 5)) == ["epoch_2.pth", "epoch_4.pth"])
    }

    @Test func t5SaveBestGreaterWithRetention() {
        let scores = [0.1, 0.3, 0.2, 0.5, 0.4]
        var legacyCheckpoint = LegacyCheckpointHook(interval: 2, maxKeep: 1)
        var eval = LegacyEvalHook(start: nil, interval: 1, byEpoch: true, saveBest: "acc", rule: nil)
        var legacyFiles: Set<String> = []
        for epoch in 0..<5 {
            if let outcome = legacyCheckpoint.save(step: epoch + 1, runnerStep: epoch + 1, epochRunner: true, isLast: epoch == 4) {
                legacyFiles.insert(outcome.saved)
                outcome.removed.forEach { legacyFiles.remove($0.file) }
            }
            if eval.shouldEvaluate(progress: epoch), let best = eval.best(score: scores[epoch], metricKey: "acc", step: epoch + 1) {
                if let removed = best.removed { legacyFiles.remove(removed.file) }
                legacyFiles.insert(best.saved)
            }
        }
        #expect(legacyFiles.sorted() == ["best_acc_epoch_4.pth", "epoch_4.pth", "epoch_5.pth"])
        let modern = modernRun(ModernCheckpointHook(interval: 2, maxKeep: 1, saveBest: ["acc"]), steps: 5, metrics: scores)
        #expect(finalFiles(modern) == ["best_acc_epoch_4.pth", "epoch_5.pth"])
        #expect(modern.filter { if case .save("epoch_2.pth", _) = $0 { return true } else { return false } }.count == 2)
    }

    @Test func t6SaveBestLessInferredAndSeveralKeys() {
        let metrics: [(Double, Double)] = [(0.9, 0.5), (0.5, 0.6), (0.7, 0.2), (0.4, 0.3)]
        var eval = LegacyEvalHook(start: nil, interval: 1, byEpoch: true, saveBest: "val_loss", rule: nil)
        var legacySaved: [String] = []
        for (index, pair) in metrics.enumerated() {
            if let best = eval.best(score: pair.0, metricKey: "val_loss", step: index + 1) { legacySaved.append(best.saved) }
        }
        #expect(legacySaved == ["best_val_loss_epoch_1.pth", "best_val_loss_epoch_2.pth", "best_val_loss_epoch_4.pth"])
        var hook = ModernCheckpointHook(interval: 10, saveLast: false, saveBest: ["val_loss", "err"], rules: ["less", "less"])
        var effects: [ModernCheckpointHook.Effect] = []
        for (index, pair) in metrics.enumerated() {
            effects += hook.afterValidation(metrics: [("val_loss", pair.0), ("err", pair.1)], step: index + 1)
        }
        #expect(finalFiles(effects) == ["best_err_epoch_3.pth", "best_val_loss_epoch_4.pth"])
    }

    @Test func t7ZeroScoreIsSkippedOnlyByMMCV() {
        var eval = LegacyEvalHook(start: nil, interval: 1, byEpoch: true, saveBest: "auto", rule: nil)
        #expect(eval.best(score: 0.0, metricKey: "mAP", step: 1) == nil)
        #expect(eval.best(score: 0.2, metricKey: "mAP", step: 2)?.saved == "best_mAP_epoch_2.pth")
        #expect(eval.best(score: 0.1, metricKey: "mAP", step: 3) == nil)
        let modern = modernRun(ModernCheckpointHook(interval: -1, saveLast: false, saveBest: ["auto"]), steps: 3, metrics: [0.0, 0.2, 0.1], key: "mAP")
        #expect(modern == [.bestSave("best_mAP_epoch_1.pth", step: 1, score: 0.0), .bestRemove("best_mAP_epoch_1.pth", step: 1), .bestSave("best_mAP_epoch_2.pth", step: 2, score: 0.2)])
    }

    @Test func t8EvaluationTiming() {
        func legacyEpochs(_ hook: LegacyEvalHook, epochs: Int) -> [Int] {
            var hook = hook
            var result: [Int] = []
            for epoch in 0..<epochs {
                hook.updateDynamicInterval(progress: epoch)
                if hook.evaluatesBeforeTraining(progress: epoch) { result.append(epoch) }
                if hook.shouldEvaluate(progress: epoch) { result.append(epoch + 1) }
            }
            return result
        }
        #expect(legacyEpochs(LegacyEvalHook(start: 3, interval: 2, byEpoch: true, saveBest: nil, rule: nil), epochs: 5) == [3, 5])
        #expect(legacyEpochs(LegacyEvalHook(start: 0, interval: 2, byEpoch: true, saveBest: nil, rule: nil), epochs: 3) == [2])
        #expect(legacyEpochs(LegacyEvalHook(start: nil, interval: 2, byEpoch: true, saveBest: nil, rule: nil), epochs: 5) == [2, 4])
        #expect(legacyEpochs(LegacyEvalHook(start: 0, interval: 1, byEpoch: true, saveBest: nil, rule: nil), epochs: 2) == [0, 1, 2])
        #expect(legacyEpochs(LegacyEvalHook(start: nil, interval: 1, byEpoch: true, dynamicIntervals: [EvaluationMilestone(milestone: 3, interval: 2)], saveBest: nil, rule: nil), epochs: 7) == [1, 2, 4, 6])
        #expect(legacyEpochs(LegacyEvalHook(start: nil, interval: 1, byEpoch: true, dynamicIntervals: [EvaluationMilestone(milestone: 5, interval: 3)], saveBest: nil, rule: nil), epochs: 7) == [1, 2, 3, 4, 6])
        #expect(legacyEpochs(LegacyEvalHook(start: nil, interval: 3, byEpoch: true, dynamicIntervals: [EvaluationMilestone(milestone: 6, interval: 1)], saveBest: nil, rule: nil), epochs: 8) == [3, 6, 7, 8])
    }

    @Test func ruleInference() {
        #expect(BestRule.infer("acc") == "greater")
        #expect(BestRule.infer("val_loss") == "less")
        #expect(BestRule.infer("coco/bbox_mAP") == "greater")
        #expect(BestRule.infer("foo") == nil)
    }
}
