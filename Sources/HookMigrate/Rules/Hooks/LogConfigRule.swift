import HookMigrateCore
import HookMigrateRuntime

/// `log_config` → `default_hooks.logger` (one `LoggerHook`), `log_processor` (averaging window and
/// epoch/iteration labels) and `visualizer` (one vis backend per legacy logger hook).
///
/// ## Before
/// ```yaml
/// log_config:
///   interval: 50
///   hooks: [{type: TextLoggerHook}, {type: TensorboardLoggerHook}]
/// ```
/// ## After
/// ```yaml
/// default_hooks:
///   logger: {type: LoggerHook, interval: 50}
/// log_processor: {type: LogProcessor, window_size: 50, by_epoch: true}
/// visualizer:
///   type: Visualizer
///   vis_backends: [{type: LocalVisBackend}, {type: TensorboardVisBackend}]
/// ```
/// Logging is an equivalence of the traces, not an identity (R9): emission points and labels are compared
/// as 1-based steps, and MMEngine adds a few records MMCV did not emit.
public enum LogConfigRule: MigrationRule {
    public static let id = "log_config"
    public static let legacyKeys = ["log_config"]
    public static let newKeys = ["default_hooks", "visualizer", "log_processor"]
    /// Reads the runner kind.
    public static let reads: [RuleInput] = [.loopFacts]
    public static let summary = "log_config becomes one LoggerHook, a LogProcessor and the visualizer's backends."
    public static let mappingRows = [
        MappingRow("log_config: {interval: I, hooks: [TextLoggerHook]}", "default_hooks.logger: {type: LoggerHook, interval: I}; log_processor: {window_size: I, by_epoch}; visualizer.vis_backends: [LocalVisBackend]", "equivalent logging (R9)"),
        MappingRow("TextLoggerHook.ignore_last/interval_exp_name/out_dir/out_suffix/keep_local/file_client_args", "default_hooks.logger.<same>", "exact"),
        MappingRow("TextLoggerHook.by_epoch (default True; False under IterBasedRunner)", "log_processor.by_epoch (+ logger.log_metric_by_epoch: false when False)", "equivalent logging (R9)"),
        MappingRow("*LoggerHook.reset_flag", "dropped", "exact (MMEngine has one logger and no shared buffer; rejected by LoggerHook)"),
        MappingRow("IterTextLoggerHook (mmedit/mmgen)", "as TextLoggerHook with by_epoch: false", "warning"),
        MappingRow("TensorboardLoggerHook(log_dir)", "visualizer.vis_backends += TensorboardVisBackend", "warning: events go to <work_dir>/<timestamp>/vis_data; log_dir dropped"),
        MappingRow("WandbLoggerHook(init_kwargs, commit, define_metric_cfg)", "WandbVisBackend(<same>)", "exact; with_step/log_artifact/out_suffix dropped with a warning"),
        MappingRow("MlflowLoggerHook(exp_name, tags, params)", "MLflowVisBackend(<same>)", "warning unless log_model=False (MMEngine logs no model)"),
        MappingRow("ClearMLLoggerHook / NeptuneLoggerHook (init_kwargs)", "ClearMLVisBackend / NeptuneVisBackend(init_kwargs)", "exact (Neptune without init_kwargs: warning, MMEngine runs offline)"),
        MappingRow("DvcliveLoggerHook(**kwargs)", "DVCLiveVisBackend(init_kwargs: kwargs)", "exact; model_file dropped with a warning"),
        MappingRow("PaviLoggerHook, SegmindLoggerHook, unknown logger hooks", "none", "manual step (no MMEngine backend)"),
        MappingRow("per-hook interval/ignore_last/by_epoch that differ from the text logger's", "one LoggerHook setting", "warning (R9)"),
        MappingRow("log_config: null, or hooks: []", "default_hooks.logger: null", "exact (MMCV registered no logger hook)"),
    ]

    /// What one legacy logger hook becomes.
    enum Target {
        /// `TextLoggerHook` (or mmedit/mmgen's `IterTextLoggerHook`): the LoggerHook's own settings + LocalVisBackend.
        case text(iterationLabels: Bool)
        /// A vis backend.
        case backend(String)
        /// Nothing in MMEngine.
        case none(String)
    }

    /// Arguments of MMCV's base `LoggerHook`, which every logger hook takes.
    static let baseArguments = ["type", "interval", "ignore_last", "reset_flag", "by_epoch"]

    /// One `log_config.hooks` entry with its effective base settings (MMCV's defaults applied).
    struct LegacyLogger {
        var index: Int
        var type: String
        var args: LegacyHookArgs
        var target: Target
        var interval: Int
        var ignoreLast: Bool
        var byEpoch: Bool
        var location: SourceLocation?
    }

    public static func apply(to context: inout MigrationContext) throws {
        // Absent: MMCV registered no logger hook; MMEngine's default LoggerHook only adds log lines (R9).
        guard let node = context.legacyNode(id) else { return }
        context.consume(id)
        if node.isNull {
            context.setDefaultHook("logger", ConfigNode(.null))
            context.change(Records.noneRemovesLogger, id, to: "default_hooks.logger", "null: MMCV registered no logger hook; default_hooks.logger=None removes MMEngine's default LoggerHook", at: context.legacyKeyLocation(id))
            return
        }
        let config = LegacyHookArgs(try node.mapping(ConfigPath(id)), path: ConfigPath(id), at: node.location)
        for key in try config.keys() where key != "interval" && key != "hooks" {
            context.warn(Records.unreadKeyDropped, "\(id).\(key)", "dropped: MMCV's register_logger_hooks reads only `interval` and `hooks`, so `\(key)` had no effect", at: config.location(key))
        }
        // log_config as MMCV's register_logger_hooks read it (the reading the legacy simulator runs).
        let parsed: (interval: Int, hooks: [LegacyLoggerHook?])
        do {
            parsed = try LegacyLoggerHook.parse(config.mapping, iterationRunner: context.loop?.kind == .iteration, path: ConfigPath(id))
        } catch let rejection as ConfigError where rejection.code == .rejected {
            context.manualStep(Records.rejected, id, "\(rejection.message); nothing converted — add it and convert again", at: context.legacyKeyLocation(id))
            return
        }
        let hookItems = config.node("hooks")?.list?.items ?? []
        if hookItems.isEmpty {
            context.setDefaultHook("logger", ConfigNode(.null))
            context.change(Records.noLoggerHooks, "\(id).hooks", to: "default_hooks.logger", "no logger hooks: MMCV logged nothing; default_hooks.logger=None removes MMEngine's default LoggerHook", at: config.node("hooks")?.location)
            return
        }

        var loggers: [LegacyLogger] = []
        for (index, item) in hookItems.enumerated() {
            let path = ConfigPath(id).appending("hooks").appending(index: index)
            let args = LegacyHookArgs(try item.mapping(path), path: path, at: item.location)
            _ = try args.keys()
            guard let hook = parsed.hooks[index] else {
                context.manualStep(Records.missingType, "\(path)", "this logger hook has no `type`: MMCV's build_from_cfg raised KeyError; dropped — give it a type by hand", at: item.location)
                continue
            }
            loggers.append(LegacyLogger(index: index, type: hook.type, args: args, target: target(of: hook.type), interval: hook.interval,
                                        ignoreLast: hook.ignoreLast, byEpoch: hook.byEpoch, location: item.location))
        }
        let convertible = loggers.filter { if case .none = $0.target { return false } else { return true } }
        guard let primary = convertible.first(where: { if case .text = $0.target { return true } else { return false } }) ?? convertible.first ?? loggers.first else {
            return
        }
        guard primary.interval > 0 else {
            context.manualStep(Records.intervalNotPositive, "\(id).interval", "logging interval \(primary.interval): MMCV never emitted a train log with it, and MMEngine's LoggerHook requires interval > 0 (ValueError); logging not converted — choose an interval by hand",
                               at: primary.args.location("interval") ?? config.location("interval"))
            return
        }

        var logger = ConfigMapping()
        logger["type"] = ConfigNode(.string("LoggerHook"))
        logger["interval"] = ConfigNode(.int(primary.interval))
        var backends: [ConfigNode] = []
        for legacy in loggers {
            let converted = try convert(legacy, isPrimary: legacy.index == primary.index, &logger, &context)
            if let converted { backends.append(converted) }
        }
        var processor = ConfigMapping()
        processor["type"] = ConfigNode(.string("LogProcessor"))
        processor["window_size"] = ConfigNode(.int(primary.interval))
        processor["by_epoch"] = ConfigNode(.bool(primary.byEpoch))
        if !primary.byEpoch { logger["log_metric_by_epoch"] = ConfigNode(.bool(false)) }
        var visualizer = ConfigMapping()
        visualizer["type"] = ConfigNode(.string("Visualizer"))
        visualizer["vis_backends"] = ConfigNode(ConfigList(backends))

        context.setDefaultHook("logger", ConfigNode(logger, at: node.location))
        context.setOutput("log_processor", ConfigNode(processor), from: [id])
        context.setOutput("visualizer", ConfigNode(visualizer), from: [id])

        reportDifferences(loggers: loggers, primary: primary, &context)
        reportEmissionPoints(primary: primary, &context)
    }

    static func target(of type: String) -> Target {
        switch type {
        case "TextLoggerHook": return .text(iterationLabels: false)
        case "IterTextLoggerHook": return .text(iterationLabels: true)
        case "TensorboardLoggerHook": return .backend("TensorboardVisBackend")
        case "WandbLoggerHook": return .backend("WandbVisBackend")
        case "MlflowLoggerHook": return .backend("MLflowVisBackend")
        case "ClearMLLoggerHook": return .backend("ClearMLVisBackend")
        case "DvcliveLoggerHook": return .backend("DVCLiveVisBackend")
        case "NeptuneLoggerHook": return .backend("NeptuneVisBackend")
        case "PaviLoggerHook": return .none("MMEngine 0.10 has no Pavi backend")
        case "SegmindLoggerHook": return .none("MMEngine 0.10 has no Segmind backend")
        default: return .none("unknown logger hook: hookmigrate knows no MMEngine vis backend for it")
        }
    }

    /// Converts one legacy logger hook: the text logger's arguments go into `logger`; returns its vis
    /// backend, if any. Reports one record for the hook, plus one per argument MMCV would have rejected.
    static func convert(_ legacy: LegacyLogger, isPrimary: Bool, _ logger: inout ConfigMapping,
                        _ context: inout MigrationContext) throws -> ConfigNode? {
        let args = legacy.args
        let path = args.path.description
        let resetNote = args.has("reset_flag") ? "; reset_flag dropped (MMEngine has a single logger and no shared log buffer to reset; LoggerHook rejects it)" : ""
        _ = try args.bool("reset_flag")
        switch legacy.target {
        case .none(let reason):
            context.manualStep(Records.backendDropped, path, "\(legacy.type): \(reason); dropped — log to another backend (visualizer.vis_backends) or port the hook by hand", at: legacy.location)
            return nil

        case .text(let iterationLabels):
            var notes: [String] = []
            for key in try args.keys() where !baseArguments.contains(key) {
                switch key {
                case "interval_exp_name":
                    _ = try args.int(key)
                case "out_suffix":
                    guard let value = args.node(key), value.scalar?.stringValue != nil || value.list != nil else {
                        throw ConfigError(.typeMismatch, "expected a string or a list of strings for `\(path).\(key)`", at: args.node(key)?.location)
                    }
                case "keep_local":
                    _ = try args.bool(key)
                case "out_dir":
                    try args.stringOrNull(key)
                case "file_client_args":
                    if try args.mappingOrNull(key) != nil {
                        guard let outDir = args.node("out_dir"), !outDir.isNull else {
                            throw ConfigError(.invalidValue, "`\(path).file_client_args` is set without `out_dir`: MMCV's TextLoggerHook raises ValueError for it", at: args.location(key))
                        }
                        notes.append("file_client_args kept (deprecated in MMEngine in favour of backend_args; same FileClient)")
                    }
                default:
                    context.manualStep(Records.unknownArgument, "\(path).\(key)", "\(legacy.type) has no argument `\(key)` (MMCV raised TypeError building it); dropped", at: args.location(key))
                    continue
                }
                if isPrimary, let value = args.node(key) { logger[key] = value }
            }
            if isPrimary {
                if args.has("ignore_last"), let value = args.node("ignore_last") {
                    logger = CheckpointConfigRule.inserting("ignore_last", value, after: "interval", in: logger)
                }
            } else {
                notes.append("a second text logger: MMEngine has one LoggerHook, so only the first text logger's settings are used")
            }
            let byEpochText: String
            if context.loop?.kind == .iteration, legacy.byEpoch, args.has("by_epoch") {
                byEpochText = "by_epoch=True under an iteration runner: MMCV counted log steps by inner iteration; MMEngine's iteration loop has no epochs, check log_processor.by_epoch"
            } else if !args.has("by_epoch"), !legacy.byEpoch {
                byEpochText = iterationLabels ? "by_epoch=False (iteration labels)" : "by_epoch=False (IterBasedRunner's default) → log_processor.by_epoch"
            } else {
                byEpochText = "by_epoch=\(legacy.byEpoch ? "True" : "False") → log_processor.by_epoch"
            }
            let message = "\(legacy.type) becomes default_hooks.logger (LoggerHook, interval=\(legacy.interval)) with log_processor (window_size=\(legacy.interval), \(byEpochText)) and LocalVisBackend for the json log\(resetNote)\(notes.isEmpty ? "" : "; " + notes.joined(separator: "; ")); logging only (R9)"
            if iterationLabels {
                context.warn(Records.iterTextLogger, path, "mmedit/mmgen's IterTextLoggerHook has no MMEngine counterpart: converted like TextLoggerHook with by_epoch=False — \(message); its own line format is not reproduced", at: legacy.location, newPath: "default_hooks.logger")
            } else if !isPrimary || (context.loop?.kind == .iteration && legacy.byEpoch && args.has("by_epoch")) {
                context.warn(Records.textLogger, path, message, at: legacy.location, newPath: "default_hooks.logger")
            } else {
                context.change(Records.textLogger, path, to: "default_hooks.logger", message, at: legacy.location)
            }
            guard isPrimary else { return nil }
            var backend = ConfigMapping()
            backend["type"] = ConfigNode(.string("LocalVisBackend"))
            return ConfigNode(backend, at: legacy.location)

        case .backend(let backendType):
            var backend = ConfigMapping()
            backend["type"] = ConfigNode(.string(backendType))
            var kept: [String] = []
            var lost: [String] = []
            var initKwargs = ConfigMapping()
            for key in try args.keys() where !baseArguments.contains(key) {
                guard let value = args.node(key) else { continue }
                switch (legacy.type, key) {
                case ("WandbLoggerHook", "init_kwargs"), ("ClearMLLoggerHook", "init_kwargs"), ("NeptuneLoggerHook", "init_kwargs"),
                     ("WandbLoggerHook", "define_metric_cfg"):
                    _ = try args.mappingOrNull(key)
                    backend[key] = value
                    kept.append(key)
                case ("WandbLoggerHook", "commit"):
                    _ = try args.bool(key)
                    backend[key] = value
                    kept.append(key)
                case ("MlflowLoggerHook", "exp_name"):
                    try args.stringOrNull(key)
                    backend[key] = value
                    kept.append(key)
                case ("MlflowLoggerHook", "tags"), ("MlflowLoggerHook", "params"):
                    _ = try args.mappingOrNull(key)
                    backend[key] = value
                    kept.append(key)
                case ("TensorboardLoggerHook", "log_dir"):
                    lost.append("log_dir dropped (TensorboardVisBackend takes only save_dir, which the visualizer fills)")
                case ("WandbLoggerHook", "with_step"), ("NeptuneLoggerHook", "with_step"):
                    lost.append("with_step dropped (the MMEngine backend has no such setting)")
                case ("WandbLoggerHook", "log_artifact"):
                    if try args.bool(key) ?? true { lost.append("log_artifact dropped (WandbVisBackend uploads no log-file artifact at the end)") }
                case ("WandbLoggerHook", "out_suffix"):
                    lost.append("out_suffix dropped (WandbVisBackend uploads no log files)")
                case ("MlflowLoggerHook", "log_model"):
                    break  // reported below, default included
                case ("DvcliveLoggerHook", "model_file"):
                    lost.append("model_file dropped (DVCLiveVisBackend saves no model file)")
                case ("DvcliveLoggerHook", "dvclive"):
                    lost.append("dvclive dropped (a ready Live object cannot be configured in MMEngine; use init_kwargs)")
                case ("DvcliveLoggerHook", _):
                    initKwargs[key] = value
                    kept.append("\(key) → init_kwargs.\(key)")
                default:
                    context.manualStep(Records.backendUnknownArgument, "\(path).\(key)", "\(legacy.type) has no argument `\(key)` (MMCV raised TypeError building it); dropped", at: args.location(key))
                }
            }
            if !initKwargs.isEmpty { backend["init_kwargs"] = ConfigNode(initKwargs) }
            if legacy.type == "MlflowLoggerHook", try args.bool("log_model") ?? true {
                lost.append("log_model dropped (MMCV logged the trained model to MLflow at the end of training, default True; MLflowVisBackend logs no model)")
            }
            if legacy.type == "TensorboardLoggerHook" {
                lost.append("the event files move from \(args.has("log_dir") ? "log_dir" : "<work_dir>/tf_logs") to <work_dir>/<timestamp>/vis_data")
            }
            if legacy.type == "NeptuneLoggerHook", try args.mappingOrNull("init_kwargs") == nil {
                lost.append("without init_kwargs MMEngine's NeptuneVisBackend runs in offline mode, where MMCV called neptune.init() with its environment defaults")
            }
            let keptText = kept.isEmpty ? "" : " (\(kept.joined(separator: ", ")) kept)"
            let message = "\(legacy.type) becomes visualizer.vis_backends \(backendType)\(keptText); it logs at default_hooks.logger's interval\(resetNote)"
            if lost.isEmpty {
                context.change(Records.visBackend, path, to: "visualizer.vis_backends", message, at: legacy.location)
            } else {
                context.warn(Records.visBackend, path, message + "; differences: " + lost.joined(separator: "; "), at: legacy.location, newPath: "visualizer.vis_backends")
            }
            return ConfigNode(backend, at: legacy.location)
        }
    }

    /// Per-hook settings MMCV kept apart and MMEngine's single LoggerHook cannot.
    static func reportDifferences(loggers: [LegacyLogger], primary: LegacyLogger, _ context: inout MigrationContext) {
        for legacy in loggers where legacy.index != primary.index {
            if case .none = legacy.target { continue }
            var differences: [String] = []
            if legacy.interval != primary.interval { differences.append("interval \(legacy.interval) (vs \(primary.interval))") }
            if legacy.ignoreLast != primary.ignoreLast { differences.append("ignore_last=\(legacy.ignoreLast ? "True" : "False")") }
            if legacy.byEpoch != primary.byEpoch { differences.append("by_epoch=\(legacy.byEpoch ? "True" : "False")") }
            guard !differences.isEmpty else { continue }
            let message = "\(legacy.type) had its own \(differences.joined(separator: ", ")) in MMCV (its hooks shared one log buffer, so a hook also logged whenever an earlier one had just averaged); MMEngine has one LoggerHook, so it now logs with \(primary.type)'s settings (interval \(primary.interval)) — logging only (R9)"
            if legacy.interval != primary.interval {
                // Its records at other steps are gone once an epoch (or run) is long enough to reach them.
                context.nonEquivalence(Records.otherLoggerSettings, legacy.args.path.description, message,
                                       deviation: "train-log records every \(legacy.interval) iterations become every \(primary.interval)",
                                       at: legacy.args.location("interval"), newPath: "default_hooks.logger")
            } else {
                context.warn(Records.otherLoggerSettings, legacy.args.path.description, message, at: legacy.args.location("interval"), newPath: "default_hooks.logger")
            }
        }
    }

    /// Train-log emission points that differ and can be told from L (R9c, by-iteration logging in an epoch runner).
    static func reportEmissionPoints(primary: LegacyLogger, _ context: inout MigrationContext) {
        guard let loop = context.loop else { return }
        let interval = primary.interval
        let perEpoch = context.options.itersPerEpoch
        if loop.kind == .epoch, !primary.byEpoch {
            if let perEpoch, perEpoch % interval == 0 { return }
            let lengthNote = perEpoch.map { " (L=\($0) is not a multiple of \(interval))" } ?? " (unless L is a multiple of \(interval))"
            context.nonEquivalence(Records.byIterationInEpochRunner, primary.args.path.description, "by_epoch=False in an epoch runner: MMCV logged every \(interval) iterations counted over the whole run, MMEngine's LoggerHook every \(interval) batches within each epoch, so the train-log steps differ\(lengthNote); logging only, training is unaffected",
                                   deviation: "train log records at other iterations", at: primary.args.location("by_epoch"), newPath: "default_hooks.logger")
            return
        }
        guard let perEpoch, perEpoch < interval, primary.ignoreLast else { return }
        let what = loop.kind == .epoch
            ? "MMCV emitted no train log at all, MMEngine logs the last batch of every epoch"
            : "MMEngine logs once more, at iteration \(perEpoch) (the end of the first pass over the loader)"
        context.warn(Records.epochShorterThanInterval, primary.args.path.description, "epochs of L=\(perEpoch) iterations are shorter than the logging interval \(interval) with ignore_last=True: \(what) (R9) — logging only",
                     at: primary.location, newPath: "default_hooks.logger")
    }
}
