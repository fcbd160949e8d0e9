import HookMigrateCore

/// One row of the generated mapping table in docs/: a legacy form, its new form, and how exact it is.
public struct MappingRow: Sendable, Equatable {
    /// The legacy form (`lr_config: policy=step, step=[8, 11]`).
    public var legacy: String
    /// The new form.
    public var new: String
    /// `exact`, `exact given L`, `approximate (…)`, `no counterpart`, `dropped`, …
    public var verdict: String

    /// Creates a row.
    public init(_ legacy: String, _ new: String, _ verdict: String) {
        self.legacy = legacy
        self.new = new
        self.verdict = verdict
    }
}

/// A rule owns one or more legacy top-level keys and writes their MMEngine counterparts.
///
/// Each rule is one type in one file under `Sources/HookMigrate/Rules/<family>/` (Schedules, Hooks, Loops,
/// Settings), named after the key it owns, so a
/// reader finds the rule for `lr_config` by searching for `lr_config`. Rules are stateless: they read and
/// write only through the context.
public protocol MigrationRule: Sendable {
    /// A stable id, the (first) legacy key it owns: `lr_config`.
    static var id: String { get }
    /// The kinds of record it writes (`<Rule>+Records.swift`, beside the rule); a record's id is `id/name`.
    associatedtype Records: RecordCode
    /// The legacy top-level keys this rule consumes.
    static var legacyKeys: [String] { get }
    /// The new top-level keys it may write.
    static var newKeys: [String] { get }
    /// What it reads of the rules before it (`RuleInput`); empty by default. `RuleOrderTests` checks it.
    static var reads: [RuleInput] { get }
    /// One sentence for the docs.
    static var summary: String { get }
    /// The rows of the mapping table in docs/rules.md.
    static var mappingRows: [MappingRow] { get }
    /// Converts its keys.
    static func apply(to context: inout MigrationContext) throws
}

extension MigrationRule {
    /// A rule that reads nothing of the others' work.
    public static var reads: [RuleInput] { [] }
}
