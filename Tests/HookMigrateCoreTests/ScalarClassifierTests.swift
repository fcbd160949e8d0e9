import HookMigrateTestSupport
import Testing
@testable import HookMigrateCore

/// The byte-level scalar resolver and plain-string test against the character-level versions they replaced
/// (kept below, verbatim, as the reference): the same answers over many random strings built from the
/// characters that matter (digits, signs, dots, underscores, colons, exponent and prefix letters, the null
/// and bool words' letters, indicators, blanks, controls, non-ASCII letters).
@Suite struct ScalarClassifierTests {
    static let pieces: [String] = [
        "0", "1", "5", "7", "8", "9", "00", "12", "+", "-", ".", "_", ":", "e", "E", "x", "b", "a", "f", "F", "i", "n", "N",
        "I", "y", "Y", "t", "T", "o", "O", "s", "u", "l", "~", "#", " ", ",", "[", "]", "{", "}", "'", "\"", "\\", "!",
        "&", "*", "?", "|", ">", "%", "@", "`", "<", "=", "\t", "\r", "\n", "\r\n", "\u{7F}", "\u{85}", "\u{A0}", "é",
        "中", "\u{2028}", "inf", "Inf", "nan", "NaN", "null", "Null", "true", "yes", "No", "off", "ON", "0x", "0b", "1:30",
        ".5", "1.0e-05", "1e5", "_x", "e+", "e-",
    ]

    /// Random strings of 0 to 8 pieces, from a fixed seed (the same strings on every run).
    static func samples(_ count: Int) -> [String] {
        var generator = SplitMix(seed: 0x5EED_1234)
        var result = ["", " ", "~", "-", "+", ".", "0", "-0", "0.", "-.5", "+.inf", ".NaN", "1_0", "1:60", "1:5:30.5", "0o7"]
        for _ in 0..<count {
            let length = Int(generator.next() % 9)
            var text = ""
            for _ in 0..<length { text += pieces[Int(generator.next() % UInt64(pieces.count))] }
            result.append(text)
        }
        return result
    }

    static func same(_ a: Double?, _ b: Double?) -> Bool {
        switch (a, b) {
        case (nil, nil): return true
        case let (x?, y?): return x == y && x.sign == y.sign || (x.isNaN && y.isNaN)
        default: return false
        }
    }

    @Test func resolverAgreesWithTheCharacterLevelResolver() {
        for text in Self.samples(100_000) {
            #expect(YAML11Scalar.resolve(text) == ReferenceYAML11Scalar.resolve(text), "resolve(\(text.debugDescription))")
            #expect(YAML11Scalar.resolvesToNonString(text) == ReferenceYAML11Scalar.resolvesToNonString(text), "\(text.debugDescription)")
            #expect(YAML11Scalar.isInt(text) == ReferenceYAML11Scalar.isInt(text), "isInt(\(text.debugDescription))")
            #expect(YAML11Scalar.isFloat(text) == ReferenceYAML11Scalar.isFloat(text), "isFloat(\(text.debugDescription))")
            #expect(YAML11Scalar.intValue(text) == ReferenceYAML11Scalar.intValue(text), "intValue(\(text.debugDescription))")
            #expect(Self.same(YAML11Scalar.floatValue(text), ReferenceYAML11Scalar.floatValue(text)), "floatValue(\(text.debugDescription))")
            #expect(YAML11Scalar.bool(text) == ReferenceYAML11Scalar.bool(text))
        }
    }

    @Test func plainStringTestAgreesWithTheCharacterLevelTest() {
        for text in Self.samples(100_000) {
            #expect(YAMLWriter.canBePlain(text) == ReferenceYAMLWriter.canBePlain(text), "canBePlain(\(text.debugDescription))")
        }
    }

    @Test func characterCountAgreesWithCount() {
        for text in Self.samples(20_000) {
            #expect(UTF8Text.characterCount(text) == text.count, "\(text.debugDescription)")
        }
    }

    @Test func jsonQuotingAgreesWithTheScalarLoop() {
        for text in Self.samples(20_000) {
            var expected = "\""
            for scalar in text.unicodeScalars {
                switch scalar {
                case "\"": expected += "\\\""
                case "\\": expected += "\\\\"
                case "\n": expected += "\\n"
                case "\r": expected += "\\r"
                case "\t": expected += "\\t"
                case "\u{08}": expected += "\\b"
                case "\u{0C}": expected += "\\f"
                default:
                    if scalar.value < 0x20 {
                        let hex = String(scalar.value, radix: 16)
                        expected += "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
                    } else {
                        expected.unicodeScalars.append(scalar)
                    }
                }
            }
            #expect(JSONWriter.quoted(text) == expected + "\"")
        }
    }

    @Test func pythonStringsAndNamesAgreeWithTheScalarLevelVersions() {
        let names = ["", "_", "a", "lr", "type", "class", "None", "__debug__", "x1", "1x", "a-b", "a b", "é", "ﬁ", "_é", "A_9"]
        for text in Self.samples(50_000) + names {
            #expect(PythonLiteral.string(text) == PythonLiteral.escapedString(text), "\(text.debugDescription)")
            #expect(PythonLiteral.nameProblem(text) == PythonLiteral.unicodeNameProblem(text), "\(text.debugDescription)")
            #expect(UTF8Text.scalarCount(text) == text.unicodeScalars.count, "\(text.debugDescription)")
        }
    }

    /// Where the two differ on purpose: PyYAML's patterns match code points, so a digit followed by a
    /// combining mark, or a full-width digit, is no number (the character-level test took `1` + U+0301 for
    /// a digit and then refused the "integer" as too large).
    @Test func onlyASCIIDigitsMakeNumbers() {
        #expect(YAML11Scalar.resolve("1\u{301}") == .string("1\u{301}"))
        #expect(YAML11Scalar.resolve("0x\u{FF11}") == .string("0x\u{FF11}"))
        #expect(!YAML11Scalar.isInt("1\u{301}"))
    }
}

// MARK: - The character-level versions, as they were before the byte-level ones replaced them.

enum ReferenceYAML11Scalar {
    /// The value of a plain scalar's text.
    static func resolve(_ text: String) -> ConfigScalar {
        if isNull(text) { return .null }
        if let flag = bool(text) { return .bool(flag) }
        if isFloat(text), let value = floatValue(text) { return .float(value) }
        if isInt(text), let value = intValue(text) { return .int(value) }
        return .string(text)
    }

    /// Whether the text would resolve to anything but a string.
    static func resolvesToNonString(_ text: String) -> Bool {
        if case .string = resolve(text) { return isInt(text) || isFloat(text) }
        return true
    }

    static func isNull(_ text: String) -> Bool {
        text.isEmpty || text == "~" || text == "null" || text == "Null" || text == "NULL"
    }

    static let trueWords: Set<String> = ["yes", "Yes", "YES", "true", "True", "TRUE", "on", "On", "ON"]
    static let falseWords: Set<String> = ["no", "No", "NO", "false", "False", "FALSE", "off", "Off", "OFF"]

    static func bool(_ text: String) -> Bool? {
        if trueWords.contains(text) { return true }
        if falseWords.contains(text) { return false }
        return nil
    }

    // MARK: int: [-+]?0b[0-1_]+ | [-+]?0[0-7_]+ | [-+]?(0|[1-9][0-9_]*) | [-+]?0x[0-9a-fA-F_]+ | [-+]?[1-9][0-9_]*(:[0-5]?[0-9])+

    static func isInt(_ text: String) -> Bool {
        var body = Substring(text)
        if let first = body.first, first == "-" || first == "+" { body = body.dropFirst() }
        guard let first = body.first else { return false }
        if body.hasPrefix("0b") { return body.count > 2 && body.dropFirst(2).allSatisfy { "01_".contains($0) } }
        if body.hasPrefix("0x") { return body.count > 2 && body.dropFirst(2).allSatisfy { $0.isHexDigit || $0 == "_" } }
        if body == "0" { return true }
        if first == "0" { return body.dropFirst().allSatisfy { ("0"..."7").contains($0) || $0 == "_" } }
        guard ("1"..."9").contains(first) else { return false }
        if body.contains(":") {
            let parts = body.split(separator: ":", omittingEmptySubsequences: false)
            guard let head = parts.first, head.allSatisfy({ $0.isASCIIDigit || $0 == "_" }) else { return false }
            return parts.dropFirst().allSatisfy(isSexagesimalDigitPair)
        }
        return body.allSatisfy { $0.isASCIIDigit || $0 == "_" }
    }

    static func isSexagesimalDigitPair(_ part: Substring) -> Bool {
        let chars = Array(part)
        if chars.count == 1 { return chars[0].isASCIIDigit }
        if chars.count == 2 { return ("0"..."5").contains(chars[0]) && chars[1].isASCIIDigit }
        return false
    }

    static func intValue(_ text: String) -> Int? {
        var body = text.replacingAll("_", with: "")
        var negative = false
        if body.hasPrefix("-") { negative = true; body.removeFirst() } else if body.hasPrefix("+") { body.removeFirst() }
        // The magnitude as a UInt, so that -9223372036854775808 (Int.min, whose magnitude is no Int) fits.
        let magnitude: UInt?
        if body == "0" {
            magnitude = 0
        } else if body.hasPrefix("0b") {
            magnitude = UInt(body.dropFirst(2), radix: 2)
        } else if body.hasPrefix("0x") {
            magnitude = UInt(body.dropFirst(2), radix: 16)
        } else if body.hasPrefix("0") {
            magnitude = UInt(body.dropFirst(), radix: 8)
        } else if body.contains(":") {
            var total: UInt = 0
            for part in body.split(separator: ":") {
                guard let digit = UInt(part) else { return nil }
                let (scaled, overflow1) = total.multipliedReportingOverflow(by: 60)
                let (sum, overflow2) = scaled.addingReportingOverflow(digit)
                if overflow1 || overflow2 { return nil }
                total = sum
            }
            magnitude = total
        } else {
            magnitude = UInt(body)
        }
        guard let magnitude else { return nil }
        if negative {
            guard magnitude <= UInt(Int.max) + 1 else { return nil }
            return magnitude == UInt(Int.max) + 1 ? Int.min : -Int(magnitude)
        }
        guard magnitude <= UInt(Int.max) else { return nil }
        return Int(magnitude)
    }

    // MARK: float

    static func isFloat(_ text: String) -> Bool {
        // Every float starts with a sign, a dot or a digit: other text (a long string) is no float, at once.
        guard let lead = text.utf8.first, lead == UInt8(ascii: "-") || lead == UInt8(ascii: "+") || lead == UInt8(ascii: ".")
                || (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(lead) else { return false }
        var chars = Array(text)[...]
        let lowered = text
        if lowered == ".nan" || lowered == ".NaN" || lowered == ".NAN" { return true }
        var signed = false
        if let first = chars.first, first == "-" || first == "+" { chars = chars.dropFirst(); signed = true }
        let rest = String(chars)
        if rest == ".inf" || rest == ".Inf" || rest == ".INF" { return true }
        guard let first = chars.first else { return false }
        if first == "." {
            // \.[0-9][0-9_]*([eE][-+][0-9]+)? with no sign allowed.
            guard !signed else { return false }
            var cursor = chars.dropFirst()
            guard let digit = cursor.first, digit.isASCIIDigit else { return false }
            cursor = cursor.dropFirst().drop { $0.isASCIIDigit || $0 == "_" }
            return isExponent(cursor)
        }
        guard first.isASCIIDigit else { return false }
        var cursor = chars.dropFirst().drop { $0.isASCIIDigit || $0 == "_" }
        if cursor.first == ":" {
            // [0-9][0-9_]*(:[0-5]?[0-9])+\.[0-9_]*
            var sawPair = false
            while cursor.first == ":" {
                cursor = cursor.dropFirst()
                let pair = cursor.prefix { $0.isASCIIDigit }
                guard pair.count == 1 || pair.count == 2, isSexagesimalDigitPair(Substring(String(pair))) else { return false }
                cursor = cursor.dropFirst(pair.count)
                sawPair = true
            }
            guard sawPair, cursor.first == "." else { return false }
            return cursor.dropFirst().allSatisfy { $0.isASCIIDigit || $0 == "_" }
        }
        guard cursor.first == "." else { return false }
        cursor = cursor.dropFirst().drop { $0.isASCIIDigit || $0 == "_" }
        return isExponent(cursor)
    }

    /// Empty, or `[eE][-+][0-9]+` exactly.
    static func isExponent(_ rest: ArraySlice<Character>) -> Bool {
        if rest.isEmpty { return true }
        var cursor = rest
        guard let e = cursor.first, e == "e" || e == "E" else { return false }
        cursor = cursor.dropFirst()
        guard let sign = cursor.first, sign == "-" || sign == "+" else { return false }
        cursor = cursor.dropFirst()
        return !cursor.isEmpty && cursor.allSatisfy(\.isASCIIDigit)
    }

    static func floatValue(_ text: String) -> Double? {
        var body = text.replacingAll("_", with: "").lowercased()
        var sign = 1.0
        if body.hasPrefix("-") { sign = -1; body.removeFirst() } else if body.hasPrefix("+") { body.removeFirst() }
        if body == ".inf" { return sign * .infinity }
        if body == ".nan" { return .nan }
        if body.contains(":") {
            let parts = body.split(separator: ":")
            var total = 0.0
            for part in parts {
                guard let digit = Double(normalizedDecimal(String(part))) else { return nil }
                total = total * 60 + digit
            }
            return sign * total
        }
        guard let value = Double(normalizedDecimal(body)) else { return nil }
        return sign * value
    }

    /// `1.` → `1.0`, `1.e-5` → `1.0e-5`, `.5` → `0.5`: spellings Python's float() takes.
    static func normalizedDecimal(_ text: String) -> String {
        var result = text
        if result.hasPrefix(".") { result = "0" + result }
        if let dot = result.firstIndex(of: ".") {
            let after = result.index(after: dot)
            if after == result.endIndex || !result[after].isASCIIDigit {
                result.insert("0", at: after)
            }
        }
        return result
    }
}


enum ReferenceYAMLWriter {
    static let indicators: Set<Character> = ["-", "?", ":", ",", "[", "]", "{", "}", "#", "&", "*", "!", "|", ">", "'", "\"", "%", "@", "`", "<", "=", "~"]
    static let flowBreakers: Set<Character> = [",", "[", "]", "{", "}", "#"]
    static let yaml12Words: Set<String> = ["y", "Y", "n", "N", "true", "false", "null", "True", "False", "Null", "TRUE", "FALSE", "NULL"]

    /// A string plain when it is unambiguous, single-quoted when it only needs quoting, double-quoted
    /// with escapes when it holds line breaks or control characters.
    public static func stringText(_ text: String) -> String {
        if canBePlain(text) { return text }
        let needsEscapes = text.unicodeScalars.contains(where: YAMLWriter.needsEscape)
        if !needsEscapes {
            return "'" + text.replacingAll("'", with: "''") + "'"
        }
        var result = "\""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\"": result += "\\\""
            case "\\": result += "\\\\"
            case "\n": result += "\\n"
            case "\r": result += "\\r"
            case "\t": result += "\\t"
            default:
                if YAMLWriter.needsEscape(scalar) {
                    let hex = String(scalar.value, radix: 16, uppercase: true)
                    result += "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
                } else {
                    result.unicodeScalars.append(scalar)
                }
            }
        }
        return result + "\""
    }

    static func canBePlain(_ text: String) -> Bool {
        guard let first = text.first, let last = text.last else { return false }
        if first == " " || last == " " || indicators.contains(first) { return false }
        if yaml12Words.contains(text) || ReferenceYAML11Scalar.resolvesToNonString(text) { return false }
        // Anything number-like is quoted, so YAML 1.2 readers (which read `1e5` as a float) agree.
        if first.isASCIIDigit || ((first == "+" || first == ".") && text.count > 1) { return false }
        if last == ":" || text.contains(": ") || text.contains(" #") { return false }
        for character in text {
            if flowBreakers.contains(character) { return false }
            if character.unicodeScalars.contains(where: { $0.value < 0x20 || $0.value == 0x7F || $0.value >= 0x80 && !$0.properties.isAlphabetic && !$0.properties.isWhitespace && $0.value < 0xA0 }) {
                return false
            }
        }
        return !text.unicodeScalars.contains { YAMLWriter.needsEscape($0) || $0.value == 0xA0 }
    }

}
