import Foundation
import HookMigrate
import HookMigrateCore
@testable import HookMigrateRuntime
import HookMigrateTestSupport
import Testing

/// The table of whole comparisons (`ProofMemo`): a runner's key holds every stored property of the runner, a
/// remembered verdict is the verdict the comparison finds afresh, runners that differ in one setting are never
/// taken for each other, and a runner holding a hook that is not `Hashable` is never remembered.
@Suite struct ProofMemoTests {
    /// The two runners of a fixture's conversion at `length` iterations per epoch, and the comparison `convert`
    /// makes; `nil` when the fixture does not convert or a runner cannot be built.
    static func runners(_ name: String, length: Int = 7) throws -> (LegacyRunner, ModernRunner, TraceEquivalence, Bool)? {
        let directory = ValidationVerdictGoldenTests.root + "/" + name
        let legacy = try ConfigLoader().load(ConvertFixture.input(directory)).root
        return runners(legacy, name: name, length: length)
    }

    static func runners(_ legacy: ConfigMapping, name: String, length: Int = 7) -> (LegacyRunner, ModernRunner, TraceEquivalence, Bool)? {
        guard let result = try? Translator(options: MigrationOptions(itersPerEpoch: length)).translate(legacy, at: SourceLocation(file: name, line: 1, column: 1)),
              let converted = result.config.mapping else { return nil }
        let validator = Validator(settings: SimulationSettings(itersPerEpoch: length))
        guard let settings = validator.proofSettings(legacy: legacy).first,
              let legacyRunner = try? LegacyRunner(config: legacy, settings: settings, paramHooks: SimulatedSchedules.legacy),
              let newRunner = try? ModernRunner(config: converted, settings: settings, schedulers: SimulatedSchedules.modern) else { return nil }
        return (legacyRunner, newRunner, validator.comparison(legacy: legacy), Validator.iterationRun(converted))
    }

    static func labels(_ value: Any) -> [String] {
        Mirror(reflecting: value).children.compactMap(\.label).sorted()
    }

    @Test func aRunnersKeyHoldsEveryStoredPropertyOfTheRunner() throws {
        let runners = try #require(try Self.runners("lr-step-exp-epoch"))
        let legacyKey = try #require(runners.0.proofKey)
        let newKey = try #require(runners.1.proofKey)
        #expect(Self.labels(runners.0) == Self.labels(legacyKey))
        #expect(Self.labels(runners.1) == Self.labels(newKey))
        #expect(!Self.labels(runners.0).isEmpty && !Self.labels(runners.1).isEmpty)
    }

    @Test func aRememberedVerdictIsTheVerdictFoundAfresh() throws {
        var compared = 0
        for name in Golden.cases(in: ValidationVerdictGoldenTests.root) {
            guard let (legacy, new, comparison, iterationRun) = try Self.runners(name) else { continue }
            guard let afresh = try? comparison.compareAfresh(legacy: legacy, new: new, iterationRun: iterationRun) else { continue }
            let first = try comparison.compare(legacy: legacy, new: new, iterationRun: iterationRun)
            let second = try comparison.compare(legacy: legacy, new: new, iterationRun: iterationRun)
            #expect(first == afresh && second == afresh, "\(name): the remembered verdict differs from the one found afresh")
            #expect(first.work == afresh.work, "\(name): the remembered work differs")
            compared += 1
        }
        #expect(compared >= 200)
    }

    @Test func runnersThatDifferInOneSettingAreNotTakenForEachOther() throws {
        let text = """
        optimizer = dict(type='SGD', lr=0.02, momentum=0.9, weight_decay=0.0001)
        optimizer_config = dict(grad_clip=None)
        lr_config = dict(policy='step', step=[2])
        runner = dict(type='EpochBasedRunner', max_epochs=3)
        checkpoint_config = dict(interval=1)
        log_config = dict(interval=5, hooks=[dict(type='TextLoggerHook')])
        """
        let legacy = try #require(try PythonConfigReader().read(SourceText(path: "memo.py", text: text)).mapping)
        let (legacyRunner, newRunner, comparison, iterationRun) = try #require(Self.runners(legacy, name: "memo.py"))
        let equivalent = try comparison.compare(legacy: legacyRunner, new: newRunner, iterationRun: iterationRun)
        #expect(equivalent.isEquivalent)
        // The same legacy run against a new run that saves every other epoch: another key, another verdict.
        var changed = legacy
        changed["checkpoint_config"] = ConfigNode(ConfigMapping(["interval": ConfigNode(.int(2))]))
        let (_, otherNew, _, _) = try #require(Self.runners(changed, name: "memo.py"))
        #expect(otherNew.proofKey != newRunner.proofKey)
        let differs = try comparison.compare(legacy: legacyRunner, new: otherNew, iterationRun: iterationRun)
        #expect(!differs.isEquivalent)
        // And another comparison is another key too.
        var other = comparison
        other.window = comparison.window + 1 // another window
        #expect(ProofMemo.Key(legacy: legacyRunner.proofKey!, new: newRunner.proofKey!, comparison: other, iterationRun: iterationRun)
                != ProofMemo.Key(legacy: legacyRunner.proofKey!, new: newRunner.proofKey!, comparison: comparison, iterationRun: iterationRun))
    }

    /// An lr hook whose type is not `Hashable`.
    struct OpaqueHook: LegacyParamHook {
        mutating func beforeRun(_ state: LegacyRunState, groups: inout [ParamGroup]) throws {}
        mutating func beforeTrainEpoch(_ state: LegacyRunState, groups: inout [ParamGroup]) throws {}
        mutating func beforeTrainIter(_ state: LegacyRunState, groups: inout [ParamGroup]) throws {}
    }

    @Test func aRunnerHoldingAHookThatIsNotHashableHasNoKey() throws {
        var (legacyRunner, _, _, _) = try #require(try Self.runners("lr-step-exp-epoch"))
        #expect(legacyRunner.proofKey != nil)
        legacyRunner.lrHook = OpaqueHook()
        #expect(legacyRunner.proofKey == nil)
    }
}
