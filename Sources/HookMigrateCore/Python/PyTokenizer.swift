import Foundation

/// Splits a Python module into tokens as CPython's tokenizer does: logical lines (brackets and backslash
/// continuations join physical lines), comments and blank lines dropped, names, numbers, strings
/// (undecoded; the parser decodes them) and operators. Line breaks of any style (`\r\n`, `\r`) count as
/// one, as they do when Python reads a source file.
///
/// At module level every statement starts in column 1, so an indented logical line is reported to the
/// parser as one `indent` token (Python's "unexpected indent", or the body of a statement we refuse).
struct PyTokenizer {
    let file: PyFile
    private let scalars: [Unicode.Scalar]
    private var index = 0
    private var line = 1
    private var column = 1
    private var tokens: [PyToken] = []
    private var brackets: [(symbol: Unicode.Scalar, pos: PyPos)] = []
    private var lineHasTokens = false

    /// CPython's bound on open brackets (`MAXLEVEL` in its tokenizer).
    static let maxBracketDepth = 200

    init(text: String, file: PyFile, start: PyPos = .start) {
        self.file = file
        self.line = start.line
        self.column = start.column
        // Most files are ASCII without a carriage return: each byte is a scalar, taken as it is.
        if let ascii = UTF8Text.withBytes(text, { bytes -> [Unicode.Scalar]? in
            var plain: UInt8 = 0
            for byte in bytes { plain |= byte >= 0x80 || byte == 0x0D ? 1 : 0 }
            return plain == 0 ? bytes.map { Unicode.Scalar($0) } : nil
        }) {
            self.scalars = ascii
            return
        }
        var normalised: [Unicode.Scalar] = []
        normalised.reserveCapacity(text.utf8.count) // at least the scalars: counting them would decode the text twice
        var previousCR = false
        for scalar in text.unicodeScalars {
            if scalar == "\r" {
                normalised.append("\n")
                previousCR = true
                continue
            }
            if scalar == "\n", previousCR {
                previousCR = false
                continue
            }
            previousCR = false
            normalised.append(scalar)
        }
        self.scalars = normalised
    }

    /// Tokens for a whole module, ending with `end`.
    static func tokenize(_ text: String, file: PyFile) throws -> [PyToken] {
        var tokenizer = PyTokenizer(text: text, file: file)
        return try tokenizer.run(module: true)
    }

    /// Tokens for the expression inside an f-string replacement field, which starts at `start` (Python
    /// reads it as if it were in parentheses, so line breaks inside are fine).
    static func tokenizeExpression(_ scalars: [Unicode.Scalar], start: PyPos, file: PyFile) throws -> [PyToken] {
        var text = ""
        text.unicodeScalars.append(contentsOf: scalars)
        var tokenizer = PyTokenizer(text: text, file: file, start: start)
        tokenizer.brackets = [("(", start)]
        return try tokenizer.run(module: false)
    }

    private var pos: PyPos { PyPos(line: line, column: column) }

    private func peek(_ offset: Int = 0) -> Unicode.Scalar? {
        let at = index + offset
        return at < scalars.count ? scalars[at] : nil
    }

    private mutating func advance() {
        if scalars[index] == "\n" {
            line += 1
            column = 1
        } else {
            column += 1
        }
        index += 1
    }

    private mutating func emit(_ kind: PyToken.Kind, _ text: String, at start: PyPos, literal: PyStringToken? = nil) {
        tokens.append(PyToken(kind, text, at: start, literal: literal))
        if kind != .newline { lineHasTokens = true }
    }

    /// Emits the name or operator of the ASCII scalars `range` (no line break among them), moving the cursor
    /// past it, with its code packed from the scalars (`PyToken.pack` of its text). `text` when the caller
    /// has it already.
    private mutating func emitASCII(_ kind: PyToken.Kind, _ range: Range<Int>, at start: PyPos, text: String? = nil) {
        var code: UInt64 = 0
        if range.count <= 8 {
            for offset in 0..<range.count { code |= UInt64(scalars[range.lowerBound + offset].value) << UInt64(offset * 8) }
        }
        tokens.append(PyToken(kind, text ?? Self.asciiString(scalars, range), at: start, code: code))
        lineHasTokens = true
        index = range.upperBound
        column += range.count
    }

    private mutating func run(module: Bool) throws -> [PyToken] {
        // About one token per four scalars in real configs: room for them up front, not grown (and copied) as
        // they come.
        tokens.reserveCapacity(scalars.count / 4 + 16)
        var atLineStart = module
        while true {
            if atLineStart {
                atLineStart = false
                if try startLogicalLine() { continue }
            }
            while let scalar = peek(), scalar == " " || scalar == "\t" || scalar == "\u{0C}" { advance() }
            guard let scalar = peek() else { break }
            let start = pos
            switch scalar {
            case "#":
                while let next = peek(), next != "\n" { advance() }
            case "\n":
                advance()
                if !brackets.isEmpty { continue }
                if lineHasTokens { emit(.newline, "", at: start) }
                lineHasTokens = false
                atLineStart = module
            case "\\":
                advance()
                guard let next = peek() else {
                    throw file.syntax("unexpected end of file after a line continuation character", at: start)
                }
                guard next == "\n" else {
                    throw file.syntax("unexpected character after line continuation character", at: pos)
                }
                advance()
                if peek() == nil {
                    throw file.syntax("unexpected end of file after a line continuation character", at: start)
                }
            case "\0":
                throw file.syntax("source code cannot contain null bytes", at: start)
            default:
                if Self.isIdentifierStart(scalar) {
                    try scanNameOrString(start)
                } else if Self.isDigit(scalar) || (scalar == "." && peek(1).map(Self.isDigit) == true) {
                    try scanNumber(start)
                } else if scalar == "'" || scalar == "\"" {
                    try scanString(prefix: "", start)
                } else {
                    try scanOperator(start)
                }
            }
        }
        if module {
            if let open = brackets.last {
                throw file.syntax("'\(open.symbol)' was never closed", at: open.pos)
            }
            if lineHasTokens { emit(.newline, "", at: pos) }
        }
        tokens.append(PyToken(.end, "", at: pos))
        return tokens
    }

    /// At the start of a physical line outside brackets: skips blank and comment-only lines (returns
    /// true), or reports an indented line.
    private mutating func startLogicalLine() throws -> Bool {
        var offset = 0
        // CPython's indentation column: a tab goes to the next multiple of 8, a form feed resets it.
        var indentation = 0
        while let scalar = peek(offset), scalar == " " || scalar == "\t" || scalar == "\u{0C}" {
            switch scalar {
            case " ": indentation += 1
            case "\t": indentation = (indentation / 8 + 1) * 8
            default: indentation = 0
            }
            offset += 1
        }
        let first = peek(offset)
        if first == nil || first == "\n" || first == "#" {
            // A blank or comment-only line: no tokens at all.
            for _ in 0..<offset { advance() }
            while let scalar = peek(), scalar != "\n" { advance() }
            if peek() == "\n" { advance(); return true }
            return false
        }
        for _ in 0..<offset { advance() }
        if indentation > 0 { emit(.indent, "", at: pos) }
        return false
    }

    // MARK: Names and strings

    static func isIdentifierStart(_ scalar: Unicode.Scalar) -> Bool {
        if scalar.isASCII {
            return scalar == "_" || ("a"..."z").contains(scalar) || ("A"..."Z").contains(scalar)
        }
        return scalar.properties.isXIDStart
    }

    static func isIdentifierContinue(_ scalar: Unicode.Scalar) -> Bool {
        if scalar.isASCII {
            return isIdentifierStart(scalar) || isDigit(scalar)
        }
        return scalar.properties.isXIDContinue
    }

    static func isDigit(_ scalar: Unicode.Scalar) -> Bool { ("0"..."9").contains(scalar) }

    /// The text of `scalars[range]`, every one of them ASCII, written straight into the string (one byte
    /// per scalar).
    static func asciiString(_ scalars: [Unicode.Scalar], _ range: Range<Int>) -> String {
        String(unsafeUninitializedCapacity: range.count) { buffer in
            for (offset, index) in range.enumerated() { buffer[offset] = UInt8(truncatingIfNeeded: scalars[index].value) }
            return range.count
        }
    }

    static let stringPrefixes: Set<String> = ["r", "u", "b", "br", "rb", "f", "fr", "rf"]

    /// `isIdentifierContinue` of each ASCII scalar, looked up by its value.
    static let asciiIdentifier: [Bool] = (0..<128).map { isIdentifierContinue(Unicode.Scalar(UInt8($0))) }

    /// An ASCII name not followed by a quote or a non-ASCII scalar (almost every name), taken in one step:
    /// its code packed from its scalars. `false`, with nothing consumed, for anything else.
    private mutating func scanASCIIName(_ start: PyPos) -> Bool {
        var end = index
        while end < scalars.count {
            let value = scalars[end].value
            guard value < 128, Self.asciiIdentifier[Int(value)] else { break }
            end += 1
        }
        if end < scalars.count {
            let next = scalars[end].value
            // A string prefix (`r'…'`) or a name that goes on past ASCII: the general path.
            if next == 0x27 || next == 0x22 || next >= 128 { return false }
        }
        emitASCII(.name, index..<end, at: start)
        return true
    }

    private mutating func scanNameOrString(_ start: PyPos) throws {
        if scanASCIIName(start) { return }
        let first = index
        var ascii = true
        while let scalar = peek(), Self.isIdentifierContinue(scalar) {
            if !scalar.isASCII { ascii = false }
            advance()
        }
        var text: String
        if ascii {
            text = Self.asciiString(scalars, first..<index)
        } else {
            var word = String.UnicodeScalarView()
            word.append(contentsOf: scalars[first..<index])
            text = String(word)
        }
        if let quote = peek(), quote == "'" || quote == "\"", Self.stringPrefixes.contains(text.lowercased()) {
            try scanString(prefix: text.lowercased(), start)
            return
        }
        if !ascii {
            // Python compares identifiers after NFKC normalisation.
            text = text.precomposedStringWithCompatibilityMapping
        }
        emit(.name, text, at: start)
    }

    private mutating func scanString(prefix: String, _ start: PyPos) throws {
        guard let quote = peek() else { return }
        let triple = peek(1) == quote && peek(2) == quote
        advance()
        if triple { advance(); advance() }
        let bodyPos = pos
        let bodyStart = index
        var bodyEnd = index
        while true {
            guard let scalar = peek() else {
                throw file.syntax(triple ? "unterminated triple-quoted string literal (it starts here)" : "unterminated string literal (it starts here)", at: start)
            }
            if scalar == "\n", !triple {
                throw file.syntax("unterminated string literal (it starts here)", at: start)
            }
            if scalar == "\\" {
                advance()
                guard peek() != nil else { continue }
                advance()
                continue
            }
            if scalar == quote {
                if !triple {
                    bodyEnd = index
                    advance()
                    break
                }
                if peek(1) == quote, peek(2) == quote {
                    bodyEnd = index
                    advance(); advance(); advance()
                    break
                }
            }
            advance()
        }
        // The scalars between the quotes, escapes as written: one copy of the source's range.
        let body = Array(scalars[bodyStart..<bodyEnd])
        // The prefix's letters, looked up as bytes (not through Foundation's substring search).
        let letters = prefix.utf8
        let literal = PyStringToken(isRaw: letters.contains(UInt8(ascii: "r")), isBytes: letters.contains(UInt8(ascii: "b")),
                                    isFormatted: letters.contains(UInt8(ascii: "f")), body: body, bodyPos: bodyPos)
        emit(.string, prefix, at: start, literal: literal)
    }

    // MARK: Numbers

    private mutating func scanDigits(_ accepts: (Unicode.Scalar) -> Bool, into text: inout String) {
        while let scalar = peek(), accepts(scalar) || scalar == "_" {
            text.unicodeScalars.append(scalar)
            advance()
        }
    }

    /// Whether a run of digits with underscores has them only singly between digits (`1_000`, not
    /// `1__0`, `_1` or `1_`); `allowLeadingUnderscore` for the part after `0x` (`0x_ff` is valid).
    private static func wellFormed(_ digits: Substring, allowLeadingUnderscore: Bool = false) -> Bool {
        guard !digits.isEmpty, digits.last != "_", digits.firstRange(ofASCII: 0x5F, 0x5F) == nil else { return false }
        if digits.first == "_", !allowLeadingUnderscore { return false }
        return digits.contains { $0 != "_" }
    }

    /// A plain decimal number (`12`, `0`, `0.5`, `3.`, `.5`: no underscore, exponent, suffix or leading
    /// zero), taken in one step. `false`, with nothing consumed, for anything else, which the general path
    /// reads (and refuses where Python does).
    private mutating func scanPlainNumber(_ start: PyPos) -> Bool {
        func isDigit(_ at: Int) -> Bool { at < scalars.count && Self.isDigit(scalars[at]) }
        var end = index
        while isDigit(end) { end += 1 }
        let integerDigits = end - index
        if integerDigits > 1, scalars[index] == "0" { return false }
        if end < scalars.count, scalars[end] == "." {
            end += 1
            while isDigit(end) { end += 1 }
        }
        if end < scalars.count {
            switch scalars[end] {
            case "_", "e", "E", "j", "J", "x", "X", "o", "O", "b", "B", ".": return false
            default: break
            }
        }
        guard end - index > (integerDigits == 0 ? 1 : 0) else { return false }
        let text = Self.asciiString(scalars, index..<end)
        column += end - index
        index = end
        emit(.number, text, at: start)
        return true
    }

    private mutating func scanNumber(_ start: PyPos) throws {
        if scanPlainNumber(start) { return }
        var text = ""
        func invalid() -> ConfigError { file.syntax("invalid number literal '\(text)'", at: start) }
        if peek() == "0", let marker = peek(1), "xXoObB".unicodeScalars.contains(marker) {
            text = "0" + String(marker)
            advance(); advance()
            scanDigits({ Self.isIdentifierContinue($0) }, into: &text)
            let body = text.dropFirst(2)
            let radix: Int = "xX".unicodeScalars.contains(marker) ? 16 : ("oO".unicodeScalars.contains(marker) ? 8 : 2)
            let digitsOnly = body.filter { $0 != "_" }
            let valid = Self.wellFormed(body, allowLeadingUnderscore: true)
                && digitsOnly.allSatisfy { $0.isHexDigit && Int(String($0), radix: radix) != nil }
            if !valid { throw invalid() }
            emit(.number, text, at: start)
            return
        }
        scanDigits(Self.isDigit, into: &text)
        let integerPart = text
        var isFloat = false
        if peek() == "." {
            isFloat = true
            text += "."
            advance()
            let before = text.count
            scanDigits(Self.isDigit, into: &text)
            let fraction = text.dropFirst(before)
            if !fraction.isEmpty, !Self.wellFormed(fraction) { throw invalid() }
        }
        if let e = peek(), e == "e" || e == "E" {
            let sign = peek(1)
            let afterSign = (sign == "+" || sign == "-") ? peek(2) : sign
            if let afterSign, Self.isDigit(afterSign) {
                isFloat = true
                text.unicodeScalars.append(e)
                advance()
                if sign == "+" || sign == "-", let sign { text.unicodeScalars.append(sign); advance() }
                let before = text.count
                scanDigits(Self.isDigit, into: &text)
                if !Self.wellFormed(text.dropFirst(before)) { throw invalid() }
            }
        }
        if !integerPart.isEmpty, !Self.wellFormed(Substring(integerPart)) { throw invalid() }
        if let j = peek(), j == "j" || j == "J" {
            text.unicodeScalars.append(j)
            advance()
            emit(.number, text, at: start)
            return
        }
        if !isFloat, integerPart.count > 1, integerPart.hasPrefix("0"), integerPart.contains(where: { $0 != "0" && $0 != "_" }) {
            throw file.syntax("leading zeros in decimal integer literals are not permitted; use an 0o prefix for octal integers", at: start)
        }
        emit(.number, text, at: start)
    }

    // MARK: Operators

    /// How many scalars the operator starting with `first`, `second`, `third` has (Python 3.8's operators and
    /// delimiters, longest first), or 0 when `first` starts none.
    static func operatorLength(_ first: Unicode.Scalar, _ second: Unicode.Scalar?, _ third: Unicode.Scalar?) -> Int {
        // The delimiters that never start a longer operator, told apart first (most operators are these).
        switch first {
        case "(", ")", "[", "]", "{", "}", ",", ";", "~": return 1
        case "=": return second == "=" ? 2 : 1
        default: break
        }
        switch (first, second, third) {
        case ("*", "*", "="), ("/", "/", "="), (">", ">", "="), ("<", "<", "="), (".", ".", "."):
            return 3
        case ("*", "*", _), ("/", "/", _), ("<", "<", _), (">", ">", _), ("<", "=", _), (">", "=", _), ("=", "=", _),
             ("!", "=", _), ("-", ">", _), ("+", "=", _), ("-", "=", _), ("*", "=", _), ("/", "=", _), ("%", "=", _),
             ("&", "=", _), ("|", "=", _), ("^", "=", _), ("@", "=", _), (":", "=", _):
            return 2
        case ("+", _, _), ("-", _, _), ("*", _, _), ("/", _, _), ("%", _, _), ("@", _, _), ("&", _, _), ("|", _, _),
             ("^", _, _), ("~", _, _), ("<", _, _), (">", _, _), ("(", _, _), (")", _, _), ("[", _, _), ("]", _, _),
             ("{", _, _), ("}", _, _), (",", _, _), (":", _, _), (".", _, _), (";", _, _), ("=", _, _):
            return 1
        default:
            return 0
        }
    }

    /// The text of each one-character ASCII operator, made once.
    static let singleCharacterTexts: [String] = (0..<128).map { String(Unicode.Scalar(UInt8($0))) }

    private mutating func scanOperator(_ start: PyPos) throws {
        guard let first = peek() else { return }
        let length = Self.operatorLength(first, peek(1), peek(2))
        if length > 1 {
            // Operators are ASCII and never hold a line break.
            emitASCII(.op, index..<(index + length), at: start)
            return
        }
        guard length == 1 else {
            let code = String(first.value, radix: 16, uppercase: true)
            let padded = String(repeating: "0", count: max(0, 4 - code.count)) + code
            throw file.syntax("invalid character '\(first)' (U+\(padded))", at: start)
        }
        switch first {
        case "(", "[", "{":
            if brackets.count >= Self.maxBracketDepth {
                throw file.syntax("too many nested parentheses (Python allows \(Self.maxBracketDepth))", at: start)
            }
            brackets.append((first, start))
        case ")", "]", "}":
            guard let open = brackets.popLast() else {
                throw file.syntax("unmatched '\(first)'", at: start)
            }
            let expected: Unicode.Scalar = open.symbol == "(" ? ")" : (open.symbol == "[" ? "]" : "}")
            if first != expected {
                throw file.syntax("closing parenthesis '\(first)' does not match opening parenthesis '\(open.symbol)' on line \(open.pos.line)", at: start)
            }
        default:
            break
        }
        emitASCII(.op, index..<(index + 1), at: start, text: Self.singleCharacterTexts[Int(first.value)])
    }
}
