import HookMigrateCore

/// `data` → `train_dataloader,val_dataloader,test_dataloader`. NOT YET IMPLEMENTED: this rule claims its keys but converts nothing yet, so
/// they stay in the output unchanged (and the conversion reports them as not converted).
public enum DataRule: MigrationRule {
    public static let id = "data"
    public static let legacyKeys = ["data"]
    public static let newKeys = ["train_dataloader", "val_dataloader", "test_dataloader"]
    public static let summary = "Not converted yet."
    public static let mappingRows: [MappingRow] = []

    public static func apply(to context: inout MigrationContext) throws {
        for key in legacyKeys where context.legacy.contains(key) {
            context.manualStep(id, key, "not converted by this build of hookmigrate yet: convert it by hand", at: context.legacyKeyLocation(key))
        }
    }
}
