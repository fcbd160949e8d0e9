extension RunnerRule {
    /// The records the `runner` rule writes, one case per kind of record (id `runner/<raw value>`).
    /// A case's documentation is its `summary` and `kinds`, printed in docs/records.md.
    public enum Records: String, RecordCode {
        case totalEpochsDisagrees = "total-epochs-disagrees"
        case epochLoop = "epoch-loop"
        case dynamicIterRunner = "dynamic-iter-runner"
        case iterLoop = "iter-loop"
        case untypedIterRunner = "untyped-iter-runner"
        case untypedEpochRunner = "untyped-epoch-runner"
        case runnerWithoutLength = "runner-without-length"
        case unknownRunner = "unknown-runner"
        case totalEpochs = "total-epochs"
        case totalIters = "total-iters"
        case noTrainingLength = "no-training-length"
        case workflowValDropped = "workflow-val-dropped"
        case workflowDropped = "workflow-dropped"

        public static var rule: String { RunnerRule.id }

        public var summary: String {
            switch self {
            case .totalEpochsDisagrees: "total_epochs disagrees with runner.max_epochs; max_epochs is used."
            case .epochLoop: "An epoch runner becomes EpochBasedTrainLoop."
            case .dynamicIterRunner: "mmgen's DynamicIterBasedRunner becomes IterBasedTrainLoop; its dynamic behaviour needs the successor package."
            case .iterLoop: "IterBasedRunner becomes IterBasedTrainLoop."
            case .untypedIterRunner: "A runner without type but with max_iters becomes IterBasedTrainLoop."
            case .untypedEpochRunner: "A runner without type but with max_epochs becomes EpochBasedTrainLoop."
            case .runnerWithoutLength: "A runner with neither a type nor a length: train_cfg needs a person."
            case .unknownRunner: "An unknown runner type: train_cfg needs a person."
            case .totalEpochs: "total_epochs without a runner becomes EpochBasedTrainLoop."
            case .totalIters: "total_iters without a runner becomes IterBasedTrainLoop."
            case .noTrainingLength: "No training length at all: train_cfg needs a person."
            case .workflowValDropped: "workflow's ('val', n) entries (loss-only validation): dropped."
            case .workflowDropped: "workflow with only train entries: dropped."
            }
        }

        public var kinds: [MigrationRecord.Kind] {
            switch self {
            case .totalEpochsDisagrees, .dynamicIterRunner, .untypedIterRunner, .untypedEpochRunner,
                 .workflowValDropped: [.warning]
            case .epochLoop, .iterLoop, .totalEpochs, .totalIters, .workflowDropped: [.change]
            case .runnerWithoutLength, .unknownRunner, .noTrainingLength: [.manualStep]
            }
        }
    }
}
