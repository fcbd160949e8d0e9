import Testing
@testable import HookMigrateCore

@Suite struct PythonTagTests {
    @Test func tuplesReadAsTuples() throws {
        let node = try yaml("img_scale: !!python/tuple\n- 1333\n- 800\nflow: !!python/tuple [1, 2]\nempty: !!python/tuple []\n")
        #expect(node["img_scale"]?.list == ConfigList([ConfigNode(.int(1333)), ConfigNode(.int(800))], style: .tuple))
        #expect(node["flow"]?.list?.style == .tuple)
        #expect(node["empty"]?.list == ConfigList([], style: .tuple))
    }

    @Test func rangeExpandsToItsList() throws {
        let node = try yaml("""
        a: !!python/object/apply:builtins.range [0, 1]
        b: !!python/object/apply:builtins.range [3]
        c: !!python/object/apply:builtins.range [10, 0, -3]
        d: !!python/object/apply:builtins.range [5, 5, 1]
        """)
        #expect(node["a"]?.list?.items.compactMap(\.scalar) == [.int(0)])
        #expect(node["b"]?.list?.items.compactMap(\.scalar) == [.int(0), .int(1), .int(2)])
        #expect(node["c"]?.list?.items.compactMap(\.scalar) == [.int(10), .int(7), .int(4), .int(1)])
        #expect(node["d"]?.list?.items.isEmpty == true)
        #expect(configError { try yaml("a: !!python/object/apply:builtins.range [0, 10000000000]") }?.code == .sizeLimit)
        #expect(configError { try yaml("a: !!python/object/apply:builtins.range [0, 1, 0]") }?.code == .invalidValue)
    }

    @Test func otherPythonTagsAreRefusedWithTheirName() {
        let error = configError { try yaml("a: 1\nb: !!python/object/apply:os.system [ls]\n", path: "evil.yaml") }
        #expect(error?.code == .pythonObject)
        #expect(error?.location == SourceLocation(file: "evil.yaml", line: 2, column: 4))
        #expect(error?.message.contains("!!python/object/apply:os.system") == true)
        let name = configError { try yaml("f: !!python/name:os.system\n") }
        #expect(name?.code == .pythonObject)
        let custom = configError { try yaml("f: !custom 1\n") }
        #expect(custom?.code == .unsupportedTag)
    }

    @Test func selfReferencingConfigDictGetsTheSiblingHint() {
        let text = """
        policies:
        - - &id001 !!python/object/new:mmcv.utils.config.ConfigDict
            dictitems:
              type: Resize
            state: *id001
        """
        let error = configError { try yaml(text, path: "configs/x.yaml") }
        #expect(error?.code == .pythonObject)
        #expect(error?.location == SourceLocation(file: "configs/x.yaml", line: 2, column: 12))
        #expect(error?.message.contains("self-referencing Python object !!python/object/new:mmcv.utils.config.ConfigDict") == true)
        #expect(error?.notes.contains { $0.message.contains("configs/x.json") } == true)
    }

    @Test func nonSelfReferencingObjectIsAlsoRefused() {
        let error = configError { try yaml("a: !!python/object/new:mmcv.utils.config.ConfigDict\n  dictitems: {b: 1}\n", path: "y.yaml") }
        #expect(error?.code == .pythonObject)
        #expect(error?.location == SourceLocation(file: "y.yaml", line: 1, column: 4))
    }
}
