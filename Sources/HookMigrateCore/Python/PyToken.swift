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
    /// The text of a name or operator of at most 8 ASCII bytes packed into an integer (`PyToken.pack`), 0
    /// otherwise: the parser tells operators and keywords apart by it without hashing or comparing strings.
    let code: UInt64

    init(_ kind: Kind, _ text: String, at pos: PyPos, literal: PyStringToken? = nil) {
        self.kind = kind
        self.text = text
        self.pos = pos
        self.literal = literal
        code = kind == .op || kind == .name ? Self.pack(text) : 0
    }

    /// A name or operator whose code the tokenizer already has (`pack(text)`).
    init(_ kind: Kind, _ text: String, at pos: PyPos, code: UInt64) {
        self.kind = kind
        self.text = text
        self.pos = pos
        self.literal = nil
        self.code = code
    }

    /// `text`'s bytes, the first in the lowest byte, when it has 1 to 8 bytes, all ASCII; else 0. Distinct
    /// such texts have distinct codes (no byte of an ASCII text is 0).
    static func pack(_ text: String) -> UInt64 {
        UTF8Text.withBytes(text) { bytes in
            guard bytes.count <= 8 else { return 0 }
            var code: UInt64 = 0
            var shift: UInt64 = 0
            for byte in bytes {
                guard byte != 0, byte < 0x80 else { return 0 }
                code |= UInt64(byte) << shift
                shift += 8
            }
            return code
        }
    }

    /// `pack` of a literal of 1 to 8 ASCII bytes (every operator and keyword the parser asks about); 0 for
    /// a longer one. Inlined with a literal, the compiler folds it to a constant.
    @inline(__always) static func pack(literal: StaticString) -> UInt64 {
        let count = literal.utf8CodeUnitCount
        guard count <= 8 else { return 0 }
        let bytes = literal.utf8Start
        var code: UInt64 = 0
        for index in 0..<count { code |= UInt64(bytes[index]) << UInt64(8 * index) }
        return code
    }

    /// Whether this is the operator `symbol`: a comparison of codes, not of strings.
    @inline(__always) func isOp(_ symbol: StaticString) -> Bool {
        kind == .op && code != 0 && code == Self.pack(literal: symbol)
    }

    /// Whether this is the name `word` (a keyword).
    @inline(__always) func isKeyword(_ word: StaticString) -> Bool {
        kind == .name && code != 0 && code == Self.pack(literal: word)
    }

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
    /// Python 3.8's reserved words (one list with the writer's, `PythonLiteral.keywords`).
    static let all: Set<String> = PythonLiteral.keywords

    /// The keywords' codes (`PyToken.pack`; every keyword has at most 8 bytes), sorted.
    static let codes: [UInt64] = all.map(PyToken.pack).sorted()

    /// Whether a name token is a keyword: a binary search of its code.
    static func contains(_ token: PyToken) -> Bool { contains(code: token.code) }

    /// Whether `code` (`PyToken.pack` of a name) is a keyword's; 0 (no code: a longer or non-ASCII name)
    /// never is.
    static func contains(code: UInt64) -> Bool {
        guard code != 0 else { return false }
        var low = 0
        var high = codes.count
        while low < high {
            let middle = (low + high) / 2
            if codes[middle] < code { low = middle + 1 } else { high = middle }
        }
        return low < codes.count && codes[low] == code
    }
}
