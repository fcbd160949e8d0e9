/// A file's bytes, checked to be UTF-8, with the means to turn a byte offset into a line and column.
public struct SourceText: Sendable {
    /// The path as the user (or a `_base_` chain) named it; used in every location.
    public let path: String
    /// The text.
    public let text: String
    /// The UTF-8 bytes of `text`.
    public let bytes: [UInt8]

    /// Checks `bytes` as UTF-8; an invalid sequence is an `encoding` error at its position.
    /// A leading byte-order mark is dropped.
    public init(path: String, bytes: [UInt8]) throws {
        var body = bytes[...]
        if body.starts(with: [0xEF, 0xBB, 0xBF]) { body = body.dropFirst(3) }
        self.path = path
        guard let text = String(validating: body, as: UTF8.self) else {
            let offset = SourceText.firstInvalidUTF8Offset(body)
            let location = SourceText.location(ofByte: offset, in: Array(body), path: path)
            throw ConfigError(.encoding, "the file is not valid UTF-8 (byte 0x\(String(body[body.startIndex + offset], radix: 16, uppercase: true)) at offset \(offset))", at: location)
        }
        self.text = text
        self.bytes = Array(body)
    }

    /// Wraps text that is already a Swift string.
    public init(path: String, text: String) {
        self.path = path
        self.text = text
        self.bytes = Array(text.utf8)
    }

    /// The location of a byte offset.
    public func location(ofByte offset: Int) -> SourceLocation {
        SourceText.location(ofByte: offset, in: bytes, path: path)
    }

    /// The line and column (in Unicode scalars) of a byte offset.
    static func location(ofByte offset: Int, in bytes: [UInt8], path: String) -> SourceLocation {
        var line = 1
        var column = 1
        var index = 0
        let end = min(offset, bytes.count)
        while index < end {
            let byte = bytes[index]
            if byte == 0x0A {
                line += 1
                column = 1
            } else if byte & 0xC0 != 0x80 {
                column += 1
            }
            index += 1
        }
        return SourceLocation(file: path, line: line, column: column)
    }

    private static func firstInvalidUTF8Offset(_ bytes: ArraySlice<UInt8>) -> Int {
        var index = bytes.startIndex
        while index < bytes.endIndex {
            let lead = bytes[index]
            let length: Int
            switch lead {
            case 0x00...0x7F: length = 1
            case 0xC2...0xDF: length = 2
            case 0xE0...0xEF: length = 3
            case 0xF0...0xF4: length = 4
            default: return index - bytes.startIndex
            }
            if index + length > bytes.endIndex { return index - bytes.startIndex }
            if String(validating: bytes[index..<(index + length)], as: UTF8.self) == nil {
                return index - bytes.startIndex
            }
            index += length
        }
        return 0
    }

    /// The text of a 1-based line of a file's bytes (a byte-order mark dropped), without its line break;
    /// `nil` past the end or when the line is not UTF-8.
    public static func line(_ number: Int, of bytes: [UInt8]) -> String? {
        bytes.withUnsafeBufferPointer { buffer -> String? in
            var start = buffer.starts(with: [0xEF, 0xBB, 0xBF]) ? 3 : 0
            var line = 1
            var index = start
            while line < number {
                while index < buffer.count, buffer[index] != 0x0A { index += 1 }
                guard index < buffer.count else { return nil }
                index += 1
                start = index
                line += 1
            }
            var end = start
            while end < buffer.count, buffer[end] != 0x0A { end += 1 }
            if end > start, buffer[end - 1] == 0x0D { end -= 1 }
            return String(validating: UnsafeBufferPointer(rebasing: buffer[start..<end]), as: UTF8.self)
        }
    }

    /// The text of a 1-based line, without its line break; empty past the end.
    public func line(_ number: Int) -> String {
        let all = SourceText.lines(text)
        return number >= 1 && number <= all.count ? String(all[number - 1]) : ""
    }

    /// The lines of a text, split at LF and without a trailing CR (so CRLF files split too; Swift treats
    /// CRLF as one character, which `split(separator: "\n")` would not split at).
    public static func lines(_ text: String) -> [Substring] {
        var result: [Substring] = []
        forEachLine(text) { line in
            result.append(line)
            return true
        }
        return result
    }

    /// Calls `body` with the lines `lines(_:)` gives, in order, until it returns false: a reader that needs
    /// only the first lines does not split the whole text.
    public static func forEachLine(_ text: String, _ body: (Substring) -> Bool) {
        let utf8 = text.utf8
        var start = utf8.startIndex
        var index = utf8.startIndex
        while index != utf8.endIndex {
            if utf8[index] == 0x0A {
                guard body(trimmingCR(text[start..<index])) else { return }
                start = utf8.index(after: index)
            }
            index = utf8.index(after: index)
        }
        _ = body(trimmingCR(text[start..<utf8.endIndex]))
    }

    private static func trimmingCR(_ line: Substring) -> Substring {
        line.utf8.last == 0x0D ? Substring(line.utf8.dropLast()) : line
    }
}
