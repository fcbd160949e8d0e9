import HookMigrateCore

/// What an MMEngine-era package's own runtime config sets for visualization: its visualizer and its
/// visualization hook, and where the hook goes. One row per package (per task where the package's runtime
/// depends on the task), read from the successors' `default_runtime.py` files and checked against the
/// official configs they resolve to (the corpus's `modern/` dumps).
///
/// | scope (task) | visualizer | hook | from |
/// |---|---|---|---|
/// | mmdet | DetLocalVisualizer, name visualizer | default_hooks.visualization: DetVisualizationHook | mmdet 3.3.0 |
/// | mmseg | SegLocalVisualizer, name visualizer | default_hooks.visualization: SegVisualizationHook | mmsegmentation 1.2.2 |
/// | mmpretrain | UniversalVisualizer | default_hooks.visualization: VisualizationHook, enable False | mmpretrain 1.2.0 |
/// | mmpose | PoseLocalVisualizer, name visualizer | default_hooks.visualization: PoseVisualizationHook, enable False | mmpose 1.3.2 |
/// | mmagic (restoration, inpainting, interpolation) | ConcatImageVisualizer (gt_path; gt_img, input, pred_img) | custom_hooks: BasicVisualizationHook, interval 1 | mmagic 1.2.0 |
/// | mmagic (matting) | ConcatImageVisualizer (trimap_path; pred_alpha, trimap, gt_merged, gt_alpha) | custom_hooks: BasicVisualizationHook, interval 2000 | mmagic 1.2.0 |
/// | mmocr (textdet, textrecog, kie) | TextDet-/TextRecog-/KIELocalVisualizer, name visualizer | default_hooks.visualization: VisualizationHook, enable False | mmocr 1.0.1 |
/// | mmaction | ActionVisualizer | none | mmaction2 1.2.0 |
/// | mmrotate | RotLocalVisualizer, name visualizer | default_hooks.visualization: mmdet.DetVisualizationHook | mmrotate 1.0.0rc1 |
/// | mmdet3d | Det3DLocalVisualizer, name visualizer (in its dataset bases) | default_hooks.visualization: Det3DVisualizationHook | mmdet3d 1.4.0 |
/// | mmtrack | TrackLocalVisualizer, name visualizer | default_hooks.visualization: TrackVisualizationHook, draw False | mmtracking 1.0.0rc1 |
/// | mmflow | FlowLocalVisualizer, name visualizer | default_hooks.visualization: FlowVisualizationHook (in its schedule bases) | mmflow 1.0.0rc0 |
///
/// mmagic's generation and translation runtime (`gen_default_runtime.py`) keeps MMEngine's generic
/// `Visualizer`, and mmocr's NER task has no MMEngine-era successor: those keep the generic visualizer.
struct PackageVisualization: Sendable {
    /// Where the package's runtime puts its visualization hook.
    enum HookPlace: Sendable {
        /// `default_hooks.visualization`.
        case defaultHooks
        /// Appended to `custom_hooks` (mmagic).
        case customHooks
    }

    /// The `default_scope` it belongs to.
    var scope: String
    /// The tasks it serves, or nil for the whole package.
    var tasks: [String]?
    /// The successor's version whose runtime this is, for the report.
    var source: String
    /// The config files of that version that set these (`default_runtime`).
    var runtime: String
    /// The visualizer's `type`.
    var visualizerType: String
    /// The visualizer's other keys, after `vis_backends`.
    var visualizerKeys: [(String, ConfigNode)]
    /// The hook, if the runtime has one.
    var hook: ConfigMapping?
    /// Where the hook goes.
    var hookPlace: HookPlace

    /// The rows.
    static let table: [PackageVisualization] = [
        row("mmdet", source: "mmdet 3.3.0", "DetLocalVisualizer", named: true, hook: [("type", "DetVisualizationHook")]),
        row("mmseg", source: "mmsegmentation 1.2.2", "SegLocalVisualizer", named: true, hook: [("type", "SegVisualizationHook")]),
        row("mmpretrain", source: "mmpretrain 1.2.0", "UniversalVisualizer", named: false,
            hook: [("type", "VisualizationHook"), ("enable", false)]),
        row("mmpose", source: "mmpose 1.3.2", "PoseLocalVisualizer", named: true,
            hook: [("type", "PoseVisualizationHook"), ("enable", false)]),
        row("mmagic", tasks: ["restoration", "inpainting", "interpolation"], source: "mmagic 1.2.0", "ConcatImageVisualizer", named: false,
            keys: [("fn_key", "gt_path"), ("img_keys", ["gt_img", "input", "pred_img"]), ("bgr2rgb", true)],
            hook: [("type", "BasicVisualizationHook"), ("interval", 1)], place: .customHooks),
        row("mmagic", tasks: ["matting"], source: "mmagic 1.2.0", runtime: "matting_default_runtime", "ConcatImageVisualizer", named: false,
            keys: [("fn_key", "trimap_path"), ("img_keys", ["pred_alpha", "trimap", "gt_merged", "gt_alpha"]), ("bgr2rgb", true)],
            hook: [("type", "BasicVisualizationHook"), ("interval", 2000)], place: .customHooks),
        row("mmocr", tasks: ["textdet"], source: "mmocr 1.0.1", "TextDetLocalVisualizer", named: true, hook: mmocrHook),
        row("mmocr", tasks: ["textrecog"], source: "mmocr 1.0.1", "TextRecogLocalVisualizer", named: true, hook: mmocrHook),
        row("mmocr", tasks: ["kie"], source: "mmocr 1.0.1", "KIELocalVisualizer", named: true, keys: [("is_openset", false)], hook: mmocrHook),
        row("mmaction", source: "mmaction2 1.2.0", "ActionVisualizer", named: false, hook: nil),
        row("mmrotate", source: "mmrotate 1.0.0rc1", "RotLocalVisualizer", named: true, hook: [("type", "mmdet.DetVisualizationHook")]),
        row("mmdet3d", source: "mmdet3d 1.4.0", runtime: "default_runtime (hook) and dataset bases (visualizer)", "Det3DLocalVisualizer", named: true, hook: [("type", "Det3DVisualizationHook")]),
        row("mmtrack", source: "mmtracking 1.0.0rc1", "TrackLocalVisualizer", named: true,
            hook: [("type", "TrackVisualizationHook"), ("draw", false)]),
        row("mmflow", source: "mmflow 1.0.0rc0", runtime: "default_runtime (visualizer) and schedule bases (hook)", "FlowLocalVisualizer", named: true, hook: [("type", "FlowVisualizationHook")]),
    ]

    /// mmocr's hook, the same in its three task runtimes.
    static let mmocrHook: [(String, HookValue)] = [("type", "VisualizationHook"), ("interval", 1), ("enable", false), ("show", false),
                                                   ("draw_gt", false), ("draw_pred", false)]

    /// The row for a scope and task: the task's row, or the package's only row when it has no tasks.
    static func lookup(scope: String, task: String?) -> PackageVisualization? {
        let rows = table.filter { $0.scope == scope }
        if let whole = rows.first(where: { $0.tasks == nil }) { return whole }
        guard let task else { return nil }
        return rows.first { $0.tasks?.contains(task) == true }
    }

    /// The visualizer with these backends.
    func visualizer(backends: ConfigNode) -> ConfigMapping {
        var mapping = ConfigMapping()
        mapping["type"] = ConfigNode(.string(visualizerType))
        mapping["vis_backends"] = backends
        for (key, value) in visualizerKeys { mapping[key] = value }
        return mapping
    }

    // MARK: Building the table

    /// A scalar or list-of-strings value of the table.
    enum HookValue: Sendable, ExpressibleByStringLiteral, ExpressibleByIntegerLiteral, ExpressibleByBooleanLiteral,
                    ExpressibleByArrayLiteral {
        case string(String), int(Int), bool(Bool), strings([String])

        init(stringLiteral value: String) { self = .string(value) }
        init(integerLiteral value: Int) { self = .int(value) }
        init(booleanLiteral value: Bool) { self = .bool(value) }
        init(arrayLiteral elements: String...) { self = .strings(elements) }

        var node: ConfigNode {
            switch self {
            case .string(let text): return ConfigNode(.string(text))
            case .int(let number): return ConfigNode(.int(number))
            case .bool(let flag): return ConfigNode(.bool(flag))
            case .strings(let texts): return ConfigNode(ConfigList(texts.map { ConfigNode(.string($0)) }))
            }
        }
    }

    static func row(_ scope: String, tasks: [String]? = nil, source: String, runtime: String = "default_runtime", _ visualizerType: String, named: Bool,
                    keys: [(String, HookValue)] = [], hook: [(String, HookValue)]?, place: HookPlace = .defaultHooks) -> PackageVisualization {
        var visualizerKeys: [(String, ConfigNode)] = named ? [("name", ConfigNode(.string("visualizer")))] : []
        visualizerKeys += keys.map { ($0.0, $0.1.node) }
        let hookMapping = hook.map { ConfigMapping($0.map { ConfigMapping.Entry(key: .string($0.0), value: $0.1.node) }) }
        return PackageVisualization(scope: scope, tasks: tasks, source: source, runtime: runtime, visualizerType: visualizerType,
                                    visualizerKeys: visualizerKeys, hook: hookMapping, hookPlace: place)
    }
}
