import HookMigrateCore

/// What migrating one file of a config tree gave.
public struct TreeFileResult: Sendable {
    /// How the converted file is written.
    public enum Form: Sendable, Equatable {
        /// With `_base_` (the entries as written, relative to the file): only what its conversion needs
        /// beyond its converted bases.
        case inherits([String])
        /// Resolved, with no `_base_`. `reason` says why a file that inherited in the legacy tree could not
        /// keep its bases; `nil` for a file that never had any.
        case flat(reason: String?)
        /// Not written: the file could not be read or converted (`error`).
        case refused
    }

    /// The input file, relative to the input root.
    public var path: String
    /// The output file, relative to the output root.
    public var outputPath: String
    /// Base or complete config.
    public var role: TreeFileRole
    /// How it is written.
    public var form: Form
    /// Why it was refused.
    public var error: ConfigError?
    /// The conversion's report (complete configs and bases alike).
    public var report: MigrationReport?
    /// The proof (complete configs, when validation ran).
    public var proof: ProofResult?
    /// The proof's verdict.
    public var outcome: Validator.Outcome? { proof?.outcome }
    /// The text written to `outputPath`; `nil` when refused.
    public var text: String?
    /// The size of the legacy file, in bytes.
    public var legacyBytes: Int

    /// Whether the written file keeps `_base_`.
    public var inherits: Bool {
        if case .inherits = form { return true }
        return false
    }
}

/// What migrating a whole tree gave.
public struct TreeMigrationResult: Sendable {
    /// The input root as given.
    public var inputRoot: String
    /// The output root as given.
    public var outputRoot: String
    /// One result per config file of the tree, in path order.
    public var files: [TreeFileResult]
    /// How many written files were read back and resolved the way MMEngine resolves them, each equal to
    /// its flat conversion (every written file is checked; this counts them).
    public var checkedFiles: Int
    /// Where the time went.
    public var phaseTimes = TreePhaseTimes()
}
