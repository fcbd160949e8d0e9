import HookMigrateCore

/// Turns one updater-hook config (`lr_config`, `momentum_config`) into schedulers and records.
///
/// The lr and momentum planners read their config the same way — the policy name resolved as MMCV does, the
/// arguments checked against the hook's, the warmup and `by_epoch` validated — and share the translations of
/// the policies both hooks have (`UpdaterSchedulePlanner+Annealing.swift`). Each planner supplies only how its
/// policies are read (`parsePolicy`) and what they become (`planSchedulers`).
protocol UpdaterSchedulePlanner {
    /// A policy of this hook as MMCV 1.7.2 builds it, validated.
    associatedtype Policy

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

    /// The policy's own arguments, validated as its hook's constructor does.
    func parsePolicy(_ stem: String, hook: String) throws -> Policy

    /// The schedulers and records of a policy MMCV builds.
    mutating func planSchedulers(_ policy: Policy, stem: String, warmup: LegacyWarmup?, byEpoch: Bool) throws
}

extension UpdaterSchedulePlanner {
    /// The rule's id, which is its legacy key.
    var id: String { Self.kind.configKey }

    /// The whole of a rule's `apply`: `<key>: None` is recorded with `whenNone`; a mapping is planned and its
    /// schedulers appended to `param_scheduler`; a config MMCV rejects becomes one manual step (ending "or
    /// `instead`") and no schedulers.
    static func convert(_ context: inout MigrationContext, whenNone: String, instead: String) throws {
        let id = kind.configKey
        guard let node = context.legacyNode(id) else { return }
        context.consume(id)
        let keyLocation = context.legacyKeyLocation(id)
        if node.isNull {
            context.change(id, id, to: nil, whenNone, at: keyLocation)
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
        do {
            try planner.run()
        } catch let rejection as ScheduleRejection {
            planner.plan = SchedulePlan()
            planner.plan.record(.manualStep, id, "MMCV rejects this \(id): \(rejection.message). The legacy run fails with it; fix the legacy config and convert again, or \(instead) (nothing was emitted)",
                                at: rejection.location, role: nil)
        }
        // --compat: an E.6 form (the built-in chain names a non-equivalence), or a warmup in epochs whose chain
        // needs the iterations per epoch, which were not given.
        let epochWarmupWithoutLength = context.options.itersPerEpoch == nil && mapping["warmup_by_epoch"]?.scalar == .bool(true)
            && planner.plan.records.contains(where: { $0.kind != .change })
        if Self.kind.configKey == LrConfigRule.id,
           planner.plan.records.contains(where: { $0.kind == .nonEquivalence }) || epochWarmupWithoutLength,
           let compat = CompatSchedulePlan.plan(mapping, loop: context.loop, location: node.location ?? keyLocation) {
            if context.options.compat {
                planner.plan = compat
                CompatSchedulePlan.addImport(&context)
            } else {
                planner.plan.record(.warning, id, "rerun with --compat for an exact conversion: hookmigrate's compat module computes MMCV's own lr for this form (MMCVLrUpdaterLR, written beside the converted config; docs/compat.md)",
                                    at: node.location ?? keyLocation, role: nil)
            }
        }
        planner.plan.commit(to: &context, rule: id, source: id)
    }

    /// Reads the config in the order MMCV's hook does and plans its schedulers; throws `ScheduleRejection` for
    /// a config MMCV refuses.
    mutating func run() throws {
        guard let stem = registeredStem() else { return }
        let hook = stem + Self.kind.hookSuffix
        if let unknown = arguments.unknownKeys(allowed: Self.kind.acceptedKeys(stem).sorted()).first {
            // Only the momentum hook lacks `warmup_by_epoch`.
            let hint = unknown == "warmup_by_epoch" ? "; momentum warmups are always in iterations" : ""
            throw ScheduleRejection("\(hook) takes no argument `\(unknown)` (TypeError: unexpected keyword argument)\(hint); remove it", at: arguments.location(unknown))
        }
        let parsed = try parsePolicy(stem, hook: hook)
        let warmup = try parseWarmup()
        let byEpoch = try readByEpoch(stem: stem, hook: hook)
        try planSchedulers(parsed, stem: stem, warmup: warmup, byEpoch: byEpoch)
    }

    /// The class-name stem MMCV looks up for the policy when it registers it; otherwise records why nothing is
    /// emitted and returns nil.
    mutating func registeredStem() -> String? {
        let kind = Self.kind
        let stem = LrConfigRule.mmcvPolicyStem(policy)
        if kind.mmcvPolicies.contains(stem) || kind.simulatedDownstreamPolicies.contains(stem) { return stem }
        if let downstream = kind.downstreamPolicies.first(where: { $0.stem == stem }) {
            plan.record(.manualStep, arguments.path("policy"),
                        "policy '\(policy)' is not an MMCV policy: it is registered by \(downstream.owner). Convert it with that package's own migration to MMEngine (its successor's scheduler) — nothing was emitted",
                        at: policyLocation, role: nil)
        } else {
            plan.record(.manualStep, arguments.path("policy"),
                        "MMCV has no \(kind.valueName) policy '\(policy)': it looks up `\(stem)\(kind.hookSuffix)`, which MMCV does not register\(kind.registeredPoliciesNote), so MMCV itself rejects this policy name\(LrConfigRule.spellingHint(policy, known: kind.mmcvPolicies)). If a package of yours registers it, convert it by hand; nothing was emitted",
                        at: policyLocation, role: nil)
        }
        return nil
    }

    /// `by_epoch` as written (an explicit None is False to MMCV), else the hook's default: True, False for Cyclic
    /// and OneCycle, which accept nothing else; IterBasedRunner makes the lr hook's default False (A.0).
    func readByEpoch(stem: String, hook: String) throws -> Bool {
        let byEpoch: Bool
        if arguments.contains("by_epoch") {
            byEpoch = try arguments.bool("by_epoch") ?? false
        } else {
            let runnerSaysIteration = span.kind == .iteration && Self.kind.iterationRunnerDefaultsToByIteration
            byEpoch = stem != "Cyclic" && stem != "OneCycle" && !runnerSaysIteration
        }
        if byEpoch, stem == "Cyclic" || stem == "OneCycle" {
            throw ScheduleRejection("\(hook) supports only by_epoch=False (MMCV asserts it)", at: arguments.location("by_epoch"))
        }
        return byEpoch
    }
}
