import HookMigrateCore

/// `evaluation` → `val_cfg,test_cfg,val_evaluator,test_evaluator`. NOT YET IMPLEMENTED: this rule claims its keys but converts nothing yet, so
/// they stay in the output unchanged (and the conversion reports them as not converted).
public enum EvaluationRule: MigrationRule {
    public static let id = "evaluation"
    public static let legacyKeys = ["evaluation"]
    public static let newKeys = ["val_cfg", "test_cfg", "val_evaluator", "test_evaluator"]
    public static let summary = "Not converted yet."
    public static let mappingRows: [MappingRow] = []

    public static func apply(to context: inout MigrationContext) throws {
        for key in legacyKeys where context.legacy.contains(key) {
            context.manualStep(id, key, "not converted by this build of hookmigrate yet: convert it by hand", at: context.legacyKeyLocation(key))
        }
    }
}
