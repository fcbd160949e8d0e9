import HookMigrateCore
import HookMigrateRuntime

/// `checkpoint_config` → `default_hooks.checkpoint` (MMEngine's `CheckpointHook`), merged with the
/// best-checkpoint keys the `evaluation` rule put there.
///
/// ## Before
/// ```yaml
/// runner: {type: IterBasedRunner, max_iters: 80000}
/// checkpoint_config: {interval: 8000, max_keep_ckpts: 3, create_symlink: false}
/// ```
/// ## After
/// ```yaml
/// default_hooks:
///   checkpoint: {type: CheckpointHook, interval: 8000, by_epoch: false, max_keep_ckpts: 3}
/// ```
/// `by_epoch: false` is written because MMCV's IterBasedRunner defaulted it (MMEngine's default `True`
/// would save one `epoch_1.pth` at the end); `create_symlink` is dropped (MMEngine rejects it and writes
/// `last_checkpoint` instead of `latest.pth`).
public enum CheckpointConfigRule: MigrationRule {
    public static let id = "checkpoint_config"
    public static let legacyKeys = ["checkpoint_config"]
    public static let newKeys = ["default_hooks"]
    /// Reads the runner kind, and the checkpoint hook the evaluation rule set up for save_best (it extends it).
    public static let reads: [RuleInput] = [.loopFacts, .defaultHook("checkpoint")]
    public static let summary = "checkpoint_config becomes MMEngine's CheckpointHook in default_hooks.checkpoint."
    public static let mappingRows = [
        MappingRow("checkpoint_config: {interval, save_optimizer, out_dir, max_keep_ckpts, save_last, filename_tmpl}",
                   "default_hooks.checkpoint: {type: CheckpointHook, <same>}", "exact (same save steps and names; R5 last_checkpoint replaces latest.pth)"),
        MappingRow("checkpoint_config under IterBasedRunner, no by_epoch", "default_hooks.checkpoint.by_epoch: false (written)", "exact (MMCV's IterBasedRunner defaulted it; E1)"),
        MappingRow("checkpoint_config.by_epoch: true under IterBasedRunner", "interval: -1, by_epoch: false, save_last: false (saves no regular checkpoint)", "exact, warning: MMCV saved nothing"),
        MappingRow("checkpoint_config.by_epoch: false under EpochBasedRunner", "by_epoch: false", "non-equivalence: same save steps, MMCV named them epoch_{e}.pth and overwrote"),
        MappingRow("checkpoint_config.max_keep_ckpts: k (off-grid save_last possible)", "max_keep_ckpts: k", "warning: retention differs (R6)"),
        MappingRow("checkpoint_config.create_symlink", "dropped", "exact (R5; MMEngine rejects it: TypeError at the first save)"),
        MappingRow("checkpoint_config.sync_buffer: true", "dropped", "warning: add SyncBuffersHook to custom_hooks for distributed runs"),
        MappingRow("checkpoint_config.meta", "dropped", "warning (MMEngine rejects it: TypeError at the first save)"),
        MappingRow("checkpoint_config.file_client_args", "default_hooks.checkpoint.file_client_args", "exact, warning: deprecated in MMEngine (backend_args)"),
        MappingRow("checkpoint_config: null, or absent", "default_hooks.checkpoint: null", "exact (MMCV registered no CheckpointHook)"),
        MappingRow("evaluation.save_best… (from the evaluation rule)", "merged into default_hooks.checkpoint", "see evaluation"),
    ]

    public static func apply(to context: inout MigrationContext) throws {
        // Keys the evaluation rule (which runs first) put into the same hook: save_best, rule, …
        let fromEvaluation = context.defaultHook("checkpoint")?.mapping ?? ConfigMapping()
        guard let node = context.legacyNode(id) else {
            setNoRegularCheckpoints(&context, fromEvaluation: fromEvaluation,
                                    because: "absent: MMCV registered no CheckpointHook", at: context.legacyLocation)
            return
        }
        context.consume(id)
        if node.isNull {
            setNoRegularCheckpoints(&context, fromEvaluation: fromEvaluation,
                                    because: "null: MMCV registered no CheckpointHook", at: context.legacyKeyLocation(id))
            return
        }
        let args = LegacyHookArgs(try node.mapping(ConfigPath(id)), path: ConfigPath(id), at: node.location)
        let keys = try args.keys()
        if let type = try args.string("type"), type != "CheckpointHook" {
            var hook = args.mapping
            for entry in fromEvaluation.entries where !hook.contains(entry.key.stringValue ?? "") { hook.set(entry) }
            context.setDefaultHook("checkpoint", ConfigNode(hook, at: node.location))
            context.warn(Records.customHookKept, "\(id).type", "\(type) is a custom checkpoint hook: kept unchanged under default_hooks.checkpoint; it must exist in MMEngine's registry with MMEngine's CheckpointHook interface (MMCV registered it at NORMAL, MMEngine's entry runs at its class priority)",
                         at: args.location("type"), newPath: "default_hooks.checkpoint")
            return
        }

        var hook = ConfigMapping()
        hook["type"] = ConfigNode(.string("CheckpointHook"))
        for key in keys {
            guard let value = args.node(key) else { continue }
            let at = args.location(key)
            let path = "\(id).\(key)"
            guard LegacyCheckpointHook.acceptedKeys.contains(key) else {
                context.manualStep(Records.unknownSaveArgument, path, "MMCV passed `\(key)` on to runner.save_checkpoint, which has no such argument (TypeError at the first save); dropped — remove it from the legacy config or find its MMEngine counterpart by hand", at: at)
                continue
            }
            switch key {
            case "type":
                continue
            case "interval", "max_keep_ckpts":
                _ = try args.int(key)
                hook[key] = value
            case "by_epoch", "save_optimizer", "save_last":
                _ = try args.bool(key)
                hook[key] = value
            case "out_dir":
                try args.stringOrNull(key)
                hook[key] = value
            case "filename_tmpl":
                _ = try args.string(key)
                hook[key] = value
            case "file_client_args":
                if try args.mappingOrNull(key) != nil {
                    context.warn(Records.fileClientArgsKept, path, "kept: MMEngine's CheckpointHook still accepts file_client_args and builds the same FileClient from it, but deprecates it (prints a warning; `backend_args` is the new name and the two cannot be combined)",
                                 at: at, newPath: "default_hooks.checkpoint.file_client_args")
                }
                hook[key] = value
            case "create_symlink":
                _ = try args.bool(key)
                context.change(Records.createSymlinkDropped, path, to: nil, "dropped: MMEngine's save_checkpoint rejects it (TypeError at the first save); MMEngine records the newest checkpoint in work_dir/last_checkpoint instead of a latest.pth symlink (R5)", at: at)
            case "sync_buffer":
                let sync = try args.bool(key) ?? false
                if sync {
                    context.warn(Records.syncBufferDropped, path, "dropped: MMEngine's CheckpointHook has no sync_buffer (TypeError at the first save). MMCV all-reduced the model buffers (e.g. BN running stats) before each save; for distributed training add dict(type='SyncBuffersHook') to custom_hooks, which averages them after every train epoch", at: at)
                } else {
                    context.change(Records.syncBufferDefaultDropped, path, to: nil, "dropped: False was MMCV's default and MMEngine has no such argument (TypeError at the first save)", at: at)
                }
            case "meta":
                context.warn(Records.metaDropped, path, "dropped: MMEngine's CheckpointHook passes its own meta to save_checkpoint, so an extra meta is a TypeError at the first save; these values are no longer stored in checkpoints (write them from a custom hook's before_save_checkpoint if needed)", at: at)
            default:
                continue // every accepted key has its case above
            }
        }

        // The values MMCV's CheckpointHook was built with, read as the legacy simulator reads them.
        let legacy = try LegacyCheckpointHook.parse(args.mapping, iterationRunner: context.loop?.kind == .iteration, path: ConfigPath(id))
        let interval = legacy.interval
        let saveLast = legacy.saveLast
        let maxKeep = legacy.maxKeep
        let explicitByEpoch = args.mapping["by_epoch"].flatMap { $0.isNull ? nil : legacy.byEpoch }
        var byEpoch = explicitByEpoch ?? true
        var namesDiffer = false

        // by_epoch against the runner (runners-and-hooks.md 4.1, 6, E1).
        switch (context.loop?.kind, explicitByEpoch) {
        case (.iteration?, nil):
            byEpoch = false
            hook = inserting("by_epoch", ConfigNode(.bool(false)), after: "interval", in: hook)
            context.change(Records.byEpochFalseWritten, "\(id).by_epoch", to: "default_hooks.checkpoint.by_epoch",
                           "by_epoch=False written explicitly: MMCV's IterBasedRunner defaulted it to False, MMEngine's default True would save only epoch_1.pth at the end (E1)", at: node.location)
        case (.iteration?, true?):
            var neverSaving = ConfigMapping()
            neverSaving["type"] = ConfigNode(.string("CheckpointHook"))
            neverSaving["interval"] = ConfigNode(.int(-1))
            neverSaving["by_epoch"] = ConfigNode(.bool(false))
            neverSaving["save_last"] = ConfigNode(.bool(false))
            for key in ["out_dir", "filename_tmpl", "file_client_args"] { if let value = hook[key] { neverSaving[key] = value } }
            let merged = merge(neverSaving, fromEvaluation, &context)
            context.setDefaultHook("checkpoint", ConfigNode(merged, at: node.location))
            context.warn(Records.byEpochUnderIterRunner, "\(id).by_epoch", "by_epoch=True under an IterBasedRunner: MMCV's by-epoch CheckpointHook is never called there and saved no checkpoint at all (observed), so the hook is written with interval=-1 and save_last=False to save none either. If you meant a checkpoint every \(interval) iterations, set interval: \(interval), by_epoch: false, save_last: \(saveLast ? "true" : "false")",
                         at: args.location("by_epoch"), newPath: "default_hooks.checkpoint")
            return
        case (.epoch?, false?):
            namesDiffer = true
            context.nonEquivalence(Records.byIterationUnderEpochRunner, "\(id).by_epoch", "by_epoch=False under an EpochBasedRunner: both save every \(interval) iterations (and at the last one), but MMCV's runner named every save epoch_{epoch+1}.pth — overwriting within an epoch — and its max_keep_ckpts looked for iter_*.pth and removed nothing; MMEngine writes iter_{i}.pth files",
                                   deviation: "same save steps; file names (epoch_k.pth vs iter_i.pth), files left on disk and retention differ (4.1)",
                                   at: args.location("by_epoch"), newPath: "default_hooks.checkpoint.by_epoch")
        default:
            break
        }

        if maxKeep > 0, interval == 0, saveLast {
            hook["max_keep_ckpts"] = nil
            context.manualStep(Records.maxKeepWithZeroInterval, "\(id).max_keep_ckpts", "max_keep_ckpts=\(maxKeep) with interval=0: MMCV's retention walk steps by -interval and raised ValueError (range() step 0) at the last save; dropped — choose an interval (or remove max_keep_ckpts) by hand",
                               at: args.location("max_keep_ckpts"))
        } else if maxKeep > 0, interval > 0, !namesDiffer {
            let savesBest = fromEvaluation["save_best"].map { !$0.isNull } ?? false
            let offGrid = offGridLastSave(context, interval: interval, byEpoch: byEpoch, saveLast: saveLast)
            // When every save lies on the interval grid both keep the same last max_keep_ckpts files.
            if offGrid != "" || savesBest {
                let detail = offGrid.map { $0.isEmpty ? "" : " (here \($0))" } ?? " (the last save, by save_last, may fall off the grid)"
                let bestNote = savesBest ? "; with save_best, MMEngine also re-saves the regular checkpoint of a step with a new best score (R7), which takes a slot too" : ""
                context.warn(Records.maxKeepOffGrid, "\(id).max_keep_ckpts", "max_keep_ckpts=\(maxKeep): MMCV deleted only files on the interval grid below each new save, so off-grid saves survived\(detail); MMEngine keeps the last \(maxKeep) saves whatever their step, so which old checkpoints stay on disk differs (R6)\(bestNote). Training and the newest checkpoint are unchanged",
                             at: args.location("max_keep_ckpts"), newPath: "default_hooks.checkpoint.max_keep_ckpts")
            }
        }

        let merged = merge(hook, fromEvaluation, &context)
        context.setDefaultHook("checkpoint", ConfigNode(merged, at: node.location))
        let shown = hook.entries.filter { $0.key != .string("type") }.map { "\($0.key.stringValue ?? "")=\($0.value.description)" }
        context.change(Records.converted, id, to: "default_hooks.checkpoint",
                       "becomes MMEngine's CheckpointHook(\(shown.joined(separator: ", "))): same save steps\(namesDiffer ? " (file names: see by_epoch)" : " and file names"); MMEngine marks the newest file in work_dir/last_checkpoint instead of a latest.pth symlink (R5)",
                       at: context.legacyKeyLocation(id))
    }

    /// `""` when no save falls off the interval grid, a description of the off-grid save when one does,
    /// `nil` when it cannot be told (the runner length or L is unknown).
    static func offGridLastSave(_ context: MigrationContext, interval: Int, byEpoch: Bool, saveLast: Bool) -> String? {
        guard saveLast else { return "" }
        guard let loop = context.loop else { return nil }
        switch (loop.kind, byEpoch) {
        case (.epoch, true):
            guard let epochs = loop.maxEpochs else { return nil }
            return epochs % interval == 0 ? "" : "epoch_\(epochs).pth, saved by save_last"
        case (.iteration, _):
            guard let iters = loop.maxIters else { return nil }
            return iters % interval == 0 ? "" : "iter_\(iters).pth, saved by save_last"
        case (.epoch, false):
            guard let epochs = loop.maxEpochs, let perEpoch = context.options.itersPerEpoch else { return nil }
            let (iterations, overflow) = epochs.multipliedReportingOverflow(by: perEpoch)
            guard !overflow else { return nil }
            return iterations % interval == 0 ? "" : "the save at the last iteration \(iterations), by save_last"
        }
    }

    /// No regular checkpoints: `null` (MMEngine's default CheckpointHook removed), or — when the evaluation
    /// rule put best-checkpoint keys there — a hook that only saves best checkpoints.
    static func setNoRegularCheckpoints(_ context: inout MigrationContext, fromEvaluation: ConfigMapping,
                                        because reason: String, at location: SourceLocation?) {
        if fromEvaluation.isEmpty {
            context.setDefaultHook("checkpoint", ConfigNode(.null))
            context.change(Records.noCheckpointHook, id, to: "default_hooks.checkpoint", "\(reason); default_hooks.checkpoint=None keeps MMEngine from adding its default CheckpointHook(interval=1), which would save every epoch", at: location)
            return
        }
        var hook = ConfigMapping()
        hook["type"] = ConfigNode(.string("CheckpointHook"))
        hook["interval"] = ConfigNode(.int(-1))
        if context.loop?.kind == .iteration { hook["by_epoch"] = ConfigNode(.bool(false)) }
        hook["save_last"] = ConfigNode(.bool(false))
        let merged = merge(hook, fromEvaluation, &context)
        context.setDefaultHook("checkpoint", ConfigNode(merged))
        context.change(Records.bestOnly, id, to: "default_hooks.checkpoint", "\(reason); MMEngine keeps best checkpoints in the CheckpointHook, so it is written with interval=-1 and save_last=False: it saves only the best checkpoints `evaluation` asked for, no regular ones", at: location)
    }

    /// `hook` followed by the keys the evaluation rule set; a key both set differently keeps this rule's
    /// value, with a warning.
    static func merge(_ hook: ConfigMapping, _ fromEvaluation: ConfigMapping, _ context: inout MigrationContext) -> ConfigMapping {
        var merged = hook
        for entry in fromEvaluation.entries where entry.key != .string("type") {
            guard let key = entry.key.stringValue, let mine = merged[key] else {
                merged.set(entry)
                continue
            }
            if mine != entry.value {
                context.warn(Records.conflictsWithEvaluation, "\(id).\(key)", "both checkpoint_config and evaluation set `\(key)` (\(mine.description) vs \(entry.value.description)); MMEngine has one CheckpointHook for regular and best checkpoints, so checkpoint_config's value is kept for both",
                             at: mine.location ?? context.legacyKeyLocation(id), newPath: "default_hooks.checkpoint.\(key)")
            }
        }
        return merged
    }

    /// `mapping` with `key: value` placed right after `anchor` (or last).
    static func inserting(_ key: String, _ value: ConfigNode, after anchor: String, in mapping: ConfigMapping) -> ConfigMapping {
        var entries = mapping.entries
        let position = mapping.index(of: .string(anchor)).map { $0 + 1 } ?? entries.count
        entries.insert(ConfigMapping.Entry(key: .string(key), value: value), at: position)
        return ConfigMapping(entries)
    }
}
