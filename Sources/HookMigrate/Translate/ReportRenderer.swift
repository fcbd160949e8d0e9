import HookMigrateCore

/// Renders a report as text for people or as JSON for tools. Deterministic: records keep their order.
public enum ReportRenderer {
    /// The text report: a summary line, then one section per kind with `file:line:column: kind: message [rule]`.
    public static func text(_ report: MigrationReport) -> String {
        if case .alreadyMMEngine(let keys) = report.status {
            let shown = keys.prefix(6).map { "`\($0)`" }.joined(separator: ", ") + (keys.count > 6 ? " and \(keys.count - 6) more" : "")
            var lines = ["hookmigrate report for \(report.source): already MMEngine-style: nothing to convert (it has MMEngine keys, "
                + shown + ", and no MMCV 1.x key)"]
            lines += recordLines(report)
            return lines.joined(separator: "\n") + "\n"
        }
        var lines: [String] = []
        let counts = MigrationRecord.Kind.allCases.map { kind -> String in
            let count = report.records(kind).count
            return "\(count) \(label(kind, plural: count != 1))"
        }
        lines.append("hookmigrate report for \(report.source): " + counts.joined(separator: ", "))
        lines += recordLines(report)
        return lines.joined(separator: "\n") + "\n"
    }

    /// One section per kind that has records: a blank line, `Changes:`, then one line per record.
    static func recordLines(_ report: MigrationReport) -> [String] {
        var lines: [String] = []
        for kind in MigrationRecord.Kind.allCases {
            let records = report.records(kind)
            guard !records.isEmpty else { continue }
            lines.append("")
            lines.append(label(kind, plural: true).capitalizedFirst + ":")
            for record in records {
                var line = "  "
                if let location = record.location { line += "\(location): " }
                line += record.legacyPath
                if let newPath = record.newPath { line += " -> \(newPath)" }
                line += ": \(record.message)"
                if let deviation = record.deviation { line += " (deviation: \(deviation))" }
                line += " [\(record.id)]"
                lines.append(line)
            }
        }
        return lines
    }

    static func label(_ kind: MigrationRecord.Kind, plural: Bool) -> String {
        switch kind {
        case .change: return plural ? "changes" : "change"
        case .warning: return plural ? "warnings" : "warning"
        case .manualStep: return plural ? "manual steps" : "manual step"
        case .nonEquivalence: return plural ? "non-equivalences" : "non-equivalence"
        }
    }

    /// The JSON report: `{"source": …, "status": "converted" or "already-mmengine", "records": [{"kind", "rule", "id", "legacy", "new", "message", "file", "line", "column", "deviation"}]}`.
    /// `proof`, when given, adds the proof's fields (`ValidationRenderer.json`) to `validation`.
    public static func json(_ report: MigrationReport, validation: (verdict: String, detail: String)? = nil, proof: ConfigMapping? = nil) throws -> String {
        var records: [ConfigNode] = []
        for record in report.records {
            var mapping = ConfigMapping()
            mapping["kind"] = ConfigNode(.string(record.kind.rawValue))
            mapping["rule"] = ConfigNode(.string(record.rule))
            mapping["id"] = ConfigNode(.string(record.id.description))
            mapping["legacy"] = ConfigNode(.string(record.legacyPath))
            mapping["new"] = ConfigNode(record.newPath.map { .string($0) } ?? .null)
            mapping["message"] = ConfigNode(.string(record.message))
            mapping["file"] = ConfigNode(record.location.map { .string($0.file) } ?? .null)
            mapping["line"] = ConfigNode(record.location.map { .int($0.line) } ?? .null)
            mapping["column"] = ConfigNode(record.location.map { .int($0.column) } ?? .null)
            mapping["deviation"] = ConfigNode(record.deviation.map { .string($0) } ?? .null)
            records.append(ConfigNode(mapping))
        }
        var root = ConfigMapping()
        root["source"] = ConfigNode(.string(report.source))
        root["status"] = ConfigNode(.string(report.status.name))
        root["records"] = ConfigNode(ConfigList(records))
        if let validation {
            var mapping = ConfigMapping(["verdict": ConfigNode(.string(validation.verdict)), "detail": ConfigNode(.string(validation.detail))])
            for entry in proof?.entries ?? [] where !mapping.contains(entry.key.stringValue ?? "") { mapping.set(entry) }
            root["validation"] = ConfigNode(mapping)
        }
        return try JSONWriter().write(ConfigNode(root))
    }
}

extension String {
    var capitalizedFirst: String { prefix(1).uppercased() + dropFirst() }
}
