/// One entry of an evaluation's changing interval (mmdet's and MMEngine's `dynamic_intervals`, mmgen's
/// interval list): from `milestone` on, the interval is `interval`. Each hook says whether `milestone` counts
/// the epochs or iterations done or the one starting.
public struct EvaluationMilestone: Sendable, Hashable {
    /// Where the interval starts.
    public var milestone: Int
    /// The interval from there on.
    public var interval: Int

    /// Creates an entry.
    public init(milestone: Int, interval: Int) {
        self.milestone = milestone
        self.interval = interval
    }
}
