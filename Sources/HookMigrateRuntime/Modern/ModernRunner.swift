import HookMigrateCore

/// The new Runner: MMEngine 0.10.7's EpochBasedTrainLoop / IterBasedTrainLoop / ValLoop with default and
/// custom hooks in MMEngine's order (runners-and-hooks.md 1.2, 3.3, 7.2).
public struct ModernRunner: Sendable {
    /// The run's settings.
    public let settings: SimulationSettings
    let loop: ModernLoopFacts
    let valBegin: Int
    let valInterval: Int
    let dynamicIntervals: [EvaluationMilestone]
    let hasVal: Bool
    let accumulativeCounts: Int
    /// Whether the config has an optim_wrapper (MMEngine refuses to train without one; the simulation then
    /// records no optimizer steps).
    let steps: Bool
    var hooks: [ModernHook]
    var schedulers: (any ModernSchedulerSet)?
    var groups: [ParamGroup]

    /// Assembles the runner from a converted config.
    public init(config: ConfigMapping, settings: SimulationSettings, schedulers factory: ModernSchedulerFactory?) throws {
        self.settings = settings
        let trainCfg = try config.required("train_cfg", in: .root, owner: nil).mapping("train_cfg")
        let path = ConfigPath("train_cfg")
        let type = try trainCfg["type"].map { try $0.string(path.appending("type")) }
        let byEpoch = try trainCfg["by_epoch"].map { try $0.bool(path.appending("by_epoch")) } ?? (type != "IterBasedTrainLoop")
        if byEpoch {
            let epochs = try trainCfg.required("max_epochs", in: path, owner: config["train_cfg"]?.location).int(path.appending("max_epochs"))
            loop = ModernLoopFacts(byEpoch: true, maxEpochs: epochs, maxIters: try RunLengthError.iterations(epochs: epochs, length: settings.itersPerEpoch),
                                   itersPerEpoch: settings.itersPerEpoch)
        } else {
            let iters = try trainCfg.required("max_iters", in: path, owner: config["train_cfg"]?.location).int(path.appending("max_iters"))
            loop = ModernLoopFacts(byEpoch: false, maxEpochs: 1, maxIters: try RunLengthError.iterations(iters), itersPerEpoch: settings.itersPerEpoch)
        }
        valBegin = try trainCfg["val_begin"].map { try $0.int(path.appending("val_begin")) } ?? 1
        valInterval = try trainCfg["val_interval"].map { try $0.int(path.appending("val_interval")) } ?? (byEpoch ? 1 : 1000)
        var dynamic: [EvaluationMilestone] = []
        for (index, pair) in try (trainCfg["dynamic_intervals"]?.list(path.appending("dynamic_intervals")).items ?? []).enumerated() {
            let items = try pair.list(path.appending("dynamic_intervals").appending(index: index)).items
            if items.count == 2 { dynamic.append(EvaluationMilestone(milestone: try items[0].int("dynamic_intervals"), interval: try items[1].int("dynamic_intervals"))) }
        }
        dynamicIntervals = dynamic
        hasVal = ["val_cfg", "val_dataloader", "val_evaluator"].allSatisfy { config[$0].map { !$0.isNull } ?? false }
        if hasVal, valInterval == 0 || dynamic.contains(where: { $0.interval == 0 }) {
            throw ConfigError(.invalidValue, "`train_cfg.val_interval` (or a dynamic interval) is 0: the train loop divides by it (ZeroDivisionError at the first validation check)", at: trainCfg["val_interval"]?.location ?? config["train_cfg"]?.location)
        }
        let optimWrapper = config["optim_wrapper"]?.mapping
        steps = optimWrapper != nil
        accumulativeCounts = try optimWrapper?["accumulative_counts"].map { try $0.int("optim_wrapper.accumulative_counts") } ?? 1
        var groups: [ParamGroup]
        var schedulerNode = config["param_scheduler"]
        if let name = settings.modelStepping?.optimizer {
            // An OptimWrapperDict: the wrapper of that name, and its schedulers (Runner.build_param_scheduler:
            // a dict without `type` holds one entry per wrapper, anything else is built for every wrapper).
            // A model with one named optimizer gets a plain OptimWrapper (mmagic's form): that one.
            if let wrapper = optimWrapper?[name]?.mapping {
                groups = try ModernRunner.paramGroups(wrapper)
            } else if optimWrapper?["optimizer"]?.mapping != nil {
                groups = try ModernRunner.paramGroups(optimWrapper)
            } else {
                throw ConfigError(.missingKey, "the model steps an optimizer named `\(name)`: optim_wrapper has no wrapper of that name", at: config["optim_wrapper"]?.location)
            }
            if let mapping = schedulerNode?.mapping, mapping["type"] == nil {
                guard let entry = mapping[name] else {
                    throw ConfigError(.missingKey, "`param_scheduler` is a dict of per-optimizer schedulers without `\(name)` (Runner.build_param_scheduler raises KeyError)", at: schedulerNode?.location)
                }
                schedulerNode = entry
            }
        } else {
            groups = try ModernRunner.paramGroups(optimWrapper)
        }
        schedulers = try factory?(schedulerNode, loop, &groups)
        self.groups = groups

        // Default hooks: MMEngine's ordered defaults, merged by key; then custom hooks.
        var defaults: [(name: String, node: ConfigNode?)] = [
            ("runtime_info", ConfigNode(ConfigMapping(["type": ConfigNode(.string("RuntimeInfoHook"))]))),
            ("timer", ConfigNode(ConfigMapping(["type": ConfigNode(.string("IterTimerHook"))]))),
            ("sampler_seed", ConfigNode(ConfigMapping(["type": ConfigNode(.string("DistSamplerSeedHook"))]))),
            ("logger", ConfigNode(ConfigMapping(["type": ConfigNode(.string("LoggerHook"))]))),
            ("param_scheduler", ConfigNode(ConfigMapping(["type": ConfigNode(.string("ParamSchedulerHook"))]))),
            ("checkpoint", ConfigNode(ConfigMapping(["type": ConfigNode(.string("CheckpointHook")), "interval": ConfigNode(.int(1))]))),
        ]
        for entry in try config["default_hooks"].map({ try $0.mapping("default_hooks") })?.entries ?? [] {
            let name = entry.key.stringValue ?? entry.key.description
            let node: ConfigNode? = entry.value.isNull ? nil : entry.value
            if let index = defaults.firstIndex(where: { $0.name == name }) { defaults[index].node = node } else { defaults.append((name, node)) }
        }
        var order = HookOrder<ModernHook>()
        for (name, node) in defaults {
            guard let node else { continue }
            let hookPath = ConfigPath("default_hooks").appending(name)
            let (hook, priority) = try ModernRunner.hook(try node.mapping(hookPath), path: hookPath, at: node.location, byEpochLoop: byEpoch)
            order.insert(hook, priority: priority)
        }
        for (index, node) in try (config["custom_hooks"].flatMap { $0.isNull ? nil : try $0.list("custom_hooks") }?.items ?? []).enumerated() {
            let hookPath = ConfigPath("custom_hooks").appending(index: index)
            let (hook, priority) = try ModernRunner.hook(try node.mapping(hookPath), path: hookPath, at: node.location, byEpochLoop: byEpoch)
            order.insert(hook, priority: priority)
        }
        hooks = order.hooks
    }

    static func paramGroups(_ optimWrapper: ConfigMapping?) throws -> [ParamGroup] {
        guard let optimizer = optimWrapper?["optimizer"]?.mapping else { return [ParamGroup(lr: 0.01, momentum: 0.9)] }
        var legacyShape = ConfigMapping()
        legacyShape["optimizer"] = ConfigNode(optimizer)
        return try LegacyRunner.paramGroups(legacyShape)
    }

    static func hook(_ mapping: ConfigMapping, path: ConfigPath, at location: SourceLocation?, byEpochLoop: Bool) throws -> (ModernHook, Int) {
        let type = try mapping.required("type", in: path, owner: location).string(path.appending("type"))
        let priority = try mapping["priority"].map { try Priority.value(of: $0, path: path.appending("priority")) } ?? Priority.mmengineClassPriorities[type] ?? 50
        func int(_ key: String, _ fallback: Int) throws -> Int { try mapping[key].map { try $0.int(path.appending(key)) } ?? fallback }
        func double(_ key: String, _ fallback: Double) throws -> Double { try mapping[key].map { try $0.double(path.appending(key)) } ?? fallback }
        func bool(_ key: String, _ fallback: Bool) throws -> Bool { try mapping[key].map { try $0.bool(path.appending(key)) } ?? fallback }
        func strings(_ key: String) throws -> [String?] {
            guard let node = mapping[key], !node.isNull else { return [] }
            if case .scalar(.string(let one)) = node.value { return [one] }
            return try node.list(path.appending(key)).items.enumerated().map { try $0.element.string(path.appending(key).appending(index: $0.offset)) }
        }
        switch type {
        case "RuntimeInfoHook": return (.runtimeInfo, priority)
        case "IterTimerHook": return (.timer, priority)
        case "DistSamplerSeedHook": return (.samplerSeed, priority)
        case "ParamSchedulerHook": return (.paramScheduler, priority)
        case "LoggerHook":
            let interval = try int("interval", 10)
            guard interval > 0 else {
                throw ConfigError(.invalidValue, "`\(path.appending("interval"))`: interval must be greater than 0 (LoggerHook raises ValueError)", at: mapping["interval"]?.location ?? location)
            }
            return (.logger(ModernLoggerHook(interval: interval, ignoreLast: try bool("ignore_last", true))), priority)
        case "CheckpointHook":
            // CheckpointHook.__init__ infers the rule of each named key without one, or raises ValueError
            // (one rule given as a string applies to every key).
            let rules = try strings("rule")
            for (index, key) in try strings("save_best").enumerated() {
                let keyRule = rules.count == 1 ? rules[0] : (index < rules.count ? rules[index] : nil)
                guard let key, key != "auto", keyRule == nil, BestRule.infer(key) == nil,
                      mapping["greater_keys"] == nil, mapping["less_keys"] == nil else { continue }
                throw ConfigError(.invalidValue, "`\(path.appending("save_best"))`: cannot infer the rule for key \(key) (CheckpointHook raises ValueError); give `rule`", at: mapping["save_best"]?.location)
            }
            return (.checkpoint(ModernCheckpointHook(
                interval: try int("interval", -1), byEpoch: try bool("by_epoch", true), maxKeep: try int("max_keep_ckpts", -1),
                saveLast: try bool("save_last", true), saveBegin: try int("save_begin", 0),
                filenameTemplate: try mapping["filename_tmpl"].flatMap { $0.isNull ? nil : try $0.string(path.appending("filename_tmpl")) },
                saveBest: try strings("save_best").compactMap { $0 }, rules: try strings("rule"))), priority)
        case "EMAHook":
            if try int("interval", 1) == 0 {
                throw ConfigError(.invalidValue, "`\(path.appending("interval"))` is 0: the averaged model divides its update count by it (ZeroDivisionError at the first update)", at: mapping["interval"]?.location ?? location)
            }
            let emaType = try mapping["ema_type"].map { try $0.string(path.appending("ema_type")) } ?? "ExponentialMovingAverage"
            // `gamma` defaults by class: MomentumAnnealingEMA 100, mmdet's ExpMomentumEMA 2000.
            return (.ema(ModernEMAHook(emaType: emaType,
                                       momentum: try double("momentum", 0.0002), interval: try int("interval", 1),
                                       gamma: try double("gamma", emaType == "ExpMomentumEMA" ? 2000 : 100),
                                       beginIter: try int("begin_iter", 0), beginEpoch: try int("begin_epoch", 0))), priority)
        case "EmptyCacheHook":
            return (.emptyCache(beforeEpoch: try bool("before_epoch", false), afterEpoch: try bool("after_epoch", true), afterIter: try bool("after_iter", false)), priority)
        case "SyncBuffersHook": return (.syncBuffers, priority)
        default: return (.inert(type), priority)
        }
    }
}
