/// String formatting as Python does it: `format(x, spec)` and f-strings, `str.format`, and
/// printf-style `'%d' % x` (ported from CPython's `PyUnicode_Format`).
extension PyEvaluator {
    /// `format(x, spec)`.
    func format(_ object: PyObj, spec: String, at pos: PyPos) throws -> String {
        func parsed() throws -> PyFormatSpec {
            let parsed = try at(pos) { try PyFormatSpec(spec) }
            // A width or precision beyond the string bound would build a giant string.
            try spendText(parsed.width ?? 0, at: pos)
            try spendText(parsed.precision ?? 0, at: pos)
            return parsed
        }
        switch object.value {
        case .str(let text):
            try checkPlaceholder(text, at: object.pos)
            if spec.isEmpty { return text }
            let format = try parsed()
            return try at(pos) { try format.format(string: text) }
        case .int(let number):
            if spec.isEmpty { return String(number) }
            let format = try parsed()
            return try at(pos) { try format.format(int: number) }
        case .bool(let flag):
            if spec.isEmpty { return flag ? "True" : "False" }
            let format = try parsed()
            return try at(pos) { try format.format(int: flag ? 1 : 0) }
        case .float(let number):
            if spec.isEmpty { return PythonFloat.repr(number) }
            let format = try parsed()
            return try at(pos) { try format.format(float: number) }
        default:
            if spec.isEmpty { return try str(object, at: pos) }
            throw file.raise("TypeError", "unsupported format string passed to \(object.value.typeName).__format__", at: pos)
        }
    }

    /// `!s`, `!r`, `!a` conversions.
    func convert(_ object: PyObj, _ conversion: Unicode.Scalar, at pos: PyPos) throws -> PyObj {
        switch conversion {
        case "r": return PyObj(.str(try repr(object, at: pos)), at: object.pos)
        case "a": return PyObj(.str(try repr(object, at: pos, asciiOnly: true)), at: object.pos)
        default: return PyObj(.str(try str(object, at: pos)), at: object.pos)
        }
    }

    /// The text of an f-string.
    func formatParts(_ parts: [PyFormattedPart]) throws -> String {
        var result = ""
        for part in parts {
            switch part {
            case .text(let text):
                result += text
            case .field(let valueExpr, let conversion, let spec):
                var value = try evaluate(valueExpr)
                let specText = try spec.map { try formatParts($0) } ?? ""
                if let conversion { value = try convert(value, conversion, at: valueExpr.pos) }
                result += try format(value, spec: specText, at: valueExpr.pos)
            }
        }
        return result
    }

    // MARK: str.format

    /// `template.format(*args, **kwargs)`.
    func formatMethod(_ template: String, _ args: Arguments, at pos: PyPos) throws -> String {
        var autoNumber = 0
        var numbering: Bool?
        return try formatMethod(template, args, at: pos, recursion: 2, autoNumber: &autoNumber, numbering: &numbering)
    }

    private func formatMethod(_ template: String, _ args: Arguments, at pos: PyPos, recursion: Int,
                              autoNumber: inout Int, numbering: inout Bool?) throws -> String {
        if recursion <= 0 { throw file.raise("ValueError", "Max string recursion exceeded", at: pos) }
        let text = Array(template.unicodeScalars)
        var result = String.UnicodeScalarView()
        var index = 0
        while index < text.count {
            let scalar = text[index]
            if scalar == "}" {
                guard index + 1 < text.count, text[index + 1] == "}" else {
                    throw file.raise("ValueError", "Single '}' encountered in format string", at: pos)
                }
                result.append("}")
                index += 2
                continue
            }
            guard scalar == "{" else {
                result.append(scalar)
                index += 1
                continue
            }
            if index + 1 < text.count, text[index + 1] == "{" {
                result.append("{")
                index += 2
                continue
            }
            if index + 1 >= text.count {
                throw file.raise("ValueError", "Single '{' encountered in format string", at: pos)
            }
            // The field runs to the matching '}' (the spec may hold nested {}).
            var depth = 1
            var end = index + 1
            while end < text.count {
                if text[end] == "{" { depth += 1 }
                if text[end] == "}" {
                    depth -= 1
                    if depth == 0 { break }
                }
                end += 1
            }
            if depth > 0 { throw file.raise("ValueError", "expected '}' before end of string", at: pos) }
            let field = Array(text[(index + 1)..<end])
            index = end + 1
            // Field name up to ':' or '!' (brackets may hold them).
            var cursor = 0
            var terminator: Unicode.Scalar = "}"
            scan: while cursor < field.count {
                let character = field[cursor]
                cursor += 1
                switch character {
                case "{":
                    throw file.raise("ValueError", "unexpected '{' in field name", at: pos)
                case "[":
                    while cursor < field.count, field[cursor] != "]" { cursor += 1 }
                case ":", "!":
                    terminator = character
                    break scan
                default:
                    continue
                }
            }
            let nameEnd = terminator == "}" ? cursor : cursor - 1
            let name = Array(field[0..<nameEnd])
            var conversion: Unicode.Scalar?
            var spec: [Unicode.Scalar] = []
            if terminator == "!" {
                guard cursor < field.count else {
                    throw file.raise("ValueError", "end of string while looking for conversion specifier", at: pos)
                }
                conversion = field[cursor]
                cursor += 1
                if cursor < field.count {
                    guard field[cursor] == ":" else {
                        throw file.raise("ValueError", "expected ':' after conversion specifier", at: pos)
                    }
                    cursor += 1
                    spec = Array(field[cursor...])
                }
            } else if terminator == ":" {
                spec = Array(field[cursor...])
            }
            var value = try formatField(name, args, at: pos, autoNumber: &autoNumber, numbering: &numbering)
            if let conversion {
                guard conversion == "r" || conversion == "s" || conversion == "a" else {
                    throw file.raise("ValueError", "Unknown conversion specifier \(conversion)", at: pos)
                }
                value = try convert(value, conversion, at: pos)
            }
            var specText = String(String.UnicodeScalarView(spec))
            if spec.contains("{") {
                specText = try formatMethod(specText, args, at: pos, recursion: recursion - 1, autoNumber: &autoNumber, numbering: &numbering)
            }
            result.append(contentsOf: try format(value, spec: specText, at: pos).unicodeScalars)
        }
        return String(result)
    }

    /// The value a `str.format` field names: `{}`, `{0}`, `{name}`, then `[key]` lookups.
    private func formatField(_ name: [Unicode.Scalar], _ args: Arguments, at pos: PyPos,
                             autoNumber: inout Int, numbering: inout Bool?) throws -> PyObj {
        var first = 0
        while first < name.count, name[first] != "." && name[first] != "[" { first += 1 }
        let head = String(String.UnicodeScalarView(name[0..<first]))
        var value: PyObj
        if head.isEmpty || head.unicodeScalars.allSatisfy({ ("0"..."9").contains($0) }) {
            let position: Int
            if head.isEmpty {
                if numbering == true {
                    throw file.raise("ValueError", "cannot switch from manual field specification to automatic field numbering", at: pos)
                }
                numbering = false
                position = autoNumber
                autoNumber += 1
            } else {
                if numbering == false {
                    throw file.raise("ValueError", "cannot switch from automatic field numbering to manual field specification", at: pos)
                }
                numbering = true
                guard let parsed = Int(head) else { throw file.raise("ValueError", "Too many decimal digits in format string", at: pos) }
                position = parsed
            }
            guard position < args.positional.count else {
                throw file.raise("IndexError", "Replacement index \(position) out of range for positional args tuple", at: pos)
            }
            value = args.positional[position]
        } else {
            guard let keyword = args.keywords.first(where: { $0.name == head }) else {
                throw file.raise("KeyError", "'\(head)'", at: pos)
            }
            value = keyword.value
        }
        var index = first
        while index < name.count {
            if name[index] == "." {
                throw file.refusal("attribute lookups in format fields (`{x.name}`) are not supported in config files", at: pos)
            }
            // '[' key ']'
            index += 1
            var key = String.UnicodeScalarView()
            while index < name.count, name[index] != "]" {
                key.append(name[index])
                index += 1
            }
            guard index < name.count else { throw file.raise("ValueError", "Missing ']' in format string", at: pos) }
            index += 1
            let keyText = String(key)
            if keyText.isEmpty { throw file.raise("ValueError", "Empty attribute in format string", at: pos) }
            let keyObject: PyObj
            if keyText.unicodeScalars.allSatisfy({ ("0"..."9").contains($0) }), let number = Int(keyText) {
                keyObject = PyObj(.int(number), at: pos)
            } else {
                keyObject = PyObj(.str(keyText), at: pos)
            }
            value = try getItem(value, keyObject, at: pos)
            if index < name.count, name[index] != "." && name[index] != "[" {
                throw file.raise("ValueError", "Only '.' or '[' may follow ']' in format field specifier", at: pos)
            }
        }
        return value
    }

    // MARK: printf-style

    /// `format % values`.
    func percentFormat(_ format: String, _ values: PyObj, at pos: PyPos) throws -> String {
        let text = Array(format.unicodeScalars)
        // Python treats any value with `__getitem__` but a tuple or a string as a mapping here: it is
        // then the single argument, `%(key)` looks keys up in it, and unused arguments are no error.
        var arguments: [PyObj] = [values]
        var mappingLike = false
        switch values.value {
        case .tuple(let items): arguments = items.items
        case .dict, .list, .range: mappingLike = true
        default: break
        }
        let isTuple: Bool = { if case .tuple = values.value { return true } else { return false } }()
        var nextArgument = 0
        var singleUsed = false
        func next() throws -> PyObj {
            if isTuple {
                guard nextArgument < arguments.count else {
                    throw file.raise("TypeError", "not enough arguments for format string", at: pos)
                }
                nextArgument += 1
                return arguments[nextArgument - 1]
            }
            guard !singleUsed else { throw file.raise("TypeError", "not enough arguments for format string", at: pos) }
            singleUsed = true
            return arguments[0]
        }
        var result = String.UnicodeScalarView()
        var index = 0
        while index < text.count {
            guard text[index] == "%" else {
                result.append(text[index])
                index += 1
                continue
            }
            index += 1
            guard index < text.count else { throw file.raise("ValueError", "incomplete format", at: pos) }
            if text[index] == "%" {
                result.append("%")
                index += 1
                continue
            }
            var keyed: PyObj?
            if text[index] == "(" {
                guard mappingLike else { throw file.raise("TypeError", "format requires a mapping", at: pos) }
                var depth = 1
                let keyStart = index + 1
                index += 1
                while index < text.count, depth > 0 {
                    if text[index] == ")" { depth -= 1 } else if text[index] == "(" { depth += 1 }
                    index += 1
                }
                guard depth == 0 else { throw file.raise("ValueError", "incomplete format key", at: pos) }
                let key = String(String.UnicodeScalarView(text[keyStart..<(index - 1)]))
                keyed = try getItem(values, PyObj(.str(key), at: pos), at: pos)
            }
            var leftJustify = false
            var forceSign = false
            var blank = false
            var alternate = false
            var zero = false
            flags: while index < text.count {
                switch text[index] {
                case "-": leftJustify = true
                case "+": forceSign = true
                case " ": blank = true
                case "#": alternate = true
                case "0": zero = true
                default: break flags
                }
                index += 1
            }
            var width: Int?
            if index < text.count, text[index] == "*" {
                let value = try next()
                guard case .int(let number) = value.value else { throw file.raise("TypeError", "* wants int", at: pos) }
                guard number.magnitude <= UInt(limits.maxFileBytes) else {
                    throw file.sizeLimit("a format width is larger than \(limits.maxFileBytes)", at: pos)
                }
                width = Int(number.magnitude)
                if number < 0 { leftJustify = true }
                index += 1
            } else {
                while index < text.count, ("0"..."9").contains(text[index]) {
                    width = (width ?? 0) * 10 + Int(text[index].value - 48)
                    if (width ?? 0) > limits.maxFileBytes { throw file.sizeLimit("a format width is larger than \(limits.maxFileBytes)", at: pos) }
                    index += 1
                }
            }
            var precision: Int?
            if index < text.count, text[index] == "." {
                index += 1
                precision = 0
                if index < text.count, text[index] == "*" {
                    let value = try next()
                    guard case .int(let number) = value.value else { throw file.raise("TypeError", "* wants int", at: pos) }
                    precision = max(0, number)
                    index += 1
                } else {
                    while index < text.count, ("0"..."9").contains(text[index]) {
                        precision = (precision ?? 0) * 10 + Int(text[index].value - 48)
                        if (precision ?? 0) > limits.maxFileBytes { throw file.sizeLimit("a format precision is larger than \(limits.maxFileBytes)", at: pos) }
                        index += 1
                    }
                }
            }
            if index < text.count, text[index] == "h" || text[index] == "l" || text[index] == "L" { index += 1 }
            guard index < text.count else { throw file.raise("ValueError", "incomplete format", at: pos) }
            let code = text[index]
            index += 1
            if let width { try spendText(width, at: pos) }
            if let precision { try spendText(precision, at: pos) }
            let argument = try keyed ?? next()
            var body: String
            var numeric = false
            switch code {
            case "s":
                body = try str(argument, at: pos)
                try checkPlaceholder(body, at: argument.pos)
            case "r":
                body = try repr(argument, at: pos)
            case "a":
                body = try repr(argument, at: pos, asciiOnly: true)
            case "d", "i", "u", "o", "x", "X":
                numeric = true
                let number: Int
                switch argument.value {
                case .int(let value): number = value
                case .bool(let flag): number = flag ? 1 : 0
                case .float(let value) where code != "o" && code != "x" && code != "X":
                    number = try at(pos) { try PyNumber.truncate(value) }
                case .float:
                    throw file.raise("TypeError", "%\(code) format: an integer is required, not float", at: pos)
                default:
                    let kind = code == "o" || code == "x" || code == "X" ? "an integer" : "a number"
                    throw file.raise("TypeError", "%\(code) format: \(kind) is required, not \(argument.value.typeName)", at: pos)
                }
                let radix = code == "o" ? 8 : (code == "x" || code == "X" ? 16 : 10)
                var digits = String(number.magnitude, radix: radix)
                if let precision, precision > digits.count {
                    digits = String(repeating: "0", count: precision - digits.count) + digits
                }
                var prefix = ""
                if alternate, radix != 10 { prefix = code == "o" ? "0o" : "0x" }
                body = (number < 0 ? "-" : "") + prefix + digits
                if code == "X" { body = body.uppercased() }
            case "e", "E", "f", "F", "g", "G":
                numeric = true
                let value: Double
                switch argument.value {
                case .float(let number): value = number
                case .int(let number): value = Double(number)
                case .bool(let flag): value = flag ? 1 : 0
                default:
                    throw file.raise("TypeError", "must be real number, not \(argument.value.typeName)", at: pos)
                }
                var digitsPrecision = precision ?? 6
                if (code == "g" || code == "G"), digitsPrecision == 0 { digitsPrecision = 1 }
                body = PyFormatSpec.floatText(value, code: code, precision: digitsPrecision, addDotZero: false, alternate: alternate)
            case "c":
                switch argument.value {
                case .str(let character) where character.unicodeScalars.count == 1:
                    body = character
                case .str(let other):
                    throw file.raise("TypeError", "%c requires int or char, not a string of length \(other.unicodeScalars.count)", at: pos)
                case .int(let value):
                    guard value >= 0, value <= 0x10FFFF, let scalar = Unicode.Scalar(UInt32(value)) else {
                        throw file.raise("OverflowError", "%c arg not in range(0x110000)", at: pos)
                    }
                    body = String(scalar)
                default:
                    throw file.raise("TypeError", "%c requires int or char", at: pos)
                }
            default:
                let shown = (31...126).contains(code.value) ? String(code) : "?"
                throw file.raise("ValueError", "unsupported format character '\(shown)' (0x\(String(code.value, radix: 16))) at index \(index - 1)", at: pos)
            }
            result.append(contentsOf: Self.percentLayout(body, code: code, numeric: numeric, width: width, precision: precision,
                                                         leftJustify: leftJustify, forceSign: forceSign, blank: blank,
                                                         alternate: alternate, zero: zero).unicodeScalars)
        }
        if isTuple, nextArgument < arguments.count {
            throw file.raise("TypeError", "not all arguments converted during string formatting", at: pos)
        }
        if !isTuple, !mappingLike, !singleUsed {
            throw file.raise("TypeError", "not all arguments converted during string formatting", at: pos)
        }
        return String(result)
    }

    /// CPython's `unicode_format_arg_output`: truncation, sign, `0x` prefix, padding.
    static func percentLayout(_ body: String, code: Unicode.Scalar, numeric: Bool, width: Int?, precision: Int?,
                              leftJustify: Bool, forceSign: Bool, blank: Bool, alternate: Bool, zero: Bool) -> String {
        var scalars = Array(body.unicodeScalars)
        if code == "s" || code == "r" || code == "a", let precision, scalars.count > precision {
            scalars = Array(scalars[0..<precision])
        }
        let fill: Unicode.Scalar = numeric && zero ? "0" : " "
        var sign: Unicode.Scalar?
        if numeric {
            if let first = scalars.first, first == "-" || first == "+" {
                sign = first
                scalars.removeFirst()
            } else if forceSign {
                sign = "+"
            } else if blank {
                sign = " "
            }
        }
        var prefix: [Unicode.Scalar] = []
        if alternate, code == "x" || code == "X" || code == "o", scalars.count >= 2 {
            prefix = Array(scalars[0..<2])
            scalars.removeFirst(2)
        }
        var remaining = max(width ?? 0, scalars.count + prefix.count + (sign == nil ? 0 : 1))
        var result = String.UnicodeScalarView()
        if fill != " " {
            if let sign { result.append(sign) }
            result.append(contentsOf: prefix)
        }
        if sign != nil { remaining -= 1 }
        remaining -= prefix.count
        if remaining > scalars.count, !leftJustify {
            result.append(contentsOf: repeatElement(fill, count: remaining - scalars.count))
            remaining = scalars.count
        }
        if fill == " " {
            if let sign { result.append(sign) }
            result.append(contentsOf: prefix)
        }
        result.append(contentsOf: scalars)
        if remaining > scalars.count {
            result.append(contentsOf: repeatElement(" ", count: remaining - scalars.count))
        }
        return String(result)
    }
}
