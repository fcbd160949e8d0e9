import HookMigrateCore

/// Everything one conversion did and could not do.
public struct MigrationReport: Sendable, Equatable {
    /// The input path.
    public var source: String
    /// Every record, in the order the rules made them.
    public var records: [MigrationRecord]
    /// Whether the input was converted or already MMEngine-style.
    public var status: TranslationStatus

    /// Creates a report.
    public init(source: String, records: [MigrationRecord], status: TranslationStatus = .converted) {
        self.source = source
        self.records = records
        self.status = status
    }

    /// The records of one kind.
    public func records(_ kind: MigrationRecord.Kind) -> [MigrationRecord] {
        records.filter { $0.kind == kind }
    }
}
