/// Writes a config as JSON, deterministically: the same config gives the same bytes.
///
/// Keys keep the config's order. Floats are written as Python writes them (`1e-05`, `0.1`, `100.0`),
/// so an int never turns into a float or back. NaN and infinities are written `NaN`, `Infinity`,
/// `-Infinity`, as Python's json does. JSON has no tuples and only string keys: tuples become arrays,
/// and int, float, bool and null keys become their JSON text (`1` → `"1"`), exactly as `json.dump`
/// does — `ConfigNode.jsonProjection` is that change on its own.
public struct JSONWriter: Sendable {
    /// How the JSON is laid out.
    public enum Layout: Sendable, Equatable {
        /// Indented by two spaces a level; arrays of scalars that fit stay on one line.
        case pretty
        /// One line with `", "` and `": "` separators, as MMCV's `cfg.dump("x.json")` writes.
        case mmcv
    }

    /// The layout.
    public var layout: Layout

    /// Creates a writer.
    public init(layout: Layout = .pretty) {
        self.layout = layout
    }

    /// The JSON text, ending in a newline for `.pretty` and without one for `.mmcv`.
    public func write(_ node: ConfigNode) throws -> String {
        let layout = self.layout
        return try LargeStack.run(inline: LargeStack.isShallow(node)) {
            var output = TextBytes()
            JSONWriter.emit(node, indent: 0, layout: layout, into: &output)
            if layout == .pretty { output.add("\n") }
            return output.text
        }
    }

    /// Appends a node's text, piece by piece, as bytes.
    static func emit(_ node: ConfigNode, indent: Int, layout: Layout, into output: inout TextBytes) {
        switch node.value {
        case .scalar(let scalar):
            appendScalar(scalar, into: &output)
        case .list(let list):
            if list.items.isEmpty {
                output.add("[]")
            } else if layout == .mmcv {
                output.add("[")
                for (index, item) in list.items.enumerated() {
                    if index > 0 { output.add(", ") }
                    emit(item, indent: indent, layout: layout, into: &output)
                }
                output.add("]")
            } else if let inline = inlineScalars(list, indent: indent) {
                output.add(inline)
            } else {
                output.add("[\n")
                for (index, item) in list.items.enumerated() {
                    output.addSpaces(indent + 2)
                    emit(item, indent: indent + 2, layout: layout, into: &output)
                    output.add(index + 1 < list.items.count ? ",\n" : "\n")
                }
                output.addSpaces(indent)
                output.add("]")
            }
        case .mapping(let mapping):
            if mapping.isEmpty {
                output.add("{}")
            } else if layout == .mmcv {
                output.add("{")
                for (index, entry) in mapping.entries.enumerated() {
                    if index > 0 { output.add(", ") }
                    appendQuoted(keyText(entry.key), into: &output)
                    output.add(": ")
                    emit(entry.value, indent: indent, layout: layout, into: &output)
                }
                output.add("}")
            } else {
                output.add("{\n")
                for (index, entry) in mapping.entries.enumerated() {
                    output.addSpaces(indent + 2)
                    appendQuoted(keyText(entry.key), into: &output)
                    output.add(": ")
                    emit(entry.value, indent: indent + 2, layout: layout, into: &output)
                    output.add(index + 1 < mapping.count ? ",\n" : "\n")
                }
                output.addSpaces(indent)
                output.add("}")
            }
        }
    }

    /// Appends a scalar's text (a string quoted in place).
    static func appendScalar(_ scalar: ConfigScalar, into output: inout TextBytes) {
        if case .string(let text) = scalar {
            appendQuoted(text, into: &output)
        } else {
            output.add(scalarText(scalar))
        }
    }

    /// Appends `quoted(text)`.
    static func appendQuoted(_ text: String, into output: inout TextBytes) {
        if needsNoEscape(text) {
            output.add("\"")
            output.add(text)
            output.add("\"")
        } else {
            output.add(quoted(text))
        }
    }

    /// Whether a string has no byte that JSON escapes (a quote, a backslash, a control character).
    static func needsNoEscape(_ text: String) -> Bool {
        UTF8Text.withBytes(text) { bytes in
            for byte in bytes where byte < 0x20 || byte == 0x22 || byte == 0x5C { return false }
            return true
        }
    }

    /// `[1, 2, 3]` when every item is a scalar and the line stays within 100 columns.
    static func inlineScalars(_ list: ConfigList, indent: Int) -> String? {
        var parts: [String] = []
        var width = indent + 2
        for item in list.items {
            guard case .scalar(let scalar) = item.value else { return nil }
            let text = scalarText(scalar)
            width += UTF8Text.characterCount(text) + 2
            if width > 100 { return nil }
            parts.append(text)
        }
        return "[" + parts.joined(separator: ", ") + "]"
    }

    /// A scalar as JSON text.
    public static func scalarText(_ scalar: ConfigScalar) -> String {
        switch scalar {
        case .null: return "null"
        case .bool(let flag): return flag ? "true" : "false"
        case .int(let number): return String(number)
        case .float(let number):
            if number.isNaN { return "NaN" }
            if number.isInfinite { return number < 0 ? "-Infinity" : "Infinity" }
            return PythonFloat.repr(number)
        case .string(let text): return quoted(text)
        }
    }

    /// A key as `json.dump` turns it into a string.
    public static func keyText(_ key: ConfigScalar) -> String {
        switch key {
        case .string(let text): return text
        case .float(let number):
            if number.isNaN { return "NaN" }
            if number.isInfinite { return number < 0 ? "-Infinity" : "Infinity" }
            return PythonFloat.repr(number)
        default: return scalarText(key)
        }
    }

    /// A JSON string literal; control characters escaped, everything else written as UTF-8.
    public static func quoted(_ text: String) -> String {
        // Most strings need no escape: written as they are.
        if needsNoEscape(text) { return "\"" + text + "\"" }
        var result = "\""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\"": result += "\\\""
            case "\\": result += "\\\\"
            case "\n": result += "\\n"
            case "\r": result += "\\r"
            case "\t": result += "\\t"
            case "\u{08}": result += "\\b"
            case "\u{0C}": result += "\\f"
            default:
                if scalar.value < 0x20 {
                    let hex = String(scalar.value, radix: 16)
                    result += "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
                } else {
                    result.unicodeScalars.append(scalar)
                }
            }
        }
        return result + "\""
    }
}

extension ConfigNode {
    /// The config as JSON can hold it, which is what MMCV's JSON dump of it holds: tuples become lists,
    /// and int, float, bool and null keys become strings (`0` → `"0"`).
    public var jsonProjection: ConfigNode {
        switch value {
        case .scalar:
            return self
        case .list(let list):
            return ConfigNode(ConfigList(list.items.map(\.jsonProjection), style: .list), at: location)
        case .mapping(let mapping):
            let entries = mapping.entries.map {
                ConfigMapping.Entry(key: .string(JSONWriter.keyText($0.key)), keyLocation: $0.keyLocation,
                                    value: $0.value.jsonProjection)
            }
            return ConfigNode(ConfigMapping(entries), at: location)
        }
    }
}
