import Foundation

/// Calls of the supported builtins, with Python's argument rules and errors.
extension PyEvaluator {
    /// Checks the number of positional arguments and the keyword names a builtin takes.
    func expect(_ name: String, _ args: Arguments, positional range: ClosedRange<Int>, keywords: Set<String> = [],
                at pos: PyPos) throws {
        if let extra = args.keywords.first(where: { !keywords.contains($0.name) }) {
            if keywords.isEmpty {
                throw file.raise("TypeError", "\(name)() takes no keyword arguments", at: extra.pos)
            }
            throw file.raise("TypeError", "'\(extra.name)' is an invalid keyword argument for \(name)()", at: extra.pos)
        }
        let count = args.positional.count
        if !range.contains(count) {
            let expected: String
            if range.lowerBound == range.upperBound {
                expected = range.lowerBound == 1 ? "exactly one argument" : "exactly \(range.lowerBound) arguments"
            } else if count < range.lowerBound {
                expected = "at least \(range.lowerBound) argument\(range.lowerBound == 1 ? "" : "s")"
            } else {
                expected = "at most \(range.upperBound) argument\(range.upperBound == 1 ? "" : "s")"
            }
            throw file.raise("TypeError", "\(name)() takes \(expected) (\(count) given)", at: pos)
        }
    }

    func keyword(_ args: Arguments, _ name: String) -> PyObj? {
        args.keywords.first { $0.name == name }?.value
    }

    /// An argument Python reads as an index (`range(3.0)` is a `TypeError`).
    func integer(_ object: PyObj, at pos: PyPos) throws -> Int {
        switch object.value {
        case .int(let number): return number
        case .bool(let flag): return flag ? 1 : 0
        default:
            throw file.raise("TypeError", "'\(object.value.typeName)' object cannot be interpreted as an integer", at: pos)
        }
    }

    func callBuiltin(_ builtin: PyBuiltin, _ args: Arguments, at pos: PyPos) throws -> PyObj {
        let name = builtin.rawValue
        let positional = args.positional
        switch builtin {
        case .range:
            try expect(name, args, positional: 1...3, at: pos)
            let numbers = try positional.map { try integer($0, at: pos) }
            let range: PyRange
            switch numbers.count {
            case 1: range = PyRange(start: 0, stop: numbers[0], step: 1)
            case 2: range = PyRange(start: numbers[0], stop: numbers[1], step: 1)
            default:
                if numbers[2] == 0 { throw file.raise("ValueError", "range() arg 3 must not be zero", at: pos) }
                range = PyRange(start: numbers[0], stop: numbers[1], step: numbers[2])
            }
            return PyObj(.range(range), at: pos)

        case .len:
            try expect(name, args, positional: 1...1, at: pos)
            return PyObj(.int(try length(positional[0], at: pos)), at: pos)

        case .min, .max:
            return try minMax(builtin, args, at: pos)

        case .sum:
            try expect(name, args, positional: 1...2, keywords: ["start"], at: pos)
            var total = positional.count > 1 ? positional[1] : (keyword(args, "start") ?? PyObj(.int(0), at: pos))
            switch total.value {
            case .str: throw file.raise("TypeError", "sum() can't sum strings [use ''.join(seq) instead]", at: pos)
            default: break
            }
            let iterator = try makeIterator(positional[0], at: pos)
            while let item = try iterator.next() {
                total = try binary(.add, total, item, at: pos, resultAt: pos)
            }
            return PyObj(total.value, at: pos)

        case .abs:
            try expect(name, args, positional: 1...1, at: pos)
            switch positional[0].value {
            case .int(let number): return PyObj(.int(try at(pos) { number < 0 ? try PyNumber.negate(number) : number }), at: pos)
            case .bool(let flag): return PyObj(.int(flag ? 1 : 0), at: pos)
            case .float(let number): return PyObj(.float(Swift.abs(number)), at: pos)
            default: throw file.raise("TypeError", "bad operand type for abs(): '\(positional[0].value.typeName)'", at: pos)
            }

        case .round:
            try expect(name, args, positional: 1...2, keywords: ["ndigits"], at: pos)
            let digitsArgument = positional.count > 1 ? positional[1] : keyword(args, "ndigits")
            var places: Int?
            if let digitsArgument, !{ if case .none = digitsArgument.value { return true } else { return false } }() {
                places = try integer(digitsArgument, at: pos)
            }
            switch positional[0].value {
            case .float(let number):
                if let places { return PyObj(.float(try at(pos) { try PyNumber.round(number, places: places) }), at: pos) }
                return PyObj(.int(try at(pos) { try PyNumber.roundToInt(number) }), at: pos)
            case .int(let number):
                return PyObj(.int(try at(pos) { try PyNumber.round(number, places: places ?? 0) }), at: pos)
            case .bool(let flag):
                return PyObj(.int(try at(pos) { try PyNumber.round(flag ? 1 : 0, places: places ?? 0) }), at: pos)
            default:
                throw file.raise("TypeError", "type \(positional[0].value.typeName) doesn't define __round__ method", at: pos)
            }

        case .int:
            try expect(name, args, positional: 0...2, keywords: ["base"], at: pos)
            guard let value = positional.first else { return PyObj(.int(0), at: pos) }
            let baseArgument = positional.count > 1 ? positional[1] : keyword(args, "base")
            if let baseArgument {
                guard case .str(let text) = value.value else {
                    throw file.raise("TypeError", "int() can't convert non-string with explicit base", at: pos)
                }
                try checkPlaceholder(text, at: value.pos)
                return PyObj(.int(try parseInt(text, base: try integer(baseArgument, at: pos), at: pos)), at: pos)
            }
            switch value.value {
            case .int(let number): return PyObj(.int(number), at: pos)
            case .bool(let flag): return PyObj(.int(flag ? 1 : 0), at: pos)
            case .float(let number): return PyObj(.int(try at(pos) { try PyNumber.truncate(number) }), at: pos)
            case .str(let text):
                try checkPlaceholder(text, at: value.pos)
                return PyObj(.int(try parseInt(text, base: 10, at: pos)), at: pos)
            default:
                throw file.raise("TypeError", "int() argument must be a string, a bytes-like object or a number, not '\(value.value.typeName)'", at: pos)
            }

        case .float:
            try expect(name, args, positional: 0...1, at: pos)
            guard let value = positional.first else { return PyObj(.float(0), at: pos) }
            switch value.value {
            case .float(let number): return PyObj(.float(number), at: pos)
            case .int(let number): return PyObj(.float(Double(number)), at: pos)
            case .bool(let flag): return PyObj(.float(flag ? 1 : 0), at: pos)
            case .str(let text):
                try checkPlaceholder(text, at: value.pos)
                return PyObj(.float(try parseFloat(text, at: pos)), at: pos)
            default:
                throw file.raise("TypeError", "float() argument must be a string or a number, not '\(value.value.typeName)'", at: pos)
            }

        case .str:
            try expect(name, args, positional: 0...1, at: pos)
            guard let value = positional.first else { return PyObj(.str(""), at: pos) }
            let text = try str(value, at: pos)
            try spendText(text.unicodeScalars.count, at: pos)
            return PyObj(.str(text), at: pos)

        case .repr, .ascii:
            try expect(name, args, positional: 1...1, at: pos)
            let text = try repr(positional[0], at: pos, asciiOnly: builtin == .ascii)
            try spendText(text.unicodeScalars.count, at: pos)
            return PyObj(.str(text), at: pos)

        case .bool:
            try expect(name, args, positional: 0...1, at: pos)
            return PyObj(.bool(try positional.first.map { try truthy($0) } ?? false), at: pos)

        case .enumerate:
            try expect(name, args, positional: 0...2, keywords: ["iterable", "start"], at: pos)
            guard let source = positional.first ?? keyword(args, "iterable") else {
                throw file.raise("TypeError", "enumerate() missing required argument 'iterable'", at: pos)
            }
            var counter = try (positional.count > 1 ? positional[1] : keyword(args, "start")).map { try integer($0, at: pos) } ?? 0
            let iterator = try makeIterator(source, at: pos)
            let depth = try iteratorDepth(over: [iterator], at: pos)
            return PyObj(.iterator(PyIterator("enumerate", depth: depth) { [unowned self] in
                guard let item = try iterator.next() else { return nil }
                let index = PyObj(.int(counter), at: pos)
                counter = try self.at(pos) { try PyNumber.add(counter, 1) }
                return PyObj(.tuple([index, item]), at: pos)
            }), at: pos)

        case .zip:
            try expect(name, args, positional: 0...Int.max, at: pos)
            let iterators = try positional.map { try makeIterator($0, at: pos) }
            let depth = try iteratorDepth(over: iterators, at: pos)
            return PyObj(.iterator(PyIterator("zip", depth: depth) {
                if iterators.isEmpty { return nil }
                var items: [PyObj] = []
                for iterator in iterators {
                    guard let item = try iterator.next() else { return nil }
                    items.append(item)
                }
                return PyObj(.tuple(PyTuple(items)), at: pos)
            }), at: pos)

        case .sorted:
            try expect(name, args, positional: 1...1, keywords: ["key", "reverse"], at: pos)
            let items = try collect(positional[0], at: pos)
            try spendValues(items.count, at: pos)
            let sorted = try sort(items, key: keyword(args, "key"), reverse: try keyword(args, "reverse").map { try truthy($0) } ?? false, at: pos)
            return PyObj(.list(PyList(sorted)), at: pos)

        case .reversed:
            try expect(name, args, positional: 1...1, at: pos)
            return PyObj(.iterator(try reversedIterator(positional[0], at: pos)), at: pos)

        case .list:
            try expect(name, args, positional: 0...1, at: pos)
            guard let source = positional.first else { return PyObj(.list(PyList()), at: pos) }
            let items = try collect(source, at: pos)
            try spendValues(items.count, at: pos)
            return PyObj(.list(PyList(items)), at: pos)

        case .tuple:
            try expect(name, args, positional: 0...1, at: pos)
            guard let source = positional.first else { return PyObj(.tuple([]), at: pos) }
            if case .tuple = source.value { return source }
            let items = try collect(source, at: pos)
            try spendValues(items.count, at: pos)
            return PyObj(.tuple(PyTuple(items)), at: pos)

        case .dict:
            try expect(name, args, positional: 0...1, keywords: Set(args.keywords.map(\.name)), at: pos)
            let result = PyDict()
            if let source = positional.first {
                try update(result, from: source, at: pos)
            }
            try spendValues(args.keywords.count, at: pos)
            for keyword in args.keywords {
                try dictSet(result, PyObj(.str(keyword.name), at: keyword.pos), keyword.value, at: keyword.pos)
            }
            return PyObj(.dict(result), at: pos)

        case .isinstance:
            try expect(name, args, positional: 2...2, at: pos)
            return PyObj(.bool(try isInstance(positional[0], positional[1], at: pos, depth: 0)), at: pos)

        case .any, .all:
            try expect(name, args, positional: 1...1, at: pos)
            let iterator = try makeIterator(positional[0], at: pos)
            while let item = try iterator.next() {
                let truth = try truthy(item)
                if builtin == .any, truth { return PyObj(.bool(true), at: pos) }
                if builtin == .all, !truth { return PyObj(.bool(false), at: pos) }
            }
            return PyObj(.bool(builtin == .all), at: pos)

        case .pow:
            try expect(name, args, positional: 2...3, keywords: ["base", "exp", "mod"], at: pos)
            if positional.count == 3 || keyword(args, "mod") != nil {
                throw file.refusal("pow() with a modulus is not supported in config files", at: pos)
            }
            return try binary(.power, positional[0], positional[1], at: pos, resultAt: pos)

        case .divmod:
            try expect(name, args, positional: 2...2, at: pos)
            guard let a = Number(positional[0].value), let b = Number(positional[1].value) else {
                throw file.raise("TypeError", "unsupported operand type(s) for divmod(): '\(positional[0].value.typeName)' and '\(positional[1].value.typeName)'", at: pos)
            }
            if case .int(let x) = a, case .int(let y) = b {
                let quotient = try at(pos) { try PyNumber.floorDivide(x, y) }
                let remainder = try at(pos) { try PyNumber.modulo(x, y) }
                return PyObj(.tuple([PyObj(.int(quotient), at: pos), PyObj(.int(remainder), at: pos)]), at: pos)
            }
            let y = b.asDouble
            if y == 0 { throw file.raise("ZeroDivisionError", "float divmod()", at: pos) }
            let (quotient, remainder) = PyNumber.divmod(a.asDouble, y)
            return PyObj(.tuple([PyObj(.float(quotient), at: pos), PyObj(.float(remainder), at: pos)]), at: pos)

        case .format:
            try expect(name, args, positional: 1...2, at: pos)
            var spec = ""
            if positional.count > 1 {
                guard case .str(let text) = positional[1].value else {
                    throw file.raise("TypeError", "format() argument 2 must be str, not \(positional[1].value.typeName)", at: pos)
                }
                try checkPlaceholder(text, at: positional[1].pos)
                spec = text
            }
            return PyObj(.str(try format(positional[0], spec: spec, at: pos)), at: pos)

        case .chr:
            try expect(name, args, positional: 1...1, at: pos)
            let code = try integer(positional[0], at: pos)
            guard code >= 0, code <= 0x10FFFF else { throw file.raise("ValueError", "chr() arg not in range(0x110000)", at: pos) }
            guard let scalar = Unicode.Scalar(UInt32(code)) else {
                throw file.refusal("chr() of a surrogate gives a string Swift cannot hold", at: pos)
            }
            return PyObj(.str(String(scalar)), at: pos)

        case .ord:
            try expect(name, args, positional: 1...1, at: pos)
            guard case .str(let text) = positional[0].value else {
                throw file.raise("TypeError", "ord() expected string of length 1, but \(positional[0].value.typeName) found", at: pos)
            }
            try checkPlaceholder(text, at: positional[0].pos)
            let scalars = Array(text.unicodeScalars)
            guard scalars.count == 1 else {
                throw file.raise("TypeError", "ord() expected a character, but string of length \(scalars.count) found", at: pos)
            }
            return PyObj(.int(Int(scalars[0].value)), at: pos)

        case .hex, .oct, .bin:
            try expect(name, args, positional: 1...1, at: pos)
            let number = try integer(positional[0], at: pos)
            let radix = builtin == .hex ? 16 : (builtin == .oct ? 8 : 2)
            let prefix = builtin == .hex ? "0x" : (builtin == .oct ? "0o" : "0b")
            return PyObj(.str((number < 0 ? "-" : "") + prefix + String(number.magnitude, radix: radix)), at: pos)
        }
    }

    /// `len(x)`.
    func length(_ object: PyObj, at pos: PyPos) throws -> Int {
        switch object.value {
        case .str(let text):
            try checkPlaceholder(text, at: object.pos)
            return text.unicodeScalars.count
        case .list(let list): return list.items.count
        case .tuple(let items): return items.count
        case .dict(let dict): return dict.count
        case .range(let range):
            if range.count == Int.max {
                throw file.raise("OverflowError", "Python int too large to convert to C ssize_t", at: pos)
            }
            return range.count
        case .view(let view): return view.dict.count
        default: throw file.raise("TypeError", "object of type '\(object.value.typeName)' has no len()", at: pos)
        }
    }

    /// Calls a `key=` function on an item.
    func applyKey(_ key: PyObj?, _ item: PyObj, at pos: PyPos) throws -> PyObj {
        guard let key else { return item }
        switch key.value {
        case .none: return item
        case .builtin(let builtin): return try callBuiltin(builtin, Arguments(positional: [item]), at: pos)
        default: throw file.raise("TypeError", "'\(key.value.typeName)' object is not callable", at: pos)
        }
    }

    func minMax(_ builtin: PyBuiltin, _ args: Arguments, at pos: PyPos) throws -> PyObj {
        let name = builtin.rawValue
        try expect(name, args, positional: 1...Int.max, keywords: ["key", "default"], at: pos)
        let key = keyword(args, "key")
        let fallback = keyword(args, "default")
        var candidates: PyIterator
        if args.positional.count == 1 {
            candidates = try makeIterator(args.positional[0], at: pos)
        } else {
            if fallback != nil {
                throw file.raise("TypeError", "Cannot specify a default for \(name)() with multiple positional arguments", at: pos)
            }
            candidates = arrayIterator("tuple_iterator", args.positional, at: pos)
        }
        var best: (item: PyObj, key: PyObj)?
        while let item = try candidates.next() {
            let itemKey = try applyKey(key, item, at: pos)
            if let current = best {
                if try order(builtin == .max ? .greater : .less, itemKey, current.key, at: pos, depth: 0) {
                    best = (item, itemKey)
                }
            } else {
                best = (item, itemKey)
            }
        }
        if let best { return best.item }
        if let fallback { return fallback }
        throw file.raise("ValueError", "\(name)() arg is an empty sequence", at: pos)
    }

    /// A stable sort by `<` on the keys, as `list.sort` (reverse keeps equal items in order).
    func sort(_ items: [PyObj], key: PyObj?, reverse: Bool, at pos: PyPos) throws -> [PyObj] {
        var pairs = try items.map { (item: $0, key: try applyKey(key, $0, at: pos)) }
        if reverse { pairs.reverse() }
        // Merge sort: stable, and a comparison that throws stops it cleanly.
        var buffer = pairs
        var width = 1
        while width < pairs.count {
            var start = 0
            while start < pairs.count {
                let middle = min(start + width, pairs.count)
                let end = min(start + 2 * width, pairs.count)
                var left = start
                var right = middle
                var out = start
                while left < middle && right < end {
                    if try order(.less, pairs[right].key, pairs[left].key, at: pos, depth: 0) {
                        buffer[out] = pairs[right]
                        right += 1
                    } else {
                        buffer[out] = pairs[left]
                        left += 1
                    }
                    out += 1
                }
                while left < middle {
                    buffer[out] = pairs[left]
                    left += 1
                    out += 1
                }
                while right < end {
                    buffer[out] = pairs[right]
                    right += 1
                    out += 1
                }
                start += 2 * width
            }
            swap(&pairs, &buffer)
            width *= 2
        }
        if reverse { pairs.reverse() }
        return pairs.map(\.item)
    }

    func reversedIterator(_ object: PyObj, at pos: PyPos) throws -> PyIterator {
        switch object.value {
        case .list(let list):
            var index = list.items.count - 1
            return PyIterator("list_reverseiterator") { [unowned self] in
                guard index >= 0, index < list.items.count else { return nil }
                try self.spendIteration(at: pos)
                index -= 1
                return list.items[index + 1]
            }
        case .tuple(let items):
            return arrayIterator("reversed", items.reversed(), at: pos)
        case .str(let text):
            return arrayIterator("reversed", try characters(of: text, at: object.pos).reversed().map { PyObj(.str($0), at: object.pos) }, at: pos)
        case .range(let range):
            let count = range.count
            var index = count - 1
            return PyIterator("range_iterator") { [unowned self] in
                guard index >= 0 else { return nil }
                try self.spendIteration(at: pos)
                index -= 1
                return PyObj(.int(range.item(index + 1)), at: object.pos)
            }
        case .dict(let dict):
            return arrayIterator("dict_reversekeyiterator", dict.entries.reversed().map(\.key), at: pos)
        default:
            throw file.raise("TypeError", "'\(object.value.typeName)' object is not reversible", at: pos)
        }
    }

    /// `dict.update(source)` / `dict(source)`: a dict, or an iterable of key/value pairs.
    func update(_ target: PyDict, from source: PyObj, at pos: PyPos) throws {
        if case .dict(let dict) = source.value {
            try spendValues(dict.count, at: pos)
            for entry in dict.entries { try dictSet(target, entry.key, entry.value, at: pos) }
            return
        }
        guard isIterable(source) else {
            throw file.raise("TypeError", "'\(source.value.typeName)' object is not iterable", at: pos)
        }
        let iterator = try makeIterator(source, at: pos)
        var position = 0
        while let element = try iterator.next() {
            guard isIterable(element) else {
                throw file.raise("TypeError", "cannot convert dictionary update sequence element #\(position) to a sequence", at: pos)
            }
            let pair = try collect(element, at: pos)
            guard pair.count == 2 else {
                throw file.raise("ValueError", "dictionary update sequence element #\(position) has length \(pair.count); 2 is required", at: pos)
            }
            try spendValues(1, at: pos)
            try dictSet(target, pair[0], pair[1], at: pos)
            position += 1
        }
    }

    func isInstance(_ object: PyObj, _ classInfo: PyObj, at pos: PyPos, depth: Int) throws -> Bool {
        switch classInfo.value {
        case .builtin(let type) where type.isType:
            switch (type, object.value) {
            case (.int, .int), (.int, .bool), (.bool, .bool), (.float, .float), (.str, .str), (.list, .list),
                 (.tuple, .tuple), (.dict, .dict), (.range, .range):
                return true
            case (.enumerate, .iterator(let iterator)): return iterator.typeName == "enumerate"
            case (.zip, .iterator(let iterator)): return iterator.typeName == "zip"
            case (.reversed, .iterator(let iterator)): return iterator.typeName == "reversed"
            default: return false
            }
        case .tuple(let types):
            if depth > recursionBound { throw tooDeep("isinstance() type tuples", at: pos) }
            for type in types where try isInstance(object, type, at: pos, depth: depth + 1) { return true }
            return false
        default:
            throw file.raise("TypeError", "isinstance() arg 2 must be a type or tuple of types", at: pos)
        }
    }

    // MARK: Text to numbers

    /// `int(text, base)`.
    func parseInt(_ text: String, base: Int, at pos: PyPos) throws -> Int {
        guard base == 0 || (2...36).contains(base) else {
            throw file.raise("ValueError", "int() base must be >= 2 and <= 36, or 0", at: pos)
        }
        let invalid = file.raise("ValueError", "invalid literal for int() with base \(base): \(Self.quoted(text, asciiOnly: false))", at: pos)
        var body = Substring(text.trimmingCharacters(in: .whitespacesAndNewlines))
        var negative = false
        if let first = body.first, first == "+" || first == "-" {
            negative = first == "-"
            body = body.dropFirst()
        }
        var radix = base
        let lowered = body.lowercased()
        for (prefix, value) in [("0x", 16), ("0o", 8), ("0b", 2)] where lowered.hasPrefix(prefix) && (base == value || base == 0) {
            radix = value
            body = body.dropFirst(2)
            if body.hasPrefix("_") { body = body.dropFirst() }
            break
        }
        if radix == 0 {
            radix = 10
            if body.count > 1, body.hasPrefix("0"), body.contains(where: { $0 != "0" && $0 != "_" }) { throw invalid }
        }
        guard !body.isEmpty, !body.hasPrefix("_"), !body.hasSuffix("_"), !body.contains("__") else { throw invalid }
        let digits = body.replacingOccurrences(of: "_", with: "")
        guard digits.allSatisfy({ $0.isASCII && ($0.isLetter || $0.isNumber) }) else { throw invalid }
        guard let magnitude = UInt64(digits, radix: radix) else {
            if digits.allSatisfy({ Int(String($0), radix: radix) != nil }) {
                throw file.numberRange("int() of \(Self.quoted(text, asciiOnly: false))", at: pos)
            }
            throw invalid
        }
        if negative {
            guard magnitude <= UInt64(Int.max) + 1 else { throw file.numberRange("int() of \(Self.quoted(text, asciiOnly: false))", at: pos) }
            return magnitude == UInt64(Int.max) + 1 ? Int.min : -Int(magnitude)
        }
        guard magnitude <= UInt64(Int.max) else { throw file.numberRange("int() of \(Self.quoted(text, asciiOnly: false))", at: pos) }
        return Int(magnitude)
    }

    /// `float(text)`: Python's syntax (underscores between digits, `inf`, `nan`, surrounding spaces).
    func parseFloat(_ text: String, at pos: PyPos) throws -> Double {
        let invalid = file.raise("ValueError", "could not convert string to float: \(Self.quoted(text, asciiOnly: false))", at: pos)
        var body = Substring(text.trimmingCharacters(in: .whitespacesAndNewlines))
        var negative = false
        if let first = body.first, first == "+" || first == "-" {
            negative = first == "-"
            body = body.dropFirst()
        }
        let lowered = body.lowercased()
        if lowered == "inf" || lowered == "infinity" { return negative ? -.infinity : .infinity }
        if lowered == "nan" { return .nan }
        // Digits with single underscores between digits, an optional fraction and exponent; then Swift's
        // correctly rounded conversion.
        var cleaned = ""
        var previous: Character?
        for (offset, character) in body.enumerated() {
            if character == "_" {
                let next = body.dropFirst(offset + 1).first
                guard let previous, previous.isASCII, previous.isNumber, let next, next.isASCII, next.isNumber else { throw invalid }
            } else {
                cleaned.append(character)
            }
            previous = character
        }
        guard Self.isDecimalFloat(cleaned), let value = Double(cleaned) else { throw invalid }
        return negative ? -value : value
    }

    /// `digits [. digits] [e [+-] digits]` (or `. digits …`), at least one mantissa digit.
    static func isDecimalFloat(_ text: String) -> Bool {
        var scalars = Substring(text).unicodeScalars[...]
        func digits() -> Int {
            var count = 0
            while let first = scalars.first, ("0"..."9").contains(first) {
                scalars = scalars.dropFirst()
                count += 1
            }
            return count
        }
        var mantissa = digits()
        if scalars.first == "." {
            scalars = scalars.dropFirst()
            mantissa += digits()
        }
        guard mantissa > 0 else { return false }
        if let first = scalars.first, first == "e" || first == "E" {
            scalars = scalars.dropFirst()
            if let sign = scalars.first, sign == "+" || sign == "-" { scalars = scalars.dropFirst() }
            guard digits() > 0 else { return false }
        }
        return scalars.isEmpty
    }
}
