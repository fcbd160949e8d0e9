/// Whole comparisons remembered across proofs in one process.
///
/// The configs of a model zoo differ in their models and data far more than in what the simulators run: in
/// the four `.py` trees of the corpus, 4,005 comparisons hold 577 distinct pairs of runners. The comparison
/// of two simulated runners (`TraceEquivalence.compare(legacy:new:iterationRun:)`) is a pure function of the
/// two runners, the comparison's settings and whether the run is by iteration, so a second proof of the same
/// pair takes the first one's verdict, work count included.
///
/// The key is the runners' whole state: `LegacyRunner.ProofKey` and `ModernRunner.ProofKey` hold every
/// stored property of their runner under its own name (`ProofMemoTests` checks that no property is left
/// out), and every type they hold compares all of its own (synthesized `Hashable`). A runner whose
/// lr/momentum hook or scheduler set is not `Hashable` has no key and is never remembered; neither is a
/// comparison that throws (a budget exceeded, a run too long).
enum ProofMemo {
    struct Key: Hashable, @unchecked Sendable {
        let legacy: LegacyRunner.ProofKey
        let new: ModernRunner.ProofKey
        let comparison: TraceEquivalence
        let iterationRun: Bool
    }

    /// The process's table: at most 4,096 verdicts.
    static let shared = OutcomeMemo<Key, EquivalenceVerdict>(capacity: 1 << 12)
}

extension LegacyRunner {
    /// Every stored property of the runner, under the same names: two runners with equal keys run alike.
    /// The param hooks are kept as their `proofIdentity`.
    struct ProofKey: Hashable, @unchecked Sendable {
        let settings: SimulationSettings
        let epochRunner: Bool
        let maxEpochs: Int?
        let maxIters: Int
        let workflowHasVal: Bool
        let workflow: [WorkflowEntry]
        let hooks: [LegacyHook]
        let lrHook: AnyHashable?
        let momentumHook: AnyHashable?
        let groups: [ParamGroup]
    }

    /// The runner as a key, or `nil` when a param hook it holds is not `Hashable`.
    var proofKey: ProofKey? {
        var identities: [AnyHashable?] = []
        for hook in [lrHook, momentumHook] {
            guard let hook else { identities.append(nil); continue }
            guard let identity = hook.proofIdentity else { return nil }
            identities.append(identity)
        }
        return ProofKey(settings: settings, epochRunner: epochRunner, maxEpochs: maxEpochs, maxIters: maxIters,
                        workflowHasVal: workflowHasVal, workflow: workflow, hooks: hooks,
                        lrHook: identities[0], momentumHook: identities[1], groups: groups)
    }
}

extension ModernRunner {
    /// Every stored property of the runner, under the same names: two runners with equal keys run alike.
    /// The scheduler set is kept as its `proofIdentity`.
    struct ProofKey: Hashable, @unchecked Sendable {
        let settings: SimulationSettings
        let loop: ModernLoopFacts
        let valBegin: Int
        let valInterval: Int
        let dynamicIntervals: [EvaluationMilestone]
        let hasVal: Bool
        let accumulativeCounts: Int
        let steps: Bool
        let hooks: [ModernHook]
        let schedulers: AnyHashable?
        let groups: [ParamGroup]
    }

    /// The runner as a key, or `nil` when its scheduler set is not `Hashable`.
    var proofKey: ProofKey? {
        var identity: AnyHashable?
        if let schedulers {
            guard let known = schedulers.proofIdentity else { return nil }
            identity = known
        }
        return ProofKey(settings: settings, loop: loop, valBegin: valBegin, valInterval: valInterval,
                        dynamicIntervals: dynamicIntervals, hasVal: hasVal, accumulativeCounts: accumulativeCounts,
                        steps: steps, hooks: hooks, schedulers: identity, groups: groups)
    }
}
