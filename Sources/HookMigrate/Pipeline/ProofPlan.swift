import HookMigrateCore

/// The workloads a proof runs: the epoch lengths L it simulates both configs at, chosen from the two configs
/// (docs/equivalence.md, "Workloads").
///
/// For an epoch-based run: the user's `--iters-per-epoch` when given; L = 1 (every iteration ends an epoch);
/// L = 7, a prime, so that intervals of 2, 5, 10, 50 … fall out of step with the epochs; and, when none of
/// those passes every iteration boundary the configs name (`ProofBoundary`), the shortest L that does. An
/// iteration-based run is as long as its config says whatever L is; L only moves its epoch counters, which
/// the comparison ignores (R3), and whatever the configs count in epochs. When neither config counts anything
/// in epochs, every L gives the same runs, and one is proven (the given one, else 7); otherwise L = 1 and 7
/// as well.
public struct ProofPlan: Sendable, Equatable {
    /// One epoch length and why it is in the plan.
    public struct Length: Sendable, Equatable {
        /// Why a length is proven.
        public enum Reason: String, Sendable, Equatable {
            /// The user's `--iters-per-epoch`.
            case given
            /// L = 1: every iteration is an epoch's last.
            case one
            /// L = 7: a prime, out of step with the usual intervals.
            case prime
            /// The shortest L whose run passes every boundary.
            case reach
            /// The one length of an iteration-based run that nothing counts in epochs.
            case any
            /// The length two recorded traces were made at (`diff-trace A.jsonl B.jsonl`).
            case traced
        }

        /// L, the iterations per epoch.
        public var itersPerEpoch: Int
        /// Why it is proven.
        public var reason: Reason
    }

    /// The lengths, the given one first.
    public var lengths: [Length]
    /// The iteration boundaries the configs name (epoch-based runs only).
    public var boundaries: [ProofBoundary]
    /// The legacy run's epochs, for an epoch-based run.
    public var epochs: Int?
    /// Whether the run is iteration-based.
    public var iterationRun: Bool

    /// The prime in every plan.
    public static let prime = 7

    /// The plan for a legacy config and an MMEngine config; `given` is the user's epoch length.
    public static func make(legacy: ConfigMapping, new: ConfigMapping, given: Int?) -> ProofPlan {
        var lengths: [Length] = []
        func add(_ value: Int, _ reason: Length.Reason) {
            if value > 0, !lengths.contains(where: { $0.itersPerEpoch == value }) { lengths.append(Length(itersPerEpoch: value, reason: reason)) }
        }
        if let given { add(given, .given) }
        let iterationRun = Validator.iterationRun(new) || legacyIterationRun(legacy)
        if iterationRun {
            if countsInEpochs(legacy: legacy, new: new) {
                add(1, .one)
                add(prime, .prime)
            } else if given == nil {
                add(prime, .any)
            }
            return ProofPlan(lengths: lengths, boundaries: [], epochs: nil, iterationRun: true)
        }
        add(1, .one)
        add(prime, .prime)
        let boundaries = ProofBoundary.named(legacy: legacy, new: new)
        let epochs = legacyEpochs(legacy)
        if let epochs, epochs > 0, !boundaries.isEmpty {
            var needed = 1
            for boundary in boundaries {
                // A boundary no count of iterations reaches asks for the longest run there is (refused as too
                // long to simulate: the proof is then "not proven").
                needed = Swift.max(needed, boundary.length(epochs: epochs) ?? Int.max)
            }
            if !lengths.contains(where: { $0.itersPerEpoch >= needed }) { add(needed, .reach) }
        }
        return ProofPlan(lengths: lengths, boundaries: boundaries, epochs: epochs, iterationRun: false)
    }

    /// Whether the legacy config trains by iteration (IterBasedRunner, or a length given only in iterations).
    static func legacyIterationRun(_ legacy: ConfigMapping) -> Bool {
        let runner = legacy["runner"]?.mapping
        let type = runner?["type"]?.scalar?.stringValue
        if type == "IterBasedRunner" || type == "DynamicIterBasedRunner" { return true }
        let iters = ProofBoundary.int(runner?["max_iters"]) ?? ProofBoundary.int(legacy["total_iters"])
        let epochs = ProofBoundary.int(runner?["max_epochs"]) ?? ProofBoundary.int(legacy["total_epochs"])
        return type == nil && iters != nil && epochs == nil
    }

    /// The legacy run's epochs (`runner.max_epochs`, else `total_epochs`).
    static func legacyEpochs(_ legacy: ConfigMapping) -> Int? {
        ProofBoundary.int(legacy["runner"]?.mapping?["max_epochs"]) ?? ProofBoundary.int(legacy["total_epochs"])
    }

    /// Whether an iteration-based run's configs count anything in epochs, which L would then move: a legacy
    /// lr or momentum hook, checkpoint, evaluation or logger hook with `by_epoch=True` written, an MMEngine
    /// scheduler, checkpoint or EMA that is (or defaults to) by epoch, a workflow with several entries. (An
    /// MMCV evaluation hook under IterBasedRunner evaluates by iteration whatever its `by_epoch` says.)
    static func countsInEpochs(legacy: ConfigMapping, new: ConfigMapping) -> Bool {
        for key in ["lr_config", "momentum_config", "checkpoint_config"] where ProofBoundary.bool(legacy[key]?.mapping?["by_epoch"]) == true {
            return true
        }
        if (legacy["log_config"]?.mapping?["hooks"]?.list?.items ?? []).contains(where: { ProofBoundary.bool($0.mapping?["by_epoch"]) == true }) { return true }
        if (legacy["workflow"]?.list?.items.count ?? 0) > 1 { return true }
        if ProofBoundary.hooks(new["param_scheduler"]).contains(where: { ProofBoundary.bool($0["by_epoch"]) != false }) { return true }
        // MMEngine's CheckpointHook is by epoch unless told otherwise, the default one (no `checkpoint` entry) too.
        let checkpoint = new["default_hooks"]?.mapping?["checkpoint"]
        if checkpoint == nil || checkpoint?.mapping.map({ ProofBoundary.bool($0["by_epoch"]) != false }) == true { return true }
        if ProofBoundary.hooks(new["custom_hooks"]).contains(where: { ProofBoundary.int($0["begin_epoch"]).map { $0 > 0 } == true }) { return true }
        return false
    }
}
