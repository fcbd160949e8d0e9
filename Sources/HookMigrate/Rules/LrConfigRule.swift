import HookMigrateCore

/// `lr_config` → `param_scheduler`. NOT YET IMPLEMENTED: this rule claims its keys but converts nothing yet, so
/// they stay in the output unchanged (and the conversion reports them as not converted).
public enum LrConfigRule: MigrationRule {
    public static let id = "lr_config"
    public static let legacyKeys = ["lr_config"]
    public static let newKeys = ["param_scheduler"]
    public static let summary = "Not converted yet."
    public static let mappingRows: [MappingRow] = []

    public static func apply(to context: inout MigrationContext) throws {
        for key in legacyKeys where context.legacy.contains(key) {
            context.manualStep(id, key, "not converted by this build of hookmigrate yet: convert it by hand", at: context.legacyKeyLocation(key))
        }
    }
}
