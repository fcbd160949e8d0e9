/// Interned texts: each distinct text is stored once and named by a small id, so events can carry their
/// text as an integer. Texts that are equal as Swift strings (canonically equivalent) share an id.
///
/// The ids of ASCII texts live in an open-addressing table of its own, keyed by an FNV-1a hash of the bytes:
/// every simulated checkpoint save interns a new file name, and the standard dictionary's seeded hashing (and
/// its growth from empty in each comparison) cost more than the rest of the event. An ASCII text equals
/// another ASCII text only byte for byte, so the table finds it; a text with other characters can equal a
/// text of other bytes (`"\u{212A}"`, the Kelvin sign, is `"K"`), so such texts are kept apart and compared
/// with `==` one by one (they are rare: file names and metric keys are ASCII).
struct TextPool: Sendable {
    /// The texts, by id.
    private(set) var texts: [String] = []
    /// The hash of each text, by id; `nil` for a text that is not ASCII (not in the table).
    private var hashes: [UInt64?] = []
    /// The ids of the texts that are not ASCII.
    private var others: [Int32] = []
    /// Open addressing, linear probing: each slot holds the id of an ASCII text, or -1. Its size is a power of
    /// two, more than twice the number of texts.
    private var slots = [Int32](repeating: -1, count: 64)

    /// FNV-1a over the UTF-8 bytes; `nil` when a byte is not ASCII.
    @inline(__always) static func asciiHash(_ text: String) -> UInt64? {
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        for byte in text.utf8 {
            guard byte < 0x80 else { return nil }
            hash = (hash ^ UInt64(byte)) &* 0x0000_0100_0000_01b3
        }
        return hash
    }

    /// The id of a text, adding it when new.
    mutating func intern(_ text: String) -> Int32 {
        guard let hash = Self.asciiHash(text) else {
            for (id, known) in texts.enumerated() where known == text { return Int32(id) }
            let id = Int32(texts.count)
            texts.append(text)
            hashes.append(nil)
            others.append(id)
            return id
        }
        let mask = slots.count - 1
        var slot = Int(truncatingIfNeeded: hash) & mask
        while true {
            let id = slots[slot]
            if id < 0 { break }
            if hashes[Int(id)] == hash, texts[Int(id)] == text { return id }
            slot = (slot + 1) & mask
        }
        for id in others where texts[Int(id)] == text { return id }
        let id = Int32(texts.count)
        texts.append(text)
        hashes.append(hash)
        if 2 * texts.count >= slots.count {
            grow()
        } else {
            slots[slot] = id
        }
        return id
    }

    /// Doubles the table and places every ASCII text's id again.
    private mutating func grow() {
        var larger = [Int32](repeating: -1, count: slots.count * 2)
        let mask = larger.count - 1
        for (index, hash) in hashes.enumerated() {
            guard let hash else { continue }
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
