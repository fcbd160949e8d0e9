/// MMCV's text templates, replaced in a config file's text before it is parsed:
/// `{{ fileDirname }}`, `{{ fileBasename }}`, `{{ fileBasenameNoExtension }}`, `{{ fileExtname }}`
/// (predefined variables) and `{{ _base_.a.b }}` (a value taken from the merged base configs).
enum TemplateVariables {
    /// Replaces every `{{ NAME }}` (NAME of word characters and dots, spaces allowed inside the braces)
    /// for which `replacement` returns text; leaves the rest as written.
    static func substitute(_ text: String, _ replacement: (String) -> String?) -> String {
        guard openingBraces(in: Substring(text)) != nil else { return text }
        var result = ""
        var rest = Substring(text)
        while let open = openingBraces(in: rest) {
            result += rest[..<open.lowerBound]
            var cursor = rest[open.upperBound...]
            cursor = cursor.drop { $0 == " " || $0 == "\t" || $0 == "\n" || $0 == "\r" }
            let name = cursor.prefix { $0.isLetter || $0.isNumber || $0 == "_" || $0 == "." }
            cursor = cursor.dropFirst(name.count).drop { $0 == " " || $0 == "\t" || $0 == "\n" || $0 == "\r" }
            if !name.isEmpty, cursor.hasPrefix("}}"), let replaced = replacement(String(name)) {
                result += replaced
                rest = cursor.dropFirst(2)
            } else {
                result += "{{"
                rest = rest[open.upperBound...]
            }
        }
        result += rest
        return result
    }

    /// The first `{{` of `text`.
    static func openingBraces(in text: Substring) -> Range<Substring.Index>? {
        text.firstRange(ofASCII: UInt8(ascii: "{"), UInt8(ascii: "{"))
    }

    /// The names of the predefined variables (the keys of `predefined(absolutePath:)`).
    static let predefinedNames: Set<String> = ["fileDirname", "fileBasename", "fileBasenameNoExtension", "fileExtname"]

    /// The predefined variables of a file, as MMCV computes them from its absolute path.
    static func predefined(absolutePath: String) -> [String: String] {
        let slash = absolutePath.lastIndex(of: "/")
        let directory = slash.map { String(absolutePath[..<$0]) } ?? ""
        let basename = slash.map { String(absolutePath[absolutePath.index(after: $0)...]) } ?? absolutePath
        var stem = basename
        var ext = ""
        if let dot = basename.lastIndex(of: "."), dot != basename.startIndex {
            stem = String(basename[..<dot])
            ext = String(basename[dot...])
        }
        return ["fileDirname": directory, "fileBasename": basename, "fileBasenameNoExtension": stem, "fileExtname": ext]
    }

    static let basePrefix = "_base_."

    /// Replaces `{{ _base_.x.y }}` by a quoted placeholder string, as MMCV does, and returns the text
    /// with the placeholder → variable table. Placeholders are deterministic (MMCV uses random ones).
    static func preSubstituteBaseVariables(_ text: String) -> (text: String, placeholders: [String: String]) {
        var placeholders: [String: String] = [:]
        var byVariable: [String: String] = [:]
        let replaced = substitute(text) { name in
            guard name.hasPrefix(basePrefix), name.count > basePrefix.count else { return nil }
            let variable = String(name.dropFirst(basePrefix.count))
            if let existing = byVariable[variable] { return "\"\(existing)\"" }
            let placeholder = "_\(variable)_hookmigrate_base_variable_\(byVariable.count)"
            byVariable[variable] = placeholder
            placeholders[placeholder] = variable
            return "\"\(placeholder)\""
        }
        return (replaced, placeholders)
    }

    /// Whether a string could be one of the placeholders above, which all start with `_`: the loader looks
    /// up only those in the placeholder table.
    static func mayBePlaceholder(_ text: String) -> Bool { text.utf8.first == UInt8(ascii: "_") }
}
