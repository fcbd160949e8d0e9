import HookMigrateCore
import HookMigrateRuntime

/// The proof step: runs the legacy config through the MMCV adapter runner and the converted config through
/// the new Runner over the same simulated workload, and compares their traces under the equivalence rules.
public struct Validator: Sendable {
    /// The workload.
    public var settings: SimulationSettings
    /// Float tolerance.
    public var tolerance: Tolerance
    /// Builds MMCV lr/momentum hooks; `nil` when this build cannot simulate them.
    public var legacySchedules: LegacyParamHookFactory?
    /// Builds MMEngine parameter schedulers; `nil` when this build cannot simulate them.
    public var modernSchedules: ModernSchedulerFactory?
    /// How the two runs are compared: quiet spans in bulk (the default) or event by event. Both give the same
    /// outcome; the event-by-event path is kept as the reference the bulk path is tested against.
    public var strategy: TraceEquivalence.Strategy
    /// The most work the proof may do (`ProofBudget`); beyond it the outcome is "not proven — too long to
    /// simulate".
    public var budget: ProofBudget

    /// Creates a validator.
    public init(settings: SimulationSettings = SimulationSettings(), tolerance: Tolerance = Tolerance(),
                legacySchedules: LegacyParamHookFactory? = ScheduleFactories.legacy,
                modernSchedules: ModernSchedulerFactory? = ScheduleFactories.modern,
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
    }

    /// Validates a conversion.
    public func validate(legacy: ConfigMapping, converted: ConfigMapping, name: String) -> Result {
        if legacySchedules == nil || modernSchedules == nil,
           legacy["lr_config"].map({ !$0.isNull }) == true || legacy["momentum_config"].map({ !$0.isNull }) == true {
            return Result(outcome: .notProven("this build cannot simulate lr_config/momentum_config schedules yet, so the learning-rate schedule is not checked"))
        }
        // An optimizer with no OptimizerHook (optimizer_config None or absent: MMCV registers none) is
        // stepped by the model's own train_step (or, absent, the train script fails), as are several
        // named optimizers.
        if legacy["optimizer"].map({ !$0.isNull }) == true, legacy["optimizer_config"] == nil {
            return Result(outcome: .notProven("the legacy config has an optimizer but no optimizer_config: mmdet/mmcls-style train scripts fail on it (cfg.optimizer_config), mmgen-style ones register no OptimizerHook and leave the stepping to the model; the simulators model framework-driven optimizer steps only"))
        }
        if legacy["optimizer_config"]?.isNull == true || legacy["optimizers"] != nil
            || (converted["optim_wrapper"]?.mapping.map { $0["optimizer"] == nil } ?? false) {
            return Result(outcome: .notProven("the model steps its own optimizers (optimizer_config: None, or several named optimizers); the simulators model framework-driven optimizer steps only"))
        }
        if let type = legacy["checkpoint_config"]?.mapping?["type"]?.scalar?.stringValue, type != "CheckpointHook" {
            return Result(outcome: .notProven("checkpoint_config names a custom checkpoint hook (\(type)) whose behaviour is not simulated"))
        }
        guard converted["train_cfg"] != nil else {
            return Result(outcome: .notProven("the converted config has no train_cfg (the legacy config states no training length)"))
        }
        do {
            var modernSettings = settings
            modernSettings.distributed = false
            let legacyRunner = try LegacyRunner(config: legacy, settings: settings, paramHooks: legacySchedules)
            let newRunner = try ModernRunner(config: converted, settings: modernSettings, schedulers: modernSchedules)
            let verdict = try comparison(legacy: legacy).compare(legacy: legacyRunner, new: newRunner, iterationRun: Self.iterationRun(converted))
            let outcome: Outcome = verdict.divergence.map { .notEquivalent($0, rules: verdict.rulesUsed) } ?? .equivalent(rules: verdict.rulesUsed)
            return Result(outcome: outcome)
        } catch let error as ProofBudgetExceeded {
            return Result(outcome: .notProven(error.description))
        } catch let error as RunLengthError {
            return Result(outcome: .notProven(error.description))
        } catch let error as ConfigError {
            return Result(outcome: .notProven("a runner could not be built: \(error.message) (\(error.location?.description ?? "no location"))"))
        } catch {
            return Result(outcome: .notProven("a runner failed: \(error)"))
        }
    }
}

extension Validator {
    /// The comparison for a legacy config: this validator's tolerance, whether the legacy run was
    /// distributed, and whether it had a logger hook (`log_config` absent, None or with no hooks: none).
    public func comparison(legacy: ConfigMapping) -> TraceEquivalence {
        let logConfig = legacy["log_config"]
        let legacyLogs = logConfig.map { !$0.isNull && ($0.mapping?["hooks"]?.list.map { !$0.items.isEmpty } ?? true) } ?? false
        return TraceEquivalence(tolerance: tolerance, distributed: settings.distributed, legacyLogs: legacyLogs, strategy: strategy, budget: budget)
    }

    /// Whether a converted config trains by iteration (its events are compared by iteration, R3).
    public static func iterationRun(_ converted: ConfigMapping) -> Bool {
        converted["train_cfg"]?.mapping?["type"]?.scalar?.stringValue == "IterBasedTrainLoop"
            || converted["train_cfg"]?.mapping?["by_epoch"]?.scalar == .bool(false)
    }
}

/// The schedule simulators this build has.
public enum ScheduleFactories {
    /// MMCV lr/momentum hooks.
    public static let legacy: LegacyParamHookFactory? = SimulatedSchedules.legacy
    /// MMEngine schedulers.
    public static let modern: ModernSchedulerFactory? = SimulatedSchedules.modern
}
