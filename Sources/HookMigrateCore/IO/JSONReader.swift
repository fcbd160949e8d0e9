/// Reads JSON as Python's `json.load` does (which is how MMCV reads a `.json` config), keeping what a
/// config needs: key order, ints apart from floats (`1` an int, `1.0` and `1e-05` floats), `NaN` and
/// `Infinity`, `\uD83D\uDE00` surrogate pairs as one character, and the position of every value.
///
/// Stricter than Python where Python silently loses data: a duplicate key is an error (Python keeps the
/// last), and so is a lone surrogate (Swift strings cannot hold one) or an integer outside 64 bits.
public struct JSONReader: Sendable {
    /// Bounds on nesting and size.
    public var limits: ReadLimits

    /// Creates a reader.
    public init(limits: ReadLimits = .default) {
        self.limits = limits
    }

    /// Parses one JSON value (the whole file).
    public func read(_ source: SourceText) throws -> ConfigNode {
        let limits = self.limits
        return try LargeStack.run(inline: LargeStack.isShallowJSON(source.bytes)) {
            var parser = JSONParser(source: source, limits: limits)
            return try parser.parseDocument()
        }
    }
}

/// The recursive-descent parser behind `JSONReader`; tracks line and column as it advances.
struct JSONParser {
    let source: SourceText
    let bytes: [UInt8]
    let limits: ReadLimits
    var index = 0
    var line = 1
    var column = 1
    var depth = 0
    /// Values read so far (bounded by `ReadLimits.maxNodes`).
    var nodeCount = 0

    init(source: SourceText, limits: ReadLimits) {
        self.source = source
        self.bytes = source.bytes
        self.limits = limits
    }

    var location: SourceLocation { SourceLocation(file: source.path, line: line, column: column) }

    mutating func parseDocument() throws -> ConfigNode {
        skipWhitespace()
        guard index < bytes.count else { throw error("expected a JSON value, found the end of the file") }
        let node = try parseValue()
        skipWhitespace()
        if index < bytes.count {
            throw error("extra data after the JSON value: \(describeCurrent())")
        }
        return node
    }

    // MARK: Cursor

    @inline(__always) mutating func advance() {
        let byte = bytes[index]
        index += 1
        if byte == 0x0A {
            line += 1
            column = 1
        } else if byte & 0xC0 != 0x80 {
            column += 1
        }
    }

    mutating func skipWhitespace() {
        while index < bytes.count {
            switch bytes[index] {
            case 0x20, 0x09, 0x0A, 0x0D: advance()
            default: return
            }
        }
    }

    func error(_ message: String, at location: SourceLocation? = nil) -> ConfigError {
        ConfigError(.jsonSyntax, message, at: location ?? self.location)
    }

    func describeCurrent() -> String {
        guard index < bytes.count else { return "the end of the file" }
        var end = index + 1
        while end < bytes.count, bytes[end] & 0xC0 == 0x80 { end += 1 }
        let text = String(decoding: bytes[index..<end], as: UTF8.self)
        return "'\(text)'"
    }

    mutating func expectLiteral(_ literal: StaticString) -> Bool {
        let count = literal.utf8CodeUnitCount
        guard index + count <= bytes.count else { return false }
        let expected = literal.utf8Start
        for offset in 0..<count where bytes[index + offset] != expected[offset] { return false }
        // An ASCII literal on one line: the column moves by its length.
        index += count
        column += count
        return true
    }

    // MARK: Values

    mutating func parseValue() throws -> ConfigNode {
        let start = location
        nodeCount += 1
        if nodeCount > limits.maxNodes {
            throw ConfigError(.sizeLimit, "the file holds more than \(limits.maxNodes) values; refusing to read further", at: start)
        }
        guard index < bytes.count else { throw error("expected a JSON value, found the end of the file") }
        switch bytes[index] {
        case UInt8(ascii: "{"): return try parseObject()
        case UInt8(ascii: "["): return try parseArray()
        case UInt8(ascii: "\""): return ConfigNode(.string(try parseString()), at: start)
        case UInt8(ascii: "t"):
            if expectLiteral("true") { return ConfigNode(.bool(true), at: start) }
        case UInt8(ascii: "f"):
            if expectLiteral("false") { return ConfigNode(.bool(false), at: start) }
        case UInt8(ascii: "n"):
            if expectLiteral("null") { return ConfigNode(.null, at: start) }
        case UInt8(ascii: "N"):
            if expectLiteral("NaN") { return ConfigNode(.float(.nan), at: start) }
        case UInt8(ascii: "I"):
            if expectLiteral("Infinity") { return ConfigNode(.float(.infinity), at: start) }
        case UInt8(ascii: "-"), UInt8(ascii: "0")...UInt8(ascii: "9"):
            if index + 1 < bytes.count, bytes[index] == UInt8(ascii: "-"), bytes[index + 1] == UInt8(ascii: "I") {
                advance()
                if expectLiteral("Infinity") { return ConfigNode(.float(-.infinity), at: start) }
                throw error("expected a number after '-'", at: start)
            }
            return ConfigNode(try parseNumber(), at: start)
        default:
            break
        }
        throw error("expected a JSON value, found \(describeCurrent())")
    }

    mutating func enter(_ start: SourceLocation) throws {
        depth += 1
        if depth > limits.maxDepth {
            throw ConfigError(.depthLimit, "nesting is deeper than \(limits.maxDepth) levels", at: start)
        }
    }

    mutating func parseObject() throws -> ConfigNode {
        let start = location
        try enter(start)
        advance() // {
        var mapping = ConfigMapping()
        skipWhitespace()
        if index < bytes.count, bytes[index] == UInt8(ascii: "}") {
            advance()
            depth -= 1
            return ConfigNode(mapping, at: start)
        }
        while true {
            skipWhitespace()
            guard index < bytes.count, bytes[index] == UInt8(ascii: "\"") else {
                throw error("expected a key in double quotes, found \(describeCurrent())")
            }
            let keyLocation = location
            let key = try parseString()
            skipWhitespace()
            guard index < bytes.count, bytes[index] == UInt8(ascii: ":") else {
                throw error("expected ':' after the key '\(key)', found \(describeCurrent())")
            }
            advance()
            skipWhitespace()
            let value = try parseValue()
            // The mapping's own lookup finds a duplicate (a scan while it is small, an index past that).
            if let first = mapping.index(of: .string(key)) {
                throw ConfigError(.duplicateKey, "duplicate key '\(key)' in this mapping", at: keyLocation,
                                  notes: [.init("first written here", at: mapping.entries[first].keyLocation)])
            }
            mapping.appendNew(.init(key: .string(key), keyLocation: keyLocation, value: value))
            skipWhitespace()
            guard index < bytes.count else { throw error("expected ',' or '}', found the end of the file") }
            if bytes[index] == UInt8(ascii: ",") {
                advance()
                continue
            }
            if bytes[index] == UInt8(ascii: "}") {
                advance()
                break
            }
            throw error("expected ',' or '}' after a value, found \(describeCurrent())")
        }
        depth -= 1
        return ConfigNode(mapping, at: start)
    }

    mutating func parseArray() throws -> ConfigNode {
        let start = location
        try enter(start)
        advance() // [
        var items: [ConfigNode] = []
        skipWhitespace()
        if index < bytes.count, bytes[index] == UInt8(ascii: "]") {
            advance()
            depth -= 1
            return ConfigNode(ConfigList(items), at: start)
        }
        while true {
            skipWhitespace()
            items.append(try parseValue())
            skipWhitespace()
            guard index < bytes.count else { throw error("expected ',' or ']', found the end of the file") }
            if bytes[index] == UInt8(ascii: ",") {
                advance()
                continue
            }
            if bytes[index] == UInt8(ascii: "]") {
                advance()
                break
            }
            throw error("expected ',' or ']' after a value, found \(describeCurrent())")
        }
        depth -= 1
        return ConfigNode(ConfigList(items), at: start)
    }

    mutating func parseNumber() throws -> ConfigScalar {
        let start = location
        let begin = index
        var isFloat = false
        if bytes[index] == UInt8(ascii: "-") { advance() }
        guard index < bytes.count, isDigit(bytes[index]) else {
            throw error("expected a digit, found \(describeCurrent())")
        }
        if bytes[index] == UInt8(ascii: "0") {
            advance()
        } else {
            while index < bytes.count, isDigit(bytes[index]) { advance() }
        }
        if index < bytes.count, bytes[index] == UInt8(ascii: ".") {
            guard index + 1 < bytes.count, isDigit(bytes[index + 1]) else {
                advance()
                throw error("expected a digit after the decimal point, found \(describeCurrent())")
            }
            isFloat = true
            advance()
            while index < bytes.count, isDigit(bytes[index]) { advance() }
        }
        if index < bytes.count, bytes[index] == UInt8(ascii: "e") || bytes[index] == UInt8(ascii: "E") {
            var probe = index + 1
            if probe < bytes.count, bytes[probe] == UInt8(ascii: "+") || bytes[probe] == UInt8(ascii: "-") {
                probe += 1
            }
            // Python accepts "1e" as the number 1 followed by garbage; so do we (the garbage is then an error).
            if probe < bytes.count, isDigit(bytes[probe]) {
                isFloat = true
                while index < probe { advance() }
                while index < bytes.count, isDigit(bytes[index]) { advance() }
            }
        }
        // A plain integer of at most 18 digits fits in 64 bits: read from the bytes, without a String.
        if !isFloat, index - begin <= 18 {
            var value = 0
            let negative = bytes[begin] == UInt8(ascii: "-")
            for position in (negative ? begin + 1 : begin)..<index { value = value * 10 + Int(bytes[position] - UInt8(ascii: "0")) }
            return .int(negative ? -value : value)
        }
        let text = String(decoding: bytes[begin..<index], as: UTF8.self)
        if isFloat {
            guard let value = Double(text) else {
                throw ConfigError(.numberRange, "cannot read the number \(text)", at: start)
            }
            return .float(value)
        }
        guard let value = Int(text) else {
            throw ConfigError(.numberRange, "the integer \(text) does not fit in 64 bits", at: start)
        }
        return .int(value)
    }

    func isDigit(_ byte: UInt8) -> Bool { byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9") }

    mutating func parseString() throws -> String {
        let start = location
        advance() // opening quote
        var result = ""
        var runStart = index
        while true {
            // A run of ordinary bytes (no quote, backslash or control character, so no line break): the
            // column moves by the characters' first bytes, without going through `advance()` byte by byte.
            var end = index
            var characters = 0
            while end < bytes.count {
                let byte = bytes[end]
                if byte == 0x22 || byte == 0x5C || byte < 0x20 { break }
                if byte & 0xC0 != 0x80 { characters += 1 }
                end += 1
            }
            index = end
            column += characters
            guard index < bytes.count else {
                throw error("unterminated string (it starts here)", at: start)
            }
            let byte = bytes[index]
            if byte == UInt8(ascii: "\"") {
                let run = String(decoding: bytes[runStart..<index], as: UTF8.self)
                advance()
                return result.isEmpty ? run : result + run
            }
            if byte < 0x20 {
                throw error("control character 0x\(String(byte, radix: 16, uppercase: true)) inside a string; write it as an escape")
            }
            if byte == UInt8(ascii: "\\") {
                result += String(decoding: bytes[runStart..<index], as: UTF8.self)
                try parseEscape(into: &result)
                runStart = index
                continue
            }
        }
    }

    mutating func parseEscape(into result: inout String) throws {
        let escapeLocation = location
        advance() // backslash
        guard index < bytes.count else { throw error("unterminated string escape", at: escapeLocation) }
        let byte = bytes[index]
        advance()
        switch byte {
        case UInt8(ascii: "\""): result += "\""
        case UInt8(ascii: "\\"): result += "\\"
        case UInt8(ascii: "/"): result += "/"
        case UInt8(ascii: "b"): result += "\u{08}"
        case UInt8(ascii: "f"): result += "\u{0C}"
        case UInt8(ascii: "n"): result += "\n"
        case UInt8(ascii: "r"): result += "\r"
        case UInt8(ascii: "t"): result += "\t"
        case UInt8(ascii: "u"):
            let high = try parseHex4(escapeLocation)
            if (0xD800...0xDBFF).contains(high) {
                guard index + 1 < bytes.count, bytes[index] == UInt8(ascii: "\\"), bytes[index + 1] == UInt8(ascii: "u") else {
                    throw error("lone high surrogate \\u\(hex(high)) without its low half", at: escapeLocation)
                }
                advance()
                advance()
                let low = try parseHex4(escapeLocation)
                guard (0xDC00...0xDFFF).contains(low) else {
                    throw error("high surrogate \\u\(hex(high)) followed by \\u\(hex(low)), which is not a low surrogate", at: escapeLocation)
                }
                let scalar = 0x10000 + ((high - 0xD800) << 10) + (low - 0xDC00)
                guard let unicode = Unicode.Scalar(scalar) else {
                    throw error("invalid surrogate pair", at: escapeLocation)
                }
                result.unicodeScalars.append(unicode)
            } else if (0xDC00...0xDFFF).contains(high) {
                throw error("lone low surrogate \\u\(hex(high))", at: escapeLocation)
            } else if let unicode = Unicode.Scalar(high) {
                result.unicodeScalars.append(unicode)
            }
        default:
            throw error("invalid escape '\\\(String(decoding: [byte], as: UTF8.self))' in a string", at: escapeLocation)
        }
    }

    func hex(_ value: UInt32) -> String {
        let digits = String(value, radix: 16, uppercase: true)
        return String(repeating: "0", count: max(0, 4 - digits.count)) + digits
    }

    mutating func parseHex4(_ escapeLocation: SourceLocation) throws -> UInt32 {
        guard index + 4 <= bytes.count else { throw error("incomplete \\u escape", at: escapeLocation) }
        var value: UInt32 = 0
        for _ in 0..<4 {
            let byte = bytes[index]
            let digit: UInt32
            switch byte {
            case UInt8(ascii: "0")...UInt8(ascii: "9"): digit = UInt32(byte - UInt8(ascii: "0"))
            case UInt8(ascii: "a")...UInt8(ascii: "f"): digit = UInt32(byte - UInt8(ascii: "a") + 10)
            case UInt8(ascii: "A")...UInt8(ascii: "F"): digit = UInt32(byte - UInt8(ascii: "A") + 10)
            default: throw error("invalid \\u escape: expected 4 hexadecimal digits", at: escapeLocation)
            }
            value = value * 16 + digit
            advance()
        }
        return value
    }
}
