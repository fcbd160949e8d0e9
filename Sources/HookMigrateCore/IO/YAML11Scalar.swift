/// How a plain (unquoted, untagged) YAML scalar becomes a value: the YAML 1.1 rules of PyYAML's
/// resolver, which is what MMCV reads configs with. So `1.0e-05` is a float but `1e-05` is a string
/// (YAML 1.1 floats need a dot), `yes`/`off` are bools, `010` is the octal int 8, `~` is null.
/// Dates stay strings (hookmigrate has no date type; MMCV would build a `datetime.date`).
enum YAML11Scalar {
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

extension Character {
    var isASCIIDigit: Bool { ("0"..."9").contains(self) }
}

extension String {
    func replacingAll(_ target: Character, with replacement: String) -> String {
        guard contains(target) else { return self }
        var result = ""
        for character in self {
            if character == target { result += replacement } else { result.append(character) }
        }
        return result
    }
}
