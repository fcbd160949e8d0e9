import Foundation

/// `str()`, `repr()` and `ascii()` of runtime values, and the guard against computing with
/// `{{ _base_.x }}` placeholders.
extension PyEvaluator {
    /// The marker in the placeholder strings `ConfigLoader` puts where a `{{ _base_.x }}` template was
    /// (`TemplateVariables.preSubstituteBaseVariables`).
    static let placeholderMarker = "_hookmigrate_base_variable_"

    static let placeholderMarkerBytes = Array(placeholderMarker.utf8)

    /// Whether a string holds the placeholder marker (a fast byte search: every string literal and
    /// every string operation asks).
    static func containsMarker(_ text: String) -> Bool { markerOffset(text) != nil }

    /// The byte offset of the first placeholder marker in `text`.
    static func markerOffset(_ text: String) -> Int? {
        let marker = placeholderMarkerBytes
        guard text.utf8.count >= marker.count else { return nil }
        var copy = text
        return copy.withUTF8 { bytes in
            var index = 0
            while index + marker.count <= bytes.count {
                if bytes[index] == marker[0], bytes[index + 1] == marker[1] {
                    var offset = 2
                    while offset < marker.count, bytes[index + offset] == marker[offset] { offset += 1 }
                    if offset == marker.count { return index }
                }
                index += 1
            }
            return nil
        }
    }

    /// Whether a string is a whole `{{ _base_.x }}` placeholder: `_`, a variable, the marker, a number.
    static func isPlaceholder(_ text: String) -> Bool {
        guard text.utf8.first == UInt8(ascii: "_"), let offset = markerOffset(text), offset > 1 else { return false }
        let number = text.utf8.dropFirst(offset + placeholderMarkerBytes.count)
        return !number.isEmpty && number.allSatisfy { $0 >= UInt8(ascii: "0") && $0 <= UInt8(ascii: "9") }
    }

    /// Refuses to compute with a placeholder: MMCV computes with a random string there.
    func checkPlaceholder(_ text: String, at pos: PyPos) throws {
        guard Self.containsMarker(text), Self.isPlaceholder(text) else { return }
        let variable = Self.markerOffset(text).flatMap { String(text.utf8.dropFirst().prefix($0 - 1)) } ?? "x"
        throw file.refusal("`{{ _base_.\(variable) }}` is used in an expression: MMCV only fills it in after the file has run, and while it runs it is a random string (`\"_\(variable)_1a2b3c\"`), so the result would be random; use the template as a whole value", at: pos)
    }

    /// Refuses a string literal that holds a placeholder as part of its text (a `{{ _base_.x }}`
    /// template written inside quotes).
    func checkLiteral(_ text: String, at pos: PyPos) throws {
        guard Self.containsMarker(text), !Self.isPlaceholder(text) else { return }
        throw file.refusal("a `{{ _base_.x }}` template inside a string literal becomes a random string in MMCV; use the template as a whole value", at: pos)
    }

    /// The code points of a string, each as a one-character string.
    func characters(of text: String, at pos: PyPos) throws -> [String] {
        try checkPlaceholder(text, at: pos)
        return text.unicodeScalars.map { String($0) }
    }

    // MARK: str, repr, ascii

    /// `str(x)`.
    func str(_ object: PyObj, at pos: PyPos) throws -> String {
        switch object.value {
        case .str(let text): return text
        default: return try repr(object, at: pos)
        }
    }

    /// `repr(x)`; `asciiOnly` gives `ascii(x)`.
    func repr(_ object: PyObj, at pos: PyPos, asciiOnly: Bool = false) throws -> String {
        var seen: [ObjectIdentifier] = []
        return try repr(object, at: pos, asciiOnly: asciiOnly, seen: &seen, depth: 0)
    }

    private func repr(_ object: PyObj, at pos: PyPos, asciiOnly: Bool, seen: inout [ObjectIdentifier], depth: Int) throws -> String {
        if depth > recursionBound { throw tooDeep("the value's items", at: pos) }
        switch object.value {
        case .none: return "None"
        case .bool(let flag): return flag ? "True" : "False"
        case .int(let number): return String(number)
        case .float(let number): return PythonFloat.repr(number)
        case .str(let text):
            try checkPlaceholder(text, at: object.pos)
            return Self.quoted(text, asciiOnly: asciiOnly)
        case .list(let list):
            let id = ObjectIdentifier(list)
            if seen.contains(id) { return "[...]" }
            seen.append(id)
            defer { seen.removeLast() }
            var parts: [String] = []
            for item in list.items { parts.append(try repr(item, at: pos, asciiOnly: asciiOnly, seen: &seen, depth: depth + 1)) }
            return "[" + parts.joined(separator: ", ") + "]"
        case .tuple(let items):
            var parts: [String] = []
            for item in items { parts.append(try repr(item, at: pos, asciiOnly: asciiOnly, seen: &seen, depth: depth + 1)) }
            return items.count == 1 ? "(" + parts[0] + ",)" : "(" + parts.joined(separator: ", ") + ")"
        case .dict(let dict):
            let id = ObjectIdentifier(dict)
            if seen.contains(id) { return "{...}" }
            seen.append(id)
            defer { seen.removeLast() }
            var parts: [String] = []
            for entry in dict.entries {
                parts.append(try repr(entry.key, at: pos, asciiOnly: asciiOnly, seen: &seen, depth: depth + 1) + ": "
                             + repr(entry.value, at: pos, asciiOnly: asciiOnly, seen: &seen, depth: depth + 1))
            }
            return "{" + parts.joined(separator: ", ") + "}"
        case .range(let range):
            return range.step == 1 ? "range(\(range.start), \(range.stop))" : "range(\(range.start), \(range.stop), \(range.step))"
        case .slice(let slice):
            let parts = try [slice.lower, slice.upper, slice.step].map { part -> String in
                guard let part else { return "None" }
                return try repr(part, at: pos, asciiOnly: asciiOnly, seen: &seen, depth: depth + 1)
            }
            return "slice(" + parts.joined(separator: ", ") + ")"
        case .view(let view):
            var parts: [String] = []
            for entry in view.dict.entries {
                switch view.kind {
                case .keys: parts.append(try repr(entry.key, at: pos, asciiOnly: asciiOnly, seen: &seen, depth: depth + 1))
                case .values: parts.append(try repr(entry.value, at: pos, asciiOnly: asciiOnly, seen: &seen, depth: depth + 1))
                case .items:
                    parts.append(try repr(PyObj(.tuple([entry.key, entry.value]), at: pos), at: pos, asciiOnly: asciiOnly, seen: &seen, depth: depth + 1))
                }
            }
            return view.typeName + "([" + parts.joined(separator: ", ") + "])"
        case .builtin(let builtin):
            return builtin.isType ? "<class '\(builtin.rawValue)'>" : "<built-in function \(builtin.rawValue)>"
        case .iterator(let iterator):
            throw file.refusal("the text of a \(iterator.typeName) object holds its memory address, which changes from run to run; it is not supported in config files", at: pos)
        }
    }

    /// Python's `repr` of a string: single quotes unless the text has a single quote and no double
    /// quote; escapes for quotes, backslashes, control and non-printable characters.
    static func quoted(_ text: String, asciiOnly: Bool) -> String {
        let quote: Unicode.Scalar = text.unicodeScalars.contains("'") && !text.unicodeScalars.contains("\"") ? "\"" : "'"
        var result = String.UnicodeScalarView()
        result.append(quote)
        func hex(_ value: UInt32, _ width: Int) -> String {
            let digits = String(value, radix: 16)
            return String(repeating: "0", count: max(0, width - digits.count)) + digits
        }
        for scalar in text.unicodeScalars {
            switch scalar {
            case quote, "\\":
                result.append("\\")
                result.append(scalar)
            case "\t": result.append(contentsOf: "\\t".unicodeScalars)
            case "\n": result.append(contentsOf: "\\n".unicodeScalars)
            case "\r": result.append(contentsOf: "\\r".unicodeScalars)
            default:
                let value = scalar.value
                if value < 0x20 || value == 0x7F {
                    result.append(contentsOf: ("\\x" + hex(value, 2)).unicodeScalars)
                } else if value < 0x7F {
                    result.append(scalar)
                } else if !asciiOnly, isPrintable(scalar) {
                    result.append(scalar)
                } else if value <= 0xFF {
                    result.append(contentsOf: ("\\x" + hex(value, 2)).unicodeScalars)
                } else if value <= 0xFFFF {
                    result.append(contentsOf: ("\\u" + hex(value, 4)).unicodeScalars)
                } else {
                    result.append(contentsOf: ("\\U" + hex(value, 8)).unicodeScalars)
                }
            }
        }
        result.append(quote)
        return String(result)
    }

    /// Python's `str.isprintable` for one character: not a control, format, surrogate, private-use,
    /// unassigned or separator character (the space excepted).
    static func isPrintable(_ scalar: Unicode.Scalar) -> Bool {
        if scalar == " " { return true }
        switch scalar.properties.generalCategory {
        case .control, .format, .surrogate, .privateUse, .unassigned, .lineSeparator, .paragraphSeparator, .spaceSeparator:
            return false
        default:
            return true
        }
    }
}
