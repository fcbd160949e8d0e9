import HookMigrateCore

/// One entry of a migration report: a rewrite, a warning, a step a person must still do, or a named
/// non-equivalence with its size. Every record names the rule that made it and the legacy place it is about.
public struct MigrationRecord: Sendable, Equatable {
    /// What kind of entry.
    public enum Kind: String, Sendable, Equatable, CaseIterable {
        /// An automatic rewrite, exact.
        case change
        /// Something the user should look at; the conversion went ahead.
        case warning
        /// A step hookmigrate cannot do; a person must.
        case manualStep = "manual-step"
        /// The converted config does not reproduce the legacy behaviour exactly; `deviation` says by how much.
        case nonEquivalence = "non-equivalence"
    }

    /// The kind.
    public var kind: Kind
    /// The stable id of this kind of record, `rule/name` (`lr_config/warmup-exp-pair`).
    public var id: RecordID
    /// The id of the rule that made the record (the legacy key it owns, e.g. `lr_config`).
    public var rule: String { id.rule }
    /// The legacy config path the record is about (`lr_config.warmup_iters`).
    public var legacyPath: String
    /// The new config path written, when there is one (`param_scheduler[0]`).
    public var newPath: String?
    /// What happened, in a sentence.
    public var message: String
    /// Where the legacy value is written.
    public var location: SourceLocation?
    /// For non-equivalences: the size of the difference, in words and numbers (`max relative lr error 1.2e-3`).
    public var deviation: String?

    /// Creates a record.
    public init(_ kind: Kind, _ id: RecordID, legacyPath: String, newPath: String? = nil, _ message: String,
                at location: SourceLocation? = nil, deviation: String? = nil) {
        self.kind = kind
        self.id = id
        self.legacyPath = legacyPath
        self.newPath = newPath
        self.message = message
        self.location = location
        self.deviation = deviation
    }
}
