import HookMigrateCore

/// Which world a config's top-level keys belong to: MMCV 1.x (convert it), MMEngine (nothing to convert), or
/// both (refused: one world's keys would be silently ignored by the other's runner).
///
/// - MMEngine keys: `optim_wrapper`, `param_scheduler`, `default_hooks`, the dataloaders and evaluators,
///   `env_cfg`, `log_processor`, `visualizer`, `resume`, `randomness`, `model_wrapper_cfg`, and `train_cfg`,
///   `val_cfg`, `test_cfg` when they are loops (a `type` ending in `Loop`, or only loop arguments).
/// - MMCV 1.x keys: every key a conversion rule consumes (`optimizer`, `optimizer_config`, `lr_config`,
///   `momentum_config`, `checkpoint_config`, `evaluation`, `log_config`, `runner`, `workflow`, `data`,
///   `total_epochs`, `dist_params`, `resume_from`, `fp16`, `cudnn_benchmark`, `seed`, …), and top-level
///   `train_cfg`/`test_cfg` holding model settings (mmdet 1.x-style, mmedit, mmgen).
/// - Shared: everything else (`model`, `custom_hooks`, `load_from`, `log_level`, `work_dir`,
///   `default_scope`, `auto_scale_lr`, variables …), and an empty or null `train_cfg`/`val_cfg`/`test_cfg`.
///
/// Some legacy names are also Python variables of MMEngine-era configs, which MMEngine itself does not read:
/// `optimizer` (passed into `optim_wrapper`), `dist_params`, `cudnn_benchmark`, `mp_start_method`,
/// `opencv_num_threads` (into `env_cfg`), `seed`, `deterministic` (into `randomness`). Beside their MMEngine
/// counterpart they are such variables: shared when they hold the same value, and listed as ignored when a
/// child config changed the counterpart only (mmseg 1.x's `optimizer` beside an `optim_wrapper.optimizer`
/// with another lr; mmdet 3's SSD `cudnn_benchmark: true` beside `env_cfg.cudnn_benchmark: false`).
/// `find_unused_parameters` is read by MMEngine itself when there is no `model_wrapper_cfg`, so it is shared.
/// A config with no MMEngine key is converted, as before.
enum ConfigWorld: Sendable, Equatable {
    /// Convert it.
    case legacy
    /// Already MMEngine-style; the MMEngine keys found, and the legacy-named variables MMEngine ignores
    /// whose counterpart holds another value, in the config's order.
    case mmengine(keys: [String], ignored: [String])
    /// Both: the legacy keys and the MMEngine keys, in the config's order.
    case mixed(legacy: [String], mmengine: [String])

    /// Keys only MMEngine configs have.
    static let mmengineKeys: Set<String> = [
        "optim_wrapper", "param_scheduler", "default_hooks", "train_dataloader", "val_dataloader", "test_dataloader",
        "val_evaluator", "test_evaluator", "env_cfg", "log_processor", "visualizer", "resume", "randomness", "model_wrapper_cfg",
    ]

    /// The arguments of MMEngine's loops (`EpochBasedTrainLoop`, `IterBasedTrainLoop`, `ValLoop`, `TestLoop`),
    /// and `by_epoch`, which the Runner reads to pick the train loop.
    static let loopArguments: Set<String> = ["by_epoch", "max_epochs", "max_iters", "val_begin", "val_interval", "dynamic_intervals", "fp16"]

    /// Legacy names that MMEngine-era configs also use as variables, with the MMEngine key that takes the
    /// value (its first part must be present for the name to count as a variable).
    static let counterparts: [String: [String]] = [
        "optimizer": ["optim_wrapper", "optimizer"], "dist_params": ["env_cfg", "dist_cfg"],
        "cudnn_benchmark": ["env_cfg", "cudnn_benchmark"], "mp_start_method": ["env_cfg", "mp_cfg", "mp_start_method"],
        "opencv_num_threads": ["env_cfg", "mp_cfg", "opencv_num_threads"],
        "find_unused_parameters": ["model_wrapper_cfg", "find_unused_parameters"],
        "seed": ["randomness", "seed"], "deterministic": ["randomness", "deterministic"],
    ]

    /// Classifies a resolved config.
    static func of(_ config: ConfigMapping) -> ConfigWorld {
        let legacyOnly = Set(RuleRegistry.rules.flatMap { $0.legacyKeys }).subtracting(["train_cfg", "test_cfg", "default_scope", "custom_hooks"])
        var legacy: [String] = []
        var modern: [String] = []
        var ignored: [String] = []
        for entry in config.entries {
            guard let key = entry.key.stringValue else { continue }
            switch key {
            case "train_cfg", "val_cfg", "test_cfg":
                switch loopShape(entry.value) {
                case true?: modern.append(key)
                case false? where key != "val_cfg": legacy.append(key)
                default: break
                }
            default:
                if mmengineKeys.contains(key) {
                    modern.append(key)
                } else if legacyOnly.contains(key) {
                    switch variable(key, entry.value, in: config) {
                    case true?: break
                    case false?: ignored.append(key)
                    case nil: if key != "find_unused_parameters" { legacy.append(key) }
                    }
                }
            }
        }
        if modern.isEmpty { return .legacy }
        return legacy.isEmpty ? .mmengine(keys: modern, ignored: ignored) : .mixed(legacy: legacy, mmengine: modern)
    }

    /// Whether a `train_cfg`/`val_cfg`/`test_cfg` value is a loop (true), model settings (false), or says
    /// nothing (nil: null, empty, or not a mapping).
    static func loopShape(_ node: ConfigNode) -> Bool? {
        guard let mapping = node.mapping, !mapping.isEmpty else { return nil }
        if let type = mapping["type"]?.scalar?.stringValue { return type.hasSuffix("Loop") }
        return mapping.keys.allSatisfy { $0.stringValue.map { loopArguments.contains($0) } ?? false }
    }

    /// For a legacy name that MMEngine-era configs also use as a variable, beside its counterpart: whether
    /// the counterpart holds the same value (true) or another (false). Nil when it is no such variable here.
    static func variable(_ key: String, _ value: ConfigNode, in config: ConfigMapping) -> Bool? {
        guard let path = counterparts[key], let first = path.first, let container = config[first], !container.isNull else { return nil }
        var node: ConfigNode? = container
        for part in path.dropFirst() { node = node?.mapping?[part] }
        return node == value
    }

    /// The MMEngine key that takes a legacy-named variable's value (`env_cfg.cudnn_benchmark`).
    static func counterpart(of key: String) -> String {
        (counterparts[key] ?? []).joined(separator: ".")
    }
}
