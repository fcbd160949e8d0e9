import HookMigrateCore
import HookMigrateRuntime

/// A whole proof (`ProofResult`) for people and for tools: the verdict, the epoch lengths proven, every
/// stream's state, what was left out.
extension ValidationRenderer {
    /// The verdict paragraph, then the lengths, the streams, the lr factors and what was left out.
    public static func text(_ proof: ProofResult) -> String {
        var text: String
        switch proof.outcome {
        case .notEquivalent(let divergence, _):
            let length = proof.runs.first { if case .notEquivalent = $0.outcome { return true } else { return false } }?.length.itersPerEpoch
            text = "validation: NOT equivalent — the \(divergence.stream) differ" + (length.map { " (L=\($0) iterations per epoch)" } ?? "") + "\n"
                + TraceDiffRenderer.text(divergence.diff, leftName: "legacy run", rightName: "new run")
        default:
            text = self.text(proof.outcome)
        }
        text += "epoch lengths: " + lengthsText(proof) + "\n"
        if proof.ignoreLrScale {
            let factors = StreamStates.factorText(proof.lrFactors)
            text += "lr compared up to a constant factor per param group (--ignore-lr-scale): " + (factors.isEmpty ? "no factor found (the lrs were equal or zero)" : factors) + "\n"
        }
        text += "streams:\n"
        for state in proof.streams {
            text += "  " + state.stream.name.padding(toLength: 18, withPad: " ", startingAt: 0) + stateText(state) + "\n"
        }
        for item in proof.leftOut {
            text += "left out: \(item)\n"
        }
        return text
    }

    /// `equal under rules R2, R4`, `differs: …`, `not compared: …`.
    static func stateText(_ state: StreamState) -> String {
        var text = state.status.rawValue
        if state.status == .equalUnderRules { text += " " + state.rules.keys.sorted().map(\.rawValue).joined(separator: ", ") }
        if let detail = state.detail, !detail.isEmpty { text += ": " + detail }
        return text
    }

    /// `L=1 equivalent, L=7 equivalent, L=52 equivalent (reaches every boundary: …)`.
    static func lengthsText(_ proof: ProofResult) -> String {
        var parts: [String] = []
        for run in proof.runs {
            var part = "L=\(run.length.itersPerEpoch)"
            switch run.length.reason {
            case .given: part += " (given)"
            case .any: part += " (an iteration-based run that counts nothing in epochs: every L gives the same runs)"
            case .reach:
                if let furthest = furthestBoundary(proof.plan, length: run.length.itersPerEpoch) {
                    part += " (the shortest to pass every iteration boundary the configs name; the furthest: \(furthest.description)"
                        + (proof.plan.boundaries.count > 1 ? ", \(proof.plan.boundaries.count) in all" : "") + ")"
                }
            case .traced: part += " (the traces' own; a trace pair proves one epoch length, `verify` proves the planned set)"
            case .one, .prime: break
            }
            part += " " + shortVerdict(run.outcome)
            parts.append(part)
        }
        let skipped = proof.plan.lengths.count - proof.runs.count
        var text = parts.joined(separator: ", ")
        if skipped > 0, let reason = proof.unrunLengthsReason {
            text += "; the other \(skipped == 1 ? "length was" : "\(skipped) lengths were") not run (\(reason))"
        }
        if let exact = proof.exactOnlyAt {
            text += "; the conversion is exact only at the given L=\(exact) (it depends on the epoch length)"
        }
        if proof.plan.lengths.isEmpty { text = "none" }
        return text
    }

    /// The boundary that decided a reaching length.
    static func furthestBoundary(_ plan: ProofPlan, length: Int) -> ProofBoundary? {
        guard let epochs = plan.epochs else { return nil }
        return plan.boundaries.max { ($0.length(epochs: epochs) ?? Int.max) < ($1.length(epochs: epochs) ?? Int.max) }
    }

    /// `equivalent`, `NOT equivalent (schedule)`, `not proven`.
    static func shortVerdict(_ outcome: Validator.Outcome) -> String {
        switch outcome {
        case .equivalent: return "equivalent"
        case .notEquivalent(let divergence, _): return "NOT equivalent (\(divergence.stream))"
        case .notProven: return "not proven"
        }
    }

    /// The proof as a JSON mapping: `verdict`, `status`, `detail`, `lengths`, `streams`, `left_out`,
    /// `exact_only_at`, `lr_factors`.
    public static func json(_ proof: ProofResult) -> ConfigMapping {
        var mapping = ConfigMapping()
        mapping["verdict"] = ConfigNode(.string(verdict(proof.outcome)))
        mapping["status"] = ConfigNode(.string(proof.status.rawValue))
        mapping["detail"] = ConfigNode(.string(text(proof)))
        mapping["lengths"] = ConfigNode(ConfigList(proof.runs.map { run in
            ConfigNode(ConfigMapping([
                "iters_per_epoch": ConfigNode(.int(run.length.itersPerEpoch)),
                "reason": ConfigNode(.string(run.length.reason.rawValue)),
                "verdict": ConfigNode(.string(verdict(run.outcome))),
            ]))
        }))
        mapping["boundaries"] = ConfigNode(ConfigList(proof.plan.boundaries.map { boundary in
            ConfigNode(ConfigMapping([
                "source": ConfigNode(.string(boundary.source)),
                "iteration": ConfigNode(.int(boundary.iteration)),
                "scope": ConfigNode(.string(boundary.scope.rawValue)),
            ]))
        }))
        mapping["streams"] = ConfigNode(ConfigList(proof.streams.map { state in
            var entry = ConfigMapping()
            entry["stream"] = ConfigNode(.string(state.stream.name))
            entry["state"] = ConfigNode(.string(state.status.rawValue))
            entry["rules"] = ConfigNode(ConfigList(state.rules.keys.sorted().map { ConfigNode(.string($0.rawValue)) }))
            entry["detail"] = ConfigNode(state.detail.map { .string($0) } ?? .null)
            return ConfigNode(entry)
        }))
        mapping["left_out"] = ConfigNode(ConfigList(proof.leftOut.map { ConfigNode(.string($0)) }))
        mapping["exact_only_at"] = ConfigNode(proof.exactOnlyAt.map { .int($0) } ?? .null)
        if proof.ignoreLrScale {
            mapping["lr_factors"] = ConfigNode(ConfigList(proof.lrFactors.map { ConfigNode($0.map { .float($0) } ?? .null) }))
        }
        return mapping
    }
}
