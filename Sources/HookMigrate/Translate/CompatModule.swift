import HookMigrateCore
import HookMigrateRuntime

/// hookmigrate's compat scheduler module (migrations/compat/, compiled in): what `convert --compat` writes
/// beside a converted config that imports it.
public enum CompatModule {
    /// The file name to write beside the converted config.
    public static let fileName = CompatUpdaterSchedule.module + ".py"
    /// The module's source, byte for byte the versioned file.
    public static let source = EmbeddedMigrations.compatModuleSource + "\n"

    /// Whether a converted config imports the module (`custom_imports.imports`).
    public static func isImported(by config: ConfigNode) -> Bool {
        guard let imports = config.mapping?["custom_imports"]?.mapping?["imports"] else { return false }
        let names = imports.list?.items.compactMap { $0.scalar?.stringValue } ?? [imports.scalar?.stringValue].compactMap { $0 }
        return names.contains(CompatUpdaterSchedule.module)
    }
}
