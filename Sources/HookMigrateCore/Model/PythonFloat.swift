/// Python's spelling of floats, which both config dumpers (json and PyYAML) start from.
public enum PythonFloat {
    /// `repr(x)` of a Python float: the shortest text that reads back to the same double, in decimal
    /// notation when the decimal exponent is in -4 … 15 and in `1e-05` / `1.5e+16` notation otherwise;
    /// `nan`, `inf`, `-inf` for the special values.
    public static func repr(_ value: Double) -> String {
        if value.isNaN { return "nan" }
        if value.isInfinite { return value < 0 ? "-inf" : "inf" }
        if value == 0 { return value.sign == .minus ? "-0.0" : "0.0" }
        // Swift's description is Python's repr whenever it is in decimal notation: both are the shortest
        // round-trip digits, and Swift writes decimals only for magnitudes from 1e-4 to below 2^53, inside
        // Python's decimal range (decimal exponent -4 … 15). `PythonFloatReprTests` checks this shortcut
        // against the layout below.
        let description = value.description
        if !UTF8Text.withBytes(description, { $0.contains(0x65) || $0.contains(0x45) }) { return description }
        return laidOut(value)
    }

    /// `repr` laid out from the shortest digits and the decimal exponent.
    static func laidOut(_ value: Double) -> String {
        // Swift's description is the shortest round-trip digit string; re-lay it out the way Python does,
        // on bytes (the text is ASCII).
        let (negative, digits, exponent) = decomposedBytes(value)
        var text: [UInt8] = []
        text.reserveCapacity(digits.count + 8)
        if negative { text.append(0x2D) }
        if exponent < -4 || exponent >= 16 {
            text.append(digits.first ?? 0x30)
            if digits.count > 1 {
                text.append(0x2E)
                text += digits.dropFirst()
            }
            text.append(0x65)
            text.append(exponent < 0 ? 0x2D : 0x2B)
            let magnitude = Swift.abs(exponent)
            if magnitude < 10 { text.append(0x30) }
            text += String(magnitude).utf8
        } else if exponent < 0 {
            text += [0x30, 0x2E]
            text += repeatElement(0x30, count: -exponent - 1)
            text += digits
        } else {
            let integerCount = exponent + 1
            if digits.count <= integerCount {
                text += digits
                text += repeatElement(0x30, count: integerCount - digits.count)
                text += [0x2E, 0x30]
            } else {
                text += digits[..<integerCount]
                text.append(0x2E)
                text += digits[integerCount...]
            }
        }
        return String(decoding: text, as: UTF8.self)
    }

    /// `decompose` with the digits as ASCII bytes, read from the bytes of Swift's description.
    static func decomposedBytes(_ value: Double) -> (negative: Bool, digits: [UInt8], exponent: Int) {
        let negative = value.sign == .minus
        let text = Array("\(Swift.abs(value))".utf8)
        var end = text.count
        var exponent = 0
        if let e = text.firstIndex(where: { $0 == 0x65 || $0 == 0x45 }) {
            exponent = Int(String(decoding: text[(e + 1)...], as: UTF8.self)) ?? 0
            end = e
        }
        var digits: [UInt8] = []
        digits.reserveCapacity(end)
        var integerCount = end
        for index in 0..<end {
            if text[index] == 0x2E {
                integerCount = index
            } else {
                digits.append(text[index])
            }
        }
        var pointPosition = integerCount + exponent
        // Strip leading zeros (0.001 → 1 with the point moved), then trailing ones.
        var first = 0
        while digits.count - first > 1, digits[first] == 0x30 {
            first += 1
            pointPosition -= 1
        }
        var last = digits.count
        while last - first > 1, digits[last - 1] == 0x30 { last -= 1 }
        return (negative, Array(digits[first..<last]), pointPosition - 1)
    }

    /// Splits a finite non-zero double into sign, shortest significant digits and decimal exponent,
    /// so that value = 0.d1d2d3… × 10^(exponent+1).
    static func decompose(_ value: Double) -> (negative: Bool, digits: String, exponent: Int) {
        let negative = value.sign == .minus
        let text = "\(Swift.abs(value))"
        var mantissa = text
        var exponent = 0
        if let eIndex = text.firstIndex(where: { $0 == "e" || $0 == "E" }) {
            mantissa = String(text[..<eIndex])
            exponent = Int(text[text.index(after: eIndex)...]) ?? 0
        }
        var integerPart = mantissa
        var fractionPart = ""
        if let dot = mantissa.firstIndex(of: ".") {
            integerPart = String(mantissa[..<dot])
            fractionPart = String(mantissa[mantissa.index(after: dot)...])
        }
        var digits = integerPart + fractionPart
        var pointPosition = integerPart.count + exponent
        // Strip leading zeros (0.001 → 1 with the point moved).
        while digits.count > 1, digits.first == "0" {
            digits.removeFirst()
            pointPosition -= 1
        }
        while digits.count > 1, digits.last == "0" {
            digits.removeLast()
        }
        return (negative, digits, pointPosition - 1)
    }
}
