import HookMigrateCore
import HookMigrateRuntime

/// `--compat`: the lr_config forms no chain of MMEngine's built-in schedulers reproduces (a warmup over a
/// CosineAnnealing or Poly schedule with a non-zero floor, schedules.md E.6), and a warmup in epochs over
/// CosineAnnealing, Poly or Step when the iterations per epoch are not given (the built-in chain needs them),
/// become one `MMCVLrUpdaterLR` of hookmigrate's compat module (migrations/compat/, docs/compat.md), which
/// computes MMCV 1.7.2's own formula at every iteration with the epoch length the Runner passes. Only such
/// configs use it: every other one converts as without `--compat`.
enum CompatSchedulePlan {
    /// The legacy arguments the compat scheduler takes over unchanged.
    static let copiedKeys = ["min_lr", "min_lr_ratio", "power", "step", "gamma", "warmup", "warmup_iters", "warmup_ratio", "warmup_by_epoch"]

    /// The compat plan for `lr_config` (`config` is what the rule read of `lrConfig`), or `nil` when the form is
    /// not one the module covers.
    static func plan(_ config: LegacyUpdaterConfig<LegacyLrPolicy>, _ lrConfig: ConfigMapping, loop: LoopFacts?, location: SourceLocation?) -> SchedulePlan? {
        guard let loop else { return nil }
        let policy = config.stem
        guard policy == "CosineAnnealing" || policy == "Poly" || policy == "Step" else { return nil }
        let allowed = Set(copiedKeys + ["policy", "by_epoch"])
        guard lrConfig.entries.allSatisfy({ $0.key.stringValue.map(allowed.contains) ?? false }) else { return nil }
        guard config.warmup != nil else { return nil }
        let byEpoch = config.byEpoch
        // An iteration loop never calls before_train_epoch: a by-epoch policy keeps the lr constant there (A.9),
        // and a warmup in epochs crashes MMCV at the first iteration (its length is never computed).
        if byEpoch && !loop.isEpochBased { return nil }
        if config.warmupByEpoch && !loop.isEpochBased { return nil }
        var entry = ConfigMapping()
        entry["type"] = ConfigNode(.string(CompatUpdaterSchedule.type))
        entry["policy"] = ConfigNode(.string(policy))
        entry["policy_by_epoch"] = ConfigNode(.bool(byEpoch))
        for key in copiedKeys {
            if let node = lrConfig[key] { entry[key] = node }
        }
        if loop.isEpochBased {
            entry["by_epoch"] = ConfigNode(.bool(true))
            entry["convert_to_iter_based"] = ConfigNode(.bool(true))
        } else {
            entry["by_epoch"] = ConfigNode(.bool(false))
        }
        var plan = SchedulePlan()
        plan.add([ConfigNode(entry, at: location)], role: .main, placement: .afterWarmup)
        let why = config.warmupByEpoch
            ? "with its warmup in epochs, which a chain of MMEngine's built-in schedulers reproduces only with the iterations per epoch (not given)"
            : "with its warmup over a non-zero floor, which no chain of MMEngine's built-in schedulers reproduces (deviations.md N1)"
        plan.record(LrConfigRule.Records.compat, .change, LrConfigRule.id, "--compat: policy '\(config.policyName)' \(why), becomes \(CompatUpdaterSchedule.type) of hookmigrate's compat module \(CompatUpdaterSchedule.module).py (written beside the converted config and imported through custom_imports): it computes MMCV 1.7.2's lr at every iteration, floor and warmup included",
                    at: location, role: .main)
        return plan
    }

    /// `custom_imports` with the compat module added (after the legacy config's own imports, if any).
    static func addImport(_ context: inout MigrationContext) {
        var mapping = context.output("custom_imports")?.mapping ?? context.legacyNode("custom_imports")?.mapping ?? ConfigMapping()
        var imports = mapping["imports"]?.list?.items ?? []
        if let single = mapping["imports"]?.scalar { imports = [ConfigNode(single)] }
        if !imports.contains(where: { $0.scalar?.stringValue == CompatUpdaterSchedule.module }) {
            imports.append(ConfigNode(.string(CompatUpdaterSchedule.module)))
        }
        mapping["imports"] = ConfigNode(.list(ConfigList(imports)))
        if mapping["allow_failed_imports"] == nil { mapping["allow_failed_imports"] = ConfigNode(.bool(false)) }
        if context.legacy.contains("custom_imports") { context.consume("custom_imports") }
        context.setOutput("custom_imports", ConfigNode(mapping), from: ["custom_imports", LrConfigRule.id])
    }
}
