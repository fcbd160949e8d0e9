import HookMigrateCore

/// `default_scope` for the package the config belongs to, and that package's own visualizer and
/// visualization hook (`PackageVisualization`).
///
/// The scope is, in this order: `--scope NAME` (`MigrationOptions.scope`); the input's own
/// `default_scope`, kept; or the package inferred from the registry names the config uses
/// (`LegacyCodebase.infer`: model type, dataset types, metrics), mapped to its MMEngine-era successor's
/// scope. When none applies, nothing is written and the report asks for it. It runs last: it dresses the
/// `visualizer` the log_config rule wrote (keeping its backends) and adds to `default_hooks`/`custom_hooks`.
///
/// ## Before
/// ```yaml
/// model: {type: RetinaNet, ...}
/// log_config: {interval: 50, hooks: [{type: TextLoggerHook}]}
/// ```
/// ## After
/// ```yaml
/// default_scope: mmdet
/// model: {type: RetinaNet, ...}
/// default_hooks:
///   ...
///   visualization: {type: DetVisualizationHook}
/// visualizer: {type: DetLocalVisualizer, vis_backends: [{type: LocalVisBackend}], name: visualizer}
/// ```
public enum DefaultScopeRule: MigrationRule {
    public static let id = "default_scope"
    public static let legacyKeys = ["default_scope"]
    public static let newKeys = ["default_scope", "visualizer", "default_hooks", "custom_hooks", "model"]
    /// Reads the model, visualizer and hooks it dresses for the package.
    public static let reads: [RuleInput] = [.output("model"), .output("visualizer"), .output("custom_hooks"), .defaultHook("visualization")]
    public static let summary = "default_scope names the package the config belongs to (inferred from its registry names, or --scope); the package's own visualizer and visualization hook replace the generic Visualizer."
    public static let mappingRows = [
        MappingRow("(absent) model/dataset types and metrics of one package", "default_scope: its MMEngine-era scope (mmdet, mmseg, mmpretrain, mmpose, mmagic, mmocr, mmaction, mmrotate, mmdet3d, mmtrack, mmflow)", "inferred; the report names the evidence"),
        MappingRow("(absent) no evidence, or evidence of packages that do not build on each other", "no default_scope", "manual step: set it, or convert with --scope NAME"),
        MappingRow("--scope NAME", "default_scope: NAME", "given (replaces the input's own, with a warning)"),
        MappingRow("default_scope: S", "default_scope: S", "kept"),
        MappingRow("model.type of a package the scope's package builds on (mmdet's FastRCNN under mmaction)", "model._scope_: that package's scope", "as the official MMEngine-era configs write it"),
    ] + PackageVisualization.table.map { row in
        let hook = row.hook.map { hook in
            (row.hookPlace == .defaultHooks ? "default_hooks.visualization: " : "custom_hooks += ") + ConfigNode(hook).description
        } ?? "no visualization hook"
        return MappingRow("scope \(row.scope)\(row.tasks.map { " (\($0.joined(separator: ", ")))" } ?? ""): visualizer from log_config (generic Visualizer)",
                          "visualizer: \(row.visualizerType) with the same vis_backends\(row.visualizerKeys.isEmpty ? "" : ", " + row.visualizerKeys.map { "\($0.0): \($0.1)" }.joined(separator: ", ")); \(hook)",
                          "\(row.source)'s \(row.runtime)")
    } + [
        MappingRow("scope mmagic (generation, translation), mmocr (ner), unknown or other scopes", "visualizer kept (generic Visualizer)", "mmagic's gen_default_runtime; NER has no MMEngine-era successor"),
    ]

    public static func apply(to context: inout MigrationContext) throws {
        let input = context.legacyNode(id)
        let inputScope = input?.scalar?.stringValue
        let inference = LegacyCodebase.infer(context.legacy)
        let scope: String
        var location = context.legacyKeyLocation(id)
        if let given = context.options.scope {
            scope = given
            context.setOutput(id, ConfigNode(.string(given)), from: input == nil ? [] : [id])
            if let input, !input.isNull, inputScope != given {
                context.warn(Records.scopeReplaced, id, "the input sets default_scope \(input.description); replaced by --scope \(given)", at: location, newPath: id)
            } else {
                context.change(Records.scopeGiven, id, to: id, "\(given), given with --scope\(agreement(given, inference))", at: location)
            }
            if let renamed = LegacyCodebase.renamedScopes[given] {
                context.warn(Records.scopeRenamed, id, "\(given) is the MMCV 1.x-era name; its MMEngine-era package registers its modules under the scope \(renamed)", at: location, newPath: id)
            }
        } else if let input, !input.isNull {
            guard let inputScope else {
                context.warn(Records.scopeNotPackageName, id, "default_scope is \(input.typeDescription), not a package name; kept, and no package visualizer is chosen", at: location)
                return
            }
            scope = inputScope
            context.change(Records.scopeKept, id, to: id, "kept from the input\(agreement(inputScope, inference))", at: location)
        } else if let inferred = inference.scope {
            scope = inferred
            location = inference.support.first?.location ?? location
            context.setOutput(id, ConfigNode(.string(inferred)), from: input == nil ? [] : [id])
            context.change(Records.scopeInferred, inference.support.first?.path ?? id, to: id, "\(inferred), inferred from \(inference.explanation)", at: location)
        } else {
            context.manualStep(Records.scopeNotInferred, id, "default_scope not written: the package could not be inferred (\(inference.doubt)); set default_scope to the package's MMEngine-era scope (mmdet, mmseg, mmpretrain, mmpose, mmagic, mmocr, mmaction, mmrotate, mmdet3d, mmtrack, mmflow, ...) or convert with --scope NAME. The generic Visualizer is kept and no visualization hook is added",
                               at: inference.evidence.first?.location ?? context.legacyLocation, newPath: id)
            return
        }
        let codebases = LegacyCodebase.codebases(ofScope: scope)
        let modelTypeNode = context.legacy["model"]?.mapping?["type"]
        let modelType = modelTypeNode?.scalar?.stringValue
        let task = modelType.flatMap { LegacyCodebase.task(ofModelType: $0, in: codebases) }
        if let row = PackageVisualization.lookup(scope: scope, task: task) {
            applyVisualization(row, task: task, at: location, &context)
        } else if codebases.isEmpty {
            context.change(Records.genericVisualizerUnknownScope, id, to: "visualizer", "generic Visualizer kept: hookmigrate knows no visualizer of the scope \(scope)", at: location)
        } else {
            let reason = task.map { "\(scope)'s \($0) runtime keeps MMEngine's generic Visualizer" }
                ?? "\(scope)'s visualizer depends on the task, which the model type \(modelType.map { "\($0) " } ?? "")does not tell"
            context.change(Records.genericVisualizer, id, to: "visualizer", "generic Visualizer kept: \(reason)", at: location)
        }
        if let modelType, let modelTypeNode, !codebases.isEmpty { try scopeModel(modelType, at: modelTypeNode.location, codebases: codebases, scope: scope, &context) }
    }

    /// ` (the config's model type RetinaNet points to mmdet)` when the inference names another scope.
    static func agreement(_ scope: String, _ inference: PackageInference) -> String {
        guard let inferred = inference.scope, inferred != scope, let first = inference.support.first else { return "" }
        return " (the config's \(first.description) points to \(inferred))"
    }

    /// The package's visualizer (keeping the backends log_config gave) and its visualization hook.
    static func applyVisualization(_ row: PackageVisualization, task: String?, at location: SourceLocation?, _ context: inout MigrationContext) {
        let existing = context.output("visualizer")?.mapping
        let backends = existing?["vis_backends"]
            ?? ConfigNode(ConfigList([ConfigNode(ConfigMapping(["type": ConfigNode(.string("LocalVisBackend"))]))]))
        var visualizer = row.visualizer(backends: backends)
        for entry in existing?.entries ?? [] where !visualizer.contains(entry.key.stringValue ?? "") { visualizer.set(entry) }
        context.setOutput("visualizer", ConfigNode(visualizer), from: [])
        let runtime = "\(row.source)'s \(row.runtime)\(task.map { " for \($0)" } ?? "")"
        let backendsText = existing?["vis_backends"] == nil ? "MMEngine's default LocalVisBackend" : "the vis_backends from log_config"
        context.change(Records.packageVisualizer, id, to: "visualizer", "\(row.visualizerType), as \(runtime) sets it, with \(backendsText)", at: location)
        guard let hook = row.hook, let type = hook["type"]?.scalar?.stringValue else { return }
        switch row.hookPlace {
        case .defaultHooks:
            guard context.defaultHook("visualization") == nil else { return }
            context.setDefaultHook("visualization", ConfigNode(hook))
            context.change(Records.visualizationHook, id, to: "default_hooks.visualization", "\(type), as \(runtime) registers it (it draws nothing unless enabled; the proof step runs it as an inert hook at NORMAL priority)", at: location)
        case .customHooks:
            var hooks = context.output("custom_hooks")?.list?.items ?? []
            guard !hooks.contains(where: { $0.mapping?["type"]?.scalar?.stringValue == type }) else { return }
            hooks.append(ConfigNode(hook))
            context.setOutput("custom_hooks", ConfigNode(ConfigList(hooks)), from: context.legacy.contains("custom_hooks") ? ["custom_hooks"] : [])
            context.change(Records.visualizationCustomHook, id, to: "custom_hooks[\(hooks.count - 1)]", "\(type) (\(hook.entries.dropFirst().map { "\($0.key): \($0.value)" }.joined(separator: ", "))), as \(runtime) adds it: it saves result images of validation and test; remove it if they are not wanted", at: location)
        }
    }

    /// `model._scope_` when the model type is registered only by a package the scope's package builds on.
    static func scopeModel(_ modelType: String, at location: SourceLocation?, codebases: [LegacyCodebase], scope: String, _ context: inout MigrationContext) throws {
        let owners = LegacyCodebase.codebases(ofModelType: modelType)
        guard !owners.isEmpty, !owners.contains(where: { codebases.contains($0) }),
              owners.allSatisfy({ owner in codebases.contains { $0.buildsOn.contains(owner) } }),
              let ownerScope = Set(owners.map(\.scope)).count == 1 ? owners.first?.scope : nil else { return }
        var model = try context.output("model").map { try $0.mapping("model") } ?? context.legacyNode("model")?.mapping ?? ConfigMapping()
        guard model["_scope_"] == nil else { return }
        model["_scope_"] = ConfigNode(.string(ownerScope))
        context.setOutput("model", ConfigNode(model, at: context.legacyNode("model")?.location), from: ["model"])
        context.change(Records.modelScope, "model.type", to: "model._scope_", "\(modelType) is \(ownerScope)'s model, which \(scope) builds on: `_scope_: \(ownerScope)` makes MMEngine build it from \(ownerScope)'s registry under default_scope \(scope), as the official MMEngine-era configs write it", at: location)
    }
}
