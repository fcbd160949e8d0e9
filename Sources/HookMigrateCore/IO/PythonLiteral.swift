import Foundation

/// Python source text for config scalars and names: what `repr` prints for `None`, `bool`, `int`,
/// `float` and `str`, and which names Python accepts as variables and keyword arguments.
///
/// Used by `PythonWriter`; every spelling here reads back in Python 3.8+ as the same value.
public enum PythonLiteral {
    /// A scalar as a Python expression: `None`, `True`, `1`, `1e-05`, `float('inf')`, `'text'`.
    public static func scalar(_ scalar: ConfigScalar) -> String {
        switch scalar {
        case .null: return "None"
        case .bool(let flag): return flag ? "True" : "False"
        case .int(let number): return String(number)
        case .float(let number): return float(number)
        case .string(let text): return string(text)
        }
    }

    /// A float as Python's `repr` spells it (`0.1`, `1e-05`, `100.0`, `-0.0`); the special values are
    /// the expressions `float('inf')`, `float('-inf')` and `float('nan')`, which have no literal.
    public static func float(_ number: Double) -> String {
        if number.isNaN { return "float('nan')" }
        if number.isInfinite { return number < 0 ? "float('-inf')" : "float('inf')" }
        return PythonFloat.repr(number)
    }

    /// Whether `scalar(_:)` of this float calls the builtin `float`.
    static func needsFloatBuiltin(_ scalar: ConfigScalar) -> Bool {
        if case .float(let number) = scalar { return !number.isFinite }
        return false
    }

    /// A string as Python's `repr` writes it: single quotes unless the text holds a `'` and no `"`;
    /// backslash, the quote, `\t`, `\n`, `\r` escaped; other non-printable characters as `\xhh`,
    /// `\uhhhh` or `\Uhhhhhhhh` (printable as `str.isprintable` defines it); everything else as it is.
    public static func string(_ text: String) -> String {
        // Printable ASCII without a backslash (almost every config string): only the quotes are chosen.
        let (simple, hasSingle, hasDouble) = UTF8Text.withBytes(text) { bytes -> (Bool, Bool, Bool) in
            var single = false
            var double = false
            for byte in bytes {
                switch byte {
                case 0x27: single = true
                case 0x22: double = true
                case 0x5C: return (false, false, false)
                case 0x20..<0x7F: continue
                default: return (false, false, false)
                }
            }
            return (true, single, double)
        }
        if simple, !(hasSingle && hasDouble) {
            return hasSingle ? "\"" + text + "\"" : "'" + text + "'"
        }
        return escapedString(text)
    }

    /// `string(_:)` scalar by scalar, with every escape.
    static func escapedString(_ text: String) -> String {
        let hasSingle = text.unicodeScalars.contains("'")
        let hasDouble = text.unicodeScalars.contains("\"")
        let quote: Unicode.Scalar = hasSingle && !hasDouble ? "\"" : "'"
        var result = String.UnicodeScalarView()
        result.append(quote)
        for scalar in text.unicodeScalars {
            switch scalar {
            case quote, "\\":
                result.append("\\")
                result.append(scalar)
            case "\t": result.append(contentsOf: "\\t".unicodeScalars)
            case "\n": result.append(contentsOf: "\\n".unicodeScalars)
            case "\r": result.append(contentsOf: "\\r".unicodeScalars)
            default:
                if isPrintable(scalar) {
                    result.append(scalar)
                } else {
                    result.append(contentsOf: escape(scalar).unicodeScalars)
                }
            }
        }
        result.append(quote)
        return String(result)
    }

    /// `str.isprintable` for one character: ASCII 0x20–0x7E, and non-ASCII characters outside the
    /// categories Cc, Cf, Cs, Co, Cn, Zl, Zp and Zs.
    static func isPrintable(_ scalar: Unicode.Scalar) -> Bool {
        if scalar.value < 0x80 { return scalar.value >= 0x20 && scalar.value != 0x7F }
        switch scalar.properties.generalCategory {
        case .control, .format, .surrogate, .privateUse, .unassigned, .lineSeparator, .paragraphSeparator, .spaceSeparator:
            return false
        default:
            return true
        }
    }

    static func escape(_ scalar: Unicode.Scalar) -> String {
        let hex = String(scalar.value, radix: 16, uppercase: false)
        if scalar.value <= 0xFF { return "\\x" + String(repeating: "0", count: 2 - hex.count) + hex }
        if scalar.value <= 0xFFFF { return "\\u" + String(repeating: "0", count: 4 - hex.count) + hex }
        return "\\U" + String(repeating: "0", count: 8 - hex.count) + hex
    }

    /// Python 3's reserved words (3.8 and later); none of them can be a variable or a keyword argument.
    public static let keywords: Set<String> = [
        "False", "None", "True", "and", "as", "assert", "async", "await", "break", "class", "continue",
        "def", "del", "elif", "else", "except", "finally", "for", "from", "global", "if", "import", "in",
        "is", "lambda", "nonlocal", "not", "or", "pass", "raise", "return", "try", "while", "with", "yield",
    ]

    /// Why `name` cannot be written as a Python name (`name = …` or `dict(name=…)`), or `nil` when it
    /// can: it must be an identifier (a letter or `_`, then letters, digits or `_`), not a reserved word,
    /// not `__debug__`, and already in NFKC form (Python normalizes identifiers, so `ﬁ` would become `fi`).
    public static func nameProblem(_ name: String) -> String? {
        // An ASCII name is tested on its bytes: an ASCII identifier is a letter or `_`, then letters, digits
        // or `_` (the XID properties of ASCII), and it is its own NFKC form.
        let ascii = UTF8Text.withBytes(name) { bytes -> Bool? in
            guard let first = bytes.first else { return nil }
            for byte in bytes where byte >= 0x80 { return nil }
            func isLetter(_ byte: UInt8) -> Bool { (byte | 0x20) &- 0x61 < 26 }
            guard first == 0x5F || isLetter(first) else { return false }
            for byte in bytes.dropFirst() where !(byte == 0x5F || isLetter(byte) || UTF8Text.isDigit(byte)) { return false }
            return true
        }
        if let ascii {
            guard ascii else { return "'\(name)' is not a Python identifier" }
            // The reader's keyword test: the name's bytes packed into an integer (every keyword has at most 8),
            // searched among the keywords' codes, not a hash of the string (the writer asks for every key).
            if PyKeywords.contains(code: PyToken.pack(name)) { return "'\(name)' is a Python keyword" }
            if name.utf8.count == 9, name == "__debug__" { return "Python does not allow assigning to '__debug__'" }
            return nil
        }
        return unicodeNameProblem(name)
    }

    /// `nameProblem(_:)` by Unicode properties, for names with non-ASCII characters (or the empty name).
    static func unicodeNameProblem(_ name: String) -> String? {
        guard let first = name.unicodeScalars.first else { return "the empty string is not a Python name" }
        guard first == "_" || first.properties.isXIDStart,
              name.unicodeScalars.dropFirst().allSatisfy({ $0 == "_" || $0.properties.isXIDContinue }) else {
            return "'\(name)' is not a Python identifier"
        }
        if keywords.contains(name) { return "'\(name)' is a Python keyword" }
        if name == "__debug__" { return "Python does not allow assigning to '__debug__'" }
        if name.unicodeScalars.contains(where: { !$0.isASCII }) {
            // Compared scalar by scalar: Swift's `==` on strings treats canonically equivalent text as equal.
            let normalized = name.precomposedStringWithCompatibilityMapping
            if !normalized.unicodeScalars.elementsEqual(name.unicodeScalars) {
                return "Python would read the identifier '\(name)' as '\(normalized)' (it normalizes names to NFKC)"
            }
        }
        return nil
    }

    /// Whether `name` can be written as a Python name (see `nameProblem(_:)`).
    public static func isName(_ name: String) -> Bool { nameProblem(name) == nil }
}
