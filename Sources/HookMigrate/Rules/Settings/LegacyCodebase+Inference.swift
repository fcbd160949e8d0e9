import HookMigrateCore

/// One group of `LegacyCodebase.registeredModels`: the top-level model types a package registered for one task.
struct RegisteredModels: Sendable {
    /// The package.
    var codebase: LegacyCodebase
    /// The task where the package's MMEngine-era runtime depends on it (`matting`, `textdet`, …), else nil.
    var task: String?
    /// The registered names.
    var types: [String]

    init(_ codebase: LegacyCodebase, task: String?, _ types: [String]) {
        self.codebase = codebase
        self.task = task
        self.types = types
    }
}

/// Which package a legacy config belongs to, read from the registry names it uses: the facts behind the
/// `default_scope` the conversion writes (`DefaultScopeRule`).
///
/// Every fact found is a piece of evidence naming the packages that registered that name: the top-level
/// model type, the dataset types of `data.train/val/test` (through wrappers) and `dataset_type`, metric
/// names (which only corroborate: they must fit, but cannot choose a package alone), and a few keys only one package's configs have (mmdet3d's dataset
/// bases all define `class_names`; mmtrack's detector configs set `USE_MMDET`). A package is chosen when it
/// agrees with every piece of evidence, itself or through a package it builds on (mmdet3d, mmrotate,
/// mmocr, mmaction2 and mmtrack use mmdet's models and datasets by their plain names), and no other
/// package does more specifically. Anything else — no evidence, or evidence that points to packages that
/// do not build on each other — is "don't know".
struct PackageInference: Sendable, Equatable {
    /// One fact and the packages it points to.
    struct Evidence: Sendable, Equatable {
        /// `model type RetinaNet`, `dataset type CocoDataset`, `metric mIoU`, `the top-level key class_names`.
        var description: String
        /// The legacy path it was read from (`model.type`, `data.train.type`).
        var path: String
        /// Where it is written.
        var location: SourceLocation?
        /// The packages that registered the name, sorted.
        var codebases: [LegacyCodebase]
        /// Whether it only corroborates: a metric name (packages that build on another evaluate its metrics
        /// too), which must fit the package but cannot choose it alone.
        var corroborating = false
    }

    /// What was found, in the order it was looked at (model type, datasets, metrics, keys).
    var evidence: [Evidence]
    /// The packages that fit every piece of evidence most specifically: one, or several sharing one scope
    /// (mmedit and mmgen both became mmagic), or none when the inference does not know.
    var codebases: [LegacyCodebase]

    /// The MMEngine-era scope, when the inference knows it.
    var scope: String? {
        let scopes = Set(codebases.map(\.scope))
        return scopes.count == 1 ? scopes.first : nil
    }

    /// The one package, when there is exactly one.
    var codebase: LegacyCodebase? { codebases.count == 1 ? codebases[0] : nil }

    /// The evidence that names the chosen package itself (not only a package it builds on), the pieces
    /// that can choose a package first.
    var support: [Evidence] {
        let direct = evidence.filter { piece in piece.codebases.contains { codebases.contains($0) } }
        return direct.filter { !$0.corroborating } + direct.filter(\.corroborating)
    }

    /// How the package was inferred, for the report: `model type RetinaNet`,
    /// `dataset type AVADataset; model type FastRCNN is mmdet's, which mmaction builds on`.
    var explanation: String {
        let direct = support.map(\.description)
        let inherited = evidence.filter { piece in !piece.codebases.contains { codebases.contains($0) } }
        var text = direct.prefix(3).joined(separator: ", ")
        if direct.count > 3 { text += " and \(direct.count - 3) more" }
        for piece in inherited.prefix(2) {
            let owners = piece.codebases.map(\.rawValue).joined(separator: "/")
            let child = codebases.map(\.rawValue).joined(separator: "/")
            text += "; \(piece.description) is \(owners)'s, which \(child) builds on"
        }
        return text
    }

    /// Why the inference does not know, for the report's manual step.
    var doubt: String {
        if evidence.isEmpty {
            return "no model type, dataset type or metric that belongs to a known package"
        }
        if evidence.allSatisfy(\.corroborating) {
            return "only metric names (\(evidence.map(\.description).joined(separator: ", "))), which packages that build on one another share; no model or dataset type of a known package"
        }
        let pieces = evidence.prefix(4).map { "\($0.description) is \($0.codebases.map(\.rawValue).joined(separator: "/"))'s" }
        return pieces.joined(separator: ", ") + (evidence.count > 4 ? " …" : "") + ": no one package fits them all"
    }
}

extension LegacyCodebase {
    /// The `default_scope` of the package's MMEngine-era successor.
    var scope: String {
        switch self {
        case .mmdet: return "mmdet"
        case .mmseg: return "mmseg"
        case .mmcls: return "mmpretrain"
        case .mmpose: return "mmpose"
        case .mmedit, .mmgen: return "mmagic"
        case .mmocr: return "mmocr"
        case .mmaction: return "mmaction"
        case .mmrotate: return "mmrotate"
        case .mmdet3d: return "mmdet3d"
        case .mmtrack: return "mmtrack"
        case .mmflow: return "mmflow"
        case .unknown: return ""
        }
    }

    /// The packages whose registries this one's configs used by plain name (MMCV 1.x child registries look
    /// a name up in their parent when they do not have it): mmdet3d builds mmdet detectors (nuImages) and
    /// mmseg parts, mmaction2 mmdet's FastRCNN (AVA), mmrotate, mmocr and mmtrack mmdet's parts.
    var buildsOn: [LegacyCodebase] {
        switch self {
        case .mmdet3d: return [.mmdet, .mmseg]
        case .mmaction, .mmrotate, .mmocr: return [.mmdet]
        case .mmtrack: return [.mmdet, .mmcls]
        default: return []
        }
    }

    /// The packages hookmigrate knows, in a fixed order.
    static let known: [LegacyCodebase] = [.mmdet, .mmseg, .mmcls, .mmpose, .mmedit, .mmgen, .mmocr, .mmaction, .mmrotate,
                                          .mmdet3d, .mmtrack, .mmflow]

    /// Legacy package names users may still type for a scope, with the successor that took over.
    static let renamedScopes = ["mmcls": "mmpretrain", "mmedit": "mmagic", "mmgen": "mmagic", "mmaction2": "mmaction",
                                "mmsegmentation": "mmseg", "mmdetection": "mmdet", "mmtracking": "mmtrack"]

    /// The packages whose successor has this scope (`mmagic`: mmedit and mmgen).
    static func codebases(ofScope scope: String) -> [LegacyCodebase] {
        known.filter { $0.scope == scope }
    }

    /// Metric names of mmdet's datasets (mmdet3d, mmrotate and mmtrack configs that name them build on mmdet).
    static let mmdetMetrics: Set<String> = ["bbox", "segm", "proposal", "proposal_fast"]

    /// Top-level keys only one package's configs have (set by every one of its dataset or runtime bases).
    static let conventionKeys: [(key: String, codebase: LegacyCodebase)] = [("class_names", .mmdet3d), ("USE_MMDET", .mmtrack)]

    /// The packages that registered a top-level model type.
    static func codebases(ofModelType type: String) -> [LegacyCodebase] {
        guard let registering = modelTypeIndex[type] else { return [] }
        return known.filter { registering.contains($0) }
    }

    /// The packages that registered each model type (`registeredModels` by name, built once: the inference
    /// runs for every conversion and proof, and a scan of every list per question was a good part of it).
    static let modelTypeIndex: [String: Set<LegacyCodebase>] = {
        var index: [String: Set<LegacyCodebase>] = [:]
        for group in registeredModels {
            for type in group.types { index[type, default: []].insert(group.codebase) }
        }
        return index
    }()

    /// The packages that registered each dataset type (`registeredDatasets` by name, built once).
    static let datasetTypeIndex: [String: Set<LegacyCodebase>] = {
        var index: [String: Set<LegacyCodebase>] = [:]
        for (codebase, types) in registeredDatasets {
            for type in types { index[type, default: []].insert(codebase) }
        }
        return index
    }()

    /// The task a package's model type serves (`matting`, `textrecog`, …), when the package has tasks.
    static func task(ofModelType type: String, in codebases: [LegacyCodebase]) -> String? {
        let tasks = Set(registeredModels.filter { codebases.contains($0.codebase) && $0.types.contains(type) }.compactMap(\.task))
        return tasks.count == 1 ? tasks.first : nil
    }

    /// The packages that registered a dataset type. A name with a scope prefix (`mmcls.CIFAR10`) is not
    /// that package's own; mmgen trained on mmcls's datasets that way.
    static func codebases(ofDatasetType type: String) -> [LegacyCodebase] {
        if type.hasPrefix("mmcls.") { return [.mmgen] }
        guard let registering = datasetTypeIndex[type] else { return [] }
        return known.filter { registering.contains($0) }
    }

    /// Infers the package of a resolved legacy config (see `PackageInference`).
    static func infer(_ legacy: ConfigMapping) -> PackageInference {
        var evidence: [PackageInference.Evidence] = []
        func add(_ description: String, _ path: String, _ location: SourceLocation?, _ codebases: [LegacyCodebase], corroborating: Bool = false) {
            guard !codebases.isEmpty, !evidence.contains(where: { $0.description == description }) else { return }
            evidence.append(.init(description: description, path: path, location: location, codebases: codebases, corroborating: corroborating))
        }
        if let model = legacy["model"]?.mapping, let typeNode = model["type"], let type = typeNode.scalar?.stringValue {
            add("model type \(type)", "model.type", typeNode.location, codebases(ofModelType: type))
        }
        if let data = legacy["data"]?.mapping {
            for split in ["train", "val", "test"] {
                guard let node = data[split] else { continue }
                for (type, location) in datasetLeafTypesWithLocations(node) {
                    add("dataset type \(type)", "data.\(split)", location, codebases(ofDatasetType: type))
                }
            }
        }
        if let typeNode = legacy["dataset_type"], let type = typeNode.scalar?.stringValue {
            add("dataset type \(type)", "dataset_type", typeNode.location, codebases(ofDatasetType: type))
        }
        let metrics = metricNames(legacy["evaluation"])
        let metricLocation = legacy["evaluation"]?.mapping.flatMap { $0["metric"] ?? $0["metrics"] }?.location
        for metric in metrics {
            var owners: [LegacyCodebase] = []
            if mmsegMetrics.contains(metric) { owners.append(.mmseg) }
            if mmactionMetrics.contains(metric) { owners.append(.mmaction) }
            if mmposeMetrics.contains(metric) { owners.append(.mmpose) }
            if mmdetMetrics.contains(metric) { owners.append(.mmdet) }
            if metric == "accuracy" { owners.append(.mmcls) }
            add("metric \(metric)", "evaluation.metric", metricLocation, owners, corroborating: true)
        }
        if let runner = legacy["runner"]?.mapping?["type"], runner.scalar?.stringValue == "DynamicIterBasedRunner" {
            add("runner type DynamicIterBasedRunner", "runner.type", runner.location, [.mmgen])
        }
        if let entry = legacy["data"]?.mapping?.entry("videos_per_gpu") {
            add("data.videos_per_gpu", "data.videos_per_gpu", entry.keyLocation, [.mmaction])
        }
        for (key, codebase) in conventionKeys {
            if let entry = legacy.entry(key) { add("the top-level key \(key)", key, entry.keyLocation, [codebase]) }
        }
        return PackageInference(evidence: evidence, codebases: resolve(evidence.map(\.codebases),
                                                                          choosing: evidence.filter { !$0.corroborating }.map(\.codebases)))
    }

    /// The packages that fit every piece of evidence (each piece names the package or one it builds on),
    /// are named by some piece that may choose (`choosing`: not a metric), and have no fitting package
    /// that builds on them.
    static func resolve(_ evidence: [[LegacyCodebase]], choosing: [[LegacyCodebase]]) -> [LegacyCodebase] {
        let named = Set(choosing.flatMap { $0 })
        let fitting = known.filter { codebase in
            named.contains(codebase) && evidence.allSatisfy { piece in piece.contains(codebase) || piece.contains { codebase.buildsOn.contains($0) } }
        }
        return fitting.filter { codebase in !fitting.contains { $0.buildsOn.contains(codebase) } }
    }

    /// `datasetLeafTypes` with the location of each `type` value.
    static func datasetLeafTypesWithLocations(_ node: ConfigNode) -> [(String, SourceLocation?)] {
        if let list = node.list { return list.items.flatMap { datasetLeafTypesWithLocations($0) } }
        guard let mapping = node.mapping else { return [] }
        let type = mapping["type"]?.scalar?.stringValue
        if let type, wrapperTypes.contains(type) || mapping["dataset"]?.mapping != nil || mapping["datasets"]?.list != nil {
            var inner: [(String, SourceLocation?)] = []
            if let dataset = mapping["dataset"] { inner += datasetLeafTypesWithLocations(dataset) }
            if let datasets = mapping["datasets"] { inner += datasetLeafTypesWithLocations(datasets) }
            if !inner.isEmpty { return inner }
        }
        return type.map { [($0, mapping["type"]?.location)] } ?? []
    }
}
