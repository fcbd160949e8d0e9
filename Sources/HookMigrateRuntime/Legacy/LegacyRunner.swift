import Foundation
import HookMigrateCore

/// The old-semantics adapter runner: MMCV 1.7.2's EpochBasedRunner / IterBasedRunner with the hooks an
/// mmdet 2.28.2-style `train_detector` registered (runners-and-hooks.md 1.1, 3.1, 3.2, 7.1), reporting its
/// run in MMEngine's mount-point vocabulary (docs/trace-format.md).
public struct LegacyRunner: Sendable {
    /// The run's settings.
    public let settings: SimulationSettings
    let epochRunner: Bool
    let maxEpochs: Int?
    let maxIters: Int
    let workflowHasVal: Bool
    /// The workflow's (mode, count) entries in order (`[('train', 1)]` when absent); IterBasedRunner runs
    /// them in turn, resetting `inner_iter` at each entry.
    let workflow: [WorkflowEntry]
    var hooks: [LegacyHook]
    var lrHook: (any LegacyParamHook)?
    var momentumHook: (any LegacyParamHook)?
    var groups: [ParamGroup]

    /// Assembles the runner from a resolved legacy config.
    public init(config: ConfigMapping, settings: SimulationSettings, paramHooks: LegacyParamHookFactory?) throws {
        self.settings = settings
        let length = try LegacyRunLength(config)
        if length.iterationRunner {
            epochRunner = false
            guard let iters = length.maxIters else {
                throw ConfigError(.missingKey, "the legacy runner has no max_iters", at: config.entry("runner")?.keyLocation)
            }
            maxIters = try RunLengthError.iterations(iters)
            maxEpochs = length.maxEpochs
        } else {
            epochRunner = true
            guard let epochs = length.maxEpochs else {
                throw ConfigError(.missingKey, "the legacy config states no training length (runner.max_epochs or total_epochs)", at: config.entry("runner")?.keyLocation)
            }
            maxEpochs = epochs
            maxIters = try RunLengthError.iterations(epochs: epochs, length: settings.itersPerEpoch)
        }
        let workflow = config["workflow"]?.list?.items ?? []
        workflowHasVal = workflow.contains { $0.list?.items.first?.scalar?.stringValue == "val" }
        var entries: [WorkflowEntry] = []
        for entry in workflow {
            guard let items = entry.list?.items, items.count == 2, let mode = items[0].scalar?.stringValue,
                  case .scalar(.int(let count)) = items[1].value, count > 0 else { continue }
            entries.append(WorkflowEntry(mode: mode, count: count))
        }
        self.workflow = entries.contains { $0.mode == "train" } ? entries : [WorkflowEntry(mode: "train", count: 1)]
        groups = try LegacyRunner.paramGroups(config, stepping: settings.modelStepping)

        var order = HookOrder<LegacyHook>()
        let iterRunner = !epochRunner
        let made = try paramHooks?(config, iterRunner)
        lrHook = made?.lr
        momentumHook = made?.momentum
        if lrHook != nil { order.insert(.lr, priority: 10) }
        if !settings.trainScript.registersMomentum { momentumHook = nil }
        if momentumHook != nil { order.insert(.momentum, priority: 30) }
        // A model that steps its own optimizers runs with no optimizer hook (the validator settles that the
        // train script registered none).
        if settings.modelStepping == nil, let optimizerConfig = config["optimizer_config"], !optimizerConfig.isNull {
            try LegacyRunner.checkOptimizerHook(optimizerConfig, fp16: config["fp16"], merge: settings.trainScript.topLevelFp16)
            let mapping = optimizerConfig.mapping ?? ConfigMapping()
            let cumulative = try LegacyRunner.cumulativeIters(mapping["cumulative_iters"], type: mapping["type"]?.scalar?.stringValue)
            order.insert(.optimizer(cumulative: cumulative), priority: 40)
        }
        if let checkpointConfig = config["checkpoint_config"], !checkpointConfig.isNull {
            let mapping = try checkpointConfig.mapping("checkpoint_config")
            try LegacyRunner.checkCheckpointHook(mapping)
            order.insert(.checkpoint(try LegacyCheckpointHook.parse(mapping, iterationRunner: iterRunner)), priority: 50)
        }
        order.insert(.timer, priority: 70)
        if let logConfig = config["log_config"], !logConfig.isNull {
            let mapping = try logConfig.mapping("log_config")
            let items = mapping["hooks"]?.list?.items ?? []
            for (index, hook) in try LegacyLoggerHook.parse(mapping, iterationRunner: iterRunner).hooks.enumerated() {
                guard let hook else {
                    throw ConfigError(.missingKey, "this logger hook has no `type`: MMCV's build_from_cfg raised KeyError", at: items[index].location)
                }
                order.insert(.logger(hook), priority: 90)
            }
        }
        // `register_custom_hooks` wraps a single dict in a list.
        let customHooks: [ConfigNode]
        switch config["custom_hooks"]?.value {
        case .mapping?: customHooks = config["custom_hooks"].map { [$0] } ?? []
        case .list(let list)?: customHooks = list.items
        default: customHooks = []
        }
        for (index, hook) in customHooks.enumerated() {
            let path = ConfigPath("custom_hooks").appending(index: index)
            let mapping = try hook.mapping(path)
            let priority = try mapping["priority"].map { try Priority.value(of: $0, path: path.appending("priority")) } ?? 50
            order.insert(try LegacyRunner.customHook(mapping, path: path, at: hook.location), priority: priority)
        }
        if settings.distributed && epochRunner { order.insert(.samplerSeed, priority: 50) }
        // mmdet-era train scripts build the EvalHook's dataloader from data.val: no data.val, no evaluation
        // (the conversion reports that as a manual step); an explicit `evaluation: None` crashed those
        // scripts, which is treated as --no-validate.
        let hasVal = config["data"]?.mapping?["val"].map { !$0.isNull } ?? false
        let evaluation = config["evaluation"]
        if hasVal, evaluation.map({ !$0.isNull }) ?? settings.trainScript.validatesWithoutEvaluation {
            let mapping = try evaluation.map { try $0.mapping("evaluation") } ?? ConfigMapping()
            if GenerativeEvalSettings.applies(to: mapping) {
                let generative = try GenerativeEvalSettings.read(mapping, at: evaluation?.location)
                order.insert(.eval(LegacyRunner.generativeEvalHook(generative)), priority: generative.priority)
            } else {
                var hook = try LegacyRunner.evalHook(mapping, epochRunner: epochRunner, keyLists: settings.evalKeyLists)
                hook.clearsLogBuffer = settings.trainScript == .mmedit
                order.insert(.eval(hook), priority: 70)
            }
        }
        hooks = order.hooks
    }

    /// One `workflow` entry: a mode (`train` or `val`) and how many epochs (or iterations) it runs.
    struct WorkflowEntry: Sendable, Hashable {
        let mode: String
        let count: Int
    }

    /// Whether an EvalHook of the run saves best checkpoints (`save_best` set, or mmgen's tracked best metrics).
    public var savesBest: Bool {
        hooks.contains { if case .eval(let hook) = $0 { return hook.saveBest != nil || !(hook.generativeBest?.best.isEmpty ?? true) } else { return false } }
    }

    /// Whether a best score of exactly 0 is skipped (MMCV's EvalHook tests the score's truthiness); mmgen's
    /// GenerativeEvalHook compares it like any other score.
    public var skipsZeroBest: Bool {
        !hooks.contains { if case .eval(let hook) = $0 { return hook.generativeBest != nil } else { return false } }
    }

    static func paramGroups(_ config: ConfigMapping, stepping: ModelStepping? = nil) throws -> [ParamGroup] {
        if let stepping {
            // mmedit's `optimizers`, everyone else's `optimizer`; a dict of optimizers by name.
            let source = config["optimizers"].flatMap { $0.isNull ? nil : $0.mapping } ?? config["optimizer"]?.mapping
            var chosen = source
            if let name = stepping.optimizer {
                guard let entry = source?[name]?.mapping else {
                    throw ConfigError(.missingKey, "the model steps an optimizer named `\(name)`, which the legacy config does not define", at: config.entry("optimizer")?.keyLocation)
                }
                chosen = entry
            }
            var single = ConfigMapping()
            if let chosen { single["optimizer"] = ConfigNode(chosen) }
            return try paramGroups(single)
        }
        guard let optimizer = config["optimizer"]?.mapping, optimizer["lr"] != nil,
              let group = try TorchOptimizerConfig(optimizer).paramGroup else {
            return [ParamGroup(lr: 0.01, momentum: 0.9)]
        }
        return [group]
    }

    static func customHook(_ mapping: ConfigMapping, path: ConfigPath, at location: SourceLocation?) throws -> LegacyHook {
        let type = try mapping.required("type", in: path, owner: location).string(path.appending("type"))
        func bool(_ key: String, _ fallback: Bool) throws -> Bool {
            try mapping[key].map { try $0.bool(path.appending(key)) } ?? fallback
        }
        if let kind = LegacyEMAHook.kind(of: type) {
            return .ema(try LegacyEMAHook.parse(mapping, kind: kind, type: type, path: path, at: location))
        }
        switch type {
        case "EmptyCacheHook":
            return .emptyCache(beforeEpoch: try bool("before_epoch", false), afterEpoch: try bool("after_epoch", true), afterIter: try bool("after_iter", false))
        case "SyncBuffersHook":
            return .syncBuffers
        default:
            return .inert(type)
        }
    }

    /// mmgen's GenerativeEvalHook as an EvalHook by iteration: the same timing test (`n % k == 0` with the
    /// interval looked up by the finished iteration, never for `k <= 0`), no `start`, the log buffer cleared
    /// before evaluating, and its own best checkpoints.
    static func generativeEvalHook(_ settings: GenerativeEvalSettings) -> LegacyEvalHook {
        var hook = LegacyEvalHook(start: nil, interval: settings.interval, byEpoch: false,
                                  dynamicIntervals: settings.dynamicIntervals, saveBest: nil, rule: nil)
        hook.clearsLogBuffer = true
        hook.generativeBest = GenerativeBestTracker(best: settings.best)
        return hook
    }

    static func evalHook(_ mapping: ConfigMapping, epochRunner: Bool, keyLists defaults: BestRule.KeyLists) throws -> LegacyEvalHook {
        let path = ConfigPath("evaluation")
        let schedule = try LegacyEvalHook.parseSchedule(mapping, path: path)
        let saveBest = try mapping.present("save_best").map { try $0.string(path.appending("save_best")) }
        let rule = try mapping.present("rule").map { try $0.string(path.appending("rule")) }
        let configured = try BestRule.configuredKeys(mapping, path: path)
        let keyLists = defaults.overridden(greater: configured.greater, less: configured.less)
        // EvalHook._init_rule: a named key with no rule must be inferable from the hook's lists, else the hook
        // raised ValueError when it was built.
        if let saveBest, saveBest != "auto", rule == nil, keyLists.infer(saveBest) == nil {
            throw ConfigError(.invalidValue, "`evaluation.save_best`: cannot infer the rule for key \(saveBest) (EvalHook raised ValueError); give `rule`", at: mapping["save_best"]?.location)
        }
        return LegacyEvalHook(
            start: schedule.start,
            interval: schedule.interval, byEpoch: epochRunner, dynamicIntervals: schedule.dynamicIntervals,
            saveBest: saveBest, rule: rule, keyLists: keyLists)
    }
}
