import HookMigrateCore
import HookMigrateRuntime

/// `data` → `train_dataloader`, `val_dataloader`, `test_dataloader`: batch size, workers and sampler move into
/// MMEngine dataloader configs; the datasets themselves are kept as written (their pipelines belong to the
/// downstream package and need its own migration).
///
/// ## Before
/// ```yaml
/// data:
///   samples_per_gpu: 2
///   workers_per_gpu: 2
///   train: {type: CocoDataset, ann_file: train.json, pipeline: [...]}
///   val: {type: CocoDataset, ann_file: val.json, pipeline: [...]}
///   test: {type: CocoDataset, ann_file: val.json, pipeline: [...]}
/// ```
/// ## After
/// ```yaml
/// train_dataloader:
///   batch_size: 2
///   num_workers: 2
///   sampler: {type: DefaultSampler, shuffle: true}     # InfiniteSampler under IterBasedRunner
///   dataset: {type: CocoDataset, ann_file: train.json, pipeline: [...]}
/// val_dataloader:
///   batch_size: 1                                      # mmdet/mmseg default; mmcls/mmaction2 reused the train batch
///   num_workers: 2
///   sampler: {type: DefaultSampler, shuffle: false}
///   dataset: {type: CocoDataset, ann_file: val.json, pipeline: [...]}
/// test_dataloader: {...}                               # like val_dataloader, from data.test
/// ```
/// The `evaluation` rule, which runs next, completes the val and test triples (`val_cfg`, `val_evaluator`, …).
public enum DataRule: MigrationRule {
    public static let id = "data"
    public static let legacyKeys = ["data"]
    public static let newKeys = ["train_dataloader", "val_dataloader", "test_dataloader"]
    /// Reads the runner kind, and whether there is a train loop.
    public static let reads: [RuleInput] = [.loopFacts, .output("train_cfg")]
    public static let summary = "The data section becomes the train/val/test dataloaders (batch size, workers, sampler); datasets are kept as written."
    public static let mappingRows = [
        MappingRow("data.samples_per_gpu (or data.train_dataloader.samples_per_gpu, videos_per_gpu, imgs_per_gpu)", "train_dataloader.batch_size", "exact"),
        MappingRow("data.workers_per_gpu (or data.<split>_dataloader.workers_per_gpu)", "<split>_dataloader.num_workers", "exact"),
        MappingRow("data.persistent_workers, drop_last, pin_memory, prefetch_factor, timeout", "<split>_dataloader.<same>", "exact (persistent_workers: train only for mmdet, as its compat_cfg did)"),
        MappingRow("data.shuffle / data.train_dataloader.shuffle (default true), epoch runner", "train_dataloader.sampler: {type: DefaultSampler, shuffle: s}", "exact up to the random order"),
        MappingRow("the same under IterBasedRunner", "train_dataloader.sampler: {type: InfiniteSampler, shuffle: s}", "exact up to the random order"),
        MappingRow("mmdet GroupSampler / InfiniteGroupBatchSampler (implicit)", "not emitted", "warning: add batch_sampler AspectRatioBatchSampler (mmdet 3)"),
        MappingRow("data.train / data.val / data.test", "<split>_dataloader.dataset (kept as written)", "manual step: datasets and pipelines are migrated with the package's own tools"),
        MappingRow("data.train: [d1, d2, ...] (a list)", "train_dataloader.dataset: {type: ConcatDataset, datasets: [d1, d2, ...]}", "warning: exact for concatenation; check the wrapper exists in the successor's scope"),
        MappingRow("data.val_dataloader.samples_per_gpu, data.val.samples_per_gpu, data.val_samples_per_gpu (mmedit)", "val_dataloader.batch_size", "exact"),
        MappingRow("no validation batch size", "val_dataloader.batch_size: 1 (mmdet, mmseg, …) or the train batch size (mmcls, mmaction2)", "exact: each package's train script default"),
        MappingRow("val/test loaders", "sampler: {type: DefaultSampler, shuffle: false}", "exact"),
        MappingRow("other data or data.<split>_dataloader keys (mode, sample_ratio, samples_per_epoch, ...)", "dropped", "warning: no MMEngine dataloader field"),
        MappingRow("no data / data: null", "no dataloaders", "manual step: train_cfg and optim_wrapper need train_dataloader (all three or none)"),
    ]

    /// Keys of `data` itself that this rule understands.
    static let dataKeys: Set<String> = [
        "train", "val", "test", "train_dataloader", "val_dataloader", "test_dataloader", "samples_per_gpu",
        "videos_per_gpu", "imgs_per_gpu", "workers_per_gpu", "persistent_workers", "shuffle", "drop_last",
        "pin_memory", "prefetch_factor", "timeout", "val_samples_per_gpu", "val_workers_per_gpu",
    ]
    /// Keys of `data.<split>_dataloader` that this rule understands.
    static let loaderKeys: Set<String> = [
        "samples_per_gpu", "videos_per_gpu", "imgs_per_gpu", "workers_per_gpu", "persistent_workers", "shuffle",
        "drop_last", "pin_memory", "prefetch_factor", "timeout",
    ]
    /// torch DataLoader arguments passed through unchanged: (legacy key, type check).
    static let passThroughBools = ["persistent_workers", "pin_memory", "drop_last"]
    static let passThroughInts = ["prefetch_factor"]

    public static func apply(to context: inout MigrationContext) throws {
        guard let dataNode = context.legacyNode("data") else {
            if context.output("train_cfg") != nil {
                context.manualStep(Records.noData, "data", "the config has no `data`: MMEngine needs train_dataloader together with train_cfg and optim_wrapper (all three or none); add train_dataloader (and val/test dataloaders) by hand", at: context.legacyLocation)
            }
            return
        }
        context.consume("data")
        if dataNode.isNull {
            context.manualStep(Records.nullData, "data", "`data` is null: no dataloaders were written; MMEngine needs train_dataloader together with train_cfg and optim_wrapper (all three or none) — add the dataloaders by hand", at: context.legacyKeyLocation("data"))
            return
        }
        let data = try dataNode.mapping("data")
        let codebase = LegacyCodebase.guess(context.legacy)
        try convertTrain(data, codebase: codebase, &context)
        for split in ["val", "test"] {
            try convertEvaluationSplit(split, data, codebase: codebase, &context)
        }
        var unknown: [(String, SourceLocation?)] = []
        for entry in data.entries {
            let key = entry.key.stringValue ?? entry.key.description
            if !dataKeys.contains(key) { unknown.append((key, entry.keyLocation)) }
        }
        if !unknown.isEmpty {
            let names = unknown.map { "data.\($0.0)" }
            context.warn(Records.downstreamSettingDropped, names.joined(separator: ", "), "no MMEngine dataloader field for \(names.map { "`\($0)`" }.joined(separator: ", ")) (a downstream train-script setting): dropped; set its successor by hand if the package still has one", at: unknown[0].1)
        }
    }

    // MARK: Train

    static func convertTrain(_ data: ConfigMapping, codebase: LegacyCodebase, _ context: inout MigrationContext) throws {
        let loaderCfg = try loaderMapping(data, "train_dataloader")
        guard let datasetNode = data["train"], !datasetNode.isNull else {
            if context.output("train_cfg") != nil {
                context.manualStep(Records.noTrainSplit, "data.train", "no `data.train`: no train_dataloader was written, but MMEngine needs train_dataloader together with train_cfg and optim_wrapper (all three or none); add it by hand", at: data.entry("train")?.keyLocation ?? context.legacyKeyLocation("data"))
            }
            return
        }
        var loader = ConfigMapping()
        var parts: [String] = []
        let batch = first([("data.train_dataloader.samples_per_gpu", loaderCfg?["samples_per_gpu"]),
                           ("data.train_dataloader.videos_per_gpu", loaderCfg?["videos_per_gpu"]),
                           ("data.samples_per_gpu", data["samples_per_gpu"]),
                           ("data.videos_per_gpu", data["videos_per_gpu"]),
                           ("data.imgs_per_gpu", data["imgs_per_gpu"])])
        if let batch {
            if try positive(batch, "train_dataloader.batch_size", &context) {
                loader["batch_size"] = batch.node
                parts.append("batch_size=\(batch.node) (\(batch.source))")
            }
        } else {
            context.manualStep(Records.noTrainBatchSize, "data.samples_per_gpu", "no training batch size (samples_per_gpu) is given; MMCV-era train scripts required it (mmdet defaulted to 2): set train_dataloader.batch_size by hand", at: context.legacyKeyLocation("data"), newPath: "train_dataloader.batch_size")
        }
        try addWorkers(&loader, &parts, first([("data.train_dataloader.workers_per_gpu", loaderCfg?["workers_per_gpu"]),
                                               ("data.workers_per_gpu", data["workers_per_gpu"])]), split: "train", &context)
        try addPassThrough(&loader, &parts, data: data, loaderCfg: loaderCfg, split: "train", includeDataLevel: { _ in true })
        let shuffleSetting = first([("data.train_dataloader.shuffle", loaderCfg?["shuffle"]), ("data.shuffle", data["shuffle"])])
        let shuffle = try shuffleSetting.map { try $0.node.bool(ConfigPath($0.path)) } ?? true
        let iterationLoop = context.loop?.kind == .iteration
        let samplerType = iterationLoop ? "InfiniteSampler" : "DefaultSampler"
        loader["sampler"] = sampler(samplerType, shuffle: shuffle)
        let why = iterationLoop
            ? "IterBasedRunner drew batches endlessly, restarting the loader when exhausted"
            : (context.loop == nil ? "the runner is unknown; an epoch loop is assumed" : "the epoch runner iterated the loader once per epoch")
        parts.append("sampler \(samplerType)(shuffle=\(shuffle ? "True" : "False"))\(shuffleSetting.map { " (\($0.path))" } ?? "") since \(why)")
        loader["dataset"] = try dataset(datasetNode, split: "train", &context)
        context.setOutput("train_dataloader", ConfigNode(loader), from: ["data"])
        context.change(Records.trainDataloader, "data.train", to: "train_dataloader", parts.joined(separator: ", ") + "; dataset = data.train", at: datasetNode.location)
        try warnUnknownLoaderKeys(loaderCfg, "train_dataloader", data, &context)
        if codebase == .mmdet && shuffle {
            context.warn(Records.groupSampler, "data.train", "mmdet 2 batched training images of one aspect-ratio group (GroupSampler, or InfiniteGroupBatchSampler under IterBasedRunner); mmdet 3 does this with `batch_sampler=dict(type='AspectRatioBatchSampler')` in train_dataloader (registered in the mmdet scope) — add it when migrating the dataset, or batches mix portrait and landscape images", at: datasetNode.location, newPath: "train_dataloader.batch_sampler")
        }
        recordDataset(datasetNode, split: "train", codebase: codebase, &context)
    }

    // MARK: Val and test

    static func convertEvaluationSplit(_ split: String, _ data: ConfigMapping, codebase: LegacyCodebase, _ context: inout MigrationContext) throws {
        let loaderKey = "\(split)_dataloader"
        let loaderCfg = try loaderMapping(data, loaderKey)
        if split == "val" && validationDisabled(context.legacy) {
            // The evaluation rule reports why data.val gets no loader.
            return
        }
        guard var datasetNode = data[split], !datasetNode.isNull else {
            if let loaderCfg, !loaderCfg.isEmpty {
                context.change(Records.loaderWithoutSplitDropped, "data.\(loaderKey)", to: nil, "dropped: there is no data.\(split) for it to load", at: data.entry(loaderKey)?.keyLocation)
            }
            return
        }
        var loader = ConfigMapping()
        var parts: [String] = []
        // mmdet's compat_cfg moved `samples_per_gpu` out of the dataset config into the loader settings.
        var inDataset: Setting?
        if var mapping = datasetNode.mapping, let value = mapping["samples_per_gpu"] {
            inDataset = Setting(node: value, path: "data.\(split).samples_per_gpu", note: "moved out of the dataset as mmdet's compat_cfg did")
            mapping["samples_per_gpu"] = nil
            datasetNode = ConfigNode(mapping, at: datasetNode.location)
        } else if var list = datasetNode.list {
            var sizes: [Int] = []
            var found = false
            for (index, item) in list.items.enumerated() {
                guard var mapping = item.mapping, let value = mapping["samples_per_gpu"] else { sizes.append(1); continue }
                sizes.append(try value.int(ConfigPath("data.\(split)[\(index)].samples_per_gpu")))
                found = true
                mapping["samples_per_gpu"] = nil
                list.items[index] = ConfigNode(mapping, at: item.location)
            }
            if found {
                inDataset = Setting(node: ConfigNode(.int(sizes.max() ?? 1)), path: "data.\(split)[i].samples_per_gpu", note: "the largest, as mmdet's compat_cfg took it")
            }
            datasetNode = ConfigNode(list, at: datasetNode.location)
        }
        var candidates: [(String, ConfigNode?)] = [("data.\(loaderKey).samples_per_gpu", loaderCfg?["samples_per_gpu"]),
                                                    ("data.\(loaderKey).videos_per_gpu", loaderCfg?["videos_per_gpu"])]
        if split == "val" { candidates.append(("data.val_samples_per_gpu", data["val_samples_per_gpu"])) }
        candidates.append((inDataset?.source ?? "", inDataset?.node))
        // mmgen's train script built the val loader from the train loader's settings (data.samples_per_gpu).
        let inherits = codebase == .mmcls || codebase == .mmaction || (codebase == .mmgen && split == "val")
        if inherits {
            candidates += [("data.samples_per_gpu, which \(codebase.rawValue) also used for \(split)", data["samples_per_gpu"]),
                           ("data.videos_per_gpu, which \(codebase.rawValue) also used for \(split)", data["videos_per_gpu"])]
        }
        if let batch = first(candidates) {
            if try positive(batch, "\(loaderKey).batch_size", &context) {
                loader["batch_size"] = batch.node
                parts.append("batch_size=\(batch.node) (\(batch.source))")
            }
        } else {
            loader["batch_size"] = ConfigNode(.int(1))
            parts.append("batch_size=1 (the \(split) default of the \(codebase == .unknown ? "mmdet/mmseg-style" : codebase.rawValue) train script)")
        }
        var workers: [(String, ConfigNode?)] = [("data.\(loaderKey).workers_per_gpu", loaderCfg?["workers_per_gpu"])]
        if split == "val" { workers.append(("data.val_workers_per_gpu", data["val_workers_per_gpu"])) }
        workers.append(("data.workers_per_gpu", data["workers_per_gpu"]))
        try addWorkers(&loader, &parts, first(workers), split: split, &context)
        // mmdet's compat_cfg gave data.persistent_workers to the train loader only; drop_last never reached
        // the evaluation loaders of mmdet, mmcls or mmaction2.
        try addPassThrough(&loader, &parts, data: data, loaderCfg: loaderCfg, split: split, includeDataLevel: { key in
            key != "drop_last" && !(key == "persistent_workers" && codebase == .mmdet)
        })
        let shuffleSetting = first([("data.\(loaderKey).shuffle", loaderCfg?["shuffle"])])
        let shuffle = try shuffleSetting.map { try $0.node.bool(ConfigPath($0.path)) } ?? false
        loader["sampler"] = sampler("DefaultSampler", shuffle: shuffle)
        parts.append("sampler DefaultSampler(shuffle=\(shuffle ? "True" : "False"))")
        loader["dataset"] = try dataset(datasetNode, split: split, &context)
        context.setOutput(loaderKey, ConfigNode(loader), from: ["data"])
        context.change(Records.splitDataloader, "data.\(split)", to: loaderKey, parts.joined(separator: ", ") + "; dataset = data.\(split)", at: datasetNode.location)
        try warnUnknownLoaderKeys(loaderCfg, loaderKey, data, &context)
        recordDataset(datasetNode, split: split, codebase: codebase, &context)
    }

    /// Whether the legacy run cannot have validated: `evaluation` is null (mmdet-era train scripts failed on it
    /// unless run with --no-validate), builds a downstream hook of its own (`evaluation.type`), or is absent in a
    /// package that validated only when it was set (mmedit, mmgen). Then data.val
    /// gets no val_dataloader, since MMEngine would need val_cfg and val_evaluator with it.
    static func validationDisabled(_ legacy: ConfigMapping) -> Bool {
        guard let evaluation = legacy["evaluation"] else { return !LegacyCodebase.guess(legacy).validatesWithoutEvaluation }
        if evaluation.isNull { return true }
        if let type = evaluation.mapping?["type"], !type.isNull, let mapping = evaluation.mapping, !GenerativeEvalSettings.applies(to: mapping) { return true }
        return false
    }

    // MARK: Pieces

    struct Setting {
        var node: ConfigNode
        /// The legacy path it was read from.
        var path: String
        /// Where it came from, for messages.
        var source: String { note.map { "\(path), \($0)" } ?? path }
        var note: String?
    }

    /// The first candidate that is present and not null.
    static func first(_ candidates: [(String, ConfigNode?)]) -> Setting? {
        for (path, node) in candidates {
            if let node, !node.isNull {
                if let comma = path.range(of: ", ") {
                    return Setting(node: node, path: String(path[..<comma.lowerBound]), note: String(path[comma.upperBound...]))
                }
                return Setting(node: node, path: path)
            }
        }
        return nil
    }

    static func loaderMapping(_ data: ConfigMapping, _ key: String) throws -> ConfigMapping? {
        guard let node = data[key], !node.isNull else { return nil }
        return try node.mapping(ConfigPath("data").appending(key))
    }

    /// Checks a batch size: an int (else a config error); a value below 1 (torch rejects it when the loader is
    /// built) is a manual step and is not emitted.
    static func positive(_ setting: Setting, _ newPath: String, _ context: inout MigrationContext) throws -> Bool {
        let value = try setting.node.int(ConfigPath(setting.path))
        if value < 1 {
            context.manualStep(Records.batchSizeNotPositive, setting.path, "batch size \(value) is not positive (torch's DataLoader rejects it): not emitted; set \(newPath) by hand", at: setting.node.location, newPath: newPath)
            return false
        }
        return true
    }

    static func addWorkers(_ loader: inout ConfigMapping, _ parts: inout [String], _ setting: Setting?, split: String, _ context: inout MigrationContext) throws {
        guard let setting else {
            if split == "train" {
                context.warn(Records.noWorkers, "data.workers_per_gpu", "no workers_per_gpu: MMEngine's DataLoader then uses 0 worker processes (MMCV-era train scripts defaulted to 2 in mmdet); set train_dataloader.num_workers if that is not meant", at: context.legacyKeyLocation("data"), newPath: "train_dataloader.num_workers")
            }
            return
        }
        let value = try setting.node.int(ConfigPath(setting.path))
        if value < 0 {
            throw ConfigError(.invalidValue, "`\(setting.path)` must not be negative, found \(value)", at: setting.node.location)
        }
        loader["num_workers"] = setting.node
        parts.append("num_workers=\(value) (\(setting.source))")
    }

    /// torch DataLoader arguments with the same name in MMEngine's dataloader config.
    static func addPassThrough(_ loader: inout ConfigMapping, _ parts: inout [String], data: ConfigMapping, loaderCfg: ConfigMapping?,
                               split: String, includeDataLevel: (String) -> Bool) throws {
        for key in passThroughBools + passThroughInts + ["timeout"] {
            var candidates: [(String, ConfigNode?)] = [("data.\(split)_dataloader.\(key)", loaderCfg?[key])]
            if includeDataLevel(key) { candidates.append(("data.\(key)", data[key])) }
            guard let setting = first(candidates) else { continue }
            if passThroughBools.contains(key) {
                _ = try setting.node.bool(ConfigPath(setting.path))
            } else if passThroughInts.contains(key) {
                _ = try setting.node.int(ConfigPath(setting.path))
            } else {
                _ = try setting.node.double(ConfigPath(setting.path))
            }
            loader[key] = setting.node
            parts.append("\(key)=\(setting.node) (\(setting.source))")
        }
    }

    static func sampler(_ type: String, shuffle: Bool) -> ConfigNode {
        var mapping = ConfigMapping()
        mapping["type"] = ConfigNode(.string(type))
        mapping["shuffle"] = ConfigNode(.bool(shuffle))
        return ConfigNode(mapping)
    }

    /// Whether mmaction2 0.24's train script ran omnisource training (`omnisource` truthy).
    static func omnisource(_ legacy: ConfigMapping) -> Bool {
        switch legacy["omnisource"]?.scalar {
        case .bool(true)?: return true
        case .int(let value)? where value != 0: return true
        default: return false
        }
    }

    /// The dataset config: kept as written; a list (MMCV-era build_dataset concatenated it) becomes an
    /// explicit ConcatDataset.
    static func dataset(_ node: ConfigNode, split: String, _ context: inout MigrationContext) throws -> ConfigNode {
        guard let list = node.list else {
            _ = try node.mapping(ConfigPath("data.\(split)"))
            return node
        }
        let evaluation = split == "train" ? "" : "; mmdet evaluated each dataset of the list separately (separate_eval), MMEngine's evaluator sees one concatenated dataset"
        if split == "train", DataRule.omnisource(context.legacy) {
            context.nonEquivalence(Records.omnisource, "data.train", "omnisource: mmaction2 0.24's train_model did not concatenate these \(list.count) datasets: it built one data loader per dataset and an OmniSourceRunner, which takes a batch of every source at each iteration and steps the optimizer once per source batch. MMEngine has no such runner (it ignores `omnisource`); the ConcatDataset written here trains on one concatenated loader instead", deviation: "optimizer steps: \(list.count) per iteration (one per source) in the legacy run, 1 in the converted one; different batches", at: node.location, newPath: "train_dataloader.dataset")
            return try concatenated(node, path: ConfigPath("data.\(split)"))
        }
        context.warn(Records.concatDataset, "data.\(split)", "a list of \(list.count) datasets (MMCV-era build_dataset concatenated it) becomes an explicit ConcatDataset\(evaluation); check the successor package registers ConcatDataset in its scope", at: node.location, newPath: "\(split)_dataloader.dataset")
        return try concatenated(node, path: ConfigPath("data.\(split)"))
    }

    /// A list of dataset configs (nested lists too: build_dataset recursed) as explicit ConcatDatasets.
    static func concatenated(_ node: ConfigNode, path: ConfigPath) throws -> ConfigNode {
        guard let list = node.list else {
            _ = try node.mapping(path)
            return node
        }
        let items = try list.items.enumerated().map { try concatenated($0.element, path: path.appending(index: $0.offset)) }
        var concat = ConfigMapping()
        concat["type"] = ConfigNode(.string("ConcatDataset"))
        concat["datasets"] = ConfigNode(ConfigList(items, style: .list), at: node.location)
        return ConfigNode(concat, at: node.location)
    }

    /// The one manual step per dataloader about its dataset.
    static func recordDataset(_ node: ConfigNode, split: String, codebase: LegacyCodebase, _ context: inout MigrationContext) {
        let description = LegacyCodebase.describe(node)
        var notes: [String] = []
        let wrappers = wrapperTypes(in: node)
        if !wrappers.isEmpty {
            notes.append("the wrappers \(wrappers.joined(separator: ", ")) keep their arguments (MMEngine has RepeatDataset(dataset, times), ClassBalancedDataset(dataset, oversample_thr) and ConcatDataset(datasets); mmdet's ConcatDataset.separate_eval and MultiImageMixDataset come from mmdet 3's scope)")
        }
        let example: String
        switch codebase {
        case .mmdet: example = "mmdet 3: img_prefix → data_prefix, DefaultFormatBundle/Collect → PackDetInputs"
        case .mmseg: example = "mmseg 1.x: img_dir/ann_dir → data_prefix, Collect → PackSegInputs"
        case .mmcls: example = "mmpretrain: data_prefix/ann_file layout, Collect → PackInputs"
        case .mmaction: example = "mmaction2 1.x: data_prefix, Collect/ToTensor → PackActionInputs"
        case .mmpose: example = "mmpose 1.x: new dataset classes, TopDown* transforms → PackPoseInputs"
        case .mmrotate: example = "mmrotate 1.x: img_prefix → data_prefix, PackDetInputs"
        case .mmocr: example = "mmocr 1.x: new dataset classes, Collect → PackTextDetInputs/PackTextRecogInputs"
        case .mmedit: example = "mmagic: data_prefix, Collect/ImageToTensor → PackInputs"
        case .mmgen: example = "mmagic: new dataset classes, Collect → PackInputs"
        case .mmdet3d: example = "mmdet3d 1.x: data_prefix, Collect3D → Pack3DDetInputs"
        case .mmtrack: example = "mmtrack 1.x: new video dataset classes, Collect → PackTrackInputs"
        case .mmflow: example = "mmflow 1.x: data_prefix, Collect → PackFlowInputs"
        case .unknown: example = "LoadAnnotations/Collect → Pack*Inputs, img_prefix → data_prefix"
        }
        let extra = notes.isEmpty ? "" : "; " + notes.joined(separator: "; ")
        context.manualStep(Records.datasetAsWritten, "data.\(split)", "\(split)_dataloader.dataset is data.\(split) as written (\(description)): datasets and their pipelines changed in the MMEngine-era package (\(example)); migrate them with the package's own migration guide or tools — hookmigrate converts the training loop, not datasets\(extra)", at: node.location, newPath: "\(split)_dataloader.dataset")
    }

    /// Wrapper types used in a dataset config, in the order met.
    static func wrapperTypes(in node: ConfigNode) -> [String] {
        var found: [String] = []
        func visit(_ node: ConfigNode) {
            if let list = node.list { list.items.forEach(visit); return }
            guard let mapping = node.mapping else { return }
            if let type = mapping["type"]?.scalar?.stringValue, LegacyCodebase.wrapperTypes.contains(type), !found.contains(type) {
                found.append(type)
            }
            if let inner = mapping["dataset"] { visit(inner) }
            if let inner = mapping["datasets"] { visit(inner) }
        }
        visit(node)
        return found
    }

    static func warnUnknownLoaderKeys(_ loaderCfg: ConfigMapping?, _ loaderKey: String, _ data: ConfigMapping, _ context: inout MigrationContext) throws {
        guard let loaderCfg else { return }
        var unknown: [(String, SourceLocation?)] = []
        for entry in loaderCfg.entries {
            let key = entry.key.stringValue ?? entry.key.description
            if !loaderKeys.contains(key) { unknown.append((key, entry.keyLocation)) }
        }
        guard !unknown.isEmpty else { return }
        let names = unknown.map { "data.\(loaderKey).\($0.0)" }
        context.warn(Records.downstreamSettingDropped, names.joined(separator: ", "), "no MMEngine dataloader field for \(names.map { "`\($0)`" }.joined(separator: ", ")) (a downstream sampler or train-script setting): dropped; set its successor (e.g. a sampler argument) by hand", at: unknown[0].1 ?? data.entry(loaderKey)?.keyLocation, newPath: loaderKey)
    }
}
