import HookMigrateRuntime

/// The one run of a proof a picture draws. A proof runs at several epoch lengths (docs/equivalence.md); a
/// picture shares one iteration axis, so it draws the run that says the most: the length a conversion is
/// exact only at (the given one, whose verdict counts), else the first length whose runs are not equivalent
/// (the divergence is on it), else the length chosen to pass every boundary the configs name (every warmup
/// end, milestone and interval is on it), else the longest run.
public struct PlottedRun: Sendable, Equatable {
    /// The epoch length drawn.
    public var itersPerEpoch: Int
    /// That run's outcome; `nil` when there was no proof.
    public var outcome: Validator.Outcome?

    /// The run to draw for `proof`; without a proof, the given epoch length (or 10) and no outcome.
    public init(_ proof: ProofResult?, given itersPerEpoch: Int?) {
        let runs = proof?.runs ?? []
        let diverging = runs.first { if case .notEquivalent = $0.outcome { return true } else { return false } }
        let reaching = runs.first { $0.length.reason == .reach }
        let exact = proof?.exactOnlyAt.flatMap { length in runs.first { $0.length.itersPerEpoch == length } }
        if let run = exact ?? diverging ?? reaching ?? runs.max(by: { $0.length.itersPerEpoch < $1.length.itersPerEpoch }) {
            self.itersPerEpoch = run.length.itersPerEpoch
            self.outcome = run.outcome
        } else {
            self.itersPerEpoch = itersPerEpoch ?? 10
            self.outcome = proof?.outcome
        }
    }
}
