/// The string methods a config may call, on code points as Python counts them.
extension PyEvaluator {
    /// Python's whitespace for `split()` and `strip()`.
    static func isSpace(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.value {
        case 0x09...0x0D, 0x1C...0x20, 0x85, 0xA0: return true
        default: return scalar.value > 0x7F && scalar.properties.isWhitespace
        }
    }

    /// A string argument (the placeholder guard applied).
    func textArgument(_ object: PyObj, _ label: String, at pos: PyPos) throws -> [Unicode.Scalar] {
        guard case .str(let text) = object.value else {
            throw file.raise("TypeError", "\(label)() argument must be str, not \(object.value.typeName)", at: pos)
        }
        try checkPlaceholder(text, at: object.pos)
        return Array(text.unicodeScalars)
    }

    /// An optional string argument (`None` means absent).
    func optionalText(_ object: PyObj?, _ label: String, at pos: PyPos) throws -> [Unicode.Scalar]? {
        guard let object else { return nil }
        if case .none = object.value { return nil }
        return try textArgument(object, label, at: pos)
    }

    func makeString(_ scalars: some Sequence<Unicode.Scalar>, at pos: PyPos) throws -> PyObj {
        var view = String.UnicodeScalarView()
        view.append(contentsOf: scalars)
        try spendText(view.count, at: pos)
        return PyObj(.str(String(view)), at: pos)
    }

    /// Runs a string method; `nil` when the name is not one of them.
    func stringMethod(_ text: String, _ name: String, _ args: Arguments, at pos: PyPos, label: String) throws -> PyValue? {
        let scalars = Array(text.unicodeScalars)
        func string(_ part: some Sequence<Unicode.Scalar>) throws -> PyObj { try makeString(part, at: pos) }
        switch name {
        case "format":
            let result = try formatMethod(text, args, at: pos)
            try spendText(result.unicodeScalars.count, at: pos)
            return .str(result)

        case "replace":
            try expect(label, args, positional: 2...3, at: pos)
            let old = try textArgument(args.positional[0], label, at: pos)
            let new = try textArgument(args.positional[1], label, at: pos)
            var remaining = try args.positional.count > 2 ? integer(args.positional[2], at: pos) : -1
            // Python 3.8 returns the string itself for a count ≥ 0 on an empty string
            // (`''.replace('', 'x', 1)` is `''`; 3.9 changed it).
            if remaining >= 0, scalars.isEmpty { return .str(text) }
            if remaining < 0 { remaining = Int.max }
            var result: [Unicode.Scalar] = []
            if old.isEmpty {
                for scalar in scalars {
                    if remaining > 0 {
                        result += new
                        remaining -= 1
                    }
                    result.append(scalar)
                }
                if remaining > 0 { result += new }
            } else {
                var index = 0
                while index < scalars.count {
                    if remaining > 0, let found = Self.find(old, in: scalars, from: index) {
                        result += scalars[index..<found]
                        result += new
                        index = found + old.count
                        remaining -= 1
                    } else {
                        result += scalars[index...]
                        break
                    }
                }
            }
            return try string(result).value

        case "join":
            try expect(label, args, positional: 1...1, at: pos)
            let iterator = try makeIterator(args.positional[0], at: pos)
            var result: [Unicode.Scalar] = []
            var index = 0
            while let item = try iterator.next() {
                guard case .str(let piece) = item.value else {
                    throw file.raise("TypeError", "sequence item \(index): expected str instance, \(item.value.typeName) found", at: pos)
                }
                try checkPlaceholder(piece, at: item.pos)
                if index > 0 { result += scalars }
                result += piece.unicodeScalars
                if result.count > limits.maxFileBytes { try spendText(result.count, at: pos) }
                index += 1
            }
            return try string(result).value

        case "split", "rsplit":
            try expect(label, args, positional: 0...2, keywords: ["sep", "maxsplit"], at: pos)
            let separator = try optionalText(args.positional.first ?? keyword(args, "sep"), label, at: pos)
            var limit = try (args.positional.count > 1 ? args.positional[1] : keyword(args, "maxsplit")).map { try integer($0, at: pos) } ?? -1
            if limit < 0 { limit = Int.max }
            if let separator, separator.isEmpty { throw file.raise("ValueError", "empty separator", at: pos) }
            let pieces = name == "split" ? Self.split(scalars, separator, limit) : Self.rsplit(scalars, separator, limit)
            try spendValues(pieces.count, at: pos)
            return .list(PyList(try pieces.map { try string($0) }))

        case "strip", "lstrip", "rstrip":
            try expect(label, args, positional: 0...1, at: pos)
            let characters = try optionalText(args.positional.first, label, at: pos)
            func strips(_ scalar: Unicode.Scalar) -> Bool { characters.map { $0.contains(scalar) } ?? Self.isSpace(scalar) }
            var start = 0
            var end = scalars.count
            if name != "rstrip" { while start < end, strips(scalars[start]) { start += 1 } }
            if name != "lstrip" { while end > start, strips(scalars[end - 1]) { end -= 1 } }
            return try string(scalars[start..<end]).value

        case "lower", "upper":
            try expect(label, args, positional: 0...0, at: pos)
            return .str(name == "lower" ? Self.lowercased(scalars) : Self.uppercased(scalars))

        case "startswith", "endswith":
            try expect(label, args, positional: 1...3, at: pos)
            let candidates: [PyObj]
            switch args.positional[0].value {
            case .str: candidates = [args.positional[0]]
            case .tuple(let items): candidates = items.items
            default:
                throw file.raise("TypeError", "\(name) first arg must be str or a tuple of str, not \(args.positional[0].value.typeName)", at: pos)
            }
            let (start, end) = try bounds(args.positional.dropFirst(), length: scalars.count, at: pos)
            for candidate in candidates {
                guard case .str = candidate.value else {
                    throw file.raise("TypeError", "tuple for \(name) must only contain str, not \(candidate.value.typeName)", at: pos)
                }
                let part = try textArgument(candidate, label, at: pos)
                if start > scalars.count || end - start < part.count { continue }
                let window = name == "startswith" ? scalars[start..<(start + part.count)] : scalars[(end - part.count)..<end]
                if window.elementsEqual(part) { return .bool(true) }
            }
            return .bool(false)

        case "count":
            try expect(label, args, positional: 1...3, at: pos)
            let part = try textArgument(args.positional[0], label, at: pos)
            let (start, end) = try bounds(args.positional.dropFirst(), length: scalars.count, at: pos)
            if start > end { return .int(0) }
            if part.isEmpty { return .int(end - start + 1) }
            let window = Array(scalars[start..<end])
            var count = 0
            var index = 0
            while let found = Self.find(part, in: window, from: index) {
                count += 1
                index = found + part.count
            }
            return .int(count)

        case "find", "rfind", "index", "rindex":
            try expect(label, args, positional: 1...3, at: pos)
            let part = try textArgument(args.positional[0], label, at: pos)
            let (start, end) = try bounds(args.positional.dropFirst(), length: scalars.count, at: pos)
            var found: Int?
            if start <= end, end - start >= part.count {
                if name == "find" || name == "index" {
                    found = Self.find(part, in: Array(scalars[start..<end]), from: 0).map { $0 + start }
                } else {
                    var index = end - part.count
                    while index >= start {
                        if scalars[index..<(index + part.count)].elementsEqual(part) {
                            found = index
                            break
                        }
                        index -= 1
                    }
                }
            }
            if let found { return .int(found) }
            if name == "index" || name == "rindex" { throw file.raise("ValueError", "substring not found", at: pos) }
            return .int(-1)

        case "zfill":
            try expect(label, args, positional: 1...1, at: pos)
            let width = try integer(args.positional[0], at: pos)
            try spendText(width, at: pos)
            if width <= scalars.count { return .str(text) }
            var result = scalars
            let padding = [Unicode.Scalar](repeating: "0", count: width - scalars.count)
            if let first = scalars.first, first == "+" || first == "-" {
                result.insert(contentsOf: padding, at: 1)
            } else {
                result.insert(contentsOf: padding, at: 0)
            }
            return try string(result).value

        case "ljust", "rjust", "center":
            try expect(label, args, positional: 1...2, at: pos)
            let width = try integer(args.positional[0], at: pos)
            var fill: Unicode.Scalar = " "
            if args.positional.count > 1 {
                let given = try textArgument(args.positional[1], label, at: pos)
                guard given.count == 1 else {
                    throw file.raise("TypeError", "The fill character must be exactly one character long", at: pos)
                }
                fill = given[0]
            }
            try spendText(width, at: pos)
            if width <= scalars.count { return .str(text) }
            let margin = width - scalars.count
            let left: Int
            switch name {
            case "ljust": left = 0
            case "rjust": left = margin
            default: left = margin / 2 + (margin & width & 1)
            }
            let result = [Unicode.Scalar](repeating: fill, count: left) + scalars + [Unicode.Scalar](repeating: fill, count: margin - left)
            return try string(result).value

        case "partition", "rpartition":
            try expect(label, args, positional: 1...1, at: pos)
            let separator = try textArgument(args.positional[0], label, at: pos)
            if separator.isEmpty { throw file.raise("ValueError", "empty separator", at: pos) }
            var found: Int?
            if name == "partition" {
                found = Self.find(separator, in: scalars, from: 0)
            } else if scalars.count >= separator.count {
                var index = scalars.count - separator.count
                while index >= 0 {
                    if scalars[index..<(index + separator.count)].elementsEqual(separator) {
                        found = index
                        break
                    }
                    index -= 1
                }
            }
            guard let found else {
                let empty = PyObj(.str(""), at: pos)
                let whole = PyObj(.str(text), at: pos)
                return .tuple(PyTuple(name == "partition" ? [whole, empty, empty] : [empty, empty, whole]))
            }
            return .tuple([try string(scalars[0..<found]), try string(separator),
                           try string(scalars[(found + separator.count)...])])

        default:
            return nil
        }
    }

    /// `str.lower()`: each character's full lower-case mapping, with Python's final-sigma rule
    /// (`'ΣΑΣ'.lower()` is `'σας'`).
    static func lowercased(_ scalars: [Unicode.Scalar]) -> String {
        var result = ""
        for (index, scalar) in scalars.enumerated() {
            if scalar == "\u{03A3}" {
                var before = index - 1
                while before >= 0, scalars[before].properties.isCaseIgnorable { before -= 1 }
                var final = before >= 0 && scalars[before].properties.isCased
                if final, index + 1 < scalars.count {
                    var after = index + 1
                    while after < scalars.count, scalars[after].properties.isCaseIgnorable { after += 1 }
                    final = after == scalars.count || !scalars[after].properties.isCased
                }
                result.unicodeScalars.append(final ? "\u{03C2}" : "\u{03C3}")
            } else {
                result += scalar.properties.lowercaseMapping
            }
        }
        return result
    }

    /// `str.upper()`: each character's full upper-case mapping (`'ß'` becomes `'SS'`).
    static func uppercased(_ scalars: [Unicode.Scalar]) -> String {
        var result = ""
        for scalar in scalars { result += scalar.properties.uppercaseMapping }
        return result
    }

    /// `str.split(sep, maxsplit)` (CPython's `split_whitespace` / `split`).
    static func split(_ text: [Unicode.Scalar], _ separator: [Unicode.Scalar]?, _ limit: Int) -> [ArraySlice<Unicode.Scalar>] {
        var result: [ArraySlice<Unicode.Scalar>] = []
        var remaining = limit
        guard let separator else {
            var index = 0
            while remaining > 0 {
                while index < text.count, isSpace(text[index]) { index += 1 }
                if index == text.count { break }
                let start = index
                index += 1
                while index < text.count, !isSpace(text[index]) { index += 1 }
                result.append(text[start..<index])
                remaining -= 1
            }
            if index < text.count {
                while index < text.count, isSpace(text[index]) { index += 1 }
                if index != text.count { result.append(text[index...]) }
            }
            return result
        }
        var start = 0
        while remaining > 0, let found = find(separator, in: text, from: start) {
            result.append(text[start..<found])
            start = found + separator.count
            remaining -= 1
        }
        result.append(text[start...])
        return result
    }

    /// `str.rsplit(sep, maxsplit)`.
    static func rsplit(_ text: [Unicode.Scalar], _ separator: [Unicode.Scalar]?, _ limit: Int) -> [ArraySlice<Unicode.Scalar>] {
        var result: [ArraySlice<Unicode.Scalar>] = []
        var remaining = limit
        guard let separator else {
            var index = text.count
            while remaining > 0 {
                while index > 0, isSpace(text[index - 1]) { index -= 1 }
                if index == 0 { break }
                let end = index
                index -= 1
                while index > 0, !isSpace(text[index - 1]) { index -= 1 }
                result.append(text[index..<end])
                remaining -= 1
            }
            if index > 0 {
                while index > 0, isSpace(text[index - 1]) { index -= 1 }
                if index != 0 { result.append(text[0..<index]) }
            }
            return result.reversed()
        }
        var end = text.count
        while remaining > 0, end >= separator.count {
            var index = end - separator.count
            var found: Int?
            while index >= 0 {
                if text[index..<(index + separator.count)].elementsEqual(separator) {
                    found = index
                    break
                }
                index -= 1
            }
            guard let found else { break }
            result.append(text[(found + separator.count)..<end])
            end = found
            remaining -= 1
        }
        result.append(text[0..<end])
        return result.reversed()
    }
}
