import HookMigrateCore
import HookMigrateRuntime

/// The proof step: runs the legacy config through the MMCV adapter runner and the converted config through
/// the new Runner over the same simulated workload, and compares their traces under the equivalence rules.
public struct Validator: Sendable {
    /// The workload.
    public var settings: SimulationSettings
    /// Float tolerance.
    public var tolerance: Tolerance
    /// Builds MMCV lr/momentum hooks.
    public var legacySchedules: LegacyParamHookFactory
    /// Builds MMEngine parameter schedulers.
    public var modernSchedules: ModernSchedulerFactory
    /// How the two runs are compared: quiet spans in bulk (the default) or event by event. Both give the same
    /// outcome; the event-by-event path is kept as the reference the bulk path is tested against.
    public var strategy: TraceEquivalence.Strategy
    /// The most work the proof may do (`ProofBudget`); beyond it the outcome is "not proven — too long to
    /// simulate".
    public var budget: ProofBudget
    /// What is compared beyond the equivalence rules (default: every stream, every value, exactly).
    public var scope: ComparisonScope = .full

    /// Creates a validator.
    public init(settings: SimulationSettings = SimulationSettings(), tolerance: Tolerance = Tolerance(),
                legacySchedules: @escaping LegacyParamHookFactory = SimulatedSchedules.legacy,
                modernSchedules: @escaping ModernSchedulerFactory = SimulatedSchedules.modern,
                strategy: TraceEquivalence.Strategy = .spans, budget: ProofBudget = .standard) {
        self.settings = settings
        self.tolerance = tolerance
        self.legacySchedules = legacySchedules
        self.modernSchedules = modernSchedules
        self.strategy = strategy
        self.budget = budget
    }

    /// The outcome of validating one conversion.
    public enum Outcome: Sendable, Equatable {
        /// Equivalent; `rules` lists the equivalence rules applied and how often.
        case equivalent(rules: [EquivalenceRule: Int])
        /// Not equivalent: the first divergence.
        case notEquivalent(EquivalenceVerdict.Divergence, rules: [EquivalenceRule: Int])
        /// The check could not be made; says why. Never reported as equivalent.
        case notProven(String)
    }

    /// The result of a validation. The runs are compared as they stream; no trace is kept (`hookmigrate
    /// trace` writes one when wanted).
    public struct Result: Sendable {
        /// The outcome.
        public var outcome: Outcome
        /// The comparison's verdict with what each stream held; `nil` when the runs were not compared.
        public var verdict: EquivalenceVerdict?
        /// Whether another epoch length could give another outcome: false when the proof stopped, not proven,
        /// before the runs started, for a reason in the configs alone (a runner that cannot be built, no
        /// training length, a model that steps its own optimizers).
        public var dependsOnLength: Bool
        /// Whether the proof stopped because the run is longer than the simulators count or than the work
        /// budget allows ("too long to simulate").
        public var tooLong: Bool

        /// Creates a result.
        public init(outcome: Outcome, verdict: EquivalenceVerdict? = nil, dependsOnLength: Bool = true, tooLong: Bool = false) {
            self.outcome = outcome
            self.verdict = verdict
            self.dependsOnLength = dependsOnLength
            self.tooLong = tooLong
        }
    }

    /// Validates a conversion.
    public func validate(legacy: ConfigMapping, converted: ConfigMapping, name: String) -> Result {
        if let reason = Self.trainScriptBeyondMMCV(legacy) {
            return Result(outcome: .notProven(reason), dependsOnLength: false)
        }
        // Who stepped the optimizers: the framework (OptimizerHook), or the model in its train_step (mmedit,
        // mmgen, optimizer_config None with a model known to step itself): then each optimizer is followed
        // in a proof of its own.
        var steppings: [ModelStepping?] = [nil]
        // The package inference, once for every question asked of it below.
        let inference = LegacyCodebase.infer(legacy)
        switch OptimizerStepping.of(legacy, inference: inference) {
        case .notProven(let reason):
            return Result(outcome: .notProven(reason), dependsOnLength: false)
        case .model(let list):
            steppings = list
        case .framework:
            if converted["optim_wrapper"]?.mapping.map({ $0["optimizer"] == nil }) ?? false {
                return Result(outcome: .notProven("the converted optim_wrapper has no optimizer of its own (a dict of wrappers) while the legacy optimizer was stepped by the framework; the simulators cannot pair them"),
                              dependsOnLength: false)
            }
        }
        if let type = legacy["checkpoint_config"]?.mapping?["type"]?.scalar?.stringValue, type != "CheckpointHook" {
            return Result(outcome: .notProven("checkpoint_config names a custom checkpoint hook (\(type)) whose behaviour is not simulated"), dependsOnLength: false)
        }
        guard converted["train_cfg"] != nil else {
            let hasTrainData = legacy["data"]?.mapping?["train"].map { !$0.isNull } ?? false
            if !hasTrainData {
                return Result(outcome: .notProven("the converted config has no train_cfg: the legacy config has no data.train and no training length, so its train script could not have trained it as written (it builds data.train first): a test or inference config, or one completed on the command line; there is no training run to compare"),
                              dependsOnLength: false)
            }
            return Result(outcome: .notProven("the converted config has no train_cfg (the legacy config states no training length; MMCV-era train scripts read it from `runner`, or from `total_epochs` / `total_iters`, which a run could also set with --cfg-options): add runner=dict(type='EpochBasedRunner', max_epochs=N) (or total_epochs=N) to the legacy config and convert again"),
                          dependsOnLength: false)
        }
        // One proof per optimizer followed; the first that is not equivalent decides. When all are, the rules
        // applied add up, and the stream states are the first proof's.
        var combined: [EquivalenceRule: Int] = [:]
        var first: Result?
        for runSettings in proofSettings(legacy: legacy, steppings: steppings, inference: inference) {
            var result = prove(legacy: legacy, converted: converted, settings: runSettings)
            switch result.outcome {
            case .equivalent(let rules):
                for (rule, count) in rules { combined[rule, default: 0] += count }
                if first == nil { first = result }
            case .notEquivalent(var divergence, let rules):
                if let name = runSettings.modelStepping?.optimizer { divergence.stream += " (optimizer `\(name)`)" }
                result.outcome = .notEquivalent(divergence, rules: rules)
                return result
            case .notProven:
                return result
            }
        }
        guard var result = first else { return Result(outcome: .equivalent(rules: combined)) }
        result.outcome = .equivalent(rules: combined)
        return result
    }

    /// The legacy run's settings of each proof a config needs, one per optimizer followed (the framework's
    /// one optimizer, or each optimizer its model steps): this validator's workload with the model's
    /// stepping and the package's train script. Empty when who stepped the optimizers is not known (the
    /// outcome is then "not proven"). The new run takes the same settings, not distributed.
    public func proofSettings(legacy: ConfigMapping) -> [SimulationSettings] {
        switch OptimizerStepping.of(legacy) {
        case .notProven: return []
        case .framework: return proofSettings(legacy: legacy, steppings: [nil])
        case .model(let list): return proofSettings(legacy: legacy, steppings: list)
        }
    }

    /// The settings of one proof per stepping: what the legacy config says of its package (train script,
    /// evaluation key lists) is worked out once for all of them.
    func proofSettings(legacy: ConfigMapping, steppings: [ModelStepping?], inference: PackageInference? = nil) -> [SimulationSettings] {
        var shared = settings
        shared.trainScript = Self.trainScript(legacy, inference: inference)
        shared.evalKeyLists = EvaluationRule.legacyKeyLists(LegacyCodebase.guess(legacy))
        return steppings.map { stepping in
            var runSettings = shared
            runSettings.modelStepping = stepping
            return runSettings
        }
    }

    /// One proof: both runners, following the framework's optimizer or the one a model steps.
    func prove(legacy: ConfigMapping, converted: ConfigMapping, settings legacySettings: SimulationSettings) -> Result {
        let legacyRunner: LegacyRunner
        let newRunner: ModernRunner
        do {
            var modernSettings = legacySettings
            modernSettings.distributed = false
            legacyRunner = try LegacyRunner(config: legacy, settings: legacySettings, paramHooks: legacySchedules)
            newRunner = try ModernRunner(config: converted, settings: modernSettings, schedulers: modernSchedules)
        } catch let error as RunLengthError {
            return Result(outcome: .notProven(error.description), tooLong: true)
        } catch let error as ConfigError {
            return Result(outcome: .notProven("a runner could not be built: \(error.message) (\(error.location?.description ?? "no location"))"), dependsOnLength: false)
        } catch {
            return Result(outcome: .notProven("a runner failed: \(error)"))
        }
        do {
            let verdict = try comparison(legacy: legacy).compare(legacy: legacyRunner, new: newRunner, iterationRun: Self.iterationRun(converted))
            let outcome: Outcome = verdict.divergence.map { .notEquivalent($0, rules: verdict.rulesUsed) } ?? .equivalent(rules: verdict.rulesUsed)
            return Result(outcome: outcome, verdict: verdict)
        } catch let error as ProofBudgetExceeded {
            return Result(outcome: .notProven(error.description), tooLong: true)
        } catch let error as RunLengthError {
            return Result(outcome: .notProven(error.description), tooLong: true)
        } catch let error as ConfigError {
            return Result(outcome: .notProven("a runner could not be built: \(error.message) (\(error.location?.description ?? "no location"))"))
        } catch {
            return Result(outcome: .notProven("a runner failed: \(error)"))
        }
    }
}

extension Validator {
    /// What mmaction2 0.24's train script (`mmaction/apis/train.py`) did beyond MMCV for keys MMEngine ignores:
    /// omnisource training, PreciseBN and multigrid. The simulators model none of them, so such a run is never
    /// called equivalent.
    static func trainScriptBeyondMMCV(_ legacy: ConfigMapping) -> String? {
        func set(_ key: String) -> Bool {
            guard let node = legacy[key], !node.isNull else { return false }
            if case .bool(false)? = node.scalar { return false }
            return true
        }
        if DataRule.omnisource(legacy) {
            return "omnisource: mmaction2 0.24's train script built one data loader per data.train dataset and an OmniSourceRunner (a batch of every source and one optimizer step per source batch each iteration); MMEngine ignores `omnisource` and the simulators model one loader and one step per iteration"
        }
        if set("precise_bn") {
            return "precise_bn: mmaction2 0.24's train script registered PreciseBNHook (BN statistics recomputed over extra batches at its interval), which MMEngine ignores and the simulators do not model; carry it over with the successor package's hook by hand"
        }
        if set("multigrid") {
            return "multigrid: mmaction2 0.24's train script ran multigrid training (changing batch shapes, its own lr steps and SubBatchNorm aggregation), which MMEngine ignores and the simulators do not model"
        }
        return nil
    }

    /// The train script a legacy config ran under (`LegacyTrainScript.inferred`).
    static func trainScript(_ legacy: ConfigMapping, inference: PackageInference? = nil) -> LegacyTrainScript {
        LegacyTrainScript.inferred(legacy, inference: inference)
    }

    /// The comparison for a legacy config: this validator's tolerance, whether the legacy run was
    /// distributed, and whether it had a logger hook (`log_config` absent, None or with no hooks: none).
    public func comparison(legacy: ConfigMapping) -> TraceEquivalence {
        var comparison = TraceEquivalence(tolerance: tolerance, distributed: settings.distributed, legacyLogs: Self.legacyLogs(legacy), strategy: strategy, budget: budget)
        comparison.scope = scope
        return comparison
    }

    /// Whether a legacy config registers a logger hook (`log_config` absent, None or with no hooks: none).
    public static func legacyLogs(_ legacy: ConfigMapping) -> Bool {
        let logConfig = legacy["log_config"]
        return logConfig.map { !$0.isNull && ($0.mapping?["hooks"]?.list.map { !$0.items.isEmpty } ?? true) } ?? false
    }

    /// Whether a converted config trains by iteration (its events are compared by iteration, R3).
    public static func iterationRun(_ converted: ConfigMapping) -> Bool {
        converted["train_cfg"]?.mapping?["type"]?.scalar?.stringValue == "IterBasedTrainLoop"
            || converted["train_cfg"]?.mapping?["by_epoch"]?.scalar == .bool(false)
    }
}
