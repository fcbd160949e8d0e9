/// The downstream train script that built a legacy run (`<package>/apis/train.py` at the corpus versions):
/// which hooks it registered beyond `register_training_hooks`, and on what conditions. MMCV itself is the same
/// for all of them; the scripts differ.
public enum LegacyTrainScript: String, Sendable, Hashable {
    /// mmdet 2.28.2's `train_detector` and the scripts written like it (mmpose, mmaction2,
    /// mmocr, mmrotate, mmdet3d, mmtrack, mmflow): lr, momentum and optimizer hooks, an EvalHook on data.val
    /// unless `evaluation` is None.
    case standard
    /// mmseg 0.30's `train_segmentor`: as `standard`, except that it registered `optimizer_config` as written
    /// and never read a top-level `fp16` (such a run trained in fp32).
    case mmseg
    /// mmcls 0.25's `train_model`: as `standard`, except that it read only `fp16['loss_scale']`:
    /// `Fp16OptimizerHook(**optimizer_config, loss_scale=fp16['loss_scale'], distributed=…)`.
    case mmcls
    /// mmedit 0.16.1: `register_training_hooks(cfg.lr_config, checkpoint_config=…, log_config=…)` — no
    /// momentum or optimizer hook — and mmedit's `EvalIterHook` (by iteration, priority LOW) only when
    /// `evaluation` is set.
    case mmedit
    /// mmgen 0.7.3: lr, momentum, checkpoint and logger hooks (no optimizer hook: it read the unset
    /// `optimizer_cfg`), and the evaluation hook `evaluation` names only when it is set.
    case mmgen

    /// Whether `momentum_config` was registered.
    public var registersMomentum: Bool { self != .mmedit }

    /// Whether an evaluation hook was registered without an `evaluation` key.
    public var validatesWithoutEvaluation: Bool { self == .standard || self == .mmseg || self == .mmcls }

    /// How a top-level `fp16` went into the default optimizer hook.
    public enum Fp16Merge: Sendable, Hashable {
        /// Not read (the run trained in fp32, or the script built no optimizer hook).
        case ignored
        /// `Fp16OptimizerHook(**optimizer_config, **fp16, distributed=…)` (mmdet 2.x and the scripts like it).
        case whole
        /// `Fp16OptimizerHook(**optimizer_config, loss_scale=fp16['loss_scale'], distributed=…)` (mmcls 0.x).
        case lossScaleOnly
    }

    /// How this script read a top-level `fp16`.
    public var topLevelFp16: Fp16Merge {
        switch self {
        case .standard: return .whole
        case .mmcls: return .lossScaleOnly
        case .mmseg, .mmedit, .mmgen: return .ignored
        }
    }
}
