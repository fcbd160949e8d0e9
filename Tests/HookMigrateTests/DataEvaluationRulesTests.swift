import HookMigrateCore
import HookMigrateRuntime
import Testing
@testable import HookMigrate

/// Converts a legacy config written as YAML.
private func convert(_ text: String, options: MigrationOptions = MigrationOptions()) throws -> TranslationResult {
    let node = try YAMLReader().read(SourceText(path: "t.yaml", text: text))
    let mapping = try #require(node.mapping)
    return try Translator(options: options).translate(mapping, at: SourceLocation(file: "t.yaml", line: 1, column: 1))
}

private extension TranslationResult {
    func value(_ path: String) -> ConfigNode? { config.node(at: ConfigPath(path)) }
    func records(_ kind: MigrationRecord.Kind, rule: String) -> [MigrationRecord] {
        report.records(kind).filter { $0.rule == rule }
    }
    /// The records of one kind of record.
    func records(_ code: some RecordCode) -> [MigrationRecord] {
        report.records.filter { $0.id == code.id }
    }
}

private typealias Evaluation = EvaluationRule.Records

private let cocoData = """
data:
  samples_per_gpu: 2
  workers_per_gpu: 2
  train: {type: CocoDataset, ann_file: train.json}
  val: {type: CocoDataset, ann_file: val.json}
  test: {type: CocoDataset, ann_file: test.json}

"""

@Suite struct EvaluationScheduleTests {
    typealias Interval = EvaluationSchedule.DynamicInterval

    @Test func startAndIntervalFollowT8() {
        // T8a: MMCV 3, 5 vs MMEngine 4, 5 (X2).
        let a = EvaluationSchedule(interval: 2, start: 3)
        #expect(a.legacySteps(length: 5) == [3, 5])
        #expect(a.modern.steps(length: 5) == [4, 5])
        // T8b: start=0, interval=2 over 3 epochs: MMCV 2; MMEngine 2, 3 (R4); no pre-training evaluation.
        let b = EvaluationSchedule(interval: 2, start: 0)
        #expect(b.legacySteps(length: 3) == [2])
        #expect(b.modern.steps(length: 3) == [2, 3])
        #expect(!b.legacyEvaluatesBeforeTraining)
        // T8c: interval=2 over 5 epochs: MMCV 2, 4; MMEngine 2, 4, 5.
        let c = EvaluationSchedule(interval: 2, start: nil)
        #expect(c.legacySteps(length: 5) == [2, 4])
        #expect(c.modern.steps(length: 5) == [2, 4, 5])
        #expect(c.modern == ModernValidation(valBegin: 1, valInterval: 2, dynamicIntervals: []))
        // T8d: start=0, interval=1: MMCV also evaluates before training (X3).
        let d = EvaluationSchedule(interval: 1, start: 0)
        #expect(d.legacySteps(length: 2) == [1, 2])
        #expect(d.legacyEvaluatesBeforeTraining)
        #expect(d.modern.steps(length: 2) == [1, 2])
    }

    @Test func dynamicIntervalsFollowT8WithTheMilestoneShift() {
        // T8e: [(3, 2)] over 7 epochs; agrees either way.
        let e = EvaluationSchedule(interval: 1, start: nil, dynamicIntervals: [Interval(milestone: 3, interval: 2)])
        #expect(e.legacySteps(length: 7) == [1, 2, 4, 6])
        #expect(e.modern.steps(length: 7) == [1, 2, 4, 6, 7])
        #expect(ModernValidation(valBegin: 1, valInterval: 1, dynamicIntervals: [Interval(milestone: 3, interval: 2)]).steps(length: 7) == [1, 2, 4, 6, 7])
        // T8f: [(5, 3)]: unshifted MMEngine loses 4; shifted = mmdet + R4.
        let f = EvaluationSchedule(interval: 1, start: nil, dynamicIntervals: [Interval(milestone: 5, interval: 3)])
        #expect(f.legacySteps(length: 7) == [1, 2, 3, 4, 6])
        #expect(ModernValidation(valBegin: 1, valInterval: 1, dynamicIntervals: f.dynamicIntervals).steps(length: 7) == [1, 2, 3, 6, 7])
        #expect(f.modern.dynamicIntervals == [Interval(milestone: 6, interval: 3)])
        #expect(f.modern.steps(length: 7) == [1, 2, 3, 4, 6, 7])
        // T8g, the YOLOX pattern.
        let g = EvaluationSchedule(interval: 3, start: nil, dynamicIntervals: [Interval(milestone: 6, interval: 1)])
        #expect(g.legacySteps(length: 8) == [3, 6, 7, 8])
        #expect(ModernValidation(valBegin: 1, valInterval: 3, dynamicIntervals: g.dynamicIntervals).steps(length: 8) == [3, 5, 6, 7, 8])
        #expect(g.modern.steps(length: 8) == [3, 6, 7, 8])
        // T8h, by iteration.
        let h = EvaluationSchedule(interval: 1, start: nil, dynamicIntervals: [Interval(milestone: 5, interval: 3)])
        #expect(h.legacySteps(length: 9) == [1, 2, 3, 4, 6, 9])
        #expect(ModernValidation(valBegin: 1, valInterval: 1, dynamicIntervals: h.dynamicIntervals).steps(length: 9) == [1, 2, 3, 6, 9])
        #expect(h.modern.steps(length: 9) == [1, 2, 3, 4, 6, 9])
        // T8m, the mask2former pattern.
        let m = EvaluationSchedule(interval: 5, start: nil, dynamicIntervals: [Interval(milestone: 11, interval: 13)])
        #expect(m.legacySteps(length: 13) == [5, 10, 13])
        #expect(ModernValidation(valBegin: 1, valInterval: 5, dynamicIntervals: m.dynamicIntervals).steps(length: 13) == [5, 13])
        #expect(m.modern.steps(length: 13) == [5, 10, 13])
    }

    @Test func stepListsAreShortenedInMessages() {
        #expect(EvaluationRule.describeSteps([]) == "none")
        #expect(EvaluationRule.describeSteps([3, 5]) == "3, 5")
        #expect(EvaluationRule.describeSteps(Array(1...20)) == "1, 2, 3, 4, 5, 6, …, 18, 19, 20; 20 in all")
    }
}

@Suite struct DataRuleTests {
    @Test func epochRunnerGetsDefaultSamplerAndMmdetValDefaults() throws {
        let result = try convert("runner: {type: EpochBasedRunner, max_epochs: 12}\n" + cocoData + "evaluation: {interval: 1, metric: bbox}\n")
        #expect(result.value("train_dataloader.batch_size") == ConfigNode(.int(2)))
        #expect(result.value("train_dataloader.num_workers") == ConfigNode(.int(2)))
        #expect(result.value("train_dataloader.sampler.type") == ConfigNode(.string("DefaultSampler")))
        #expect(result.value("train_dataloader.sampler.shuffle") == ConfigNode(.bool(true)))
        #expect(result.value("val_dataloader.batch_size") == ConfigNode(.int(1)))
        #expect(result.value("val_dataloader.sampler.shuffle") == ConfigNode(.bool(false)))
        #expect(result.value("test_dataloader.dataset.ann_file") == ConfigNode(.string("test.json")))
        #expect(result.config.mapping?.contains("data") == false)
        // One manual step per dataloader about its dataset.
        let datasetSteps = result.records(.manualStep, rule: "data").filter { $0.newPath?.hasSuffix(".dataset") == true }
        #expect(datasetSteps.count == 3)
    }

    @Test func iterationRunnerGetsInfiniteSampler() throws {
        let result = try convert("runner: {type: IterBasedRunner, max_iters: 100}\n" + cocoData)
        #expect(result.value("train_dataloader.sampler.type") == ConfigNode(.string("InfiniteSampler")))
        #expect(result.value("val_dataloader.sampler.type") == ConfigNode(.string("DefaultSampler")))
    }

    @Test func loaderSettingsComeFromTheSplitDataloaderFirst() throws {
        let result = try convert("""
        runner: {type: EpochBasedRunner, max_epochs: 2}
        data:
          samples_per_gpu: 2
          workers_per_gpu: 4
          persistent_workers: true
          train_dataloader: {samples_per_gpu: 8, shuffle: false}
          val_dataloader: {samples_per_gpu: 3, workers_per_gpu: 1}
          train: {type: CocoDataset}
          val: {type: CocoDataset}
          test: [{type: CocoDataset, samples_per_gpu: 4}, {type: CocoDataset}]
        """)
        #expect(result.value("train_dataloader.batch_size") == ConfigNode(.int(8)))
        #expect(result.value("train_dataloader.sampler.shuffle") == ConfigNode(.bool(false)))
        #expect(result.value("train_dataloader.persistent_workers") == ConfigNode(.bool(true)))
        #expect(result.value("val_dataloader.batch_size") == ConfigNode(.int(3)))
        #expect(result.value("val_dataloader.num_workers") == ConfigNode(.int(1)))
        // mmdet's compat_cfg gave data.persistent_workers to the train loader only.
        #expect(result.value("val_dataloader.persistent_workers") == nil)
        // A list of test datasets: the largest samples_per_gpu, taken out of the datasets; a ConcatDataset.
        #expect(result.value("test_dataloader.batch_size") == ConfigNode(.int(4)))
        #expect(result.value("test_dataloader.dataset.type") == ConfigNode(.string("ConcatDataset")))
        #expect(result.value("test_dataloader.dataset.datasets[0].samples_per_gpu") == nil)
    }

    @Test func mmclsAndMmactionReuseTheTrainBatchForEvaluation() throws {
        let mmcls = try convert("""
        runner: {type: EpochBasedRunner, max_epochs: 2}
        data: {samples_per_gpu: 32, workers_per_gpu: 2, train: {type: ImageNet}, val: {type: ImageNet}}
        evaluation: {metric: accuracy}
        """)
        #expect(mmcls.value("val_dataloader.batch_size") == ConfigNode(.int(32)))
        let mmaction = try convert("""
        runner: {type: EpochBasedRunner, max_epochs: 2}
        data: {videos_per_gpu: 8, workers_per_gpu: 2, train: {type: RawframeDataset}, val: {type: RawframeDataset}}
        evaluation: {metrics: [top_k_accuracy, mean_class_accuracy], save_best: top1_acc}
        """)
        #expect(mmaction.value("train_dataloader.batch_size") == ConfigNode(.int(8)))
        #expect(mmaction.value("val_dataloader.batch_size") == ConfigNode(.int(8)))
        #expect(mmaction.value("val_evaluator.type") == ConfigNode(.string("AccMetric")))
        #expect(mmaction.value("val_evaluator.metric_list")?.list?.style == .tuple)
        #expect(mmaction.value("default_hooks.checkpoint.save_best") == ConfigNode(.string("acc/top1")))
    }

    @Test func noDataIsAManualStepWhenThereIsATrainLoop() throws {
        let absent = try convert("runner: {type: EpochBasedRunner, max_epochs: 2}\n")
        #expect(absent.records(.manualStep, rule: "data").count == 1)
        #expect(absent.value("train_dataloader") == nil)
        let null = try convert("runner: {type: EpochBasedRunner, max_epochs: 2}\ndata: null\n")
        #expect(null.records(.manualStep, rule: "data").count == 1)
        #expect(null.config.mapping?.contains("data") == false)
    }

    @Test func wrongTypesAreLocatedErrors() throws {
        let error = configError { try convert("runner: {type: EpochBasedRunner, max_epochs: 2}\ndata: {samples_per_gpu: two, train: {type: CocoDataset}}\n") }
        #expect(error?.message.contains("data.samples_per_gpu") == true)
        #expect(error?.location?.line == 2)
        #expect(configError { try convert("data: [1, 2]\n") } != nil)
    }

    @Test func unknownKeysAreWarnedOnce() throws {
        let result = try convert("""
        runner: {type: EpochBasedRunner, max_epochs: 2}
        data: {samples_per_gpu: 2, workers_per_gpu: 2, samples_per_epoch: 100, train_dataloader: {mode: async}, train: {type: X}}
        """)
        let warnings = result.records(.warning, rule: "data").map(\.legacyPath)
        #expect(warnings.contains("data.samples_per_epoch"))
        #expect(warnings.contains("data.train_dataloader.mode"))
    }
}

@Suite struct EvaluationRuleTests {
    @Test func mmdetEvaluationBecomesTheValTriple() throws {
        let result = try convert("runner: {type: EpochBasedRunner, max_epochs: 12}\n" + cocoData + "evaluation: {interval: 1, metric: bbox, save_best: bbox_mAP}\n")
        #expect(result.value("val_cfg.type") == ConfigNode(.string("ValLoop")))
        #expect(result.value("val_evaluator.type") == ConfigNode(.string("CocoMetric")))
        #expect(result.value("val_evaluator.ann_file") == ConfigNode(.string("val.json")))
        #expect(result.value("val_evaluator.metric") == ConfigNode(.string("bbox")))
        #expect(result.value("test_cfg.type") == ConfigNode(.string("TestLoop")))
        #expect(result.value("test_evaluator.ann_file") == ConfigNode(.string("test.json")))
        #expect(result.value("train_cfg.val_interval") == ConfigNode(.int(1)))
        #expect(result.value("train_cfg.val_begin") == ConfigNode(.int(1)))
        #expect(result.value("default_hooks.checkpoint.save_best") == ConfigNode(.string("coco/bbox_mAP")))
        #expect(result.value("default_hooks.checkpoint.type") == ConfigNode(.string("CheckpointHook")))
        // bbox_mAP and coco/bbox_mAP both infer 'greater': no rule is written.
        #expect(result.value("default_hooks.checkpoint.rule") == nil)
        #expect(result.records(Evaluation.bestScoreZero).map(\.kind) == [.warning])
        #expect(result.records(Evaluation.bestResavesRegular).map(\.kind) == [.warning])
        #expect(result.config.mapping?.contains("evaluation") == false)
    }

    @Test func iterationLoopsAlwaysGetAnExplicitInterval() throws {
        let result = try convert("runner: {type: IterBasedRunner, max_iters: 80000}\n" + cocoData.replacingOccurrences(of: "CocoDataset", with: "ADE20KDataset") + "evaluation: {interval: 8000, metric: mIoU, pre_eval: true}\n")
        #expect(result.value("train_cfg.val_interval") == ConfigNode(.int(8000)))
        #expect(result.value("val_evaluator.type") == ConfigNode(.string("IoUMetric")))
        #expect(result.value("val_evaluator.iou_metrics") == ConfigNode(ConfigList([ConfigNode(.string("mIoU"))])))
        #expect(result.records(Evaluation.collectionArgumentsDropped).map(\.legacyPath) == ["evaluation.pre_eval"])
    }

    @Test func misalignedStartIsX2AndZeroStartIsX3() throws {
        let x2 = try convert("runner: {type: EpochBasedRunner, max_epochs: 5}\n" + cocoData + "evaluation: {start: 3, interval: 2}\n")
        #expect(x2.records(.nonEquivalence, rule: "evaluation").map(\.id) == [Evaluation.intervalDiffers.id])
        let record = try #require(x2.records(Evaluation.intervalDiffers).first)
        #expect(record.legacyPath == "evaluation.start")
        // It lists both runs' validation epochs.
        #expect(record.message.contains("MMCV validates after 3, 5, MMEngine after 4, 5"))
        #expect(x2.value("train_cfg.val_begin") == ConfigNode(.int(3)))
        let x3 = try convert("runner: {type: EpochBasedRunner, max_epochs: 2}\n" + cocoData + "evaluation: {start: 0, interval: 1}\n")
        #expect(x3.records(.nonEquivalence, rule: "evaluation").map(\.id) == [Evaluation.preTrainingValidation.id])
        #expect(x3.value("train_cfg.val_begin") == ConfigNode(.int(1)))
    }

    @Test func dynamicIntervalsAreShiftedAndTuples() throws {
        let result = try convert("runner: {type: EpochBasedRunner, max_epochs: 8}\n" + cocoData + "evaluation: {interval: 3, dynamic_intervals: [[6, 1]]}\n")
        let pair = try #require(result.value("train_cfg.dynamic_intervals[0]")?.list)
        #expect(pair.style == .tuple)
        #expect(pair.items == [ConfigNode(.int(7)), ConfigNode(.int(1))])
        #expect(result.records(.nonEquivalence, rule: "evaluation").isEmpty)
    }

    @Test func dataValWithoutEvaluationValidatesEveryEpoch() throws {
        let result = try convert("runner: {type: EpochBasedRunner, max_epochs: 3}\n" + cocoData)
        #expect(result.value("train_cfg.val_interval") == ConfigNode(.int(1)))
        #expect(result.value("val_cfg.type") == ConfigNode(.string("ValLoop")))
        #expect(result.records(.warning, rule: "evaluation").contains { $0.legacyPath == "data.val" })
    }

    @Test func evaluationWithoutDataValWritesNoValTriple() throws {
        let result = try convert("""
        runner: {type: EpochBasedRunner, max_epochs: 3}
        data: {samples_per_gpu: 2, workers_per_gpu: 2, train: {type: CocoDataset}}
        evaluation: {interval: 1, metric: bbox}
        """)
        #expect(result.value("val_cfg") == nil)
        #expect(result.value("val_evaluator") == nil)
        #expect(result.value("val_dataloader") == nil)
        #expect(result.value("train_cfg.val_interval") == nil)
        #expect(result.records(.manualStep, rule: "evaluation").contains { $0.legacyPath == "evaluation" })
    }

    @Test func nullEvaluationRemovesValidation() throws {
        let result = try convert("runner: {type: EpochBasedRunner, max_epochs: 3}\n" + cocoData + "evaluation: null\n")
        #expect(result.value("val_dataloader") == nil)
        #expect(result.value("val_cfg") == nil)
        #expect(result.value("test_cfg.type") == ConfigNode(.string("TestLoop")))
        #expect(result.value("test_evaluator.metric") == ConfigNode(.string("bbox")))
    }

    @Test func mmposeRuleIsWrittenExplicitly() throws {
        let result = try convert("""
        runner: {type: EpochBasedRunner, max_epochs: 210}
        data: {samples_per_gpu: 64, workers_per_gpu: 2, train: {type: TopDownCocoDataset}, val: {type: TopDownCocoDataset, ann_file: kp.json}}
        evaluation: {interval: 10, metric: mAP, save_best: AP}
        """)
        #expect(result.value("val_evaluator.type") == ConfigNode(.string("CocoMetric")))
        #expect(result.value("val_evaluator.ann_file") == ConfigNode(.string("kp.json")))
        #expect(result.value("default_hooks.checkpoint.save_best") == ConfigNode(.string("coco/AP")))
        #expect(result.value("default_hooks.checkpoint.rule") == ConfigNode(.string("greater")))
    }

    @Test func unknownEvaluatorIsAnEvaluatorWithoutMetrics() throws {
        let result = try convert("""
        runner: {type: IterBasedRunner, max_iters: 1200}
        data: {samples_per_gpu: 2, workers_per_gpu: 2, train: {type: FlyingChairs}, val: {type: FlyingChairs}}
        evaluation: {interval: 500, metric: EPE, save_best: EPE, rule: less}
        """)
        #expect(result.value("val_evaluator.type") == ConfigNode(.string("Evaluator")))
        #expect(result.value("val_evaluator.metrics") == ConfigNode(ConfigList()))
        #expect(result.value("default_hooks.checkpoint.save_best") == ConfigNode(.string("EPE")))
        #expect(result.value("default_hooks.checkpoint.rule") == ConfigNode(.string("less")))
        #expect(result.records(Evaluation.saveBestKeyUnknown).map(\.legacyPath) == ["evaluation.save_best"])
        #expect(result.records(Evaluation.evaluatorUnknown).map(\.legacyPath) == ["evaluation.metric"])
        // R4: 500, 1000, and the last iteration.
        let extra = result.records(Evaluation.intervalExtraFinal)
        #expect(extra.map(\.kind) == [.warning])
        #expect(extra.first?.message.contains("once more after the last iteration, 1200") == true)
    }

    @Test func customEvaluationHooksAreManual() throws {
        let result = try convert("""
        runner: {type: IterBasedRunner, max_iters: 1000}
        data: {samples_per_gpu: 2, workers_per_gpu: 2, train: {type: UnconditionalImageDataset}, val: {type: UnconditionalImageDataset}}
        evaluation: {type: MyEvalHook, interval: 100}
        """)
        #expect(result.value("val_dataloader") == nil)
        #expect(result.value("val_cfg") == nil)
        #expect(result.records(.manualStep, rule: "evaluation").contains { $0.legacyPath == "evaluation.type" })
    }

    private let mmgenData = """
    runner: {type: DynamicIterBasedRunner, max_iters: 100000, is_dynamic_ddp: true, pass_training_status: true}
    model: {type: BasiccGAN}
    data: {samples_per_gpu: 64, workers_per_gpu: 4, train: {type: UnconditionalImageDataset}, val: {type: UnconditionalImageDataset}}

    """

    @Test func generativeEvalHookBecomesMMagicsValidation() throws {
        let result = try convert(mmgenData + """
        evaluation:
          type: GenerativeEvalHook
          interval: 10000
          metrics:
          - {type: FID, num_images: 50000, inception_pkl: cifar10.pkl, bgr2rgb: true, inception_args: {type: StyleGAN}}
          - {type: IS, num_images: 50000}
          best_metric: [fid, is]
          sample_kwargs: {sample_model: ema}
        """)
        #expect(result.value("train_cfg.val_interval") == ConfigNode(.int(10000)))
        #expect(result.value("train_cfg.val_begin") == ConfigNode(.int(1)))
        #expect(result.value("val_cfg.type") == ConfigNode(.string("MultiValLoop")))
        #expect(result.value("val_dataloader.batch_size") == ConfigNode(.int(64)))
        let metrics = try #require(result.value("val_evaluator.metrics")?.list)
        #expect(metrics.items.map { $0.mapping?["type"]?.scalar?.stringValue } == ["FrechetInceptionDistance", "InceptionScore"])
        #expect(metrics.items.map { $0.mapping?["prefix"]?.scalar?.stringValue } == ["FID-50k", "IS-50k"])
        #expect(metrics.items[0].mapping?["inception_pkl"] == ConfigNode(.string("cifar10.pkl")))
        #expect(metrics.items[0].mapping?["inception_style"] == ConfigNode(.string("StyleGAN")))
        #expect(metrics.items[1].mapping?["sample_model"] == ConfigNode(.string("ema")))
        #expect(result.value("default_hooks.checkpoint.save_best") == ConfigNode(ConfigList([ConfigNode(.string("FID-50k/fid")), ConfigNode(.string("IS-50k/is"))])))
        #expect(result.value("default_hooks.checkpoint.rule") == ConfigNode(ConfigList([ConfigNode(.string("less")), ConfigNode(.string("greater"))])))
        #expect(result.records(.nonEquivalence, rule: "evaluation").isEmpty)
        #expect(result.records(.manualStep, rule: "evaluation").contains { $0.legacyPath == "evaluation.metrics" })
    }

    @Test func generativeEvalHookMilestonesShiftByOne() throws {
        let result = try convert(mmgenData + """
        evaluation: {type: GenerativeEvalHook, interval: {milestones: [80000], interval: [10000, 4000]}, metrics: [{type: FID, num_images: 106}]}
        """)
        #expect(result.value("train_cfg.val_interval") == ConfigNode(.int(10000)))
        let pair = try #require(result.value("train_cfg.dynamic_intervals")?.list?.items.first?.list)
        #expect(pair.items == [ConfigNode(.int(80001)), ConfigNode(.int(4000))])
        // best_metric defaults to 'fid'.
        #expect(result.value("default_hooks.checkpoint.save_best") == ConfigNode(.string("FID-106/fid")))
        #expect(result.value("default_hooks.checkpoint.rule") == ConfigNode(.string("less")))
        #expect(result.records(.nonEquivalence, rule: "evaluation").isEmpty)
    }

    @Test func translationEvalHookUsesTheTargetDomain() throws {
        let result = try convert(mmgenData + """
        evaluation: {type: TranslationEvalHook, target_domain: photo, interval: 10000, metrics: [{type: FID, num_images: 106}, {type: IS, num_images: 106}], best_metric: [fid, is]}
        """)
        let metrics = try #require(result.value("val_evaluator.metrics")?.list)
        #expect(metrics.items.map { $0.mapping?["type"]?.scalar?.stringValue } == ["TransFID", "TransIS"])
        #expect(metrics.items[0].mapping?["real_key"] == ConfigNode(.string("img_photo")))
        #expect(metrics.items[1].mapping?["fake_key"] == ConfigNode(.string("fake_photo")))
    }

    @Test func generativeBestMetricsNoMetricReportsAreNotConfigured() throws {
        let result = try convert(mmgenData + """
        evaluation: {type: GenerativeEvalHook, interval: 10000, metrics: [{type: IS, num_images: 100}, {type: PR, num_images: 100}]}
        """)
        #expect(result.value("default_hooks.checkpoint.save_best") == nil)
        #expect(result.records(Evaluation.generativeBestMetricUnreported).map(\.legacyPath) == ["evaluation.best_metric"])
        // PR has no known mmagic name: kept by name, with the manual step.
        let metrics = try #require(result.value("val_evaluator.metrics")?.list)
        #expect(metrics.items[1].mapping?["type"] == ConfigNode(.string("PR")))
        let metricsStep = result.records(Evaluation.generativeMetrics)
        #expect(metricsStep.map(\.legacyPath) == ["evaluation.metrics"])
        // It names the metric kept by name.
        #expect(metricsStep.first?.message.contains("PR kept by name") == true)
    }

    @Test func aGenerativeIntervalOfZeroWritesNoValidation() throws {
        let result = try convert(mmgenData + """
        evaluation: {type: GenerativeEvalHook, interval: 0, metrics: {type: FID}}
        """)
        #expect(result.value("val_cfg") == nil)
        #expect(result.value("val_dataloader") == nil)
        let partial = try convert(mmgenData + """
        evaluation: {type: GenerativeEvalHook, interval: {milestones: [10], interval: [0, 5]}, metrics: {type: FID}}
        """)
        #expect(partial.records(.nonEquivalence, rule: "evaluation").count == 1)
    }

    @Test func checkpointHookSetEarlierIsMergedInto() throws {
        var context = MigrationContext(legacy: try #require(try YAMLReader().read(SourceText(path: "t.yaml", text: """
        runner: {type: EpochBasedRunner, max_epochs: 2}
        data: {samples_per_gpu: 2, workers_per_gpu: 2, train: {type: CocoDataset}, val: {type: CocoDataset}}
        evaluation: {metric: bbox, save_best: auto, out_dir: /best}
        """)).mapping), at: SourceLocation(file: "t.yaml", line: 1, column: 1), options: MigrationOptions())
        var existing = ConfigMapping()
        existing["type"] = ConfigNode(.string("CheckpointHook"))
        existing["interval"] = ConfigNode(.int(3))
        context.setDefaultHook("checkpoint", ConfigNode(existing))
        try RunnerRule.apply(to: &context)
        try DataRule.apply(to: &context)
        try EvaluationRule.apply(to: &context)
        let hook = try #require(context.defaultHook("checkpoint")?.mapping)
        #expect(hook["interval"] == ConfigNode(.int(3)))
        #expect(hook["save_best"] == ConfigNode(.string("auto")))
        #expect(hook["out_dir"] == ConfigNode(.string("/best")))
    }

    @Test func impossibleValuesThrow() throws {
        #expect(configError { try convert("runner: {type: EpochBasedRunner, max_epochs: 2}\n" + cocoData + "evaluation: {interval: 0}\n") } != nil)
        #expect(configError { try convert("runner: {type: EpochBasedRunner, max_epochs: 2}\n" + cocoData + "evaluation: {start: -1}\n") } != nil)
        #expect(configError { try convert("runner: {type: EpochBasedRunner, max_epochs: 2}\n" + cocoData + "evaluation: {save_best: acc, rule: bigger}\n") } != nil)
    }

    @Test func ruleInferenceMatchesMMCV() {
        #expect(BestRule.KeyLists.mmcv.infer("bbox_mAP") == "greater")
        #expect(BestRule.KeyLists.mmcv.infer("val_loss") == "less")
        #expect(BestRule.KeyLists.mmcv.infer("coco/AP") == nil)
        #expect(EvaluationRule.legacyKeyLists(.mmpose).infer("AP") == "greater")
        #expect(EvaluationRule.legacyKeyLists(.mmpose).infer("NME") == "less")
    }

    @Test func evaluatorKeysAreRenamed() {
        let accuracy = EvaluatorChoice(family: .accuracy, node: ConfigNode(ConfigMapping()), usedKeys: [], reason: "")
        #expect(accuracy.newKey(for: "accuracy_top-5") == "accuracy/top5")
        #expect(accuracy.newKey(for: "precision") == nil)
        #expect(accuracy.newKey(for: "auto") == "auto")
        let action = EvaluatorChoice(family: .actionAccuracy, node: ConfigNode(ConfigMapping()), usedKeys: [], reason: "")
        #expect(action.newKey(for: "mean_class_accuracy") == "acc/mean1")
        #expect(action.newKey(for: "top5_acc") == "acc/top5")
        let iou = EvaluatorChoice(family: .iou, node: ConfigNode(ConfigMapping()), usedKeys: [], reason: "")
        #expect(iou.newKey(for: "mIoU") == "mIoU")
        let unknown = EvaluatorChoice(family: nil, node: ConfigNode(ConfigMapping()), usedKeys: [], reason: "")
        #expect(unknown.newKey(for: "EPE") == nil)
    }
}

/// The error a throwing expression throws, when it is a `ConfigError`.
private func configError(_ body: () throws -> Any) -> ConfigError? {
    do {
        _ = try body()
        return nil
    } catch let error as ConfigError {
        return error
    } catch {
        return nil
    }
}
