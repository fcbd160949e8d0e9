import HookMigrateCore
import HookMigrateRuntime

/// mmgen 0.7.3's `evaluation: {type: GenerativeEvalHook | TranslationEvalHook, …}` → mmagic 1.x's form: the
/// validation timing in `train_cfg`, `val_cfg: {type: MultiValLoop}`, `val_evaluator` with mmagic's generative
/// metrics, and the best checkpoints on `default_hooks.checkpoint` (`save_best` list with its `rule` list).
/// The hook's semantics are read through `GenerativeEvalSettings` (HookMigrateRuntime), as the legacy
/// simulator reads them.
extension EvaluationRule {
    /// mmgen metric type → mmagic 1.x metric type, for GenerativeEvalHook and for TranslationEvalHook.
    static let generativeMetricTypes: [String: (generative: String, translation: String, prefix: String)] = [
        "FID": ("FrechetInceptionDistance", "TransFID", "FID"),
        "IS": ("InceptionScore", "TransIS", "IS"),
    ]

    static func convertGenerative(_ evaluation: ConfigMapping, valLoader: ConfigNode?,
                                  _ context: inout MigrationContext) throws {
        let location = context.legacyKeyLocation("evaluation")
        let settings = try GenerativeEvalSettings.read(evaluation, at: location)
        guard valLoader != nil else {
            context.manualStep(Records.generativeWithoutValData, "evaluation", "there is no data.val, so \(settings.type) cannot be converted (mmgen's train script built its dataloader from data.val and failed without it); add val_dataloader, val_cfg, val_evaluator and train_cfg.val_interval by hand to validate", at: location)
            return
        }
        let intervals = [settings.interval] + settings.dynamicIntervals.map(\.interval)
        if intervals.allSatisfy({ $0 <= 0 }) {
            context.removeOutput("val_dataloader")
            context.change(Records.generativeNeverEvaluated, "evaluation.interval", to: nil, "\(settings.type) with interval \(settings.interval) never evaluated (`every_n_iters` is False for an interval ≤ 0): no validation is written, and data.val gets no val_dataloader", at: evaluation["interval"]?.location ?? location)
            return
        }
        if intervals.contains(where: { $0 <= 0 }) {
            context.removeOutput("val_dataloader")
            context.nonEquivalence(Records.generativeDynamicIntervalNotPositive, "evaluation.interval", "\(settings.type)'s dynamic interval holds a non-positive entry (\(intervals.map(String.init).joined(separator: ", "))): it stopped evaluating in that range, which MMEngine's dynamic_intervals cannot express (a 0 interval divides by zero); no validation is written — set train_cfg.val_interval / dynamic_intervals by hand",
                                   deviation: "evaluations of the legacy run's positive-interval ranges missing", at: evaluation["interval"]?.location ?? location)
            return
        }

        var loop = ConfigMapping()
        loop["type"] = ConfigNode(.string("MultiValLoop"))
        context.setOutput("val_cfg", ConfigNode(loop), from: ["evaluation", "data"])
        let evaluator = try generativeEvaluator(settings, evaluation: evaluation, &context)
        context.setOutput("val_evaluator", ConfigNode(evaluator.mapping), from: ["evaluation", "data"])
        context.change(Records.generativeValLoop, "evaluation", to: "val_cfg", "\(settings.type) on data.val becomes mmagic's validation loop: val_cfg MultiValLoop and val_evaluator with \(evaluator.types.joined(separator: ", ")) (mmagic 1.x, default_scope mmagic)", at: location)

        let schedule = EvaluationSchedule(interval: settings.interval, start: nil,
                                          dynamicIntervals: settings.dynamicIntervals.map { .init(milestone: $0.milestone, interval: $0.interval) })
        let written = settings.dynamicIntervals.isEmpty ? "interval=\(settings.interval)"
            : "interval={milestones: [\(settings.dynamicIntervals.map { String($0.milestone) }.joined(separator: ", "))], interval: [\(intervals.map(String.init).joined(separator: ", "))]}"
        try convertSchedule(schedule, evaluation: ConfigMapping(), implicit: false, legacyForm: "\(settings.type) \(written)", legacyPackage: "mmgen", &context)
        convertGenerativeBest(settings, keys: evaluator.bestKeys, evaluation: evaluation, &context)
        convertGenerativeRemainingKeys(settings, evaluation: evaluation, &context)

        let typeList = evaluator.types.joined(separator: ", ")
        var note = "val_evaluator: \(typeList) of mmagic 1.x, chosen for mmgen's \(settings.metrics.map(\.type).joined(separator: ", ")); keys prefixed (e.g. \(evaluator.bestKeys.first ?? "FID-50k/fid")). Check the arguments against mmagic's own configs: bgr2rgb, image_shape and inception_args other than `type`/`inception_path` have no argument there (mmagic takes the channel order from the data_preprocessor)"
        if !evaluator.unknown.isEmpty {
            note += "; \(evaluator.unknown.joined(separator: ", ")) kept by name with its mmgen arguments: mmagic has no metric of that name known to hookmigrate — replace it by hand"
        }
        context.manualStep(Records.generativeMetrics, "evaluation.metrics", note, at: evaluation["metrics"]?.location ?? location, newPath: "val_evaluator")
    }

    /// The evaluator, its metric type names, the unknown types kept, and the new key of each tracked best metric.
    static func generativeEvaluator(_ settings: GenerativeEvalSettings, evaluation: ConfigMapping, _ context: inout MigrationContext) throws
        -> (mapping: ConfigMapping, types: [String], unknown: [String], bestKeys: [String]) {
        let translation = settings.type == "TranslationEvalHook"
        let sampleKwargs = try evaluation["sample_kwargs"].flatMap { $0.isNull ? nil : try $0.mapping("evaluation.sample_kwargs") }
        let targetDomain = try evaluation["target_domain"].map { try $0.string("evaluation.target_domain") }
        var metrics: [ConfigNode] = []
        var types: [String] = []
        var unknown: [String] = []
        var prefixes: [Int: String] = [:]
        var usedPrefixes: Set<String> = []
        for (index, metric) in settings.metrics.enumerated() {
            guard let known = generativeMetricTypes[metric.type] else {
                metrics.append(ConfigNode(metric.arguments))
                types.append(metric.type)
                unknown.append(metric.type)
                continue
            }
            let arguments = metric.arguments
            var out = ConfigMapping()
            let type = translation ? known.translation : known.generative
            out["type"] = ConfigNode(.string(type))
            let count = try arguments["num_images"].map { try $0.int(ConfigPath("evaluation.metrics").appending(index: index).appending("num_images")) }
            // mmagic's naming: FID-50k / IS-50k; a second metric of a type gets its index.
            var prefix = known.prefix + (count.map { "-" + (($0 % 1000 == 0 && $0 > 0) ? "\($0 / 1000)k" : "\($0)") } ?? "")
            if usedPrefixes.contains(prefix) { prefix += "-\(index)" }
            usedPrefixes.insert(prefix)
            prefixes[index] = prefix
            out["prefix"] = ConfigNode(.string(prefix))
            if let count {
                out["fake_nums"] = ConfigNode(.int(count))
                // mmgen's FID fed as many real images as fake ones (unless inception_pkl held them).
                if metric.type == "FID" { out["real_nums"] = ConfigNode(.int(count)) }
            }
            if let style = arguments["inception_args"]?.mapping?["type"]?.scalar?.stringValue {
                out["inception_style"] = ConfigNode(.string(style.lowercased() == "stylegan" ? "StyleGAN" : "PyTorch"))
            }
            if let path = arguments["inception_args"]?.mapping?["inception_path"] { out["inception_path"] = path }
            if metric.type == "FID", let pkl = arguments["inception_pkl"], !pkl.isNull { out["inception_pkl"] = pkl }
            if metric.type == "IS" {
                for (legacy, modern) in [("resize", "resize"), ("splits", "splits"), ("use_pil_resize", "use_pillow_resize")] {
                    if let value = arguments[legacy] { out[modern] = value }
                }
            }
            if translation, let targetDomain {
                if metric.type == "FID" { out["real_key"] = ConfigNode(.string("img_\(targetDomain)")) }
                out["fake_key"] = ConfigNode(.string("fake_\(targetDomain)"))
            }
            out["sample_model"] = sampleKwargs?["sample_model"] ?? ConfigNode(.string("orig"))
            metrics.append(ConfigNode(out))
            types.append(type)
        }
        var mapping = ConfigMapping()
        mapping["type"] = ConfigNode(.string("Evaluator"))
        mapping["metrics"] = ConfigNode(ConfigList(metrics))
        let bestKeys = settings.best.map { "\(prefixes[$0.metricIndex] ?? $0.name)/\($0.name)" }
        return (mapping, types, unknown, bestKeys)
    }

    /// `best_metric` (with `save_best_ckpt`) → `default_hooks.checkpoint.save_best` and `rule`, one entry per
    /// tracked metric in the order the legacy hook saved them.
    static func convertGenerativeBest(_ settings: GenerativeEvalSettings, keys: [String], evaluation: ConfigMapping, _ context: inout MigrationContext) {
        let location = evaluation.entry("best_metric")?.keyLocation ?? context.legacyKeyLocation("evaluation")
        if !settings.unreported.isEmpty {
            context.change(Records.generativeBestMetricUnreported, "evaluation.best_metric", to: nil, "\(settings.unreported.map { "'\($0)'" }.joined(separator: ", ")): no metric of `metrics` reports \(settings.unreported.count == 1 ? "it" : "them") (FID reports 'fid', IS 'is'), so the legacy hook never saved \(settings.unreported.count == 1 ? "that best checkpoint" : "those best checkpoints"); nothing is written for \(settings.unreported.count == 1 ? "it" : "them")", at: location)
        }
        guard !settings.best.isEmpty else {
            if let node = evaluation["save_best_ckpt"] {
                context.change(Records.generativeNoBestCheckpoint, "evaluation.save_best_ckpt", to: nil, "save_best_ckpt=False: no best checkpoint was saved; none is configured", at: node.location)
            }
            return
        }
        if !settings.repeated.isEmpty {
            context.nonEquivalence(Records.generativeBestMetricRepeated, "evaluation.metrics", "\(settings.repeated.map { "'\($0)'" }.joined(separator: ", ")) reported by more than one metric: \(settings.type) kept one best score per name and let every such metric update it; MMEngine's CheckpointHook tracks each prefixed key on its own, so only the first metric's key is configured",
                                   deviation: "best checkpoints of the later metrics of the same name not reproduced", at: evaluation["metrics"]?.location, newPath: "default_hooks.checkpoint.save_best")
        }
        // Only the best-checkpoint keys: the regular saves (interval, …) are checkpoint_config's.
        var hook = context.defaultHook("checkpoint")?.mapping ?? ConfigMapping(["type": ConfigNode(.string("CheckpointHook"))])
        let rules = settings.best.map(\.rule)
        if keys.count == 1 {
            hook["save_best"] = ConfigNode(.string(keys[0]))
            hook["rule"] = ConfigNode(.string(rules[0]))
        } else {
            hook["save_best"] = ConfigNode(ConfigList(keys.map { ConfigNode(.string($0)) }))
            hook["rule"] = ConfigNode(ConfigList(rules.map { ConfigNode(.string($0)) }))
        }
        context.setDefaultHook("checkpoint", ConfigNode(hook))
        let pairs = zip(settings.best, keys).map { "'\($0.name)' (\($0.rule)) → '\($1)'" }.joined(separator: ", ")
        let implicit = evaluation["best_metric"] == nil ? " (best_metric defaults to 'fid')" : ""
        context.change(Records.generativeBestCheckpoints, "evaluation.best_metric", to: "default_hooks.checkpoint.save_best", "best checkpoints \(pairs)\(implicit), with the rules \(settings.type) gave them ('is' is in its greater_keys, anything else less); both save when a score strictly beats the best so far, the first evaluation always, a score of 0 included. The file best_<name>_iter_<n>.pth in work_dir becomes best_<prefix>_<name>_iter_<n>.pth in the checkpoint hook's out_dir", at: location)
        context.warn(Records.bestResavesRegular, "evaluation.best_metric", "after each best-checkpoint update MMEngine re-saves the regular checkpoint of that iteration (it may rewrite an existing file or add one that takes a max_keep_ckpts slot), so resuming restores the right best scores (R7); its extra validation at the last iteration (R4) may save one more best checkpoint", at: location, newPath: "default_hooks.checkpoint")
    }

    /// The keys the hook took besides the schedule, metrics and best settings.
    static func convertGenerativeRemainingKeys(_ settings: GenerativeEvalSettings, evaluation: ConfigMapping, _ context: inout MigrationContext) {
        if let node = evaluation["sample_kwargs"]?.mapping {
            let other = node.entries.compactMap { $0.key.stringValue }.filter { $0 != "sample_model" }
            if !other.isEmpty {
                context.warn(Records.generativeSampleKwargsDropped, "evaluation.sample_kwargs", "\(other.map { "`\($0)`" }.joined(separator: ", ")) passed to the model when sampling: mmagic's metrics take only sample_model; dropped — set the model's sampling arguments by hand", at: evaluation.entry("sample_kwargs")?.keyLocation, newPath: "val_evaluator")
            }
        }
        if let node = evaluation["priority"] {
            context.change(Records.generativePriorityDropped, "evaluation.priority", to: nil, "dropped: the hook's priority only ordered it among the after_train_iter hooks; MMEngine's loop validates after all of them", at: node.location)
        }
        for key in ["dist", "dataloader"] where evaluation[key] != nil {
            context.change(Records.generativeOverwrittenDropped, "evaluation.\(key)", to: nil, "dropped: mmgen's train script overwrote it (the dataloader of data.val, the launcher's distribution)", at: evaluation.entry(key)?.keyLocation)
        }
        context.warn(Records.generativeLogBufferCleared, "evaluation", "\(settings.type) cleared the log buffer before evaluating, so a train log record due at an evaluation iteration was not written; MMEngine writes it (R9, logging only)", at: context.legacyKeyLocation("evaluation"), newPath: "default_hooks.logger")
    }
}
