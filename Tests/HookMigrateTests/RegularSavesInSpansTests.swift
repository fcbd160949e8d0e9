import Foundation
import HookMigrate
import HookMigrateCore
import HookMigrateRuntime
import Testing

/// Regular checkpoint saves on an iteration grid are periodic events of a quiet span (`QuietCheckpoints`):
/// a run that saves every few iterations costs what its other boundaries cost, and the bulk path reaches the
/// outcome the event-by-event path reaches — with hooks before and after the checkpoint hook, records due
/// with a save, a retention queue (which keeps the saves as boundaries), and a converted hook changed so
/// that the saves differ.
@Suite struct RegularSavesInSpansTests {
    static let base = "runner: {type: IterBasedRunner, max_iters: 1500}\noptimizer: {type: SGD, lr: 0.01, momentum: 0.9}\noptimizer_config: {grad_clip: null}\n"

    static let schedules = [
        "lr_config: {policy: poly, power: 0.9, min_lr: 0.0001, by_epoch: false}\n",
        // A binding floor: the runs diverge at iteration 1000, inside a span.
        "lr_config: {policy: Step, step: [1000], gamma: 0.1, min_lr: 0.0005, by_epoch: false}\n",
    ]

    static func legacy(_ text: String, schedule: Int = 0) throws -> ConfigMapping {
        try YAMLReader().read(SourceText(path: "saves.yaml", text: base + schedules[schedule] + text)).mapping("<root>")
    }

    /// The conversion at L = 7.
    static func converted(_ legacy: ConfigMapping) throws -> ConfigMapping {
        try Translator(options: MigrationOptions(itersPerEpoch: 7)).translate(legacy, at: SourceLocation(file: "saves.yaml", line: 1, column: 1)).config.mapping ?? ConfigMapping()
    }

    /// `converted` with one key of its checkpoint hook set.
    static func changingCheckpoint(_ converted: ConfigMapping, _ key: String, to value: ConfigNode) throws -> ConfigMapping {
        var changed = converted
        var hooks = try #require(changed["default_hooks"]?.mapping)
        var checkpoint = try #require(hooks["checkpoint"]?.mapping)
        checkpoint[key] = value
        hooks["checkpoint"] = ConfigNode(checkpoint)
        changed["default_hooks"] = ConfigNode(hooks)
        return changed
    }

    /// The bulk path's verdict at L = 7, the work it did included (nothing remembered).
    static func verdict(_ legacy: ConfigMapping, _ converted: ConfigMapping) throws -> EquivalenceVerdict {
        let settings = SimulationSettings(itersPerEpoch: 7)
        var comparison = Validator(settings: settings).comparison(legacy: legacy)
        comparison.remembers = false
        return try comparison.compare(legacy: LegacyRunner(config: legacy, settings: settings, paramHooks: SimulatedSchedules.legacy),
                                      new: ModernRunner(config: converted, settings: settings, schedulers: SimulatedSchedules.modern),
                                      iterationRun: Validator.iterationRun(converted))
    }

    /// Both paths' outcomes at L = 7 are the same.
    static func expectBothPathsAgree(_ legacy: ConfigMapping, _ converted: ConfigMapping, _ name: String) {
        let settings = SimulationSettings(itersPerEpoch: 7)
        let spans = Validator(settings: settings, strategy: .spans).validate(legacy: legacy, converted: converted, name: name).outcome
        let events = Validator(settings: settings, strategy: .events).validate(legacy: legacy, converted: converted, name: name).outcome
        #expect(SpanProofParityTests.summary(spans) == SpanProofParityTests.summary(events), "\(name): the paths differ")
    }

    static let checkpoints = [
        "checkpoint_config: {interval: 5, by_epoch: false}\nlog_config: {interval: 7, hooks: [{type: TextLoggerHook, by_epoch: false}]}\n",
        "checkpoint_config: {interval: 7, by_epoch: false, filename_tmpl: 'ckpt_{}.pth'}\nlog_config: {interval: 50, hooks: [{type: TextLoggerHook, by_epoch: false}]}\n",
        // Records due with every second save.
        "checkpoint_config: {interval: 10, by_epoch: false}\nlog_config: {interval: 20, hooks: [{type: TextLoggerHook, by_epoch: false}]}\n",
        // A retention queue: every save is a boundary, as before.
        "checkpoint_config: {interval: 5, by_epoch: false, max_keep_ckpts: 3}\nlog_config: {interval: 7, hooks: [{type: TextLoggerHook, by_epoch: false}]}\n",
    ]
    static let hooks = [
        "",
        "custom_hooks: [{type: EMAHook, momentum: 0.0002, priority: 49}]\n",
        "custom_hooks: [{type: EmptyCacheHook, after_iter: true, priority: 60}]\n",
    ]

    @Test func regularSavesAgreeBothWays() throws {
        var proofs = 0
        for (c, checkpoint) in Self.checkpoints.enumerated() {
            for (h, hook) in Self.hooks.enumerated() {
                for k in Self.schedules.indices {
                    let legacy = try Self.legacy(checkpoint + hook, schedule: k)
                    for length in [7, 500] where SpanProofParityTests.agree(legacy, length: length, name: "saves-\(c)-\(h)-\(k)") { proofs += 1 }
                }
            }
        }
        #expect(proofs == Self.checkpoints.count * Self.hooks.count * Self.schedules.count * 2)
    }

    /// The converted hook changed (another interval, another file name, a later save_begin, a retention
    /// queue): both paths find the same divergence, or the same equivalence.
    @Test func changedSavesAgreeBothWays() throws {
        let legacy = try Self.legacy(Self.checkpoints[0])
        let converted = try Self.converted(legacy)
        let changes: [(String, ConfigNode)] = [
            ("interval", ConfigNode(.int(6))),
            ("filename_tmpl", ConfigNode(.string("other_{}.pth"))),
            ("save_begin", ConfigNode(.int(103))),
            ("save_begin", ConfigNode(.int(100))),
            ("max_keep_ckpts", ConfigNode(.int(4))),
        ]
        for (key, value) in changes {
            Self.expectBothPathsAgree(legacy, try Self.changingCheckpoint(converted, key, to: value), "\(key) = \(value)")
        }
    }

    /// Runs that diverge at their first save (the converted hook names its files otherwise) go on in bulk
    /// between their few later saves, each of which still comes one by one as the divergence's context:
    /// 200,000 iterations cost a few hundred events, and both paths reach the same outcome.
    @Test func runsThatDivergeInTheirSavesGoOnInBulk() throws {
        let text = "checkpoint_config: {interval: 40000, by_epoch: false}\nlog_config: {interval: 50, hooks: [{type: TextLoggerHook, by_epoch: false}]}\n"
        let legacy = try YAMLReader().read(SourceText(path: "saves.yaml", text: Self.base.replacingOccurrences(of: "1500", with: "200000") + Self.schedules[0] + text)).mapping("<root>")
        let converted = try Self.changingCheckpoint(try Self.converted(legacy), "filename_tmpl", to: ConfigNode(.string("other_{}.pth")))
        let verdict = try Self.verdict(legacy, converted)
        #expect(verdict.divergence?.stream == "checkpoints")
        #expect(verdict.work.events < 2000, "\(verdict.work.events) events one by one")
        Self.expectBothPathsAgree(legacy, converted, "diverged")
    }

    /// 300 saves cost no event each: the proof of a run saving every 5 iterations compares about as many
    /// events one by one as the same run saving once at its end.
    @Test func aRunThatSavesOftenCostsWhatItsOtherBoundariesCost() throws {
        func work(_ checkpoint: String) throws -> ProofWork {
            let legacy = try Self.legacy(checkpoint + "log_config: {interval: 50, hooks: [{type: TextLoggerHook, by_epoch: false}]}\n")
            let verdict = try Self.verdict(legacy, try Self.converted(legacy))
            #expect(verdict.isEquivalent)
            return verdict.work
        }
        let often = try work("checkpoint_config: {interval: 5, by_epoch: false}\n")
        let once = try work("checkpoint_config: {interval: 1500, by_epoch: false}\n")
        #expect(often.events <= once.events + 64, "saving every 5 iterations: \(often.events) events one by one, against \(once.events)")
        #expect(often.bulkIterations >= 1400)
    }
}
