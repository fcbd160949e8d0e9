/// A mapping whose entries stay in the order they were written, each key with its own location.
///
/// Keys are scalars: almost always strings, but Python dicts with int keys (mmpose's `keypoint_info`)
/// keep int keys in YAML. Lookups by string match string keys only.
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

    /// Creates a mapping from entries, which must have distinct keys (a later duplicate replaces the
    /// earlier value in place, as a Python dict does).
    public init(_ entries: [Entry] = []) {
        self.entries = []
        self.entries.reserveCapacity(entries.count)
        for entry in entries { set(entry) }
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
        entries.firstIndex { $0.key == key }
    }

    /// The entry for `key`, if present.
    public func entry(_ key: String) -> Entry? {
        index(of: .string(key)).map { entries[$0] }
    }

    /// Whether `key` is present.
    public func contains(_ key: String) -> Bool { index(of: .string(key)) != nil }

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
            entries.append(entry)
        }
    }

    /// Appends an entry without looking for an existing key; the caller guarantees the key is new.
    public mutating func appendNew(_ entry: Entry) {
        entries.append(entry)
    }

    /// Removes and returns the entry for `key`.
    @discardableResult
    public mutating func removeEntry(_ key: ConfigScalar) -> Entry? {
        guard let index = index(of: key) else { return nil }
        return entries.remove(at: index)
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
    }
}
