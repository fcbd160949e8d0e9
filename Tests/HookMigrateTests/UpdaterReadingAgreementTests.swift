import Foundation
@testable import HookMigrate
import HookMigrateCore
import HookMigrateRuntime
import HookMigrateTestSupport
import Testing

/// The `lr_config` and `momentum_config` rules and the legacy simulator read an updater hook's config through
/// one parser (`LegacyUpdaterConfig` in HookMigrateRuntime). These tests hold them to it on every fixture and
/// corpus config: a config the simulated hook (`LegacyLrUpdater`, `LegacyMomentumUpdater`) refuses to build is
/// one the rule reports as MMCV's refusal, with the same reason; a config the hook builds is reported as refused
/// only for what MMCV raises later in the run ("at run time: …", checks that need the run's length).
@Suite struct UpdaterReadingAgreementTests {
    /// What each side says of one updater key of one config.
    struct Readings: CustomStringConvertible {
        var key: String
        /// The rule's "MMCV rejects this <key>" manual step, if any.
        var rule: String?
        /// The simulated hook constructor's refusal, if any.
        var simulator: String?

        var description: String { "\(key): rule \(rule ?? "accepts"); simulator \(simulator ?? "accepts")" }
    }

    static func readings(_ config: ConfigMapping, options: MigrationOptions = MigrationOptions()) throws -> [Readings] {
        let translated = try Translator(options: options).translate(config, at: SourceLocation(file: "config.yaml", line: 1, column: 1))
        let iterRunner = (try? LegacyRunLength(config))?.iterationRunner ?? false
        let optimizerType = config["optimizer"]?.mapping?["type"]?.scalar?.stringValue
        var result: [Readings] = []
        for key in ["lr_config", "momentum_config"] {
            guard let node = config[key], let mapping = node.mapping else { continue }
            let refusals = key == LrConfigRule.id ? [LrConfigRule.Records.rejected.id, LrConfigRule.Records.rejectedAtRunTime.id]
                : [MomentumConfigRule.Records.rejected.id, MomentumConfigRule.Records.rejectedAtRunTime.id]
            let rule = translated.report.records.first { refusals.contains($0.id) && $0.legacyPath == key }?.message
            var simulator: String?
            do {
                if key == "lr_config" {
                    _ = try LegacyLrUpdater(config: mapping, location: node.location, iterBasedRunner: iterRunner, optimizerType: optimizerType)
                } else {
                    _ = try LegacyMomentumUpdater(config: mapping, location: node.location, optimizerType: optimizerType)
                }
            } catch let error as ConfigError where error.code == .rejected {
                simulator = error.message
            } catch {
                // Not a refusal of the constructor's (an unknown policy, a wrong type): out of this comparison.
            }
            result.append(Readings(key: key, rule: rule, simulator: simulator))
        }
        return result
    }

    /// Agreement: both accept, or both refuse and the rule's manual step carries the constructor's reason. A rule
    /// may refuse where the constructor accepts only for what MMCV raises later in the run (a run-time check the
    /// rule makes because it knows the run's length): those messages name the run.
    static func agree(_ readings: Readings) -> Bool {
        switch (readings.rule, readings.simulator) {
        case (nil, nil): return true
        case (let rule?, let simulator?): return rule.contains(simulator)
        case (nil, _?): return false
        case (let rule?, nil): return rule.contains("MMCV rejects this \(readings.key): at run time: ")
        }
    }

    @Test(arguments: Golden.cases(in: ConvertGoldenTests.root))
    func fixturesAgree(_ name: String) throws {
        let directory = ConvertGoldenTests.root + "/" + name
        let config = try ConvertFixture.loader.load(ConvertFixture.input(directory)).root
        for readings in try Self.readings(config, options: try ConvertFixture.options(directory)) {
            #expect(Self.agree(readings), "\(name): \(readings)")
        }
    }

    @Test(.enabled(if: Corpus.enabled, Corpus.skipNote)) func corpusConfigsAgree() throws {
        let files = Corpus.files("legacy", ext: "json")
        #expect(files.count == 1395)
        var disagreements: [String] = []
        for path in files {
            let config = try ConfigLoader().load(path).root
            for readings in try Self.readings(config) where !Self.agree(readings) {
                disagreements.append("\(path): \(readings)")
            }
        }
        #expect(disagreements.isEmpty, "\(disagreements.count) disagreements, e.g. \(disagreements.prefix(5))")
    }
}
