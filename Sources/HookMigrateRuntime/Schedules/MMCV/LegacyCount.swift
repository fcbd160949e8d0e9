/// A count that Python keeps as an int or a float (`warmup_iters`): MMCV's lr hook asserts it is an int
/// at every `before_train_iter`.
public struct LegacyCount: Sendable, Hashable {
    /// The value.
    public var value: Double
    /// Whether Python holds it as an int.
    public var isInt: Bool

    /// Creates a count.
    public init(_ value: Double, isInt: Bool) {
        self.value = value
        self.isInt = isInt
    }
}
