/// Interned texts: each distinct text is stored once and named by a small id, so events can carry their
/// text as an integer.
///
/// The ids live in an open-addressing table of its own, keyed by an FNV-1a hash of the text's UTF-8 bytes and
/// compared with `==`: every simulated checkpoint save interns a new file name, and the standard dictionary's
/// seeded hashing (and its growth from empty in each comparison) cost more than the rest of the event.
struct TextPool: Sendable {
    /// The texts, by id.
    private(set) var texts: [String] = []
    /// The hash of each text, by id (to rebuild the table without hashing again).
    private var hashes: [UInt64] = []
    /// Open addressing, linear probing: each slot holds an id, or -1. Its size is a power of two, at least
    /// twice the number of texts.
    private var slots = [Int32](repeating: -1, count: 64)

    /// FNV-1a over the UTF-8 bytes.
    @inline(__always) static func hash(_ text: String) -> UInt64 {
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        for byte in text.utf8 {
            hash = (hash ^ UInt64(byte)) &* 0x0000_0100_0000_01b3
        }
        return hash
    }

    /// The id of a text, adding it when new.
    mutating func intern(_ text: String) -> Int32 {
        let hash = Self.hash(text)
        let mask = slots.count - 1
        var slot = Int(truncatingIfNeeded: hash) & mask
        while true {
            let id = slots[slot]
            if id < 0 { break }
            if hashes[Int(id)] == hash, texts[Int(id)] == text { return id }
            slot = (slot + 1) & mask
        }
        let id = Int32(texts.count)
        texts.append(text)
        hashes.append(hash)
        if 2 * texts.count > slots.count {
            grow()
        } else {
            slots[slot] = id
        }
        return id
    }

    /// Doubles the table and places every id again.
    private mutating func grow() {
        var larger = [Int32](repeating: -1, count: slots.count * 2)
        let mask = larger.count - 1
        for (index, hash) in hashes.enumerated() {
            var slot = Int(truncatingIfNeeded: hash) & mask
            while larger[slot] >= 0 { slot = (slot + 1) & mask }
            larger[slot] = Int32(index)
        }
        slots = larger
    }

    /// The text of an id; `nil` for -1 or an unknown id.
    subscript(id: Int32) -> String? {
        id >= 0 && Int(id) < texts.count ? texts[Int(id)] : nil
    }
}
