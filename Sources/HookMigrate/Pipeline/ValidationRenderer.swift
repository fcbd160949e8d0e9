import HookMigrateRuntime

/// Prints a validation outcome for people.
public enum ValidationRenderer {
    /// The verdict's id: `equivalent`, `not-equivalent` or `not-proven`.
    public static func verdict(_ outcome: Validator.Outcome) -> String {
        switch outcome {
        case .equivalent: return "equivalent"
        case .notEquivalent: return "not-equivalent"
        case .notProven: return "not-proven"
        }
    }

    /// One paragraph: the verdict, the rules used, or the first divergence.
    public static func text(_ outcome: Validator.Outcome) -> String {
        switch outcome {
        case .equivalent(let rules):
            guard !rules.isEmpty else { return "validation: equivalent\n" }
            let used = rules.keys.sorted().map { "\($0.rawValue) (\(rules[$0] ?? 0)x: \($0.summary))" }
            return "validation: equivalent under rules " + used.joined(separator: ", ") + "\n"
        case .notEquivalent(let divergence, _):
            return "validation: NOT equivalent — the \(divergence.stream) differ\n"
                + TraceDiffRenderer.text(divergence.diff, leftName: "legacy run", rightName: "new run")
        case .notProven(let reason):
            return "validation: not proven — \(reason)\n"
        }
    }
}
