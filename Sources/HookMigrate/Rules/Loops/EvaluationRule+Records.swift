extension EvaluationRule {
    /// The records the `evaluation` rule writes, one case per kind of record (id `evaluation/<raw value>`).
    /// A case's documentation is its `summary` and `kinds`, printed in docs/records.md.
    public enum Records: String, RecordCode {
        case generativeWithoutValData = "generative-without-val-data"
        case generativeNeverEvaluated = "generative-never-evaluated"
        case generativeDynamicIntervalNotPositive = "generative-dynamic-interval-not-positive"
        case generativeValLoop = "generative-val-loop"
        case generativeMetrics = "generative-metrics"
        case generativeBestMetricUnreported = "generative-best-metric-unreported"
        case generativeNoBestCheckpoint = "generative-no-best-checkpoint"
        case generativeBestMetricRepeated = "generative-best-metric-repeated"
        case generativeBestCheckpoints = "generative-best-checkpoints"
        case bestResavesRegular = "best-resaves-regular"
        case generativeSampleKwargsDropped = "generative-sample-kwargs-dropped"
        case generativePriorityDropped = "generative-priority-dropped"
        case generativeOverwrittenDropped = "generative-overwritten-dropped"
        case generativeLogBufferCleared = "generative-log-buffer-cleared"
        case downstreamEvalHook = "downstream-eval-hook"
        case downstreamEvalHookSkipped = "downstream-eval-hook-skipped"
        case nullEvaluation = "null-evaluation"
        case nullEvaluationDropped = "null-evaluation-dropped"
        case noEvaluationNoValidation = "no-evaluation-no-validation"
        case noValSplit = "no-val-split"
        case noEvaluationDefaultValidation = "no-evaluation-default-validation"
        case valLoop = "val-loop"
        case byEpochDropped = "by-epoch-dropped"
        case byEpochDisagrees = "by-epoch-disagrees"
        case noTrainLoopForInterval = "no-train-loop-for-interval"
        case startShifted = "start-shifted"
        case intervalWithFinal = "interval-with-final"
        case intervalSame = "interval-same"
        case intervalOnlyFinal = "interval-only-final"
        case intervalExtraFinal = "interval-extra-final"
        case intervalDiffers = "interval-differs"
        case preTrainingValidation = "pre-training-validation"
        case saveBestNoRule = "save-best-no-rule"
        case saveBestRenamed = "save-best-renamed"
        case saveBestMoved = "save-best-moved"
        case saveBestKeyUnknown = "save-best-key-unknown"
        case bestScoreZero = "best-score-zero"
        case bestKeysDropped = "best-keys-dropped"
        case outDirConflict = "out-dir-conflict"
        case outDirMoved = "out-dir-moved"
        case fileClientArgsDropped = "file-client-args-dropped"
        case collectionArgumentsDropped = "collection-arguments-dropped"
        case broadcastBnBuffer = "broadcast-bn-buffer"
        case broadcastBnBufferDropped = "broadcast-bn-buffer-dropped"
        case pipelineDropped = "pipeline-dropped"
        case saveImageDropped = "save-image-dropped"
        case evaluateArgumentsDropped = "evaluate-arguments-dropped"
        case testLoop = "test-loop"
        case evaluatorUnknown = "evaluator-unknown"
        case evaluatorChosen = "evaluator-chosen"

        public static var rule: String { EvaluationRule.id }

        public var summary: String {
            switch self {
            case .generativeWithoutValData: "A generative evaluation hook without data.val (the legacy train script failed): needs a person."
            case .generativeNeverEvaluated: "A generative evaluation hook with interval ≤ 0 never evaluated: no validation is written."
            case .generativeDynamicIntervalNotPositive: "A generative evaluation hook's dynamic interval with a non-positive entry, which MMEngine's dynamic intervals cannot stop on."
            case .generativeValLoop: "A generative evaluation hook becomes mmagic's MultiValLoop with its evaluators."
            case .generativeMetrics: "The mmagic metrics chosen for mmgen's: their arguments need a check by a person."
            case .generativeBestMetricUnreported: "A best_metric no metric reports: dropped."
            case .generativeNoBestCheckpoint: "save_best_ckpt=False: no best checkpoint is configured."
            case .generativeBestMetricRepeated: "A best-metric name reported by several metrics, whose shared best score MMEngine does not reproduce."
            case .generativeBestCheckpoints: "The generative hook's best checkpoints become CheckpointHook's save_best and rule."
            case .bestResavesRegular: "After a best-checkpoint update MMEngine re-saves the regular checkpoint of that step (resuming picks it up)."
            case .generativeSampleKwargsDropped: "sample_kwargs other than sample_model: dropped (mmagic's metrics take only sample_model)."
            case .generativePriorityDropped: "The generative evaluation hook's priority: dropped (MMEngine's loop validates after all hooks)."
            case .generativeOverwrittenDropped: "dist or dataloader, which mmgen's train script overwrote: dropped."
            case .generativeLogBufferCleared: "The generative evaluation hook cleared the log buffer before evaluating; MMEngine still writes that train log (R9)."
            case .downstreamEvalHook: "`evaluation` builds a downstream hook, not MMCV's EvalHook: not converted."
            case .downstreamEvalHookSkipped: "The legacy run evaluated with a downstream hook; the converted config does not validate until it is written by hand."
            case .nullEvaluation: "`evaluation` is null (the legacy train script failed when validating): no validation is written."
            case .nullEvaluationDropped: "`evaluation` is null and there is no data.val either: dropped."
            case .noEvaluationNoValidation: "No `evaluation`: this package's train script did not validate, so data.val gets no val_dataloader."
            case .noValSplit: "There is no data.val, so the validation schedule cannot be converted."
            case .noEvaluationDefaultValidation: "No `evaluation` but data.val: mmdet-era train scripts validated every epoch by default, and so does the conversion."
            case .valLoop: "EvalHook on data.val becomes the validation loop (val_cfg ValLoop and val_evaluator)."
            case .byEpochDropped: "evaluation.by_epoch, implied by the loop type: dropped."
            case .byEpochDisagrees: "evaluation.by_epoch disagrees with the runner; train scripts overwrote it with the runner type."
            case .noTrainLoopForInterval: "There is no train_cfg to hold the validation timing: it needs a person."
            case .startShifted: "evaluation.start: MMCV validated at start, start+k, …, MMEngine at the multiples of k from val_begin (X2)."
            case .intervalWithFinal: "The validation interval converted; MMEngine also validates after the last step when the interval does not divide the run (R4)."
            case .intervalSame: "The validation interval converted: the same validation steps."
            case .intervalOnlyFinal: "MMCV never validated in the run; MMEngine validates once, after the last step (R4)."
            case .intervalExtraFinal: "MMEngine validates at the same steps and once more after the last one (R4)."
            case .intervalDiffers: "The validation steps differ between MMCV and MMEngine; the non-equivalence counts them."
            case .preTrainingValidation: "start=0 with a first interval of 1: MMCV's EvalHook validated once before training (X3); MMEngine's loop does not."
            case .saveBestNoRule: "save_best with no rule given or implied (MMCV raised ValueError unless the package knew it): needs a person."
            case .saveBestRenamed: "save_best is renamed to the key the new evaluator reports (with its prefix)."
            case .saveBestMoved: "save_best moves to default_hooks.checkpoint.save_best."
            case .saveBestKeyUnknown: "save_best kept as written, but the key the new evaluator reports is not known: needs a check."
            case .bestScoreZero: "A best score of exactly 0 was skipped by MMCV but counts in MMEngine (R8)."
            case .bestKeysDropped: "rule / greater_keys / less_keys without save_best, which had no effect: dropped."
            case .outDirConflict: "evaluation.out_dir and checkpoint_config.out_dir differ; MMEngine has one out_dir, checkpoint_config's is used."
            case .outDirMoved: "evaluation.out_dir moves to default_hooks.checkpoint.out_dir (a warning when regular checkpoints move with it)."
            case .fileClientArgsDropped: "evaluation.file_client_args, which served only out_dir: dropped."
            case .collectionArgumentsDropped: "Result-collection arguments (gpu_collect, tmpdir, …) MMEngine's ValLoop handles itself: dropped."
            case .broadcastBnBuffer: "DistEvalHook broadcast BatchNorm buffers before each validation; MMEngine does not."
            case .broadcastBnBufferDropped: "broadcast_bn_buffer that had no effect: dropped."
            case .pipelineDropped: "evaluation.pipeline (for showing results): dropped."
            case .saveImageDropped: "evaluation.save_image: dropped (a visualisation hook in the successor package)."
            case .evaluateArgumentsDropped: "Arguments MMCV passed to dataset.evaluate that the new evaluator has no counterpart for: dropped."
            case .testLoop: "data.test gets the test loop and a test evaluator."
            case .evaluatorUnknown: "No MMEngine-era evaluator is known for the dataset: an Evaluator with no metrics needs a person."
            case .evaluatorChosen: "The evaluator chosen for the dataset: its arguments need a check by a person."
            }
        }

        public var kinds: [MigrationRecord.Kind] {
            switch self {
            case .generativeWithoutValData, .generativeMetrics, .downstreamEvalHook, .nullEvaluation, .noValSplit,
                 .noTrainLoopForInterval, .saveBestNoRule, .saveBestKeyUnknown, .evaluatorUnknown,
                 .evaluatorChosen: [.manualStep]
            case .generativeNeverEvaluated, .generativeValLoop, .generativeBestMetricUnreported,
                 .generativeNoBestCheckpoint, .generativeBestCheckpoints, .generativePriorityDropped,
                 .generativeOverwrittenDropped, .nullEvaluationDropped, .valLoop, .byEpochDropped,
                 .intervalWithFinal, .intervalSame, .saveBestRenamed, .saveBestMoved, .bestKeysDropped,
                 .collectionArgumentsDropped, .broadcastBnBufferDropped, .testLoop: [.change]
            case .generativeDynamicIntervalNotPositive, .generativeBestMetricRepeated, .downstreamEvalHookSkipped,
                 .startShifted, .intervalDiffers, .preTrainingValidation: [.nonEquivalence]
            case .bestResavesRegular, .generativeSampleKwargsDropped, .generativeLogBufferCleared,
                 .noEvaluationNoValidation, .noEvaluationDefaultValidation, .byEpochDisagrees, .intervalOnlyFinal,
                 .intervalExtraFinal, .bestScoreZero, .outDirConflict, .fileClientArgsDropped, .broadcastBnBuffer,
                 .pipelineDropped, .saveImageDropped, .evaluateArgumentsDropped: [.warning]
            case .outDirMoved: [.change, .warning]
            }
        }
    }
}
