/// Prints a trace comparison: the first divergence with context on both sides, then a summary by kind.
public enum TraceDiffRenderer {
    /// The text of a comparison.
    public static func text(_ diff: TraceDiff, leftName: String, rightName: String) -> String {
        var lines: [String] = []
        if let divergence = diff.divergence {
            lines.append("traces differ at event \(divergence.index + 1): \(divergence.reason)")
            for event in divergence.before { lines.append("    " + TraceCodec.line(event)) }
            lines.append("--- \(leftName)")
            for (offset, event) in divergence.left.enumerated() { lines.append((offset == 0 ? "  - " : "    ") + TraceCodec.line(event)) }
            lines.append("+++ \(rightName)")
            for (offset, event) in divergence.right.enumerated() { lines.append((offset == 0 ? "  + " : "    ") + TraceCodec.line(event)) }
        } else {
            lines.append("traces are equal")
        }
        lines.append("")
        lines.append("events by kind (\(leftName) / \(rightName)):")
        for kind in TraceEventKind.allCases {
            let left = diff.countsLeft[kind] ?? 0
            let right = diff.countsRight[kind] ?? 0
            guard left + right > 0 else { continue }
            lines.append("  \(kind.name): \(left) / \(right)\(left == right ? "" : "  <- differs")")
        }
        return lines.joined(separator: "\n") + "\n"
    }
}
