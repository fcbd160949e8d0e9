import Foundation
@testable import HookMigrate
import HookMigrateCore
import HookMigrateTestSupport
import Testing

/// The compiled-in copy of migrations/ matches the folder; HOOKMIGRATE_RECORD=1 regenerates it.
@Suite struct EmbeddedMigrationsTests {
    @Test func embeddedCopyMatchesTheFolder() throws {
        let path = Golden.projectRoot + "/" + EmbeddedMigrations.customHooksPath
        let text = try String(contentsOfFile: path, encoding: .utf8)
        #expect(!text.contains("\"\"\"#"))
        let compat = try String(contentsOfFile: Golden.projectRoot + "/" + EmbeddedMigrations.compatModulePath, encoding: .utf8)
        #expect(!compat.contains("\"\"\"#"))
        let generated = """
        // GENERATED from migrations/ by the EmbeddedMigrationsTests (HOOKMIGRATE_RECORD=1 swift test). Do not edit.

        /// The bundled migration data, compiled in so the tool never depends on files beside the binary.
        enum EmbeddedMigrations {
            static let customHooksPath = "\(EmbeddedMigrations.customHooksPath)"
            static let customHooksYAML = #\"\"\"

        """ + text + "\n\"\"\"#\n" + """
            static let compatModulePath = "\(EmbeddedMigrations.compatModulePath)"
            static let compatModuleSource = #\"\"\"

        """ + compat + "\"\"\"#\n}\n"
        Golden.assertMatches(generated, golden: "Sources/HookMigrate/Generated/EmbeddedMigrations.swift")
    }

    @Test func bundledTableParses() throws {
        let table = try HookRuleTable.bundled()
        #expect(table.rule(for: "SyncBuffersHook")?.drop.map(\.argument) == ["distributed"])
        #expect(table.rule(for: "ClosureHook")?.manual != nil)
        #expect(table.rule(for: "ProfilerHook")?.rename.map(\.to) == ["profile_times"])
    }

    @Test func userTablesOverrideAndReportMistakes() throws {
        let user = try HookRuleTable.parse(SourceText(path: "mine.yaml", text: "hooks:\n  ClosureHook: {type: MyClosureHook}\n  MyHook:\n    rename: {a: b}\n"))
        let merged = try HookRuleTable.bundled().merging(user)
        #expect(merged.rule(for: "ClosureHook")?.newType == "MyClosureHook")
        #expect(merged.rule(for: "ClosureHook")?.manual == nil)
        #expect(merged.rule(for: "MyHook")?.rename.map(\.from) == ["a"])
        let bad = try? HookRuleTable.parse(SourceText(path: "bad.yaml", text: "hooks:\n  X:\n    renam: {a: b}\n"))
        #expect(bad == nil)
        do {
            _ = try HookRuleTable.parse(SourceText(path: "bad.yaml", text: "hooks:\n  X:\n    renam: {a: b}\n"))
        } catch let error as ConfigError {
            #expect(error.location == SourceLocation(file: "bad.yaml", line: 3, column: 5))
        }
    }
}
