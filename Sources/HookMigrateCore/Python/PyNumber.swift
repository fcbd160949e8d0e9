import Foundation

/// A Python exception (or a limit) raised by an operation that does not know where it is; the
/// evaluator adds the location.
struct PyRaised: Error {
    enum Kind {
        /// A Python exception, e.g. `ZeroDivisionError`.
        case exception(String)
        /// An int result outside 64 bits.
        case numberRange
        /// Something hookmigrate refuses (complex results …).
        case unsupported
        /// A result too large for `ReadLimits`.
        case sizeLimit
        /// Nesting deeper than `ReadLimits.maxDepth`.
        case depthLimit
    }

    var kind: Kind
    var message: String

    init(_ kind: Kind, _ message: String) {
        self.kind = kind
        self.message = message
    }

    static func exception(_ type: String, _ message: String) -> PyRaised {
        PyRaised(.exception(type), message)
    }

    static let overflow = PyRaised(.numberRange, "the integer result")
}

/// Python's arithmetic on ints (64-bit here; a result outside is a `number-range` error) and floats,
/// with CPython's rules: floor division and modulo round toward negative infinity, `/` is always true
/// division, `**` with a negative int exponent gives a float, int/float comparisons are exact.
enum PyNumber {
    static func add(_ a: Int, _ b: Int) throws -> Int {
        let (result, overflow) = a.addingReportingOverflow(b)
        if overflow { throw PyRaised.overflow }
        return result
    }

    static func subtract(_ a: Int, _ b: Int) throws -> Int {
        let (result, overflow) = a.subtractingReportingOverflow(b)
        if overflow { throw PyRaised.overflow }
        return result
    }

    static func multiply(_ a: Int, _ b: Int) throws -> Int {
        let (result, overflow) = a.multipliedReportingOverflow(by: b)
        if overflow { throw PyRaised.overflow }
        return result
    }

    static func negate(_ a: Int) throws -> Int {
        if a == Int.min { throw PyRaised.overflow }
        return -a
    }

    /// `a // b` on ints.
    static func floorDivide(_ a: Int, _ b: Int) throws -> Int {
        if b == 0 { throw PyRaised.exception("ZeroDivisionError", "integer division or modulo by zero") }
        if a == Int.min, b == -1 { throw PyRaised.overflow }
        let quotient = a / b
        if (a % b != 0) && ((a < 0) != (b < 0)) { return quotient - 1 }
        return quotient
    }

    /// `a % b` on ints: the sign of the divisor.
    static func modulo(_ a: Int, _ b: Int) throws -> Int {
        if b == 0 { throw PyRaised.exception("ZeroDivisionError", "integer division or modulo by zero") }
        if b == -1 { return 0 }
        let remainder = a % b
        if remainder != 0, (remainder < 0) != (b < 0) { return remainder + b }
        return remainder
    }

    /// `a / b` on ints: the correctly rounded quotient, as CPython's `long_true_divide`.
    static func trueDivide(_ a: Int, _ b: Int) throws -> Double {
        if b == 0 { throw PyRaised.exception("ZeroDivisionError", "division by zero") }
        let limit = 1 << 53
        if a.magnitude <= UInt(limit), b.magnitude <= UInt(limit) {
            return Double(a) / Double(b)
        }
        let negative = (a < 0) != (b < 0)
        let numerator = UInt64(a.magnitude)
        let denominator = UInt64(b.magnitude)
        if numerator == 0 { return negative ? -0.0 : 0.0 }
        let numeratorBits = 64 - numerator.leadingZeroBitCount
        let denominatorBits = 64 - denominator.leadingZeroBitCount
        // Scale so that the quotient has 55 or 56 bits, keeping whether anything was left over.
        let shift = 55 - (numeratorBits - denominatorBits)
        var quotient: UInt64
        var sticky: Bool
        if shift >= 0 {
            let high = shift == 0 ? 0 : (shift >= 64 ? numerator << (shift - 64) : numerator >> (64 - shift))
            let low = shift >= 64 ? 0 : numerator << shift
            let (q, r) = denominator.dividingFullWidth((high: high, low: low))
            quotient = q
            sticky = r != 0
        } else {
            let scaled = denominator << UInt64(-shift)
            quotient = numerator / scaled
            sticky = numerator % scaled != 0
        }
        let quotientBits = 64 - quotient.leadingZeroBitCount
        let dropped = quotientBits - 53
        var exponentAdjust = -shift
        if dropped > 0 {
            let mask: UInt64 = (1 << UInt64(dropped)) - 1
            let rest = quotient & mask
            let half: UInt64 = 1 << UInt64(dropped - 1)
            quotient >>= UInt64(dropped)
            exponentAdjust += dropped
            if rest > half || (rest == half && (sticky || quotient & 1 == 1)) {
                quotient += 1
            }
        }
        let magnitude = Double(quotient) * pow(2.0, Double(exponentAdjust))
        return negative ? -magnitude : magnitude
    }

    /// `a // b` on floats (CPython's `float_floor_div`).
    static func floorDivide(_ a: Double, _ b: Double) throws -> Double {
        if b == 0 { throw PyRaised.exception("ZeroDivisionError", "float divmod()") }
        return divmod(a, b).quotient
    }

    /// `a % b` on floats (CPython's `float_rem`).
    static func modulo(_ a: Double, _ b: Double) throws -> Double {
        if b == 0 { throw PyRaised.exception("ZeroDivisionError", "float modulo") }
        var mod = fmod(a, b)
        if mod != 0 {
            if (b < 0) != (mod < 0) { mod += b }
        } else {
            mod = copysign(0.0, b)
        }
        return mod
    }

    /// CPython's `float_divmod` for a non-zero divisor.
    static func divmod(_ a: Double, _ b: Double) -> (quotient: Double, remainder: Double) {
        var mod = fmod(a, b)
        var div = (a - mod) / b
        if mod != 0 {
            if (b < 0) != (mod < 0) {
                mod += b
                div -= 1.0
            }
        } else {
            mod = copysign(0.0, b)
        }
        var floorDiv: Double
        if div != 0 {
            floorDiv = floor(div)
            if div - floorDiv > 0.5 { floorDiv += 1.0 }
        } else {
            floorDiv = copysign(0.0, a / b)
        }
        return (floorDiv, mod)
    }

    /// `a / b` on floats.
    static func trueDivide(_ a: Double, _ b: Double) throws -> Double {
        if b == 0 { throw PyRaised.exception("ZeroDivisionError", "float division by zero") }
        return a / b
    }

    /// `a ** b` on ints with `b` ≥ 0.
    static func power(_ base: Int, _ exponent: Int) throws -> Int {
        var result = 1
        var factor = base
        var remaining = exponent
        while remaining > 0 {
            if remaining & 1 == 1 { result = try multiply(result, factor) }
            remaining >>= 1
            if remaining > 0 { factor = try multiply(factor, factor) }
        }
        return result
    }

    /// `a ** b` on floats (CPython's `float_pow`).
    static func power(_ a: Double, _ b: Double) throws -> Double {
        if b == 0 { return 1.0 }
        if a.isNaN { return a }
        if b.isNaN { return a == 1.0 ? 1.0 : b }
        if b.isInfinite {
            let magnitude = Swift.abs(a)
            if magnitude == 1.0 { return 1.0 }
            return (b > 0) == (magnitude > 1.0) ? Swift.abs(b) : 0.0
        }
        let exponentIsOddInteger = b == b.rounded(.towardZero) && fmod(Swift.abs(b), 2.0) == 1.0
        if a.isInfinite {
            if a > 0 { return b > 0 ? a : 0.0 }
            return b > 0 ? (exponentIsOddInteger ? a : -a) : (exponentIsOddInteger ? -0.0 : 0.0)
        }
        if a == 0 {
            if b < 0 {
                throw PyRaised.exception("ZeroDivisionError", "0.0 cannot be raised to a negative power")
            }
            return exponentIsOddInteger ? a : 0.0
        }
        var base = a
        var negateResult = false
        if base < 0 {
            if b != b.rounded(.down) {
                throw PyRaised(.unsupported, "a negative number raised to a fractional power is a complex number, which a config cannot hold")
            }
            base = -base
            negateResult = exponentIsOddInteger
        }
        if base == 1.0 { return negateResult ? -1.0 : 1.0 }
        let result = pow(base, b)
        if result.isInfinite {
            throw PyRaised.exception("OverflowError", "(34, 'Numerical result out of range')")
        }
        return negateResult ? -result : result
    }

    /// An int as a float (exact for ints within 2^53, correctly rounded beyond).
    static func float(_ value: Int) -> Double { Double(value) }

    /// Compares an int with a float exactly, as Python does; `nil` when the float is NaN.
    static func compare(_ integer: Int, _ number: Double) -> Int? {
        if number.isNaN { return nil }
        if number.isInfinite { return number > 0 ? -1 : 1 }
        if number >= 9_223_372_036_854_775_808.0 { return -1 }
        if number < -9_223_372_036_854_775_808.0 { return 1 }
        let floorValue = number.rounded(.down)
        guard let floorInt = Int(exactly: floorValue) else { return nil }
        if integer < floorInt { return -1 }
        if integer > floorInt { return 1 }
        return floorValue == number ? 0 : -1
    }

    /// A float truncated to an int (`int(x)`).
    static func truncate(_ value: Double) throws -> Int {
        if value.isNaN { throw PyRaised.exception("ValueError", "cannot convert float NaN to integer") }
        if value.isInfinite { throw PyRaised.exception("OverflowError", "cannot convert float infinity to integer") }
        guard let result = Int(exactly: value.rounded(.towardZero)) else { throw PyRaised.overflow }
        return result
    }

    /// `round(x)` on a float: half to even, to an int.
    static func roundToInt(_ value: Double) throws -> Int {
        if value.isNaN { throw PyRaised.exception("ValueError", "cannot convert float NaN to integer") }
        if value.isInfinite { throw PyRaised.exception("OverflowError", "cannot convert float infinity to integer") }
        guard let result = Int(exactly: value.rounded(.toNearestOrEven)) else { throw PyRaised.overflow }
        return result
    }

    /// `round(x, n)` on a float: the exact value rounded half to even at the n-th decimal place, read
    /// back as the nearest double (CPython's `double_round`).
    static func round(_ value: Double, places: Int) throws -> Double {
        if !value.isFinite || value == 0 { return value }
        // CPython: beyond these bounds the result is x itself or a signed zero.
        if places > 323 { return value }
        if places < -308 { return 0.0 * value }
        let rounded = PyDecimal(exactly: value).roundedToPlaces(places)
        if rounded.isZero { return value < 0 ? -0.0 : 0.0 }
        let text = (value < 0 ? "-0." : "0.") + rounded.digitText + "e" + String(rounded.exponent)
        guard let result = Double(text) else { return value }
        if result.isInfinite {
            throw PyRaised.exception("OverflowError", "rounded value too large to represent")
        }
        return result
    }

    /// `round(n, places)` on an int: `n` itself for `places` ≥ 0, else half to even at that power of
    /// ten (CPython's `long_round`).
    static func round(_ value: Int, places: Int) throws -> Int {
        if places >= 0 { return value }
        if places < -19 { return 0 }
        if places == -19 {
            // 10**19 is beyond 64 bits: the result is 0 unless |n| is over half of it.
            if value.magnitude > 5_000_000_000_000_000_000 { throw PyRaised.overflow }
            return 0
        }
        var power = 1
        for _ in 0..<(-places) { power *= 10 }
        var quotient = value / power
        var remainder = value % power
        if remainder < 0 {
            remainder += power
            quotient -= 1
        }
        let twice = remainder.multipliedReportingOverflow(by: 2)
        if twice.overflow || twice.partialValue > power || (twice.partialValue == power && quotient & 1 == 1) { quotient += 1 }
        return try multiply(quotient, power)
    }
}
