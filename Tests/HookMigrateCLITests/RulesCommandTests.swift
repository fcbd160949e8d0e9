import Foundation
import HookMigrateTestSupport
import Testing

/// `hookmigrate rules`: the generated pages come out of the command as they are in docs/.
@Suite struct RulesCommandTests {
    @Test(arguments: [("--markdown", "docs/rules.md"), ("--records", "docs/records.md")])
    func printsTheGeneratedPage(_ flag: String, _ page: String) throws {
        let result = try CLIRunner.run(["rules", flag])
        #expect(result.status == 0)
        let expected = try String(contentsOfFile: CLIRunner.projectRoot + "/" + page, encoding: .utf8)
        #expect(result.stdout == expected)
    }
}
