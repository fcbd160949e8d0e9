import Foundation
@testable import HookMigrate
import HookMigrateCore
import HookMigrateRuntime
import HookMigrateTestSupport
import Testing

/// Golden traces of every conversion fixture, both runners: the legacy input through the MMCV adapter and
/// the converted config through the new Runner (3 iterations per epoch), pinned as a summary (event counts,
/// a fingerprint of every event, the first 40 events). `HOOKMIGRATE_RECORD=1` rewrites them.
@Suite struct FixtureTraceGoldenTests {
    static let root = "fixtures/convert"

    static func summary(_ body: (inout TraceDigestSink) throws -> Void) -> String {
        var sink = TraceDigestSink()
        do {
            try body(&sink)
            return sink.summary
        } catch let error as ConfigError {
            return "error: \(error.message)\n"
        } catch {
            return "error: \(error)\n"
        }
    }

    @Test(arguments: Golden.cases(in: root))
    func tracesAsRecorded(_ name: String) throws {
        let directory = Self.root + "/" + name
        let result = try ConvertFixture.convert(directory)
        let legacy = try ConvertFixture.loader.load(ConvertFixture.input(directory)).root
        var settings = SimulationSettings(itersPerEpoch: 3)
        // The evaluation hook's key lists, as the proof gives them (mmpose's EvalHook for an mmpose config).
        settings.evalKeyLists = EvaluationRule.legacyKeyLists(LegacyCodebase.guess(legacy))
        // The train script, as the proof infers it.
        settings.trainScript = LegacyTrainScript.inferred(legacy)
        let legacySummary = Self.summary { sink in
            try LegacyRunner(config: legacy, settings: settings, paramHooks: SimulatedSchedules.legacy).run(into: &sink)
        }
        let newSummary = Self.summary { sink in
            try ModernRunner(config: result.config.mapping ?? ConfigMapping(), settings: settings, schedulers: SimulatedSchedules.modern).run(into: &sink)
        }
        Golden.assertMatches(legacySummary, golden: "\(directory)/trace.legacy.txt")
        Golden.assertMatches(newSummary, golden: "\(directory)/trace.new.txt")
    }
}
