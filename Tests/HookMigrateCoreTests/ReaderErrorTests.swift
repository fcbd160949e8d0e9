import Testing
@testable import HookMigrateCore

@Suite struct ReaderErrorTests {
    @Test func yamlSyntaxErrorIsLocated() {
        let error = configError { try yaml("a: 1\nb: [1, 2\nc: 3\n", path: "old.yaml") }
        #expect(error?.code == .yamlSyntax)
        #expect(error?.location?.file == "old.yaml")
        #expect(error?.location?.line == 3)
    }

    @Test func yamlDuplicateKeyIsAnError() {
        let error = configError { try yaml("a: 1\nb: 2\na: 3\n", path: "old.yaml") }
        #expect(error?.code == .duplicateKey)
        #expect(error?.location?.file == "old.yaml")
    }

    @Test func anAliasUsedAsAKeyIsRefusedBeforeParsing() throws {
        for (text, column) in [("a: &a [1, 2]\n*a : 3\n", 1), ("a: &a x\nb: [*a: 1]\n", 5), ("a: &a x\n? *a\n: 1\n", 3)] {
            let error = configError { try yaml(text, path: "old.yaml") }
            #expect(error?.code == .aliasLimit, "\(text)")
            #expect(error?.location?.line == 2 && error?.location?.column == column, "\(text)")
        }
        // Aliases as values, and `*x:` inside quotes, comments or plain scalars, are not keys.
        let node = try yaml("a: &a [1, 2]\nb: *a\nc: '*a: 1'\nd: \"*a: 2\"\n# *a: 3\ne: x*a: 4\n".replacingOccurrences(of: "e: x*a: 4", with: "e: x*a"))
        #expect(node["b"]?.list?.count == 2)
        #expect(node["c"]?.scalar == .string("*a: 1"))
        // Inside a plain scalar, `*` after a blank starts no alias (FuzzYAML: the key `m x *a00`).
        let plain = try yaml("m x *a00: 1\nlist: [p *q: 2]\n")
        #expect(plain["m x *a00"]?.scalar == .int(1))
    }

    @Test func jsonErrorsNameLineAndColumn() {
        let error = configError { try json("{\n  \"a\": 1,\n  \"b\": tru\n}", path: "old.json") }
        #expect(error?.description == "old.json:3:8: error: expected a JSON value, found 't' [json-syntax]")
        let trailing = configError { try json("{\"a\": 1,}", path: "x.json") }
        #expect(trailing?.description == "x.json:1:9: error: expected a key in double quotes, found '}' [json-syntax]")
        let unterminated = configError { try json("{\"a\": \"abc", path: "x.json") }
        #expect(unterminated?.description == "x.json:1:7: error: unterminated string (it starts here) [json-syntax]")
        let extra = configError { try json("{} {}", path: "x.json") }
        #expect(extra?.description == "x.json:1:4: error: extra data after the JSON value: '{' [json-syntax]")
    }

    @Test func jsonColumnsCountUnicodeScalars() {
        let error = configError { try json("{\"é😀\": x}", path: "u.json") }
        #expect(error?.location == SourceLocation(file: "u.json", line: 1, column: 8))
    }

    @Test func jsonDuplicateKeyNamesBothPlaces() {
        let error = configError { try json("{\"a\": 1,\n \"a\": 2}", path: "d.json") }
        #expect(error?.description == "d.json:2:2: error: duplicate key 'a' in this mapping [duplicate-key]\nd.json:1:2: note: first written here")
    }

    @Test func jsonLoneSurrogateIsAnError() {
        let error = configError { try json(#"{"a": "\ud83d x"}"#, path: "s.json") }
        #expect(error?.code == .jsonSyntax)
        #expect(error?.message.contains("lone high surrogate") == true)
    }

    @Test func jsonIntegerBeyond64BitsIsAnError() {
        let error = configError { try json(#"{"a": 123456789012345678901234567890}"#, path: "n.json") }
        #expect(error?.code == .numberRange)
        #expect(error?.location?.column == 7)
    }

    @Test func invalidUTF8IsLocated() {
        let error = configError { try SourceText(path: "bad.yaml", bytes: Array("a: 1\nb: ".utf8) + [0xFF, 0x0A]) }
        #expect(error?.code == .encoding)
        #expect(error?.location == SourceLocation(file: "bad.yaml", line: 2, column: 4))
    }

    @Test func deepNestingIsBoundedNotACrash() {
        let deepJSON = String(repeating: "[", count: 100_000) + String(repeating: "]", count: 100_000)
        #expect(configError { try json(deepJSON) }?.code == .depthLimit)
        let deepYAML = "a: " + String(repeating: "[", count: 5_000) + String(repeating: "]", count: 5_000)
        let yamlError = configError { try yaml(deepYAML) }
        #expect(yamlError?.code == .yamlSyntax || yamlError?.code == .depthLimit)
        // Within the bound, deep files read fine.
        let okJSON = String(repeating: "[", count: 900) + String(repeating: "]", count: 900)
        #expect(throws: Never.self) { try json(okJSON) }
    }

    @Test func aliasBombIsRefused() {
        var lines = ["a0: &a0 [x, x, x, x, x, x, x, x, x, x]"]
        for level in 1...9 {
            let refs = Array(repeating: "*a\(level - 1)", count: 10).joined(separator: ", ")
            lines.append("a\(level): &a\(level) [\(refs)]")
        }
        let error = configError { try yaml(lines.joined(separator: "\n"), path: "bomb.yaml") }
        #expect(error?.code == .aliasLimit)
        #expect(error?.location == SourceLocation(file: "bomb.yaml", line: 7, column: 5))
    }

    @Test func smallAliasesExpand() throws {
        let node = try yaml("base: &b {lr: 0.1}\nuse: *b\n")
        #expect(node["use"] == node["base"])
    }

    @Test func mergeKeysWorkAsInPyYAML() throws {
        let node = try yaml("""
        one: &one {a: 1, b: 2}
        two: &two {b: 3, c: 4}
        x:
          <<: [*one, *two]
          c: 5
        """)
        let x = try #require(node["x"]?.mapping)
        #expect(x.keys == [.string("b"), .string("c"), .string("a")])
        #expect(x["a"]?.scalar == .int(1))
        #expect(x["b"]?.scalar == .int(2))
        #expect(x["c"]?.scalar == .int(5))
    }
}

@Suite struct LineEndingTests {
    @Test func crlfFilesLocateLikeLFFiles() {
        let text = "a: 1\r\npolicies:\r\n- - &id001 !!python/object/new:mmcv.utils.config.ConfigDict\r\n    dictitems: {me: *id001}\r\n"
        let error = configError { try yaml(text, path: "c.yaml") }
        #expect(error?.location == SourceLocation(file: "c.yaml", line: 3, column: 12))
        #expect(SourceText.lines("a\r\nb\nc") == ["a", "b", "c"])
    }

    @Test func explicitStrKeyOnALaterCRLFLineStaysAString() throws {
        let node = try yaml("a: 1\r\n!!str 1: x\r\n")
        #expect(node.mapping?.keys == [.string("a"), .string("1")])
    }

    @Test func yamlIntegerBeyond64BitsIsAnError() {
        let error = configError { try yaml("a: 123456789012345678901234567890\n", path: "big.yaml") }
        #expect(error?.code == .numberRange)
        #expect(error?.location == SourceLocation(file: "big.yaml", line: 1, column: 4))
    }
}
