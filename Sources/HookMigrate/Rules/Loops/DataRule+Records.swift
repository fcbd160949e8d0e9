extension DataRule {
    /// The records the `data` rule writes, one case per kind of record (id `data/<raw value>`).
    /// A case's documentation is its `summary` and `kinds`, printed in docs/records.md.
    public enum Records: String, RecordCode {
        case noData = "no-data"
        case nullData = "null-data"
        case downstreamSettingDropped = "downstream-setting-dropped"
        case noTrainSplit = "no-train-split"
        case noTrainBatchSize = "no-train-batch-size"
        case trainDataloader = "train-dataloader"
        case groupSampler = "group-sampler"
        case loaderWithoutSplitDropped = "loader-without-split-dropped"
        case splitDataloader = "split-dataloader"
        case batchSizeNotPositive = "batch-size-not-positive"
        case noWorkers = "no-workers"
        case omnisource = "omnisource"
        case concatDataset = "concat-dataset"
        case datasetAsWritten = "dataset-as-written"

        public static var rule: String { DataRule.id }

        public var summary: String {
            switch self {
            case .noData: "The config has no `data`: the dataloaders need a person."
            case .nullData: "`data` is null: no dataloaders were written; they need a person."
            case .downstreamSettingDropped: "A downstream train-script or sampler setting with no MMEngine dataloader field: dropped."
            case .noTrainSplit: "No `data.train`: no train_dataloader was written; it needs a person."
            case .noTrainBatchSize: "No samples_per_gpu for training: train_dataloader.batch_size needs a person."
            case .trainDataloader: "data.train and its loader settings become train_dataloader."
            case .groupSampler: "mmdet 2's aspect-ratio grouping of training images becomes mmdet 3's AspectRatioBatchSampler only when set by hand."
            case .loaderWithoutSplitDropped: "A per-split loader setting with no data split to load: dropped."
            case .splitDataloader: "data.val or data.test and its loader settings become val_dataloader or test_dataloader."
            case .batchSizeNotPositive: "A batch size that is not positive (torch's DataLoader rejects it): not emitted."
            case .noWorkers: "No workers_per_gpu: MMEngine's DataLoader uses 0 worker processes."
            case .omnisource: "mmaction2's omnisource list of datasets: a ConcatDataset does not reproduce the per-source batches."
            case .concatDataset: "A list of datasets becomes an explicit ConcatDataset."
            case .datasetAsWritten: "A dataset is kept as written: its MMEngine-era form needs the package's own migration."
            }
        }

        public var kinds: [MigrationRecord.Kind] {
            switch self {
            case .noData, .nullData, .noTrainSplit, .noTrainBatchSize, .batchSizeNotPositive,
                 .datasetAsWritten: [.manualStep]
            case .downstreamSettingDropped, .groupSampler, .noWorkers, .concatDataset: [.warning]
            case .trainDataloader, .loaderWithoutSplitDropped, .splitDataloader: [.change]
            case .omnisource: [.nonEquivalence]
            }
        }
    }
}
