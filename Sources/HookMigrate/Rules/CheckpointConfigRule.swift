import HookMigrateCore

/// `checkpoint_config` → `default_hooks`. NOT YET IMPLEMENTED: this rule claims its keys but converts nothing yet, so
/// they stay in the output unchanged (and the conversion reports them as not converted).
public enum CheckpointConfigRule: MigrationRule {
    public static let id = "checkpoint_config"
    public static let legacyKeys = ["checkpoint_config"]
    public static let newKeys = ["default_hooks"]
    public static let summary = "Not converted yet."
    public static let mappingRows: [MappingRow] = []

    public static func apply(to context: inout MigrationContext) throws {
        for key in legacyKeys where context.legacy.contains(key) {
            context.manualStep(id, key, "not converted by this build of hookmigrate yet: convert it by hand", at: context.legacyKeyLocation(key))
        }
    }
}
