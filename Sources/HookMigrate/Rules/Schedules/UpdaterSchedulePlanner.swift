import HookMigrateCore
import HookMigrateRuntime

/// Turns one updater-hook config (`lr_config`, `momentum_config`) into schedulers and records.
///
/// The config is read once, by the runtime's `LegacyUpdaterConfig` (the reading the legacy simulator runs):
/// the policy name resolved as MMCV does, the arguments checked against the hook's, `by_epoch`, the policy's
/// arguments and the warmup. A refusal of the hook's constructor (`ConfigError.Code.rejected`) becomes one
/// manual step. The lr and momentum planners share the translations of the policies both hooks have
/// (`UpdaterSchedulePlanner+Annealing.swift`); each supplies only what its policies become (`planSchedulers`).
protocol UpdaterSchedulePlanner {
    /// A policy of this hook as MMCV 1.7.2 builds it (`LegacyLrPolicy`, `LegacyMomentumPolicy`).
    associatedtype Policy: Sendable & Hashable
    /// The records of the rule the planner serves (`LrConfigRule.Records`, `MomentumConfigRule.Records`).
    associatedtype Records: UpdaterRecordCode

    /// Which hook the planner reads.
    static var kind: UpdaterHookKind { get }

    init(arguments: LegacyHookArguments, policy: String, policyLocation: SourceLocation?, span: ScheduleSpan,
         optimizer: LegacyOptimizerFacts, plan: SchedulePlan)

    var arguments: LegacyHookArguments { get }
    /// `policy` as written.
    var policy: String { get }
    var policyLocation: SourceLocation? { get }
    var span: ScheduleSpan { get }
    var optimizer: LegacyOptimizerFacts { get }
    var plan: SchedulePlan { get set }

    /// Reads the config as MMCV does (`LegacyUpdaterConfig.parse`).
    func read() throws -> LegacyUpdaterConfig<Policy>

    /// The schedulers and records of the hook MMCV builds.
    mutating func planSchedulers(_ config: LegacyUpdaterConfig<Policy>) throws
}

extension UpdaterSchedulePlanner {
    /// The rule's id, which is its legacy key.
    var id: String { Self.kind.configKey }

    /// The whole of a rule's `apply`: `<key>: None` is recorded with `whenNone`; a mapping is planned and its
    /// schedulers appended to `param_scheduler`; a config MMCV rejects becomes one manual step (ending "or
    /// `instead`") and no schedulers, and so does a value MMCV's `get_lr` fails to compute for this run
    /// (`ScheduleRuntimeError`).
    static func convert(_ context: inout MigrationContext, whenNone: String, instead: String) throws {
        let id = kind.configKey
        guard let node = context.legacyNode(id) else { return }
        context.consume(id)
        let keyLocation = context.legacyKeyLocation(id)
        if node.isNull {
            context.change(Records.noHook, id, to: nil, whenNone, at: keyLocation)
            return
        }
        let mapping = try node.mapping(ConfigPath(id))
        let arguments = LegacyHookArguments(mapping: mapping, path: ConfigPath(id), location: node.location ?? keyLocation)
        guard let policyNode = mapping["policy"] else {
            throw ConfigError(.missingKey, "`\(id).policy` is required (MMCV asserts 'policy' in \(id))", at: node.location ?? keyLocation)
        }
        let policy = try policyNode.string(ConfigPath(id).appending("policy"))
        var planner = Self(arguments: arguments, policy: policy, policyLocation: policyNode.location,
                           span: ScheduleSpan(loop: context.loop, itersPerEpoch: context.options.itersPerEpoch),
                           optimizer: LegacyOptimizerFacts(context), plan: SchedulePlan())
        var parsed: LegacyUpdaterConfig<Policy>?
        do {
            parsed = try planner.run()
        } catch let rejection as ConfigError where rejection.code == .rejected {
            planner.plan = SchedulePlan()
            planner.plan.record(Records.rejected, .manualStep, id, "MMCV rejects this \(id): \(rejection.message). The legacy run fails with it; fix the legacy config and convert again, or \(instead) (nothing was emitted)",
                                at: rejection.location, role: nil)
        } catch let failure as ScheduleRuntimeError {
            // A value the runtime's own `get_lr` cannot compute for this run (the translation reads values from
            // it): the legacy run raises the same exception when it reaches that step.
            planner.plan = SchedulePlan()
            planner.plan.record(Records.rejectedAtRunTime, .manualStep, id, "MMCV rejects this \(id): at run time: \(failure). The legacy run fails with it; fix the legacy config and convert again, or \(instead) (nothing was emitted)",
                                at: node.location ?? keyLocation, role: nil)
        }
        // --compat: an E.6 form (the built-in chain names a non-equivalence), or a warmup in epochs whose chain
        // needs the iterations per epoch, which were not given.
        let epochWarmupWithoutLength = context.options.itersPerEpoch == nil && parsed?.warmupByEpoch == true
            && planner.plan.records.contains(where: { $0.kind != .change })
        if Self.kind.configKey == LrConfigRule.id,
           planner.plan.records.contains(where: { $0.kind == .nonEquivalence }) || epochWarmupWithoutLength,
           let lrConfig = parsed as? LegacyUpdaterConfig<LegacyLrPolicy>,
           let compat = CompatSchedulePlan.plan(lrConfig, mapping, loop: context.loop, location: node.location ?? keyLocation) {
            if context.options.compat {
                planner.plan = compat
                CompatSchedulePlan.addImport(&context)
            } else {
                planner.plan.record(LrConfigRule.Records.compatAvailable, .warning, id, "rerun with --compat for an exact conversion: hookmigrate's compat module computes MMCV's own lr for this form (MMCVLrUpdaterLR, written beside the converted config; docs/compat.md)",
                                    at: node.location ?? keyLocation, role: nil)
            }
        }
        planner.plan.commit(to: &context, source: id)
    }

    /// Reads the config as MMCV's hook does and plans its schedulers; returns what was read (`nil` for a policy
    /// MMCV does not register); throws a `.rejected` `ConfigError` for a config MMCV refuses.
    mutating func run() throws -> LegacyUpdaterConfig<Policy>? {
        guard registeredStem() != nil else { return nil }
        try arguments.requireCountsInRange()
        let config = try read()
        try planSchedulers(config)
        return config
    }

    /// The class-name stem MMCV looks up for the policy when it registers it; otherwise records why nothing is
    /// emitted and returns nil.
    mutating func registeredStem() -> String? {
        let kind = Self.kind
        let stem = LegacyPolicyName.stem(of: policy)
        if kind.mmcvPolicies.contains(stem) || kind.simulatedDownstreamPolicies.contains(stem) { return stem }
        if let downstream = kind.downstreamPolicies.first(where: { $0.stem == stem }) {
            plan.record(Records.downstreamPolicy, .manualStep, arguments.path("policy"),
                        "policy '\(policy)' is not an MMCV policy: it is registered by \(downstream.owner). Convert it with that package's own migration to MMEngine (its successor's scheduler) — nothing was emitted",
                        at: policyLocation, role: nil)
        } else {
            plan.record(Records.unknownPolicy, .manualStep, arguments.path("policy"),
                        "MMCV has no \(kind.valueName) policy '\(policy)': it looks up `\(stem)\(kind.hookSuffix)`, which MMCV does not register\(kind.registeredPoliciesNote), so MMCV itself rejects this policy name\(LrConfigRule.spellingHint(policy, known: kind.mmcvPolicies)). If a package of yours registers it, convert it by hand; nothing was emitted",
                        at: policyLocation, role: nil)
        }
        return nil
    }
}
