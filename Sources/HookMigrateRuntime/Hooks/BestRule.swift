import HookMigrateCore

/// The save-best rule inference both libraries share (`_init_rule` of MMCV's `EvalHook` and of MMEngine's
/// `CheckpointHook`): an explicit rule, else the key matched case-insensitively against the greater and less
/// key lists, exact matches first, then substrings, greater before less; nothing matching is a ValueError.
public enum BestRule {
    /// The greater-is-better and less-is-better key lists an evaluation hook infers a rule from.
    public struct KeyLists: Sendable, Hashable {
        /// `greater_keys`.
        public var greater: [String]
        /// `less_keys`.
        public var less: [String]

        /// Creates the lists.
        public init(greater: [String], less: [String]) {
            self.greater = greater
            self.less = less
        }

        /// `_default_greater_keys` / `_default_less_keys` (identical in MMCV 1.7.2 and MMEngine 0.10.7).
        public static let mmcv = KeyLists(greater: ["acc", "top", "AR@", "auc", "precision", "mAP", "mDice", "mIoU", "mAcc", "aAcc"],
                                          less: ["loss"])
        /// mmpose 0.x's EvalHook (`mmpose/core/evaluation/eval_hooks.py`), which its train script registered
        /// instead of MMCV's: the same inference over its own lists.
        public static let mmpose0x = KeyLists(greater: ["acc", "ap", "ar", "pck", "auc", "3dpck", "p-3dpck", "3dauc", "p-3dauc", "pcp"],
                                              less: ["loss", "epe", "nme", "mpjpe", "p-mpjpe", "n-mpjpe"])

        /// The lists a hook uses: the config's `greater_keys` / `less_keys` where given (each replaces its
        /// default), these otherwise.
        public func overridden(greater: [String]?, less: [String]?) -> KeyLists {
            KeyLists(greater: greater ?? self.greater, less: less ?? self.less)
        }

        /// `greater` or `less` for a key; `nil` when nothing matches (the hook raises ValueError).
        public func infer(_ key: String) -> String? {
            let lowered = key.lowercased()
            let greaterLowered = greater.map { $0.lowercased() }
            let lessLowered = less.map { $0.lowercased() }
            if greaterLowered.contains(lowered) { return "greater" }
            if lessLowered.contains(lowered) { return "less" }
            if greaterLowered.contains(where: { lowered.contains($0) }) { return "greater" }
            if lessLowered.contains(where: { lowered.contains($0) }) { return "less" }
            return nil
        }
    }

    /// `greater_keys` and `less_keys` as an evaluation config gives them (a string is a one-key list; absent
    /// or None is `nil`, the hook's default).
    public static func configuredKeys(_ mapping: ConfigMapping, path: ConfigPath) throws -> (greater: [String]?, less: [String]?) {
        func keys(_ key: String) throws -> [String]? {
            guard let node = mapping.present(key) else { return nil }
            if case .scalar(.string(let single)) = node.value { return [single] }
            let keyPath = path.appending(key)
            return try node.list(keyPath).items.enumerated().map { try $1.string(keyPath.appending(index: $0)) }
        }
        return (try keys("greater_keys"), try keys("less_keys"))
    }

    /// The rule MMCV's and MMEngine's default lists infer for a key (`KeyLists.mmcv`).
    public static func infer(_ key: String) -> String? { KeyLists.mmcv.infer(key) }

    /// Whether `score` strictly improves on `best` under `rule`.
    public static func better(_ score: Double, than best: Double, rule: String) -> Bool {
        rule == "less" ? score < best : score > best
    }
}
