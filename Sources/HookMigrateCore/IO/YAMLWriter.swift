/// Writes a config as block-style YAML, deterministically: the same config gives the same bytes.
///
/// Keys keep the config's order (MMCV's own dump sorts them; hookmigrate does not, so a converted
/// config reads in the order its author wrote). Tuples are tagged `!!python/tuple` so MMCV and MMEngine
/// read them back as tuples. Floats are spelled as PyYAML spells them (`1.0e-05`: YAML 1.1 needs the dot),
/// and every string that would read back as something else (`'1'`, `'yes'`, `'null'`, `'1e5'`) is quoted.
/// Lists of scalars that fit in 100 columns are written inline (`[1333, 800]`).
public struct YAMLWriter: Sendable {
    /// Creates a writer.
    public init() {}

    /// The YAML text, ending in a newline.
    public func write(_ node: ConfigNode) throws -> String {
        try LargeStack.run(inline: LargeStack.isShallow(node)) {
            var output = TextBytes()
            switch node.value {
            case .mapping(let mapping) where !mapping.isEmpty:
                YAMLWriter.emitMapping(mapping, indent: 0, firstPrefix: nil, into: &output)
            case .list(let list) where !list.items.isEmpty && YAMLWriter.inlineScalars(list, indent: 0) == nil:
                if list.style == .tuple { output.add("!!python/tuple\n") }
                YAMLWriter.emitSequence(list, indent: 0, firstPrefix: nil, into: &output)
            default:
                output.add(YAMLWriter.inlineText(node, indent: 0) ?? "")
                output.add("\n")
            }
            return output.text
        }
    }

    static let tupleTag = "!!python/tuple"
    /// The shortest key written as an explicit `? key` entry (PyYAML's emitter: a simple key is under 128).
    static let longestSimpleKey = 128

    /// Mapping entries, one a line at `indent`; the first line starts with `firstPrefix` instead of the
    /// indentation when given (a mapping inside a list item: `- key: value`).
    static func emitMapping(_ mapping: ConfigMapping, indent: Int, firstPrefix: String?, into output: inout TextBytes) {
        let pad = String(repeating: " ", count: indent)
        for (index, entry) in mapping.entries.enumerated() {
            output.add((index == 0 ? firstPrefix : nil) ?? pad)
            let key = scalarText(entry.key, isKey: true)
            if UTF8Text.characterCount(key) >= longestSimpleKey {
                // YAML readers take an implicit key of at most 1024 characters (libyaml refuses a longer one);
                // PyYAML writes a key of 128 or more as an explicit `? key` entry, and so does this writer.
                output.add("? " + key + "\n" + pad + ":")
            } else {
                output.add(key)
                output.add(":")
            }
            emitValue(entry.value, indent: indent, into: &output)
        }
    }

    /// What follows `key:` — inline for scalars and short lists, else a block on the next lines.
    static func emitValue(_ node: ConfigNode, indent: Int, into output: inout TextBytes) {
        if let inline = inlineText(node, indent: indent) {
            output.add(" ")
            output.add(inline)
            output.add("\n")
            return
        }
        switch node.value {
        case .mapping(let mapping):
            output.add("\n")
            emitMapping(mapping, indent: indent + 2, firstPrefix: nil, into: &output)
        case .list(let list):
            output.add((list.style == .tuple ? " " + tupleTag : "") + "\n")
            // PyYAML's layout: a list under a key is not indented further.
            emitSequence(list, indent: indent, firstPrefix: nil, into: &output)
        case .scalar:
            break // inlineText handles every scalar
        }
    }

    static func emitSequence(_ list: ConfigList, indent: Int, firstPrefix: String?, into output: inout TextBytes) {
        let pad = String(repeating: " ", count: indent)
        for (index, item) in list.items.enumerated() {
            let dash = ((index == 0 ? firstPrefix : nil) ?? pad) + "- "
            if let inline = inlineText(item, indent: indent + 2) {
                output.add(dash)
                output.add(inline)
                output.add("\n")
                continue
            }
            switch item.value {
            case .mapping(let mapping):
                emitMapping(mapping, indent: indent + 2, firstPrefix: dash, into: &output)
            case .list(let inner):
                if inner.style == .tuple {
                    output.add(dash + tupleTag + "\n")
                    emitSequence(inner, indent: indent + 2, firstPrefix: nil, into: &output)
                } else {
                    emitSequence(inner, indent: indent + 2, firstPrefix: dash, into: &output)
                }
            case .scalar:
                break
            }
        }
    }

    /// A node written on one line: scalars, empty collections, lists of scalars that fit.
    static func inlineText(_ node: ConfigNode, indent: Int) -> String? {
        switch node.value {
        case .scalar(let scalar):
            return scalarText(scalar, isKey: false)
        case .mapping(let mapping):
            return mapping.isEmpty ? "{}" : nil
        case .list(let list):
            let tag = list.style == .tuple ? tupleTag + " " : ""
            if list.items.isEmpty { return tag + "[]" }
            return inlineScalars(list, indent: indent).map { tag + $0 }
        }
    }

    static func inlineScalars(_ list: ConfigList, indent: Int) -> String? {
        var parts: [String] = []
        var width = indent + 2 + (list.style == .tuple ? tupleTag.count + 1 : 0)
        for item in list.items {
            guard case .scalar(let scalar) = item.value else { return nil }
            let text = scalarText(scalar, isKey: false)
            width += UTF8Text.characterCount(text) + 2
            if width > 100 { return nil }
            parts.append(text)
        }
        return "[" + parts.joined(separator: ", ") + "]"
    }

    /// A scalar as YAML text that reads back as the same scalar under YAML 1.1 and 1.2 readers.
    public static func scalarText(_ scalar: ConfigScalar, isKey: Bool) -> String {
        switch scalar {
        case .null: return "null"
        case .bool(let flag): return flag ? "true" : "false"
        case .int(let number): return String(number)
        case .float(let number): return floatText(number)
        case .string(let text): return stringText(text)
        }
    }

    /// PyYAML's float spelling: `repr`, with `.0` put before an exponent that has no dot.
    public static func floatText(_ number: Double) -> String {
        if number.isNaN { return ".nan" }
        if number.isInfinite { return number < 0 ? "-.inf" : ".inf" }
        let text = PythonFloat.repr(number)
        if !text.contains("."), let e = text.firstIndex(of: "e") {
            return text[..<e] + ".0" + text[e...]
        }
        return text
    }

    static let indicators: Set<Character> = ["-", "?", ":", ",", "[", "]", "{", "}", "#", "&", "*", "!", "|", ">", "'", "\"", "%", "@", "`", "<", "=", "~"]
    static let flowBreakers: Set<Character> = [",", "[", "]", "{", "}", "#"]
    static let yaml12Words: Set<String> = ["y", "Y", "n", "N", "true", "false", "null", "True", "False", "Null", "TRUE", "FALSE", "NULL"]

    /// A string plain when it is unambiguous, single-quoted when it only needs quoting, double-quoted
    /// with escapes when it holds line breaks or control characters.
    public static func stringText(_ text: String) -> String {
        if canBePlain(text) { return text }
        let needsEscapes = text.unicodeScalars.contains(where: needsEscape)
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
                if needsEscape(scalar) {
                    let hex = String(scalar.value, radix: 16, uppercase: true)
                    result += "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
                } else {
                    result.unicodeScalars.append(scalar)
                }
            }
        }
        return result + "\""
    }

    /// Whether a string can be written plain. An ASCII string (almost every config string) is tested on its
    /// bytes, in one pass; any other on its characters (`canBePlainCharacters`).
    static func canBePlain(_ text: String) -> Bool {
        guard !text.isEmpty else { return false }
        return UTF8Text.withBytes(text) { bytes in
            for byte in bytes where byte >= 0x80 { return canBePlainCharacters(text) }
            return canBePlainASCII(bytes, text)
        }
    }

    /// `canBePlainCharacters` for an ASCII string, on its bytes. (The one ASCII character of two bytes,
    /// CR LF, holds control characters, which no plain string has.)
    static func canBePlainASCII(_ bytes: UnsafeBufferPointer<UInt8>, _ text: String) -> Bool {
        let count = bytes.count
        let first = bytes[0]
        let last = bytes[count - 1]
        if first == 0x20 || last == 0x20 || isIndicator(first) { return false }
        if isYAML12Word(text) || YAML11Scalar.resolvesToNonString(text) { return false }
        // Anything number-like is quoted, so YAML 1.2 readers (which read `1e5` as a float) agree.
        if UTF8Text.isDigit(first) || ((first == 0x2B || first == 0x2E) && count > 1) { return false }
        if last == 0x3A { return false }
        for index in 0..<count {
            switch bytes[index] {
            case 0x00..<0x20, 0x7F: return false // control characters
            case 0x2C, 0x5B, 0x5D, 0x7B, 0x7D, 0x23: return false // flow breakers , [ ] { } #
            case 0x3A where index + 1 < count && bytes[index + 1] == 0x20: return false // ": "
            default: continue
            }
        }
        return true
    }

    /// The indicators as bytes (`indicators`).
    @inline(__always) static func isIndicator(_ byte: UInt8) -> Bool {
        switch byte {
        case 0x2D, 0x3F, 0x3A, 0x2C, 0x5B, 0x5D, 0x7B, 0x7D, 0x23, 0x26, 0x2A, 0x21, 0x7C, 0x3E, 0x27, 0x22, 0x25, 0x40, 0x60, 0x3C, 0x3D, 0x7E:
            return true
        default:
            return false
        }
    }

    /// Whether the text is one of `yaml12Words`.
    static func isYAML12Word(_ text: String) -> Bool {
        guard text.utf8.count <= 5 else { return false }
        switch text {
        case "y", "Y", "n", "N", "true", "false", "null", "True", "False", "Null", "TRUE", "FALSE", "NULL": return true
        default: return false
        }
    }

    /// Whether a string can be written plain, character by character: not empty, no leading or trailing
    /// blank, no indicator first, nothing that resolves to another type under YAML 1.1 or 1.2, nothing
    /// number-like, no `: `, ` #`, flow breakers, control characters or non-breaking spaces.
    static func canBePlainCharacters(_ text: String) -> Bool {
        guard let first = text.first, let last = text.last else { return false }
        if first == " " || last == " " || indicators.contains(first) { return false }
        if yaml12Words.contains(text) || YAML11Scalar.resolvesToNonString(text) { return false }
        // Anything number-like is quoted, so YAML 1.2 readers (which read `1e5` as a float) agree.
        if first.isASCIIDigit || ((first == "+" || first == ".") && text.count > 1) { return false }
        if last == ":" || text.contains(": ") || text.contains(" #") { return false }
        for character in text {
            if flowBreakers.contains(character) { return false }
            if character.unicodeScalars.contains(where: { $0.value < 0x20 || $0.value == 0x7F || $0.value >= 0x80 && !$0.properties.isAlphabetic && !$0.properties.isWhitespace && $0.value < 0xA0 }) {
                return false
            }
        }
        return !text.unicodeScalars.contains { needsEscape($0) || $0.value == 0xA0 }
    }

    /// A character written as an escape in a double-quoted scalar: those outside YAML's printable set (C0
    /// and C1 controls, DEL, U+FFFE, U+FFFF), which readers refuse in the text, and the line and paragraph
    /// separators and the byte-order mark, which they would fold or drop.
    static func needsEscape(_ scalar: Unicode.Scalar) -> Bool {
        let value = scalar.value
        return value < 0x20 || (0x7F...0x9F).contains(value) || value == 0x2028 || value == 0x2029 || value == 0xFEFF
            || value == 0xFFFE || value == 0xFFFF
    }
}
