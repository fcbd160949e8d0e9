import Foundation

/// The few Python float and int semantics the schedule formulas depend on, so the simulated values are
/// the ones CPython computes (both MMCV 1.7.2 and MMEngine 0.10.7 compute in Python floats).
///
/// - `/` by zero raises `ZeroDivisionError` (never `inf`);
/// - `x ** y` is C `pow`, but `0.0 ** negative` raises `ZeroDivisionError`, a negative base with a
///   non-integral exponent gives a complex number (reported as an error: torch rejects a complex lr), and a
///   finite result that overflows raises `OverflowError`;
/// - `%` and `//` take the sign of the divisor;
/// - `round(x)` rounds half to even (used by MMCV `FlatCosineAnnealingLrUpdaterHook`: 2.5 → 2);
/// - `str.title()` (MMCV's policy-name rule, `mmcv/runner/base_runner.py` `register_lr_hook`).
enum PyFloat {
    /// Python `a / b` for floats.
    @inline(__always)
    static func div(_ a: Double, _ b: Double) throws -> Double {
        guard b != 0 else { throw ScheduleRuntimeError(.zeroDivisionError, "float division by zero") }
        return a / b
    }

    /// Python `a ** b` for floats.
    @inline(__always)
    static func pow(_ a: Double, _ b: Double) throws -> Double {
        if b == 0 { return 1 }
        if a == 0 && b < 0 {
            throw ScheduleRuntimeError(.zeroDivisionError, "0.0 cannot be raised to a negative power")
        }
        if a < 0 && a.isFinite && b.isFinite && b.rounded(.towardZero) != b {
            throw ScheduleRuntimeError(.typeError, "\(a) ** \(b) is a complex number in Python; an optimizer cannot use it")
        }
        let result = Foundation.pow(a, b)
        if result.isInfinite && a.isFinite && b.isFinite {
            throw ScheduleRuntimeError(.overflowError, "(34, 'Numerical result out of range') computing \(a) ** \(b)")
        }
        return result
    }

    /// Python `a % b` for floats (result has the sign of `b`).
    static func mod(_ a: Double, _ b: Double) throws -> Double {
        guard b != 0 else { throw ScheduleRuntimeError(.zeroDivisionError, "float modulo") }
        var remainder = fmod(a, b)
        if remainder != 0 && ((remainder < 0) != (b < 0)) { remainder += b }
        return remainder
    }

    /// Python `a // b` for floats (CPython's `float_floor_div`: floor of the exact quotient).
    static func floorDiv(_ a: Double, _ b: Double) throws -> Double {
        guard b != 0 else { throw ScheduleRuntimeError(.zeroDivisionError, "float floor division by zero") }
        let remainder = fmod(a, b)
        var quotient = (a - remainder) / b
        if remainder != 0 && ((b < 0) != (remainder < 0)) { quotient -= 1 }
        guard quotient != 0 else { return copysign(0.0, a / b) }
        var floored = quotient.rounded(.down)
        if quotient - floored > 0.5 { floored += 1 }
        return floored
    }

    /// Python `a // b` for ints (floor division).
    static func floorDiv(_ a: Int, _ b: Int) throws -> Int {
        guard b != 0 else { throw ScheduleRuntimeError(.zeroDivisionError, "integer division or modulo by zero") }
        let quotient = a / b
        return (a % b != 0 && ((a < 0) != (b < 0))) ? quotient - 1 : quotient
    }

    /// Python `a % b` for ints.
    static func intMod(_ a: Int, _ b: Int) throws -> Int {
        let quotient = try floorDiv(a, b)
        return a - quotient * b
    }

    /// Python `round(x)` for a float: nearest int, ties to even; `nil` for NaN or infinity (Python raises).
    static func round(_ x: Double) -> Double? {
        guard x.isFinite else { return nil }
        return x.rounded(.toNearestOrEven)
    }

    /// Python `int(x)` for a float: truncation toward zero.
    static func truncate(_ x: Double) -> Double { x.rounded(.towardZero) }

    /// Python `str.title()`: a cased letter is upper-cased when the character before it is not cased,
    /// lower-cased otherwise.
    static func title(_ text: String) -> String {
        var result = ""
        var previousCased = false
        for character in text {
            let isCased = character.isUppercase || character.isLowercase
            if isCased {
                result += previousCased ? character.lowercased() : character.uppercased()
            } else {
                result.append(character)
            }
            previousCased = isCased
        }
        return result
    }

    /// Whether a string equals its own `lower()` (MMCV title-cases a policy name only then).
    static func isAllLowercase(_ text: String) -> Bool { text == text.lowercased() }
}
