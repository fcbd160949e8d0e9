import HookMigrateCore

/// MMCV 1.7.2's EvalHook timing and best-checkpoint logic (`mmcv/runner/hooks/evaluation.py`), with mmdet
/// 2.28.2's `dynamic_intervals` (`mmdet/core/evaluation/eval_hooks.py`).
public struct LegacyEvalHook: Sendable, Hashable {
    /// `start` (nil when not given).
    public var start: Int?
    /// `interval`.
    public var interval: Int
    /// `by_epoch` (mmdet forces it to "not an iteration runner").
    public var byEpoch: Bool
    /// mmdet `dynamic_intervals`: (milestone, interval) pairs.
    public var dynamicIntervals: [EvaluationMilestone]
    /// `save_best` key, `auto`, or nil.
    public var saveBest: String?
    /// Explicit `rule`: `greater` or `less`.
    public var rule: String?
    /// The key lists the hook infers a rule from (`greater_keys`/`less_keys`, else its class's defaults).
    public var keyLists: BestRule.KeyLists = .mmcv
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

    /// The timing arguments of `evaluation` as MMCV's EvalHook (and mmdet's, for `dynamic_intervals`) takes
    /// them: `interval` (1; positive, else ValueError), `start` (None; not negative, else ValueError),
    /// `dynamic_intervals` ((milestone, interval) pairs, each interval positive). Counts are range-checked.
    /// The one reading of them: the `evaluation` rule translates it, the simulated runner runs it.
    public static func parseSchedule(_ mapping: ConfigMapping, path: ConfigPath = "evaluation") throws -> (interval: Int, start: Int?, dynamicIntervals: [EvaluationMilestone]) {
        let interval = try mapping.present("interval").map { try $0.count(path.appending("interval")) } ?? 1
        guard interval > 0 else {
            throw ConfigError(.invalidValue, "`\(path.appending("interval"))` must be positive (MMCV's EvalHook raises ValueError), found \(interval)", at: mapping["interval"]?.location)
        }
        let start = try mapping.present("start").map { try $0.count(path.appending("start")) }
        if let start, start < 0 {
            throw ConfigError(.invalidValue, "`\(path.appending("start"))` must not be negative (MMCV's EvalHook raises ValueError), found \(start)", at: mapping["start"]?.location)
        }
        var dynamic: [EvaluationMilestone] = []
        if let node = mapping.present("dynamic_intervals") {
            let listPath = path.appending("dynamic_intervals")
            for (index, item) in try node.list(listPath).items.enumerated() {
                let itemPath = listPath.appending(index: index)
                let pair = try item.list(itemPath)
                guard pair.count == 2 else {
                    throw ConfigError(.invalidValue, "each `\(listPath)` entry is a (milestone, interval) pair, found \(pair.count) items", at: item.location)
                }
                let milestone = try pair.items[0].count(itemPath.appending(index: 0))
                let step = try pair.items[1].count(itemPath.appending(index: 1))
                guard step > 0 else {
                    throw ConfigError(.invalidValue, "a dynamic interval must be positive, found \(step)", at: pair.items[1].location)
                }
                dynamic.append(EvaluationMilestone(milestone: milestone, interval: step))
            }
        }
        return (interval, start, dynamic)
    }

    /// Creates the hook.
    public init(start: Int?, interval: Int, byEpoch: Bool, dynamicIntervals: [EvaluationMilestone] = [],
                saveBest: String?, rule: String?, keyLists: BestRule.KeyLists = .mmcv) {
        self.start = start
        self.interval = interval
        self.byEpoch = byEpoch
        self.dynamicIntervals = dynamicIntervals
        self.saveBest = saveBest
        self.rule = rule
        self.keyLists = keyLists
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
            resolvedRule = rule ?? keyLists.infer(resolvedKey ?? metricKey) ?? "greater"
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
