/// The Python file being read: its path, and the located errors the tokenizer, parser and evaluator
/// throw.
struct PyFile: Sendable {
    /// The path as the caller named it.
    let path: String

    /// The location of a position in this file.
    func location(_ pos: PyPos) -> SourceLocation {
        SourceLocation(file: path, line: pos.line, column: pos.column)
    }

    /// A Python syntax error (MMCV's `_validate_py_syntax` raises `SyntaxError` there).
    func syntax(_ message: String, at pos: PyPos) -> ConfigError {
        ConfigError(.pythonSyntax, "invalid Python syntax: \(message)", at: location(pos))
    }

    /// A construct hookmigrate does not evaluate; `construct` names it in the plural ("`import`
    /// statements").
    func unsupported(_ construct: String, at pos: PyPos, why: String? = nil) -> ConfigError {
        var message = "\(construct) are not supported in config files (hookmigrate reads configs without running Python)"
        if let why { message += "; \(why)" }
        return ConfigError(.pythonUnsupported, message, at: location(pos))
    }

    /// A refusal whose whole message the caller words.
    func refusal(_ message: String, at pos: PyPos) -> ConfigError {
        ConfigError(.pythonUnsupported, message, at: location(pos))
    }

    /// An exception Python itself raises when it runs the file (so MMCV's `Config.fromfile` fails too).
    func raise(_ type: String, _ message: String, at pos: PyPos) -> ConfigError {
        ConfigError(.pythonError, "\(type): \(message) (Python raises this when it runs the file, so MMCV cannot load it either)", at: location(pos))
    }

    /// An integer outside 64 bits.
    func numberRange(_ what: String, at pos: PyPos) -> ConfigError {
        ConfigError(.numberRange, "\(what) does not fit in 64 bits; hookmigrate keeps ints as 64-bit integers", at: location(pos))
    }

    /// A value too long or an evaluation too large for `ReadLimits`.
    func sizeLimit(_ message: String, at pos: PyPos) -> ConfigError {
        ConfigError(.sizeLimit, message, at: location(pos))
    }

    /// "a dict", "an enumerate": a type name with its article, for messages.
    static func article(_ typeName: String) -> String {
        guard let first = typeName.first else { return typeName }
        return ("aeiou".contains(first) ? "an " : "a ") + typeName
    }

    /// Nesting deeper than `ReadLimits.maxDepth`.
    func depthLimit(_ message: String, at pos: PyPos) -> ConfigError {
        ConfigError(.depthLimit, message, at: location(pos))
    }
}
