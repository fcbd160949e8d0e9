import Foundation
import HookMigrate
import HookMigrateCore
import HookMigrateRuntime
import HookMigrateTestSupport
import Testing

/// The proof step's verdict for every conversion fixture, as `convert` gives it (the fixture's options, 10
/// iterations per epoch unless it names its own), pinned in one reviewable file: equivalent under which
/// rules and how often, or the first divergence, or why it is not proven. `HOOKMIGRATE_RECORD=1` rewrites it.
///
/// Many fixtures exercise one key and carry an `optimizer` without an `optimizer_config`, which no legacy
/// train script ran as such (the verdict would be "not proven"). Those are validated as the oracle runs
/// them (tools/oracle/make_fixtures.sh): with `optimizer_config: {grad_clip: null}` added, marked
/// `(+optimizer_config)` in the file.
///
/// Each verdict is also reached a second way: both runs recorded whole, then replayed into the comparison
/// one event at a time. The streaming check interleaves the runs by unit of work, the replay by event; the
/// verdicts must be the same, so the comparison does not depend on how the runs are interleaved.
@Suite struct ValidationVerdictGoldenTests {
    static let root = "fixtures/convert"

    /// The manual steps of a report on keys that drive training: not the ones every fixture has for what
    /// a bare config lacks (`data`, `default_scope`).
    static func behaviourSteps(_ report: MigrationReport) -> [String] {
        report.records.filter { record in
            let key = record.legacyPath.prefix { $0 != "." && $0 != "[" }
            return record.kind == .manualStep && key != "data" && key != "default_scope"
        }.map(\.legacyPath)
    }

    static func line(_ name: String, _ outcome: Validator.Outcome) -> String {
        switch outcome {
        case .equivalent(let rules):
            let used = rules.keys.sorted().map { "\($0.rawValue)x\(rules[$0] ?? 0)" }
            return "\(name): equivalent" + (used.isEmpty ? "" : " under " + used.joined(separator: " "))
        case .notEquivalent(let divergence, _):
            return "\(name): NOT equivalent: \(divergence.stream) at #\(divergence.diff.divergence?.index ?? -1): \(divergence.diff.divergence?.reason ?? "")"
        case .notProven(let reason):
            return "\(name): not proven: \(reason)"
        }
    }

    /// ` {L=1 eq, L=7 eq, L=52 eq (reach)}`: every length the proof ran and its verdict; `exact only at L=…`
    /// and what was left out, when so.
    static func lengths(_ proof: ProofResult) -> String {
        let runs = proof.runs.map { run -> String in
            let verdict: String
            switch run.outcome {
            case .equivalent: verdict = "eq"
            case .notEquivalent(let divergence, _): verdict = "NOT (\(divergence.stream))"
            case .notProven: verdict = "not proven"
            }
            let reason = [.given: " (given)", .reach: " (reach)", .any: " (any L)"][run.length.reason] ?? ""
            return "L=\(run.length.itersPerEpoch) \(verdict)\(reason)"
        }
        var text = " {" + runs.joined(separator: ", ") + "}"
        if let exact = proof.exactOnlyAt { text += " exact only at L=\(exact)" }
        if !proof.leftOut.isEmpty { text += " LEFT OUT: " + proof.leftOut.joined(separator: "; ") }
        return text
    }

    @Test func verdictsAsRecorded() throws {
        var lines: [String] = []
        for name in Golden.cases(in: Self.root) {
            let directory = Self.root + "/" + name
            let options = try ConvertFixture.options(directory)
            var legacy = try ConfigLoader().load(ConvertFixture.input(directory)).root
            var label = name
            if legacy["optimizer"].map({ !$0.isNull }) == true, legacy["optimizer_config"] == nil {
                legacy["optimizer_config"] = ConfigNode(ConfigMapping(["grad_clip": ConfigNode(.null)]))
                label += " (+optimizer_config)"
            }
            let result = try Translator(options: options).translate(legacy, at: SourceLocation(file: name, line: 1, column: 1))
            let converted = result.config.mapping ?? ConfigMapping()
            // The proof `convert` makes: the conversion's own settings, at every epoch length of the plan.
            let proof = ConversionProof(options: ProofOptions(migration: options)).prove(legacy: legacy, converted: converted, name: name, report: result.report)
            let outcome = proof.outcome
            if case .notEquivalent = outcome {
                // Does the report already name a non-equivalence that this verdict confirms?
                let named = result.report.records.filter { $0.kind == .nonEquivalence }.map(\.legacyPath)
                let steps = Self.behaviourSteps(result.report)
                if !named.isEmpty {
                    label += " [report names: " + Set(named).sorted().joined(separator: ", ") + "]"
                } else if !steps.isEmpty {
                    label += " [report names manual steps: " + Set(steps).sorted().joined(separator: ", ") + "]"
                } else {
                    label += " [report names no non-equivalence]"
                }
            }
            lines.append(Self.line(label, outcome) + Self.lengths(proof))
            let settings = SimulationSettings(itersPerEpoch: proof.runs.first?.length.itersPerEpoch ?? 10, distributed: options.distributed)
            let firstOutcome = proof.runs.first?.outcome ?? outcome
            if case .notProven = firstOutcome { continue }
            // The same comparison over the recorded runs of the first epoch length, replayed event by event: one
            // replay per optimizer the proof followed.
            let validator = Validator(settings: settings)
            var replayedOutcome: Validator.Outcome = .equivalent(rules: [:])
            var combined: [EquivalenceRule: Int] = [:]
            for runSettings in validator.proofSettings(legacy: legacy) {
                var modernSettings = runSettings
                modernSettings.distributed = false
                let legacyTrace = try LegacyRunner(config: legacy, settings: runSettings, paramHooks: SimulatedSchedules.legacy).trace(config: name)
                let newTrace = try ModernRunner(config: converted, settings: modernSettings, schedulers: SimulatedSchedules.modern).trace(config: name)
                let replayed = validator.comparison(legacy: legacy)
                    .compare(legacy: legacyTrace, new: newTrace, iterationRun: Validator.iterationRun(converted))
                if var divergence = replayed.divergence {
                    if let optimizer = runSettings.modelStepping?.optimizer { divergence.stream += " (optimizer `\(optimizer)`)" }
                    replayedOutcome = .notEquivalent(divergence, rules: replayed.rulesUsed)
                    break
                }
                for (rule, count) in replayed.rulesUsed { combined[rule, default: 0] += count }
                replayedOutcome = .equivalent(rules: combined)
            }
            #expect(Self.line(label, replayedOutcome) == Self.line(label, firstOutcome), "\(name): streaming and replayed verdicts differ")
            if case .notEquivalent = outcome {
                // Explained by a named non-equivalence, or by a manual step on a key that drives training (a
                // schedule the conversion could not write: the report says what is missing).
                #expect(result.report.records.contains { $0.kind == .nonEquivalence } || !Self.behaviourSteps(result.report).isEmpty,
                        "\(name): not equivalent, but the report names no non-equivalence or manual step (a translation bug, or a missing report record)")
            }
        }
        Golden.assertMatches(lines.joined(separator: "\n") + "\n", golden: "fixtures/validation/verdicts.txt")
    }
}
