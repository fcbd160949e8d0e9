/// The numbers of one event (an optimizer step's lr and momentum per group, a score, an EMA momentum),
/// held inline: up to four numbers need no heap allocation, so the runners can emit an event per
/// iteration for a million iterations without allocating. More numbers spill into an array.
public struct TraceValues: Sendable, RandomAccessCollection, Equatable {
    private var inline: (Double, Double, Double, Double) = (0, 0, 0, 0)
    private var spill: [Double] = []
    /// How many numbers.
    public private(set) var count: Int = 0

    /// No numbers.
    @inline(__always) public init() {}

    /// One number.
    @inline(__always) public init(_ value: Double) {
        inline.0 = value
        count = 1
    }

    /// Two numbers.
    @inline(__always) public init(_ first: Double, _ second: Double) {
        inline.0 = first
        inline.1 = second
        count = 2
    }

    /// Any numbers.
    public init<S: Sequence>(_ values: S) where S.Element == Double {
        for value in values { append(value) }
    }

    /// Adds a number at the end.
    @inline(__always) public mutating func append(_ value: Double) {
        switch count {
        case 0: inline.0 = value
        case 1: inline.1 = value
        case 2: inline.2 = value
        case 3: inline.3 = value
        default: spill.append(value)
        }
        count += 1
    }

    public var startIndex: Int { 0 }
    public var endIndex: Int { count }

    public subscript(position: Int) -> Double {
        switch position {
        case 0: return inline.0
        case 1: return inline.1
        case 2: return inline.2
        case 3: return inline.3
        default: return spill[position - 4]
        }
    }

    /// Equal when the counts match and every pair is equal (NaN equals NaN: a missing momentum).
    public static func == (lhs: TraceValues, rhs: TraceValues) -> Bool {
        guard lhs.count == rhs.count else { return false }
        for index in 0..<lhs.count {
            let a = lhs[index]
            let b = rhs[index]
            if a != b && !(a.isNaN && b.isNaN) { return false }
        }
        return true
    }
}
