import HookMigrateCore
import HookMigrateRuntime

/// What a proof (`ConversionProof`) found: the verdict over every epoch length of its plan, each length's own
/// outcome, each stream's state, and what the converted config left out of the legacy one.
public struct ProofResult: Sendable {
    /// One length of the plan and its outcome.
    public struct Run: Sendable {
        /// The length.
        public var length: ProofPlan.Length
        /// Its outcome.
        public var outcome: Validator.Outcome
        /// Its streams' states (`nil` when the runs were not compared).
        public var streams: [StreamState]?
        /// Under `--ignore-lr-scale`: the lr factor of each param group.
        public var lrFactors: [Double?]
    }

    /// The verdict: equivalent when every length of the plan was (with a given L: when it was), not
    /// equivalent when one was not, otherwise not proven.
    public var outcome: Validator.Outcome
    /// The lengths and boundaries.
    public var plan: ProofPlan
    /// Each length's outcome, in plan order (lengths after a not-proven one that no L changes are not run,
    /// nor, unless every stream is explored, lengths after a not-equivalent one).
    public var runs: [Run]
    /// Each stream's state: merged over the runs, or the given L's run when there is one.
    public var streams: [StreamState]
    /// The given L, when its run is equivalent and another length's is not: the conversion is exact only there.
    public var exactOnlyAt: Int?
    /// Legacy schedules and hooks the converted config does not carry (`LeftOut`).
    public var leftOut: [String]
    /// Whether lrs were compared up to a constant factor per param group.
    public var ignoreLrScale: Bool

    /// How a pipeline should take the result (docs/equivalence.md, "Exit status").
    public enum Status: String, Sendable, Equatable {
        /// Proven equivalent (possibly under rules), nothing left out.
        case proven
        /// Proven not equivalent.
        case notEquivalent = "not-equivalent"
        /// The converted config leaves out a legacy schedule or hook: never a success, whatever the runs say.
        case leftOut = "left-out"
        /// Not proven.
        case notProven = "not-proven"
    }

    /// The status: left out before anything else, then the outcome.
    public var status: Status {
        if !leftOut.isEmpty { return .leftOut }
        switch outcome {
        case .equivalent: return .proven
        case .notEquivalent: return .notEquivalent
        case .notProven: return .notProven
        }
    }

    /// Why the plan's lengths after the last run were not run.
    public enum UnrunLengths: Sendable, Equatable {
        /// The last run was not equivalent: the verdict is decided (the proof did not explore every stream).
        case decided
        /// The last run was not proven for a reason no epoch length changes.
        case sameReason
    }

    /// Why the plan's lengths after the last run were not run, or `nil` when every length was.
    public var unrunLengths: UnrunLengths? {
        guard runs.count < plan.lengths.count, let last = runs.last else { return nil }
        if case .notEquivalent = last.outcome { return .decided }
        return .sameReason
    }

    /// `unrunLengths` in words, with the deciding length.
    public var unrunLengthsReason: String? {
        switch unrunLengths {
        case .decided?: return "the verdict was decided at L=\(runs.last?.length.itersPerEpoch ?? 0)"
        case .sameReason?: return "no epoch length changes why"
        case nil: return nil
        }
    }

    /// The lengths whose runs were equivalent.
    public var provenLengths: [Int] {
        runs.compactMap { run in
            if case .equivalent = run.outcome { return run.length.itersPerEpoch }
            return nil
        }
    }

    /// The lr factors found under `--ignore-lr-scale` (new lr / legacy lr per param group), from the first run
    /// that found any.
    public var lrFactors: [Double?] {
        runs.first { $0.lrFactors.contains { $0 != nil } }?.lrFactors ?? []
    }
}
