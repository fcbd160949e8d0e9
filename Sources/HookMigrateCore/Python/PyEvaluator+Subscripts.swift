/// `x[i]`, `x[a:b:c]` and `x[i] = v` on lists, tuples, strings, ranges and dicts, with Python's index
/// rules (negative indices count from the end, slices clamp) and errors.
extension PyEvaluator {
    /// An index operand as an int (bools count), or `nil`.
    func indexValue(_ object: PyObj) -> Int? {
        switch object.value {
        case .int(let number): return number
        case .bool(let flag): return flag ? 1 : 0
        default: return nil
        }
    }

    /// The positions a slice selects in a sequence of `length` items (CPython's `PySlice_AdjustIndices`).
    func sliceIndices(_ slice: PySlice, length: Int, at pos: PyPos) throws -> (start: Int, stop: Int, step: Int, count: Int) {
        func bound(_ object: PyObj?) throws -> Int? {
            guard let object else { return nil }
            if case .none = object.value { return nil }
            guard let value = indexValue(object) else {
                throw file.raise("TypeError", "slice indices must be integers or None or have an __index__ method", at: pos)
            }
            return value
        }
        let step = try bound(slice.step) ?? 1
        if step == 0 { throw file.raise("ValueError", "slice step cannot be zero", at: pos) }
        func adjust(_ value: Int?, _ fallback: Int) -> Int {
            guard var value else { return fallback }
            if value < 0 {
                value = value < -length ? (step < 0 ? -1 : 0) : value + length
            } else if value >= length {
                value = step < 0 ? length - 1 : length
            }
            return value
        }
        let start = adjust(try bound(slice.lower), step < 0 ? length - 1 : 0)
        let stop = adjust(try bound(slice.upper), step < 0 ? -1 : length)
        var count = 0
        if step < 0 {
            if stop < start { count = Int(UInt(start - stop - 1) / step.magnitude) + 1 }
        } else if start < stop {
            count = (stop - start - 1) / step + 1
        }
        return (start, stop, step, count)
    }

    func select<T>(_ items: [T], _ slice: PySlice, at pos: PyPos) throws -> [T] {
        let (start, _, step, count) = try sliceIndices(slice, length: items.count, at: pos)
        try spendValues(count, at: pos)
        var result: [T] = []
        result.reserveCapacity(count)
        var index = start
        for _ in 0..<count {
            result.append(items[index])
            index &+= step
        }
        return result
    }

    /// A position in a sequence of `length` items, negative counting from the end; `nil` outside.
    func position(_ index: Int, length: Int) -> Int? {
        let adjusted = index < 0 ? index + length : index
        return adjusted >= 0 && adjusted < length ? adjusted : nil
    }

    func getItem(_ object: PyObj, _ index: PyObj, at pos: PyPos) throws -> PyObj {
        switch object.value {
        case .list(let list):
            if case .slice(let slice) = index.value {
                return PyObj(.list(PyList(try select(list.items, slice, at: pos))), at: object.pos)
            }
            guard let value = indexValue(index) else {
                throw file.raise("TypeError", "list indices must be integers or slices, not \(index.value.typeName)", at: pos)
            }
            guard let at = position(value, length: list.items.count) else {
                throw file.raise("IndexError", "list index out of range", at: pos)
            }
            return list.items[at]
        case .tuple(let items):
            if case .slice(let slice) = index.value {
                return PyObj(.tuple(PyTuple(try select(items.items, slice, at: pos))), at: object.pos)
            }
            guard let value = indexValue(index) else {
                throw file.raise("TypeError", "tuple indices must be integers or slices, not \(index.value.typeName)", at: pos)
            }
            guard let at = position(value, length: items.count) else {
                throw file.raise("IndexError", "tuple index out of range", at: pos)
            }
            return items[at]
        case .str(let text):
            try checkPlaceholder(text, at: object.pos)
            let scalars = Array(text.unicodeScalars)
            if case .slice(let slice) = index.value {
                var result = String.UnicodeScalarView()
                result.append(contentsOf: try select(scalars, slice, at: pos))
                return PyObj(.str(String(result)), at: object.pos)
            }
            guard let value = indexValue(index) else {
                throw file.raise("TypeError", "string indices must be integers", at: pos)
            }
            guard let at = position(value, length: scalars.count) else {
                throw file.raise("IndexError", "string index out of range", at: pos)
            }
            return PyObj(.str(String(scalars[at])), at: object.pos)
        case .range(let range):
            if case .slice(let slice) = index.value {
                let (start, stop, step, _) = try sliceIndices(slice, length: range.count, at: pos)
                return PyObj(.range(try at(pos) { try Self.slice(range, start: start, stop: stop, step: step) }), at: object.pos)
            }
            guard let value = indexValue(index) else {
                throw file.raise("TypeError", "range indices must be integers or slices, not \(index.value.typeName)", at: pos)
            }
            guard let at = position(value, length: range.count) else {
                throw file.raise("IndexError", "range object index out of range", at: pos)
            }
            return PyObj(.int(range.item(at)), at: object.pos)
        case .dict(let dict):
            let key = try hashKey(index, at: pos)
            guard let value = dict.value(for: key) else {
                throw file.raise("KeyError", try repr(index, at: pos), at: pos)
            }
            return value
        default:
            throw file.raise("TypeError", "'\(object.value.typeName)' object is not subscriptable", at: pos)
        }
    }

    /// `range[start:stop:step]` with the slice's adjusted indices, as CPython's `compute_slice`:
    /// `range(r.start + start*r.step, r.start + stop*r.step, r.step*step)` (`number-range` where a bound
    /// would leave 64 bits; Python keeps big ints).
    static func slice(_ range: PyRange, start: Int, stop: Int, step: Int) throws -> PyRange {
        func item(_ index: Int) throws -> Int {
            let (offset, overflow) = index.multipliedReportingOverflow(by: range.step)
            let (value, overflow2) = range.start.addingReportingOverflow(offset)
            if overflow || overflow2 { throw PyRaised.overflow }
            return value
        }
        let (newStep, overflow) = range.step.multipliedReportingOverflow(by: step)
        if overflow { throw PyRaised.overflow }
        return PyRange(start: try item(start), stop: try item(stop), step: newStep)
    }

    func setItem(_ object: PyObj, _ index: PyObj, _ value: PyObj, at pos: PyPos) throws {
        switch object.value {
        case .list(let list):
            if case .slice(let slice) = index.value {
                let replacement = try collect(value, at: pos)
                try spendValues(replacement.count, at: pos)
                let (start, _, step, count) = try sliceIndices(slice, length: list.items.count, at: pos)
                if step == 1 {
                    let lower = min(max(start, 0), list.items.count)
                    let upper = max(lower, min(lower + count, list.items.count))
                    list.items.replaceSubrange(lower..<upper, with: replacement)
                    return
                }
                guard replacement.count == count else {
                    throw file.raise("ValueError", "attempt to assign sequence of size \(replacement.count) to extended slice of size \(count)", at: pos)
                }
                var at = start
                for item in replacement {
                    list.items[at] = item
                    at &+= step
                }
                return
            }
            guard let number = indexValue(index) else {
                throw file.raise("TypeError", "list indices must be integers or slices, not \(index.value.typeName)", at: pos)
            }
            guard let at = position(number, length: list.items.count) else {
                throw file.raise("IndexError", "list assignment index out of range", at: pos)
            }
            list.items[at] = value
        case .dict(let dict):
            try spendValues(1, at: pos)
            try dictSet(dict, index, value, at: pos)
        default:
            throw file.raise("TypeError", "'\(object.value.typeName)' object does not support item assignment", at: pos)
        }
    }
}
