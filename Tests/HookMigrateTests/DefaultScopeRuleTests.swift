import Foundation
@testable import HookMigrate
import HookMigrateCore
import Testing

/// The default_scope rule: how the package is inferred or given, and the package's visualizer and hook.
@Suite struct DefaultScopeRuleTests {
    static func convert(_ yaml: String, scope: String? = nil) throws -> TranslationResult {
        try HookRulesTests.convert(yaml, options: MigrationOptions(scope: scope))
    }

    static func output(_ result: TranslationResult, _ key: String) -> ConfigNode? { result.config.mapping?[key] }

    static func scopeRecords(_ result: TranslationResult, _ kind: MigrationRecord.Kind? = nil) -> [MigrationRecord] {
        HookRulesTests.records(result, rule: "default_scope", kind)
    }

    typealias Scope = DefaultScopeRule.Records

    static let logConfig = "log_config: {interval: 50, hooks: [{type: TextLoggerHook}, {type: TensorboardLoggerHook}]}\n"

    @Test func inferredFromTheModelTypeAndWrittenFirst() throws {
        let result = try Self.convert("model: {type: RetinaNet}\n" + Self.logConfig)
        #expect(result.config.mapping?.entries.first?.key == .string("default_scope"))
        #expect(Self.output(result, "default_scope") == ConfigNode(.string("mmdet")))
        let change = try #require(Self.scopeRecords(result, .change).first)
        #expect(change.id == Scope.scopeInferred.id)
        #expect(change.message == "mmdet, inferred from model type RetinaNet")
        #expect(change.legacyPath == "model.type")
        #expect(change.location == SourceLocation(file: "test.yaml", line: 1, column: 15))
        // The package's visualizer keeps the backends log_config gave; its hook joins default_hooks, last.
        let visualizer = try #require(Self.output(result, "visualizer")?.mapping)
        #expect(visualizer.keys == [.string("type"), .string("vis_backends"), .string("name")])
        #expect(visualizer["type"] == ConfigNode(.string("DetLocalVisualizer")))
        #expect(visualizer["vis_backends"]?.list?.items.compactMap { $0.mapping?["type"]?.scalar?.stringValue } == ["LocalVisBackend", "TensorboardVisBackend"])
        let hooks = try #require(Self.output(result, "default_hooks")?.mapping)
        #expect(hooks.keys.last == .string("visualization"))
        #expect(hooks["visualization"] == ConfigNode(ConfigMapping(["type": ConfigNode(.string("DetVisualizationHook"))])))
    }

    @Test func eachPackageGetsItsOwnVisualization() throws {
        func visuals(_ model: String, data: String = "") throws -> (String?, String?, ConfigNode?, [String]) {
            let result = try Self.convert("model: {type: \(model)}\n" + data)
            let visualizer = Self.output(result, "visualizer")?.mapping
            let custom = result.config.mapping?["custom_hooks"]?.list?.items.compactMap { $0.mapping?["type"]?.scalar?.stringValue } ?? []
            return (Self.output(result, "default_scope")?.scalar?.stringValue, visualizer?["type"]?.scalar?.stringValue,
                    HookRulesTests.defaultHook(result, "visualization"), custom)
        }
        let pretrain = try visuals("ImageClassifier")
        #expect(pretrain.0 == "mmpretrain" && pretrain.1 == "UniversalVisualizer")
        #expect(pretrain.2 == ConfigNode(ConfigMapping(["type": ConfigNode(.string("VisualizationHook")), "enable": ConfigNode(.bool(false))])))
        #expect(try visuals("EncoderDecoder").1 == "SegLocalVisualizer")
        #expect(try visuals("TopDown").1 == "PoseLocalVisualizer")
        let rotate = try visuals("RotatedRetinaNet")
        #expect(rotate.0 == "mmrotate" && rotate.1 == "RotLocalVisualizer")
        #expect(rotate.2?.mapping?["type"] == ConfigNode(.string("mmdet.DetVisualizationHook")))
        let action = try visuals("Recognizer3D")
        #expect(action.0 == "mmaction" && action.1 == "ActionVisualizer" && action.2 == nil)
        #expect(try visuals("CenterPoint").1 == "Det3DLocalVisualizer")
        #expect(try visuals("RAFT").1 == "FlowLocalVisualizer")
        #expect(try visuals("SELSA").1 == "TrackLocalVisualizer")
        // mmocr and mmagic: by task.
        #expect(try visuals("DBNet").1 == "TextDetLocalVisualizer")
        #expect(try visuals("SARNet").1 == "TextRecogLocalVisualizer")
        #expect(try visuals("SDMGR").1 == "KIELocalVisualizer")
        let restorer = try visuals("BasicRestorer")
        #expect(restorer.0 == "mmagic" && restorer.1 == "ConcatImageVisualizer" && restorer.2 == nil)
        #expect(restorer.3 == ["BasicVisualizationHook"])
        let matting = try Self.convert("model: {type: DIM}\n")
        #expect(Self.output(matting, "visualizer")?.mapping?["fn_key"] == ConfigNode(.string("trimap_path")))
        #expect(matting.config.mapping?["custom_hooks"]?.list?.items.first?.mapping?["interval"] == ConfigNode(.int(2000)))
        // A GAN (mmgen, or mmedit's CycleGAN): mmagic's generation runtime keeps the generic Visualizer.
        let gan = try visuals("CycleGAN", data: "log_config: {interval: 1, hooks: [{type: TextLoggerHook}]}\n")
        #expect(gan.0 == "mmagic" && gan.1 == "Visualizer" && gan.2 == nil && gan.3.isEmpty)
        // NER has no MMEngine-era successor: mmocr's scope, the generic visualizer.
        let ner = try visuals("NerClassifier")
        #expect(ner.0 == "mmocr" && ner.1 == nil)
    }

    @Test func aModelOfAPackageItBuildsOnGetsItsScope() throws {
        // mmaction2's AVA detector is mmdet's FastRCNN; mmdet3d's nuImages configs are mmdet models with
        // mmdet3d's class_names. The official MMEngine-era configs write `_scope_: mmdet` on such models.
        let ava = try Self.convert("""
        model: {type: FastRCNN, backbone: {type: ResNet3dSlowFast}}
        data: {train: {type: AVADataset}}
        """)
        #expect(Self.output(ava, "default_scope") == ConfigNode(.string("mmaction")))
        let model = try #require(Self.output(ava, "model")?.mapping)
        #expect(model.keys == [.string("type"), .string("backbone"), .string("_scope_")])
        #expect(model["_scope_"] == ConfigNode(.string("mmdet")))
        let records = Self.scopeRecords(ava, .change)
        #expect(records.first?.message == "mmaction, inferred from dataset type AVADataset; model type FastRCNN is mmdet's, which mmaction builds on")
        #expect(records.contains { $0.id == Scope.modelScope.id && $0.newPath == "model._scope_" })

        let nuimages = try Self.convert("model: {type: MaskRCNN}\nclass_names: [car]\ndata: {train: {type: CocoDataset}}\n")
        #expect(Self.output(nuimages, "default_scope") == ConfigNode(.string("mmdet3d")))
        #expect(Self.output(nuimages, "model")?.mapping?["_scope_"] == ConfigNode(.string("mmdet")))
        // mmdet's own model in mmdet: no _scope_.
        let plain = try Self.convert("model: {type: MaskRCNN}\ndata: {train: {type: CocoDataset}}\n")
        #expect(Self.output(plain, "model")?.mapping?["_scope_"] == nil)
    }

    @Test func unknownPackageMeansNoScopeAndAManualStep() throws {
        for yaml in ["model: {type: MyDetector}\n", "model: {type: EncoderDecoder}\ndata: {train: {type: CocoDataset}}\n",
                     "data: {train: {type: CustomDataset}}\n"] {
            let result = try Self.convert(yaml + Self.logConfig)
            #expect(Self.output(result, "default_scope") == nil, "\(yaml)")
            #expect(Self.output(result, "visualizer")?.mapping?["type"] == ConfigNode(.string("Visualizer")))
            #expect(HookRulesTests.defaultHook(result, "visualization") == nil)
            let step = try #require(Self.scopeRecords(result, .manualStep).first)
            #expect(step.id == Scope.scopeNotInferred.id)
            #expect(step.message.contains("--scope NAME"))
        }
        let conflict = try Self.convert("model: {type: EncoderDecoder}\ndata: {train: {type: CocoDataset}}\n")
        #expect(Self.scopeRecords(conflict, .manualStep).first?.message.contains("model type EncoderDecoder is mmseg's, dataset type CocoDataset is mmdet's") == true)
    }

    @Test func scopeGivenOrKept() throws {
        let given = try Self.convert("model: {type: RetinaNet}\n", scope: "mmyolo")
        #expect(Self.output(given, "default_scope") == ConfigNode(.string("mmyolo")))
        #expect(Self.scopeRecords(given).first?.id == Scope.scopeGiven.id)
        #expect(Self.scopeRecords(given, .change).first?.message == "mmyolo, given with --scope (the config's model type RetinaNet points to mmdet)")
        #expect(Self.output(given, "visualizer") == nil)

        let kept = try Self.convert("model: {type: RetinaNet}\ndefault_scope: mmdet\n")
        #expect(kept.config.mapping?.keys == [.string("model"), .string("default_scope"), .string("default_hooks"), .string("visualizer")])
        #expect(Self.scopeRecords(kept).first?.id == Scope.scopeKept.id)
        #expect(Self.scopeRecords(kept, .change).first?.message == "kept from the input")

        let replaced = try Self.convert("model: {type: RetinaNet}\ndefault_scope: mmdet\n", scope: "mmseg")
        #expect(replaced.config.mapping?.entries[1].value == ConfigNode(.string("mmseg")))
        #expect(Self.scopeRecords(replaced).first?.id == Scope.scopeReplaced.id)
        #expect(Self.scopeRecords(replaced, .warning).first?.message == "the input sets default_scope 'mmdet'; replaced by --scope mmseg")

        let legacyName = try Self.convert("model: {type: ImageClassifier}\n", scope: "mmcls")
        #expect(Self.scopeRecords(legacyName, .warning).map(\.id) == [Scope.scopeRenamed.id])
        #expect(Self.scopeRecords(legacyName, .warning).first?.message.contains("its MMEngine-era package registers its modules under the scope mmpretrain") == true)
    }

    @Test func inferenceReadsDatasetsThroughWrappersAndKeys() throws {
        let repeatDataset = LegacyCodebase.infer(try HookRulesTests.legacy("data: {train: {type: RepeatDataset, dataset: {type: CocoDataset}}}"))
        #expect(repeatDataset.scope == "mmdet")
        #expect(repeatDataset.explanation == "dataset type CocoDataset")
        let mot = LegacyCodebase.infer(try HookRulesTests.legacy("USE_MMDET: true\nmodel: {detector: {type: FasterRCNN}}\ndata: {train: {type: CocoDataset}}"))
        #expect(mot.codebases == [.mmtrack])
        let gan = LegacyCodebase.infer(try HookRulesTests.legacy("model: {type: CycleGAN}"))
        #expect(gan.codebases == [.mmedit, .mmgen])
        #expect(gan.scope == "mmagic")
        // A metric name corroborates but cannot choose alone (mmdet3d and mmtrack configs evaluate bbox too).
        let metricOnly = LegacyCodebase.infer(try HookRulesTests.legacy("evaluation: {metric: bbox}"))
        #expect(metricOnly.scope == nil)
        #expect(metricOnly.doubt.hasPrefix("only metric names (metric bbox)"))
        let withDataset = LegacyCodebase.infer(try HookRulesTests.legacy("evaluation: {metric: mIoU}\ndata: {val: {type: CityscapesDataset}}"))
        #expect(withDataset.codebases == [.mmseg])
        let none = LegacyCodebase.infer(try HookRulesTests.legacy("log_level: INFO"))
        #expect(none.scope == nil && none.doubt == "no model type, dataset type or metric that belongs to a known package")
    }
}
