/// A position in the Python file being read: 1-based line and column (columns in Unicode scalars).
/// The reader reads one file, so the path is kept once, in the reader, not in every position.
struct PyPos: Sendable, Hashable {
    var line: Int
    var column: Int

    /// The start of the file.
    static let start = PyPos(line: 1, column: 1)
}

/// One token of a Python module.
struct PyToken: Sendable {
    enum Kind: Sendable, Equatable {
        /// An identifier or a keyword (`text` holds it, NFKC-normalised as Python does).
        case name
        /// A number literal as written (`text` holds it with its underscores).
        case number
        /// A string literal (`literal` holds its parts).
        case string
        /// An operator or delimiter (`text` holds it).
        case op
        /// The end of a logical line.
        case newline
        /// A logical line that starts indented (at module level this is always "unexpected indent").
        case indent
        /// The end of the file.
        case end
    }

    var kind: Kind
    var text: String
    var pos: PyPos
    var literal: PyStringToken?

    init(_ kind: Kind, _ text: String, at pos: PyPos, literal: PyStringToken? = nil) {
        self.kind = kind
        self.text = text
        self.pos = pos
        self.literal = literal
    }

    func isOp(_ symbol: String) -> Bool { kind == .op && text == symbol }
    func isKeyword(_ word: String) -> Bool { kind == .name && text == word }

    /// How the token reads in a message.
    var display: String {
        switch kind {
        case .name, .op, .number: return "'\(text)'"
        case .string: return "a string"
        case .newline: return "the end of the line"
        case .indent: return "an indented line"
        case .end: return "the end of the file"
        }
    }
}

/// A string literal as the tokenizer found it: its prefix and its body between the quotes, undecoded.
struct PyStringToken: Sendable {
    var isRaw: Bool
    var isBytes: Bool
    var isFormatted: Bool
    /// The scalars between the quotes (line breaks normalised to `\n`), escapes not yet decoded.
    var body: [Unicode.Scalar]
    /// Where `body[0]` is.
    var bodyPos: PyPos
}

/// Python's keywords (3.8); none of them can be a name.
enum PyKeywords {
    static let all: Set<String> = [
        "False", "None", "True", "and", "as", "assert", "async", "await", "break", "class", "continue",
        "def", "del", "elif", "else", "except", "finally", "for", "from", "global", "if", "import", "in",
        "is", "lambda", "nonlocal", "not", "or", "pass", "raise", "return", "try", "while", "with", "yield",
    ]
}
