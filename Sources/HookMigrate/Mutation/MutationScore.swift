import HookMigrateCore
import HookMigrateRuntime

/// How strong the proof is, measured by mutation (docs/mutation-score.md): each mutant of a proven conversion
/// (`ConfigMutator`) is judged twice.
///
/// - **Behaviour**: the mutant's own simulated MMEngine run against the unmutated conversion's run, event by
///   event, at every epoch length the proof plans for either config plus L = 3, 10 and 97 (lengths the plan
///   need not hold), leaving out checkpoint removals (by rule R6 when an old checkpoint is deleted is not
///   behaviour) and, when the legacy config had no logger hook, log records (R9: there was no record to keep). A mutant whose runs are identical at all of them changes no behaviour
///   these runs can show; it is listed with that reason.
/// - **Verdict**: `verify LEGACY MUTANT` (`ConversionProof`, default settings). A behaviour-changing mutant is
///   killed when the verdict is not "proven".
public enum MutationScore {
    /// One judged mutant.
    public struct Judged: Sendable {
        /// The mutant.
        public var mutant: ConfigMutant
        /// The lengths at which its run differs from the conversion's (empty: no behaviour change seen).
        public var changedAt: [Int]
        /// Whether `verify` rejected it.
        public var killed: Bool
        /// The verdict's first line.
        public var verdict: String
    }

    /// The extra lengths the behaviour is judged at.
    public static let extraLengths = [3, 10, 97]

    /// Judges every mutant of `converted`, a conversion of `legacy` proven equivalent. `maxIterations` bounds
    /// the runs (a mutant needing a longer one is judged only at the lengths within it).
    public static func judge(legacy: ConfigMapping, converted: ConfigMapping, maxIterations: Int = 20_000) -> [Judged] {
        var results: [Judged] = []
        let proof = ConversionProof()
        var baseline: [Int: Trace] = [:]
        // R9: without a legacy logger hook there is no log record to keep; the new run's are not behaviour here.
        let withoutLogs = !Validator.legacyLogs(legacy)
        let observable = { (trace: Trace) in withoutRemovals(trace, logs: !withoutLogs) }
        for mutant in ConfigMutator.mutants(of: converted) {
            var lengths = ProofPlan.make(legacy: legacy, new: converted, given: nil).lengths.map(\.itersPerEpoch)
            lengths += ProofPlan.make(legacy: legacy, new: mutant.config, given: nil).lengths.map(\.itersPerEpoch)
            lengths += extraLengths
            var changedAt: [Int] = []
            for length in Array(Set(lengths)).sorted() where iterations(converted, length) <= maxIterations {
                let settings = SimulationSettings(itersPerEpoch: length)
                if baseline[length] == nil {
                    baseline[length] = (try? ModernRunner(config: converted, settings: settings, schedulers: SimulatedSchedules.modern).trace(config: "")).map(observable)
                }
                guard let original = baseline[length] else { continue }
                let changed: Bool
                if let mutated = try? ModernRunner(config: mutant.config, settings: settings, schedulers: SimulatedSchedules.modern).trace(config: "") {
                    changed = !TraceDiffer().compare(original, observable(mutated)).isEqual
                } else {
                    changed = true // the mutant's run cannot even be built: a behaviour change
                }
                if changed { changedAt.append(length) }
            }
            let result = proof.prove(legacy: legacy, converted: mutant.config)
            let verdict = String(ValidationRenderer.text(result).split(separator: "\n").first ?? "")
            results.append(Judged(mutant: mutant, changedAt: changedAt, killed: result.status != .proven, verdict: verdict))
        }
        return results
    }

    /// A trace without its checkpoint removals (R6) and, unless `logs`, its log records (R9).
    static func withoutRemovals(_ trace: Trace, logs: Bool) -> Trace {
        var kept = Trace(header: trace.header)
        for index in trace.events.indices where trace.events[index].kind != .checkpointRemove && (logs || trace.events[index].kind != .log) {
            let event = trace.resolved(index)
            kept.append(event.event.kind, at: event.event.point, epoch: Int(event.event.epoch), iter: Int(event.event.iter), batch: Int(event.event.batch),
                        step: Int(event.event.step), text: event.text, values: event.values)
        }
        return kept
    }

    /// Iterations of a run of `config` at epoch length `length` (its `max_iters`, or `max_epochs` × L).
    public static func iterations(_ config: ConfigMapping, _ length: Int) -> Int {
        let train = config["train_cfg"]?.mapping
        if let iters = ProofBoundary.int(train?["max_iters"]) { return iters }
        let epochs = ProofBoundary.int(train?["max_epochs"]) ?? 0
        return epochs.multipliedReportingOverflow(by: length).overflow ? Int.max : epochs * length
    }
}
