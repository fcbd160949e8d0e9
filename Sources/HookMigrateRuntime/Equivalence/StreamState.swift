/// How one stream of a proof compared (docs/equivalence.md, "Stream states"): what a hand migration that
/// changed the lr on purpose and one that broke the warmup have in common, and what tells them apart.
public struct StreamState: Sendable, Equatable {
    /// The state.
    public enum Status: String, Sendable, Equatable, Comparable {
        /// Every event matched with no rule applied (or neither run has any).
        case equal
        /// Every event matched once the named rules were applied.
        case equalUnderRules = "equal under rules"
        /// Not compared, and why (`detail`).
        case notCompared = "not compared"
        /// The stream diverged (`divergence`).
        case differs

        /// Worse states sort later: equal < equal under rules < not compared < differs.
        var rank: Int {
            switch self {
            case .equal: return 0
            case .equalUnderRules: return 1
            case .notCompared: return 2
            case .differs: return 3
            }
        }

        public static func < (lhs: Status, rhs: Status) -> Bool { lhs.rank < rhs.rank }
    }

    /// The stream.
    public var stream: ComparedStream
    /// Its state.
    public var status: Status
    /// The rules applied to its events, with how often.
    public var rules: [EquivalenceRule: Int]
    /// What a reader needs beyond the state: why it was not compared, what differs, "none in either run".
    public var detail: String?
    /// The stream's first divergence, when it differs.
    public var divergence: TraceDiff.Divergence?

    /// Creates a state.
    public init(stream: ComparedStream, status: Status, rules: [EquivalenceRule: Int] = [:], detail: String? = nil,
                divergence: TraceDiff.Divergence? = nil) {
        self.stream = stream
        self.status = status
        self.rules = rules
        self.detail = detail
        self.divergence = divergence
    }
}

extension EquivalenceRule {
    /// The stream whose comparison the rule serves (R3's counters are the schedule's; R13's workflow val
    /// epochs are dropped from it).
    public var stream: ComparedStream {
        switch self {
        case .r1, .r3, .r13: return .schedule
        case .r2, .r4: return .evaluations
        case .r6, .r7: return .checkpoints
        case .r8: return .best
        case .r9: return .logs
        case .r10: return .ema
        case .r11: return .other
        }
    }
}
