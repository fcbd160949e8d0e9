/// The first pair of optimizer steps whose values differ beyond the comparison's tolerance.
struct StepDifference: Sendable, Equatable {
    /// The iteration of the legacy run's step.
    var x: Int
    /// The iteration of the new run's step.
    var newX: Int
    /// Which pair (1-based: the n-th optimizer step of each run).
    var pair: Int
    /// The param group.
    var group: Int
    /// How many param groups the steps have.
    var groups: Int
    /// Whether the momentum (else the lr) differs.
    var momentum: Bool
    /// The legacy run's value.
    var legacy: Double
    /// The new run's value.
    var new: Double
    /// `|legacy − new| / |new|`.
    var relative: Double
}
