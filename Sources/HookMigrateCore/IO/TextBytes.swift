/// Output text built as UTF-8 bytes and turned into a `String` once: appending to a byte array is a copy,
/// where appending to a `String` piece by piece checks each boundary (about ten times the work on the
/// writers' small pieces).
struct TextBytes {
    /// The bytes so far.
    private(set) var bytes: [UInt8] = []

    init(capacity: Int = 0) {
        bytes.reserveCapacity(capacity)
    }

    /// Appends a literal.
    @inline(__always) mutating func add(_ literal: StaticString) {
        literal.withUTF8Buffer { bytes.append(contentsOf: $0) }
    }

    /// Appends a string's bytes.
    @inline(__always) mutating func add(_ text: String) {
        UTF8Text.withBytes(text) { bytes.append(contentsOf: $0) }
    }

    /// Appends bytes.
    @inline(__always) mutating func add(_ more: [UInt8]) {
        bytes.append(contentsOf: more)
    }

    /// Appends `count` spaces.
    mutating func addSpaces(_ count: Int) {
        guard count > 0 else { return }
        bytes.append(contentsOf: repeatElement(UInt8(ascii: " "), count: count))
    }

    /// The text.
    var text: String { String(decoding: bytes, as: UTF8.self) }
}
