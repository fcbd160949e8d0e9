import HookMigrateCore

/// Legacy top-level `train_cfg` / `test_cfg` (the *model's* training and testing settings in mmdet 1.x-style,
/// mmedit and mmgen configs) → `model.train_cfg` / `model.test_cfg`. MMEngine uses the top-level names for
/// the loops, so they must move out of the way.
public enum ModelCfgRule: MigrationRule {
    public static let id = "train_cfg"
    public static let legacyKeys = ["train_cfg", "test_cfg"]
    public static let newKeys = ["model"]
    /// Reads the model it moves train_cfg/test_cfg into.
    public static let reads: [RuleInput] = [.output("model")]
    public static let summary = "Model-level train_cfg/test_cfg move into the model: MMEngine's top-level train_cfg/test_cfg are loops."
    public static let mappingRows = [
        MappingRow("train_cfg: {...} (top level, model settings)", "model.train_cfg: {...}", "exact (mmdet 2.x's build_detector did the same)"),
        MappingRow("test_cfg: {...} (top level, model settings)", "model.test_cfg: {...}", "exact"),
    ]

    public static func apply(to context: inout MigrationContext) throws {
        guard legacyKeys.contains(where: { context.legacy.contains($0) }) else { return }
        var model = try context.output("model").map { try $0.mapping("model") }
            ?? context.legacyNode("model").flatMap { $0.mapping } ?? ConfigMapping()
        for key in legacyKeys {
            guard let value = context.legacyNode(key) else { continue }
            context.consume(key)
            if value.isNull {
                context.change(Records.nullDropped, key, to: nil, "dropped (null); MMEngine uses top-level `\(key)` for the loop", at: context.legacyKeyLocation(key))
                continue
            }
            if let existing = model[key], !existing.isNull {
                context.warn(Records.setTwice, key, "`\(key)` is set both at the top level and in `model`; mmdet asserted only one is set. The model's value is kept and the top-level one dropped", at: context.legacyKeyLocation(key), newPath: "model.\(key)")
                continue
            }
            model[key] = value
            context.change(Records.movedIntoModel, key, to: "model.\(key)", "moved into the model (MMEngine's top-level `\(key)` is the loop config)", at: context.legacyKeyLocation(key))
        }
        context.setOutput("model", ConfigNode(model, at: context.legacyNode("model")?.location), from: ["model"])
    }
}
