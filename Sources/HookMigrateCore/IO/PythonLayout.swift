/// Lays out one Python value for `PythonWriter`: on one line when it fits within `width` columns,
/// otherwise its items on lines of their own with a trailing comma, four more spaces of indentation, and
/// the closing bracket on a line of its own, recursively. A list or tuple of numbers only (`None`, `True`,
/// `False` among them) fills each line with as many items as fit (`0, 1, 2,`), as yapf lays out MMEngine's
/// dumps, instead of one a line; strings (`_base_` paths, class names) stay one a line.
struct PythonLayout {
    /// The column limit.
    let width: Int

    /// Appends the lines of `node`, each ending in a line feed, the first starting with `prefix` (`name = `,
    /// `key=`, `'key': `), the last ending with `suffix` (`,` inside a broken container). Returns how many
    /// lines it wrote.
    @discardableResult
    func render(_ node: ConfigNode, indent: Int, prefix: String, suffix: StaticString, into output: inout TextBytes) -> Int {
        let budget = width - indent - UTF8Text.scalarCount(prefix) - suffix.utf8CodeUnitCount
        var flat = TextBytes()
        if Self.flat(node, budget: budget, into: &flat) {
            output.addSpaces(indent)
            output.add(prefix)
            output.add(flat.bytes)
            output.add(suffix)
            output.add("\n")
            return 1
        }
        switch node.value {
        case .scalar(let scalar):
            // A scalar that does not fit (a long string) stays whole.
            output.addSpaces(indent)
            output.add(prefix)
            output.add(PythonLiteral.scalar(scalar))
            output.add(suffix)
            output.add("\n")
            return 1
        case .list(let list):
            let tuple = list.style == .tuple
            output.addSpaces(indent)
            output.add(prefix)
            output.add(tuple ? "(\n" : "[\n")
            var lines = 2
            if list.items.allSatisfy(Self.isNumberLike) {
                lines += fill(list.items, indent: indent + 4, into: &output)
            } else {
                for item in list.items {
                    lines += render(item, indent: indent + 4, prefix: "", suffix: ",", into: &output)
                }
            }
            output.addSpaces(indent)
            output.add(tuple ? ")" : "]")
            output.add(suffix)
            output.add("\n")
            return lines
        case .mapping(let mapping):
            let call = Self.isDictCall(mapping)
            output.addSpaces(indent)
            output.add(prefix)
            output.add(call ? "dict(\n" : "{\n")
            var lines = 2
            for entry in mapping.entries {
                lines += render(entry.value, indent: indent + 4, prefix: Self.keyPrefix(entry.key, call: call), suffix: ",", into: &output)
            }
            output.addSpaces(indent)
            output.add(call ? ")" : "}")
            output.add(suffix)
            output.add("\n")
            return lines
        }
    }

    /// Whether a list item is packed with its neighbours: a scalar other than a string.
    static func isNumberLike(_ node: ConfigNode) -> Bool {
        switch node.value {
        case .scalar(.string), .list, .mapping: return false
        case .scalar: return true
        }
    }

    /// Scalars (numbers), each followed by a comma, as many to a line as fit within `width` (a scalar too long
    /// for a line of its own is written whole on one). Returns how many lines it wrote.
    func fill(_ items: [ConfigNode], indent: Int, into output: inout TextBytes) -> Int {
        var lines = 0
        var columns = 0
        for item in items {
            guard case .scalar(let scalar) = item.value else { continue }
            let text = PythonLiteral.scalar(scalar)
            let count = UTF8Text.scalarCount(text) + 1
            if columns > 0, indent + columns + 1 + count > width {
                output.add("\n")
                columns = 0
            }
            if columns > 0 {
                output.add(" ")
                columns += 1
            } else {
                output.addSpaces(indent)
                lines += 1
            }
            output.add(text)
            output.add(",")
            columns += count
        }
        if columns > 0 { output.add("\n") }
        return lines
    }

    /// The builtins a node's text calls: `dict` for `dict(...)`, `float` for `inf`, `-inf` and `nan`.
    static func builtinsCalled(_ node: ConfigNode, dict: inout Bool, float: inout Bool) {
        switch node.value {
        case .scalar(let scalar):
            if PythonLiteral.needsFloatBuiltin(scalar) { float = true }
        case .list(let list):
            for item in list.items { builtinsCalled(item, dict: &dict, float: &float) }
        case .mapping(let mapping):
            if isDictCall(mapping) { dict = true }
            for entry in mapping.entries {
                if PythonLiteral.needsFloatBuiltin(entry.key) { float = true }
                builtinsCalled(entry.value, dict: &dict, float: &float)
            }
        }
    }

    /// Whether a mapping is written `dict(key=value)`: every key a string that is a Python name.
    static func isDictCall(_ mapping: ConfigMapping) -> Bool {
        mapping.entries.allSatisfy { entry in
            if case .string(let key) = entry.key { return PythonLiteral.isName(key) }
            return false
        }
    }

    /// What comes before a value inside a mapping: `key=` in a `dict(...)` call, `'key': ` in a display.
    static func keyPrefix(_ key: ConfigScalar, call: Bool) -> String {
        if call, case .string(let name) = key { return name + "=" }
        return PythonLiteral.scalar(key) + ": "
    }

    /// Writes the node on one line into `text`; `false` (and `text` incomplete) when that is longer than
    /// `budget` columns. Scalars always give their text when it fits; the caller writes a scalar that does not
    /// fit on one line anyway.
    static func flat(_ node: ConfigNode, budget: Int, into text: inout TextBytes) -> Bool {
        var remaining = budget
        return append(node, to: &text, remaining: &remaining)
    }

    /// Appends the one-line text, counting columns down; `false` as soon as they run out.
    private static func append(_ node: ConfigNode, to text: inout TextBytes, remaining: inout Int) -> Bool {
        func add(_ piece: StaticString) -> Bool {
            remaining -= piece.utf8CodeUnitCount
            guard remaining >= 0 else { return false }
            text.add(piece)
            return true
        }
        func add(_ piece: String) -> Bool {
            remaining -= UTF8Text.scalarCount(piece)
            guard remaining >= 0 else { return false }
            text.add(piece)
            return true
        }
        switch node.value {
        case .scalar(let scalar):
            return add(PythonLiteral.scalar(scalar))
        case .list(let list):
            // n items take at least 3n columns (brackets, one character each, `, ` between): a list that
            // cannot fit is refused before it is written (an outer line tries it again and again).
            guard list.items.count * 3 <= remaining else { return false }
            let tuple = list.style == .tuple
            guard add(tuple ? "(" : "[") else { return false }
            for (index, item) in list.items.enumerated() {
                if index > 0, !add(", ") { return false }
                guard append(item, to: &text, remaining: &remaining) else { return false }
            }
            if tuple && list.items.count == 1, !add(",") { return false }
            return add(tuple ? ")" : "]")
        case .mapping(let mapping):
            // n entries take at least 5n columns (`dict(k=v)` or `{'k': v}`, `, ` between), so a mapping that
            // cannot fit is refused before its keys are looked at.
            guard mapping.count * 5 <= remaining else { return false }
            let call = isDictCall(mapping)
            guard add(call ? "dict(" : "{") else { return false }
            for (index, entry) in mapping.entries.enumerated() {
                if index > 0, !add(", ") { return false }
                guard add(keyPrefix(entry.key, call: call)), append(entry.value, to: &text, remaining: &remaining) else { return false }
            }
            return add(call ? ")" : "}")
        }
    }
}
