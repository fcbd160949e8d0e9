import Foundation

/// Number formatting for plots, independent of locale and platform: coordinates with one decimal, tick
/// labels built from integers (a tick is `n × 10^e`), never from a formatted floating-point number.
enum PlotFormat {
    /// Exact powers of ten (every one of these literals is exactly representable up to 10^22).
    static let powersOfTen: [Double] = [1e0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11, 1e12, 1e13, 1e14, 1e15,
                                        1e16, 1e17, 1e18, 1e19, 1e20, 1e21, 1e22]

    /// `n × 10^e` as a double, correctly rounded (one exact multiplication or division).
    static func value(_ n: Int, exponent e: Int) -> Double {
        let magnitude = powersOfTen[min(abs(e), powersOfTen.count - 1)]
        return e >= 0 ? Double(n) * magnitude : Double(n) / magnitude
    }

    /// A coordinate with at most one decimal (`12.5`, `300`, `-0.5`). Non-finite values print as 0.
    static func coordinate(_ value: Double) -> String {
        guard value.isFinite, abs(value) < 1e12 else { return "0" }
        let tenths = Int((value * 10).rounded())
        let sign = tenths < 0 ? "-" : ""
        let magnitude = abs(tenths)
        let whole = magnitude / 10
        let fraction = magnitude % 10
        return fraction == 0 ? sign + String(whole) : sign + String(whole) + "." + String(fraction)
    }

    /// `n × 10^e` written out: plain decimals from 10^-5 to 10^6 (`0.0025`, `150000`), else scientific
    /// (`2.5e-7`, `1e9`).
    static func decimal(_ n: Int, exponent e: Int) -> String {
        if n == 0 { return "0" }
        var mantissa = abs(n)
        var exponent = e
        while mantissa % 10 == 0 {
            mantissa /= 10
            exponent += 1
        }
        let sign = n < 0 ? "-" : ""
        let digits = String(mantissa)
        let magnitude = exponent + digits.count - 1
        if magnitude >= -5 && magnitude <= 6 {
            if exponent >= 0 { return sign + digits + String(repeating: "0", count: exponent) }
            let point = digits.count + exponent
            if point > 0 {
                return sign + String(digits.prefix(point)) + "." + String(digits.dropFirst(point))
            }
            return sign + "0." + String(repeating: "0", count: -point) + digits
        }
        let head = String(digits.prefix(1))
        let tail = digits.dropFirst()
        return sign + head + (tail.isEmpty ? "" : "." + tail) + "e" + String(magnitude)
    }

    /// An iteration count for an axis: `120`, `2500`, `20k`, `1.5M`.
    static func iterations(_ n: Int) -> String {
        if n >= 1_000_000, n % 100_000 == 0 { return decimal(n / 100_000, exponent: -1) + "M" }
        if n >= 10_000, n % 1_000 == 0 { return String(n / 1_000) + "k" }
        return String(n)
    }

    /// A number of the runs (an lr, a score) as Swift prints it: the shortest text that reads back as the same
    /// double (`0.02`, `2e-05`), the same on every platform.
    static func number(_ value: Double) -> String {
        if value.isNaN { return "none" }
        if value.isInfinite { return value > 0 ? "∞" : "-∞" }
        return "\(value)"
    }

    /// Two values with the fewest significant digits (at least 4, at most 15) that tell them apart, so that a
    /// sentence naming both stays short: `1.15958e-6` and `1.15959e-6`, not seventeen digits each. Values
    /// that no 15 digits separate are written in full.
    static func distinct(_ a: Double, _ b: Double) -> (String, String) {
        guard a.isFinite, b.isFinite, a != 0 || b != 0 else { return (number(a), number(b)) }
        for digits in 4...15 {
            let (x, y) = (significant(a, digits: digits), significant(b, digits: digits))
            if x != y || a == b { return (x, y) }
        }
        return (number(a), number(b))
    }

    /// A finite value rounded to `digits` significant digits, written by `decimal`.
    static func significant(_ value: Double, digits: Int) -> String {
        if value == 0 { return "0" }
        var exponent = Int(log10(abs(value)).rounded(.down)) - digits + 1
        var mantissa = (value / PlotFormat.value(1, exponent: exponent)).rounded()
        if abs(mantissa) >= PlotFormat.value(1, exponent: digits) {
            mantissa = (mantissa / 10).rounded()
            exponent += 1
        }
        var n = Int(mantissa)
        while n != 0, n % 10 == 0 {
            n /= 10
            exponent += 1
        }
        return decimal(n, exponent: exponent)
    }

    /// A relative difference as a percentage (to a tenth) from 0.1%, else with three significant digits:
    /// `4.7%`, `400%`, `3.52e-5`.
    static func relative(_ value: Double) -> String {
        if value.isNaN { return "none" }
        if value.isInfinite { return "∞" }
        if value >= 1e-3 {
            let tenths = Int(min(value * 1000, 1e15).rounded())
            return decimal(tenths, exponent: -1) + "%"
        }
        if value <= 0 { return "0" }
        var exponent = Int(log10(value).rounded(.down))
        var mantissa = Int((value / PlotFormat.value(1, exponent: exponent - 2)).rounded())
        if mantissa >= 1000 {
            mantissa = (mantissa + 5) / 10
            exponent += 1
        }
        while mantissa > 0, mantissa % 10 == 0, mantissa >= 10 { mantissa /= 10 }
        let digits = String(mantissa)
        let head = String(digits.prefix(1))
        let tail = digits.dropFirst()
        return head + (tail.isEmpty ? "" : "." + tail) + "e" + String(exponent)
    }
}
