import Foundation
import HookMigrateTestSupport
import Testing
@testable import HookMigrateCore

/// The whole development corpus of real MMCV/MMEngine dumps loads as the issue demands; counts are exact.
@Suite(.enabled(if: Corpus.enabled, Corpus.skipNote)) struct CorpusTests {
    static let legacyJSON = Corpus.files("legacy", ext: "json")
    static let legacyYAML = Corpus.files("legacy", ext: "yaml")
    static let modernYAML = Corpus.files("modern", ext: "yaml")

    func read(_ path: String) throws -> ConfigNode {
        let bytes = try FileIO.readBytes(path)
        let source = try SourceText(path: path, bytes: bytes)
        guard let format = ConfigFormat(path: path) else { throw ConfigError(.unsupportedFormat, path) }
        return try format.read(source)
    }

    @Test func corpusIsPresent() {
        #expect(Self.legacyJSON.count == 1395, "corpus expected at \(Corpus.root)")
        #expect(Self.legacyYAML.count == 1395)
        #expect(Self.modernYAML.count == 734)
    }

    @Test func everyLegacyJSONLoadsAsAMapping() {
        var loaded = 0
        for path in Self.legacyJSON {
            do {
                let node = try read(path)
                if node.mapping != nil { loaded += 1 } else { Issue.record("\(path): not a mapping") }
            } catch {
                Issue.record("\(error)")
            }
        }
        #expect(loaded == 1395)
    }

    @Test func everyLegacyYAMLLoadsAndEqualsItsJSONSibling() {
        var equal = 0
        var withConfigDict = 0
        for path in Self.legacyYAML {
            let sibling = String(path.dropLast(5)) + ".json"
            do {
                let yamlNode = try read(path)
                let jsonNode = try read(sibling)
                if let difference = yamlNode.jsonProjection.firstDifference(from: jsonNode) {
                    Issue.record("\(path) differs from its JSON sibling at \(difference)")
                } else {
                    equal += 1
                }
                if let text = try? String(contentsOfFile: path, encoding: .utf8),
                   text.contains("!!python/object/new:mmcv.utils.config.ConfigDict") {
                    withConfigDict += 1
                }
            } catch {
                Issue.record("\(error)")
            }
        }
        #expect(equal == 1395)
        // The self-referencing ConfigDict nodes of 21 dumps read as the mappings of their dictitems.
        #expect(withConfigDict == 21)
    }

    @Test func tuplesIntKeysAndRangeAreRead() throws {
        var tuples = 0
        var intKeyFiles = 0
        var rangeFile: String?
        for path in Self.legacyYAML {
            guard let text = try? String(contentsOfFile: path, encoding: .utf8) else { continue }
            if text.contains("!!python/tuple") { tuples += 1 }
            if text.contains("builtins.range") { rangeFile = path }
            if text.contains("\n  0:") || text.contains("\n    0:") || text.contains("\n      0:") {
                if let node = try? read(path), Self.hasIntKey(node) { intKeyFiles += 1 }
            }
        }
        #expect(tuples == 1393)
        #expect(intKeyFiles >= 190)
        let range = try #require(rangeFile)
        let node = try read(range)
        #expect(node.node(at: "gpu_ids")?.list?.items.compactMap(\.scalar) == [.int(0)])
    }

    static func hasIntKey(_ node: ConfigNode) -> Bool {
        switch node.value {
        case .scalar: return false
        case .list(let list): return list.items.contains(where: hasIntKey)
        case .mapping(let mapping):
            return mapping.entries.contains { entry in
                if case .int = entry.key { return true }
                return hasIntKey(entry.value)
            }
        }
    }

    @Test func everyModernYAMLLoads() {
        var loaded = 0
        for path in Self.modernYAML {
            do {
                if try read(path).mapping != nil { loaded += 1 }
            } catch {
                Issue.record("\(error)")
            }
        }
        #expect(loaded == 734)
    }

    @Test func corpusRoundTripsThroughBothWriters() {
        // Every tenth JSON config: read, write (YAML and JSON), read back: the same data.
        for path in Self.legacyJSON.enumerated().filter({ $0.offset % 10 == 0 }).map(\.element) {
            do {
                let node = try read(path)
                let viaYAML = try YAMLReader().read(SourceText(path: "rt.yaml", text: try YAMLWriter().write(node)))
                let viaJSON = try JSONReader().read(SourceText(path: "rt.json", text: try JSONWriter().write(node)))
                #expect(viaYAML == node, "\(path) via YAML: \(viaYAML.firstDifference(from: node) ?? "order")")
                #expect(viaJSON == node, "\(path) via JSON")
            } catch {
                Issue.record("\(path): \(error)")
            }
        }
    }
}
