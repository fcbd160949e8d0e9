/// What a comparison compares beyond the equivalence rules: the streams it leaves out (their events are
/// counted, never matched), whether the optimizer steps' lr and momentum values are compared, and whether the
/// lr may differ by a constant factor per param group (`--ignore-lr-scale`). The full scope — every stream,
/// every value, exactly — is what a verdict means by "equivalent"; the narrower ones tell the streams apart
/// once one has diverged (`StreamStates`).
public struct ComparisonScope: Sendable, Hashable {
    /// Streams whose events are counted but not compared.
    public var uncompared: Set<ComparedStream>
    /// Whether the optimizer steps' lr and momentum are compared (else only their place and group count).
    public var scheduleValues: Bool
    /// Whether each param group's lr is compared up to a constant factor: new lr = factor × legacy lr, the
    /// factor fixed at the first optimizer step where both are non-zero. Momentum is compared exactly.
    public var ignoreLrScale: Bool

    /// Creates a scope.
    public init(uncompared: Set<ComparedStream> = [], scheduleValues: Bool = true, ignoreLrScale: Bool = false) {
        self.uncompared = uncompared
        self.scheduleValues = scheduleValues
        self.ignoreLrScale = ignoreLrScale
    }

    /// Every stream, every value, exactly.
    public static let full = ComparisonScope()
}
