/// The lowest and highest of a set of finite numbers.
struct ValueRange: Sendable, Equatable {
    /// The lowest; +∞ while empty.
    var low = Double.infinity
    /// The highest; −∞ while empty.
    var high = -Double.infinity

    /// Whether no number was included.
    var isEmpty: Bool { low > high }

    /// Includes a finite number.
    mutating func include(_ value: Double) {
        guard value.isFinite else { return }
        if value < low { low = value }
        if value > high { high = value }
    }

    /// Includes another range.
    mutating func include(_ other: ValueRange) {
        guard !other.isEmpty else { return }
        include(other.low)
        include(other.high)
    }
}
