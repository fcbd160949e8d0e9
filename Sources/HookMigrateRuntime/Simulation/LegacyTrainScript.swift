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
    /// A package hookmigrate cannot name (no dataset, model or scope it knows, or several packages' at once):
    /// run as `standard`, except for an `optimizer_config` with its own `type` next to a top-level `fp16`,
    /// where the scripts disagree (mmdet-style ones and mmcls raised TypeError, mmseg registered the hook as
    /// written and trained without the top-level key). There it follows mmseg's reading, as the optimizer
    /// rule does, and says so in its warning.
    case undetermined

    /// The script, as a report names it.
    public var scriptName: String {
        switch self {
        case .standard: return "mmdet 2.x's train_detector (and the train scripts written like it)"
        case .mmseg: return "mmseg 0.30's train_segmentor"
        case .mmcls: return "mmcls 0.25's train_model"
        case .mmedit: return "mmedit 0.16's train_model"
        case .mmgen: return "mmgen 0.7's train_model"
        case .undetermined: return "the train script (its package is not known)"
        }
    }

    /// Whether `momentum_config` was registered.
    public var registersMomentum: Bool { self != .mmedit }

    /// Whether an evaluation hook was registered without an `evaluation` key.
    public var validatesWithoutEvaluation: Bool { self == .standard || self == .undetermined || self == .mmseg || self == .mmcls }

    /// How a top-level `fp16` went into the default optimizer hook.
    public enum Fp16Merge: Sendable, Hashable {
        /// Not read (the run trained in fp32, or the script built no optimizer hook).
        case ignored
        /// `Fp16OptimizerHook(**optimizer_config, **fp16, distributed=…)` (mmdet 2.x and the scripts like it),
        /// whatever `optimizer_config` holds: its own `type` raised TypeError.
        case whole
        /// `Fp16OptimizerHook(**optimizer_config, loss_scale=fp16['loss_scale'], distributed=…)` (mmcls 0.x),
        /// whatever `optimizer_config` holds: its own `type` raised TypeError.
        case lossScaleOnly
        /// As `whole` when `optimizer_config` names no hook `type`; beside a `type`, not read (mmseg's reading,
        /// the one an undetermined package is given).
        case wholeUnlessTyped

        /// Whether the top-level `fp16` reaches the hook of an `optimizer_config` with the given `type`.
        public func reads(hookType: String?) -> Bool {
            switch self {
            case .ignored: return false
            case .whole, .lossScaleOnly: return true
            case .wholeUnlessTyped: return hookType == nil
            }
        }
    }

    /// How this script read a top-level `fp16`.
    public var topLevelFp16: Fp16Merge {
        switch self {
        case .standard: return .whole
        case .undetermined: return .wholeUnlessTyped
        case .mmcls: return .lossScaleOnly
        case .mmseg, .mmedit, .mmgen: return .ignored
        }
    }
}
