import Foundation
import HookMigrate
import HookMigrateCore
import HookMigrateRuntime
import HookMigrateTestSupport
import Testing

/// The proof's bulk path (quiet spans in bulk, `TraceEquivalence.Strategy.spans`, what `convert` runs) and
/// the event-by-event path (`events`) reach the same outcome — the same verdict text, divergence, context and
/// counts included, and the same rule tallies — for every conversion fixture and for a deterministic sample
/// of the real-config corpus, at several epoch lengths. (The fixtures' own epoch length is also checked by
/// `ValidationVerdictGoldenTests`, which replays both runs event by event.)
///
/// Debug builds run the event-by-event path at a few tens of microseconds an iteration, so runs longer than
/// `iterationCap` at a given epoch length are shortened to it (their training length only; intervals,
/// schedules and everything else as written). `hookmigrate-bench parity DIR` runs the same comparison over
/// the whole corpus at full length in a release build.
@Suite struct SpanProofParityTests {
    static let lengths = [1, 7, 10, 97, 1000]
    static let iterationCap = 2000

    /// The outcome, as people and the verdict file see it, and the rule tallies.
    static func summary(_ outcome: Validator.Outcome) -> String {
        var rules: [EquivalenceRule: Int] = [:]
        switch outcome {
        case .equivalent(let used), .notEquivalent(_, let used): rules = used
        case .notProven: break
        }
        return ValidationRenderer.text(outcome) + rules.keys.sorted().map { "\($0.rawValue)x\(rules[$0] ?? 0)" }.joined(separator: " ")
    }

    /// The legacy config with its training length cut to about `cap` iterations at `length` per epoch.
    static func capped(_ config: ConfigMapping, length: Int, cap: Int) -> ConfigMapping {
        var config = config
        func int(_ node: ConfigNode?) -> Int? {
            if case .scalar(.int(let value))? = node?.value { return value }
            return nil
        }
        if var runner = config["runner"]?.mapping {
            if let iters = int(runner["max_iters"]), iters > cap { runner["max_iters"] = ConfigNode(.int(cap)) }
            if let epochs = int(runner["max_epochs"]), epochs > max(1, cap / length) { runner["max_epochs"] = ConfigNode(.int(max(1, cap / length))) }
            config["runner"] = ConfigNode(runner)
        }
        if let iters = int(config["total_iters"]), iters > cap { config["total_iters"] = ConfigNode(.int(cap)) }
        if let epochs = int(config["total_epochs"]), epochs > max(1, cap / length) { config["total_epochs"] = ConfigNode(.int(max(1, cap / length))) }
        return config
    }

    /// Proves `legacy` both ways at `length` iterations per epoch; records an issue when they differ.
    /// Returns whether a proof was made (the config converts).
    @discardableResult
    static func agree(_ legacy: ConfigMapping, length: Int, distributed: Bool = false, name: String) -> Bool {
        let config = capped(legacy, length: length, cap: iterationCap)
        guard let result = try? Translator(options: MigrationOptions(itersPerEpoch: length, distributed: distributed))
            .translate(config, at: SourceLocation(file: name, line: 1, column: 1)) else { return false }
        let converted = result.config.mapping ?? ConfigMapping()
        let settings = SimulationSettings(itersPerEpoch: length, distributed: distributed)
        let spans = Validator(settings: settings, strategy: .spans).validate(legacy: config, converted: converted, name: name).outcome
        let events = Validator(settings: settings, strategy: .events).validate(legacy: config, converted: converted, name: name).outcome
        #expect(summary(spans) == summary(events), "\(name) at L=\(length): the bulk path and the event-by-event path differ")
        return true
    }

    @Test func everyFixtureAgreesAtSeveralEpochLengths() throws {
        var proofs = 0
        for name in Golden.cases(in: ValidationVerdictGoldenTests.root) {
            let directory = ValidationVerdictGoldenTests.root + "/" + name
            let options = try ConvertFixture.options(directory)
            var legacy = try ConfigLoader().load(ConvertFixture.input(directory)).root
            if legacy["optimizer"].map({ !$0.isNull }) == true, legacy["optimizer_config"] == nil {
                legacy["optimizer_config"] = ConfigNode(ConfigMapping(["grad_clip": ConfigNode(.null)]))
            }
            for length in [1, 7, 97] where Self.agree(legacy, length: length, distributed: options.distributed, name: name) { proofs += 1 }
        }
        #expect(proofs >= 3 * 250)
    }

    /// Models that step their optimizers on a pattern (every k-th iteration, k times per iteration, from an
    /// iteration on) keep that pattern in their quiet spans: the bulk path must count their steps, keep their
    /// values as context and find a divergence exactly where the event-by-event path does.
    @Test func steppingPatternsAgreeBothWays() throws {
        let optimizers = "optimizers: {generator: {type: Adam, lr: 0.001, betas: [0.9, 0.999]}, discriminator: {type: Adam, lr: 0.001, betas: [0.5, 0.999]}}\n"
        let run = "total_iters: 1500\nlog_config: {interval: 7, hooks: [{type: TextLoggerHook}]}\ncheckpoint_config: {interval: 400, by_epoch: false}\n"
        let models = [
            // SRGAN family: the generator at i % 3 == 0 from iteration 10.
            "model: {type: SRGAN}\ntrain_cfg: {disc_steps: 3, disc_init_steps: 10}\n",
            // Inpaintors: the generator at (i + 1) % 5 == 0.
            "model: {type: DeepFillv1Inpaintor}\ntrain_cfg: {disc_step: 5}\n",
            // TTSR: the discriminator 3 times at every iteration from 20 on.
            "model: {type: TTSR}\ntrain_cfg: {disc_steps: 3, fix_iter: 20}\n",
        ]
        let schedules = [
            // Values that change at every iteration.
            "lr_config: {policy: CosineRestart, periods: [700, 800], restart_weights: [1, 0.5], min_lr: 1.0e-6, by_epoch: false}\n",
            // A binding min_lr: the runs diverge at iteration 1000 (schedules.md E.6), inside a span.
            "lr_config: {policy: Step, step: [1000], gamma: 0.1, min_lr: 0.0005, by_epoch: false}\n",
        ]
        var proofs = 0
        for (index, model) in models.enumerated() {
            for (kind, schedule) in schedules.enumerated() {
                let text = model + optimizers + run + schedule
                let root = try YAMLReader().read(SourceText(path: "stepping.yaml", text: text))
                let legacy = try root.mapping("<root>")
                for length in [7, 97] where Self.agree(legacy, length: length, name: "stepping-\(index)-\(kind)") { proofs += 1 }
            }
        }
        #expect(proofs == models.count * schedules.count * 2)
    }

    /// An optimizer that accumulates gradients (`cumulative_iters`) steps at every window's last iteration;
    /// quiet spans carry that as a periodic pattern. Hooks that emit at every iteration before the optimizer
    /// hook (an EMA or EmptyCacheHook of higher priority) keep the old path (a boundary per window); both
    /// must agree with the event-by-event path, a divergence inside a span (a binding min_lr) included.
    @Test func accumulatingOptimizersAgreeBothWays() throws {
        let runners = [
            "runner: {type: IterBasedRunner, max_iters: 1500}\ncheckpoint_config: {interval: 400, by_epoch: false}\n",
            "runner: {type: EpochBasedRunner, max_epochs: 3}\ncheckpoint_config: {interval: 1}\n",
        ]
        let hooks = [
            "",
            "custom_hooks: [{type: EMAHook, momentum: 0.0002, priority: 49}, {type: EmptyCacheHook, after_iter: true}]\n",
            "custom_hooks: [{type: EmptyCacheHook, after_iter: true, priority: 10}]\n",
        ]
        let schedules = [
            "lr_config: {policy: poly, power: 0.9, min_lr: 0.0001, by_epoch: false, warmup: linear, warmup_iters: 30}\n",
            // An lr above the floor (equivalent), and a binding floor: the runs diverge at iteration 1000, inside a span.
            "lr_config: {policy: Step, step: [1000], gamma: 0.1, min_lr: 0.0005, by_epoch: false}\n",
            "lr_config: {policy: Step, step: [1000], gamma: 0.1, min_lr: 0.002, by_epoch: false}\n",
        ]
        let base = "optimizer: {type: SGD, lr: 0.01, momentum: 0.9}\noptimizer_config: {type: GradientCumulativeOptimizerHook, cumulative_iters: 3}\n"
            + "log_config: {interval: 7, hooks: [{type: TextLoggerHook, by_epoch: false}]}\n"
        var proofs = 0
        for (r, runner) in runners.enumerated() {
            for (h, hook) in hooks.enumerated() {
                for (k, schedule) in schedules.enumerated() {
                    let root = try YAMLReader().read(SourceText(path: "accumulating.yaml", text: base + runner + hook + schedule))
                    let legacy = try root.mapping("<root>")
                    for length in [7, 500] where Self.agree(legacy, length: length, name: "accumulating-\(r)-\(h)-\(k)") { proofs += 1 }
                }
            }
        }
        #expect(proofs == runners.count * hooks.count * schedules.count * 2)
    }

    /// Poly schedules, whose quiet spans `PolySpanBound` compares symbolically: random powers, floors, lrs,
    /// lengths and warmups, each proven both ways as converted and with the converted PolyLR put off in its
    /// power, floor or end (a non-equivalence the bulk path must find where the event-by-event path does).
    @Test func randomPolySchedulesAgreeBothWays() throws {
        var random = SplitMix(seed: 0x5EED_1357)
        var proofs = 0
        var differing = 0
        for index in 0..<40 {
            let lr = [0.01, 0.004, 6e-5, 0.02][index % 4] * Double(Int.random(in: 1...3, using: &random))
            let power = [0.9, 1.0, 2.0, 0.5][Int.random(in: 0..<4, using: &random)]
            let floor = [0.0, 1e-4, lr * 0.01][Int.random(in: 0..<3, using: &random)]
            let iterations = Int.random(in: 200...1800, using: &random)
            let warmup = Bool.random(using: &random) ? ", warmup: linear, warmup_iters: \(Int.random(in: 5...50, using: &random)), warmup_ratio: 0.1" : ""
            let text = """
            optimizer: {type: SGD, lr: \(String(format: "%.14f", lr)), momentum: 0.9}
            optimizer_config: {}
            lr_config: {policy: poly, power: \(power), min_lr: \(String(format: "%.14f", floor)), by_epoch: false\(warmup)}
            runner: {type: IterBasedRunner, max_iters: \(iterations)}
            checkpoint_config: {by_epoch: false, interval: \(iterations / 4)}
            log_config: {interval: \(Int.random(in: 7...60, using: &random)), hooks: [{type: TextLoggerHook, by_epoch: false}]}
            """
            let legacy = try YAMLReader().read(SourceText(path: "poly.yaml", text: text)).mapping("<root>")
            guard let result = try? Translator(options: MigrationOptions(itersPerEpoch: 10)).translate(legacy, at: SourceLocation(file: "poly.yaml", line: 1, column: 1)) else { continue }
            var converted = result.config.mapping ?? ConfigMapping()
            let mutation = Int.random(in: 0..<4, using: &random)
            if mutation > 0, var schedulers = converted["param_scheduler"]?.list?.items, let last = schedulers.indices.last, var poly = schedulers[last].mapping {
                switch mutation {
                case 1: poly["power"] = ConfigNode(.float(power * (1 + 1e-6)))
                case 2: poly["eta_min"] = ConfigNode(.float(floor + lr * 1e-6))
                default:
                    if case .scalar(.int(let end))? = poly["end"]?.value { poly["end"] = ConfigNode(.int(end - 1)) }
                }
                schedulers[last] = ConfigNode(poly)
                converted["param_scheduler"] = ConfigNode(ConfigList(schedulers))
            }
            let settings = SimulationSettings(itersPerEpoch: 10)
            let spans = Validator(settings: settings, strategy: .spans).validate(legacy: legacy, converted: converted, name: "poly-\(index)").outcome
            let events = Validator(settings: settings, strategy: .events).validate(legacy: legacy, converted: converted, name: "poly-\(index)").outcome
            #expect(Self.summary(spans) == Self.summary(events), "poly-\(index) (mutation \(mutation)): \(text)")
            if case .notEquivalent = events { differing += 1 }
            proofs += 1
        }
        #expect(proofs == 40)
        // Both outcomes occur.
        #expect(differing > 5 && differing < proofs - 5, "\(differing) of \(proofs) not equivalent")
    }

    /// Cosine schedules, whose quiet spans `CosineSpanBound` compares symbolically (as far as its bound holds):
    /// random CosineRestart and CosineAnnealing schedules by iteration, floors (zero included, where the bound
    /// gives way near each period's end), lrs, lengths and warmups, each proven both ways as converted and with
    /// the converted scheduler put off inside its long spans — `eta_min`, a period one iteration longer, the
    /// schedule one iteration late, a restart weight — a non-equivalence the bulk path must find where the
    /// event-by-event path does.
    @Test func randomCosineSchedulesAgreeBothWays() throws {
        var random = SplitMix(seed: 0xC051_4E5)
        var proofs = 0
        var differing = 0
        for index in 0..<40 {
            let lr = [2e-4, 1e-4, 4e-4, 0.01][index % 4] * Double(Int.random(in: 1...3, using: &random))
            let floor = [0.0, 1e-7, lr * 0.01][Int.random(in: 0..<3, using: &random)]
            let restart = index % 2 == 0
            let periods = (0..<Int.random(in: 1...3, using: &random)).map { _ in Int.random(in: 150...700, using: &random) }
            let iterations = restart ? periods.reduce(0, +) : Int.random(in: 300...1800, using: &random)
            let weights = periods.map { _ in [1.0, 0.5][Int.random(in: 0..<2, using: &random)] }
            let policy = restart
                ? "policy: CosineRestart, periods: \(periods), restart_weights: \(weights)"
                : "policy: CosineAnnealing"
            let warmup = Bool.random(using: &random) ? ", warmup: linear, warmup_iters: \(Int.random(in: 5...50, using: &random)), warmup_ratio: 0.1" : ""
            let text = """
            optimizer: {type: Adam, lr: \(String(format: "%.14f", lr)), betas: [0.9, 0.999]}
            optimizer_config: {}
            lr_config: {\(policy), min_lr: \(String(format: "%.14f", floor)), by_epoch: false\(warmup)}
            runner: {type: IterBasedRunner, max_iters: \(iterations)}
            checkpoint_config: {by_epoch: false, interval: \(Int.random(in: 50...400, using: &random))}
            log_config: {interval: \(Int.random(in: 7...100, using: &random)), hooks: [{type: TextLoggerHook, by_epoch: false}]}
            """
            let legacy = try YAMLReader().read(SourceText(path: "cosine.yaml", text: text)).mapping("<root>")
            guard let result = try? Translator(options: MigrationOptions(itersPerEpoch: 10)).translate(legacy, at: SourceLocation(file: "cosine.yaml", line: 1, column: 1)) else { continue }
            var converted = result.config.mapping ?? ConfigMapping()
            // Half as converted, half put off in one respect.
            let mutation = Swift.max(0, Int.random(in: -3..<5, using: &random))
            if mutation > 0, var schedulers = converted["param_scheduler"]?.list?.items,
               let position = schedulers.firstIndex(where: { $0.mapping?["type"]?.description.contains("Cosine") == true }),
               var cosine = schedulers[position].mapping {
                switch mutation {
                case 1: cosine["eta_min"] = ConfigNode(.float(floor + lr * 1e-6))
                case 2:
                    if restart {
                        var longer = periods
                        longer[0] += 1
                        cosine["periods"] = ConfigNode(ConfigList(longer.map { ConfigNode(.int($0)) }))
                    } else if case .scalar(.int(let tMax))? = cosine["T_max"]?.value {
                        cosine["T_max"] = ConfigNode(.int(tMax + 1))
                    }
                case 3: cosine["begin"] = ConfigNode(.int(1))
                default:
                    if restart {
                        cosine["restart_weights"] = ConfigNode(ConfigList(weights.map { ConfigNode(.float($0 * (1 - 1e-6))) }))
                    } else {
                        cosine["eta_min"] = ConfigNode(.float(floor * (1 + 1e-6) + 1e-15))
                    }
                }
                schedulers[position] = ConfigNode(cosine)
                converted["param_scheduler"] = ConfigNode(ConfigList(schedulers))
            }
            let settings = SimulationSettings(itersPerEpoch: 10)
            let spans = Validator(settings: settings, strategy: .spans).validate(legacy: legacy, converted: converted, name: "cosine-\(index)").outcome
            let events = Validator(settings: settings, strategy: .events).validate(legacy: legacy, converted: converted, name: "cosine-\(index)").outcome
            #expect(Self.summary(spans) == Self.summary(events), "cosine-\(index) (mutation \(mutation)): \(text)")
            if case .notEquivalent = events { differing += 1 }
            proofs += 1
        }
        #expect(proofs == 40)
        // Both outcomes occur.
        #expect(differing > 5 && differing < proofs - 5, "\(differing) of \(proofs) not equivalent")
    }

    @Test func aCorpusSampleAgreesAtSeveralEpochLengths() throws {
        let files = CorpusConversionTests.legacyJSON()
        guard !files.isEmpty else { return } // no corpus beside the project: nothing to sample
        var configs = 0
        var proofs = 0
        // Every 7th config in path order (200 of the 1395), each at two of the epoch lengths in turn.
        for (index, path) in files.enumerated() where index % 7 == 0 {
            guard let legacy = try? ConfigLoader().load(path).root else { continue }
            configs += 1
            let first = (index / 7) % Self.lengths.count
            for length in [Self.lengths[first], Self.lengths[(first + 2) % Self.lengths.count]]
                where Self.agree(legacy, length: length, name: path) { proofs += 1 }
        }
        #expect(configs >= 200)
        #expect(proofs >= 2 * 195)
    }
}
