/// String literals: adjacent literals joined, escapes decoded, f-strings split into text and
/// replacement fields the way CPython 3.8 does (`fstring_find_literal`, `fstring_find_expr`).
extension PyParser {
    /// One or more adjacent string literals (`'a' "b" f'{c}'`), joined as Python joins them.
    mutating func parseStrings() throws -> PyExpr {
        let start = current.pos
        // Python checks the whole run of adjacent literals for mixed bytes and str first.
        var lookahead = index
        let firstIsBytes = current.literal?.isBytes ?? false
        while tokens[lookahead].kind == .string, let literal = tokens[lookahead].literal {
            if literal.isBytes != firstIsBytes {
                throw file.syntax("cannot mix bytes and nonbytes literals", at: tokens[lookahead].pos)
            }
            lookahead += 1
        }
        if firstIsBytes {
            throw file.unsupported("bytes literals (`b'…'`)", at: start)
        }
        // Most literals stand alone, unformatted: decoded without the joining below.
        if lookahead == index + 1, let literal = current.literal, !literal.isFormatted {
            let text = try Self.decode(literal, 0..<literal.body.count, file: file)
            advance()
            return PyExpr(.constant(.string(text)), at: start)
        }
        var parts: [PyFormattedPart] = []
        var anyFormatted = false
        while current.kind == .string, let literal = current.literal {
            if literal.isFormatted {
                anyFormatted = true
                var offset = 0
                parts += try parseFormatted(literal, &offset, recursion: 0)
            } else {
                parts.append(.text(try Self.decode(literal, 0..<literal.body.count, file: file)))
            }
            advance()
        }
        var merged: [PyFormattedPart] = []
        for part in parts {
            if case .text(let text) = part, case .text(let previous)? = merged.last {
                merged[merged.count - 1] = .text(previous + text)
            } else if case .text(let text) = part, text.isEmpty {
                continue
            } else {
                merged.append(part)
            }
        }
        if !anyFormatted {
            if case .text(let text)? = merged.first { return PyExpr(.constant(.string(text)), at: start) }
            return PyExpr(.constant(.string("")), at: start)
        }
        return PyExpr(.formatted(merged), at: start)
    }

    /// The position of `literal.body[offset]`.
    static func position(of offset: Int, in literal: PyStringToken) -> PyPos {
        var pos = literal.bodyPos
        for scalar in literal.body.prefix(offset) {
            if scalar == "\n" {
                pos.line += 1
                pos.column = 1
            } else {
                pos.column += 1
            }
        }
        return pos
    }

    // MARK: Escapes

    /// Decodes a part of a literal's body: backslash escapes unless the literal is raw.
    static func decode(_ literal: PyStringToken, _ range: Range<Int>, file: PyFile) throws -> String {
        let body = literal.body
        if let plain = asciiText(body, range, raw: literal.isRaw) { return plain }
        var result = String.UnicodeScalarView()
        if literal.isRaw {
            result.append(contentsOf: body[range])
            return String(result)
        }
        var index = range.lowerBound
        func fail(_ message: String, _ at: Int) -> ConfigError {
            file.syntax("(unicode error) \(message)", at: position(of: at, in: literal))
        }
        while index < range.upperBound {
            let scalar = body[index]
            guard scalar == "\\" else {
                result.append(scalar)
                index += 1
                continue
            }
            let escapeStart = index
            index += 1
            guard index < range.upperBound else { throw fail("'\\' at end of string", escapeStart) }
            let code = body[index]
            index += 1
            switch code {
            case "\n": break
            case "\\", "'", "\"": result.append(code)
            case "a": result.append("\u{07}")
            case "b": result.append("\u{08}")
            case "f": result.append("\u{0C}")
            case "n": result.append("\n")
            case "r": result.append("\r")
            case "t": result.append("\t")
            case "v": result.append("\u{0B}")
            case "0"..."7":
                var value = Int(code.value - 48)
                var digits = 1
                while digits < 3, index < range.upperBound, ("0"..."7").contains(body[index]) {
                    value = value * 8 + Int(body[index].value - 48)
                    index += 1
                    digits += 1
                }
                guard let decoded = Unicode.Scalar(UInt32(value)) else { throw fail("invalid octal escape", escapeStart) }
                result.append(decoded)
            case "x", "u", "U":
                let count = code == "x" ? 2 : (code == "u" ? 4 : 8)
                var value: UInt32 = 0
                for _ in 0..<count {
                    guard index < range.upperBound, body[index].isASCII, let digit = Int(String(body[index]), radix: 16) else {
                        throw fail("truncated \\\(code)\(String(repeating: "X", count: count)) escape", escapeStart)
                    }
                    value = value &* 16 &+ UInt32(digit)
                    index += 1
                }
                if value > 0x10FFFF { throw fail("illegal Unicode character", escapeStart) }
                guard let decoded = Unicode.Scalar(value) else {
                    throw file.refusal("a string with a lone surrogate (\\\(code)\(String(value, radix: 16))) cannot be read: Swift strings cannot hold one", at: position(of: escapeStart, in: literal))
                }
                result.append(decoded)
            case "N":
                guard index < range.upperBound, body[index] == "{",
                      let close = body[index..<range.upperBound].firstIndex(of: "}"), close > index + 1 else {
                    throw fail("malformed \\N character escape", escapeStart)
                }
                var name = String.UnicodeScalarView()
                name.append(contentsOf: body[(index + 1)..<close])
                guard let decoded = PyUnicodeNames.scalar(named: String(name)) else {
                    throw fail("unknown Unicode character name", escapeStart)
                }
                result.append(decoded)
                index = close + 1
            default:
                // An unknown escape keeps its backslash (Python warns, then does the same).
                result.append("\\")
                result.append(code)
            }
        }
        return String(result)
    }

    /// The text of `body[range]` when it is ASCII with nothing to decode (no backslash, unless `raw`),
    /// written straight into the string; `nil` otherwise.
    static func asciiText(_ body: [Unicode.Scalar], _ range: Range<Int>, raw: Bool) -> String? {
        for index in range {
            let value = body[index].value
            if value >= 0x80 || (value == 0x5C && !raw) { return nil }
        }
        return PyTokenizer.asciiString(body, range)
    }

    // MARK: f-strings

    /// The parts of an f-string body from `offset`, up to its end (`recursion` 0) or to the `}` that
    /// closes a format spec (`recursion` 1).
    mutating func parseFormatted(_ literal: PyStringToken, _ offset: inout Int, recursion: Int) throws -> [PyFormattedPart] {
        var parts: [PyFormattedPart] = []
        let body = literal.body
        while true {
            let (text, doubled) = try findLiteral(literal, &offset, recursion: recursion)
            if !text.isEmpty { parts.append(.text(text)) }
            if doubled { continue }
            if offset >= body.count || body[offset] == "}" { break }
            // body[offset] == "{"
            parts += try parseField(literal, &offset, recursion: recursion)
        }
        if recursion == 0, offset < body.count {
            throw file.syntax("f-string: unexpected end of string", at: Self.position(of: offset, in: literal))
        }
        if recursion != 0, offset >= body.count || body[offset] != "}" {
            throw file.syntax("f-string: expecting '}'", at: Self.position(of: min(offset, body.count), in: literal))
        }
        return parts
    }

    /// Literal text up to the next `{` or `}`; `doubled` when it stopped after an escaped `{{`/`}}`
    /// (the text then ends with one brace, and scanning goes on after the second).
    func findLiteral(_ literal: PyStringToken, _ offset: inout Int, recursion: Int) throws -> (String, doubled: Bool) {
        let body = literal.body
        let start = offset
        var index = offset
        while index < body.count {
            var scalar = body[index]
            index += 1
            if !literal.isRaw, scalar == "\\", index < body.count {
                scalar = body[index]
                index += 1
                if scalar == "N" {
                    if index < body.count {
                        let isBrace = body[index] == "{"
                        index += 1
                        if isBrace {
                            while index < body.count {
                                let closing = body[index] == "}"
                                index += 1
                                if closing { break }
                            }
                            continue
                        }
                    }
                    break
                }
            }
            if scalar == "{" || scalar == "}" {
                if recursion == 0 {
                    if index < body.count, body[index] == scalar {
                        offset = index + 1
                        return (try Self.decode(literal, start..<index, file: file), true)
                    }
                    if scalar == "}" {
                        throw file.syntax("f-string: single '}' is not allowed", at: Self.position(of: index - 1, in: literal))
                    }
                }
                index -= 1
                break
            }
        }
        offset = index
        return (try Self.decode(literal, start..<index, file: file), false)
    }

    /// One replacement field, at the `{` at `offset`: `{expr=!c:spec}`.
    mutating func parseField(_ literal: PyStringToken, _ offset: inout Int, recursion: Int) throws -> [PyFormattedPart] {
        let body = literal.body
        let openPos = Self.position(of: offset, in: literal)
        if recursion >= 2 {
            throw file.syntax("f-string: expressions nested too deeply", at: openPos)
        }
        offset += 1
        let expressionStart = offset
        var quote: Unicode.Scalar?
        var tripleQuote = false
        var nesting: [Unicode.Scalar] = []
        while offset < body.count {
            let scalar = body[offset]
            if scalar == "\\" {
                throw file.syntax("f-string expression part cannot include a backslash", at: Self.position(of: offset, in: literal))
            }
            if let open = quote {
                if scalar == open {
                    if tripleQuote {
                        if offset + 2 < body.count, body[offset + 1] == open, body[offset + 2] == open {
                            offset += 3
                            quote = nil
                            continue
                        }
                    } else {
                        quote = nil
                    }
                }
                offset += 1
                continue
            }
            if scalar == "'" || scalar == "\"" {
                if offset + 2 < body.count, body[offset + 1] == scalar, body[offset + 2] == scalar {
                    tripleQuote = true
                    offset += 3
                } else {
                    tripleQuote = false
                    offset += 1
                }
                quote = scalar
                continue
            }
            if scalar == "[" || scalar == "{" || scalar == "(" {
                nesting.append(scalar)
                offset += 1
                continue
            }
            if scalar == "#" {
                throw file.syntax("f-string expression part cannot include '#'", at: Self.position(of: offset, in: literal))
            }
            if nesting.isEmpty, "!:}=<>".unicodeScalars.contains(scalar) {
                if offset + 1 < body.count {
                    let next = body[offset + 1]
                    if next == "=", "!=<>".unicodeScalars.contains(scalar) {
                        offset += 2
                        continue
                    }
                    if scalar == "<" || scalar == ">" {
                        offset += 1
                        continue
                    }
                }
                break
            }
            if scalar == "]" || scalar == "}" || scalar == ")" {
                guard let open = nesting.popLast() else {
                    throw file.syntax("f-string: unmatched '\(scalar)'", at: Self.position(of: offset, in: literal))
                }
                let expected: Unicode.Scalar = open == "(" ? ")" : (open == "[" ? "]" : "}")
                if scalar != expected {
                    throw file.syntax("f-string: closing parenthesis '\(scalar)' does not match opening parenthesis '\(open)'", at: Self.position(of: offset, in: literal))
                }
            }
            offset += 1
        }
        let expressionEnd = offset
        if quote != nil {
            throw file.syntax("f-string: unterminated string", at: openPos)
        }
        if let open = nesting.last {
            throw file.syntax("f-string: unmatched '\(open)'", at: openPos)
        }
        if offset >= body.count {
            throw file.syntax("f-string: expecting '}'", at: openPos)
        }
        let expressionScalars = Array(body[expressionStart..<expressionEnd])
        let expressionPos = Self.position(of: expressionStart, in: literal)
        if expressionScalars.allSatisfy({ $0 == " " || $0 == "\t" || $0 == "\n" || $0 == "\u{0C}" || $0 == "\r" }) {
            throw file.syntax("f-string: empty expression not allowed", at: openPos)
        }
        let tokens = try PyTokenizer.tokenizeExpression(expressionScalars, start: expressionPos, file: file)
        var inner = PyParser(tokens: tokens, file: file, maxDepth: maxDepth)
        inner.depth = depth
        inner.cpythonStack = cpythonStack
        let value = try inner.parseParenthesized(expressionPos, closing: "")

        var parts: [PyFormattedPart] = []
        var selfDocumenting = false
        if body[offset] == "=" {
            offset += 1
            while offset < body.count, [" ", "\t", "\n", "\r", "\u{0B}", "\u{0C}"].contains(body[offset]) { offset += 1 }
            var text = String.UnicodeScalarView()
            text.append(contentsOf: body[expressionStart..<offset])
            parts.append(.text(String(text)))
            selfDocumenting = true
        }
        var conversion: Unicode.Scalar?
        if offset < body.count, body[offset] == "!" {
            offset += 1
            guard offset < body.count else { throw file.syntax("f-string: expecting '}'", at: openPos) }
            let code = body[offset]
            guard code == "s" || code == "r" || code == "a" else {
                throw file.syntax("f-string: invalid conversion character: expected 's', 'r', or 'a'", at: Self.position(of: offset, in: literal))
            }
            conversion = code
            offset += 1
        }
        guard offset < body.count else { throw file.syntax("f-string: expecting '}'", at: openPos) }
        var spec: [PyFormattedPart]?
        if body[offset] == ":" {
            offset += 1
            guard offset < body.count else { throw file.syntax("f-string: expecting '}'", at: openPos) }
            spec = try parseFormatted(literal, &offset, recursion: recursion + 1)
        }
        guard offset < body.count, body[offset] == "}" else {
            throw file.syntax("f-string: expecting '}'", at: Self.position(of: min(offset, body.count), in: literal))
        }
        offset += 1
        if selfDocumenting, spec == nil, conversion == nil { conversion = "r" }
        parts.append(.field(value: value, conversion: conversion, spec: spec))
        return parts
    }
}
