/// A Python dict: entries in insertion order with a hash index, so building and updating large dicts
/// stays linear. Setting an existing key replaces its value in place and keeps the first key object
/// (`d[1.0] = x` on a dict with key `1` keeps the int key), as Python does.
///
/// Most dicts of a config hold a handful of keys: up to `indexedFrom` keys they are found by a scan of the
/// keys, with no hash table; the table is built when the dict grows past that.
final class PyDict {
    struct Entry {
        var key: PyObj
        var value: PyObj
    }

    /// The size past which keys are found through `index`.
    static let indexedFrom = 8

    private(set) var entries: [Entry] = []
    /// Each entry's key identity, in entry order.
    private var keys: [PyKey] = []
    /// Each key's position, once the dict has held more than `indexedFrom` keys.
    private var index: [PyKey: Int]?
    /// Bumped whenever a key is added or removed (iteration over a dict that changes size fails).
    private(set) var version = 0

    init() {}

    deinit {
        if entries.contains(where: { $0.key.holdsContainer || $0.value.holdsContainer }) {
            var items = entries.flatMap { [$0.key, $0.value] }
            entries = []
            PyGraveyard.bury(&items)
        }
    }

    var count: Int { entries.count }

    /// The position of `key`'s entry.
    private func position(of key: PyKey) -> Int? {
        if let index { return index[key] }
        return keys.firstIndex(of: key)
    }

    func value(for key: PyKey) -> PyObj? {
        position(of: key).map { entries[$0].value }
    }

    func contains(_ key: PyKey) -> Bool { position(of: key) != nil }

    /// Sets a value: in place for an existing key, appended for a new one.
    func set(_ key: PyKey, keyObject: PyObj, value: PyObj) {
        if let position = position(of: key) {
            entries[position].value = value
        } else {
            index?[key] = entries.count
            entries.append(Entry(key: keyObject, value: value))
            keys.append(key)
            version += 1
            if index == nil, keys.count > Self.indexedFrom { reindex() }
        }
    }

    /// Builds `index` from `keys`.
    private func reindex() {
        var built: [PyKey: Int] = [:]
        built.reserveCapacity(keys.count * 2)
        for (position, key) in keys.enumerated() { built[key] = position }
        index = built
    }

    /// Removes a key and returns its entry.
    @discardableResult
    func remove(_ key: PyKey) -> Entry? {
        guard let position = position(of: key) else { return nil }
        let entry = entries.remove(at: position)
        keys.remove(at: position)
        if index != nil { reindex() }
        version += 1
        return entry
    }

    /// Removes every entry.
    func removeAll() {
        entries.removeAll()
        keys.removeAll()
        index = nil
        version += 1
    }

    /// A shallow copy (`dict.copy()`, `dict(d)`).
    func copy() -> PyDict {
        let copy = PyDict()
        copy.entries = entries
        copy.keys = keys
        copy.index = index
        return copy
    }
}

/// The identity of a dict key under Python's `==` and `hash`: `1`, `1.0` and `True` are one key,
/// strings compare by code points (not by Swift's canonical equivalence).
enum PyKey: Hashable {
    case none
    /// An int, a bool, or a float with an integral value inside 64 bits.
    case number(Int)
    /// Any other float, by its bits.
    case float(UInt64)
    case string(PyExactString)
    case tuple([PyKey])

    /// Deepest tuple nesting of a key.
    static let maxNesting = 1000

    /// The key of a value; `PyKeyError` for values Python cannot hash or that we do not key by.
    init(_ object: PyObj, depth: Int = 0) throws {
        if depth > Self.maxNesting { throw PyKeyError.tooDeep }
        switch object.value {
        case .none: self = .none
        case .bool(let flag): self = .number(flag ? 1 : 0)
        case .int(let number): self = .number(number)
        case .float(let number):
            if number.isNaN { throw PyKeyError.nan }
            if number == number.rounded(.towardZero), let exact = Int(exactly: number) {
                self = .number(exact)
            } else {
                self = .float(number.bitPattern)
            }
        case .str(let text): self = .string(PyExactString(text))
        case .tuple(let items): self = .tuple(try items.map { try PyKey($0, depth: depth + 1) })
        case .list, .dict, .slice, .view:
            throw PyKeyError.unhashable(object.value.typeName)
        case .range, .iterator, .builtin:
            throw PyKeyError.unsupported(object.value.typeName)
        }
    }
}

/// Why a value cannot be a dict key.
enum PyKeyError: Error {
    /// Python's `TypeError: unhashable type`.
    case unhashable(String)
    /// NaN keys are looked up by object identity in Python; refused.
    case nan
    /// Hashable in Python by identity (ranges by value), but never a config key; refused.
    case unsupported(String)
    /// A tuple key nested deeper than `PyKey.maxNesting`; refused.
    case tooDeep
}

/// A string compared by its code points, as Python compares `str`.
struct PyExactString: Hashable {
    let text: String

    init(_ text: String) {
        self.text = text
    }

    static func == (lhs: PyExactString, rhs: PyExactString) -> Bool {
        UTF8Text.bytesEqual(lhs.text, rhs.text)
    }

    func hash(into hasher: inout Hasher) {
        var text = self.text
        text.withUTF8 { hasher.combine(bytes: UnsafeRawBufferPointer($0)) }
    }
}
