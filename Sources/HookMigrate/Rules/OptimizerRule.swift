import HookMigrateCore

/// `optimizer,optimizers,optimizer_config,fp16` → `optim_wrapper`. NOT YET IMPLEMENTED: this rule claims its keys but converts nothing yet, so
/// they stay in the output unchanged (and the conversion reports them as not converted).
public enum OptimizerRule: MigrationRule {
    public static let id = "optimizer"
    public static let legacyKeys = ["optimizer", "optimizers", "optimizer_config", "fp16"]
    public static let newKeys = ["optim_wrapper"]
    public static let summary = "Not converted yet."
    public static let mappingRows: [MappingRow] = []

    public static func apply(to context: inout MigrationContext) throws {
        for key in legacyKeys where context.legacy.contains(key) {
            context.manualStep(id, key, "not converted by this build of hookmigrate yet: convert it by hand", at: context.legacyKeyLocation(key))
        }
    }
}
