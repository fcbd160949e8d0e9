import HookMigrateCore

/// mmgen 0.7.3's `GenerativeEvalHook` and its subclass `TranslationEvalHook`
/// (`mmgen/core/evaluation/eval_hooks.py`), read from `evaluation`: when they evaluate and which best
/// checkpoints they keep. The mmgen train script registers the hook (`validate and cfg.evaluation`) at
/// `evaluation.priority`, LOW by default.
///
/// - Timing: `after_train_iter` only (no `start`, nothing before training). After the 1-based iteration `n`
///   it evaluates when `n % k == 0` for the interval `k` in force (`every_n_iters`: never for `k <= 0`). An
///   int `interval` is `k`; a dict `{milestones: [m1, …], interval: [k0, k1, …]}` gives
///   `k = interval[bisect_right(milestones, n)]`, i.e. `k0` before `m1`, `k1` from `m1` on, …
/// - Before evaluating it clears the log buffer and then fills it with the metric results (as mmedit's
///   EvalIterHook does); it does not call the logger hooks itself.
/// - Best checkpoints (`save_best_ckpt`, True by default): for each metric in order and each name of its
///   result that `best_metric` (default `'fid'`, a str or a list, only `fid`/`is` allowed) lists, a strictly
///   better score than the best so far (starting from ±inf, so the first evaluation always saves; a score of
///   0 counts) saves `best_<name>_iter_<n>.pth` and removes that name's previous best file. The rule of a
///   name is `greater` when it is in the hook's `greater_keys`, else `less`.
public struct GenerativeEvalSettings: Sendable, Equatable {
    /// The hook types that follow these semantics.
    public static let hookTypes: Set<String> = ["GenerativeEvalHook", "TranslationEvalHook"]
    /// `GenerativeEvalHook.greater_keys` (exact membership decides the rule).
    public static let greaterKeys = ["acc", "top", "AR@", "auc", "precision", "mAP", "is"]
    /// `_supported_best_metrics`.
    public static let supportedBestMetrics = ["fid", "is"]
    /// The result names of mmgen's metric types that can be best metrics (`FID._result_dict` holds `fid`,
    /// `IS._result_dict` holds `is`; no other metric reports either name).
    public static let bestResultName: [String: String] = ["FID": "fid", "IS": "is"]

    /// One metric of `evaluation.metrics`.
    public struct Metric: Sendable, Equatable {
        /// Its registry type (`FID`, `IS`, …).
        public var type: String
        /// Its arguments as written.
        public var arguments: ConfigMapping
        /// Where it is written.
        public var location: SourceLocation?
    }

    /// One best metric the hook tracks, in the order it meets their results.
    public struct Best: Sendable, Hashable {
        /// The result name (`fid`, `is`).
        public var name: String
        /// `greater` or `less`.
        public var rule: String
        /// The index in `metrics` of the metric that reports it.
        public var metricIndex: Int
    }

    /// The hook type.
    public var type: String
    /// The base interval (`interval`, or `interval[0]` of the dict form).
    public var interval: Int
    /// The dict form as (milestone, interval) pairs: from iteration `milestone` on, `interval` applies.
    public var dynamicIntervals: [EvaluationMilestone]
    /// `evaluation.priority` (LOW when absent).
    public var priority: Int
    /// The metrics in order.
    public var metrics: [Metric]
    /// The best metrics in the order the hook saves them (empty when `save_best_ckpt` is False).
    public var best: [Best]
    /// Best-metric names no metric of the list reports: the hook never saves them.
    public var unreported: [String]
    /// Best-metric names more than one metric reports: both update the same best score.
    public var repeated: [String]

    /// Whether `evaluation` builds one of these hooks.
    public static func applies(to evaluation: ConfigMapping) -> Bool {
        guard let type = evaluation["type"]?.scalar?.stringValue else { return false }
        return hookTypes.contains(type)
    }

    /// The interval in force after the 1-based iteration `n` (`get_current_interval` with `runner.iter + 1`).
    public func interval(after n: Int) -> Int {
        var current = interval
        for pair in dynamicIntervals where n >= pair.milestone { current = pair.interval }
        return current
    }

    /// Whether the hook evaluates after the 1-based iteration `n` (`every_n_iters`).
    public func evaluates(after n: Int) -> Bool {
        let k = interval(after: n)
        return k > 0 && n % k == 0
    }

    /// Reads `evaluation` as the hook's constructor does, refusing what it refuses (located errors).
    public static func read(_ evaluation: ConfigMapping, at location: SourceLocation?) throws -> GenerativeEvalSettings {
        let path = ConfigPath("evaluation")
        let type = try evaluation.required("type", in: path, owner: location).string(path.appending("type"))
        // The constructor's keyword arguments (and the keys the train script pops or overwrites): any other key
        // is a TypeError when the hook is built.
        var accepted: Set<String> = ["type", "interval", "dist", "metrics", "sample_kwargs", "save_best_ckpt", "best_metric", "dataloader", "priority"]
        if type == "TranslationEvalHook" {
            accepted.insert("target_domain")
            guard let domain = evaluation["target_domain"], !domain.isNull else {
                throw ConfigError(.missingKey, "`evaluation.target_domain` is not set: TranslationEvalHook requires it (TypeError)", at: location)
            }
            _ = try domain.string(path.appending("target_domain"))
        }
        for entry in evaluation.entries {
            let key = entry.key.stringValue ?? entry.key.description
            guard !accepted.contains(key) else { continue }
            throw ConfigError(.invalidValue, "`evaluation.\(key)` is not an argument of \(type) (TypeError when the train script builds it)", at: entry.keyLocation)
        }
        let (interval, dynamic) = try readInterval(evaluation["interval"], path: path.appending("interval"))
        let priority = try evaluation["priority"].map { try Priority.value(of: $0, path: path.appending("priority")) } ?? 70
        guard let metricsNode = evaluation["metrics"], !metricsNode.isNull else {
            throw ConfigError(.missingKey, "`evaluation.metrics` is not set: \(type) asserts `metrics is not None`", at: evaluation["metrics"]?.location ?? location)
        }
        var metrics: [Metric] = []
        let metricNodes: [(ConfigNode, ConfigPath)]
        if metricsNode.mapping != nil {
            metricNodes = [(metricsNode, path.appending("metrics"))]
        } else {
            metricNodes = try metricsNode.list(path.appending("metrics")).items.enumerated().map { ($0.element, path.appending("metrics").appending(index: $0.offset)) }
        }
        for (node, itemPath) in metricNodes {
            let mapping = try node.mapping(itemPath)
            let metricType = try mapping.required("type", in: itemPath, owner: node.location).string(itemPath.appending("type"))
            metrics.append(Metric(type: metricType, arguments: mapping, location: node.location))
        }
        let saveBest = try evaluation["save_best_ckpt"].map { $0.isNull ? false : try $0.bool(path.appending("save_best_ckpt")) } ?? true
        var names = ["fid"]
        if let node = evaluation["best_metric"] {
            if let list = node.list {
                names = try list.items.enumerated().map { try $0.element.string(path.appending("best_metric").appending(index: $0.offset)) }
            } else {
                names = [try node.string(path.appending("best_metric"))]
            }
        }
        var best: [Best] = []
        var unreported: [String] = []
        var repeated: [String] = []
        if saveBest {
            if let unsupported = names.first(where: { !supportedBestMetrics.contains($0) }) {
                throw ConfigError(.invalidValue, "`evaluation.best_metric`: '\(unsupported)' is not supported for saving best checkpoints (\(type) asserts best_metric ⊆ ['fid', 'is'] while save_best_ckpt is True)", at: evaluation["best_metric"]?.location ?? location)
            }
            for (index, metric) in metrics.enumerated() {
                guard let name = bestResultName[metric.type], names.contains(name) else { continue }
                if best.contains(where: { $0.name == name }) {
                    if !repeated.contains(name) { repeated.append(name) }
                    continue
                }
                best.append(Best(name: name, rule: greaterKeys.contains(name) ? "greater" : "less", metricIndex: index))
            }
            var seen: Set<String> = []
            for name in names where !best.contains(where: { $0.name == name }) && seen.insert(name).inserted { unreported.append(name) }
        }
        return GenerativeEvalSettings(type: type, interval: interval, dynamicIntervals: dynamic, priority: priority, metrics: metrics,
                                      best: best, unreported: unreported, repeated: repeated)
    }

    /// `interval`: an int, or a dict of `milestones` (ascending) and `interval` (one more entry).
    static func readInterval(_ node: ConfigNode?, path: ConfigPath) throws -> (Int, [EvaluationMilestone]) {
        guard let node else { return (1, []) }
        guard let mapping = node.mapping else { return (try node.int(path), []) }
        guard let milestonesNode = mapping["milestones"], let intervalsNode = mapping["interval"] else {
            throw ConfigError(.missingKey, "`\(path)` as a dict needs both `milestones` and `interval` (GenerativeEvalHook raises KeyError)", at: node.location)
        }
        let milestones = try milestonesNode.list(path.appending("milestones")).items.enumerated().map { try $0.element.int(path.appending("milestones").appending(index: $0.offset)) }
        let intervals = try intervalsNode.list(path.appending("interval")).items.enumerated().map { try $0.element.int(path.appending("interval").appending(index: $0.offset)) }
        guard intervals.count == milestones.count + 1 else {
            throw ConfigError(.invalidValue, "`\(path).interval` has \(intervals.count) entries for \(milestones.count) milestones; GenerativeEvalHook needs one more interval than milestones (ValueError)", at: intervalsNode.location)
        }
        for index in milestones.indices.dropLast() where milestones[index] >= milestones[index + 1] {
            throw ConfigError(.invalidValue, "`\(path).milestones` must ascend strictly (GenerativeEvalHook raises ValueError): \(milestones[index]) is followed by \(milestones[index + 1])", at: milestonesNode.location)
        }
        return (intervals[0], zip(milestones, intervals.dropFirst()).map { EvaluationMilestone(milestone: $0.0, interval: $0.1) })
    }
}

/// The best checkpoints of a GenerativeEvalHook: one best score and file per tracked metric name.
public struct GenerativeBestTracker: Sendable, Hashable {
    /// The tracked names and rules, in saving order.
    public let best: [GenerativeEvalSettings.Best]
    private var scores: [Double?]
    private var files: [SavedFile?]

    /// A best checkpoint on disk: its name and the 1-based iteration it was saved at.
    public struct SavedFile: Sendable, Hashable {
        public let file: String
        public let step: Int
    }

    /// Creates the tracker.
    public init(best: [GenerativeEvalSettings.Best]) {
        self.best = best
        scores = Array(repeating: nil, count: best.count)
        files = Array(repeating: nil, count: best.count)
    }

    /// `_save_best_ckpt` for each tracked name at the 1-based iteration `step`, the name at position `i`
    /// reporting `score(i)`: the file removed (if any), the file saved and its score, per name that improved.
    public mutating func update(step: Int, score: (Int) -> Double) -> [(removed: SavedFile?, saved: String, score: Double)] {
        var outcomes: [(removed: SavedFile?, saved: String, score: Double)] = []
        for index in best.indices {
            let score = score(index)
            // The initial best is ±inf and the comparison strict: NaN never saves.
            if let current = scores[index] {
                guard BestRule.better(score, than: current, rule: best[index].rule) else { continue }
            } else if score.isNaN {
                continue
            }
            let file = "best_\(best[index].name)_iter_\(step).pth"
            outcomes.append((files[index], file, score))
            scores[index] = score
            files[index] = SavedFile(file: file, step: step)
        }
        return outcomes
    }
}
