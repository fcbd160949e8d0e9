import HookMigrateCore
import HookMigrateRuntime

/// The MMEngine-era evaluator hookmigrate writes for a legacy `dataset.evaluate(metric=…)`, chosen by a small
/// table of the dataset types and metric names it can recognise (the pairs of the model-zoo corpus).
struct EvaluatorChoice {
    /// The metric families the table knows.
    enum Family: String {
        /// mmdet 3 `CocoMetric` (prefix `coco`).
        case coco
        /// mmdet 3 `LVISMetric` (prefix `lvis`).
        case lvis
        /// mmdet 3 `VOCMetric` (prefix `pascal_voc`).
        case voc
        /// mmseg 1.x `IoUMetric` (no prefix).
        case iou
        /// mmpretrain `Accuracy` (prefix `accuracy`).
        case accuracy
        /// mmaction2 1.x `AccMetric` (prefix `acc`).
        case actionAccuracy
        /// mmrotate 1.x `DOTAMetric` (prefix `dota`).
        case dota
        /// mmpose 1.x `CocoMetric` (prefix `coco`).
        case poseCoco
        /// mmdet 3 `OpenImagesMetric` (prefix `openimages`).
        case openImages
        /// mmdet 3 `CocoPanopticMetric` (prefix `coco_panoptic`).
        case panoptic
        /// mmocr 1.x `HmeanIOUMetric` (prefix `icdar`).
        case hmean
    }

    /// The family, nil when nothing is known.
    var family: Family?
    /// The evaluator config.
    var node: ConfigNode
    /// Keys of the legacy `evaluation` it used.
    var usedKeys: Set<String>
    /// Why it was chosen: `CocoDataset with metric 'bbox'`.
    var reason: String

    /// The metric type (or `Evaluator` when nothing is known).
    var typeName: String { node.mapping?["type"]?.scalar?.stringValue ?? "Evaluator" }

    /// The package that registers the metric.
    var package: String {
        switch family {
        case .coco, .lvis, .voc, .openImages, .panoptic: return "mmdet 3"
        case .hmean: return "mmocr 1.x"
        case .iou: return "mmseg 1.x"
        case .accuracy: return "mmpretrain"
        case .actionAccuracy: return "mmaction2 1.x"
        case .dota: return "mmrotate 1.x"
        case .poseCoco: return "mmpose 1.x"
        case nil: return "MMEngine"
        }
    }

    /// The prefix MMEngine puts before every metric key (`coco/bbox_mAP`); nil when unprefixed or unknown.
    var prefix: String? {
        switch family {
        case .coco, .poseCoco: return "coco"
        case .lvis: return "lvis"
        case .voc: return "pascal_voc"
        case .accuracy: return "accuracy"
        case .actionAccuracy: return "acc"
        case .dota: return "dota"
        case .openImages: return "openimages"
        case .panoptic: return "coco_panoptic"
        case .hmean: return "icdar"
        case .iou, nil: return nil
        }
    }

    /// An example of a new metric key, for messages.
    var exampleKey: String {
        switch family {
        case .coco: return "coco/bbox_mAP"
        case .lvis: return "lvis/bbox_AP"
        case .voc: return "pascal_voc/mAP"
        case .iou: return "mIoU (IoUMetric adds no prefix)"
        case .accuracy: return "accuracy/top1"
        case .actionAccuracy: return "acc/top1"
        case .dota: return "dota/mAP"
        case .poseCoco: return "coco/AP"
        case .openImages: return "openimages/mAP"
        case .panoptic: return "coco_panoptic/PQ"
        case .hmean: return "icdar/hmean"
        case nil: return "unknown"
        }
    }

    /// The key the new evaluator reports for a legacy metric key, when the table knows it.
    func newKey(for legacy: String) -> String? {
        if legacy == "auto" { return "auto" }
        switch family {
        case .coco, .lvis, .voc, .dota, .poseCoco, .openImages, .panoptic:
            return prefix.map { "\($0)/\(legacy)" }
        case .hmean:
            // mmocr 0.x named them `hmean-iou:hmean`, `hmean-iou:precision`, `hmean-iou:recall`.
            guard legacy.hasPrefix("hmean-iou:") else { return nil }
            let name = legacy.dropFirst("hmean-iou:".count)
            return ["hmean", "precision", "recall"].contains(String(name)) ? "icdar/\(name)" : nil
        case .iou:
            return legacy
        case .accuracy:
            if legacy == "accuracy" { return "accuracy/top1" }
            if legacy.hasPrefix("accuracy_top-"), let k = Int(legacy.dropFirst("accuracy_top-".count)) { return "accuracy/top\(k)" }
            return nil
        case .actionAccuracy:
            if legacy == "mean_class_accuracy" { return "acc/mean1" }
            if legacy == "mean_average_precision" || legacy == "mmit_mean_average_precision" { return "acc/\(legacy)" }
            if legacy.hasPrefix("top"), legacy.hasSuffix("_acc"), let k = Int(legacy.dropFirst(3).dropLast(4)) { return "acc/top\(k)" }
            return nil
        case nil:
            return nil
        }
    }
}

extension EvaluationRule {
    static let cocoTypes: Set<String> = ["CocoDataset", "Objects365V1Dataset", "Objects365V2Dataset"]
    static let lvisTypes: Set<String> = ["LVISDataset", "LVISV05Dataset", "LVISV1Dataset"]
    static let cocoMetrics: Set<String> = ["bbox", "segm", "proposal", "proposal_fast"]
    static let poseCocoTypes: Set<String> = ["TopDownCocoDataset", "BottomUpCocoDataset"]

    /// The evaluator for one split's dataset and the legacy evaluation arguments (nil: the dataset's defaults).
    static func evaluator(dataset: ConfigNode?, evaluation: ConfigMapping?, codebase: LegacyCodebase) throws -> EvaluatorChoice {
        let leaf = dataset.flatMap { LegacyCodebase.singleLeafDataset($0) }
        let leafTypes = dataset.map { LegacyCodebase.datasetLeafTypes($0) } ?? []
        let type = leaf?["type"]?.scalar?.stringValue ?? (Set(leafTypes).count == 1 ? leafTypes.first : nil)
        let metricNode = evaluation?["metric"] ?? evaluation?["metrics"]
        let metricKey = evaluation?["metric"] != nil ? "metric" : "metrics"
        let metrics = LegacyCodebase.metricNames(evaluation.map { ConfigNode($0) })
        let metricText = metricNode.map { "\(metricKey) \($0)" } ?? "no metric (the dataset's default)"
        let described = "\(type ?? "an unknown dataset") with \(metricText)"
        var evaluator = ConfigMapping()
        var used: Set<String> = metricNode == nil ? [] : [metricKey]

        func unknown() -> EvaluatorChoice {
            var mapping = ConfigMapping()
            mapping["type"] = ConfigNode(.string("Evaluator"))
            mapping["metrics"] = ConfigNode(ConfigList())
            return EvaluatorChoice(family: nil, node: ConfigNode(mapping), usedKeys: [], reason: described)
        }
        func subset(_ allowed: Set<String>) -> Bool { metrics.allSatisfy { allowed.contains($0) } }
        func annFile() {
            if let annFile = leaf?["ann_file"], annFile.scalar?.stringValue != nil { evaluator["ann_file"] = annFile }
        }
        func pass(_ keys: [String], renamed: [String: String] = [:]) {
            for key in keys {
                guard let value = evaluation?[key], !value.isNull else { continue }
                evaluator[renamed[key] ?? key] = value
                used.insert(key)
            }
        }

        let family: EvaluatorChoice.Family
        let mmsegLike = codebase == .mmseg || (!metrics.isEmpty && subset(LegacyCodebase.mmsegMetrics))
        if let type, cocoTypes.contains(type) || (type == "CityscapesDataset" && codebase == .mmdet), subset(cocoMetrics), metricNode?.mapping == nil {
            family = .coco
            evaluator["type"] = ConfigNode(.string("CocoMetric"))
            annFile()
            evaluator["metric"] = metricNode ?? ConfigNode(.string("bbox"))
            pass(["classwise", "proposal_nums", "iou_thrs", "metric_items", "jsonfile_prefix"], renamed: ["jsonfile_prefix": "outfile_prefix"])
        } else if let type, lvisTypes.contains(type), subset(cocoMetrics), metricNode?.mapping == nil {
            family = .lvis
            evaluator["type"] = ConfigNode(.string("LVISMetric"))
            annFile()
            evaluator["metric"] = metricNode ?? ConfigNode(.string("bbox"))
            pass(["classwise", "proposal_nums", "iou_thrs", "metric_items", "jsonfile_prefix"], renamed: ["jsonfile_prefix": "outfile_prefix"])
        } else if type == "VOCDataset", subset(["mAP", "recall"]), metrics.count <= 1 {
            family = .voc
            evaluator["type"] = ConfigNode(.string("VOCMetric"))
            evaluator["metric"] = metricNode ?? ConfigNode(.string("mAP"))
            // mmdet 2's VOCDataset took its year from img_prefix and evaluated VOC2007 with 11-point AP.
            let prefix = leaf?["img_prefix"]?.scalar?.stringValue ?? ""
            evaluator["eval_mode"] = ConfigNode(.string(prefix.contains("VOC2007") ? "11points" : "area"))
            pass(["iou_thr", "scale_ranges", "proposal_nums"], renamed: ["iou_thr": "iou_thrs"])
        } else if mmsegLike, subset(LegacyCodebase.mmsegMetrics) {
            family = .iou
            evaluator["type"] = ConfigNode(.string("IoUMetric"))
            let names = metrics.isEmpty ? ["mIoU"] : metrics
            evaluator["iou_metrics"] = ConfigNode(ConfigList(names.map { ConfigNode(.string($0)) }))
        } else if codebase == .mmcls || (type.map { LegacyCodebase.mmclsDatasets.contains($0) } ?? false),
                  type != "VOC", subset(["accuracy"]) {
            family = .accuracy
            evaluator["type"] = ConfigNode(.string("Accuracy"))
            // mmcls 0.x evaluated top-1 and top-5 unless metric_options said otherwise.
            let options = try evaluation?["metric_options"].flatMap { $0.isNull ? nil : try $0.mapping("evaluation.metric_options") }
            if options != nil { used.insert("metric_options") }
            evaluator["topk"] = options?["topk"] ?? ConfigNode(ConfigList([ConfigNode(.int(1)), ConfigNode(.int(5))], style: .tuple))
            if let thrs = options?["thrs"] { evaluator["thrs"] = thrs }
        } else if let type, type == "OpenImagesDataset" || type == "OpenImagesChallengeDataset", subset(["mAP"]) {
            family = .openImages
            evaluator["type"] = ConfigNode(.string("OpenImagesMetric"))
            pass(["iou_thr", "ioa_thr", "scale_ranges", "use_group_of", "get_supercategory"], renamed: ["iou_thr": "iou_thrs", "ioa_thr": "ioa_thrs"])
        } else if type == "CocoPanopticDataset", metrics == ["PQ"] {
            family = .panoptic
            evaluator["type"] = ConfigNode(.string("CocoPanopticMetric"))
            annFile()
            if let segPrefix = leaf?["seg_prefix"], segPrefix.scalar?.stringValue != nil { evaluator["seg_prefix"] = segPrefix }
            pass(["classwise"])
        } else if let type, type == "IcdarDataset" || type == "TextDetDataset", metrics == ["hmean-iou"] {
            family = .hmean
            evaluator["type"] = ConfigNode(.string("HmeanIOUMetric"))
        } else if (codebase == .mmaction && metrics.isEmpty && (type.map { LegacyCodebase.mmactionClassificationDatasets.contains($0) } ?? false))
                    || (!metrics.isEmpty && subset(LegacyCodebase.mmactionMetrics)) {
            family = .actionAccuracy
            evaluator["type"] = ConfigNode(.string("AccMetric"))
            let names = metrics.isEmpty ? ["top_k_accuracy"] : metrics
            // AccMetric accepts a str or a tuple only.
            evaluator["metric_list"] = ConfigNode(ConfigList(names.map { ConfigNode(.string($0)) }, style: .tuple))
            var options = try evaluation?["metric_options"].flatMap { $0.isNull ? nil : try $0.mapping("evaluation.metric_options") }
            if options != nil { used.insert("metric_options") }
            if let topk = evaluation?["topk"], !topk.isNull {
                used.insert("topk")
                var top = options?["top_k_accuracy"]?.mapping ?? ConfigMapping()
                top["topk"] = topk
                if options == nil { options = ConfigMapping() }
                options?["top_k_accuracy"] = ConfigNode(top)
            }
            if var options {
                if var top = options["top_k_accuracy"]?.mapping, let list = top["topk"]?.list {
                    top["topk"] = ConfigNode(ConfigList(list.items, style: .tuple))
                    options["top_k_accuracy"] = ConfigNode(top)
                }
                evaluator["metric_options"] = ConfigNode(options)
            }
        } else if let type, LegacyCodebase.mmrotateDatasets.contains(type), type != "SARDataset", subset(["mAP"]) {
            family = .dota
            evaluator["type"] = ConfigNode(.string("DOTAMetric"))
            evaluator["metric"] = metricNode ?? ConfigNode(.string("mAP"))
            pass(["iou_thr", "scale_ranges"], renamed: ["iou_thr": "iou_thrs"])
        } else if let type, poseCocoTypes.contains(type), subset(["mAP"]) {
            family = .poseCoco
            evaluator["type"] = ConfigNode(.string("CocoMetric"))
            annFile()
        } else {
            return unknown()
        }
        return EvaluatorChoice(family: family, node: ConfigNode(evaluator), usedKeys: used, reason: described)
    }

    /// The key lists the legacy evaluation hook inferred a best-checkpoint rule from: mmpose 0.x's train script
    /// registered its own EvalHook with its own lists, every other package MMCV's. The proof's legacy runner
    /// is given the same lists (`Validator.proofSettings`).
    static func legacyKeyLists(_ codebase: LegacyCodebase) -> BestRule.KeyLists {
        codebase == .mmpose ? .mmpose0x : .mmcv
    }
}
