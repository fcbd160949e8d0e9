/// MMCV 1.7.2's rule from a `policy` string to a hook class (`mmcv/runner/base_runner.py`,
/// `register_lr_hook` and `register_momentum_hook`): a name that equals its own `lower()` is passed through
/// Python's `str.title()`, any other name is used as written; then `LrUpdaterHook` or `MomentumUpdaterHook`
/// is appended and looked up in the `HOOKS` registry. So `step` → `StepLrUpdaterHook`, but
/// `cosineannealing` → `CosineannealingLrUpdaterHook` (not registered). schedules.md A.0.
public enum LegacyPolicyName {
    /// Which updater family a policy belongs to.
    public enum Family: String, Sendable {
        case lr = "LrUpdaterHook"
        case momentum = "MomentumUpdaterHook"

        /// The policy stems MMCV 1.7.2 registers for this family (`mmcv/runner/hooks/lr_updater.py`,
        /// `momentum_updater.py`).
        public var registeredStems: [String] {
            switch self {
            case .lr:
                return ["Fixed", "Step", "Exp", "Poly", "Inv", "CosineAnnealing", "FlatCosineAnnealing",
                        "CosineRestart", "Cyclic", "OneCycle", "LinearAnnealing"]
            case .momentum:
                return ["Step", "CosineAnnealing", "LinearAnnealing", "Cyclic", "OneCycle"]
            }
        }

        /// The policy stems downstream packages register for this family and the simulator models, each with
        /// its owner: the class is registered only where that package is imported, which a config naming it
        /// implies (the corpus configs that name them come from those packages).
        public var downstreamStems: [(stem: String, owner: String)] {
            switch self {
            case .lr:
                return [("MultiStage", "mmflow 0.5.2"), ("YOLOX", "mmdet 2.28.2"), ("Linear", "mmedit 0.16.1 / mmgen 0.7.3"),
                        ("CosineAnnealingCooldown", "mmcls 0.25.0"), ("SiameseRPN", "mmtrack 0.14.0"),
                        ("Reduce", "mmedit 0.16.1")]
            case .momentum:
                return []
            }
        }
    }

    /// The stem MMCV appends the family suffix to: the title-cased name for an all-lower-case policy,
    /// the name itself otherwise.
    public static func stem(of policy: String) -> String {
        PyFloat.isAllLowercase(policy) ? PyFloat.title(policy) : policy
    }

    /// The class name MMCV looks up.
    public static func className(of policy: String, family: Family) -> String {
        stem(of: policy) + family.rawValue
    }

    /// The registered stem the policy resolves to (MMCV's own or a simulated downstream one), or `nil` when
    /// the registry would raise `KeyError`.
    public static func resolve(_ policy: String, family: Family) -> String? {
        let stem = stem(of: policy)
        return family.registeredStems.contains(stem) || family.downstreamStems.contains(where: { $0.stem == stem }) ? stem : nil
    }
}
