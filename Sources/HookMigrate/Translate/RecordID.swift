/// A report record's stable id: the rule that writes it and the name of the kind of record it is,
/// printed `rule/name` (`lr_config/warmup-exp-pair`). Tests and tools match records by id, not by prose.
public struct RecordID: Sendable, Hashable, Comparable, CustomStringConvertible {
    /// The rule (or translator step) that writes the record: `lr_config`.
    public let rule: String
    /// The kind of record within the rule, kebab-case: `warmup-exp-pair`.
    public let name: String

    /// Creates an id; records get theirs from a `RecordCode` case.
    public init(rule: String, name: String) {
        self.rule = rule
        self.name = name
    }

    /// `rule/name`.
    public var description: String { "\(rule)/\(name)" }

    public static func < (lhs: RecordID, rhs: RecordID) -> Bool { (lhs.rule, lhs.name) < (rhs.rule, rhs.name) }
}

/// The records one rule writes: an enum beside the rule (`<Rule>+Records.swift`), one case per kind of record,
/// raw value its kebab-case name. A record cannot be written without one (the `MigrationContext` reporting
/// methods take a case), and docs/records.md lists every case with its summary (`RecordDocumentation`).
public protocol RecordCode: RawRepresentable, CaseIterable, Sendable where RawValue == String {
    /// The id of the rule that writes these records (`MigrationRule.id`).
    static var rule: String { get }
    /// When the record is written, in a sentence: the case's documentation, printed in docs/records.md.
    var summary: String { get }
    /// The kinds the record is written with (most have one; a warmup, say, is a change or, when it overlaps the
    /// main schedule, a non-equivalence). `RecordIDTests` checks every fixture's records against them.
    var kinds: [MigrationRecord.Kind] { get }
}

extension RecordCode {
    /// The stable id, `rule/name`.
    public var id: RecordID { RecordID(rule: Self.rule, name: rawValue) }

    /// Every case's documentation, in declaration order.
    public static var documented: [RecordDocumentation.Entry] { allCases.map { .init(id: $0.id, kinds: $0.kinds, summary: $0.summary) } }
}
