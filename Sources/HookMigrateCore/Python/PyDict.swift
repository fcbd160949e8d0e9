/// A Python dict: entries in insertion order with a hash index, so building and updating large dicts
/// stays linear. Setting an existing key replaces its value in place and keeps the first key object
/// (`d[1.0] = x` on a dict with key `1` keeps the int key), as Python does.
final class PyDict {
    struct Entry {
        var key: PyObj
        var value: PyObj
    }

    private(set) var entries: [Entry] = []
    private var index: [PyKey: Int] = [:]
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

    func value(for key: PyKey) -> PyObj? {
        index[key].map { entries[$0].value }
    }

    func contains(_ key: PyKey) -> Bool { index[key] != nil }

    /// Sets a value: in place for an existing key, appended for a new one.
    func set(_ key: PyKey, keyObject: PyObj, value: PyObj) {
        if let position = index[key] {
            entries[position].value = value
        } else {
            index[key] = entries.count
            entries.append(Entry(key: keyObject, value: value))
            version += 1
        }
    }

    /// Removes a key and returns its entry.
    @discardableResult
    func remove(_ key: PyKey) -> Entry? {
        guard let position = index.removeValue(forKey: key) else { return nil }
        let entry = entries.remove(at: position)
        for later in position..<entries.count {
            if let laterKey = try? PyKey(entries[later].key) { index[laterKey] = later }
        }
        version += 1
        return entry
    }

    /// Removes every entry.
    func removeAll() {
        entries.removeAll()
        index.removeAll()
        version += 1
    }

    /// A shallow copy (`dict.copy()`, `dict(d)`).
    func copy() -> PyDict {
        let copy = PyDict()
        copy.entries = entries
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
        lhs.text.utf8.elementsEqual(rhs.text.utf8)
    }

    func hash(into hasher: inout Hasher) {
        var text = self.text
        text.withUTF8 { hasher.combine(bytes: UnsafeRawBufferPointer($0)) }
    }
}
