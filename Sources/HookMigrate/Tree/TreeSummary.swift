import HookMigrateCore
import HookMigrateRuntime

/// The tally of a tree migration: what a model zoo's maintainer reads instead of one report per config.
public struct TreeSummary: Sendable {
    /// A count with up to three example files.
    public struct Group: Sendable, Equatable {
        /// What is counted: a verdict, a reason, an error id, a record kind and id.
        public var key: String
        /// How many.
        public var count: Int
        /// The first files, in path order.
        public var examples: [String]
        /// One example message, for records.
        public var message: String?
    }

    /// Config files found.
    public var filesRead = 0
    /// Complete configs converted.
    public var configsConverted = 0
    /// `_base_` files converted.
    public var basesConverted = 0
    /// Written files that keep `_base_`.
    public var inheriting = 0
    /// Written files that did not keep their legacy `_base_`, by reason.
    public var flattened: [Group] = []
    /// Files refused, by error id.
    public var refused: [Group] = []
    /// Written files checked equal to their conversion after MMEngine-style resolution.
    public var checked = 0
    /// Written files.
    public var written = 0
    /// Proven equivalent with no rule needed.
    public var equivalent = 0
    /// Proven equivalent under named rules.
    public var equivalentUnderRules = 0
    /// Not equivalent, by the stream that diverged first and whether the report named a non-equivalence.
    public var notEquivalent: [Group] = []
    /// Not proven, by reason.
    public var notProven: [Group] = []
    /// Proven configs by the epoch lengths their proofs ran (`ProofPlan`).
    public var lengths: [Group] = []
    /// The shortest and longest length chosen to pass every boundary, when any was.
    public var reachRange: ClosedRange<Int>?
    /// Configs whose conversion is exact only at the given epoch length.
    public var exactOnlyAtGiven = 0
    /// Configs whose new config leaves out a legacy schedule or hook, by what.
    public var leftOut: [Group] = []
    /// Manual steps, warnings and non-equivalences, by kind, record id (`rule/name`) and legacy path.
    public var records: [Group] = []
    /// The median over inheriting complete configs of written size / legacy size.
    public var medianSizeRatio: Double?

    /// Tallies a result.
    public init(_ result: TreeMigrationResult) {
        var flattened = Tally()
        var refused = Tally()
        var notEquivalent = Tally()
        var notProven = Tally()
        var records = Tally()
        var lengths = Tally()
        var leftOut = Tally()
        var ratios: [Double] = []
        filesRead = result.files.count
        checked = result.checkedFiles
        for file in result.files {
            if let error = file.error {
                refused.add(error.code.rawValue, file.path, message: error.message)
                continue
            }
            written += file.text == nil ? 0 : 1
            switch file.role {
            case .config: configsConverted += 1
            case .base: basesConverted += 1
            }
            switch file.form {
            case .inherits:
                inheriting += 1
                if file.role == .config, file.legacyBytes > 0, let text = file.text {
                    ratios.append(Double(text.utf8.count) / Double(file.legacyBytes))
                }
            case .flat(let reason?): flattened.add(reason, file.path)
            case .flat(nil), .refused: break
            }
            switch file.outcome {
            case .equivalent(let rules)?:
                if rules.isEmpty { equivalent += 1 } else { equivalentUnderRules += 1 }
            case .notEquivalent(let divergence, _)?:
                let named = file.report?.records.contains { $0.kind == .nonEquivalence } ?? false
                notEquivalent.add("\(divergence.stream)" + (named ? " (the report names a non-equivalence)" : " (the report names none)"), file.path)
            case .notProven(let reason)?:
                notProven.add(Self.reasonKey(reason), file.path, message: reason)
            case nil: break
            }
            if let proof = file.proof {
                if !proof.runs.isEmpty { lengths.add(Self.lengthsKey(proof), file.path) }
                for run in proof.runs where run.length.reason == .reach {
                    let value = run.length.itersPerEpoch
                    reachRange = reachRange.map { Swift.min($0.lowerBound, value)...Swift.max($0.upperBound, value) } ?? value...value
                }
                if proof.exactOnlyAt != nil { exactOnlyAtGiven += 1 }
                for item in proof.leftOut { leftOut.add(Self.reasonKey(item), file.path, message: item) }
            }
            guard file.role == .config else { continue }
            for record in file.report?.records ?? [] where record.kind != .change {
                // A record about several keys lists them in file order, which differs between dumps of one
                // config (YAML sorts keys, JSON does not): the group is the set of keys.
                let keys = record.legacyPath.components(separatedBy: ", ").sorted().joined(separator: ", ")
                records.add("\(record.kind.rawValue) [\(record.id)] \(keys)", file.path, message: record.message)
            }
        }
        self.flattened = flattened.groups
        self.refused = refused.groups
        self.notEquivalent = notEquivalent.groups
        self.notProven = notProven.groups
        self.records = records.groups
        self.lengths = lengths.groups
        self.leftOut = leftOut.groups
        ratios.sort()
        medianSizeRatio = ratios.isEmpty ? nil : ratios[ratios.count / 2]
    }

    /// What a proof's lengths were, without their values: `L=1, L=7, a longer L passing every boundary`.
    static func lengthsKey(_ proof: ProofResult) -> String {
        proof.runs.map { run in
            switch run.length.reason {
            case .given: return "the given L=\(run.length.itersPerEpoch)"
            case .one, .prime, .traced: return "L=\(run.length.itersPerEpoch)"
            case .reach: return "a longer L passing every boundary"
            case .any: return "L=\(run.length.itersPerEpoch) alone (iteration-based, nothing counted in epochs)"
            }
        }.joined(separator: ", ") + Self.stopKey(proof.unrunLengths)
    }

    /// Why a proof's last lengths were not run, without the length's value.
    static func stopKey(_ unrun: ProofResult.UnrunLengths?) -> String {
        switch unrun {
        case .decided?: return " (then stopped: not equivalent, which no other L changes)"
        case .sameReason?: return " (then stopped: not proven for a reason no L changes)"
        case nil: return ""
        }
    }

    /// The part of a "not proven" reason that names its cause (before the first colon or semicolon), so that
    /// reasons differing only in numbers or paths group together.
    public static func reasonKey(_ reason: String) -> String {
        let cut = reason.firstIndex { $0 == ":" || $0 == ";" || $0 == "(" } ?? reason.endIndex
        return String(reason[..<cut]).trimmingCharacters(in: .whitespaces)
    }

    /// Counts keyed by text, kept in first-seen order and then sorted by count.
    struct Tally {
        var order: [String] = []
        var entries: [String: Group] = [:]

        mutating func add(_ key: String, _ file: String, message: String? = nil) {
            if entries[key] == nil {
                order.append(key)
                entries[key] = Group(key: key, count: 0, examples: [], message: message)
            }
            entries[key]?.count += 1
            if let count = entries[key]?.examples.count, count < 3 { entries[key]?.examples.append(file) }
        }

        var groups: [Group] {
            let all = order.compactMap { entries[$0] }
            return all.enumerated().sorted { ($1.element.count, $0.offset) < ($0.element.count, $1.offset) }.map(\.element)
        }
    }
}
