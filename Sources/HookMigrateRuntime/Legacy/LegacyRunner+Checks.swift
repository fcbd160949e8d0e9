import HookMigrateCore

/// Configs the real MMCV 1.7.2 stack refused (tools/oracle found them: docs/oracle.md E1–E5): the adapter
/// runner refuses them too, so a validation never calls a run that never happened "equivalent".
extension LegacyRunner {
    /// `CheckpointHook(**checkpoint_config)`: a key it does not take went on to `runner.save_checkpoint`, which
    /// raised TypeError at the first save.
    static func checkCheckpointHook(_ mapping: ConfigMapping) throws {
        // A custom checkpoint hook type takes its own arguments.
        if let type = mapping["type"]?.scalar?.stringValue, type != "CheckpointHook" { return }
        for entry in mapping.entries {
            guard let key = entry.key.stringValue, !LegacyCheckpointHook.acceptedKeys.contains(key) else { continue }
            throw ConfigError(.invalidValue, "`checkpoint_config.\(key)`: CheckpointHook passed it on to runner.save_checkpoint, which has no such argument (TypeError at the first save)", at: entry.value.location)
        }
    }

    /// The optimizer hook's `cumulative_iters` (`node`, at `path`): what a `GradientCumulative*OptimizerHook` steps every (a positive
    /// int, MMCV asserts it), 1 for any other optimizer hook. The one reading: the optimizer_config rule
    /// translates it into `accumulative_counts`, the simulated runner steps by it. Another hook type given
    /// `cumulative_iters` raised TypeError in MMCV (`rejected`).
    public static func cumulativeIters(_ node: ConfigNode?, type: String?, path: ConfigPath = "optimizer_config.cumulative_iters") throws -> Int {
        guard let node, !node.isNull else { return 1 }
        guard type?.hasPrefix("GradientCumulative") == true else {
            throw ConfigError(.rejected, "`\(path)`: \(type ?? "OptimizerHook") got an unexpected keyword argument 'cumulative_iters' (TypeError)", at: node.location)
        }
        let counts = try node.count(path)
        guard counts > 0 else {
            throw ConfigError(.invalidValue, "cumulative_iters must be a positive int (MMCV asserts it), found \(counts)", at: node.location)
        }
        return counts
    }

    /// The optimizer hook's refusals (`LegacyOptimizerHook.refusals`, the reading the optimizer rule uses):
    /// the first one, as MMCV met it, with the top-level `fp16` merged as the train script merged it.
    static func checkOptimizerHook(_ node: ConfigNode, fp16: ConfigNode?, merge: LegacyTrainScript.Fp16Merge) throws {
        guard let mapping = node.mapping else { return }
        if let first = LegacyOptimizerHook.refusals(mapping, fp16: fp16?.mapping, merge: merge).first { throw first }
    }
}
