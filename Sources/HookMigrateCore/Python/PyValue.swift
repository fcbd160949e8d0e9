/// A runtime value with the position of the expression that made it. Values reached through a name
/// keep the position where they were made.
struct PyObj {
    var value: PyValue
    var pos: PyPos

    init(_ value: PyValue, at pos: PyPos) {
        self.value = value
        self.pos = pos
    }
}

/// The values a config module can compute. Lists and dicts are reference types, as in Python:
/// `b = a; b.append(1)` changes `a`.
enum PyValue {
    case none
    case bool(Bool)
    case int(Int)
    case float(Double)
    case str(String)
    case list(PyList)
    case tuple(PyTuple)
    case dict(PyDict)
    case range(PyRange)
    indirect case slice(PySlice)
    /// An iterator: `enumerate(...)`, `zip(...)`, `reversed(...)`, a generator expression.
    case iterator(PyIterator)
    /// `d.keys()`, `d.values()`, `d.items()`: live views of a dict.
    case view(PyDictView)
    /// A builtin function or type (`len`, `dict` …) used as a value.
    case builtin(PyBuiltin)

    /// Python's type name, for messages (`'int' object is not iterable`).
    var typeName: String {
        switch self {
        case .none: return "NoneType"
        case .bool: return "bool"
        case .int: return "int"
        case .float: return "float"
        case .str: return "str"
        case .list: return "list"
        case .tuple: return "tuple"
        case .dict: return "dict"
        case .range: return "range"
        case .slice: return "slice"
        case .iterator(let iterator): return iterator.typeName
        case .view(let view): return view.typeName
        case .builtin(let builtin): return builtin.isType ? "type" : "builtin_function_or_method"
        }
    }
}

/// A Python list: shared by every name and container that holds it.
final class PyList {
    var items: [PyObj]

    init(_ items: [PyObj] = []) {
        self.items = items
    }

    deinit { PyGraveyard.bury(&items) }
}

/// A Python tuple. A class (not a bare array) so that releasing a deeply nested one goes through
/// `PyGraveyard` instead of recursing.
final class PyTuple: RandomAccessCollection, ExpressibleByArrayLiteral {
    private(set) var items: [PyObj]

    init(_ items: [PyObj]) {
        self.items = items
    }

    convenience init(arrayLiteral elements: PyObj...) {
        self.init(elements)
    }

    deinit { PyGraveyard.bury(&items) }

    var startIndex: Int { items.startIndex }
    var endIndex: Int { items.endIndex }
    subscript(position: Int) -> PyObj { items[position] }
}

/// `range(start, stop, step)`, kept lazy: `range(10**12)` is a fine value until it is expanded.
struct PyRange: Equatable {
    var start: Int
    var stop: Int
    var step: Int

    /// The number of items (Python's `len(range)`); clamped to `Int.max`.
    var count: Int {
        if step > 0, start < stop {
            let (span, overflow) = stop.subtractingReportingOverflow(start)
            if overflow { return Int.max }
            return (span - 1) / step + 1
        }
        if step < 0, start > stop {
            let (span, overflow) = start.subtractingReportingOverflow(stop)
            if overflow { return Int.max }
            return Int((UInt(span) - 1) / step.magnitude) + 1
        }
        return 0
    }

    /// The item at a position in `0..<count`.
    func item(_ index: Int) -> Int { start &+ index &* step }
}

/// `lower:upper:step`, as a value (only used to index).
struct PySlice {
    var lower: PyObj?
    var upper: PyObj?
    var step: PyObj?
}

extension PyObj {
    /// Whether releasing this value may release further containers.
    var holdsContainer: Bool {
        switch value {
        case .list, .tuple, .dict, .iterator, .slice: return true
        default: return false
        }
    }
}

/// A one-pass iterator; `next` gives the following item or `nil` at the end.
final class PyIterator {
    let typeName: String
    /// How many iterators this one wraps, itself included (`enumerate(x for x in y)` is 2); bounded, so
    /// that neither advancing nor releasing a chain of them can recurse without limit.
    let depth: Int
    private let produce: () throws -> PyObj?
    private var finished = false

    init(_ typeName: String, depth: Int = 1, _ produce: @escaping () throws -> PyObj?) {
        self.typeName = typeName
        self.depth = depth
        self.produce = produce
    }

    func next() throws -> PyObj? {
        if finished { return nil }
        guard let item = try produce() else {
            finished = true
            return nil
        }
        return item
    }
}

/// A live view of a dict's keys, values or items.
struct PyDictView {
    enum Kind {
        case keys
        case values
        case items
    }

    let dict: PyDict
    let kind: Kind

    var typeName: String {
        switch kind {
        case .keys: return "dict_keys"
        case .values: return "dict_values"
        case .items: return "dict_items"
        }
    }
}
