import HookMigrateCore

/// `log_config` → `default_hooks,visualizer,log_processor`. NOT YET IMPLEMENTED: this rule claims its keys but converts nothing yet, so
/// they stay in the output unchanged (and the conversion reports them as not converted).
public enum LogConfigRule: MigrationRule {
    public static let id = "log_config"
    public static let legacyKeys = ["log_config"]
    public static let newKeys = ["default_hooks", "visualizer", "log_processor"]
    public static let summary = "Not converted yet."
    public static let mappingRows: [MappingRow] = []

    public static func apply(to context: inout MigrationContext) throws {
        for key in legacyKeys where context.legacy.contains(key) {
            context.manualStep(id, key, "not converted by this build of hookmigrate yet: convert it by hand", at: context.legacyKeyLocation(key))
        }
    }
}
