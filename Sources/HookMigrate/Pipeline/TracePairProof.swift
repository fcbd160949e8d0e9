import HookMigrateCore
import HookMigrateRuntime

/// `diff-trace A.jsonl B.jsonl` for a trace of each runner: the two recorded runs compared under the
/// equivalence rules, with the verdict, stream states and exit status `convert` gives its proof at that epoch
/// length (docs/equivalence.md). A trace pair proves one epoch length, the one it was recorded at.
public enum TracePairProof {
    /// The two traces as (legacy, new) when their headers name the two runners (in either order), else nil.
    public static func sides(_ first: Trace, _ second: Trace) -> (legacy: Trace, new: Trace)? {
        switch (first.header.runner, second.header.runner) {
        case ("legacy", "new"): return (first, second)
        case ("new", "legacy"): return (second, first)
        default: return nil
        }
    }

    /// What the comparison needs to know about the runs beyond their events, and where it was read.
    public struct Context: Sendable, Equatable {
        /// Whether the new run trains by iteration (counters compared by step, R3).
        public var iterationRun: Bool
        /// Whether the legacy run had a logger hook (R9).
        public var legacyLogs: Bool
        /// Whether the legacy run could save best checkpoints (R4).
        public var legacySavesBest: Bool
        /// `the configs named in the headers` or `the traces' events`.
        public var source: String
    }

    /// The context from the configs the headers name when both could be read, else from the traces' events:
    /// an iteration-based new run keeps epoch 0 on every train iteration past the first epoch's length (or
    /// the legacy IterBasedRunner's `inner_iter` stays 0 while the new run's batch index moves); the legacy run
    /// had a logger hook when it wrote a log record.
    public static func context(legacy: Trace, new: Trace, legacyConfig: ConfigMapping?, newConfig: ConfigMapping?) -> Context {
        if let legacyConfig, let newConfig {
            let runner = try? LegacyRunner(config: legacyConfig, settings: SimulationSettings(itersPerEpoch: legacy.header.itersPerEpoch), paramHooks: nil)
            return Context(iterationRun: Validator.iterationRun(newConfig), legacyLogs: Validator.legacyLogs(legacyConfig),
                           legacySavesBest: runner?.savesBest ?? legacy.events.contains { $0.kind == .bestSave },
                           source: "the configs named in the traces' headers")
        }
        let newIters = new.events.filter { $0.kind == .call && $0.point == .afterTrainIter }
        let legacyIters = legacy.events.filter { $0.kind == .call && $0.point == .afterTrainIter }
        let epochZero = !newIters.isEmpty && newIters.allSatisfy { $0.epoch == 0 }
        let pastAnEpoch = newIters.count > new.header.itersPerEpoch
        let legacyBatchStill = legacyIters.count > 1 && legacyIters.allSatisfy { $0.batch == 0 } && newIters.contains { $0.batch > 0 }
        return Context(iterationRun: epochZero && (pastAnEpoch || legacyBatchStill),
                       legacyLogs: legacy.events.contains { $0.kind == .log },
                       legacySavesBest: legacy.events.contains { $0.kind == .bestSave },
                       source: "the traces' events (the configs named in their headers could not be read)")
    }

    /// Compares a legacy trace with a new one. Throws `trace-mismatch` (located at the new trace) when they
    /// were recorded at different epoch lengths.
    public static func prove(legacy: Trace, new: Trace, context: Context, tolerance: Tolerance = Tolerance(), distributed: Bool = false,
                             ignoreLrScale: Bool = false, newPath: String = "") throws -> ProofResult {
        guard legacy.header.itersPerEpoch == new.header.itersPerEpoch else {
            throw ConfigError(.traceMismatch, "the traces were recorded at different epoch lengths (legacy iters_per_epoch=\(legacy.header.itersPerEpoch), new iters_per_epoch=\(new.header.itersPerEpoch)); record both with the same --iters-per-epoch",
                              at: SourceLocation(file: newPath, line: 1, column: 1))
        }
        var comparison = TraceEquivalence(tolerance: tolerance, distributed: distributed, legacyLogs: context.legacyLogs, strategy: .events)
        comparison.legacySavesBest = context.legacySavesBest
        let scope = ComparisonScope(ignoreLrScale: ignoreLrScale)
        comparison.scope = scope
        let verdict = comparison.compare(legacy: legacy, new: new, iterationRun: context.iterationRun)
        let streams = StreamStates.explore(first: verdict, scope: scope, legacyLogs: context.legacyLogs) { narrowed in
            var rerun = comparison
            rerun.scope = narrowed
            return rerun.compare(legacy: legacy, new: new, iterationRun: context.iterationRun)
        }
        let outcome: Validator.Outcome = verdict.divergence.map { .notEquivalent($0, rules: verdict.rulesUsed) } ?? .equivalent(rules: verdict.rulesUsed)
        let length = ProofPlan.Length(itersPerEpoch: legacy.header.itersPerEpoch, reason: .traced)
        let plan = ProofPlan(lengths: [length], boundaries: [], epochs: nil, iterationRun: context.iterationRun)
        return ProofResult(outcome: outcome, plan: plan, runs: [ProofResult.Run(length: length, outcome: outcome, streams: streams, lrFactors: verdict.lrFactors)],
                           streams: streams, exactOnlyAt: nil, leftOut: [], ignoreLrScale: ignoreLrScale)
    }
}
