import Testing
@testable import HookMigrateCore

@Suite struct ScalarTypingTests {
    @Test func yamlPlainScalarsFollowPyYAMLResolution() throws {
        let node = try yaml("""
        a: 1
        b: 1.0
        c: 1.0e-05
        d: 1e-05
        e: '1'
        f: "2.5"
        g: true
        h: yes
        i: Off
        j: ~
        k: null
        l:
        m: 010
        n: 0x1F
        o: -.inf
        p: .nan
        q: 1_000
        r: 1:30
        s: abc
        t: 2021-01-01
        u: +12
        v: .5
        w: 6.0e+16
        """)
        #expect(node["a"]?.scalar == .int(1))
        #expect(node["b"]?.scalar == .float(1.0))
        #expect(node["c"]?.scalar == .float(1e-05))
        #expect(node["d"]?.scalar == .string("1e-05"))
        #expect(node["e"]?.scalar == .string("1"))
        #expect(node["f"]?.scalar == .string("2.5"))
        #expect(node["g"]?.scalar == .bool(true))
        #expect(node["h"]?.scalar == .bool(true))
        #expect(node["i"]?.scalar == .bool(false))
        #expect(node["j"]?.scalar == .null)
        #expect(node["k"]?.scalar == .null)
        #expect(node["l"]?.scalar == .null)
        #expect(node["m"]?.scalar == .int(8))
        #expect(node["n"]?.scalar == .int(31))
        #expect(node["o"]?.scalar == .float(-.infinity))
        #expect(node["p"]?.scalar.map { if case .float(let x) = $0 { return x.isNaN } else { return false } } == true)
        #expect(node["q"]?.scalar == .int(1000))
        #expect(node["r"]?.scalar == .int(90))
        #expect(node["s"]?.scalar == .string("abc"))
        #expect(node["t"]?.scalar == .string("2021-01-01"))
        #expect(node["u"]?.scalar == .int(12))
        #expect(node["v"]?.scalar == .float(0.5))
        #expect(node["w"]?.scalar == .float(6e16))
    }

    @Test func yamlExplicitTags() throws {
        let node = try yaml("""
        a: !!str 1
        b: !!int "7"
        c: !!float 3
        d: !!bool "true"
        e: !!null ""
        """)
        #expect(node["a"]?.scalar == .string("1"))
        #expect(node["b"]?.scalar == .int(7))
        #expect(node["c"]?.scalar == .float(3))
        #expect(node["d"]?.scalar == .bool(true))
        #expect(node["e"]?.scalar == .null)
    }

    @Test func yamlKeysAreTypedLikeValues() throws {
        let node = try yaml("0: a\n'1': b\n!!str 2: c\nname: d\n")
        #expect(node.mapping?.keys == [.int(0), .string("1"), .string("2"), .string("name")])
    }

    @Test func jsonNumbersKeepIntAndFloatApart() throws {
        let node = try json(#"{"a": 1, "b": 1.0, "c": 1e-05, "d": -0, "e": 2E+3, "f": NaN, "g": -Infinity, "h": "1", "i": true, "j": null}"#)
        #expect(node["a"]?.scalar == .int(1))
        #expect(node["b"]?.scalar == .float(1.0))
        #expect(node["c"]?.scalar == .float(1e-05))
        #expect(node["d"]?.scalar == .int(0))
        #expect(node["e"]?.scalar == .float(2000))
        #expect(node["f"]?.scalar == .float(.nan))
        #expect(node["g"]?.scalar == .float(-.infinity))
        #expect(node["h"]?.scalar == .string("1"))
        #expect(node["i"]?.scalar == .bool(true))
        #expect(node["j"]?.scalar == .null)
    }

    @Test func jsonStringsDecodeEscapesAndSurrogatePairs() throws {
        let node = try json(#"{"e": "\ud83d\ude00", "t": "a\tb\n\"c\"\\\/", "u": "\u00e9", "raw": "é😀"}"#)
        #expect(node["e"]?.scalar == .string("😀"))
        #expect(node["e"]?.scalar?.stringValue?.count == 1)
        #expect(node["t"]?.scalar == .string("a\tb\n\"c\"\\/"))
        #expect(node["u"]?.scalar == .string("é"))
        #expect(node["raw"]?.scalar == .string("é😀"))
    }

    @Test func pythonFloatReprMatchesPython() {
        let cases: [(Double, String)] = [
            (1e-05, "1e-05"), (0.0001, "0.0001"), (0.1, "0.1"), (100.0, "100.0"), (1e16, "1e+16"),
            (1e15, "1000000000000000.0"), (123456789012345678.0, "1.2345678901234568e+17"), (-2.5, "-2.5"),
            (7.142857142857143e-05, "7.142857142857143e-05"), (0.0, "0.0"), (-0.0, "-0.0"), (5e-324, "5e-324"),
            (1.7976931348623157e308, "1.7976931348623157e+308"), (0.02, "0.02"), (1.5e-07, "1.5e-07"),
        ]
        for (value, expected) in cases {
            #expect(PythonFloat.repr(value) == expected, "repr(\(value))")
        }
        #expect(YAMLWriter.floatText(1e-05) == "1.0e-05")
        #expect(YAMLWriter.floatText(1e16) == "1.0e+16")
        #expect(YAMLWriter.floatText(2.5e-05) == "2.5e-05")
    }
}
