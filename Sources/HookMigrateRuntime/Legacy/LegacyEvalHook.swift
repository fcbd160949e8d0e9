/// MMCV 1.7.2's EvalHook timing and best-checkpoint logic (`mmcv/runner/hooks/evaluation.py`), with mmdet
/// 2.28.2's `dynamic_intervals` (`mmdet/core/evaluation/eval_hooks.py`).
public struct LegacyEvalHook: Sendable, Equatable {
    /// `start` (nil when not given).
    public var start: Int?
    /// `interval`.
    public var interval: Int
    /// `by_epoch` (mmdet forces it to "not an iteration runner").
    public var byEpoch: Bool
    /// mmdet `dynamic_intervals`: (milestone, interval) pairs.
    public var dynamicIntervals: [(milestone: Int, interval: Int)]
    /// `save_best` key, `auto`, or nil.
    public var saveBest: String?
    /// Explicit `rule`: `greater` or `less`.
    public var rule: String?
    /// mmedit's `EvalIterHook`: it clears the log buffer before evaluating (MMCV's EvalHook by iteration runs
    /// the logger hooks first), so a train record due at that iteration is never written.
    public var clearsLogBuffer = false
    /// mmgen's GenerativeEvalHook: its own best checkpoints (one per tracked metric name) instead of
    /// `save_best` (GenerativeEvalSettings).
    public var generativeBest: GenerativeBestTracker?
    /// The best score so far.
    public private(set) var bestScore: Double?
    /// The current best file.
    public private(set) var bestFile: String?
    /// The step of the current best file.
    public private(set) var bestStep: Int?
    private var initialCallDone = false
    private var resolvedKey: String?
    private var resolvedRule: String?

    /// Creates the hook.
    public init(start: Int?, interval: Int, byEpoch: Bool, dynamicIntervals: [(milestone: Int, interval: Int)] = [],
                saveBest: String?, rule: String?) {
        self.start = start
        self.interval = interval
        self.byEpoch = byEpoch
        self.dynamicIntervals = dynamicIntervals
        self.saveBest = saveBest
        self.rule = rule
    }

    public static func == (lhs: LegacyEvalHook, rhs: LegacyEvalHook) -> Bool {
        lhs.start == rhs.start && lhs.interval == rhs.interval && lhs.byEpoch == rhs.byEpoch
            && lhs.dynamicIntervals.elementsEqual(rhs.dynamicIntervals, by: ==) && lhs.saveBest == rhs.saveBest
            && lhs.rule == rhs.rule && lhs.clearsLogBuffer == rhs.clearsLogBuffer && lhs.generativeBest == rhs.generativeBest && lhs.bestScore == rhs.bestScore && lhs.bestFile == rhs.bestFile
    }

    /// mmdet: the interval in force for the epoch/iteration now starting (`bisect` on progress+1).
    public mutating func updateDynamicInterval(progress: Int) {
        guard !dynamicIntervals.isEmpty else { return }
        var current = interval
        for pair in dynamicIntervals where progress + 1 >= pair.milestone { current = pair.interval }
        interval = current
    }

    /// Whether the first `before_train_*` call evaluates at once (start set and reached).
    public mutating func evaluatesBeforeTraining(progress: Int) -> Bool {
        defer { initialCallDone = true }
        guard !initialCallDone, let start, progress >= start else { return false }
        return shouldEvaluate(progress: progress)
    }

    /// `_should_evaluate` for the 0-based counter `progress` (epoch or iter).
    public func shouldEvaluate(progress: Int) -> Bool {
        let current = progress + 1
        // Without `start`, MMCV's `every_n_*` is False for an interval ≤ 0.
        guard let start else { return interval > 0 && current % interval == 0 }
        guard current >= start, interval != 0 else { return false }
        let (offset, overflow) = current.subtractingReportingOverflow(start)
        return overflow ? (Int128(current) - Int128(start)) % Int128(interval) == 0 : offset % interval == 0
    }

    /// The key and rule in use once metrics are known (`auto` takes the first key).
    mutating func resolve(metricKey: String) -> (key: String, rule: String)? {
        guard let saveBest else { return nil }
        if resolvedKey == nil {
            resolvedKey = saveBest == "auto" ? metricKey : saveBest
            resolvedRule = rule ?? BestRule.infer(resolvedKey ?? metricKey) ?? BestRule.inferDownstream(resolvedKey ?? metricKey) ?? "greater"
        }
        guard let key = resolvedKey, let rule = resolvedRule else { return nil }
        return (key, rule)
    }

    /// Best-checkpoint bookkeeping for a score at a 1-based step: the file to remove and the file to save.
    /// A falsy score (0) is skipped, as MMCV's `if self.save_best and key_score` does.
    public mutating func best(score: Double, metricKey: String, step: Int) -> (removed: (file: String, step: Int)?, saved: String)? {
        guard let (key, rule) = resolve(metricKey: metricKey), score != 0 else { return nil }
        if let bestScore, !BestRule.better(score, than: bestScore, rule: rule) { return nil }
        let removed = bestFile.map { ($0, bestStep ?? step) }
        let file = "best_\(key)_\(byEpoch ? "epoch" : "iter")_\(step).pth"
        bestScore = score
        bestFile = file
        bestStep = step
        return (removed, file)
    }
}

/// The save-best rule inference both libraries share (`_init_rule`): explicit rule, else exact then
/// substring match against the greater/less key lists.
public enum BestRule {
    /// `_default_greater_keys` (identical in MMCV and MMEngine).
    public static let greaterKeys = ["acc", "top", "AR@", "auc", "precision", "mAP", "mDice", "mIoU", "mAcc", "aAcc"]
    /// `_default_less_keys`.
    public static let lessKeys = ["loss"]

    /// `greater` or `less` for a key; `nil` when nothing matches (both libraries raise ValueError then).
    public static func infer(_ key: String) -> String? {
        let lowered = key.lowercased()
        if greaterKeys.contains(where: { $0.lowercased() == lowered }) { return "greater" }
        if lessKeys.contains(where: { $0.lowercased() == lowered }) { return "less" }
        if greaterKeys.contains(where: { lowered.contains($0.lowercased()) }) { return "greater" }
        if lessKeys.contains(where: { lowered.contains($0.lowercased()) }) { return "less" }
        return nil
    }

    /// mmpose 0.x's EvalHook key lists (`mmpose/core/evaluation/eval_hooks.py`): a key MMCV's own lists do not
    /// match made MMCV's EvalHook raise, so a legacy run that trained used a downstream hook like this one.
    public static let downstreamGreaterKeys = ["acc", "ap", "ar", "pck", "auc", "3dpck", "p-3dpck", "3dauc", "p-3dauc", "pcp"]
    /// mmpose 0.x's less-is-better keys.
    public static let downstreamLessKeys = ["loss", "epe", "nme", "mpjpe", "p-mpjpe", "n-mpjpe"]

    /// The rule a downstream EvalHook inferred for a key MMCV's lists do not match.
    public static func inferDownstream(_ key: String) -> String? {
        let lowered = key.lowercased()
        if downstreamLessKeys.contains(where: { lowered.contains($0) }) { return "less" }
        if downstreamGreaterKeys.contains(where: { lowered.contains($0) }) { return "greater" }
        return nil
    }

    /// Whether `score` strictly improves on `best` under `rule`.
    public static func better(_ score: Double, than best: Double, rule: String) -> Bool {
        rule == "less" ? score < best : score > best
    }
}
