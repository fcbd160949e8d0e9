/// The downstream train script that built a legacy run (`<package>/apis/train.py` at the corpus versions):
/// which hooks it registered beyond `register_training_hooks`, and on what conditions. MMCV itself is the same
/// for all of them; the scripts differ.
public enum LegacyTrainScript: String, Sendable, Equatable {
    /// mmdet 2.28.2's `train_detector` and the scripts written like it (mmcls, mmseg, mmpose, mmaction2,
    /// mmocr, mmrotate, mmdet3d, mmtrack, mmflow): lr, momentum and optimizer hooks, an EvalHook on data.val
    /// unless `evaluation` is None.
    case standard
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
    public var validatesWithoutEvaluation: Bool { self == .standard }
}
