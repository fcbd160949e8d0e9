/// How a plain (unquoted, untagged) YAML scalar becomes a value: the YAML 1.1 rules of PyYAML's
/// resolver, which is what MMCV reads configs with. So `1.0e-05` is a float but `1e-05` is a string
/// (YAML 1.1 floats need a dot), `yes`/`off` are bools, `010` is the octal int 8, `~` is null.
/// Dates stay strings (hookmigrate has no date type; MMCV would build a `datetime.date`).
///
/// Every test runs on the text's UTF-8 bytes, as PyYAML's regular expressions run on code points: a
/// digit is an ASCII digit, so `1` followed by a combining accent, or a full-width digit, is text. Most
/// scalars of a config are names (`type`, `SGD`): their first byte alone tells that they are strings.
enum YAML11Scalar {
    /// The value of a plain scalar's text.
    static func resolve(_ text: String) -> ConfigScalar {
        guard let lead = text.utf8.first else { return .null }
        if isWordLead(lead) {
            if isNull(text) { return .null }
            if let flag = bool(text) { return .bool(flag) }
            return .string(text)
        }
        guard isNumberLead(lead) else { return .string(text) }
        return withBytes(text) { bytes in
            if isFloat(bytes), let value = floatValue(text) { return .float(value) }
            if isInt(bytes), let value = intValue(text) { return .int(value) }
            return .string(text)
        }
    }

    /// Whether the text would resolve to anything but a string.
    static func resolvesToNonString(_ text: String) -> Bool {
        guard let lead = text.utf8.first else { return true }
        if isWordLead(lead) { return isNull(text) || bool(text) != nil }
        guard isNumberLead(lead) else { return false }
        return withBytes(text) { isFloat($0) || isInt($0) }
    }

    /// The first bytes of the null and bool words: `~`, `n`/`N` (null, no), `y`/`Y`, `t`/`T`, `o`/`O`, `f`/`F`.
    @inline(__always) static func isWordLead(_ byte: UInt8) -> Bool {
        switch byte {
        case 0x7E, 0x6E, 0x4E, 0x79, 0x59, 0x74, 0x54, 0x6F, 0x4F, 0x66, 0x46: return true
        default: return false
        }
    }

    /// The first bytes of ints and floats: a sign, a dot or a digit.
    @inline(__always) static func isNumberLead(_ byte: UInt8) -> Bool {
        byte == 0x2D || byte == 0x2B || byte == 0x2E || isDigit(byte)
    }

    @inline(__always) static func isDigit(_ byte: UInt8) -> Bool { UTF8Text.isDigit(byte) }

    @inline(__always) static func withBytes<Result>(_ text: String, _ body: (UnsafeBufferPointer<UInt8>) -> Result) -> Result {
        UTF8Text.withBytes(text, body)
    }

    static func isNull(_ text: String) -> Bool {
        text.isEmpty || text == "~" || text == "null" || text == "Null" || text == "NULL"
    }

    static func bool(_ text: String) -> Bool? {
        // The words are 2 to 5 bytes long: anything else is no bool, without comparing.
        guard (2...5).contains(text.utf8.count) else { return nil }
        switch text {
        case "yes", "Yes", "YES", "true", "True", "TRUE", "on", "On", "ON": return true
        case "no", "No", "NO", "false", "False", "FALSE", "off", "Off", "OFF": return false
        default: return nil
        }
    }

    // MARK: int: [-+]?0b[0-1_]+ | [-+]?0[0-7_]+ | [-+]?(0|[1-9][0-9_]*) | [-+]?0x[0-9a-fA-F_]+ | [-+]?[1-9][0-9_]*(:[0-5]?[0-9])+

    static func isInt(_ text: String) -> Bool { withBytes(text, isInt) }

    static func isInt(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        let count = bytes.count
        var start = 0
        if count > 0, bytes[0] == 0x2D || bytes[0] == 0x2B { start = 1 }
        guard start < count else { return false }
        let first = bytes[start]
        let length = count - start
        func all(from index: Int, _ accepts: (UInt8) -> Bool) -> Bool {
            var cursor = index
            while cursor < count {
                guard accepts(bytes[cursor]) else { return false }
                cursor += 1
            }
            return true
        }
        if length >= 2, first == 0x30, bytes[start + 1] == 0x62 { // 0b
            return length > 2 && all(from: start + 2) { $0 == 0x30 || $0 == 0x31 || $0 == 0x5F }
        }
        if length >= 2, first == 0x30, bytes[start + 1] == 0x78 { // 0x
            return length > 2 && all(from: start + 2) { isDigit($0) || ($0 | 0x20) &- 0x61 < 6 || $0 == 0x5F }
        }
        if length == 1, first == 0x30 { return true }
        if first == 0x30 { return all(from: start + 1) { $0 &- 0x30 < 8 || $0 == 0x5F } }
        guard first &- 0x31 < 9 else { return false }
        var colon = start
        while colon < count, bytes[colon] != 0x3A { colon += 1 }
        guard colon < count else { return all(from: start) { isDigit($0) || $0 == 0x5F } }
        // Sexagesimal: a head of digits, then `:` and one digit or two (the first 0-5), again and again.
        for index in start..<colon where !(isDigit(bytes[index]) || bytes[index] == 0x5F) { return false }
        var cursor = colon
        while cursor < count {
            // bytes[cursor] is a colon: the part after it runs to the next colon or the end.
            var end = cursor + 1
            while end < count, bytes[end] != 0x3A { end += 1 }
            guard isSexagesimalDigitPair(bytes, from: cursor + 1, to: end) else { return false }
            cursor = end
        }
        return true
    }

    /// `[0-5]?[0-9]` exactly, over bytes[from..<to].
    static func isSexagesimalDigitPair(_ bytes: UnsafeBufferPointer<UInt8>, from: Int, to: Int) -> Bool {
        switch to - from {
        case 1: return isDigit(bytes[from])
        case 2: return bytes[from] &- 0x30 < 6 && isDigit(bytes[from + 1])
        default: return false
        }
    }

    static func intValue(_ text: String) -> Int? {
        // The common spelling, `[-+]?[1-9][0-9]*`, is what Int's own parser reads (Int.min included).
        let plain = withBytes(text) { bytes -> Bool in
            var start = 0
            if bytes.count > 0, bytes[0] == 0x2D || bytes[0] == 0x2B { start = 1 }
            guard start < bytes.count, bytes[start] &- 0x31 < 9 else { return false }
            for index in (start + 1)..<bytes.count where !isDigit(bytes[index]) { return false }
            return true
        }
        if plain { return Int(text) }
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

    static func isFloat(_ text: String) -> Bool { withBytes(text, isFloat) }

    /// PyYAML's float pattern: `[-+]?[0-9][0-9_]*\.[0-9_]*([eE][-+][0-9]+)?`, `\.[0-9][0-9_]*([eE][-+][0-9]+)?`,
    /// `[-+]?[0-9][0-9_]*(:[0-5]?[0-9])+\.[0-9_]*`, `[-+]?\.(inf|Inf|INF)`, `\.(nan|NaN|NAN)`.
    static func isFloat(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        let count = bytes.count
        // Every float starts with a sign, a dot or a digit: other text (a long string) is no float, at once.
        guard count > 0, isNumberLead(bytes[0]) else { return false }
        func equals(from index: Int, _ word: StaticString) -> Bool {
            guard count - index == word.utf8CodeUnitCount else { return false }
            let pointer = word.utf8Start
            for offset in 0..<word.utf8CodeUnitCount where bytes[index + offset] != pointer[offset] { return false }
            return true
        }
        if equals(from: 0, ".nan") || equals(from: 0, ".NaN") || equals(from: 0, ".NAN") { return true }
        var start = 0
        var signed = false
        if bytes[0] == 0x2D || bytes[0] == 0x2B { start = 1; signed = true }
        if equals(from: start, ".inf") || equals(from: start, ".Inf") || equals(from: start, ".INF") { return true }
        guard start < count else { return false }
        func skipDigits(from index: Int) -> Int {
            var cursor = index
            while cursor < count, isDigit(bytes[cursor]) || bytes[cursor] == 0x5F { cursor += 1 }
            return cursor
        }
        if bytes[start] == 0x2E {
            // \.[0-9][0-9_]*([eE][-+][0-9]+)? with no sign allowed.
            guard !signed, start + 1 < count, isDigit(bytes[start + 1]) else { return false }
            return isExponent(bytes, from: skipDigits(from: start + 2))
        }
        guard isDigit(bytes[start]) else { return false }
        var cursor = skipDigits(from: start + 1)
        if cursor < count, bytes[cursor] == 0x3A {
            // [0-9][0-9_]*(:[0-5]?[0-9])+\.[0-9_]*
            while cursor < count, bytes[cursor] == 0x3A {
                var end = cursor + 1
                while end < count, isDigit(bytes[end]) { end += 1 }
                guard isSexagesimalDigitPair(bytes, from: cursor + 1, to: end) else { return false }
                cursor = end
            }
            guard cursor < count, bytes[cursor] == 0x2E else { return false }
            return skipDigits(from: cursor + 1) == count
        }
        guard cursor < count, bytes[cursor] == 0x2E else { return false }
        cursor = skipDigits(from: cursor + 1)
        return isExponent(bytes, from: cursor)
    }

    /// Empty, or `[eE][-+][0-9]+` exactly, over bytes[index...].
    static func isExponent(_ bytes: UnsafeBufferPointer<UInt8>, from index: Int) -> Bool {
        let count = bytes.count
        if index == count { return true }
        guard bytes[index] | 0x20 == 0x65, index + 1 < count, bytes[index + 1] == 0x2D || bytes[index + 1] == 0x2B,
              index + 2 < count else { return false }
        for cursor in (index + 2)..<count where !isDigit(bytes[cursor]) { return false }
        return true
    }

    static func floatValue(_ text: String) -> Double? {
        // The common spelling, `[-+]?[0-9]+\.[0-9]+([eE][-+]?[0-9]+)?`, is what Double's own parser reads.
        let plain = withBytes(text) { bytes -> Bool in
            let count = bytes.count
            var cursor = 0
            if count > 0, bytes[0] == 0x2D || bytes[0] == 0x2B { cursor = 1 }
            let integerStart = cursor
            while cursor < count, isDigit(bytes[cursor]) { cursor += 1 }
            guard cursor > integerStart, cursor < count, bytes[cursor] == 0x2E else { return false }
            cursor += 1
            let fractionStart = cursor
            while cursor < count, isDigit(bytes[cursor]) { cursor += 1 }
            guard cursor > fractionStart else { return false }
            if cursor == count { return true }
            guard bytes[cursor] | 0x20 == 0x65 else { return false }
            cursor += 1
            if cursor < count, bytes[cursor] == 0x2D || bytes[cursor] == 0x2B { cursor += 1 }
            let exponentStart = cursor
            while cursor < count, isDigit(bytes[cursor]) { cursor += 1 }
            return cursor > exponentStart && cursor == count
        }
        if plain { return Double(text) }
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
