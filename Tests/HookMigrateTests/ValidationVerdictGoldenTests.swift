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
/// Each verdict is also reached a second way: both runs recorded whole, then replayed into the comparison
/// one event at a time. The streaming check interleaves the runs by unit of work, the replay by event; the
/// verdicts must be the same, so the comparison does not depend on how the runs are interleaved.
@Suite struct ValidationVerdictGoldenTests {
    static let root = "fixtures/convert"

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

    @Test func verdictsAsRecorded() throws {
        var lines: [String] = []
        for name in Golden.cases(in: Self.root) {
            let directory = Self.root + "/" + name
            let options = try ConvertFixture.options(directory)
            let result = try ConvertFixture.convert(directory)
            let legacy = try ConfigLoader().load(ConvertFixture.input(directory)).root
            let converted = result.config.mapping ?? ConfigMapping()
            let settings = SimulationSettings(itersPerEpoch: options.itersPerEpoch ?? 10, distributed: options.distributed)
            let outcome = Validator(settings: settings).validate(legacy: legacy, converted: converted, name: name).outcome
            lines.append(Self.line(name, outcome))
            if case .notProven = outcome { continue }
            // The same comparison over the recorded runs, replayed event by event.
            var modernSettings = settings
            modernSettings.distributed = false
            let legacyTrace = try LegacyRunner(config: legacy, settings: settings, paramHooks: SimulatedSchedules.legacy).trace(config: name)
            let newTrace = try ModernRunner(config: converted, settings: modernSettings, schedulers: SimulatedSchedules.modern).trace(config: name)
            let iterationRun = converted["train_cfg"]?.mapping?["type"]?.scalar?.stringValue == "IterBasedTrainLoop"
                || converted["train_cfg"]?.mapping?["by_epoch"]?.scalar == .bool(false)
            let replayed = TraceEquivalence(distributed: settings.distributed).compare(legacy: legacyTrace, new: newTrace, iterationRun: iterationRun)
            let replayedOutcome: Validator.Outcome = replayed.divergence.map { .notEquivalent($0, rules: replayed.rulesUsed) }
                ?? .equivalent(rules: replayed.rulesUsed)
            #expect(Self.line(name, replayedOutcome) == Self.line(name, outcome), "\(name): streaming and replayed verdicts differ")
        }
        Golden.assertMatches(lines.joined(separator: "\n") + "\n", golden: "fixtures/validation/verdicts.txt")
    }
}
