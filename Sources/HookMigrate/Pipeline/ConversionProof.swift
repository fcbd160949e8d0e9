import HookMigrateCore
import HookMigrateRuntime

/// The one proof every command makes: `convert` (one config or a tree), `verify`, `diff-trace` of two configs
/// and the benchmark's corpus tally call it, so they give the same verdict for the same pair of configs.
///
/// It plans the workloads from the two configs (`ProofPlan`: the given epoch length, L = 1, L = 7 and an L
/// long enough to pass every iteration boundary the configs name), runs the `Validator` at each length, finds
/// every stream's state where a run diverged (`StreamStates`), and combines the runs:
///
/// - without a given L, the verdict is equivalent only when every length is; the first length that is not
///   equivalent decides, else the first that is not proven (a boundary beyond the work budget among them);
/// - with a given L, that length's verdict is the verdict; when another length is not equivalent the result
///   says the conversion is exact only at the given L (`exactOnlyAt`).
///
/// What the converted config leaves out of the legacy one (`LeftOut`) is found once; it makes the result's
/// status `leftOut` whatever the runs say.
public struct ConversionProof: Sendable {
    /// The settings.
    public var options: ProofOptions

    /// Creates a proof.
    public init(options: ProofOptions = ProofOptions()) {
        self.options = options
    }

    /// Proves that `converted` (an MMEngine config) trains as `legacy` (a resolved legacy config) does.
    /// `report`, the conversion's report when there is one, makes the left-out check more precise.
    public func prove(legacy: ConfigMapping, converted: ConfigMapping, name: String = "", report: MigrationReport? = nil) -> ProofResult {
        let plan = ProofPlan.make(legacy: legacy, new: converted, given: options.itersPerEpoch)
        var runs: [ProofResult.Run] = []
        for length in plan.lengths {
            let validator = self.validator(length.itersPerEpoch)
            let result = validator.validate(legacy: legacy, converted: converted, name: name)
            var streams: [StreamState]?
            if let verdict = result.verdict, verdict.divergence != nil, !options.exploresStreams {
                streams = StreamStates.first(verdict, legacyLogs: Validator.legacyLogs(legacy))
            } else if let verdict = result.verdict {
                streams = try? StreamStates.explore(first: verdict, scope: validator.scope, legacyLogs: Validator.legacyLogs(legacy)) { scope in
                    var narrowed = validator
                    narrowed.scope = scope
                    guard let verdict = narrowed.validate(legacy: legacy, converted: converted, name: name).verdict else { throw NotCompared() }
                    return verdict
                }
            }
            runs.append(ProofResult.Run(length: length, outcome: result.outcome, streams: streams, lrFactors: result.verdict?.lrFactors ?? []))
            // Not proven before the runs were compared, for a reason no epoch length changes: the other lengths
            // would say the same.
            if result.verdict == nil, !result.dependsOnLength { break }
            // Too long to simulate: the budget is the proof's, not each length's. The other lengths would spend
            // it again (a run of 2^31 epochs at L=1 is as long at L=7), and the proof is "not proven" either way.
            if result.tooLong { break }
            // Not equivalent: no later length changes the verdict or its first divergence (with a given L, the
            // given one decides, and one other that is not equivalent settles `exactOnlyAt`). Only a caller
            // that shows every length's own verdict (a report, a plot) needs the rest.
            if !options.exploresStreams, case .notEquivalent = result.outcome { break }
        }
        var proof = ProofResult(outcome: .notProven("nothing was proven"), plan: plan, runs: runs, streams: [], exactOnlyAt: nil,
                                leftOut: [], ignoreLrScale: options.ignoreLrScale)
        combine(&proof)
        proof.leftOut = LeftOut.find(legacy: legacy, converted: converted, report: report, outcome: proof.outcome, hookRules: options.hookRules)
        return proof
    }

    /// The validator of one length.
    func validator(_ length: Int) -> Validator {
        var validator = Validator(settings: SimulationSettings(itersPerEpoch: length, distributed: options.distributed),
                                  tolerance: options.tolerance, strategy: options.strategy, budget: options.budget)
        validator.scope = ComparisonScope(ignoreLrScale: options.ignoreLrScale)
        return validator
    }

    /// A rerun of the stream exploration whose runs could not be compared.
    struct NotCompared: Error {}

    /// The verdict, the streams and `exactOnlyAt` from the runs.
    func combine(_ proof: inout ProofResult) {
        let runs = proof.runs
        guard let first = runs.first else { return }
        func at(_ run: ProofResult.Run) -> String { "L=\(run.length.itersPerEpoch)" }
        if options.itersPerEpoch != nil, first.length.reason == .given {
            proof.outcome = first.outcome
            proof.streams = first.streams ?? Self.notCompared(first.outcome)
            if case .equivalent = first.outcome,
               runs.dropFirst().contains(where: { if case .notEquivalent = $0.outcome { return true } else { return false } }) {
                proof.exactOnlyAt = first.length.itersPerEpoch
            }
            return
        }
        if let failed = runs.first(where: { if case .notEquivalent = $0.outcome { return true } else { return false } }) {
            proof.outcome = failed.outcome
        } else if let unproven = runs.first(where: { if case .notProven = $0.outcome { return true } else { return false } }),
                  case .notProven(let reason) = unproven.outcome {
            let proven = runs.filter { if case .equivalent = $0.outcome { return true } else { return false } }
            proof.outcome = .notProven(proven.isEmpty || runs.count == 1 ? reason
                                       : "\(reason) at \(at(unproven)) (equivalent at \(proven.map(at).joined(separator: ", ")))")
        } else {
            var rules: [EquivalenceRule: Int] = [:]
            for run in runs {
                if case .equivalent(let used) = run.outcome { rules.merge(used, uniquingKeysWith: +) }
            }
            proof.outcome = .equivalent(rules: rules)
        }
        proof.streams = Self.merged(runs)
    }

    /// Every stream's worst state over the runs (a difference names its length); rules summed.
    static func merged(_ runs: [ProofResult.Run]) -> [StreamState] {
        let compared = runs.filter { $0.streams != nil }
        guard !compared.isEmpty else { return notCompared(runs.first?.outcome ?? .notProven("")) }
        return ComparedStream.allCases.map { stream in
            var worst: StreamState?
            var rules: [EquivalenceRule: Int] = [:]
            for run in compared {
                guard let state = run.streams?.first(where: { $0.stream == stream }) else { continue }
                rules.merge(state.rules, uniquingKeysWith: +)
                var labelled = state
                if state.status == .differs, compared.count > 1 {
                    labelled.detail = "at L=\(run.length.itersPerEpoch): " + (state.detail ?? "")
                }
                if worst.map({ state.status > $0.status }) ?? true { worst = labelled }
                if state.status == .equal, worst?.status == .equal, state.detail == nil { worst?.detail = nil }
            }
            var result = worst ?? StreamState(stream: stream, status: .notCompared, detail: "not compared")
            result.rules = rules
            return result
        }
    }

    /// Every stream not compared, with the outcome's reason.
    static func notCompared(_ outcome: Validator.Outcome) -> [StreamState] {
        let reason: String
        if case .notProven(let why) = outcome { reason = "not proven: \(why)" } else { reason = "the runs were not compared" }
        return ComparedStream.allCases.map { StreamState(stream: $0, status: .notCompared, detail: reason) }
    }
}
