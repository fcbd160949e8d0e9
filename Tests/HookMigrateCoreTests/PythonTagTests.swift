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

    /// An MMCV dump's ConfigDict node inside a list inside a list (AutoAugment policies).
    static let configDict = """
    policies:
    - - &id002 !!python/object/new:mmcv.utils.config.ConfigDict
        args:
        - !!python/tuple
          - type
          - Resize
        - !!python/tuple
          - img_scale
          - &id001
            - !!python/tuple
              - 480
              - 1333
        - !!python/tuple
          - keep_ratio
          - true
        dictitems:
          img_scale: *id001
          keep_ratio: true
          type: Resize
        state: *id002
    """

    @Test func configDictNodesReadAsTheirDictitems() throws {
        let node = try yaml(Self.configDict, path: "c.yaml")
        let inner = try #require(node["policies"]?[0]?[0]?.mapping)
        #expect(inner.keys == [.string("img_scale"), .string("keep_ratio"), .string("type")])
        #expect(inner["type"]?.scalar == .string("Resize"))
        #expect(inner["keep_ratio"]?.scalar == .bool(true))
        #expect(inner["img_scale"]?.list == ConfigList([ConfigNode(ConfigList([ConfigNode(.int(480)), ConfigNode(.int(1333))], style: .tuple))]))
        #expect(node["policies"]?[0]?[0]?.location == SourceLocation(file: "c.yaml", line: 2, column: 5))
        #expect(inner.entries[0].keyLocation == SourceLocation(file: "c.yaml", line: 17, column: 7))
        // The same data as the plain mapping MMCV's JSON dump holds.
        let plain = try yaml("policies:\n- - {img_scale: [!!python/tuple [480, 1333]], keep_ratio: true, type: Resize}\n")
        #expect(node == plain)
    }

    @Test func configDictNodesNestAndAreReferencedAgain() throws {
        let text = """
        a: &id001 !!python/object/new:mmcv.utils.config.ConfigDict
          args:
          - !!python/tuple [inner, &id002 !!python/object/new:mmcv.utils.config.ConfigDict {args: [!!python/tuple [x, 1]], dictitems: {x: 1}, state: *id002}]
          dictitems:
            inner: *id002
          state: *id001
        b: *id001
        c: [*id002]
        """
        let node = try yaml(text)
        #expect(node["a"] == node["b"])
        #expect(node["a"]?["inner"]?["x"]?.scalar == .int(1))
        #expect(node["c"]?[0]?["x"]?.scalar == .int(1))
    }

    @Test func configDictArgsMustAgreeWithDictitems() {
        let wrongValue = Self.configDict.replacingOccurrences(of: "      - Resize", with: "      - RandomCrop")
        let error = configError { try yaml(wrongValue, path: "w.yaml") }
        #expect(error?.code == .invalidValue)
        #expect(error?.location == SourceLocation(file: "w.yaml", line: 4, column: 7))
        #expect(error?.message.contains("disagree at type: 'RandomCrop' vs 'Resize'") == true)
        #expect(error?.notes.first?.location == SourceLocation(file: "w.yaml", line: 19, column: 7))

        let extraKey = Self.configDict.replacingOccurrences(of: "      - keep_ratio\n", with: "      - keep_ratios\n")
        #expect(configError { try yaml(extraKey) }?.message.contains("which its dictitems do not have") == true)
        let missingKey = Self.configDict.replacingOccurrences(of: "    - !!python/tuple\n      - keep_ratio\n      - true\n", with: "")
        let missing = configError { try yaml(missingKey, path: "m.yaml") }
        #expect(missing?.code == .invalidValue)
        #expect(missing?.message.contains("the key 'keep_ratio', which its args do not set") == true)
        let twice = Self.configDict.replacingOccurrences(of: "      - keep_ratio\n", with: "      - type\n")
        #expect(configError { try yaml(twice) }?.message.contains("set the key 'type' twice") == true)
        let notPairs = Self.configDict.replacingOccurrences(of: "    args:\n", with: "    args:\n    - lonely\n")
        #expect(configError { try yaml(notPairs) }?.code == .invalidValue)
    }

    @Test func configDictOfAnotherFormIsRefused() {
        let otherState = Self.configDict.replacingOccurrences(of: "state: *id002", with: "state: {type: Evil}")
        let state = configError { try yaml(otherState, path: "s.yaml") }
        #expect(state?.code == .pythonObject)
        #expect(state?.location == SourceLocation(file: "s.yaml", line: 20, column: 12))
        #expect(state?.notes.contains { $0.message.contains("s.json") } == true)
        let listitems = Self.configDict.replacingOccurrences(of: "    state: *id002", with: "    state: *id002\n    listitems: [1]")
        #expect(configError { try yaml(listitems) }?.message.contains("'listitems'") == true)
        // The self-reference may only be the state: inside the data it is refused as before.
        let inside = configError { try yaml("""
        policies:
        - - &id001 !!python/object/new:mmcv.utils.config.ConfigDict
            dictitems:
              me: *id001
            state: *id001
        """, path: "configs/x.yaml") }
        #expect(inside?.code == .pythonObject)
        #expect(inside?.location == SourceLocation(file: "configs/x.yaml", line: 2, column: 12))
        #expect(inside?.message.contains("self-referencing Python object !!python/object/new:mmcv.utils.config.ConfigDict") == true)
        #expect(inside?.notes.contains { $0.message.contains("configs/x.json") } == true)
        #expect(inside?.notes.first?.location == SourceLocation(file: "configs/x.yaml", line: 4, column: 11))
    }

    @Test func otherObjectClassesAreStillRefused() {
        let other = Self.configDict.replacingOccurrences(of: "mmcv.utils.config.ConfigDict", with: "mmcv.utils.config.Other")
        let error = configError { try yaml(other, path: "o.yaml") }
        #expect(error?.code == .pythonObject)
        #expect(error?.location?.line == 2)
        #expect(error?.message.contains("!!python/object/new:mmcv.utils.config.Other") == true)
        let plain = configError { try yaml("a: !!python/object/new:collections.OrderedDict\n  dictitems: {b: 1}\n", path: "y.yaml") }
        #expect(plain?.code == .pythonObject)
        #expect(plain?.location == SourceLocation(file: "y.yaml", line: 1, column: 4))
    }

    @Test func aTextThatOnlyLooksLikeASelfReferenceIsLeftAlone() throws {
        // The first `*id001` after the anchor is inside a string: the guess is wrong, the reader starts
        // again with the aliases libyaml reports, and the string keeps its text.
        let text = """
        - &id001 !!python/object/new:mmcv.utils.config.ConfigDict
          args:
          - !!python/tuple [note, 'see *id001 here']
          dictitems:
            note: 'see *id001 here'
          state: *id001
        """
        let node = try yaml(text)
        #expect(node[0]?["note"]?.scalar == .string("see *id001 here"))
    }

    @Test func limitsStillHoldInsideConfigDictNodes() {
        let shallow = ReadLimits(maxFileBytes: 1 << 20, maxDepth: 3, maxNodes: 1000, maxRangeLength: 10)
        let deep = configError { try YAMLReader(limits: shallow).read(SourceText(path: "d.yaml", text: Self.configDict)) }
        #expect(deep?.code == .depthLimit)
        let few = ReadLimits(maxFileBytes: 1 << 20, maxDepth: 100, maxNodes: 10, maxRangeLength: 10)
        #expect(configError { try YAMLReader(limits: few).read(SourceText(path: "n.yaml", text: Self.configDict)) }?.code == .aliasLimit)
        let bomb = """
        a: &a [x, x, x, x, x, x, x, x, x, x]
        b: &b [*a, *a, *a, *a, *a, *a, *a, *a, *a, *a]
        c: &c [*b, *b, *b, *b, *b, *b, *b, *b, *b, *b]
        d: &d [*c, *c, *c, *c, *c, *c, *c, *c, *c, *c]
        e: &e [*d, *d, *d, *d, *d, *d, *d, *d, *d, *d]
        f: &f [*e, *e, *e, *e, *e, *e, *e, *e, *e, *e]
        g: &g [*f, *f, *f, *f, *f, *f, *f, *f, *f, *f]
        """ + "\n" + Self.configDict
        #expect(configError { try yaml(bomb) }?.code == .aliasLimit)
    }
}
