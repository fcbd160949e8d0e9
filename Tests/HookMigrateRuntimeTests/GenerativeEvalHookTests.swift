import HookMigrateCore
import HookMigrateRuntime
import Testing

/// mmgen 0.7.3's GenerativeEvalHook in the legacy simulator (`mmgen/core/evaluation/eval_hooks.py`).
@Suite struct GenerativeEvalHookTests {
    func run(_ yaml: String, metrics: [Double] = [0.5]) throws -> Trace {
        let config = try YAMLReader().read(SourceText(path: "t.yaml", text: yaml)).mapping ?? ConfigMapping()
        let settings = SimulationSettings(itersPerEpoch: 4, metrics: MetricSequence(seed: 1, fixed: metrics), trainScript: .mmgen)
        return try LegacyRunner(config: config, settings: settings, paramHooks: nil).trace(config: "t.yaml")
    }

    func texts(_ trace: Trace, _ kind: TraceEventKind) -> [String] {
        trace.events.filter { $0.kind == kind }.compactMap { trace.text(of: $0) }
    }

    func steps(_ trace: Trace, _ kind: TraceEventKind, text: String? = nil) -> [Int] {
        trace.events.filter { $0.kind == kind && (text == nil || trace.text(of: $0) == text) }.map { Int($0.step) }
    }

    func settings(_ yaml: String) throws -> GenerativeEvalSettings {
        let mapping = try #require(try YAMLReader().read(SourceText(path: "t.yaml", text: yaml)).mapping)
        return try GenerativeEvalSettings.read(mapping, at: SourceLocation(file: "t.yaml", line: 1, column: 1))
    }

    @Test func evaluatesEveryIntervalAndKeepsOneBestPerMetric() throws {
        let trace = try run("""
        runner: {type: DynamicIterBasedRunner, max_iters: 10}
        data: {val: {type: X}}
        evaluation: {type: GenerativeEvalHook, interval: 2, metrics: [{type: FID, num_images: 8}, {type: IS, num_images: 8}], best_metric: [fid, is]}
        """, metrics: [0.5, 0.7, 0.3, 0.6])
        #expect(steps(trace, .evaluation) == [2, 4, 6, 8, 10])
        // fid is less-is-better, is greater-is-better; per evaluation in the metrics' order.
        #expect(texts(trace, .bestSave) == ["best_fid_iter_2.pth", "best_is_iter_2.pth", "best_is_iter_4.pth", "best_fid_iter_6.pth"])
        #expect(texts(trace, .bestRemove) == ["best_is_iter_2.pth", "best_fid_iter_2.pth"])
    }

    @Test func theMetricsOrderDecidesTheSavingOrderAndBestMetricDefaultsToFid() throws {
        let reversed = try settings("""
        {type: GenerativeEvalHook, metrics: [{type: IS}, {type: FID}], best_metric: [fid, is]}
        """)
        #expect(reversed.best.map(\.name) == ["is", "fid"])
        #expect(reversed.best.map(\.rule) == ["greater", "less"])
        let fidOnly = try settings("{type: GenerativeEvalHook, metrics: {type: FID}}")
        #expect(fidOnly.best.map(\.name) == ["fid"])
        #expect(fidOnly.interval == 1)
        // best_metric 'fid' with no FID metric: never saved.
        let isOnly = try settings("{type: GenerativeEvalHook, metrics: [{type: IS}]}")
        #expect(isOnly.best.isEmpty)
        #expect(isOnly.unreported == ["fid"])
        let off = try settings("{type: GenerativeEvalHook, metrics: [{type: FID}], save_best_ckpt: false}")
        #expect(off.best.isEmpty)
    }

    @Test func aZeroScoreIsABestScore() throws {
        // Unlike MMCV's EvalHook (R8), the hook starts from +inf and compares strictly.
        let trace = try run("""
        runner: {type: DynamicIterBasedRunner, max_iters: 4}
        data: {val: {type: X}}
        evaluation: {type: GenerativeEvalHook, interval: 2, metrics: {type: FID}}
        """, metrics: [0.0, 0.0])
        #expect(texts(trace, .bestSave) == ["best_fid_iter_2.pth"])
    }

    @Test func aZeroBestScoreOnBothSidesIsEquivalent() throws {
        // R8 sets aside MMEngine's best save of a 0 only where MMCV's EvalHook skipped it; mmgen's hook saved it.
        let settings = SimulationSettings(itersPerEpoch: 4, metrics: MetricSequence(seed: 1, fixed: [0.0]), trainScript: .mmgen)
        let old = try #require(try YAMLReader().read(SourceText(path: "old.yaml", text: """
        runner: {type: DynamicIterBasedRunner, max_iters: 4}
        optimizer: {type: SGD, lr: 0.01}
        optimizer_config: {}
        data: {val: {type: X}}
        evaluation: {type: GenerativeEvalHook, interval: 2, metrics: {type: FID, num_images: 10}}
        """)).mapping)
        let new = try #require(try YAMLReader().read(SourceText(path: "new.yaml", text: """
        train_cfg: {type: IterBasedTrainLoop, max_iters: 4, val_interval: 2, val_begin: 1}
        train_dataloader: {batch_size: 1}
        optim_wrapper: {optimizer: {type: SGD, lr: 0.01}}
        val_dataloader: {batch_size: 1}
        val_cfg: {type: MultiValLoop}
        val_evaluator: {type: Evaluator, metrics: [{type: FrechetInceptionDistance, prefix: FID-10}]}
        default_hooks:
          checkpoint: {type: CheckpointHook, interval: -1, by_epoch: false, save_last: false, save_best: FID-10/fid, rule: less}
        """)).mapping)
        let legacy = try LegacyRunner(config: old, settings: settings, paramHooks: nil)
        #expect(!legacy.skipsZeroBest)
        let verdict = try TraceEquivalence().compare(legacy: legacy, new: try ModernRunner(config: new, settings: settings, schedulers: nil), iterationRun: true)
        #expect(verdict.isEquivalent, "\(verdict.divergence?.stream ?? "")")
    }

    @Test func theDictIntervalSwitchesAtEachMilestone() throws {
        let trace = try run("""
        runner: {type: DynamicIterBasedRunner, max_iters: 12}
        data: {val: {type: X}}
        evaluation: {type: GenerativeEvalHook, interval: {milestones: [6], interval: [4, 2]}, metrics: {type: FID}}
        """)
        // interval[bisect_right([6], n)]: 4 before iteration 6, 2 from it on.
        #expect(steps(trace, .evaluation) == [4, 6, 8, 10, 12])
        let hook = try settings("{type: GenerativeEvalHook, interval: {milestones: [6, 9], interval: [4, 2, 3]}, metrics: {type: FID}}")
        #expect((1...12).filter { hook.evaluates(after: $0) } == [4, 6, 8, 9, 12])
    }

    @Test func aNonPositiveIntervalNeverEvaluates() throws {
        let trace = try run("""
        runner: {type: DynamicIterBasedRunner, max_iters: 6}
        data: {val: {type: X}}
        evaluation: {type: GenerativeEvalHook, interval: 0, metrics: {type: FID}}
        """)
        #expect(steps(trace, .evaluation).isEmpty)
        let later = try run("""
        runner: {type: DynamicIterBasedRunner, max_iters: 6}
        data: {val: {type: X}}
        evaluation: {type: GenerativeEvalHook, interval: {milestones: [4], interval: [0, 2]}, metrics: {type: FID}}
        """)
        #expect(steps(later, .evaluation) == [4, 6])
    }

    @Test func theLogBufferIsClearedBeforeEvaluating() throws {
        let trace = try run("""
        runner: {type: DynamicIterBasedRunner, max_iters: 8}
        log_config: {interval: 2, hooks: [{type: TextLoggerHook}]}
        data: {val: {type: X}}
        evaluation: {type: GenerativeEvalHook, interval: 4, metrics: {type: FID}}
        """)
        // The train records due at 4 and 8 are lost; the evaluation's results are logged there instead.
        #expect(steps(trace, .log, text: "train") == [2, 6])
        #expect(steps(trace, .log, text: "val") == [4, 8])
    }

    @Test func whatTheConstructorRefusesIsALocatedError() throws {
        let cases: [(String, ConfigError.Code)] = [
            ("{type: GenerativeEvalHook, interval: 2, start: 0, metrics: {type: FID}}", .invalidValue),
            ("{type: GenerativeEvalHook, interval: {milestones: [5]}, metrics: {type: FID}}", .missingKey),
            ("{type: GenerativeEvalHook, interval: {milestones: [5], interval: [1]}, metrics: {type: FID}}", .invalidValue),
            ("{type: GenerativeEvalHook, interval: {milestones: [5, 5], interval: [1, 2, 3]}, metrics: {type: FID}}", .invalidValue),
            ("{type: GenerativeEvalHook, interval: 2}", .missingKey),
            ("{type: GenerativeEvalHook, metrics: {type: FID}, best_metric: kid}", .invalidValue),
            ("{type: TranslationEvalHook, metrics: {type: FID}}", .missingKey),
        ]
        for (yaml, code) in cases {
            #expect { try settings(yaml) } throws: { error in
                guard let error = error as? ConfigError else { return false }
                return error.code == code && error.location != nil
            }
        }
    }
}
