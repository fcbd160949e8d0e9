import HookMigrateCore

/// The converted config and the report of how it was made.
public struct TranslationResult: Sendable, Equatable {
    /// The MMEngine config.
    public var config: ConfigNode
    /// The report.
    public var report: MigrationReport
}
