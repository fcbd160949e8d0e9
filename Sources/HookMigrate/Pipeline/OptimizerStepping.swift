import HookMigrateCore
import HookMigrateRuntime

/// Who stepped a legacy config's optimizers, as its package's train script and model did, and so how the
/// proof simulates them.
///
/// - mmedit 0.16.1 (`mmedit/apis/train.py`) built `cfg.optimizers` with `build_optimizers` (a dict of
///   optimizers by submodule name, or one optimizer) and registered no optimizer hook at all
///   (`register_training_hooks(cfg.lr_config, checkpoint_config=…, log_config=…)`): its models step their
///   optimizers in `train_step`.
/// - mmgen 0.7.3 (`mmgen/apis/train.py`) read `cfg.get('optimizer_cfg')` — never set, so `optimizer_config`
///   was always None and no optimizer hook was registered — and its models step the dict of optimizers.
/// - Everyone else registered `optimizer_config` (MMCV's `OptimizerHook`); with `optimizer_config: None` only
///   models that step themselves (mmpose's mesh models) trained at all.
///
/// The lr and momentum updater hooks of MMCV act on every optimizer of a dict alike (`runner.optimizer` as a
/// dict: `base_lr` per name), and MMEngine's `ParamSchedulerHook` steps each wrapper's schedulers, so the
/// proof follows one optimizer at a time (`ModelStepping`), the same model on both sides.
enum OptimizerStepping: Equatable {
    /// The framework steps the one optimizer (OptimizerHook, OptimWrapper).
    case framework
    /// The model steps these optimizers, each on its pattern.
    case model([ModelStepping])
    /// Not simulated; why.
    case notProven(String)

    /// The stepping of a resolved legacy config.
    /// `inference`: the config's package inference when the caller has it (it is not cheap).
    static func of(_ legacy: ConfigMapping, inference known: PackageInference? = nil) -> OptimizerStepping {
        let inference = known ?? LegacyCodebase.infer(legacy)
        let plural = legacy["optimizers"].flatMap { $0.isNull ? nil : $0 }
        let packages = Set(inference.codebases)
        let mmedit = plural != nil || (packages == [.mmedit])
        let mmgen = !mmedit && packages == [.mmgen]
        let source = mmedit ? (plural ?? legacy["optimizer"]) : legacy["optimizer"]
        guard let optimizers = source?.mapping, !optimizers.isEmpty else { return .framework }
        let named = optimizers.entries.allSatisfy { $0.value.mapping != nil }
        let names: [String?] = named ? optimizers.entries.compactMap { $0.key.stringValue } : [nil]
        let model = legacy["model"]?.mapping
        let modelType = model?["type"]?.scalar?.stringValue ?? ""
        // mmedit and mmgen pass the top-level train_cfg to the model; mmpose keeps it in the model.
        let trainCfg = legacy["train_cfg"]?.mapping ?? model?["train_cfg"]?.mapping ?? ConfigMapping()
        if mmedit || mmgen {
            return .model(names.map { SelfSteppingModels.pattern(model: modelType, optimizer: $0, trainCfg: trainCfg, mmgen: mmgen) })
        }
        let hook = legacy["optimizer_config"]
        if hook?.isNull == true {
            guard SelfSteppingModels.steppingModels.contains(modelType) else {
                return .notProven("optimizer_config is None, so MMCV registered no optimizer hook, and the model (\(modelType.isEmpty ? "no type" : modelType)) is not one known to step its own optimizers in train_step; the simulators model framework-driven optimizer steps and the models of mmedit, mmgen and mmpose's mesh recovery only")
            }
            return .model(names.map { SelfSteppingModels.pattern(model: modelType, optimizer: $0, trainCfg: trainCfg, mmgen: false) })
        }
        if hook == nil {
            return .notProven("the legacy config has an optimizer but no optimizer_config: mmdet/mmcls-style train scripts fail on it (cfg.optimizer_config), and the package (\(inference.codebases.map(\.rawValue).joined(separator: ", "))) is not one whose train script left the stepping to the model (mmedit, mmgen)")
        }
        if named {
            return .notProven("a dict of optimizers with an optimizer hook: MMCV's OptimizerHook calls runner.optimizer.zero_grad(), which a dict does not have (AttributeError at the first iteration)")
        }
        return .framework
    }
}
