/// Python's format-specification mini-language (`format(x, spec)`, f-string `{x:spec}`,
/// `str.format`), ported from CPython 3.8's `Python/formatter_unicode.c` and the float formatting of
/// `Python/pystrtod.c`: fill, align, sign, `#`, `0`, width, `,`/`_` grouping, precision and the types
/// `b c d o x X n e E f F g G % s`. Errors are Python's `ValueError`s.
struct PyFormatSpec {
    var fill: Unicode.Scalar = " "
    var fillSpecified = false
    var align: Unicode.Scalar?
    var sign: Unicode.Scalar?
    var alternate = false
    var width: Int?
    /// `,` or `_`.
    var grouping: Unicode.Scalar?
    var precision: Int?
    var type: Unicode.Scalar?

    /// Parses a spec; `defaultAlign` is `<` for strings and `>` for numbers.
    init(_ text: String) throws {
        let spec = Array(text.unicodeScalars)
        var index = 0
        if spec.count >= 2, "<>=^".unicodeScalars.contains(spec[1]) {
            fill = spec[0]
            fillSpecified = true
            align = spec[1]
            index = 2
        } else if spec.count >= 1, "<>=^".unicodeScalars.contains(spec[0]) {
            align = spec[0]
            index = 1
        }
        if index < spec.count, "+- ".unicodeScalars.contains(spec[index]) {
            sign = spec[index]
            index += 1
        }
        if index < spec.count, spec[index] == "#" {
            alternate = true
            index += 1
        }
        if !fillSpecified, index < spec.count, spec[index] == "0" {
            fill = "0"
            if align == nil { align = "=" }
            index += 1
        }
        func readNumber() throws -> Int? {
            var value: Int?
            while index < spec.count, ("0"..."9").contains(spec[index]) {
                let digit = Int(spec[index].value - 48)
                let (times, overflow1) = (value ?? 0).multipliedReportingOverflow(by: 10)
                let (sum, overflow2) = times.addingReportingOverflow(digit)
                if overflow1 || overflow2 { throw PyRaised.exception("ValueError", "Too many decimal digits in format string") }
                value = sum
                index += 1
            }
            return value
        }
        width = try readNumber()
        if index < spec.count, spec[index] == "," || spec[index] == "_" {
            grouping = spec[index]
            index += 1
        }
        if index < spec.count, spec[index] == "," || spec[index] == "_" {
            throw PyRaised.exception("ValueError", "Cannot specify both ',' and '_'.")
        }
        if index < spec.count, spec[index] == "." {
            index += 1
            guard let value = try readNumber() else {
                throw PyRaised.exception("ValueError", "Format specifier missing precision")
            }
            precision = value
        }
        if spec.count - index > 1 {
            throw PyRaised.exception("ValueError", "Invalid format specifier")
        }
        if index < spec.count {
            type = spec[index]
        }
        if let grouping {
            switch type {
            case "d", "e", "f", "g", "E", "G", "%", "F", nil:
                break
            case "b", "o", "x", "X":
                if grouping != "_" {
                    throw PyRaised.exception("ValueError", "Cannot specify '\(grouping)' with '\(type.map(String.init) ?? "")'.")
                }
            default:
                let shown = type.map(String.init) ?? ""
                throw PyRaised.exception("ValueError", "Cannot specify '\(grouping)' with '\(shown)'.")
            }
        }
    }

    // MARK: Strings

    /// `format(text, spec)`.
    func format(string text: String) throws -> String {
        if let type, type != "s" {
            throw PyRaised.exception("ValueError", "Unknown format code '\(type)' for object of type 'str'")
        }
        if sign != nil { throw PyRaised.exception("ValueError", "Sign not allowed in string format specifier") }
        if alternate { throw PyRaised.exception("ValueError", "Alternate form (#) not allowed in string format specifier") }
        if align == "=" { throw PyRaised.exception("ValueError", "'=' alignment not allowed in string format specifier") }
        if let grouping { throw PyRaised.exception("ValueError", "Cannot specify '\(grouping)' with 's'.") }
        var scalars = Array(text.unicodeScalars)
        if let precision, precision < scalars.count { scalars = Array(scalars[0..<precision]) }
        return pad(scalars, defaultAlign: "<")
    }

    private func pad(_ scalars: [Unicode.Scalar], defaultAlign: Unicode.Scalar) -> String {
        var result = String.UnicodeScalarView()
        let padding = max(0, (width ?? 0) - scalars.count)
        let alignment = align ?? defaultAlign
        let left = alignment == ">" ? padding : (alignment == "^" ? padding / 2 : 0)
        result.append(contentsOf: repeatElement(fill, count: left))
        result.append(contentsOf: scalars)
        result.append(contentsOf: repeatElement(fill, count: padding - left))
        return String(result)
    }

    // MARK: Ints

    /// `format(n, spec)` for an int (bools are formatted as ints when the spec is not empty).
    func format(int value: Int) throws -> String {
        let code = type ?? "d"
        switch code {
        case "e", "E", "f", "F", "g", "G", "%":
            return try format(float: Double(value))
        case "d", "n", "b", "o", "x", "X", "c":
            break
        default:
            throw PyRaised.exception("ValueError", "Unknown format code '\(code)' for object of type 'int'")
        }
        if precision != nil {
            throw PyRaised.exception("ValueError", "Precision not allowed in integer format specifier")
        }
        if code == "c" {
            if sign != nil { throw PyRaised.exception("ValueError", "Sign not allowed with integer format specifier 'c'") }
            if alternate { throw PyRaised.exception("ValueError", "Alternate form (#) not allowed with integer format specifier 'c'") }
            guard value >= 0, value <= 0x10FFFF, let scalar = Unicode.Scalar(UInt32(value)) else {
                throw PyRaised.exception("OverflowError", "%c arg not in range(0x110000)")
            }
            return assemble(sign: nil, prefix: [], digits: [scalar], remainder: [], defaultAlign: ">", groupEvery: 0)
        }
        let radix: Int
        var prefix = ""
        switch code {
        case "b": radix = 2; prefix = "0b"
        case "o": radix = 8; prefix = "0o"
        case "x": radix = 16; prefix = "0x"
        case "X": radix = 16; prefix = "0X"
        default: radix = 10
        }
        var digits = String(value.magnitude, radix: radix)
        if code == "X" { digits = digits.uppercased() }
        let signCharacter: Unicode.Scalar? = value < 0 ? "-" : (sign == "+" ? "+" : (sign == " " ? " " : nil))
        let groupEvery = grouping == nil ? 0 : (radix == 10 ? 3 : 4)
        return assemble(sign: signCharacter, prefix: alternate ? Array(prefix.unicodeScalars) : [],
                        digits: Array(digits.unicodeScalars), remainder: [], defaultAlign: ">", groupEvery: groupEvery)
    }

    // MARK: Floats

    /// `format(x, spec)` for a float.
    func format(float value: Double) throws -> String {
        var code = type ?? "r"
        switch code {
        case "e", "E", "f", "F", "g", "G", "%", "n", "r":
            break
        default:
            throw PyRaised.exception("ValueError", "Unknown format code '\(code)' for object of type 'float'")
        }
        let addDotZero = type == nil
        if code == "n" { code = "g" }
        var number = value
        var percent = false
        if code == "%" {
            code = "f"
            number *= 100
            percent = true
        }
        var digitsPrecision = precision ?? (code == "r" ? 0 : 6)
        if precision != nil, code == "r" { code = "g" }
        if code == "g" || code == "G", digitsPrecision == 0 { digitsPrecision = 1 }
        var text = Self.floatText(number, code: code, precision: digitsPrecision, addDotZero: addDotZero, alternate: alternate)
        if percent { text += "%" }
        var scalars = Array(text.unicodeScalars)
        var signCharacter: Unicode.Scalar?
        if scalars.first == "-" {
            signCharacter = "-"
            scalars.removeFirst()
        } else if sign == "+" {
            signCharacter = "+"
        } else if sign == " " {
            signCharacter = " "
        }
        // Split into the integer digits and the rest (decimal point, fraction, exponent, %).
        let integerCount = scalars.prefix { ("0"..."9").contains($0) }.count
        let digits = Array(scalars[0..<integerCount])
        let remainder = Array(scalars[integerCount...])
        return assemble(sign: signCharacter, prefix: [], digits: digits, remainder: remainder, defaultAlign: ">",
                        groupEvery: grouping == nil ? 0 : 3)
    }

    /// CPython's `PyOS_double_to_string` (through `format_float_short`) for `e f g r` (and upper
    /// case): the text of a float, with `-` for negative values (NaN never has a sign).
    static func floatText(_ value: Double, code: Unicode.Scalar, precision: Int, addDotZero: Bool, alternate: Bool) -> String {
        let upper = code == "E" || code == "F" || code == "G"
        if value.isNaN { return upper ? "NAN" : "nan" }
        if value.isInfinite { return (value < 0 ? "-" : "") + (upper ? "INF" : "inf") }
        let negative = value.sign == .minus
        let lower: Unicode.Scalar = upper ? (code == "E" ? "e" : (code == "F" ? "f" : "g")) : code
        // The digits as `_Py_dg_dtoa` gives them: trailing zeros stripped, value = 0.digits × 10^decpt.
        var digits: [UInt8]
        var decpt: Int
        var precision = precision
        let exact = PyDecimal(exactly: value)
        switch lower {
        case "r":
            if value == 0 {
                digits = [0]
                decpt = 1
            } else {
                let shortest = PythonFloat.decompose(value)
                digits = shortest.digits.unicodeScalars.map { UInt8($0.value - 48) }
                decpt = shortest.exponent + 1
            }
        case "f":
            if value == 0 {
                digits = [0]
                decpt = 1
            } else {
                let rounded = exact.roundedToPlaces(precision)
                if rounded.isZero {
                    digits = []
                    decpt = -precision
                } else {
                    digits = rounded.digits
                    decpt = rounded.exponent
                }
            }
        default:
            if lower == "e" { precision += 1 }
            if value == 0 {
                digits = [0]
                decpt = 1
            } else if lower == "g", let kept = Self.smallIntegerDigits(value, significant: precision) {
                // CPython keeps these digits as they are, trailing zeros included.
                digits = kept.digits
                decpt = kept.decpt
            } else {
                let rounded = exact.roundedToSignificant(precision)
                digits = rounded.digits
                decpt = rounded.exponent
            }
        }
        if !(lower == "g" && value != 0 && Self.smallIntegerDigits(value, significant: precision) != nil) {
            while digits.count > 1, digits.last == 0 { digits.removeLast() }
        }
        let digitCount = digits.count
        var useExponent = false
        var virtualEnd = digitCount
        switch lower {
        case "e":
            useExponent = true
            virtualEnd = precision
        case "f":
            virtualEnd = decpt + precision
        case "g":
            if decpt <= -4 || decpt > (addDotZero ? precision - 1 : precision) { useExponent = true }
            if alternate { virtualEnd = precision }
        default:
            if decpt <= -4 || decpt > 16 { useExponent = true }
        }
        var exponent = 0
        if useExponent {
            exponent = decpt - 1
            decpt = 1
        }
        let virtualStart = decpt <= 0 ? decpt - 1 : 0
        if !useExponent && addDotZero {
            virtualEnd = max(virtualEnd, decpt + 1)
        } else {
            virtualEnd = max(virtualEnd, decpt)
        }
        var text = negative ? "-" : ""
        func zeros(_ count: Int) -> String { count > 0 ? String(repeating: "0", count: count) : "" }
        let digitText = String(digits.map { Character(Unicode.Scalar($0 + 48)) })
        if decpt <= 0 {
            text += zeros(decpt - virtualStart) + "." + zeros(-decpt)
        } else {
            text += zeros(-virtualStart)
        }
        if decpt > 0 && decpt <= digitCount {
            let split = digitText.index(digitText.startIndex, offsetBy: decpt)
            text += digitText[..<split] + "." + digitText[split...]
        } else {
            text += digitText
        }
        if digitCount < decpt {
            text += zeros(decpt - digitCount) + "." + zeros(virtualEnd - decpt)
        } else {
            text += zeros(virtualEnd - digitCount)
        }
        if text.hasSuffix("."), !alternate { text.removeLast() }
        if useExponent {
            text += upper ? "E" : "e"
            text += exponent < 0 ? "-" : "+"
            let magnitude = String(Swift.abs(exponent))
            text += magnitude.count < 2 ? "0" + magnitude : magnitude
        }
        return text
    }

    /// Exact powers of ten, as in CPython's `dtoa.c` (`tens`).
    static let tens: [Double] = (0...22).map { power in
        var value = 1.0
        for _ in 0..<power { value *= 10 }
        return value
    }

    /// The one case where CPython's `_Py_dg_dtoa` (mode 2, `ndigits` significant digits, as `'g'`
    /// formatting uses it) does not strip trailing zeros: an integer below 10^15 whose rounding its fast
    /// floating-point path cannot decide (a tie such as 505 to 2 digits), which its "small integer" path
    /// then rounds half to even digit by digit and returns as generated (`format(505, '.2g')` is
    /// `'5.0e+02'`, `format(5005, '.3g')` is `'5.00e+03'`). Ported step for step with the same doubles;
    /// `nil` in every other case (the correctly rounded digits without trailing zeros are right then).
    static func smallIntegerDigits(_ value: Double, significant ndigits: Int) -> (digits: [UInt8], decpt: Int)? {
        let magnitude = Swift.abs(value)
        guard magnitude >= 1, magnitude < 1e15, magnitude == magnitude.rounded(.towardZero) else { return nil }
        let digitLimit = max(ndigits, 1)
        var k = 0
        while k < 22, tens[k + 1] <= magnitude { k += 1 }
        if digitLimit <= 14 {
            // The fast path ("Try to get by with floating-point arithmetic").
            var u = magnitude
            if k > 0 { u /= tens[k] }
            var eps = 2.0 * u + 7.0
            eps = Double(bitPattern: eps.bitPattern &- (52 << 52))
            eps *= tens[digitLimit - 1]
            var limit = digitLimit
            var index = 1
            while true {
                let whole = u.rounded(.towardZero)
                u -= whole
                if u == 0 { limit = index }
                if index == limit {
                    if u > 0.5 + eps || u < 0.5 - eps { return nil }
                    break
                }
                index += 1
                u *= 10
            }
        }
        // The "small integer" path.
        var u = magnitude
        let ds = tens[k]
        var digits: [UInt8] = []
        var index = 1
        while true {
            let digit = (u / ds).rounded(.towardZero)
            u -= digit * ds
            digits.append(UInt8(digit))
            if u == 0 { break }
            if index == digitLimit {
                u += u
                if u > ds || (u == ds && Int(digit) & 1 == 1) {
                    var position = digits.count - 1
                    while digits[position] == 9 {
                        if position == 0 {
                            k += 1
                            digits[0] = 0
                            break
                        }
                        position -= 1
                    }
                    digits[position] += 1
                    digits.removeSubrange((position + 1)...)
                }
                break
            }
            index += 1
            u *= 10
        }
        return (digits, k + 1)
    }

    // MARK: Layout

    /// CPython's `calc_number_widths` and `fill_number`: padding, sign, prefix, grouped digits (zero
    /// padding with `0` fill and `=` alignment is grouped too), then the remainder.
    private func assemble(sign: Unicode.Scalar?, prefix: [Unicode.Scalar], digits: [Unicode.Scalar],
                          remainder: [Unicode.Scalar], defaultAlign: Unicode.Scalar, groupEvery: Int) -> String {
        let alignment = align ?? defaultAlign
        let nonDigits = (sign == nil ? 0 : 1) + prefix.count + remainder.count
        let minWidth = fill == "0" && alignment == "=" ? (width ?? 0) - nonDigits : 0
        let grouped = digits.isEmpty ? [] : Self.group(digits, every: groupEvery, separator: grouping ?? ",", minWidth: minWidth)
        let padding = (width ?? 0) - (nonDigits + grouped.count)
        var left = 0
        var middle = 0
        var right = 0
        if padding > 0 {
            switch alignment {
            case "<": right = padding
            case "^":
                left = padding / 2
                right = padding - left
            case "=": middle = padding
            default: left = padding
            }
        }
        var result = String.UnicodeScalarView()
        result.append(contentsOf: repeatElement(fill, count: left))
        if let sign { result.append(sign) }
        result.append(contentsOf: prefix)
        result.append(contentsOf: repeatElement(fill, count: middle))
        result.append(contentsOf: grouped)
        result.append(contentsOf: remainder)
        result.append(contentsOf: repeatElement(fill, count: right))
        return String(result)
    }

    /// `_PyUnicode_InsertThousandsGrouping`: groups of `every` digits from the right (no grouping when
    /// `every` is 0), padded with zeros up to `minWidth`.
    static func group(_ digits: [Unicode.Scalar], every: Int, separator: Unicode.Scalar, minWidth: Int) -> [Unicode.Scalar] {
        var minWidth = max(0, minWidth)
        var remaining = digits.count
        var groups: [[Unicode.Scalar]] = []
        var position = digits.count
        func take(_ length: Int) {
            let zeros = max(0, length - remaining)
            let chars = max(0, min(remaining, length))
            var piece = [Unicode.Scalar](repeating: "0", count: zeros)
            piece += digits[(position - chars)..<position]
            position -= chars
            remaining -= chars
            groups.append(piece)
        }
        var broken = false
        if every > 0 {
            while true {
                let length = min(every, max(max(remaining, minWidth), 1))
                take(length)
                minWidth -= length
                if remaining <= 0 && minWidth <= 0 {
                    broken = true
                    break
                }
                minWidth -= 1
            }
        }
        if !broken {
            take(max(max(remaining, minWidth), 1))
        }
        var result: [Unicode.Scalar] = []
        for (index, piece) in groups.reversed().enumerated() {
            if index > 0 { result.append(separator) }
            result += piece
        }
        return result
    }
}
