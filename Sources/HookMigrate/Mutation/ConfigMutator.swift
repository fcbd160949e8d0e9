import HookMigrateCore

/// Applies the semantic mutations of issue 14's list to an MMEngine config, each at every site it fits: a
/// milestone ±1; a warmup end ±1; gamma, eta_min or power changed; a scheduler's `by_epoch` flipped; a
/// scheduler dropped, or one added beyond the old default horizon (iteration 130, past 12 epochs × 10); the
/// checkpoint, val or logger interval ±1; `max_keep_ckpts`, `save_best` or `rule` changed; a custom hook's
/// priority moved across the other hooks; an EMA momentum changed.
public enum ConfigMutator {
    /// Every mutant of `config`, in a fixed order.
    public static func mutants(of config: ConfigMapping) -> [ConfigMutant] {
        var found: [ConfigMutant] = []
        func add(_ kind: String, _ site: String, _ change: (inout ConfigMapping) -> Void) {
            var copy = config
            change(&copy)
            found.append(ConfigMutant(kind: kind, site: site, config: copy))
        }
        let schedulers = list(config["param_scheduler"])
        for (index, scheduler) in schedulers.enumerated() {
            let path = "param_scheduler[\(index)]"
            func edit(_ transform: @escaping (inout ConfigMapping) -> Void) -> (inout ConfigMapping) -> Void {
                { root in
                    var items = list(root["param_scheduler"])
                    transform(&items[index])
                    root["param_scheduler"] = ConfigNode(ConfigList(items.map { ConfigNode($0) }))
                }
            }
            let type = scheduler["type"]?.scalar?.stringValue ?? ""
            for (offset, milestone) in ints(scheduler["milestones"]).enumerated() {
                for delta in [1, -1] where milestone + delta >= 0 {
                    add("milestone \(delta > 0 ? "+1" : "-1")", "\(path).milestones[\(offset)]", edit { item in
                        var values = ints(item["milestones"])
                        values[offset] += delta
                        item["milestones"] = ConfigNode(ConfigList(values.map { ConfigNode(.int($0)) }))
                    })
                }
            }
            if bool(scheduler["by_epoch"]) == false, (int(scheduler["begin"]) ?? 0) == 0, let end = int(scheduler["end"]),
               ["LinearLR", "ConstantLR", "ExponentialLR", "LinearMomentum", "ConstantMomentum"].contains(type) {
                for delta in [1, -1] where end + delta > 0 {
                    add("warmup end \(delta > 0 ? "+1" : "-1")", "\(path).end", edit { $0["end"] = ConfigNode(.int(end + delta)) })
                }
            }
            if let gamma = double(scheduler["gamma"]) {
                add("gamma changed", "\(path).gamma", edit { $0["gamma"] = ConfigNode(.float(gamma * 0.5)) })
            }
            if type.hasPrefix("Cosine") || type.hasPrefix("Poly") {
                let etaMin = double(scheduler["eta_min"]) ?? 0
                add("eta_min changed", "\(path).eta_min", edit { $0["eta_min"] = ConfigNode(.float(etaMin == 0 ? 1e-4 : etaMin * 2)) })
            }
            if type.hasPrefix("Poly") {
                let power = double(scheduler["power"]) ?? 1
                add("power changed", "\(path).power", edit { $0["power"] = ConfigNode(.float(power + 0.5)) })
            }
            let byEpoch = bool(scheduler["by_epoch"]) ?? true
            add("by_epoch flipped", "\(path).by_epoch", edit { $0["by_epoch"] = ConfigNode(.bool(!byEpoch)) })
            add("scheduler dropped", path) { root in
                var items = list(root["param_scheduler"])
                items.remove(at: index)
                root["param_scheduler"] = items.isEmpty ? nil : ConfigNode(ConfigList(items.map { ConfigNode($0) }))
            }
        }
        if config["optim_wrapper"] != nil {
            add("scheduler added beyond the default horizon", "param_scheduler[+]") { root in
                var items = list(root["param_scheduler"])
                items.append(ConfigMapping([
                    "type": ConfigNode(.string("LinearLR")), "start_factor": ConfigNode(.float(0.5)), "by_epoch": ConfigNode(.bool(false)),
                    "begin": ConfigNode(.int(130)), "end": ConfigNode(.int(135)),
                ]))
                root["param_scheduler"] = ConfigNode(ConfigList(items.map { ConfigNode($0) }))
            }
        }
        func hookEdit(_ name: String, _ transform: @escaping (inout ConfigMapping) -> Void) -> (inout ConfigMapping) -> Void {
            { root in
                var hooks = root["default_hooks"]?.mapping ?? ConfigMapping()
                var hook = hooks[name]?.mapping ?? ConfigMapping()
                transform(&hook)
                hooks[name] = ConfigNode(hook)
                root["default_hooks"] = ConfigNode(hooks)
            }
        }
        let checkpoint = config["default_hooks"]?.mapping?["checkpoint"]?.mapping
        if let checkpoint {
            let interval = int(checkpoint["interval"]) ?? -1
            for delta in [1, -1] where interval + delta > 0 {
                add("checkpoint interval \(delta > 0 ? "+1" : "-1")", "default_hooks.checkpoint.interval", hookEdit("checkpoint") { $0["interval"] = ConfigNode(.int(interval + delta)) })
            }
            let keep = int(checkpoint["max_keep_ckpts"]) ?? -1
            add("max_keep_ckpts changed", "default_hooks.checkpoint.max_keep_ckpts", hookEdit("checkpoint") { $0["max_keep_ckpts"] = ConfigNode(.int(keep > 0 ? keep + 1 : 1)) })
            if checkpoint["save_best"].map({ !$0.isNull }) == true {
                add("save_best changed", "default_hooks.checkpoint.save_best", hookEdit("checkpoint") { _ = $0.removeValue(forKey: "save_best") })
                let rule = checkpoint["rule"]?.scalar?.stringValue
                add("rule changed", "default_hooks.checkpoint.rule", hookEdit("checkpoint") { $0["rule"] = ConfigNode(.string(rule == "less" ? "greater" : "less")) })
            } else if config["val_cfg"].map({ !$0.isNull }) == true {
                add("save_best changed", "default_hooks.checkpoint.save_best", hookEdit("checkpoint") { $0["save_best"] = ConfigNode(.string("auto")) })
            }
        }
        if let train = config["train_cfg"]?.mapping, let interval = int(train["val_interval"]), config["val_cfg"].map({ !$0.isNull }) == true {
            for delta in [1, -1] where interval + delta > 0 {
                add("val interval \(delta > 0 ? "+1" : "-1")", "train_cfg.val_interval") { root in
                    var cfg = root["train_cfg"]?.mapping ?? ConfigMapping()
                    cfg["val_interval"] = ConfigNode(.int(interval + delta))
                    root["train_cfg"] = ConfigNode(cfg)
                }
            }
        }
        if let logger = config["default_hooks"]?.mapping?["logger"]?.mapping {
            let interval = int(logger["interval"]) ?? 10
            for delta in [1, -1] where interval + delta > 0 {
                add("log interval \(delta > 0 ? "+1" : "-1")", "default_hooks.logger.interval", hookEdit("logger") { $0["interval"] = ConfigNode(.int(interval + delta)) })
            }
        }
        let custom = list(config["custom_hooks"])
        for (index, hook) in custom.enumerated() {
            func customEdit(_ transform: @escaping (inout ConfigMapping) -> Void) -> (inout ConfigMapping) -> Void {
                { root in
                    var items = list(root["custom_hooks"])
                    transform(&items[index])
                    root["custom_hooks"] = ConfigNode(ConfigList(items.map { ConfigNode($0) }))
                }
            }
            let priority = hook["priority"]?.scalar?.stringValue ?? int(hook["priority"]).map(String.init) ?? "NORMAL"
            let moved = priority == "HIGHEST" || priority == "0" ? "LOWEST" : "HIGHEST"
            add("hook priority moved", "custom_hooks[\(index)].priority", customEdit { $0["priority"] = ConfigNode(.string(moved)) })
            if hook["type"]?.scalar?.stringValue == "EMAHook" {
                let momentum = double(hook["momentum"]) ?? 0.0002
                add("EMA momentum changed", "custom_hooks[\(index)].momentum", customEdit { $0["momentum"] = ConfigNode(.float(momentum * 0.5)) })
            }
        }
        return found
    }

    static func list(_ node: ConfigNode?) -> [ConfigMapping] {
        if let mapping = node?.mapping { return [mapping] }
        return (node?.list?.items ?? []).map { $0.mapping ?? ConfigMapping() }
    }

    static func int(_ node: ConfigNode?) -> Int? { ProofBoundary.int(node) }

    static func bool(_ node: ConfigNode?) -> Bool? { ProofBoundary.bool(node) }

    static func ints(_ node: ConfigNode?) -> [Int] { ProofBoundary.ints(node) }

    static func double(_ node: ConfigNode?) -> Double? {
        switch node?.scalar {
        case .int(let value)?: return Double(value)
        case .float(let value)?: return value
        default: return nil
        }
    }
}
