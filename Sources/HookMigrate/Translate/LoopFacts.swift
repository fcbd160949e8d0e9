/// What the legacy runner is: its type and length. Computed first (by the `runner` rule) because the
/// schedule, checkpoint, evaluation and logger rules all depend on it.
public struct LoopFacts: Sendable, Equatable {
    /// The two legacy runner kinds.
    public enum Kind: String, Sendable, Equatable {
        /// `EpochBasedRunner` (and its deprecated alias `Runner`).
        case epoch
        /// `IterBasedRunner`.
        case iteration
    }

    /// Epoch- or iteration-based.
    public var kind: Kind
    /// E, for an epoch runner.
    public var maxEpochs: Int?
    /// N, for an iteration runner.
    public var maxIters: Int?

    /// Creates loop facts.
    public init(kind: Kind, maxEpochs: Int? = nil, maxIters: Int? = nil) {
        self.kind = kind
        self.maxEpochs = maxEpochs
        self.maxIters = maxIters
    }

    /// Whether the legacy runner was epoch-based.
    public var isEpochBased: Bool { kind == .epoch }
}
