import Foundation
import HookMigrate
import HookMigrateCore
import HookMigrateTestSupport
import Testing

/// Every legacy config of the development corpus converts, no legacy key survives, the default_scope is the
/// one of the package the config belongs to, and converting the output again changes nothing. Every official
/// MMEngine-era config of the corpus is recognised as such (or refused, naming the MMCV 1.x keys it keeps).
@Suite(.enabled(if: Corpus.enabled, Corpus.skipNote)) struct CorpusConversionTests {
    /// The corpus's legacy folders and the scopes of their MMEngine-era successors.
    static let successorScopes = ["mmaction2": "mmaction", "mmcls": "mmpretrain", "mmdet": "mmdet", "mmdet3d": "mmdet3d",
                                  "mmedit": "mmagic", "mmflow": "mmflow", "mmgen": "mmagic", "mmocr": "mmocr", "mmpose": "mmpose",
                                  "mmrotate": "mmrotate", "mmsegmentation": "mmseg", "mmtrack": "mmtrack"]

    static var corpusRoot: String { Corpus.root }

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
        var rightScopes = 0
        // Every record carries a declared id, with one of the kinds declared for it (RecordIDTests checks the
        // fixtures the same way).
        let declaredKinds = Dictionary(uniqueKeysWithValues: RecordDocumentation.all.map { ($0.id, $0.kinds) })
        for path in files {
            do {
                let result = try Translator().translate(try ConfigLoader().load(path))
                converted += 1
                let left = LegacyKeys.all.filter { result.config.mapping?.contains($0) == true }
                if left.isEmpty { clean += 1 } else { Issue.record("\(path) keeps \(left)") }
                let package = path.dropFirst(Self.corpusRoot.count + "/legacy/".count).split(separator: "/").first.map(String.init) ?? ""
                let scope = result.config.mapping?["default_scope"]?.scalar?.stringValue
                if scope != nil, scope == Self.successorScopes[package] { rightScopes += 1 } else { Issue.record("\(path): default_scope \(scope ?? "not written")") }
                let again = try Translator().translate(result.config.mapping ?? ConfigMapping(), at: SourceLocation(file: "out.yaml", line: 1, column: 1))
                if !again.isAlreadyMMEngine || again.config != result.config { Issue.record("\(path): its conversion is not recognised as MMEngine-style") }
                for record in result.report.records {
                    recordCounts[record.kind, default: 0] += 1
                    if declaredKinds[record.id]?.contains(record.kind) != true {
                        Issue.record("\(path): \(record.id) written as a \(record.kind.rawValue), declared \(declaredKinds[record.id] ?? [])")
                    }
                }
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
        #expect(rightScopes == 1395)
    }

    /// The official MMEngine-era configs (modern/): 719 come back unchanged; 15 keep dead MMCV 1.x keys
    /// upstream (mmdet3d's nuImages configs `data`/`evaluation`, one also `lr_config`/`runner`; mmpretrain's
    /// HorNet configs `data`) and are refused; 25 keep a variable beside a counterpart holding another value
    /// (mmseg `optimizer`, mmdet SSD `cudnn_benchmark`), listed as warnings.
    @Test func everyModernConfigIsRecognised() throws {
        let base = Self.corpusRoot + "/modern"
        guard let walker = FileManager.default.enumerator(atPath: base) else { Issue.record("no corpus at \(base)"); return }
        var files: [String] = []
        while let relative = walker.nextObject() as? String { if relative.hasSuffix(".yaml") { files.append(relative) } }
        #expect(files.count == 734)
        var unchanged = 0
        var refused: [String: Int] = [:]
        var warnings: [String: Int] = [:]
        for relative in files.sorted() {
            let loaded = try ConfigLoader().load(base + "/" + relative)
            do {
                let result = try Translator().translate(loaded)
                if result.isAlreadyMMEngine, result.config == loaded.node { unchanged += 1 } else { Issue.record("\(relative) was converted") }
                for record in result.report.records { warnings[record.legacyPath, default: 0] += 1 }
            } catch let error as ConfigError where error.code == .mixedConfig {
                let folder = relative.split(separator: "/").prefix(2).joined(separator: "/")
                refused[folder, default: 0] += 1
            }
        }
        #expect(unchanged == 719)
        #expect(refused == ["mmdet3d/nuimages": 12, "mmpretrain/hornet": 3])
        #expect(warnings == ["optimizer": 21, "cudnn_benchmark": 4])
    }
}
