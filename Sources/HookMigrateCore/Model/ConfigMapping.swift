/// A mapping whose entries stay in the order they were written, each key with its own location.
///
/// Keys are scalars: almost always strings, but Python dicts with int keys (mmpose's `keypoint_info`)
/// keep int keys in YAML. Lookups by string match string keys only.
///
/// Lookups scan the entries while the mapping is small; past `indexThreshold` entries a key index is
/// kept beside them, so that building or reading a mapping of many keys takes time linear in its size
/// (a hostile file of 200,000 keys would otherwise take hours).
public struct ConfigMapping: Sendable, Equatable {
    /// One key and its value.
    public struct Entry: Sendable, Equatable {
        /// The key.
        public var key: ConfigScalar
        /// Where the key is written; `nil` for keys that hookmigrate made.
        public var keyLocation: SourceLocation?
        /// The value.
        public var value: ConfigNode

        /// Creates an entry.
        public init(key: ConfigScalar, keyLocation: SourceLocation? = nil, value: ConfigNode) {
            self.key = key
            self.keyLocation = keyLocation
            self.value = value
        }

        /// Entries compare by key and value; locations are not compared.
        public static func == (lhs: Entry, rhs: Entry) -> Bool {
            lhs.key == rhs.key && lhs.value == rhs.value
        }
    }

    /// The entries in order.
    public private(set) var entries: [Entry]

    /// The position of each key's first entry; kept only past `indexThreshold` entries.
    private var keyIndex: [ConfigScalar: Int]?

    /// Mappings with more entries than this keep a key index.
    static let indexThreshold = 24

    /// Creates a mapping from entries, which must have distinct keys (a later duplicate replaces the
    /// earlier value in place, as a Python dict does).
    public init(_ entries: [Entry] = []) {
        self.entries = []
        self.entries.reserveCapacity(entries.count)
        for entry in entries { set(entry) }
    }

    /// Mappings compare by their entries, in order (locations are not compared).
    public static func == (lhs: ConfigMapping, rhs: ConfigMapping) -> Bool {
        lhs.entries == rhs.entries
    }

    /// Creates a mapping with string keys.
    public init(_ pairs: KeyValuePairs<String, ConfigNode>) {
        self.init(pairs.map { Entry(key: .string($0.key), value: $0.value) })
    }

    /// The number of entries.
    public var count: Int { entries.count }

    /// Whether there are no entries.
    public var isEmpty: Bool { entries.isEmpty }

    /// The keys in order.
    public var keys: [ConfigScalar] { entries.map(\.key) }

    /// The position of `key`, if present.
    public func index(of key: ConfigScalar) -> Int? {
        if let keyIndex { return keyIndex[key] }
        return entries.firstIndex { $0.key == key }
    }

    /// The entry for `key`, if present.
    public func entry(_ key: String) -> Entry? {
        index(of: .string(key)).map { entries[$0] }
    }

    /// Whether `key` is present.
    public func contains(_ key: String) -> Bool { index(of: .string(key)) != nil }

    /// The value of a string key, `nil` when the key is absent or holds null (`None`): what a Python keyword
    /// argument whose default is `None` receives.
    public func present(_ key: String) -> ConfigNode? {
        guard let node = self[key], !node.isNull else { return nil }
        return node
    }

    /// The value for a string key. Setting replaces the value in place (keeping the key's position and
    /// location) or appends a new entry; setting `nil` removes the entry.
    public subscript(key: String) -> ConfigNode? {
        get { index(of: .string(key)).map { entries[$0].value } }
        set {
            if let newValue {
                set(Entry(key: .string(key), value: newValue))
            } else {
                removeValue(forKey: key)
            }
        }
    }

    /// Replaces the value of an existing key in place (keeping its position and, when the new entry
    /// has none, its key location) or appends the entry.
    public mutating func set(_ entry: Entry) {
        if let index = index(of: entry.key) {
            let keyLocation = entry.keyLocation ?? entries[index].keyLocation
            entries[index] = Entry(key: entry.key, keyLocation: keyLocation, value: entry.value)
        } else {
            append(entry)
        }
    }

    /// Appends an entry without looking for an existing key; the caller guarantees the key is new.
    public mutating func appendNew(_ entry: Entry) {
        append(entry)
    }

    /// Appends an entry and keeps the index (built when the mapping grows past `indexThreshold`).
    private mutating func append(_ entry: Entry) {
        entries.append(entry)
        if keyIndex != nil {
            if keyIndex?[entry.key] == nil { keyIndex?[entry.key] = entries.count - 1 }
        } else if entries.count > Self.indexThreshold {
            rebuildIndex()
        }
    }

    /// Builds the key index from the entries (first entry of a key wins, as the scan does), or drops it
    /// when the mapping is small.
    private mutating func rebuildIndex() {
        guard entries.count > Self.indexThreshold else {
            keyIndex = nil
            return
        }
        var index: [ConfigScalar: Int] = [:]
        index.reserveCapacity(entries.count)
        for (position, entry) in entries.enumerated() where index[entry.key] == nil {
            index[entry.key] = position
        }
        keyIndex = index
    }

    /// Removes and returns the entry for `key`.
    @discardableResult
    public mutating func removeEntry(_ key: ConfigScalar) -> Entry? {
        guard let index = index(of: key) else { return nil }
        let removed = entries.remove(at: index)
        if keyIndex != nil { rebuildIndex() }
        return removed
    }

    /// Removes and returns the value for a string key.
    @discardableResult
    public mutating func removeValue(forKey key: String) -> ConfigNode? {
        removeEntry(.string(key))?.value
    }

    /// Replaces the value at a position.
    public mutating func setValue(_ value: ConfigNode, at index: Int) {
        entries[index].value = value
    }

    /// Inserts an entry at a position; the caller guarantees the key is new.
    public mutating func insert(_ entry: Entry, at index: Int) {
        entries.insert(entry, at: index)
        if keyIndex != nil || entries.count > Self.indexThreshold { rebuildIndex() }
    }
}
