/// Writes a config as an MMEngine-style Python module that MMEngine 0.10.7's `Config.fromfile` loads
/// back as the same data.
///
/// - One assignment per top-level key, in the config's key order: `optim_wrapper = dict(...)`.
/// - Mappings whose keys are all Python names are `dict(key=value, ...)` calls, as in the official
///   OpenMMLab 3.x configs; any other mapping (int keys, `'a-b'`, `'class'`) is a `{...}` display.
///   Lists are `[...]`, tuples `(...)` (`(x,)` for one item), scalars are written as `repr` writes them
///   (`None`, `True`, `'text'`, `1e-05`), and the special floats as `float('inf')`, `float('-inf')`,
///   `float('nan')`.
/// - Layout: a value that fits within `lineWidth` columns at its indentation stays on one line;
///   otherwise each item goes on a line of its own, indented four spaces more, with a trailing comma,
///   and the closing bracket on a line of its own — recursively; a list of numbers alone fills its lines
///   instead (`PythonLayout`). Strings are never split. A blank line sets off each assignment that spans
///   several lines.
/// - A top-level key that MMEngine would not give back as the same key is refused with a located
///   error: one that is not a Python identifier, a keyword, a name starting with `__` (MMEngine drops
///   those), a name MMEngine reserves (`filename`, `text`, `pretty_text`, `env_variables`), reads as
///   inheritance (`_base_`) or removes (`_deprecation_`), and `dict` or `float` when a later assignment
///   calls that builtin.
/// - The output is deterministic and ends with a newline.
public struct PythonWriter: Sendable {
    /// Comment lines written at the top of the module, before the assignments (each line gets a `#`
    /// when it has none). `LeadingComment.extract(from:)` gives an input file's leading comment.
    public var leadingComment: String?
    /// The column limit a one-line value must fit in (79, as PEP 8 and the OpenMMLab configs use).
    public var lineWidth: Int

    /// The deepest nesting of brackets the writer produces. Python 3.8's parser refuses about 99 levels
    /// ("s_push: parser stack overflow"); real configs reach 10.
    public static let maxNesting = 90

    /// Top-level names MMEngine 0.10.7 treats specially in a `.py` config, with the reason.
    public static let reservedNames: [(name: String, reason: String)] = [
        ("_base_", "MMEngine reads a top-level `_base_` as the config files to inherit from"),
        ("_deprecation_", "MMEngine removes a top-level `_deprecation_` from the config and prints a deprecation warning"),
        ("filename", "MMEngine's Config reserves `filename` (KeyError: filename is reserved for config file)"),
        ("text", "MMEngine's Config reserves `text` (KeyError: text is reserved for config file)"),
        ("pretty_text", "MMEngine's Config reserves `pretty_text` (KeyError: pretty_text is reserved for config file)"),
        ("env_variables", "MMEngine's Config reserves `env_variables` (KeyError: env_variables is reserved for config file)"),
    ]

    /// Creates a writer.
    public init(leadingComment: String? = nil, lineWidth: Int = 79) {
        self.leadingComment = leadingComment
        self.lineWidth = lineWidth
    }

    /// The module text. Throws a located `ConfigError` for a config that cannot be written as a module
    /// MMEngine reads back unchanged (see the type's summary). `bases`, when not empty, becomes the first
    /// statement, `_base_ = '…'` (one) or `_base_ = ['…', …]`: the files the module inherits from, as the
    /// tree mode writes them (a config's own keys may never be called `_base_`).
    public func write(_ node: ConfigNode, bases: [String] = []) throws -> String {
        guard let mapping = node.mapping else {
            throw ConfigError(.notAMapping, "a Python config module holds top-level assignments, so the config must be a mapping, not \(node.typeDescription)",
                              at: node.location)
        }
        var statements: [Statement] = []
        if !bases.isEmpty {
            let value = bases.count == 1 ? ConfigNode(.string(bases[0])) : ConfigNode(ConfigList(bases.map { ConfigNode(.string($0)) }))
            var text = TextBytes()
            let lines = PythonLayout(width: lineWidth).render(value, indent: 0, prefix: ConfigLoader.baseKey + " = ", suffix: "", into: &text)
            statements.append(Statement(name: ConfigLoader.baseKey, keyLocation: nil, text: text, lineCount: lines, usesDict: false, usesFloat: false))
        }
        for entry in mapping.entries {
            let name = try Self.checkedName(entry, in: node)
            // The quick walk finds nothing to refuse in every real config; the located walk says where.
            if !Self.isWritable(entry.value, depth: 1) {
                try Self.checkValue(entry.value, depth: 1, path: ConfigPath.root.appending(name))
            }
            var text = TextBytes()
            let lines = PythonLayout(width: lineWidth).render(entry.value, indent: 0, prefix: name + " = ", suffix: "", into: &text)
            var usesDict = false
            var usesFloat = false
            PythonLayout.builtinsCalled(entry.value, dict: &usesDict, float: &usesFloat)
            statements.append(Statement(name: name, keyLocation: entry.keyLocation ?? node.location, text: text, lineCount: lines,
                                        usesDict: usesDict, usesFloat: usesFloat))
        }
        try Self.checkShadowing(statements)
        var output = TextBytes(capacity: statements.reduce(0) { $0 + $1.text.bytes.count + 1 })
        let comment = Self.commentLines(leadingComment)
        for line in comment {
            output.add(line)
            output.add("\n")
        }
        if !comment.isEmpty && !statements.isEmpty { output.add("\n") }
        for (index, statement) in statements.enumerated() {
            if index > 0, statement.lineCount > 1 || statements[index - 1].lineCount > 1 { output.add("\n") }
            output.add(statement.text.bytes)
        }
        return output.text
    }

    /// One top-level assignment, laid out: its text (each line ending in a line feed) and how many lines.
    struct Statement {
        var name: String
        var keyLocation: SourceLocation?
        var text: TextBytes
        var lineCount: Int
        var usesDict: Bool
        var usesFloat: Bool
    }

    /// The key as a module-level name, or the located reason it cannot be one.
    static func checkedName(_ entry: ConfigMapping.Entry, in node: ConfigNode) throws -> String {
        let at = entry.keyLocation ?? node.location
        guard case .string(let name) = entry.key else {
            throw ConfigError(.pythonName, "the top-level key \(entry.key) is \(entry.key.typeDescription); a Python config can only define names (strings that are identifiers)", at: at)
        }
        if let reserved = reservedNames.first(where: { $0.name == name }) {
            throw ConfigError(.reservedKey, "cannot write the top-level key '\(name)' to a Python config: \(reserved.reason)", at: at)
        }
        if let problem = PythonLiteral.nameProblem(name) {
            throw ConfigError(.pythonName, "cannot write the top-level key \(PythonLiteral.string(name)) to a Python config: \(problem), so it cannot be a variable of the module", at: at)
        }
        if name.hasPrefix("__") {
            throw ConfigError(.pythonName, "cannot write the top-level key '\(name)' to a Python config: MMEngine drops module names that start with '__'", at: at)
        }
        return name
    }

    /// Whether `checkValue` finds nothing to refuse, without spelling paths: no value nested too deep, no
    /// two keys of a mapping that are one Python key.
    static func isWritable(_ node: ConfigNode, depth: Int) -> Bool {
        switch node.value {
        case .scalar:
            return true
        case .list(let list):
            guard depth <= maxNesting else { return false }
            return list.items.allSatisfy { isWritable($0, depth: depth + 1) }
        case .mapping(let mapping):
            guard depth <= maxNesting else { return false }
            let keys = mapping.entries.compactMap { PythonKey($0.key) }
            if keys.count <= 8 {
                for later in keys.indices { for earlier in 0..<later where keys[earlier] == keys[later] { return false } }
            } else if Set(keys).count != keys.count {
                return false
            }
            return mapping.entries.allSatisfy { isWritable($0.value, depth: depth + 1) }
        }
    }

    /// Checks what the layout relies on: nesting within `maxNesting`, and no two keys of a mapping that
    /// Python's dict would merge (`1`, `1.0` and `True` are one key in Python).
    static func checkValue(_ node: ConfigNode, depth: Int, path: ConfigPath) throws {
        switch node.value {
        case .scalar:
            return
        case .list(let list):
            try checkDepth(depth, node, path)
            for (index, item) in list.items.enumerated() {
                try checkValue(item, depth: depth + 1, path: path.appending(index: index))
            }
        case .mapping(let mapping):
            try checkDepth(depth, node, path)
            var seen: [PythonKey: ConfigScalar] = [:]
            for entry in mapping.entries {
                guard let key = PythonKey(entry.key) else { continue }
                if let earlier = seen[key] {
                    throw ConfigError(.invalidValue, "the keys \(PythonLiteral.scalar(earlier)) and \(PythonLiteral.scalar(entry.key)) of `\(path)` are one key in a Python dict; a Python config cannot hold both",
                                      at: entry.keyLocation ?? node.location)
                }
                seen[key] = entry.key
            }
            for entry in mapping.entries {
                try checkValue(entry.value, depth: depth + 1, path: path.appending(key: entry.key))
            }
        }
    }

    static func checkDepth(_ depth: Int, _ node: ConfigNode, _ path: ConfigPath) throws {
        if depth > maxNesting {
            throw ConfigError(.depthLimit, "`\(path)` is nested more than \(maxNesting) brackets deep; Python's parser cannot read such a module",
                              at: node.location)
        }
    }

    /// A top-level `dict` or `float` would shadow the builtin that later assignments call.
    static func checkShadowing(_ statements: [Statement]) throws {
        for (index, statement) in statements.enumerated() where statement.name == "dict" || statement.name == "float" {
            let later = statements[(index + 1)...]
            let used = statement.name == "dict" ? later.first(where: \.usesDict) : later.first(where: \.usesFloat)
            if let used {
                throw ConfigError(.pythonName, "cannot write the top-level key '\(statement.name)' to a Python config: it would hide the builtin \(statement.name)() that the value of '\(used.name)', written after it, calls",
                                  at: statement.keyLocation)
            }
        }
    }

    /// The comment as `#` lines: split at any line break Python knows (`\n`, `\r\n`, `\r`), trailing
    /// blanks and control characters removed, `# ` added where a line lacks its `#`. A coding
    /// declaration in the first two lines is dropped: the module is always UTF-8.
    static func commentLines(_ comment: String?) -> [String] {
        guard let comment, !comment.isEmpty else { return [] }
        var lines: [String] = []
        let normalized = comment.unicodeScalars.map { $0 == "\r" ? "\n" : Character($0) }
        for raw in String(normalized).split(separator: "\n", omittingEmptySubsequences: false) {
            var scalars = String.UnicodeScalarView(raw.unicodeScalars.filter { $0 == "\t" || (!($0.value < 0x20) && $0.value != 0x7F) })
            while let last = scalars.last, last == " " || last == "\t" { scalars.removeLast() }
            let line = String(scalars)
            let trimmed = line.drop { $0 == " " || $0 == "\t" }
            lines.append(trimmed.hasPrefix("#") ? line : (line.isEmpty ? "#" : "# " + line))
        }
        while lines.last == "#" { lines.removeLast() }
        return lines.enumerated().filter { $0.offset >= 2 || !isCodingDeclaration($0.element) }.map(\.element)
    }

    /// PEP 263: `^[ \t\f]*#.*?coding[:=][ \t]*[-\w.]+`.
    static func isCodingDeclaration(_ line: String) -> Bool {
        guard let hash = line.firstIndex(of: "#"), line[..<hash].allSatisfy({ $0 == " " || $0 == "\t" || $0 == "\u{0C}" }) else {
            return false
        }
        var rest = line[line.index(after: hash)...]
        while let range = rest.range(of: "coding") {
            var after = rest[range.upperBound...]
            if let first = after.first, first == ":" || first == "=" {
                after = after.dropFirst().drop { $0 == " " || $0 == "\t" }
                if let next = after.first, next.isLetter || next.isNumber || next == "-" || next == "_" || next == "." {
                    return true
                }
            }
            rest = rest[range.upperBound...]
        }
        return false
    }
}

/// A mapping key as Python's dict compares it: `True == 1 == 1.0`, `False == 0 == 0.0 == -0.0`.
/// NaN has none: each `float('nan')` is a new object that equals nothing, so NaN keys never collide.
struct PythonKey: Hashable {
    enum Value: Hashable {
        case null
        case int(Int)
        case float(UInt64)
        case string(String)
    }

    var value: Value

    init?(_ scalar: ConfigScalar) {
        switch scalar {
        case .null: value = .null
        case .bool(let flag): value = .int(flag ? 1 : 0)
        case .int(let number): value = .int(number)
        case .string(let text): value = .string(text)
        case .float(let number):
            if number.isNaN { return nil }
            if let exact = Int(exactly: number) {
                value = .int(exact)
            } else {
                value = .float(number.bitPattern)
            }
        }
    }
}
