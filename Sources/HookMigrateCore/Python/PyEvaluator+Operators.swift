/// Python's operators on runtime values: arithmetic (ints, floats, bools as ints), sequence
/// concatenation and repetition, `%` formatting, comparisons (exact between ints and floats,
/// lexicographic on sequences), `in`, `is`, truthiness.
extension PyEvaluator {
    /// A number operand: bools count as ints.
    enum Number {
        case int(Int)
        case float(Double)

        init?(_ value: PyValue) {
            switch value {
            case .bool(let flag): self = .int(flag ? 1 : 0)
            case .int(let number): self = .int(number)
            case .float(let number): self = .float(number)
            default: return nil
            }
        }

        var asDouble: Double {
            switch self {
            case .int(let number): return Double(number)
            case .float(let number): return number
            }
        }

        var value: PyValue {
            switch self {
            case .int(let number): return .int(number)
            case .float(let number): return .float(number)
            }
        }
    }

    func truthy(_ object: PyObj) throws -> Bool {
        switch object.value {
        case .none: return false
        case .bool(let flag): return flag
        case .int(let number): return number != 0
        case .float(let number): return number != 0
        case .str(let text): return !text.isEmpty
        case .list(let list): return !list.items.isEmpty
        case .tuple(let items): return !items.isEmpty
        case .dict(let dict): return dict.count > 0
        case .range(let range): return range.count > 0
        case .view(let view): return view.dict.count > 0
        case .slice, .iterator, .builtin: return true
        }
    }

    // MARK: Unary

    func unary(_ op: PyUnaryOperator, _ operand: PyObj, at pos: PyPos) throws -> PyObj {
        if op == .not { return PyObj(.bool(!(try truthy(operand))), at: pos) }
        guard let number = Number(operand.value), !(op == .invert && { if case .float = number { return true } else { return false } }()) else {
            throw file.raise("TypeError", "bad operand type for unary \(op.rawValue): '\(operand.value.typeName)'", at: pos)
        }
        return try at(pos) {
            switch (op, number) {
            case (.negate, .int(let value)): return PyObj(.int(try PyNumber.negate(value)), at: pos)
            case (.negate, .float(let value)): return PyObj(.float(-value), at: pos)
            case (.plus, _): return PyObj(number.value, at: pos)
            case (.invert, .int(let value)): return PyObj(.int(~value), at: pos)
            default: throw PyRaised.exception("TypeError", "bad operand type for unary \(op.rawValue): '\(operand.value.typeName)'")
            }
        }
    }

    // MARK: Binary

    func unsupportedOperands(_ op: PyBinaryOperator, _ left: PyObj, _ right: PyObj, at pos: PyPos) -> ConfigError {
        let symbol = op == .power ? "** or pow()" : op.rawValue
        return file.raise("TypeError", "unsupported operand type(s) for \(symbol): '\(left.value.typeName)' and '\(right.value.typeName)'", at: pos)
    }

    func binary(_ op: PyBinaryOperator, _ left: PyObj, _ right: PyObj, at opPos: PyPos, resultAt pos: PyPos) throws -> PyObj {
        if let a = Number(left.value), let b = Number(right.value) {
            return PyObj(try at(opPos) { try arithmetic(op, a, b, left: left.value, right: right.value) }, at: pos)
        }
        switch op {
        case .add:
            return try concatenate(left, right, at: opPos, resultAt: pos)
        case .multiply:
            if let count = repetitionCount(right.value), isSequence(left.value) {
                return try repeatSequence(left, count, at: opPos, resultAt: pos)
            }
            if let count = repetitionCount(left.value), isSequence(right.value) {
                return try repeatSequence(right, count, at: opPos, resultAt: pos)
            }
            if isSequence(left.value) || isSequence(right.value) {
                let other = isSequence(left.value) ? right : left
                throw file.raise("TypeError", "can't multiply sequence by non-int of type '\(other.value.typeName)'", at: opPos)
            }
        case .modulo:
            if case .str(let format) = left.value {
                try checkPlaceholder(format, at: left.pos)
                return PyObj(.str(try percentFormat(format, right, at: opPos)), at: pos)
            }
        default:
            break
        }
        throw unsupportedOperands(op, left, right, at: opPos)
    }

    func isSequence(_ value: PyValue) -> Bool {
        switch value {
        case .str, .list, .tuple: return true
        default: return false
        }
    }

    func repetitionCount(_ value: PyValue) -> Int? {
        switch value {
        case .int(let count): return count
        case .bool(let flag): return flag ? 1 : 0
        default: return nil
        }
    }

    func arithmetic(_ op: PyBinaryOperator, _ a: Number, _ b: Number, left: PyValue, right: PyValue) throws -> PyValue {
        if case .int(let x) = a, case .int(let y) = b {
            switch op {
            case .add: return .int(try PyNumber.add(x, y))
            case .subtract: return .int(try PyNumber.subtract(x, y))
            case .multiply: return .int(try PyNumber.multiply(x, y))
            case .divide: return .float(try PyNumber.trueDivide(x, y))
            case .floorDivide: return .int(try PyNumber.floorDivide(x, y))
            case .modulo: return .int(try PyNumber.modulo(x, y))
            case .power:
                if y < 0 { return .float(try PyNumber.power(Double(x), Double(y))) }
                return .int(try PyNumber.power(x, y))
            case .leftShift:
                if y < 0 { throw PyRaised.exception("ValueError", "negative shift count") }
                if x == 0 { return .int(0) }
                if y >= 63 { throw PyRaised.overflow }
                let shifted = x << y
                if shifted >> y != x { throw PyRaised.overflow }
                return .int(shifted)
            case .rightShift:
                if y < 0 { throw PyRaised.exception("ValueError", "negative shift count") }
                return .int(y >= 64 ? (x < 0 ? -1 : 0) : x >> y)
            case .bitAnd, .bitOr, .bitXor:
                let result = op == .bitAnd ? x & y : (op == .bitOr ? x | y : x ^ y)
                if case .bool = left, case .bool = right { return .bool(result != 0) }
                return .int(result)
            case .matrixMultiply:
                break
            }
        } else {
            let x = a.asDouble
            let y = b.asDouble
            switch op {
            case .add: return .float(x + y)
            case .subtract: return .float(x - y)
            case .multiply: return .float(x * y)
            case .divide: return .float(try PyNumber.trueDivide(x, y))
            case .floorDivide: return .float(try PyNumber.floorDivide(x, y))
            case .modulo: return .float(try PyNumber.modulo(x, y))
            case .power: return .float(try PyNumber.power(x, y))
            default: break
            }
        }
        let symbol = op == .power ? "** or pow()" : op.rawValue
        throw PyRaised.exception("TypeError", "unsupported operand type(s) for \(symbol): '\(left.typeName)' and '\(right.typeName)'")
    }

    func concatenate(_ left: PyObj, _ right: PyObj, at opPos: PyPos, resultAt pos: PyPos) throws -> PyObj {
        switch (left.value, right.value) {
        case (.str(let a), .str(let b)):
            try checkPlaceholder(a, at: left.pos)
            try checkPlaceholder(b, at: right.pos)
            try spendText(a.unicodeScalars.count + b.unicodeScalars.count, at: opPos)
            return PyObj(.str(a + b), at: pos)
        case (.list(let a), .list(let b)):
            try spendValues(a.items.count + b.items.count, at: opPos)
            return PyObj(.list(PyList(a.items + b.items)), at: pos)
        case (.tuple(let a), .tuple(let b)):
            try spendValues(a.count + b.count, at: opPos)
            return PyObj(.tuple(PyTuple(a.items + b.items)), at: pos)
        case (.str, _), (.list, _), (.tuple, _):
            let quoted = right.value.typeName
            throw file.raise("TypeError", "can only concatenate \(left.value.typeName) (not \"\(quoted)\") to \(left.value.typeName)", at: opPos)
        default:
            throw unsupportedOperands(.add, left, right, at: opPos)
        }
    }

    func repeatSequence(_ sequence: PyObj, _ count: Int, at opPos: PyPos, resultAt pos: PyPos) throws -> PyObj {
        let times = max(0, count)
        switch sequence.value {
        case .str(let text):
            try checkPlaceholder(text, at: sequence.pos)
            let length = text.unicodeScalars.count
            let (total, overflow) = length.multipliedReportingOverflow(by: times)
            try spendText(overflow ? Int.max : total, at: opPos)
            return PyObj(.str(text.isEmpty ? "" : String(repeating: text, count: times)), at: pos)
        case .list(let list):
            let (total, overflow) = list.items.count.multipliedReportingOverflow(by: times)
            try spendValues(overflow ? Int.max : total, at: opPos)
            return PyObj(.list(PyList(Self.repeated(list.items, times))), at: pos)
        case .tuple(let items):
            let (total, overflow) = items.count.multipliedReportingOverflow(by: times)
            try spendValues(overflow ? Int.max : total, at: opPos)
            return PyObj(.tuple(PyTuple(Self.repeated(items.items, times))), at: pos)
        default:
            throw file.raise("TypeError", "can't multiply sequence by non-int of type '\(sequence.value.typeName)'", at: opPos)
        }
    }

    /// `items` repeated `times` times (the total already within the value budget). An empty sequence stays
    /// empty whatever the count (`() * 10**10` is `()` in Python), without building anything per repetition.
    static func repeated(_ items: [PyObj], _ times: Int) -> [PyObj] {
        guard !items.isEmpty, times > 0 else { return [] }
        var result: [PyObj] = []
        result.reserveCapacity(items.count * times)
        for _ in 0..<times { result.append(contentsOf: items) }
        return result
    }

    /// `target op= operand`: lists change in place (`+=` extends with any iterable, `*=` repeats);
    /// everything else is the binary operation.
    func inPlace(_ op: PyBinaryOperator, _ target: PyObj, _ operand: PyObj, at opPos: PyPos, resultAt pos: PyPos) throws -> PyObj {
        if case .list(let list) = target.value {
            if op == .add {
                let items = try collect(operand, at: opPos)
                try spendValues(items.count, at: opPos)
                list.items += items
                return target
            }
            if op == .multiply, let count = repetitionCount(operand.value) {
                let (total, overflow) = list.items.count.multipliedReportingOverflow(by: max(0, count))
                try spendValues(overflow ? Int.max : total, at: opPos)
                list.items = Self.repeated(list.items, max(0, count))
                return target
            }
        }
        return try binary(op, target, operand, at: opPos, resultAt: pos)
    }

    // MARK: Comparisons

    func compare(_ op: PyCompareOperator, _ left: PyObj, _ right: PyObj, at pos: PyPos) throws -> Bool {
        switch op {
        case .equal: return try equal(left, right, at: pos)
        case .notEqual: return !(try equal(left, right, at: pos))
        case .contains: return try contains(right, left, at: pos)
        case .notContains: return !(try contains(right, left, at: pos))
        case .isIdentical: return try identical(left, right, at: pos)
        case .isNotIdentical: return !(try identical(left, right, at: pos))
        case .less, .lessEqual, .greater, .greaterEqual:
            return try order(op, left, right, at: pos, depth: 0)
        }
    }

    /// `a is b`, for the values whose identity Python defines: `None`, `True`, `False`, and lists,
    /// dicts and iterators (object identity). For ints, floats, strings and tuples the answer depends
    /// on CPython's caching, so it is refused.
    func identical(_ left: PyObj, _ right: PyObj, at pos: PyPos) throws -> Bool {
        switch (left.value, right.value) {
        case (.none, .none): return true
        case (.bool(let a), .bool(let b)): return a == b
        case (.none, _), (_, .none), (.bool, _), (_, .bool): return false
        case (.list(let a), .list(let b)): return a === b
        case (.dict(let a), .dict(let b)): return a === b
        case (.iterator(let a), .iterator(let b)): return a === b
        case (.builtin(let a), .builtin(let b)): return a == b
        case (.list, _), (.dict, _), (.iterator, _), (.builtin, _), (_, .list), (_, .dict), (_, .iterator), (_, .builtin):
            return false
        default:
            throw file.refusal("`is` between \(left.value.typeName) and \(right.value.typeName) values is not supported: the answer depends on how CPython caches objects; use `==`", at: pos)
        }
    }

    /// `a == b`. Inside containers Python first compares by identity, which matters only for NaN:
    /// a NaN met there is refused.
    func equal(_ left: PyObj, _ right: PyObj, at pos: PyPos, depth: Int = 0) throws -> Bool {
        if depth > recursionBound { throw tooDeep("the compared values", at: pos) }
        if let a = Number(left.value), let b = Number(right.value) {
            if depth > 0, case .float(let x) = a, x.isNaN {
                throw file.refusal("comparing containers that hold NaN is not supported: Python compares their items by identity first", at: pos)
            }
            if depth > 0, case .float(let y) = b, y.isNaN {
                throw file.refusal("comparing containers that hold NaN is not supported: Python compares their items by identity first", at: pos)
            }
            switch (a, b) {
            case (.int(let x), .int(let y)): return x == y
            case (.int(let x), .float(let y)): return PyNumber.compare(x, y) == 0
            case (.float(let x), .int(let y)): return PyNumber.compare(y, x) == 0
            case (.float(let x), .float(let y)): return x == y
            }
        }
        switch (left.value, right.value) {
        case (.none, .none):
            return true
        case (.str(let a), .str(let b)):
            return UTF8Text.bytesEqual(a, b)
        case (.list(let a), .list(let b)):
            if a === b, depth > 0 { return true }
            return try equalItems(a.items, b.items, at: pos, depth: depth)
        case (.tuple(let a), .tuple(let b)):
            return try equalItems(a.items, b.items, at: pos, depth: depth)
        case (.dict(let a), .dict(let b)):
            if a === b, depth > 0 { return true }
            guard a.count == b.count else { return false }
            for entry in a.entries {
                guard let other = b.value(for: try hashKey(entry.key, at: pos)) else { return false }
                if !(try equalMember(entry.value, other, at: pos, depth: depth + 1)) { return false }
            }
            return true
        case (.range(let a), .range(let b)):
            let count = a.count
            guard count == b.count else { return false }
            if count == 0 { return true }
            if a.start != b.start { return false }
            return count == 1 || a.step == b.step
        case (.builtin(let a), .builtin(let b)):
            return a == b
        case (.iterator(let a), .iterator(let b)):
            return a === b
        case (.view, _), (_, .view):
            throw file.refusal("comparing dict views is not supported in config files", at: pos)
        case (.slice(let a), .slice(let b)):
            let first = PyObj(.tuple([a.lower ?? PyObj(.none, at: pos), a.upper ?? PyObj(.none, at: pos), a.step ?? PyObj(.none, at: pos)]), at: pos)
            let second = PyObj(.tuple([b.lower ?? PyObj(.none, at: pos), b.upper ?? PyObj(.none, at: pos), b.step ?? PyObj(.none, at: pos)]), at: pos)
            return try equal(first, second, at: pos, depth: depth)
        default:
            return false
        }
    }

    func equalItems(_ a: [PyObj], _ b: [PyObj], at pos: PyPos, depth: Int) throws -> Bool {
        guard a.count == b.count else { return false }
        for (x, y) in zip(a, b) where !(try equalMember(x, y, at: pos, depth: depth + 1)) {
            return false
        }
        return true
    }

    /// Equality of two items of containers: identity first, as `PyObject_RichCompareBool`.
    func equalMember(_ a: PyObj, _ b: PyObj, at pos: PyPos, depth: Int) throws -> Bool {
        switch (a.value, b.value) {
        case (.list(let x), .list(let y)) where x === y: return true
        case (.dict(let x), .dict(let y)) where x === y: return true
        default: return try equal(a, b, at: pos, depth: depth)
        }
    }

    /// `<`, `<=`, `>`, `>=`.
    func order(_ op: PyCompareOperator, _ left: PyObj, _ right: PyObj, at pos: PyPos, depth: Int) throws -> Bool {
        if depth > recursionBound { throw tooDeep("the compared values", at: pos) }
        func decide(_ comparison: Int?) -> Bool {
            guard let comparison else { return false }
            switch op {
            case .less: return comparison < 0
            case .lessEqual: return comparison <= 0
            case .greater: return comparison > 0
            default: return comparison >= 0
            }
        }
        if let a = Number(left.value), let b = Number(right.value) {
            switch (a, b) {
            case (.int(let x), .int(let y)): return decide(x < y ? -1 : (x > y ? 1 : 0))
            case (.int(let x), .float(let y)): return decide(PyNumber.compare(x, y))
            case (.float(let x), .int(let y)): return decide(PyNumber.compare(y, x).map { -$0 })
            case (.float(let x), .float(let y)):
                if x.isNaN || y.isNaN { return false }
                return decide(x < y ? -1 : (x > y ? 1 : 0))
            }
        }
        switch (left.value, right.value) {
        case (.str(let a), .str(let b)):
            try checkPlaceholder(a, at: left.pos)
            try checkPlaceholder(b, at: right.pos)
            return decide(Self.codePointOrder(a, b))
        case (.list(let a), .list(let b)):
            return try orderItems(op, a.items, b.items, at: pos, depth: depth)
        case (.tuple(let a), .tuple(let b)):
            return try orderItems(op, a.items, b.items, at: pos, depth: depth)
        default:
            throw file.raise("TypeError", "'\(op.rawValue)' not supported between instances of '\(left.value.typeName)' and '\(right.value.typeName)'", at: pos)
        }
    }

    func orderItems(_ op: PyCompareOperator, _ a: [PyObj], _ b: [PyObj], at pos: PyPos, depth: Int) throws -> Bool {
        for (x, y) in zip(a, b) where !(try equalMember(x, y, at: pos, depth: depth + 1)) {
            return try order(op, x, y, at: pos, depth: depth + 1)
        }
        let comparison = a.count < b.count ? -1 : (a.count > b.count ? 1 : 0)
        switch op {
        case .less: return comparison < 0
        case .lessEqual: return comparison <= 0
        case .greater: return comparison > 0
        default: return comparison >= 0
        }
    }

    /// Python's string order: by code points (UTF-8 byte order is the same order).
    static func codePointOrder(_ a: String, _ b: String) -> Int {
        var first = a.utf8.makeIterator()
        var second = b.utf8.makeIterator()
        while true {
            switch (first.next(), second.next()) {
            case (nil, nil): return 0
            case (nil, _): return -1
            case (_, nil): return 1
            case let (x?, y?):
                if x != y { return x < y ? -1 : 1 }
            }
        }
    }

    /// `needle in container`.
    func contains(_ container: PyObj, _ needle: PyObj, at pos: PyPos) throws -> Bool {
        switch container.value {
        case .str(let haystack):
            guard case .str(let part) = needle.value else {
                throw file.raise("TypeError", "'in <string>' requires string as left operand, not \(needle.value.typeName)", at: pos)
            }
            try checkPlaceholder(haystack, at: container.pos)
            try checkPlaceholder(part, at: needle.pos)
            if part.isEmpty { return true }
            return Self.find(Array(part.unicodeScalars), in: Array(haystack.unicodeScalars), from: 0) != nil
        case .dict(let dict):
            return dict.contains(try hashKey(needle, at: pos))
        case .view(let view) where view.kind == .keys:
            return view.dict.contains(try hashKey(needle, at: pos))
        case .range(let range):
            switch Number(needle.value) {
            case .int(let value)?:
                return Self.rangeContains(range, value)
            case .float(let value)?:
                guard value == value.rounded(.towardZero), let exact = Int(exactly: value) else { return false }
                return Self.rangeContains(range, exact)
            case nil:
                break
            }
            fallthrough
        default:
            guard isIterable(container) else {
                throw file.raise("TypeError", "argument of type '\(container.value.typeName)' is not iterable", at: pos)
            }
            let iterator = try makeIterator(container, at: pos)
            while let item = try iterator.next() {
                if try equalMember(item, needle, at: pos, depth: 1) { return true }
            }
            return false
        }
    }

    static func rangeContains(_ range: PyRange, _ value: Int) -> Bool {
        if range.step > 0 {
            guard value >= range.start, value < range.stop else { return false }
        } else {
            guard value <= range.start, value > range.stop else { return false }
        }
        let (offset, overflow) = value.subtractingReportingOverflow(range.start)
        if overflow { return false }
        return offset.remainderReportingOverflow(dividingBy: range.step).partialValue == 0
    }

    /// The first position of `needle` in `haystack` at or after `start`.
    static func find(_ needle: [Unicode.Scalar], in haystack: [Unicode.Scalar], from start: Int) -> Int? {
        if needle.isEmpty { return start <= haystack.count ? start : nil }
        guard haystack.count >= needle.count, start <= haystack.count - needle.count else { return nil }
        var index = start
        while index <= haystack.count - needle.count {
            if haystack[index] == needle[0], haystack[index..<(index + needle.count)].elementsEqual(needle) { return index }
            index += 1
        }
        return nil
    }
}
