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
}
