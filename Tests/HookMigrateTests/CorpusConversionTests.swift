import Foundation
import HookMigrate
import HookMigrateCore
import HookMigrateTestSupport
import Testing

/// Every legacy config of the development corpus converts, and no legacy key survives.
@Suite struct CorpusConversionTests {
    static var corpusRoot: String {
        if let override = ProcessInfo.processInfo.environment["HOOKMIGRATE_CORPUS"], !override.isEmpty { return override }
        return (Golden.projectRoot as NSString).deletingLastPathComponent + "/shared/corpus"
    }

    static func legacyJSON() -> [String] {
        let base = corpusRoot + "/legacy"
        guard let walker = FileManager.default.enumerator(atPath: base) else { return [] }
        var found: [String] = []
        while let relative = walker.nextObject() as? String {
            if relative.hasSuffix(".json") { found.append(base + "/" + relative) }
        }
        return found.sorted()
    }

    @Test func everyLegacyConfigConvertsAndLeavesNoLegacyKey() throws {
        let files = Self.legacyJSON()
        #expect(files.count == 1395)
        var converted = 0
        var clean = 0
        var recordCounts: [MigrationRecord.Kind: Int] = [:]
        for path in files {
            do {
                let result = try Translator().translate(try ConfigLoader().load(path))
                converted += 1
                let left = LegacyKeys.all.filter { result.config.mapping?.contains($0) == true }
                if left.isEmpty { clean += 1 } else { Issue.record("\(path) keeps \(left)") }
                for record in result.report.records { recordCounts[record.kind, default: 0] += 1 }
                // Determinism: a second conversion gives the same bytes.
                if converted % 97 == 0 {
                    let again = try Translator().translate(try ConfigLoader().load(path))
                    #expect(try YAMLWriter().write(again.config) == (try YAMLWriter().write(result.config)))
                }
            } catch {
                Issue.record("\(path): \(error)")
            }
        }
        #expect(converted == 1395)
        #expect(clean == 1395)
    }
}
