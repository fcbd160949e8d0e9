import HookMigrateTestSupport
import Testing
@testable import HookMigrateCore

/// `PythonFloat.repr` on bytes against the character-level version it replaced (kept below as the
/// reference): the same text for special values, round numbers, and many random doubles (random bit
/// patterns and random short decimals, both signs, every exponent range).
@Suite struct PythonFloatReprTests {
    @Test func reprAgreesWithTheCharacterLevelVersion() {
        var values: [Double] = [0, -0.0, .nan, .infinity, -.infinity, 1, -1, 0.1, 1e-05, 0.0001, 1e16, 1.5e16, 123456789012345678,
                                1e15, 9999999999999998, 5e-324, .greatestFiniteMagnitude, 0.00012, 100, 1e-4, 1e-5, 12.5, 2.5e-7]
        // Where Swift's description changes notation (1e-4, 2^53) and Python's does (1e-4, 1e16), and their
        // neighbours: the decimal shortcut must hold on both sides.
        for edge in [1e-4, 0.00009999, 9.999999999999999e-05, 9007199254740992, 4503599627370496.5, 1e16, 9999999999999998, 1e15 + 0.5] {
            for value in [edge, edge.nextUp, edge.nextDown, edge.nextUp.nextUp, edge.nextDown.nextDown] { values += [value, -value] }
        }
        var random = SplitMix(seed: 0xF10A7)
        for _ in 0..<100_000 {
            values.append(Double(bitPattern: random.next()))
            let digits = Double(random.next() % 100_000)
            let exponent = Int(random.next() % 45) - 22
            var decimal = digits
            for _ in 0..<Swift.abs(exponent) { decimal = exponent < 0 ? decimal / 10 : decimal * 10 }
            values.append(random.next() % 2 == 0 ? decimal : -decimal)
        }
        for value in values {
            #expect(PythonFloat.repr(value) == ReferencePythonFloat.repr(value), "\(value)")
        }
    }

    @Test func reprSpellsAsPython() {
        #expect(PythonFloat.repr(1e-05) == "1e-05")
        #expect(PythonFloat.repr(0.0001) == "0.0001")
        #expect(PythonFloat.repr(1e16) == "1e+16")
        #expect(PythonFloat.repr(1.5e16) == "1.5e+16")
        #expect(PythonFloat.repr(1e15) == "1000000000000000.0")
        #expect(PythonFloat.repr(-2.5) == "-2.5")
        #expect(PythonFloat.repr(100) == "100.0")
    }
}

// MARK: - The character-level version, as it was before the byte-level one replaced it.

enum ReferencePythonFloat {
    /// `repr(x)` of a Python float: the shortest text that reads back to the same double, in decimal
    /// notation when the decimal exponent is in -4 … 15 and in `1e-05` / `1.5e+16` notation otherwise;
    /// `nan`, `inf`, `-inf` for the special values.
    static func repr(_ value: Double) -> String {
        if value.isNaN { return "nan" }
        if value.isInfinite { return value < 0 ? "-inf" : "inf" }
        if value == 0 { return value.sign == .minus ? "-0.0" : "0.0" }
        // Swift's description is the shortest round-trip digit string; re-lay it out the way Python does.
        let (negative, digits, exponent) = decompose(value)
        var text = negative ? "-" : ""
        if exponent < -4 || exponent >= 16 {
            text += String(digits.first ?? "0")
            if digits.count > 1 {
                text += "." + digits.dropFirst()
            }
            text += "e" + (exponent < 0 ? "-" : "+")
            let magnitude = String(abs(exponent))
            text += magnitude.count < 2 ? "0" + magnitude : magnitude
        } else if exponent < 0 {
            text += "0." + String(repeating: "0", count: -exponent - 1) + digits
        } else {
            let integerCount = exponent + 1
            if digits.count <= integerCount {
                text += digits + String(repeating: "0", count: integerCount - digits.count) + ".0"
            } else {
                let split = digits.index(digits.startIndex, offsetBy: integerCount)
                text += digits[..<split] + "." + digits[split...]
            }
        }
        return text
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
