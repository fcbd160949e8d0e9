import Testing
@testable import HookMigrateCore

@Suite struct RoundTripTests {
    static let sample = """
    model:
      type: RetinaNet
      backbone: {type: ResNet, depth: 50, out_indices: !!python/tuple [0, 1, 2, 3]}
    lr: 0.02
    eps: 1.0e-08
    big: 1.0e+16
    neg: -0.0
    inf: .inf
    steps: [8, 11]
    nested: [[1, 2], [3, [4, 5]], [], {}]
    list_of_maps:
    - {type: A, x: 1}
    - type: B
      y: [1, 2]
    tuple_of_maps: !!python/tuple
    - {a: 1}
    - !!python/tuple [1, 2]
    keys: {0: zero, 1: one, '2': two}
    strings: ['yes', 'null', '1', '1e5', '', ' pad ', 'a: b', 'a #b', '- x', 'it''s', "line\\nbreak", "tab\\there", 'é', '0x10', '~', '[x]', 'y', '<<']
    flags: [true, false, null]
    empty_map: {}
    empty_list: []
    """

    @Test func yamlRoundTripLosesNothing() throws {
        let node = try yaml(Self.sample)
        let written = try YAMLWriter().write(node)
        let reread = try yaml(written)
        #expect(reread == node)
        #expect(try YAMLWriter().write(reread) == written)
    }

    @Test func keysOfAnyLengthRoundTrip() throws {
        // A YAML reader takes an implicit key of at most 1024 characters; the writer spells keys of 128 or
        // more as explicit `? key` entries, as PyYAML does (FuzzYAML found a 1,060-character quoted key).
        let long = String(repeating: "q", count: 127)
        for length in [127, 128, 1023, 1024, 1100] {
            let key = String(repeating: "k", count: length)
            // Read from JSON, which takes keys of any length.
            let text = "{\"a\": {\"\(key)\": [1, 2], \"b\": [{\"\(key)\\t\": {\"c\": 1}, \"\(long)\": \"x\"}]}}"
            let node = try json(text)
            let written = try YAMLWriter().write(node)
            #expect(written.contains("? " + key + "\n") == (length >= 128), "key of \(length)")
            #expect(try yaml(written) == node, "key of \(length)")
        }
    }

    @Test func charactersOutsideYAMLsPrintableSetAreEscaped() throws {
        // C1 controls, U+FFFE and U+FFFF are refused by YAML readers when written as they are (FuzzPython
        // found U+000B inside a `_base_` string; C1 controls followed from the same check).
        for value: UInt32 in [0x0B, 0x7F, 0x80, 0x85, 0x9F, 0xA0, 0x2028, 0xFEFF, 0xFFFE, 0xFFFF] {
            let text = "a" + String(Character(Unicode.Scalar(value)!)) + "b"
            let node = ConfigNode(ConfigMapping(["k": ConfigNode(.string(text)), text: ConfigNode(.int(1))]))
            let written = try YAMLWriter().write(node)
            #expect(try yaml(written) == node, "U+\(String(value, radix: 16))")
        }
    }

    @Test func jsonRoundTripLosesNothing() throws {
        let node = try yaml(Self.sample).jsonProjection
        for layout in [JSONWriter.Layout.pretty, .mmcv] {
            let written = try JSONWriter(layout: layout).write(node)
            let reread = try json(written)
            #expect(reread == node)
            #expect(try JSONWriter(layout: layout).write(reread) == written)
        }
    }

    @Test func jsonProjectionTurnsTuplesToListsAndKeysToStrings() throws {
        let node = try yaml("a: !!python/tuple [1, 2]\nk: {0: x, true: y, null: z, 1.5: w}\n")
        let projected = node.jsonProjection
        #expect(projected["a"]?.list?.style == .list)
        #expect(projected["k"]?.mapping?.keys == [.string("0"), .string("true"), .string("null"), .string("1.5")])
    }

    @Test func yamlWriterOutputIsExact() throws {
        let node = try yaml("a: 1\nb: !!python/tuple [1, 2]\nc:\n- x: 1\n  y: 2\n- [1, 2]\n- - {z: 1}\nd: {}\ne: 'yes'\nf: 1.0e-05\n")
        #expect(try YAMLWriter().write(node) == """
        a: 1
        b: !!python/tuple [1, 2]
        c:
        - x: 1
          'y': 2
        - [1, 2]
        - - z: 1
        d: {}
        e: 'yes'
        f: 1.0e-05

        """)
    }

    @Test func jsonWriterOutputIsExact() throws {
        let node = try yaml("a: 1\nb: [1.5, 'x']\nc: {d: null}\n")
        #expect(try JSONWriter().write(node) == "{\n  \"a\": 1,\n  \"b\": [1.5, \"x\"],\n  \"c\": {\n    \"d\": null\n  }\n}\n")
        #expect(try JSONWriter(layout: .mmcv).write(node) == #"{"a": 1, "b": [1.5, "x"], "c": {"d": null}}"#)
    }

    @Test func writingIsDeterministic() throws {
        let node = try yaml(Self.sample)
        let first = try YAMLWriter().write(node)
        for _ in 0..<5 {
            #expect(try YAMLWriter().write(try yaml(Self.sample)) == first)
        }
    }
}
