import HookMigrateCore

/// What a file of a config tree is.
public enum TreeFileRole: String, Sendable, Equatable {
    /// A file under a `_base_` folder: a partial config (a schedule, a dataset, a runtime) that other
    /// files inherit. It is converted on its own keys and not validated on its own.
    case base
    /// Any other file: a complete training config, converted and validated.
    case config

    /// The role of a path relative to the tree's root.
    public static func of(_ relativePath: String) -> TreeFileRole {
        ConfigPaths.steps(relativePath).dropLast().contains("_base_") ? .base : .config
    }
}
