/// A run longer than the simulation counts: its length, derived from the config, is more than
/// `RunLengthError.limit` iterations or epochs (events carry 32-bit counters, as traces do,
/// docs/trace-format.md), or does not fit a 64-bit integer at all (`max_epochs` × the epoch length). The
/// runners refuse such a config when they are built, so no run is started that could not be counted.
public struct RunLengthError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The run's length in decimal (it may exceed every integer type: `9223372036854775807` epochs of 10).
    public var length: String
    /// What `length` counts: `iterations` or `epochs`.
    public var unit: String

    /// The most iterations (or epochs) a simulated run may have.
    public static let limit = Int(Int32.max)

    /// Creates the error.
    public init(length: String, unit: String) {
        self.length = length
        self.unit = unit
    }

    public var description: String {
        "too long to simulate (\(length) \(unit); the budget is \(Self.limit) \(unit))"
    }

    /// `epochs × length` iterations, refused beyond the limit (computed without overflow).
    static func iterations(epochs: Int, length: Int) throws -> Int {
        let product = Int128(epochs) * Int128(length)
        guard product <= Int128(limit) else { throw RunLengthError(length: product.description, unit: "iterations") }
        guard epochs <= limit else { throw RunLengthError(length: String(epochs), unit: "epochs") }
        return Int(product)
    }

    /// An iteration count, refused beyond the limit.
    static func iterations(_ count: Int) throws -> Int {
        guard count <= limit else { throw RunLengthError(length: String(count), unit: "iterations") }
        return count
    }
}
