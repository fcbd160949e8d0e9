import HookMigrateCore

/// The converted config and the report of how it was made.
///
/// `status` says whether there was anything to convert: for an input that is already an MMEngine config,
/// `config` is the input unchanged and the proof step does not apply (there is no legacy run to compare).
public struct TranslationResult: Sendable, Equatable {
    /// The MMEngine config.
    public var config: ConfigNode
    /// The report.
    public var report: MigrationReport

    /// `converted`, or `alreadyMMEngine` when the input needed no conversion.
    public var status: TranslationStatus { report.status }

    /// Whether the input was already an MMEngine config (nothing converted, nothing to validate).
    public var isAlreadyMMEngine: Bool {
        if case .alreadyMMEngine = status { return true }
        return false
    }
}
