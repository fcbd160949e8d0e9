import Foundation

/// Byte-level helpers for the readers and writers: most config text is ASCII, where a byte is a
/// character and a loop over bytes replaces grapheme breaking and Foundation's string search.
enum UTF8Text {
    /// Runs `body` on the text's UTF-8 bytes (a native string's own storage; a copy otherwise).
    @inline(__always) static func withBytes<Result>(_ text: String, _ body: (UnsafeBufferPointer<UInt8>) -> Result) -> Result {
        if let result = text.utf8.withContiguousStorageIfAvailable(body) { return result }
        var copy = text
        return copy.withUTF8(body)
    }

    /// Whether two strings have the same UTF-8 bytes (Python's `str` equality: code point by code point, where
    /// Swift's `==` would also equate canonically equivalent text). The lengths first, then one `memcmp`.
    static func bytesEqual(_ a: String, _ b: String) -> Bool {
        guard a.utf8.count == b.utf8.count else { return false }
        return withBytes(a) { left in
            withBytes(b) { right in
                guard let l = left.baseAddress, let r = right.baseAddress else { return left.count == right.count }
                return memcmp(l, r, left.count) == 0
            }
        }
    }

    /// `text.count` (characters), from the byte count when the text is ASCII without a carriage return
    /// (there each byte is one character; CR LF is one character of two bytes).
    static func characterCount(_ text: String) -> Int {
        let simple = withBytes(text) { bytes in
            for byte in bytes where byte >= 0x80 || byte == 0x0D { return false }
            return true
        }
        return simple ? text.utf8.count : text.count
    }

    /// `text.unicodeScalars.count`, from the bytes: every scalar has one byte that is not a continuation byte.
    static func scalarCount(_ text: String) -> Int {
        withBytes(text) { bytes in
            var count = 0
            for byte in bytes where byte & 0xC0 != 0x80 { count += 1 }
            return count
        }
    }

    /// Whether a byte is an ASCII digit.
    @inline(__always) static func isDigit(_ byte: UInt8) -> Bool { byte &- 0x30 < 10 }
}
