import Foundation
import HookMigrate
import HookMigrateTestSupport
import Testing

/// docs/deviations.md holds the numbers and names the reports cite (F1…, N1…, X1…, H1, E1, R1…). Its grid is
/// rendered from the real libraries' measurements (fixtures/oracle-readings/c9-grid.json,
/// `tools/oracle/readings/deviation_grid.py`), and every id a rule writes must be defined there or in
/// docs/equivalence.md: a report cites only what ships.
@Suite struct DeviationsPageTests {
    static func text(_ relativePath: String) throws -> String {
        try String(contentsOfFile: Golden.projectRoot + "/" + relativePath, encoding: .utf8)
    }

    /// The ids a table row defines: `| N1 | …` in deviations.md, `| R5 | …` in equivalence.md.
    static func definedIds() throws -> Set<String> {
        var ids: Set<String> = []
        for page in ["docs/deviations.md", "docs/equivalence.md"] {
            for line in try text(page).split(separator: "\n") where line.hasPrefix("| ") {
                let first = line.dropFirst(2).prefix(while: { $0 != " " })
                if first.range(of: #"^[A-Z][0-9]{1,2}$"#, options: .regularExpression) != nil { ids.insert(String(first)) }
            }
        }
        return ids
    }

    @Test func everyIdTheRulesCiteIsDefined() throws {
        let defined = try Self.definedIds()
        #expect(defined.isSuperset(of: ["F1", "N1", "N12", "H1", "X1", "X5", "E1", "R1", "R5", "R13"]))
        // Every id in a report's wording comes from a rule's string literal; the mapping table (docs/rules.md)
        // holds each rule's forms, and the goldens hold the records the fixtures produce.
        var cited: Set<String> = []
        let pattern = try NSRegularExpression(pattern: #"(?<![A-Za-z0-9_.])(?:deviations\.md )?([FNXHER])([0-9]{1,2})(?![0-9A-Za-z_])"#)
        var sources = [try Self.text("docs/rules.md")]
        for folder in ["fixtures/convert"] {
            for name in Golden.cases(in: folder) {
                if let report = try? Self.text("\(folder)/\(name)/report.txt") { sources.append(report) }
            }
        }
        for source in sources {
            let range = NSRange(source.startIndex..., in: source)
            for match in pattern.matches(in: source, range: range) {
                guard let letter = Range(match.range(at: 1), in: source), let number = Range(match.range(at: 2), in: source) else { continue }
                cited.insert(String(source[letter]) + String(source[number]))
            }
        }
        // Names that are not citations: E1…E3 are also epoch counts in some wording ("E12"), so only ids the
        // page's kinds use are checked, and a few plain words are skipped.
        let undefined = cited.subtracting(defined).filter { id in
            !["E2", "E3", "E4", "E5", "E6", "E7", "E8", "E9", "E10", "E11", "E12", "R0", "N0", "F0"].contains(id)
        }
        #expect(undefined.isEmpty, "ids cited in reports or docs/rules.md but defined in neither docs/deviations.md nor docs/equivalence.md: \(undefined.sorted())")
    }

    @Test func reportsCiteNoUnshippedReference() throws {
        var sources = [("docs/rules.md", try Self.text("docs/rules.md"))]
        for name in Golden.cases(in: "fixtures/convert") {
            if let report = try? Self.text("fixtures/convert/\(name)/report.txt") { sources.append((name, report)) }
        }
        for (name, source) in sources {
            #expect(!source.contains("schedules.md"), "\(name) cites schedules.md")
            #expect(!source.contains("runners-and-hooks"), "\(name) cites runners-and-hooks")
            #expect(source.range(of: #"\bE\.6"#, options: .regularExpression) == nil, "\(name) cites E.6")
        }
    }

    /// `c9.fmt`: ≈0 below 1e-13, otherwise one decimal in e-notation.
    static func format(_ cell: Any?) -> String {
        switch cell {
        case let values as [Any]:
            guard values.count > 1, let relative = values[1] as? Double else { return "error" }
            return relative < 1e-13 ? "≈0" : String(format: "%.1e", relative)
        case is String: return "error"
        default: return "—"
        }
    }

    @Test func gridMatchesTheMeasurements() throws {
        let data = try Data(contentsOf: URL(fileURLWithPath: Golden.projectRoot + "/fixtures/oracle-readings/c9-grid.json"))
        let entries = try #require(try JSONSerialization.jsonObject(with: data) as? [[String: Any]])
        let page = try Self.text("docs/deviations.md")
        let grid = try #require(page.components(separatedBy: "<!-- grid:begin -->").last?.components(separatedBy: "<!-- grid:end -->").first)
        var rows: [String: [String]] = [:]
        for line in grid.split(separator: "\n") where line.hasPrefix("| ") && !line.hasPrefix("| row ") {
            let cells = line.split(separator: "|").map { $0.trimmingCharacters(in: .whitespaces) }
            guard cells.count == 8 else { continue }
            rows["\(cells[0]) \(cells[1])"] = Array(cells[2...])
        }
        let warmups = ["none", "constant", "linear", "exp", "linear-by-epoch", "linear-short"]
        #expect(rows.count == 38)
        var checked = 0
        for entry in entries {
            let row = try #require(entry["row"] as? String)
            let byEpoch = try #require(entry["by_epoch"] as? Bool)
            let warmup = try #require(entry["warmup"] as? String)
            let column = try #require(warmups.firstIndex(of: warmup))
            let cells = try #require(rows["\(row) \(byEpoch ? "yes" : "no")"], "row \(row) missing from the page")
            let expected = "\(Self.format(entry["rec"])) / \(Self.format(entry["off"]))"
            #expect(cells[column] == expected, "\(row) \(byEpoch) \(warmup): the page says \(cells[column]), the measurement \(expected)")
            checked += 1
        }
        #expect(checked == 38 * 6)
    }
}
