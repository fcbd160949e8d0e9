import HookMigrateCore

/// The downstream package a legacy config was written for: the one place that knows the packages' facts.
///
/// Two questions are answered here. `guess(_:)` names the package whose train script's defaults applied
/// (the validation batch size, the best-checkpoint rule keys, the evaluator), from dataset types, metric
/// names and batch keys; the data and evaluation rules use it. `infer(_:)` (LegacyCodebase+Inference.swift)
/// names the package the config belongs to, from the registry names it uses, for its `default_scope`; its
/// registries are in LegacyCodebase+Registries.swift. They differ where a package ran another's train
/// script (mmdet3d's nuImages detectors and mmtrack's detector configs trained the mmdet way).
enum LegacyCodebase: String, Sendable, Equatable, Hashable {
    case mmdet, mmseg, mmcls, mmaction, mmpose, mmrotate, mmocr, mmedit, mmgen, mmdet3d, mmtrack, mmflow, unknown

    /// Whether the package's train script validated on data.val even without an `evaluation` key
    /// (`cfg.get('evaluation', {})`); mmedit and mmgen registered their evaluation hooks only when it was set.
    var validatesWithoutEvaluation: Bool { self != .mmedit && self != .mmgen }

    /// Dataset wrappers of MMCV-era packages (and MMEngine): the real dataset is inside.
    static let wrapperTypes: Set<String> = [
        "RepeatDataset", "ConcatDataset", "ClassBalancedDataset", "MultiImageMixDataset", "UniformConcatDataset",
    ]

    static let mmdetDatasets: Set<String> = [
        "CocoDataset", "CocoPanopticDataset", "LVISDataset", "LVISV05Dataset", "LVISV1Dataset", "VOCDataset",
        "XMLDataset", "WIDERFaceDataset", "OpenImagesDataset", "OpenImagesChallengeDataset", "Objects365V1Dataset",
        "Objects365V2Dataset", "CocoOccludedSeparatedDataset",
    ]
    static let mmsegDatasets: Set<String> = [
        "ADE20KDataset", "PascalVOCDataset", "PascalContextDataset", "PascalContextDataset59", "COCOStuffDataset",
        "ChaseDB1Dataset", "DRIVEDataset", "HRFDataset", "STAREDataset", "LoveDADataset", "PotsdamDataset",
        "ISPRSDataset", "iSAIDDataset", "DarkZurichDataset", "NightDrivingDataset",
    ]
    static let mmclsDatasets: Set<String> = [
        "ImageNet", "ImageNet21k", "CIFAR10", "CIFAR100", "MNIST", "FashionMNIST", "CUB", "StanfordCars", "VOC",
    ]
    static let mmactionDatasets: Set<String> = [
        "RawframeDataset", "VideoDataset", "PoseDataset", "AudioFeatureDataset", "AudioDataset", "AudioVisualDataset",
        "AVADataset", "ActivityNetDataset", "RawVideoDataset", "HVUDataset",
    ]
    /// mmaction2's classification datasets (AVADataset and ActivityNetDataset evaluate other metrics).
    static let mmactionClassificationDatasets = mmactionDatasets.subtracting(["AVADataset", "ActivityNetDataset"])
    static let mmrotateDatasets: Set<String> = ["DOTADataset", "HRSCDataset", "SARDataset"]
    static let mmocrDatasets: Set<String> = ["IcdarDataset", "OCRDataset", "OCRSegDataset", "TextDetDataset", "KIEDataset",
                                              "NerDataset", "OpensetKIEDataset"]
    static let mmgenDatasets: Set<String> = ["UnconditionalImageDataset", "PairedImageDataset", "UnpairedImageDataset",
                                              "GrowScaleImgDataset", "QuickTestImageDataset"]
    static let mmeditPrefixes = ["SR", "VFI", "Generation", "AdobeComp1k", "ImgInpainting"]
    /// Metric names only mmpose's datasets evaluate.
    static let mmposeMetrics: Set<String> = ["PCK", "PCKh", "tPCK", "AUC", "NME", "mpjpe", "p-mpjpe", "n-mpjpe", "3dpck",
                                             "3dauc", "pcp", "MRRPE", "MPJPE", "Handedness_acc"]
    static let mmposePrefixes = ["TopDown", "BottomUp", "Animal", "Face", "Body3D", "InterHand", "FreiHand",
                                 "OneHand10K", "Rhd2D", "HandCocoWholeBody", "Panoptic", "NVGesture", "MeshH36M"]
    /// Metric names only mmseg's datasets evaluate.
    static let mmsegMetrics: Set<String> = ["mIoU", "mDice", "mFscore"]
    /// Metric names only mmaction2's datasets evaluate.
    static let mmactionMetrics: Set<String> = ["top_k_accuracy", "mean_class_accuracy", "mean_average_precision",
                                               "mmit_mean_average_precision"]

    /// The package of one dataset type, when the name is unambiguous.
    static func of(datasetType type: String) -> LegacyCodebase? {
        if mmdetDatasets.contains(type) { return .mmdet }
        if mmsegDatasets.contains(type) { return .mmseg }
        if mmclsDatasets.contains(type) { return .mmcls }
        if mmactionDatasets.contains(type) { return .mmaction }
        if mmrotateDatasets.contains(type) { return .mmrotate }
        if mmocrDatasets.contains(type) { return .mmocr }
        // mmgen trained on other packages' datasets under their scope (`mmcls.CIFAR10`).
        if mmgenDatasets.contains(type) || type.hasPrefix("mmcls.") { return .mmgen }
        if mmeditPrefixes.contains(where: { type.hasPrefix($0) }) { return .mmedit }
        if mmposePrefixes.contains(where: { type.hasPrefix($0) }) { return .mmpose }
        return nil
    }

    /// The package of a whole legacy config: metric names first (they are unique to a package), then batch
    /// keys, then the dataset types of `data.val`, `data.test`, `data.train` and `dataset_type`.
    static func guess(_ legacy: ConfigMapping) -> LegacyCodebase {
        let metrics = metricNames(legacy["evaluation"])
        if !metrics.isEmpty {
            if metrics.allSatisfy({ mmsegMetrics.contains($0) }) { return .mmseg }
            if metrics.allSatisfy({ mmactionMetrics.contains($0) }) { return .mmaction }
            if metrics.contains(where: { mmposeMetrics.contains($0) }) { return .mmpose }
        }
        if legacy["runner"]?.mapping?["type"]?.scalar?.stringValue == "DynamicIterBasedRunner" { return .mmgen }
        let data = legacy["data"]?.mapping
        if data?["videos_per_gpu"] != nil { return .mmaction }
        var types: [String] = []
        for split in ["val", "test", "train"] {
            if let node = data?[split] { types += datasetLeafTypes(node) }
        }
        if let type = legacy["dataset_type"]?.scalar?.stringValue { types.append(type) }
        for type in types {
            // CityscapesDataset exists in both mmdet and mmseg: the metric decides.
            if type == "CityscapesDataset" {
                if metrics.contains(where: { ["bbox", "segm"].contains($0) }) { return .mmdet }
                return .mmseg
            }
            // DeepFashionDataset exists in both mmdet and mmpose (whose metrics were caught above).
            if type == "DeepFashionDataset" { return .mmdet }
            if let codebase = of(datasetType: type) { return codebase }
        }
        if metrics == ["accuracy"] { return .mmcls }
        return .unknown
    }

    /// The metric names of a legacy `evaluation` (`metric` or `metrics`, a string or a list of strings).
    static func metricNames(_ evaluation: ConfigNode?) -> [String] {
        guard let evaluation = evaluation?.mapping else { return [] }
        guard let node = evaluation["metric"] ?? evaluation["metrics"] else { return [] }
        if let text = node.scalar?.stringValue { return [text] }
        if let list = node.list { return list.items.compactMap { $0.scalar?.stringValue } }
        return []
    }

    /// The `type`s of the real datasets under a dataset config: wrappers are looked through, lists
    /// (implicit concatenation) are flattened.
    static func datasetLeafTypes(_ node: ConfigNode) -> [String] {
        if let list = node.list { return list.items.flatMap { datasetLeafTypes($0) } }
        guard let mapping = node.mapping else { return [] }
        let type = mapping["type"]?.scalar?.stringValue
        if let type, wrapperTypes.contains(type) || mapping["dataset"]?.mapping != nil || mapping["datasets"]?.list != nil {
            var inner: [String] = []
            if let dataset = mapping["dataset"] { inner += datasetLeafTypes(dataset) }
            if let datasets = mapping["datasets"] { inner += datasetLeafTypes(datasets) }
            if !inner.isEmpty { return inner }
        }
        return type.map { [$0] } ?? []
    }

    /// The one real dataset under single-dataset wrappers (`RepeatDataset`, `ClassBalancedDataset`, …), or
    /// nil when there is none or several.
    static func singleLeafDataset(_ node: ConfigNode) -> ConfigMapping? {
        guard let mapping = node.mapping else { return nil }
        if let type = mapping["type"]?.scalar?.stringValue, wrapperTypes.contains(type) {
            if let inner = mapping["dataset"] { return singleLeafDataset(inner) }
            if let list = mapping["datasets"]?.list, list.count == 1 { return singleLeafDataset(list.items[0]) }
            return nil
        }
        return mapping
    }

    /// A short description of a dataset config for messages: `CocoDataset in RepeatDataset`.
    static func describe(_ node: ConfigNode) -> String {
        if let list = node.list {
            return "a list of \(list.count) datasets (\(list.items.map { describe($0) }.joined(separator: ", ")))"
        }
        guard let mapping = node.mapping else { return node.typeDescription }
        let type = mapping["type"]?.scalar?.stringValue ?? "a dataset without a type"
        if let inner = mapping["dataset"], wrapperTypes.contains(type) || inner.mapping != nil {
            return "\(describe(inner)) in \(type)"
        }
        if let inner = mapping["datasets"]?.list {
            return "\(type) of [\(inner.items.map { describe($0) }.joined(separator: ", "))]"
        }
        return type
    }
}
