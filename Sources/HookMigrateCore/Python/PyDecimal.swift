/// The exact decimal expansion of a double, and correct rounding of it: what CPython's `_Py_dg_dtoa`
/// gives for `round(x, n)` and for the `f`, `e`, `g` and `%` format types (round half to even on the
/// exact binary value, so `round(2.675, 2)` is `2.67` and `'%.2f' % 0.125` is `'0.12'`).
struct PyDecimal: Equatable {
    /// Significant digits, most significant first, without leading zeros (empty for zero).
    var digits: [UInt8]
    /// The value is `0.d1d2d3… × 10^exponent`.
    var exponent: Int

    /// The exact value of the magnitude of a finite double (zero for infinities and NaN, which callers
    /// handle first).
    init(exactly signed: Double) {
        let value = Swift.abs(signed)
        if value == 0 || !value.isFinite {
            digits = []
            exponent = 0
            return
        }
        var significand = value.significandBitPattern
        var binaryExponent = Int(value.exponentBitPattern)
        if binaryExponent == 0 {
            binaryExponent = 1  // subnormal
        } else {
            significand |= 1 << 52
        }
        binaryExponent -= 1075  // value = significand × 2^binaryExponent
        var number = PyBigNatural(significand)
        var pointFromRight = 0
        if binaryExponent >= 0 {
            number.shiftLeft(binaryExponent)
        } else {
            // m × 2^-k = m × 5^k / 10^k
            var remaining = -binaryExponent
            pointFromRight = remaining
            while remaining > 0 {
                let step = min(remaining, 13)
                var factor: UInt32 = 1
                for _ in 0..<step { factor *= 5 }
                number.multiply(by: factor)
                remaining -= step
            }
        }
        var text = number.decimalDigits()
        // Strip trailing zeros (they carry no information once the exponent is known).
        var trailing = 0
        while text.count - trailing > 1, text[text.count - 1 - trailing] == 0 { trailing += 1 }
        let integerDigits = text.count - pointFromRight
        text.removeLast(trailing)
        var leading = 0
        while leading < text.count - 1, text[leading] == 0 { leading += 1 }
        digits = Array(text[leading...])
        exponent = integerDigits - leading
    }

    init(digits: [UInt8], exponent: Int) {
        self.digits = digits
        self.exponent = exponent
    }

    /// Rounded (half to even) to `count` significant digits (`count` ≥ 1); trailing zeros kept so the
    /// result has exactly `count` digits, unless the value is zero.
    func roundedToSignificant(_ count: Int) -> PyDecimal {
        rounded(keeping: count)
    }

    /// Rounded (half to even) to `places` digits after the decimal point (negative: before it).
    func roundedToPlaces(_ places: Int) -> PyDecimal {
        rounded(keeping: exponent + places)
    }

    /// Keeps the first `keep` digits, rounding half to even on the dropped ones. `keep` ≤ 0 rounds at
    /// a place above the first digit: to zero, or to one unit of that place.
    private func rounded(keeping keep: Int) -> PyDecimal {
        if digits.isEmpty { return self }
        if keep >= digits.count {
            return PyDecimal(digits: digits + Array(repeating: 0, count: keep - digits.count), exponent: exponent)
        }
        if keep < 0 { return PyDecimal(digits: [], exponent: 0) }
        var kept = Array(digits[0..<keep])
        let next = digits[keep]
        let restNonZero = digits[(keep + 1)...].contains { $0 != 0 }
        let lastOdd = kept.last.map { $0 % 2 == 1 } ?? false
        guard next > 5 || (next == 5 && (restNonZero || lastOdd)) else {
            return kept.contains { $0 != 0 } ? PyDecimal(digits: kept, exponent: exponent) : PyDecimal(digits: [], exponent: 0)
        }
        var position = kept.count - 1
        while position >= 0, kept[position] == 9 {
            kept[position] = 0
            position -= 1
        }
        if position >= 0 {
            kept[position] += 1
            return PyDecimal(digits: kept, exponent: exponent)
        }
        // 0.99…9 rounded up: 0.10…0 one place higher, still `keep` digits (one digit when keep is 0).
        var carried: [UInt8] = [1]
        if keep > 1 { carried += Array(repeating: 0, count: keep - 1) }
        return PyDecimal(digits: carried, exponent: exponent + 1)
    }

    /// The digit at a position (0 is the first significant digit); zero outside the digits.
    func digit(_ position: Int) -> UInt8 {
        position >= 0 && position < digits.count ? digits[position] : 0
    }

    /// Whether the value is zero.
    var isZero: Bool { digits.allSatisfy { $0 == 0 } }

    /// The digits as text ("0" for zero).
    var digitText: String {
        digits.isEmpty ? "0" : String(digits.map { Character(Unicode.Scalar($0 + 48)) })
    }
}

/// A natural number of any size, just big enough for `PyDecimal` (multiply by small factors, shift,
/// print in decimal).
struct PyBigNatural {
    /// 32-bit limbs, least significant first.
    private var limbs: [UInt32]

    init(_ value: UInt64) {
        limbs = [UInt32(truncatingIfNeeded: value), UInt32(truncatingIfNeeded: value >> 32)]
        trim()
    }

    private mutating func trim() {
        while limbs.count > 1, limbs.last == 0 { limbs.removeLast() }
    }

    mutating func multiply(by factor: UInt32) {
        var carry: UInt64 = 0
        for index in limbs.indices {
            let product = UInt64(limbs[index]) * UInt64(factor) + carry
            limbs[index] = UInt32(truncatingIfNeeded: product)
            carry = product >> 32
        }
        if carry > 0 { limbs.append(UInt32(carry)) }
    }

    mutating func shiftLeft(_ bits: Int) {
        let whole = bits / 32
        let part = bits % 32
        if part > 0 {
            var carry: UInt32 = 0
            for index in limbs.indices {
                let limb = limbs[index]
                limbs[index] = (limb << UInt32(part)) | carry
                carry = limb >> UInt32(32 - part)
            }
            if carry > 0 { limbs.append(carry) }
        }
        if whole > 0 { limbs.insert(contentsOf: Array(repeating: 0, count: whole), at: 0) }
    }

    /// Decimal digits, most significant first (`[0]` for zero).
    func decimalDigits() -> [UInt8] {
        var work = limbs
        var chunks: [UInt32] = []
        let base: UInt64 = 1_000_000_000
        while !(work.count == 1 && work[0] == 0) && !work.isEmpty {
            var remainder: UInt64 = 0
            for index in stride(from: work.count - 1, through: 0, by: -1) {
                let current = (remainder << 32) | UInt64(work[index])
                work[index] = UInt32(current / base)
                remainder = current % base
            }
            chunks.append(UInt32(remainder))
            while work.count > 1, work.last == 0 { work.removeLast() }
        }
        if chunks.isEmpty { return [0] }
        var digits: [UInt8] = []
        for (position, chunk) in chunks.reversed().enumerated() {
            var piece: [UInt8] = []
            var value = chunk
            for _ in 0..<9 {
                piece.append(UInt8(value % 10))
                value /= 10
            }
            piece.reverse()
            if position == 0 {
                while piece.count > 1, piece.first == 0 { piece.removeFirst() }
            }
            digits += piece
        }
        return digits
    }
}
