import Foundation
import HookMigrateCore
import HookMigrateRuntime

/// Renders a tree migration: the summary table for people, every per-config report as text, or one
/// versioned JSON document for tools.
public enum TreeReportRenderer {
    /// The JSON document's format name and version. The version changes only when a field changes meaning
    /// or disappears; new fields may be added.
    public static let jsonFormat = "hookmigrate-tree-report"
    public static let jsonVersion = 1

    /// The summary table.
    public static func summary(_ summary: TreeSummary, _ result: TreeMigrationResult) -> String {
        var lines: [String] = []
        func row(_ label: String, _ value: Int, _ note: String = "") {
            lines.append(label.padding(toLength: 34, withPad: " ", startingAt: 0) + String(value).leftPadded(6) + (note.isEmpty ? "" : "  " + note))
        }
        func groups(_ groups: [TreeSummary.Group], indent: String = "  ") {
            for group in groups {
                let examples = group.examples.joined(separator: ", ") + (group.count > group.examples.count ? ", …" : "")
                lines.append(indent + String(group.count).leftPadded(5) + "  " + group.key + "   e.g. " + examples)
            }
        }
        lines.append("hookmigrate: \(result.inputRoot) -> \(result.outputRoot)")
        row("files read", summary.filesRead)
        row("configs converted", summary.configsConverted)
        row("bases converted", summary.basesConverted)
        row("written keeping _base_", summary.inheriting,
            summary.medianSizeRatio.map { String(format: "median config %.2fx its legacy size", $0) } ?? "")
        row("written flat", summary.flattened.reduce(0) { $0 + $1.count }, "files that had _base_ (files that never had one are not counted)")
        groups(summary.flattened)
        row("checked after MMEngine resolution", summary.checked, "of \(summary.written) written files equal their flat conversion")
        row("refused", summary.refused.reduce(0) { $0 + $1.count })
        groups(summary.refused)
        row("proven equivalent", summary.equivalent)
        row("equivalent under rules", summary.equivalentUnderRules)
        row("not equivalent", summary.notEquivalent.reduce(0) { $0 + $1.count })
        groups(summary.notEquivalent)
        row("not proven", summary.notProven.reduce(0) { $0 + $1.count })
        groups(summary.notProven)
        row("leaving out a schedule or hook", summary.leftOut.reduce(0) { $0 + $1.count })
        groups(summary.leftOut)
        row("epoch lengths proven", summary.lengths.reduce(0) { $0 + $1.count },
            summary.reachRange.map { "the longer L from \($0.lowerBound) to \($0.upperBound) iterations per epoch" } ?? "")
        groups(summary.lengths)
        if summary.exactOnlyAtGiven > 0 { row("exact only at the given L", summary.exactOnlyAtGiven) }
        let kinds: [(MigrationRecord.Kind, String)] = [(.manualStep, "manual steps"), (.nonEquivalence, "non-equivalences"), (.warning, "warnings")]
        for (kind, label) in kinds {
            let matching = summary.records.filter { $0.key.hasPrefix(kind.rawValue + " ") }
            guard !matching.isEmpty else { continue }
            lines.append("")
            lines.append("\(label) (\(matching.reduce(0) { $0 + $1.count }) in \(matching.count) kinds), grouped:")
            for group in matching {
                let examples = group.examples.joined(separator: ", ") + (group.count > group.examples.count ? ", …" : "")
                lines.append("  " + String(group.count).leftPadded(5) + "  " + String(group.key.dropFirst(kind.rawValue.count + 1)) + "   e.g. " + examples)
                if let message = group.message { lines.append("         " + message) }
            }
        }
        return lines.joined(separator: "\n") + "\n"
    }

    /// Every file's report (configs with their verdicts), in path order.
    public static func reports(_ result: TreeMigrationResult) -> String {
        var text = ""
        for file in result.files {
            text += "== \(file.path) -> \(file.outputPath) (\(file.role.rawValue), \(formText(file.form)))\n"
            if let error = file.error { text += error.description + "\n" }
            if let report = file.report { text += ReportRenderer.text(report) }
            if let proof = file.proof { text += "\n" + ValidationRenderer.text(proof) }
            text += "\n"
        }
        return text
    }

    static func formText(_ form: TreeFileResult.Form) -> String {
        switch form {
        case .inherits(let bases): return "inherits " + bases.joined(separator: ", ")
        case .flat(let reason?): return "flat: " + reason
        case .flat(nil): return "no _base_"
        case .refused: return "refused"
        }
    }

    /// One JSON document for the whole run.
    public static func json(_ summary: TreeSummary, _ result: TreeMigrationResult) throws -> String {
        func groupNodes(_ groups: [TreeSummary.Group]) -> ConfigNode {
            ConfigNode(ConfigList(groups.map { group in
                var mapping = ConfigMapping()
                mapping["key"] = ConfigNode(.string(group.key))
                mapping["count"] = ConfigNode(.int(group.count))
                mapping["examples"] = ConfigNode(ConfigList(group.examples.map { ConfigNode(.string($0)) }))
                if let message = group.message { mapping["message"] = ConfigNode(.string(message)) }
                return ConfigNode(mapping)
            }))
        }
        var totals = ConfigMapping()
        totals["files_read"] = ConfigNode(.int(summary.filesRead))
        totals["configs_converted"] = ConfigNode(.int(summary.configsConverted))
        totals["bases_converted"] = ConfigNode(.int(summary.basesConverted))
        totals["written"] = ConfigNode(.int(summary.written))
        totals["inheriting"] = ConfigNode(.int(summary.inheriting))
        totals["checked"] = ConfigNode(.int(summary.checked))
        totals["equivalent"] = ConfigNode(.int(summary.equivalent))
        totals["equivalent_under_rules"] = ConfigNode(.int(summary.equivalentUnderRules))
        totals["median_size_ratio"] = ConfigNode(summary.medianSizeRatio.map { .float($0) } ?? .null)
        totals["flattened"] = groupNodes(summary.flattened)
        totals["refused"] = groupNodes(summary.refused)
        totals["not_equivalent"] = groupNodes(summary.notEquivalent)
        totals["not_proven"] = groupNodes(summary.notProven)
        totals["records"] = groupNodes(summary.records)
        totals["left_out"] = groupNodes(summary.leftOut)
        totals["lengths"] = groupNodes(summary.lengths)
        totals["exact_only_at_given"] = ConfigNode(.int(summary.exactOnlyAtGiven))

        var files: [ConfigNode] = []
        for file in result.files {
            var mapping = ConfigMapping()
            mapping["path"] = ConfigNode(.string(file.path))
            mapping["output"] = ConfigNode(.string(file.outputPath))
            mapping["role"] = ConfigNode(.string(file.role.rawValue))
            switch file.form {
            case .inherits(let bases):
                mapping["form"] = ConfigNode(.string("inherits"))
                mapping["bases"] = ConfigNode(ConfigList(bases.map { ConfigNode(.string($0)) }))
            case .flat(let reason):
                mapping["form"] = ConfigNode(.string("flat"))
                mapping["reason"] = ConfigNode(reason.map { .string($0) } ?? .null)
            case .refused:
                mapping["form"] = ConfigNode(.string("refused"))
            }
            if let error = file.error {
                mapping["error"] = ConfigNode(ConfigMapping(["id": ConfigNode(.string(error.code.rawValue)),
                                                             "message": ConfigNode(.string(error.description))]))
            }
            if let proof = file.proof {
                mapping["verdict"] = ConfigNode(.string(ValidationRenderer.verdict(proof.outcome)))
                mapping["validation"] = ConfigNode(.string(ValidationRenderer.text(proof)))
                mapping["proof"] = ConfigNode(ValidationRenderer.json(proof))
            }
            if let report = file.report, let parsed = try? JSONReader().read(SourceText(path: "report.json", text: ReportRenderer.json(report))) {
                mapping["report"] = parsed
            }
            files.append(ConfigNode(mapping))
        }
        var root = ConfigMapping()
        root["format"] = ConfigNode(.string(jsonFormat))
        root["version"] = ConfigNode(.int(jsonVersion))
        root["hookmigrate"] = ConfigNode(.string(HookMigrateVersion.string))
        root["input"] = ConfigNode(.string(result.inputRoot))
        root["output"] = ConfigNode(.string(result.outputRoot))
        root["summary"] = ConfigNode(totals)
        root["files"] = ConfigNode(ConfigList(files))
        return try JSONWriter().write(ConfigNode(root))
    }
}

extension String {
    func leftPadded(_ width: Int) -> String {
        count >= width ? self : String(repeating: " ", count: width - count) + self
    }
}
