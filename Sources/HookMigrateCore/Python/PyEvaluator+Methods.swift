/// Method calls on dicts, lists, tuples and strings (`d.update(...)`, `l.append(x)`, `'{}'.format(x)`
/// …). Other methods Python has are refused by name; attributes Python does not have are
/// `AttributeError`s.
extension PyEvaluator {
    static let dictMethods: Set<String> = ["update", "copy", "get", "items", "keys", "values", "pop", "setdefault", "clear", "popitem"]
    static let listMethods: Set<String> = ["append", "extend", "copy", "insert", "pop", "index", "count", "remove", "reverse", "sort", "clear"]
    static let tupleMethods: Set<String> = ["index", "count"]
    static let strMethods: Set<String> = [
        "format", "replace", "join", "split", "rsplit", "strip", "lstrip", "rstrip", "lower", "upper", "startswith",
        "endswith", "count", "find", "rfind", "index", "rindex", "zfill", "ljust", "rjust", "center", "partition",
        "rpartition",
    ]
    /// Every public method and attribute Python 3.8 gives these types (for "unsupported" vs
    /// `AttributeError`).
    static let pythonAttributes: [String: Set<String>] = [
        "dict": ["clear", "copy", "fromkeys", "get", "items", "keys", "pop", "popitem", "setdefault", "update", "values"],
        "list": ["append", "clear", "copy", "count", "extend", "index", "insert", "pop", "remove", "reverse", "sort"],
        "tuple": ["count", "index"],
        "str": [
            "capitalize", "casefold", "center", "count", "encode", "endswith", "expandtabs", "find", "format",
            "format_map", "index", "isalnum", "isalpha", "isascii", "isdecimal", "isdigit", "isidentifier", "islower",
            "isnumeric", "isprintable", "isspace", "istitle", "isupper", "join", "ljust", "lower", "lstrip", "maketrans",
            "partition", "replace", "rfind", "rindex", "rjust", "rpartition", "rsplit", "rstrip", "split", "splitlines",
            "startswith", "strip", "swapcase", "title", "translate", "upper", "zfill",
        ],
        "int": ["as_integer_ratio", "bit_length", "conjugate", "denominator", "from_bytes", "imag", "numerator", "real", "to_bytes"],
        "bool": ["as_integer_ratio", "bit_length", "conjugate", "denominator", "from_bytes", "imag", "numerator", "real", "to_bytes"],
        "float": ["as_integer_ratio", "conjugate", "fromhex", "hex", "imag", "is_integer", "real"],
    ]

    /// Checks, before the arguments are evaluated (as Python looks the attribute up first), that the
    /// method exists and is supported.
    func checkMethod(_ object: PyObj, _ name: String, at pos: PyPos) throws {
        let type = object.value.typeName
        let supported: Set<String>
        switch object.value {
        case .dict: supported = Self.dictMethods
        case .list: supported = Self.listMethods
        case .tuple: supported = Self.tupleMethods
        case .str(let text):
            supported = Self.strMethods
            if supported.contains(name) { try checkPlaceholder(text, at: object.pos) }
        default: supported = []
        }
        if supported.contains(name) { return }
        if let known = Self.pythonAttributes[type], known.contains(name) {
            throw file.refusal("the \(type) method `\(name)` is not supported in config files (hookmigrate reads configs without running Python)", at: pos)
        }
        if name.hasPrefix("__") && name.hasSuffix("__") {
            throw file.refusal("special methods such as `\(name)` are not supported in config files", at: pos)
        }
        switch object.value {
        case .none, .bool, .int, .float, .str, .list, .tuple, .dict:
            throw file.raise("AttributeError", "'\(type)' object has no attribute '\(name)'", at: pos)
        default:
            throw file.refusal("attributes of \(type) objects (`.\(name)`) are not supported in config files", at: pos)
        }
    }

    func callMethod(_ object: PyObj, _ name: String, _ args: Arguments, at pos: PyPos, namePos: PyPos) throws -> PyObj {
        let none = PyObj(.none, at: pos)
        let label = "\(object.value.typeName).\(name)"
        switch object.value {
        case .dict(let dict):
            switch name {
            case "update":
                try expect(label, args, positional: 0...1, keywords: Set(args.keywords.map(\.name)), at: pos)
                if let source = args.positional.first { try update(dict, from: source, at: pos) }
                try spendValues(args.keywords.count, at: pos)
                for keyword in args.keywords {
                    try dictSet(dict, PyObj(.str(keyword.name), at: keyword.pos), keyword.value, at: keyword.pos)
                }
                return none
            case "copy":
                try expect(label, args, positional: 0...0, at: pos)
                try spendValues(dict.count, at: pos)
                return PyObj(.dict(dict.copy()), at: pos)
            case "get":
                try expect(label, args, positional: 1...2, at: pos)
                return dict.value(for: try hashKey(args.positional[0], at: pos)) ?? (args.positional.count > 1 ? args.positional[1] : none)
            case "items", "keys", "values":
                try expect(label, args, positional: 0...0, at: pos)
                let kind: PyDictView.Kind = name == "items" ? .items : (name == "keys" ? .keys : .values)
                return PyObj(.view(PyDictView(dict: dict, kind: kind)), at: pos)
            case "pop":
                try expect(label, args, positional: 1...2, at: pos)
                if let entry = dict.remove(try hashKey(args.positional[0], at: pos)) { return entry.value }
                if args.positional.count > 1 { return args.positional[1] }
                throw file.raise("KeyError", try repr(args.positional[0], at: pos), at: pos)
            case "setdefault":
                try expect(label, args, positional: 1...2, at: pos)
                let key = try hashKey(args.positional[0], at: pos)
                if let existing = dict.value(for: key) { return existing }
                let value = args.positional.count > 1 ? args.positional[1] : none
                try spendValues(1, at: pos)
                dict.set(key, keyObject: args.positional[0], value: value)
                return value
            case "clear":
                try expect(label, args, positional: 0...0, at: pos)
                dict.removeAll()
                return none
            case "popitem":
                try expect(label, args, positional: 0...0, at: pos)
                guard let last = dict.entries.last else {
                    throw file.raise("KeyError", "'popitem(): dictionary is empty'", at: pos)
                }
                dict.remove(try hashKey(last.key, at: pos))
                return PyObj(.tuple([last.key, last.value]), at: pos)
            default:
                break
            }
        case .list(let list):
            switch name {
            case "append":
                try expect(label, args, positional: 1...1, at: pos)
                try spendValues(1, at: pos)
                list.items.append(args.positional[0])
                return none
            case "extend":
                try expect(label, args, positional: 1...1, at: pos)
                let items = try collect(args.positional[0], at: pos)
                try spendValues(items.count, at: pos)
                list.items += items
                return none
            case "copy":
                try expect(label, args, positional: 0...0, at: pos)
                try spendValues(list.items.count, at: pos)
                return PyObj(.list(PyList(list.items)), at: pos)
            case "insert":
                try expect(label, args, positional: 2...2, at: pos)
                var index = try integer(args.positional[0], at: pos)
                let count = list.items.count
                if index < 0 { index = max(0, index + count) }
                index = min(index, count)
                try spendValues(1, at: pos)
                list.items.insert(args.positional[1], at: index)
                return none
            case "pop":
                try expect(label, args, positional: 0...1, at: pos)
                if list.items.isEmpty { throw file.raise("IndexError", "pop from empty list", at: pos) }
                let requested = try args.positional.first.map { try integer($0, at: pos) } ?? -1
                guard let index = position(requested, length: list.items.count) else {
                    throw file.raise("IndexError", "pop index out of range", at: pos)
                }
                return list.items.remove(at: index)
            case "index":
                try expect(label, args, positional: 1...3, at: pos)
                let (start, end) = try bounds(args.positional.dropFirst(), length: list.items.count, at: pos)
                var index = start
                while index < min(end, list.items.count) {
                    if try equalMember(list.items[index], args.positional[0], at: pos, depth: 1) { return PyObj(.int(index), at: pos) }
                    index += 1
                }
                throw file.raise("ValueError", "\(try repr(args.positional[0], at: pos)) is not in list", at: pos)
            case "count":
                try expect(label, args, positional: 1...1, at: pos)
                var count = 0
                for item in list.items where try equalMember(item, args.positional[0], at: pos, depth: 1) { count += 1 }
                return PyObj(.int(count), at: pos)
            case "remove":
                try expect(label, args, positional: 1...1, at: pos)
                for (index, item) in list.items.enumerated() where try equalMember(item, args.positional[0], at: pos, depth: 1) {
                    list.items.remove(at: index)
                    return none
                }
                throw file.raise("ValueError", "list.remove(x): x not in list", at: pos)
            case "reverse":
                try expect(label, args, positional: 0...0, at: pos)
                list.items.reverse()
                return none
            case "sort":
                try expect(label, args, positional: 0...0, keywords: ["key", "reverse"], at: pos)
                let reverse = try keyword(args, "reverse").map { try truthy($0) } ?? false
                list.items = try sort(list.items, key: keyword(args, "key"), reverse: reverse, at: pos)
                return none
            case "clear":
                try expect(label, args, positional: 0...0, at: pos)
                list.items.removeAll()
                return none
            default:
                break
            }
        case .tuple(let items):
            switch name {
            case "index":
                try expect(label, args, positional: 1...3, at: pos)
                let (start, end) = try bounds(args.positional.dropFirst(), length: items.count, at: pos)
                var index = start
                while index < min(end, items.count) {
                    if try equalMember(items[index], args.positional[0], at: pos, depth: 1) { return PyObj(.int(index), at: pos) }
                    index += 1
                }
                throw file.raise("ValueError", "tuple.index(x): x not in tuple", at: pos)
            case "count":
                try expect(label, args, positional: 1...1, at: pos)
                var count = 0
                for item in items where try equalMember(item, args.positional[0], at: pos, depth: 1) { count += 1 }
                return PyObj(.int(count), at: pos)
            default:
                break
            }
        case .str(let text):
            if let value = try stringMethod(text, name, args, at: pos, label: label) { return PyObj(value, at: pos) }
        default:
            break
        }
        throw file.raise("AttributeError", "'\(object.value.typeName)' object has no attribute '\(name)'", at: namePos)
    }

    /// `start`/`end` arguments of `index`, `count`, `find` … adjusted as slice bounds.
    func bounds(_ arguments: ArraySlice<PyObj>, length: Int, at pos: PyPos) throws -> (Int, Int) {
        func value(_ object: PyObj?) throws -> Int? {
            guard let object else { return nil }
            if case .none = object.value { return nil }
            return try integer(object, at: pos)
        }
        let values = Array(arguments)
        var start = try value(values.first) ?? 0
        var end = try value(values.count > 1 ? values[1] : nil) ?? length
        if end > length { end = length } else if end < 0 { end = max(0, end + length) }
        if start < 0 { start = max(0, start + length) }
        return (start, end)
    }
}
