import HookMigrateCore
import HookMigrateRuntime

/// `custom_hooks` → `custom_hooks`, entry by entry: EMA hooks by Swift logic (`CustomHooksRule+EMA.swift`),
/// every other type by the hook table (`migrations/mmcv1-to-mmengine/custom_hooks.yaml`, overridden by
/// `--rules FILE`); unknown types are kept with a warning. Priorities keep their values; where MMEngine's
/// default hooks put a hook on the other side of the checkpoint save or the evaluation, the report says so.
///
/// ## Before
/// ```yaml
/// custom_hooks:
///   - {type: NumClassCheckHook}
///   - {type: ExpMomentumEMAHook, momentum: 0.0001, resume_from: null, priority: 49}
///   - {type: SyncBuffersHook, distributed: true}
/// ```
/// ## After
/// ```yaml
/// custom_hooks:
///   - {type: NumClassCheckHook}
///   - {type: EMAHook, ema_type: ExpMomentumEMA, momentum: 0.0001, update_buffers: true, priority: 49}
///   - {type: SyncBuffersHook}
/// ```
public enum CustomHooksRule: MigrationRule {
    public static let id = "custom_hooks"
    public static let legacyKeys = ["custom_hooks"]
    public static let newKeys = ["custom_hooks"]
    /// Reads the runner kind, and whether checkpoints are saved at all.
    public static let reads: [RuleInput] = [.loopFacts, .defaultHook("checkpoint")]
    public static let summary = "Custom hooks keep their priorities; EMA hooks become MMEngine's EMAHook, other types follow the hook table."
    public static let mappingRows = [
        MappingRow("custom_hooks: [{type: T, priority: p, ...}] (T in the hook table)", "custom_hooks: [{type: T', priority: p, ...}] (table: type, rename, drop, set)", "exact, or the table's warning / manual step"),
        MappingRow("custom_hooks: unknown type", "kept unchanged", "warning"),
        MappingRow("custom_hooks: entry without type", "dropped", "manual step (MMCV's build_from_cfg raised KeyError)"),
        MappingRow("priority p with 50 ≤ p < 90 (incl. the default NORMAL) or p > 70", "priority p", "warning: runs before the checkpoint save / before validation in MMEngine (H1, R2, X1)"),
        MappingRow("EMAHook(momentum, interval, warm_up, resume_from) (MMCV)", "EMAHook(ema_type: ExponentialMovingAverage, momentum: momentum**interval, interval)", "non-equivalence (R10: first update copies); X4 for warm_up with momentum > 1/warm_up, priority ≥ 50, IterBasedRunner"),
        MappingRow("ExpMomentumEMAHook(momentum, total_iter, skip_buffers, interval) (mmdet 2)", "EMAHook(ema_type: ExpMomentumEMA, momentum, gamma: total_iter, update_buffers: not skip_buffers, interval)", "non-equivalence (R10); needs mmdet 3 (default_scope mmdet)"),
        MappingRow("LinearMomentumEMAHook(momentum, interval, warm_up, skip_buffers) (mmdet 2)", "EMAHook(ema_type: ExponentialMovingAverage, momentum: momentum**interval, interval, update_buffers)", "non-equivalence (R10, X4 for warm_up)"),
        MappingRow("*EMAHook.resume_from: path", "dropped", "manual step (X5): resume with load_from + resume"),
        MappingRow("ExponentialMovingAverageHook (mmedit/mmgen)", "kept unchanged", "manual step: MMagic's hook of the same name"),
        MappingRow("custom_hooks: [] or null", "none", "exact"),
    ]

    /// Hook types whose position relative to the checkpoint save and the evaluation does not matter: they
    /// act only at `before_*` points, or change no state.
    static let orderInsensitiveTypes: Set<String> = ["NumClassCheckHook", "SetEpochInfoHook", "YOLOXModeSwitchHook", "EmptyCacheHook"]


    public static func apply(to context: inout MigrationContext) throws {
        guard let node = context.legacyNode(id) else { return }
        context.consume(id)
        if node.isNull {
            context.change(Records.noneDropped, id, to: nil, "dropped (null: no custom hooks)", at: context.legacyKeyLocation(id))
            return
        }
        let items: [(node: ConfigNode, path: ConfigPath)]
        if let list = node.list {
            items = list.items.enumerated().map { ($0.element, ConfigPath(id).appending(index: $0.offset)) }
        } else if node.mapping != nil {
            // MMCV's register_custom_hooks wraps a single dict in a list.
            items = [(node, ConfigPath(id))]
        } else {
            _ = try node.list(ConfigPath(id))
            return
        }
        if items.isEmpty {
            context.change(Records.emptyDropped, id, to: nil, "dropped (empty list: no custom hooks)", at: context.legacyKeyLocation(id))
            return
        }
        let bundled = try HookRuleTable.bundled()
        let userRules = context.options.extraHookRules
        var output: [ConfigNode] = []
        for item in items {
            let args = LegacyHookArgs(try item.node.mapping(item.path), path: item.path, at: item.node.location)
            _ = try args.keys()
            guard let typeNode = args.node("type") else {
                context.manualStep(Records.missingType, "\(item.path)", "this custom hook has no `type`: MMCV's build_from_cfg raised KeyError, so the legacy config could not train; dropped — add its type and convert again", at: item.node.location)
                continue
            }
            let type = try typeNode.string(item.path.appending("type"))
            let legacyPriority = try args.node("priority").map { try Priority.value(of: $0, path: item.path.appending("priority")) }
            let newPath = "\(id)[\(output.count)]"
            var converted: ConfigMapping?
            var checkOrder = true
            if let rule = userRules.rule(for: type) {
                converted = applyTableRule(rule, type: type, args: args, source: "your rules file", newPath: newPath, &context)
            } else if emaTypes.contains(type) {
                converted = try convertEMA(type: type, args: args, legacyPriority: legacyPriority, newPath: newPath, &context)
                checkOrder = false
            } else if type == "ExponentialMovingAverageHook" {
                converted = args.mapping
                checkOrder = false
                context.manualStep(Records.editEmaKept, "\(item.path)", "mmedit/mmgen's ExponentialMovingAverageHook (module_keys, interp_cfg, …) averages named sub-modules and is not MMEngine's EMAHook: kept unchanged. MMagic 1.x registers an ExponentialMovingAverageHook with these arguments (install MMagic and set default_scope='mmagic'; its GAN models usually take EMA from the model's ema_config instead) — check it by hand",
                                   at: item.node.location, newPath: newPath)
            } else if let rule = bundled.rule(for: type) {
                converted = applyTableRule(rule, type: type, args: args, source: "the bundled hook table", newPath: newPath, &context)
            } else {
                converted = args.mapping
                context.warn(Records.unknownHookKept, "\(item.path)", "\(type) is not a hook hookmigrate knows: kept unchanged; make sure MMEngine (or the downstream package in default_scope) registers it with the same arguments, or describe it in a --rules file",
                             at: item.node.location, newPath: newPath)
            }
            guard let converted else { continue }
            output.append(ConfigNode(converted, at: item.node.location))
            if checkOrder {
                try reportOrder(type: type, legacyPriority: legacyPriority, converted: converted, args: args, newPath: newPath, &context)
            }
        }
        if !output.isEmpty {
            context.setOutput(id, ConfigNode(ConfigList(output), at: node.location), from: [id])
        }
    }

    /// Applies one hook-table rule; returns the new entry, or `nil` when the rule removes the hook.
    static func applyTableRule(_ rule: HookRuleTable.Rule, type: String, args: LegacyHookArgs, source: String,
                               newPath: String, _ context: inout MigrationContext) -> ConfigMapping? {
        let path = args.path.description
        if let manual = rule.manual {
            context.manualStep(Records.manualHook, path, "\(type): \(manual); removed from custom_hooks (\(source))", at: args.location)
            return nil
        }
        var hook = args.mapping
        var done: [String] = []
        if let newType = rule.newType, newType != type {
            hook["type"] = ConfigNode(.string(newType))
            done.append("type \(type) → \(newType)")
        }
        for (from, to) in rule.rename where hook.contains(from) {
            hook = hook.renaming(from, to: to)
            done.append("\(from) → \(to)")
        }
        for (argument, reason) in rule.drop where hook.contains(argument) {
            hook[argument] = nil
            context.warn(Records.argumentDropped, "\(path).\(argument)", "dropped: \(reason) (\(source))", at: args.location(argument), newPath: newPath)
        }
        for entry in rule.set.entries {
            hook.set(entry)
            done.append("\(entry.key.stringValue ?? entry.key.description) = \(entry.value.description)")
        }
        let what = done.isEmpty ? "kept unchanged" : done.joined(separator: ", ")
        if let warning = rule.warning {
            context.warn(Records.convertedByRule, path, "\(type): \(what); \(warning) (\(source))", at: args.location, newPath: newPath)
        } else {
            context.change(Records.convertedByRule, path, to: newPath, "\(type): \(what) (\(source))", at: args.location)
        }
        return hook
    }

    /// Whether the legacy training evaluated (mmdet-era train scripts validated with `evaluation`, or with
    /// its defaults whenever `data.val` existed).
    static func evaluates(_ context: MigrationContext) -> Bool {
        if let evaluation = context.legacyNode("evaluation"), !evaluation.isNull { return true }
        return context.legacyNode("data")?.mapping?["val"].map { !$0.isNull } ?? false
    }

    /// Whether the converted config has a CheckpointHook (the checkpoint rule writes `null` when MMCV had none).
    static func hasCheckpointHook(_ context: MigrationContext) -> Bool {
        !(context.defaultHook("checkpoint")?.isNull ?? false)
    }

    /// One warning when MMEngine's default hooks put this hook on the other side of the regular checkpoint
    /// save or of the evaluation than MMCV did (runners-and-hooks.md 1.3, R2, X1, T11).
    static func reportOrder(type: String, legacyPriority: Int?, converted: ConfigMapping, args: LegacyHookArgs,
                            newPath: String, _ context: inout MigrationContext) throws {
        guard !orderInsensitiveTypes.contains(type) else { return }
        let old = legacyPriority ?? Priority.normal
        let newType = converted["type"]?.scalar?.stringValue ?? type
        let new = try converted["priority"].map { try Priority.value(of: $0, path: ConfigPath(newPath).appending("priority")) }
            ?? Priority.mmengineClassPriorities[newType] ?? Priority.normal
        var notes: [String] = []
        if hasCheckpointHook(context) {
            // MMCV: CheckpointHook NORMAL (50), registered before the custom hooks; MMEngine: VERY_LOW (90), also first.
            let beforeSaveOld = old < Priority.normal
            let beforeSaveNew = new < Priority.veryLow
            if !beforeSaveOld, beforeSaveNew {
                notes.append("it ran after the regular checkpoint save in MMCV (CheckpointHook is NORMAL there and registered first) and runs before it in MMEngine (CheckpointHook is VERY_LOW), so what it changes at after_train_epoch/after_train_iter now goes into the checkpoint")
            } else if beforeSaveOld, !beforeSaveNew {
                notes.append("it ran before the regular checkpoint save in MMCV and runs after it in MMEngine")
            }
        }
        if evaluates(context), old > Priority.low {
            notes.append("it ran after the evaluation in MMCV (EvalHook, LOW, evaluates inside after_train_epoch/after_train_iter) and runs before validation in MMEngine, which validates after that dispatch (R2; X1 if it reads the evaluation results)")
        }
        guard !notes.isEmpty else { return }
        let priorityText = legacyPriority.map { "priority \(Priority.describe($0))" } ?? "the default priority NORMAL (50)"
        context.warn(Records.priorityOrder, args.path.description, "\(type) at \(priorityText): \(notes.joined(separator: "; ")) (deviations.md H1)",
                     at: args.location("priority"), newPath: newPath)
    }
}
