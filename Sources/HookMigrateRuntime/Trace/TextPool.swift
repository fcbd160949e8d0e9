/// Interned texts: each distinct text is stored once and named by a small id, so events can carry their
/// text as an integer.
struct TextPool: Sendable {
    /// The texts, by id.
    private(set) var texts: [String] = []
    private var ids: [String: Int32] = [:]
    /// The last texts interned, checked before the table: a run interns the same few texts ("train", a
    /// metric key) over and over, and comparing a short string costs less than hashing it.
    private var recent: [(text: String, id: Int32)] = []
    private var recentNext = 0

    /// The id of a text, adding it when new.
    mutating func intern(_ text: String) -> Int32 {
        for entry in recent where entry.text == text { return entry.id }
        let id: Int32
        if let known = ids[text] {
            id = known
        } else {
            id = Int32(texts.count)
            texts.append(text)
            ids[text] = id
        }
        if recent.count < 4 {
            recent.append((text, id))
        } else {
            recent[recentNext] = (text, id)
            recentNext = (recentNext + 1) % 4
        }
        return id
    }

    /// The text of an id; `nil` for -1 or an unknown id.
    subscript(id: Int32) -> String? {
        id >= 0 && Int(id) < texts.count ? texts[Int(id)] : nil
    }
}
