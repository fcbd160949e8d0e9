import Foundation
import Testing
@testable import HookMigrateCore

/// Helpers shared by the Python reader tests.
enum PythonTestSupport {
    /// Reads Python source text as a `.py` file with no bases.
    static func read(_ text: String, path: String = "test.py", limits: ReadLimits = .default) throws -> ConfigNode {
        try PythonConfigReader(limits: limits).read(SourceText(path: path, text: text))
    }

    /// The config as Python's repr would print it, with tuples, key types and float reprs kept: the
    /// `typed()` of tools/oracle/py_snippets.py, byte for byte.
    static func typedRepr(_ node: ConfigNode) -> String {
        switch node.value {
        case .scalar(let scalar): return typedRepr(scalar)
        case .list(let list):
            let inner = list.items.map(typedRepr).joined(separator: ", ")
            if list.style == .tuple { return "(" + inner + (list.items.count == 1 ? "," : "") + ")" }
            return "[" + inner + "]"
        case .mapping(let mapping):
            return "{" + mapping.entries.map { typedRepr($0.key) + ": " + typedRepr($0.value) }.joined(separator: ", ") + "}"
        }
    }

    static func typedRepr(_ scalar: ConfigScalar) -> String {
        switch scalar {
        case .null: return "None"
        case .bool(let flag): return flag ? "True" : "False"
        case .int(let number): return String(number)
        case .float(let number): return PythonFloat.repr(number)
        case .string(let text): return PyEvaluator.quoted(text, asciiOnly: false)
        }
    }

    /// The snippets of a cases file: each after a line `### name`.
    static func cases(_ text: String) -> [(name: String, source: String)] {
        var result: [(String, String)] = []
        var name: String?
        var lines: [Substring] = []
        for line in text.split(separator: "\n", omittingEmptySubsequences: false) {
            if line.hasPrefix("### ") {
                if let name { result.append((name, lines.map { $0 + "\n" }.joined())) }
                name = String(line.dropFirst(4)).trimmingCharacters(in: .whitespaces)
                lines = []
            } else if name != nil {
                lines.append(line)
            }
        }
        if let name {
            if lines.last == "" { lines.removeLast() }
            result.append((name, lines.map { $0 + "\n" }.joined()))
        }
        return result
    }

    // MARK: Canonical JSON

    /// The canonical JSON text of a config's JSON projection, as Python's
    /// `json.dumps(obj, ensure_ascii=True)` writes it (separators `", "` and `": "`, floats by repr,
    /// `NaN`/`Infinity`, non-ASCII as `\uXXXX` escapes): what tools/oracle/py_corpus_fixture.py hashes.
    static func canonicalJSON(_ node: ConfigNode) -> String {
        var out = ""
        write(node.jsonProjection, into: &out)
        return out
    }

    private static func write(_ node: ConfigNode, into out: inout String) {
        switch node.value {
        case .scalar(let scalar):
            write(scalar, into: &out)
        case .list(let list):
            out += "["
            for (index, item) in list.items.enumerated() {
                if index > 0 { out += ", " }
                write(item, into: &out)
            }
            out += "]"
        case .mapping(let mapping):
            out += "{"
            for (index, entry) in mapping.entries.enumerated() {
                if index > 0 { out += ", " }
                write(entry.key, into: &out)
                out += ": "
                write(entry.value, into: &out)
            }
            out += "}"
        }
    }

    private static func write(_ scalar: ConfigScalar, into out: inout String) {
        switch scalar {
        case .null: out += "null"
        case .bool(let flag): out += flag ? "true" : "false"
        case .int(let number): out += String(number)
        case .float(let number):
            if number.isNaN { out += "NaN" } else if number.isInfinite { out += number < 0 ? "-Infinity" : "Infinity" } else { out += PythonFloat.repr(number) }
        case .string(let text):
            out += "\""
            for unit in text.utf16 {
                switch unit {
                case 0x22: out += "\\\""
                case 0x5C: out += "\\\\"
                case 0x0A: out += "\\n"
                case 0x0D: out += "\\r"
                case 0x09: out += "\\t"
                case 0x08: out += "\\b"
                case 0x0C: out += "\\f"
                case 0x20...0x7E: out.unicodeScalars.append(Unicode.Scalar(UInt8(unit)))
                default:
                    let hex = String(unit, radix: 16)
                    out += "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
                }
            }
            out += "\""
        }
    }

    /// 64-bit FNV-1a of the UTF-8 bytes, as 16 lower-case hex digits.
    static func fnv1a64(_ text: String) -> String {
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        for byte in text.utf8 {
            hash ^= UInt64(byte)
            hash = hash &* 0x0000_0100_0000_01B3
        }
        let hex = String(hash, radix: 16)
        return String(repeating: "0", count: 16 - hex.count) + hex
    }
}
