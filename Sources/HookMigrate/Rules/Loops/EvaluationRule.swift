import HookMigrateCore
import HookMigrateRuntime

/// `evaluation` (MMCV's `EvalHook` arguments) → the validation loop (`val_cfg`, `val_evaluator`), its timing in
/// `train_cfg` (`val_interval`, `val_begin`, `dynamic_intervals`), best checkpoints in
/// `default_hooks.checkpoint`, and the test loop (`test_cfg`, `test_evaluator`).
///
/// MMEngine needs `val_dataloader`, `val_cfg` and `val_evaluator` all set or all unset (and the same for
/// test), so this rule completes the dataloaders the `data` rule wrote — or removes `val_dataloader` when the
/// legacy run did not validate.
///
/// ## Before
/// ```yaml
/// runner: {type: EpochBasedRunner, max_epochs: 12}
/// evaluation: {interval: 1, metric: bbox, save_best: bbox_mAP}
/// data: {val: {type: CocoDataset, ann_file: val.json, ...}, ...}
/// ```
/// ## After
/// ```yaml
/// train_cfg: {type: EpochBasedTrainLoop, max_epochs: 12, val_interval: 1, val_begin: 1}
/// val_cfg: {type: ValLoop}
/// val_evaluator: {type: CocoMetric, ann_file: val.json, metric: bbox}
/// test_cfg: {type: TestLoop}
/// test_evaluator: {type: CocoMetric, ann_file: val.json, metric: bbox}
/// default_hooks:
///   checkpoint: {type: CheckpointHook, interval: 1, save_best: coco/bbox_mAP}
/// ```
public enum EvaluationRule: MigrationRule {
    public static let id = "evaluation"
    public static let legacyKeys = ["evaluation"]
    public static let newKeys = ["val_cfg", "test_cfg", "val_evaluator", "test_evaluator"]
    /// Reads the runner, the train loop it adds val_interval to, the data rule's loaders, and the checkpoint hook it gives save_best.
    public static let reads: [RuleInput] = [.loopFacts, .output("train_cfg"), .output("val_dataloader"), .output("test_dataloader"), .defaultHook("checkpoint")]
    public static let summary = "EvalHook settings become the validation loop, its timing in train_cfg, the evaluators and the best-checkpoint settings."
    public static let mappingRows = [
        MappingRow("evaluation + data.val", "val_cfg: {type: ValLoop}, val_evaluator: {...}", "exact loop; evaluator chosen by a table (manual step: check it)"),
        MappingRow("data.val without evaluation", "val_cfg, val_evaluator, train_cfg.val_interval: 1", "warning: mmdet-era train scripts validated every epoch by default"),
        MappingRow("data.val without evaluation (mmedit, mmgen)", "no val triple", "warning: their train scripts validated only when evaluation was set"),
        MappingRow("evaluation without data.val", "no val triple", "manual step: MMCV-era validation failed without data.val"),
        MappingRow("evaluation: null (with data.val)", "no val triple; val_dataloader removed", "manual step: MMCV-era train scripts failed on it"),
        MappingRow("evaluation: {type: GenerativeEvalHook / TranslationEvalHook, interval: k} (mmgen)", "train_cfg.val_interval: k, val_begin: 1; val_cfg: {type: MultiValLoop}; val_dataloader from data.val", "exact except R4 (MMEngine also validates at the last iteration)"),
        MappingRow("GenerativeEvalHook interval: {milestones: [m, …], interval: [k0, k1, …]}", "train_cfg.val_interval: k0, dynamic_intervals: [(m+1, k1), …]", "exact except R4 (milestones shifted: MMEngine looks one iteration ahead)"),
        MappingRow("GenerativeEvalHook metrics: FID / IS (TranslationEvalHook: with target_domain)", "val_evaluator.metrics: FrechetInceptionDistance / InceptionScore (TransFID / TransIS with real_key, fake_key), prefix FID-<n> / IS-<n>, fake_nums, sample_model", "approximate: manual step to check (mmagic 1.x); other metric types kept by name"),
        MappingRow("GenerativeEvalHook best_metric (default 'fid'), save_best_ckpt", "default_hooks.checkpoint.save_best: ['FID-<n>/fid', 'IS-<n>/is'], rule: ['less', 'greater']", "exact names and rules; warning R7 (re-save)"),
        MappingRow("evaluation: {type: <other custom hook>}", "no val triple; val_dataloader removed", "manual step"),
        MappingRow("evaluation.metric for CocoDataset / LVIS* / VOCDataset", "CocoMetric / LVISMetric / VOCMetric(eval_mode) with metric, ann_file (mmdet 3)", "approximate: manual step to check; keys prefixed coco/, lvis/, pascal_voc/"),
        MappingRow("evaluation.metric: mAP on OpenImagesDataset / PQ on CocoPanopticDataset", "OpenImagesMetric / CocoPanopticMetric(ann_file, seg_prefix) (mmdet 3)", "approximate: manual step; openimages/, coco_panoptic/ prefixes"),
        MappingRow("evaluation.metric: hmean-iou on IcdarDataset (mmocr)", "HmeanIOUMetric (mmocr 1.x)", "approximate: manual step; hmean-iou:hmean → icdar/hmean"),
        MappingRow("evaluation.metric: mIoU/mDice/mFscore (mmseg)", "IoUMetric(iou_metrics)", "approximate: manual step to check; keys unprefixed"),
        MappingRow("evaluation.metric: accuracy (mmcls)", "Accuracy(topk=(1, 5) or metric_options.topk) (mmpretrain)", "approximate: manual step; accuracy_top-1 → accuracy/top1"),
        MappingRow("evaluation.metrics: top_k_accuracy, ... (mmaction2)", "AccMetric(metric_list, metric_options)", "approximate: manual step; top1_acc → acc/top1"),
        MappingRow("evaluation.metric: mAP on DOTA/HRSC (mmrotate)", "DOTAMetric(metric)", "approximate: manual step; dota/ prefix"),
        MappingRow("evaluation.metric: mAP on TopDown/BottomUpCocoDataset (mmpose)", "CocoMetric(ann_file) (mmpose 1.x)", "approximate: manual step; AP → coco/AP"),
        MappingRow("any other dataset/metric", "val_evaluator: {type: Evaluator, metrics: []}", "manual step: no metric is computed until one is added"),
        MappingRow("data.test", "test_cfg: {type: TestLoop}, test_evaluator (as val, on data.test)", "approximate: manual step to check the evaluator"),
        MappingRow("evaluation.interval: k (no start)", "train_cfg.val_interval: k, val_begin: 1", "exact, except MMEngine also validates at the last epoch/iteration when k does not divide it (R4)"),
        MappingRow("evaluation.start: s, interval: k, s % k == 0", "train_cfg.val_begin: s, val_interval: k", "exact except R4"),
        MappingRow("evaluation.start: s, interval: k, s % k != 0", "train_cfg.val_begin: s, val_interval: k", "non-equivalence X2: both step lists reported"),
        MappingRow("evaluation.start: 0, interval: 1", "train_cfg.val_begin: 1, val_interval: 1", "non-equivalence X3: MMCV's pre-training validation is lost"),
        MappingRow("evaluation.dynamic_intervals: [(m, k), ...] (mmdet)", "train_cfg.dynamic_intervals: [(m+1, k), ...]", "exact except R4 (milestones shifted: MMEngine looks one step ahead)"),
        MappingRow("evaluation.by_epoch", "dropped", "implied by the loop (mmdet-era train scripts overwrote it anyway)"),
        MappingRow("evaluation.save_best, rule, greater_keys, less_keys", "default_hooks.checkpoint.save_best (renamed to the evaluator's prefixed key), rule, greater_keys, less_keys", "exact names; warnings R7 (re-save) and R8 (zero scores)"),
        MappingRow("evaluation.out_dir", "default_hooks.checkpoint.out_dir", "warning: MMEngine puts regular checkpoints there too"),
        MappingRow("evaluation.gpu_collect, tmpdir, broadcast_bn_buffer, test_fn, pre_eval, efficient_test", "dropped", "MMEngine's evaluator collects results itself"),
        MappingRow("evaluation.pipeline (mmdet3d), save_image (mmedit), other eval kwargs", "dropped", "warning"),
    ]

    /// `evaluation` keys that are dropped because MMEngine's loops and evaluators do their work.
    static let collectionKeys = ["gpu_collect", "tmpdir", "test_fn", "pre_eval", "efficient_test"]

    public static func apply(to context: inout MigrationContext) throws {
        let node = context.legacyNode("evaluation")
        if node != nil { context.consume("evaluation") }
        let location = context.legacyKeyLocation("evaluation")
        let codebase = LegacyCodebase.guess(context.legacy)
        let valLoader = context.output("val_dataloader")
        let testLoader = context.output("test_dataloader")
        var evaluation: ConfigMapping?
        if let node, !node.isNull { evaluation = try node.mapping("evaluation") }

        let legacyHasVal = context.legacy["data"]?.mapping?["val"].map { !$0.isNull } ?? false
        let notConverted = legacyHasVal ? "; data.val gets no val_dataloader, because MMEngine needs val_dataloader, val_cfg and val_evaluator together" : ""
        if valLoader != nil, DataRule.validationDisabled(context.legacy) { context.removeOutput("val_dataloader") }

        // mmgen's GenerativeEvalHook / TranslationEvalHook: mmagic's validation loop and generative metrics.
        if let evaluation, GenerativeEvalSettings.applies(to: evaluation) {
            try convertGenerative(evaluation, valLoader: valLoader, &context)
            if let testLoader { try convertTest(testLoader, evaluation: nil, codebase: codebase, valChoice: nil, &context) }
            return
        }
        // Another downstream evaluation hook of its own is not MMCV's EvalHook.
        if let evaluation, let typeNode = evaluation["type"], !typeNode.isNull {
            let type = try typeNode.string("evaluation.type")
            context.manualStep(Records.downstreamEvalHook, "evaluation.type", "`evaluation` builds the downstream hook \(type), not MMCV's EvalHook: its schedule and metrics are not converted\(notConverted); configure the successor package's evaluation (val_dataloader, val_cfg, val_evaluator, train_cfg.val_interval) by hand", at: typeNode.location)
            if legacyHasVal {
                // The legacy train script registered it (mmgen: `validate and cfg.evaluation`), so the legacy run
                // evaluated and the converted one, as written, does not.
                let interval = evaluation["interval"]?.scalar.map { "every \($0) iterations" } ?? "on its own schedule"
                let best = evaluation["best_metric"].map { $0.isNull ? "" : " and saved its best checkpoints" } ?? ""
                context.nonEquivalence(Records.downstreamEvalHookSkipped, "evaluation", "the legacy run evaluated with \(type) \(interval)\(best); the converted config does not validate until the successor package's evaluation is written by hand",
                                       deviation: "evaluations: \(interval) in the legacy run, none in the converted one", at: location)
            }
            if let testLoader { try convertTest(testLoader, evaluation: nil, codebase: codebase, valChoice: nil, &context) }
            return
        }

        var valChoice: EvaluatorChoice?
        if let node, node.isNull {
            if legacyHasVal {
                context.manualStep(Records.nullEvaluation, "evaluation", "`evaluation` is null: mmdet-era train scripts failed on it when validating (`cfg.get('evaluation', {})` returned None), so this config trained with --no-validate; no validation is written\(notConverted)", at: location)
            } else {
                context.change(Records.nullEvaluationDropped, "evaluation", to: nil, "dropped (null; there is no data.val either)", at: location)
            }
        } else if let valLoader {
            valChoice = try convertValidation(evaluation ?? ConfigMapping(), implicit: evaluation == nil, valLoader: valLoader, codebase: codebase, &context)
        } else if node == nil, legacyHasVal {
            context.warn(Records.noEvaluationNoValidation, "data.val", "no `evaluation`: \(codebase.rawValue)'s train script validated only when `evaluation` was set, so data.val gets no val_dataloader (MMEngine needs val_dataloader, val_cfg and val_evaluator together); add all three to validate", at: dataEntryLocation("val", context))
        } else if node != nil {
            let best = evaluation?["save_best"].map { $0.isNull ? "" : " and its save_best" } ?? ""
            context.manualStep(Records.noValSplit, "evaluation", "there is no data.val, so the validation schedule\(best) cannot be converted (MMEngine needs val_dataloader, val_cfg and val_evaluator together; MMCV-era train scripts failed to validate without data.val); add val_dataloader, val_cfg, val_evaluator and train_cfg.val_interval by hand to validate", at: location)
        }
        if let testLoader {
            try convertTest(testLoader, evaluation: evaluation, codebase: codebase, valChoice: valChoice, &context)
        } else if let valChoice {
            recordEvaluatorCheck(valChoice, newPaths: ["val_evaluator"], &context)
        }
    }

    // MARK: Validation

    static func convertValidation(_ evaluation: ConfigMapping, implicit: Bool, valLoader: ConfigNode, codebase: LegacyCodebase,
                                  _ context: inout MigrationContext) throws -> EvaluatorChoice {
        let location = implicit ? dataEntryLocation("val", context) : context.legacyKeyLocation("evaluation")
        let sources = implicit ? ["data"] : ["evaluation", "data"]
        let choice = try evaluator(dataset: valLoader.mapping?["dataset"], evaluation: evaluation, codebase: codebase)
        var loop = ConfigMapping()
        loop["type"] = ConfigNode(.string("ValLoop"))
        context.setOutput("val_cfg", ConfigNode(loop), from: sources)
        context.setOutput("val_evaluator", choice.node, from: sources)
        if implicit {
            let unit = context.loop?.kind == .iteration ? "iteration (IterBasedRunner made the hook validate by iteration)" : "epoch"
            context.warn(Records.noEvaluationDefaultValidation, "data.val", "no `evaluation`, but data.val is set: mmdet-era train scripts validated by default (`cfg.get('evaluation', {})` built EvalHook with interval=1), so validation runs after every \(unit); if this config was trained with --no-validate, remove val_dataloader, val_cfg and val_evaluator", at: location, newPath: "val_cfg")
        } else {
            context.change(Records.valLoop, "evaluation", to: "val_cfg", "EvalHook on data.val becomes the validation loop: val_cfg ValLoop and val_evaluator \(choice.typeName)", at: location)
        }
        let schedule = try readSchedule(evaluation)
        try convertSchedule(schedule, evaluation: evaluation, implicit: implicit, &context)
        try convertBest(evaluation, choice: choice, codebase: codebase, &context)
        try convertRemainingKeys(evaluation, choice: choice, &context)
        return choice
    }

    /// The EvalHook's timing as MMCV read it (`LegacyEvalHook.parseSchedule`, the reading the simulator runs).
    static func readSchedule(_ evaluation: ConfigMapping) throws -> EvaluationSchedule {
        let legacy = try LegacyEvalHook.parseSchedule(evaluation)
        return EvaluationSchedule(interval: legacy.interval, start: legacy.start,
                                  dynamicIntervals: legacy.dynamicIntervals.map { .init(milestone: $0.milestone, interval: $0.interval) })
    }

    /// `interval`, `start`, `dynamic_intervals`, `by_epoch` → `train_cfg.val_interval/val_begin/dynamic_intervals`.
    static func convertSchedule(_ schedule: EvaluationSchedule, evaluation: ConfigMapping, implicit: Bool, legacyForm writtenForm: String? = nil,
                                legacyPackage: String = "mmdet", _ context: inout MigrationContext) throws {
        let location = implicit ? dataEntryLocation("val", context) : context.legacyKeyLocation("evaluation")
        let iteration = context.loop?.kind == .iteration
        let unit = iteration ? "iteration" : "epoch"
        if let byEpochNode = evaluation["by_epoch"], !byEpochNode.isNull {
            let byEpoch = try byEpochNode.bool("evaluation.by_epoch")
            if context.loop == nil || byEpoch == !iteration {
                context.change(Records.byEpochDropped, "evaluation.by_epoch", to: nil, "dropped: implied by the loop type", at: byEpochNode.location)
            } else {
                context.warn(Records.byEpochDisagrees, "evaluation.by_epoch", "by_epoch=\(byEpoch ? "True" : "False") disagrees with the \(iteration ? "IterBasedRunner" : "epoch runner"); mmdet-era train scripts overwrote it with the runner type, so validation is converted by \(unit) (the loop decides in MMEngine)", at: byEpochNode.location)
            }
        }
        let modern = schedule.modern
        let legacyForm = implicit ? "EvalHook's defaults (interval=1)" : writtenForm ?? describe(schedule)
        let intervalPath = implicit ? "data.val" : "evaluation.interval"
        var modernForm = "val_interval=\(modern.valInterval), val_begin=\(modern.valBegin)"
        if !modern.dynamicIntervals.isEmpty {
            modernForm += ", dynamic_intervals=[\(modern.dynamicIntervals.map { "(\($0.milestone), \($0.interval))" }.joined(separator: ", "))]"
        }
        let shiftNote = modern.dynamicIntervals.isEmpty ? "" : " (every milestone +1: MMEngine picks the interval of the next \(unit), \(legacyPackage) that of the current one)"
        guard context.output("train_cfg") != nil else {
            context.manualStep(Records.noTrainLoopForInterval, intervalPath, "there is no train_cfg to hold the validation timing (the runner was not converted): add \(modernForm) to train_cfg by hand (from \(legacyForm))", at: location, newPath: "train_cfg")
            return
        }
        context.updateOutputMapping("train_cfg", from: implicit ? [] : ["evaluation"]) { loop in
            loop["val_interval"] = ConfigNode(.int(modern.valInterval))
            loop["val_begin"] = ConfigNode(.int(modern.valBegin))
            if !modern.dynamicIntervals.isEmpty {
                let pairs = modern.dynamicIntervals.map {
                    ConfigNode(ConfigList([ConfigNode(.int($0.milestone)), ConfigNode(.int($0.interval))], style: .tuple))
                }
                loop["dynamic_intervals"] = ConfigNode(ConfigList(pairs))
            }
        }
        let newPath = "train_cfg.val_interval"
        let length = iteration ? context.loop?.maxIters : context.loop?.maxEpochs
        let startNode = evaluation["start"]
        let misaligned = schedule.start.map { $0 % schedule.interval != 0 } ?? false
        guard let length, length <= simulationLimit else {
            let why = length == nil ? "the run length is unknown" : "the run is too long to list"
            if misaligned {
                context.nonEquivalence(Records.startShifted, "evaluation.start", "\(legacyForm) → \(modernForm): MMCV validated at start, start+k, …, MMEngine validates at the multiples of k from val_begin (X2; \(why))", deviation: "validation steps shifted by start % interval = \(schedule.start.map { $0 % schedule.interval } ?? 0) \(unit)(s)", at: startNode?.location ?? location, newPath: "train_cfg.val_begin")
            } else {
                context.change(Records.intervalWithFinal, intervalPath, to: newPath, "\(legacyForm) → \(modernForm)\(shiftNote); MMEngine also validates after the last \(unit) when the interval does not divide the run (R4; \(why))", at: location)
            }
            recordPreTraining(schedule, location: startNode?.location ?? location, unit: unit, &context)
            return
        }
        let legacySteps = schedule.legacySteps(length: length)
        let modernSteps = modern.steps(length: length)
        let unitPlural = "\(unit)s"
        if legacySteps == modernSteps {
            context.change(Records.intervalSame, intervalPath, to: newPath, "\(legacyForm) → \(modernForm)\(shiftNote): the same validation \(unitPlural) (\(describeSteps(legacySteps)))", at: location)
        } else if legacySteps.isEmpty, modernSteps == [length] {
            context.warn(Records.intervalOnlyFinal, intervalPath, "\(legacyForm) → \(modernForm)\(shiftNote): MMCV never validated in these \(length) \(unitPlural); MMEngine validates once, after the last \(unit) (R4: its loop always validates at the end)", at: location, newPath: newPath)
        } else if modernSteps == (legacySteps + [length]).sorted(), !legacySteps.contains(length) {
            let best = evaluation["save_best"].map { $0.isNull ? "" : "; it may also save one more best checkpoint there" } ?? ""
            context.warn(Records.intervalExtraFinal, intervalPath, "\(legacyForm) → \(modernForm)\(shiftNote): MMEngine validates after the same \(unitPlural) (\(describeSteps(legacySteps))) and once more after the last \(unit), \(length) (R4: its loop always validates at the end)\(best)", at: location, newPath: newPath)
        } else {
            let onlyLegacy = legacySteps.filter { !modernSteps.contains($0) }
            let onlyModern = modernSteps.filter { !legacySteps.contains($0) }
            let what = misaligned ? "start=\(schedule.start ?? 0) is not a multiple of interval=\(schedule.interval): no MMEngine setting reproduces MMCV's schedule (X2)" : "no MMEngine setting reproduces MMCV's schedule"
            context.nonEquivalence(Records.intervalDiffers, misaligned ? "evaluation.start" : intervalPath, "\(legacyForm) → \(modernForm)\(shiftNote): \(what); in \(length) \(unitPlural) MMCV validates after \(describeSteps(legacySteps)), MMEngine after \(describeSteps(modernSteps))", deviation: "\(onlyLegacy.count) MMCV validation(s) missing (\(describeSteps(onlyLegacy))), \(onlyModern.count) extra (\(describeSteps(onlyModern)))", at: (misaligned ? startNode?.location : nil) ?? location, newPath: misaligned ? "train_cfg.val_begin" : newPath)
        }
        recordPreTraining(schedule, location: startNode?.location ?? location, unit: unit, &context)
    }

    /// X3: MMCV validated before training when `start` is 0 and the first interval is 1.
    static func recordPreTraining(_ schedule: EvaluationSchedule, location: SourceLocation?, unit: String, _ context: inout MigrationContext) {
        guard schedule.legacyEvaluatesBeforeTraining else { return }
        context.nonEquivalence(Records.preTrainingValidation, "evaluation.start", "start=\(schedule.start ?? 0) with interval \(EvaluationSchedule.interval(at: 1, base: schedule.interval, dynamic: schedule.dynamicIntervals)): MMCV's EvalHook validated once before the first training \(unit) (X3); MMEngine's loop has no pre-training validation (run the test or val loop on the initial weights separately if that score is needed)", deviation: "one validation, before training, missing; later validations unaffected", at: location, newPath: "train_cfg.val_begin")
    }

    static func describe(_ schedule: EvaluationSchedule) -> String {
        var parts = ["interval=\(schedule.interval)"]
        if let start = schedule.start { parts.insert("start=\(start)", at: 0) }
        if !schedule.dynamicIntervals.isEmpty {
            parts.append("dynamic_intervals=[\(schedule.dynamicIntervals.map { "(\($0.milestone), \($0.interval))" }.joined(separator: ", "))]")
        }
        return "evaluation " + parts.joined(separator: ", ")
    }

    // MARK: Best checkpoint
    /// `save_best`, `rule`, `greater_keys`, `less_keys`, `out_dir` → `default_hooks.checkpoint`.
    static func convertBest(_ evaluation: ConfigMapping, choice: EvaluatorChoice, codebase: LegacyCodebase, _ context: inout MigrationContext) throws {
        let ruleNode = evaluation["rule"].flatMap { $0.isNull ? nil : $0 }
        let rule = try ruleNode.map { try $0.string("evaluation.rule") }
        if let rule, rule != "greater", rule != "less" {
            throw ConfigError(.invalidValue, "`evaluation.rule` must be 'greater' or 'less' (MMCV's EvalHook raises KeyError), found '\(rule)'", at: ruleNode?.location)
        }
        let (greater, less) = try BestRule.configuredKeys(evaluation, path: "evaluation")
        let outDir = try evaluation["out_dir"].flatMap { $0.isNull ? nil : try $0.string("evaluation.out_dir") }
        var hook = context.defaultHook("checkpoint")?.mapping ?? defaultCheckpointHook()
        var changed = false

        if let bestNode = evaluation["save_best"], !bestNode.isNull {
            let saveBest = try bestNode.string("evaluation.save_best")
            let legacyRule = rule ?? (saveBest == "auto" ? nil : legacyKeyLists(codebase).overridden(greater: greater, less: less).infer(saveBest))
            if saveBest != "auto", legacyRule == nil {
                context.manualStep(Records.saveBestNoRule, "evaluation.save_best", "no rule is given for save_best='\(saveBest)' and none follows from the greater/less key lists (MMCV's EvalHook raised ValueError for it unless the package's own hook had other lists): no best checkpoint is configured — set default_hooks.checkpoint.save_best and rule ('greater' or 'less') by hand", at: bestNode.location, newPath: "default_hooks.checkpoint.save_best")
            } else {
                let renamed = choice.newKey(for: saveBest)
                let newKey = renamed ?? saveBest
                hook["save_best"] = ConfigNode(.string(newKey))
                var notes: [String] = []
                if let greater { hook["greater_keys"] = ConfigNode(ConfigList(greater.map { ConfigNode(.string($0)) })) }
                if let less { hook["less_keys"] = ConfigNode(ConfigList(less.map { ConfigNode(.string($0)) })) }
                if saveBest == "auto" {
                    if let rule {
                        hook["rule"] = ConfigNode(.string(rule))
                    } else if codebase == .mmpose, greater == nil, less == nil {
                        // MMCV resolved 'auto' with mmpose's key lists; MMEngine's defaults would not match `coco/AP`.
                        hook["greater_keys"] = ConfigNode(ConfigList(BestRule.KeyLists.mmpose0x.greater.map { ConfigNode(.string($0)) }))
                        hook["less_keys"] = ConfigNode(ConfigList(BestRule.KeyLists.mmpose0x.less.map { ConfigNode(.string($0)) }))
                        notes.append("greater_keys/less_keys set to mmpose 0.x's lists, which inferred the rule of the first metric")
                    }
                } else if let legacyRule {
                    let modernRule = BestRule.KeyLists.mmcv.overridden(greater: greater, less: less).infer(newKey)
                    if rule != nil || modernRule != legacyRule {
                        hook["rule"] = ConfigNode(.string(legacyRule))
                        if rule != nil { notes.append("rule '\(legacyRule)' kept") }
                        if rule == nil { notes.append("rule '\(legacyRule)' written explicitly (MMCV inferred it\(codebase == .mmpose ? " with mmpose's key lists" : ""); MMEngine would infer \(modernRule.map { "'\($0)'" } ?? "nothing and fail") for '\(newKey)')") }
                    }
                }
                let extra = notes.isEmpty ? "" : "; " + notes.joined(separator: "; ")
                if let renamed, renamed != saveBest {
                    context.change(Records.saveBestRenamed, "evaluation.save_best", to: "default_hooks.checkpoint.save_best", "save_best='\(saveBest)' → '\(renamed)' (\(choice.typeName) reports its keys with the prefix '\(choice.prefix ?? "")/')\(extra)", at: bestNode.location)
                } else if renamed != nil {
                    context.change(Records.saveBestMoved, "evaluation.save_best", to: "default_hooks.checkpoint.save_best", "save_best='\(saveBest)' moved\(saveBest == "auto" ? " ('auto': the first key the evaluator reports)" : " (\(choice.typeName) reports it under the same name)")\(extra)", at: bestNode.location)
                } else {
                    context.manualStep(Records.saveBestKeyUnknown, "evaluation.save_best", "save_best='\(saveBest)' kept as written, but the key name the new evaluator (\(choice.typeName)) reports is not known (MMEngine-era metrics usually prefix it, e.g. '<prefix>/\(saveBest)'): set default_hooks.checkpoint.save_best to the evaluator's key\(extra)", at: bestNode.location, newPath: "default_hooks.checkpoint.save_best")
                }
                context.warn(Records.bestScoreZero, "evaluation.save_best", "a best score of exactly 0 was skipped by MMCV (it tested the score's truthiness) but counts in MMEngine, which may then save one more best checkpoint (R8)", at: bestNode.location, newPath: "default_hooks.checkpoint.save_best")
                context.warn(Records.bestResavesRegular, "evaluation.save_best", "after each best-checkpoint update MMEngine re-saves the regular checkpoint of that step (it may rewrite an existing file or add one that takes a max_keep_ckpts slot), so resuming restores the right best score (R7)", at: bestNode.location, newPath: "default_hooks.checkpoint")
                changed = true
            }
        } else if ruleNode != nil || greater != nil || less != nil {
            let keys = ["rule", "greater_keys", "less_keys"].filter { evaluation[$0].map { !$0.isNull } ?? false }
            context.change(Records.bestKeysDropped, keys.map { "evaluation.\($0)" }.joined(separator: ", "), to: nil, "dropped: without save_best they had no effect", at: evaluation.entry(keys.first ?? "rule")?.keyLocation)
        }

        if let outDir {
            let outNode = evaluation["out_dir"]
            let checkpointOutDir = context.legacyNode("checkpoint_config")?.mapping?["out_dir"]?.scalar?.stringValue
            if let checkpointOutDir, checkpointOutDir != outDir {
                context.warn(Records.outDirConflict, "evaluation.out_dir", "MMEngine saves best and regular checkpoints in one out_dir: checkpoint_config.out_dir ('\(checkpointOutDir)') is used, so best checkpoints move from '\(outDir)' there", at: outNode?.location, newPath: "default_hooks.checkpoint.out_dir")
            } else {
                hook["out_dir"] = ConfigNode(.string(outDir))
                changed = true
                if checkpointOutDir == outDir {
                    context.change(Records.outDirMoved, "evaluation.out_dir", to: "default_hooks.checkpoint.out_dir", "moved (the same as checkpoint_config.out_dir)", at: outNode?.location)
                } else {
                    context.warn(Records.outDirMoved, "evaluation.out_dir", "moved to default_hooks.checkpoint.out_dir: MMEngine saves best and regular checkpoints in one directory, so the regular checkpoints (work_dir in MMCV) go to '\(outDir)' too", at: outNode?.location, newPath: "default_hooks.checkpoint.out_dir")
                }
            }
        }
        if let clientArgs = evaluation["file_client_args"], !clientArgs.isNull {
            context.warn(Records.fileClientArgsDropped, "evaluation.file_client_args", "dropped: it only served EvalHook's out_dir; set default_hooks.checkpoint.backend_args if the checkpoint directory needs a storage backend", at: clientArgs.location)
        }
        if changed { context.setDefaultHook("checkpoint", ConfigNode(hook)) }
    }

    /// The checkpoint hook MMEngine's default config has (and hookmigrate writes when nothing else does).
    static func defaultCheckpointHook() -> ConfigMapping {
        var hook = ConfigMapping()
        hook["type"] = ConfigNode(.string("CheckpointHook"))
        hook["interval"] = ConfigNode(.int(1))
        return hook
    }

    // MARK: Other keys

    static let handledKeys: Set<String> = [
        "interval", "start", "by_epoch", "dynamic_intervals", "save_best", "rule", "greater_keys", "less_keys", "out_dir",
        "file_client_args", "gpu_collect", "tmpdir", "test_fn", "pre_eval", "efficient_test", "broadcast_bn_buffer", "type",
        "pipeline", "save_image",
    ]

    static func convertRemainingKeys(_ evaluation: ConfigMapping, choice: EvaluatorChoice, _ context: inout MigrationContext) throws {
        let present = { (key: String) -> Bool in evaluation[key].map { !$0.isNull } ?? false }
        let collection = collectionKeys.filter(present)
        if !collection.isEmpty {
            context.change(Records.collectionArgumentsDropped, collection.map { "evaluation.\($0)" }.joined(separator: ", "), to: nil, "dropped: MMEngine's ValLoop runs the model itself, its evaluator processes results batch by batch (what pre_eval did) and collects them across processes (a metric's collect_device='gpu' replaces gpu_collect)", at: evaluation.entry(collection[0])?.keyLocation)
        }
        let bufferNode = evaluation["broadcast_bn_buffer"].flatMap { $0.isNull ? nil : $0 }
        let broadcast = try bufferNode.map { try $0.bool("evaluation.broadcast_bn_buffer") } ?? true
        if context.options.distributed && broadcast {
            context.warn(Records.broadcastBnBuffer, "evaluation.broadcast_bn_buffer", "DistEvalHook broadcast rank 0's BatchNorm buffers before each validation\(bufferNode == nil ? " (broadcast_bn_buffer defaulted to True)" : ""); MMEngine does not: add SyncBuffersHook to custom_hooks (it averages the buffers after each epoch) or use SyncBN if all ranks must validate with the same buffers", at: bufferNode?.location ?? context.legacyKeyLocation("evaluation"))
        } else if let bufferNode {
            context.change(Records.broadcastBnBufferDropped, "evaluation.broadcast_bn_buffer", to: nil, "dropped: \(broadcast ? "it only acted in distributed runs" : "it was off")", at: bufferNode.location)
        }
        if let pipeline = evaluation["pipeline"], !pipeline.isNull {
            context.warn(Records.pipelineDropped, "evaluation.pipeline", "dropped: the evaluation-time pipeline (used to show or save results) has no MMEngine loop field; visualisation is a hook of the successor package", at: pipeline.location)
        }
        if let saveImage = evaluation["save_image"], !saveImage.isNull {
            context.warn(Records.saveImageDropped, "evaluation.save_image", "dropped: saving result images during validation is a visualisation hook in the successor package (e.g. mmagic's VisualizationHook)", at: saveImage.location)
        }
        var unknown: [String] = []
        for entry in evaluation.entries {
            let key = entry.key.stringValue ?? entry.key.description
            if handledKeys.contains(key) || choice.usedKeys.contains(key) { continue }
            // The metric is reported with the evaluator (recordEvaluatorCheck).
            if key == "metric" || key == "metrics" { continue }
            if entry.value.isNull { continue }
            unknown.append(key)
        }
        if !unknown.isEmpty {
            let names = unknown.map { "evaluation.\($0)" }
            let target = choice.family == nil ? "the new evaluator is not known" : "\(choice.typeName) has no known argument for \(unknown.count == 1 ? "it" : "them")"
            context.warn(Records.evaluateArgumentsDropped, names.joined(separator: ", "), "MMCV passed \(names.map { "`\($0)`" }.joined(separator: ", ")) to dataset.evaluate; \(target): dropped — add the successor metric's equivalent to val_evaluator by hand", at: evaluation.entry(unknown[0])?.keyLocation, newPath: "val_evaluator")
        }
    }

    // MARK: Test

    static func convertTest(_ testLoader: ConfigNode, evaluation: ConfigMapping?, codebase: LegacyCodebase, valChoice: EvaluatorChoice?,
                            _ context: inout MigrationContext) throws {
        let choice = try evaluator(dataset: testLoader.mapping?["dataset"], evaluation: evaluation, codebase: codebase)
        var loop = ConfigMapping()
        loop["type"] = ConfigNode(.string("TestLoop"))
        context.setOutput("test_cfg", ConfigNode(loop), from: ["data"])
        context.setOutput("test_evaluator", choice.node, from: ["data"])
        let metric = evaluation == nil ? "the dataset's default metric" : "the metric of `evaluation`"
        context.change(Records.testLoop, "data.test", to: "test_cfg", "data.test gets the test loop (test_cfg TestLoop) and test_evaluator \(choice.typeName) with \(metric) (MMCV-era test scripts took the metric from the command line; MMEngine needs test_dataloader, test_cfg and test_evaluator together)", at: dataEntryLocation("test", context))
        if let valChoice, valChoice.node == choice.node {
            recordEvaluatorCheck(choice, newPaths: ["val_evaluator", "test_evaluator"], &context)
        } else {
            if let valChoice { recordEvaluatorCheck(valChoice, newPaths: ["val_evaluator"], &context) }
            recordEvaluatorCheck(choice, newPaths: ["test_evaluator"], &context)
        }
    }

    /// Where `data.<split>` is written (or `data`, or the config).
    static func dataEntryLocation(_ split: String, _ context: MigrationContext) -> SourceLocation {
        context.legacyNode("data")?.mapping?.entry(split)?.keyLocation ?? context.legacyKeyLocation("data")
    }

    /// The one manual step per evaluator: hookmigrate chose it from a table, a person checks it.
    static func recordEvaluatorCheck(_ choice: EvaluatorChoice, newPaths: [String], _ context: inout MigrationContext) {
        let names = newPaths.joined(separator: " and ")
        let fromEvaluation = newPaths.contains("val_evaluator") && context.legacyNode("evaluation")?.mapping != nil
        let split = newPaths.contains("val_evaluator") ? "val" : "test"
        let legacyPath = fromEvaluation ? "evaluation.metric" : "data.\(split)"
        let location = fromEvaluation ? context.legacyKeyLocation("evaluation") : dataEntryLocation(split, context)
        if choice.family == nil {
            context.manualStep(Records.evaluatorUnknown, legacyPath, "no MMEngine-era evaluator is known for \(choice.reason): \(names) \(newPaths.count == 1 ? "is" : "are") an Evaluator with no metrics (the loop runs the model and computes nothing); put the successor package's metric config in `metrics`, and point default_hooks.checkpoint.save_best at its key", at: location, newPath: newPaths[0])
        } else {
            let prefix = choice.prefix.map { "prefixed '\($0)/' (e.g. \(choice.exampleKey))" } ?? "unprefixed (e.g. \(choice.exampleKey))"
            context.manualStep(Records.evaluatorChosen, legacyPath, "\(names): \(choice.typeName) of \(choice.package), chosen for \(choice.reason); check its arguments against the package's own config (it must run in that package's scope, default_scope); its metric keys are \(prefix)", at: location, newPath: newPaths[0])
        }
    }
}
