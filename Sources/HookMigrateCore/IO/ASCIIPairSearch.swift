import Foundation

extension Substring {
    /// The first occurrence of two ASCII bytes in a row (`{{`, `{}`), found on the UTF-8 bytes: Foundation's
    /// `range(of:)` compares by Unicode rules, at many times the cost, and the callers search every config
    /// file's text and every checkpoint file name of a long run. ASCII bytes only (below 0x80), so the range
    /// falls on character boundaries.
    public func firstRange(ofASCII first: UInt8, _ second: UInt8) -> Range<String.Index>? {
        guard first < 0x80, second < 0x80 else { return nil }
        let bytes = utf8
        // A native string's bytes in one buffer: a plain loop (index arithmetic on the view checks every step).
        if let offset = bytes.withContiguousStorageIfAvailable({ buffer -> Int? in
            // memchr finds each candidate first byte (vectorized); the second is then compared.
            guard let base = buffer.baseAddress else { return nil }
            var position = 0
            while position + 1 < buffer.count {
                guard let found = memchr(base + position, Int32(first), buffer.count - 1 - position) else { return nil }
                let offset = base.distance(to: found.assumingMemoryBound(to: UInt8.self))
                if buffer[offset + 1] == second { return offset }
                position = offset + 1
            }
            return nil
        }) {
            guard let offset else { return nil }
            let start = bytes.index(bytes.startIndex, offsetBy: offset)
            return start..<bytes.index(start, offsetBy: 2)
        }
        var index = bytes.startIndex
        while let found = bytes[index...].firstIndex(of: first) {
            let next = bytes.index(after: found)
            if next < bytes.endIndex, bytes[next] == second { return found..<bytes.index(after: next) }
            index = next
        }
        return nil
    }
}
