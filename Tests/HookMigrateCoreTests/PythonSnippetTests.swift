import Foundation
import HookMigrateTestSupport
import Testing
@testable import HookMigrateCore

/// The snippets of fixtures/python-snippets/cases.txt against what the real MMCV 1.7.2 gave for each
/// (expected.tsv, written by tools/oracle/py_snippets.py): a snippet MMCV loads must read to the same
/// typed value or be refused on purpose (the fourth column names the error id); a snippet MMCV fails on
/// must be refused. `HOOKMIGRATE_RECORD=1` rewrites only the fourth column (hookmigrate's outcome).
@Suite struct PythonSnippetTests {
    static let directory = Golden.projectRoot + "/fixtures/python-snippets"

    @Test func snippetsAgreeWithMMCV() throws {
        let casesText = try String(contentsOfFile: Self.directory + "/cases.txt", encoding: .utf8)
        let expectedText = try String(contentsOfFile: Self.directory + "/expected.tsv", encoding: .utf8)
        var mmcv: [String: (outcome: String, detail: String)] = [:]
        for line in expectedText.split(separator: "\n") where !line.hasPrefix("#") {
            let fields = line.split(separator: "\t", omittingEmptySubsequences: false).map(String.init)
            if fields.count == 4 { mmcv[fields[0]] = (fields[1], fields[2]) }
        }
        let temp = TempDir()
        var recorded = "# name\tMMCV 1.7.2 outcome\tits typed repr or exception\thookmigrate's expected outcome\n"
        for (name, source) in PythonTestSupport.cases(casesText) {
            guard let reference = mmcv[name] else {
                Issue.record("\(name): not in expected.tsv; run tools/oracle/py_snippets.py")
                continue
            }
            let path = temp.write(name + ".py", source)
            var ours: String
            do {
                let loaded = try ConfigLoader().load(path)
                let repr = PythonTestSupport.typedRepr(loaded.node)
                ours = "same"
                switch reference.outcome {
                case "ok":
                    #expect(repr == reference.detail, "\(name): hookmigrate reads\n\(repr)\nMMCV gives\n\(reference.detail)")
                    if repr != reference.detail { ours = "DIFFERENT" }
                default:
                    Issue.record("\(name): MMCV \(reference.outcome) (\(reference.detail)) but hookmigrate reads \(repr)")
                    ours = "ACCEPTED"
                }
            } catch let error as ConfigError {
                ours = "refused \(error.code.rawValue)"
                #expect(error.location?.file == path || error.location == nil, "\(name): \(error)")
            }
            recorded += "\(name)\t\(reference.outcome)\t\(reference.detail)\t\(ours)\n"
        }
        Golden.assertMatches(recorded, golden: "fixtures/python-snippets/expected.tsv")
    }
}
