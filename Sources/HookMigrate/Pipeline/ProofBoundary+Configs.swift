import HookMigrateCore

/// The iteration boundaries two configs name, read key by key (docs/equivalence.md, "Workloads"). Only
/// settings counted in iterations inside an epoch-based run are boundaries: an iteration-based run is as
/// long as the config says whatever the epoch length, so everything it names lies inside it.
extension ProofBoundary {
    /// The boundaries a legacy config and an MMEngine config name, in the order read, without repeats.
    static func named(legacy: ConfigMapping, new: ConfigMapping) -> [ProofBoundary] {
        var found: [ProofBoundary] = []
        func add(_ iteration: Int?, _ scope: Scope, _ source: String) {
            guard let iteration, iteration > 0 else { return }
            let boundary = ProofBoundary(iteration: iteration, scope: scope, source: source)
            if !found.contains(boundary) { found.append(boundary) }
        }
        for key in ["lr_config", "momentum_config"] {
            guard let hook = legacy[key]?.mapping else { continue }
            let stem = (hook["policy"]?.scalar?.stringValue ?? "").lowercased()
            let byEpoch = bool(hook["by_epoch"]) ?? !(stem == "cyclic" || stem == "onecycle")
            if let warmup = hook["warmup"], !warmup.isNull, bool(hook["warmup_by_epoch"]) != true {
                add(int(hook["warmup_iters"]), .run, "\(key).warmup_iters")
            }
            guard !byEpoch else { continue }
            for (index, step) in ints(hook["step"]).enumerated() { add(step, .run, hook["step"]?.list == nil ? "\(key).step" : "\(key).step[\(index)]") }
            for (index, end) in cumulative(ints(hook["periods"])).enumerated() { add(end, .run, "\(key).periods[0...\(index)]") }
            add(int(hook["total_steps"]), .run, "\(key).total_steps")
        }
        if let checkpoint = legacy["checkpoint_config"]?.mapping, bool(checkpoint["by_epoch"]) == false {
            add(int(checkpoint["interval"]), .run, "checkpoint_config.interval")
        }
        if let logConfig = legacy["log_config"]?.mapping {
            let interval = int(logConfig["interval"]) ?? 10
            for (index, hook) in (logConfig["hooks"]?.list?.items ?? []).enumerated() {
                let mapping = hook.mapping
                let own = int(mapping?["interval"])
                let scope: Scope = bool(mapping?["by_epoch"]) == false ? .run : .epoch
                add(own ?? interval, scope, own == nil ? "log_config.interval" : "log_config.hooks[\(index)].interval")
            }
        }
        for (index, hook) in hooks(legacy["custom_hooks"]).enumerated() where hookType(hook)?.hasSuffix("EMAHook") == true {
            if let interval = int(hook["interval"]), interval > 1 { add(interval, .run, "custom_hooks[\(index)].interval") }
        }
        for (index, scheduler) in hooks(new["param_scheduler"]).enumerated() where bool(scheduler["by_epoch"]) == false {
            let path = "param_scheduler[\(index)]"
            let begin = int(scheduler["begin"]) ?? 0
            add(begin, .run, "\(path).begin")
            // MMEngine's `end` defaults to INF = int(1e9): no boundary.
            if let end = int(scheduler["end"]), end < 1_000_000_000 { add(end, .run, "\(path).end") }
            for (offset, milestone) in ints(scheduler["milestones"]).enumerated() { add(milestone, .run, "\(path).milestones[\(offset)]") }
            add(int(scheduler["step_size"]), .run, "\(path).step_size")
            add(int(scheduler["T_max"]).map { begin + $0 }, .run, "\(path).begin + T_max")
            for (offset, end) in cumulative(ints(scheduler["periods"])).enumerated() { add(begin + end, .run, "\(path).begin + periods[0...\(offset)]") }
            add(int(scheduler["total_steps"]).map { begin + $0 }, .run, "\(path).begin + total_steps")
        }
        let defaults = new["default_hooks"]?.mapping
        if let checkpoint = defaults?["checkpoint"]?.mapping, bool(checkpoint["by_epoch"]) == false {
            add(int(checkpoint["interval"]), .run, "default_hooks.checkpoint.interval")
            add(int(checkpoint["save_begin"]), .run, "default_hooks.checkpoint.save_begin")
        }
        if let logger = defaults?["logger"]?.mapping {
            add(int(logger["interval"]) ?? 10, .epoch, int(logger["interval"]) == nil ? "default_hooks.logger (default interval)" : "default_hooks.logger.interval")
        }
        for (index, hook) in hooks(new["custom_hooks"]).enumerated() where hookType(hook) == "EMAHook" {
            if let interval = int(hook["interval"]), interval > 1 { add(interval, .run, "custom_hooks[\(index)].interval") }
            add(int(hook["begin_iter"]), .run, "custom_hooks[\(index)].begin_iter")
        }
        return found
    }

    /// An int, or a float with an integral value (`500.0`).
    public static func int(_ node: ConfigNode?) -> Int? {
        switch node?.scalar {
        case .int(let value)?: return value
        case .float(let value)? where value.isFinite && value == value.rounded() && abs(value) < 1e15: return Int(value)
        default: return nil
        }
    }

    /// A bool as written (Python's None is no value here).
    public static func bool(_ node: ConfigNode?) -> Bool? {
        if case .bool(let value)? = node?.scalar { return value }
        return nil
    }

    /// A single int or a list (or tuple) of them.
    public static func ints(_ node: ConfigNode?) -> [Int] {
        if let items = node?.list?.items { return items.compactMap { int($0) } }
        return int(node).map { [$0] } ?? []
    }

    /// Running sums: the ends of consecutive periods.
    static func cumulative(_ values: [Int]) -> [Int] {
        var total = 0
        return values.map { value in
            total = total.addingReportingOverflow(value).overflow ? Int.max : total + value
            return total
        }
    }

    /// A hook list (or a single hook mapping, as MMCV's `register_custom_hooks` accepts), as mappings.
    static func hooks(_ node: ConfigNode?) -> [ConfigMapping] {
        if let mapping = node?.mapping { return [mapping] }
        return (node?.list?.items ?? []).map { $0.mapping ?? ConfigMapping() }
    }

    /// A hook's `type`, when it is a string.
    static func hookType(_ hook: ConfigMapping) -> String? {
        hook["type"]?.scalar?.stringValue
    }
}
