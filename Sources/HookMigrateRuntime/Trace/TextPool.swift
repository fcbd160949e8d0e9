/// Interned texts: each distinct text is stored once and named by a small id, so events can carry their
/// text as an integer.
struct TextPool: Sendable {
    /// The texts, by id.
    private(set) var texts: [String] = []
    private var ids: [String: Int32] = [:]

    /// The id of a text, adding it when new.
    mutating func intern(_ text: String) -> Int32 {
        if let id = ids[text] { return id }
        let id = Int32(texts.count)
        texts.append(text)
        ids[text] = id
        return id
    }

    /// The text of an id; `nil` for -1 or an unknown id.
    subscript(id: Int32) -> String? {
        id >= 0 && Int(id) < texts.count ? texts[Int(id)] : nil
    }
}
