/// Every rule, in the order they run. The `runner` rule runs first: the others read its loop facts. The
/// `default_scope` rule runs last: it dresses the visualizer and hooks the others wrote.
public enum RuleRegistry {
    /// The rules in execution order.
    public static let rules: [any MigrationRule.Type] = [
        ModelCfgRule.self,
        RunnerRule.self,
        OptimizerRule.self,
        LrConfigRule.self,
        MomentumConfigRule.self,
        DataRule.self,
        EvaluationRule.self,
        CheckpointConfigRule.self,
        LogConfigRule.self,
        CustomHooksRule.self,
        EnvRule.self,
        ResumeRule.self,
        DefaultScopeRule.self,
    ]

    /// Legacy top-level keys that mean the same in MMEngine and are kept as they are, without a warning.
    public static let keptKeys = [
        "model", "dataset_type", "data_root", "img_norm_cfg", "train_pipeline", "test_pipeline", "val_pipeline",
        "custom_imports", "work_dir", "log_level", "load_from", "auto_scale_lr", "file_client_args",
        "norm_cfg", "class_names", "classes", "num_classes", "img_scale", "backend_args",
    ]

    /// The rule that owns a legacy key.
    public static func rule(forKey key: String) -> (any MigrationRule.Type)? {
        rules.first { $0.legacyKeys.contains(key) }
    }
}
