import Foundation
import Testing
@testable import HookMigrateCore

/// When readers and writers run on the caller's thread (shallow input) or on a large stack (deep input).
@Suite struct LargeStackTests {
    func deepList(_ levels: Int) -> ConfigNode {
        var node = ConfigNode(.int(1))
        for _ in 0..<levels { node = ConfigNode(ConfigList([node])) }
        return node
    }

    @Test func nodeDepthDecidesWhereWritersRun() {
        #expect(LargeStack.isShallow(deepList(LargeStack.inlineDepth)))
        #expect(!LargeStack.isShallow(deepList(LargeStack.inlineDepth + 1)))
        #expect(!LargeStack.isShallow(deepList(5_000)))
    }

    @Test func jsonBracketsCountOutsideStringsOnly() {
        let limit = LargeStack.inlineDepth
        func bytes(_ text: String) -> [UInt8] { Array(text.utf8) }
        #expect(LargeStack.isShallowJSON(bytes(String(repeating: "[", count: limit) + String(repeating: "]", count: limit))))
        #expect(!LargeStack.isShallowJSON(bytes(String(repeating: "[", count: limit + 1))))
        // Brackets inside strings do not count; an escaped quote does not end the string.
        #expect(LargeStack.isShallowJSON(bytes("{\"a\": \"" + String(repeating: "[", count: 100) + "\\\"]\"}")))
        // Closing brackets inside a string cannot hide the opening ones around it.
        #expect(!LargeStack.isShallowJSON(bytes(String(repeating: "[\"]]\", ", count: limit + 1))))
        // Extra closing brackets never make room for more opening ones.
        #expect(!LargeStack.isShallowJSON(bytes("]]]]" + String(repeating: "[", count: limit + 1))))
    }

    @Test func deepFilesStillReadAndWrite() throws {
        let depth = 900
        let text = String(repeating: "[", count: depth) + "1" + String(repeating: "]", count: depth)
        let node = try JSONReader().read(SourceText(path: "deep.json", text: text))
        #expect(try JSONWriter(layout: .mmcv).write(node) == text)
        #expect(try !YAMLWriter().write(node).isEmpty)
    }

    /// Tree mode's workers are large-stack threads: a read there runs on the worker itself (no hand-over),
    /// and still reads the deepest files.
    @Test func workersReadDeepFilesOnTheirOwnThread() {
        #expect(!LargeStack.isOnLargeStack)
        let results = LockedResults()
        let depth = 900
        let text = String(repeating: "[", count: depth) + "1" + String(repeating: "]", count: depth)
        LargeStackWork.perform(iterations: 3) { index in
            let node = try? JSONReader().read(SourceText(path: "deep\(index).json", text: text))
            results.add(index, onWorker: LargeStack.isOnLargeStack, read: node.map { !LargeStack.isShallow($0) } ?? false)
        }
        #expect(results.sorted == [(0, true, true), (1, true, true), (2, true, true)].map { "\($0)" })
    }

    final class LockedResults: @unchecked Sendable {
        private var items: [(Int, Bool, Bool)] = []
        private let lock = NSLock()
        func add(_ index: Int, onWorker: Bool, read: Bool) {
            lock.lock()
            items.append((index, onWorker, read))
            lock.unlock()
        }
        var sorted: [String] { items.sorted { $0.0 < $1.0 }.map { "\($0)" } }
    }

    /// Integers read from their bytes (up to 18 characters) and through `Int(_:)` past that agree with Python.
    @Test func jsonIntegersAtTheFastPathsEdges() throws {
        let cases: [(String, Int?)] = [
            ("0", 0), ("-0", 0), ("7", 7), ("-7", -7),
            ("123456789012345678", 123_456_789_012_345_678), ("-12345678901234567", -12_345_678_901_234_567),
            ("-123456789012345678", -123_456_789_012_345_678), ("9223372036854775807", Int.max),
            ("-9223372036854775808", Int.min), ("9223372036854775808", nil),
        ]
        for (text, expected) in cases {
            let node = try? JSONReader().read(SourceText(path: "n.json", text: "[\(text)]"))
            #expect(node?.list?.items.first?.scalar == expected.map { ConfigScalar.int($0) }, "\(text)")
        }
        // Literals still need all their letters, and move the column by their length.
        #expect(throws: ConfigError.self) { try JSONReader().read(SourceText(path: "t.json", text: "[tru]")) }
        do {
            _ = try JSONReader().read(SourceText(path: "t.json", text: "[true, nul]"))
            Issue.record("nul read")
        } catch let error as ConfigError {
            #expect(error.location?.column == 8)
        }
    }
}
