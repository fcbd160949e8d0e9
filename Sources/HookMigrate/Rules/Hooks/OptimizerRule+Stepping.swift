import HookMigrateCore
import HookMigrateRuntime

extension OptimizerRule {
    /// How the optimizer is stepped: the OptimWrapper fields that come from `optimizer_config` and `fp16`.
    struct Stepping: Sendable {
        /// `OptimWrapper` or `AmpOptimWrapper`.
        var wrapperType = "OptimWrapper"
        /// `loss_scale` (AmpOptimWrapper only).
        var lossScale: ConfigNode?
        /// `clip_grad`.
        var clipGrad: ConfigNode?
        /// `accumulative_counts`.
        var accumulativeCounts: Int?
    }

    /// One argument of the optimizer hook MMCV built, with its legacy place.
    struct HookArgument: Sendable {
        var name: String
        var node: ConfigNode
        /// `optimizer_config.grad_clip`, `fp16.loss_scale`.
        var path: String
        var location: SourceLocation?
    }

    // MARK: optimizer_config and fp16

    /// Converts `optimizer_config` and the top-level `fp16` for one optimizer.
    static func convertStepping(_ context: inout MigrationContext) throws -> Stepping {
        let fp16Node = context.presentLegacyNode("fp16")
        let fp16 = try fp16Node.map { try $0.mapping("fp16") }
        guard let configNode = context.presentLegacyNode("optimizer_config") else {
            reportNoHook(absent: !context.legacy.contains("optimizer_config"), &context)
            if let fp16Node {
                context.manualStep(Records.fp16WithoutOptimizerConfig, "fp16", "top-level fp16 needs an optimizer_config: mmdet-style train scripts built Fp16OptimizerHook(**optimizer_config, **fp16), which fails without one; not converted (set type: AmpOptimWrapper and a float loss_scale by hand if the model is stepped by the framework)",
                                   at: fp16Node.location)
            }
            return Stepping()
        }
        let config = try configNode.mapping("optimizer_config")
        let typeNode = config["type"]
        let explicitType = try typeNode.map { try $0.string("optimizer_config.type") }
        let arguments = config.entries.compactMap { entry -> HookArgument? in
            guard case .string(let name) = entry.key, name != "type" else { return nil }
            return HookArgument(name: name, node: entry.value, path: "optimizer_config.\(name)", location: entry.value.location)
        }
        // mmseg 0.30's train_segmentor registered optimizer_config as written and never read a top-level fp16:
        // without an fp16 hook type in optimizer_config, the legacy run trained in fp32.
        let script = LegacyTrainScript.inferred(context.legacy)
        if let fp16Node, explicitType == nil, script == .mmseg {
            context.warn(Records.fp16IgnoredByMmseg, "fp16", "dropped: mmseg 0.x's train_segmentor ignored a top-level fp16 (it registered optimizer_config as written, an OptimizerHook), so the legacy run trained in fp32 and the conversion keeps fp32 (a plain OptimWrapper). For the mixed precision the key asked for, set optim_wrapper.type='AmpOptimWrapper' by hand — a change of training, not a conversion",
                         at: fp16Node.location)
        } else if let fp16, let fp16Node {
            guard let explicitType else {
                return try convertMergedFp16(arguments, fp16: fp16, at: fp16Node.location, &context)
            }
            if script.topLevelFp16.reads(hookType: explicitType) {
                // The same reading refuses the legacy run (LegacyOptimizerHook.refusals).
                context.manualStep(Records.fp16NextToTypedHookRefused, "fp16", "top-level fp16 next to optimizer_config.type \(explicitType): \(script.scriptName) built Fp16OptimizerHook(**optimizer_config, …) whatever the type, which raised TypeError (`type` is no argument of it), so this config never trained. Converted from optimizer_config alone and fp16 dropped: check that this is the training that was meant",
                                   at: fp16Node.location)
            } else if explicitType.hasSuffix("Fp16OptimizerHook") {
                context.warn(Records.fp16NextToExplicitHook, "fp16", "dropped: optimizer_config names \(explicitType) itself, mmseg 0.x's convention (its train script ignored top-level fp16); mmdet-style train scripts raised TypeError on this pair (`type` passed to Fp16OptimizerHook). The hook's own loss_scale is used",
                             at: fp16Node.location)
            } else {
                context.manualStep(Records.fp16WithExplicitHookType, "fp16", "top-level fp16 next to optimizer_config.type \(explicitType): mmdet-style train scripts raised TypeError (`type` passed to Fp16OptimizerHook), mmseg 0.x ignored fp16 and trained in fp32. Converted without mixed precision; set type: AmpOptimWrapper and a float loss_scale by hand if fp16 was meant",
                                   at: fp16Node.location)
            }
        }
        return try convertHook(explicitType ?? "OptimizerHook", explicit: explicitType != nil,
                               at: typeNode?.location ?? configNode.location, arguments, &context)
    }

    /// `optimizer_config` null or absent: no optimizer hook, the model stepped itself (or the run failed).
    static func reportNoHook(absent: Bool, _ context: inout MigrationContext) {
        let message: String
        if absent {
            message = "no optimizer_config: MMCV's register_training_hooks then registered no optimizer hook, so only the model's own train_step could step the optimizer (mmdet-style train scripts failed reading the missing key). optim_wrapper is written for the optimizer, and MMEngine's BaseModel.train_step steps it once per iteration: check that this is what the successor model expects"
        } else {
            message = "optimizer_config is null: MMCV registered no optimizer hook, so only the model's own train_step stepped the optimizer (GAN-style models). optim_wrapper is written for the optimizer, but MMEngine's BaseModel.train_step steps it once per iteration: check that the successor model's train_step drives it as the legacy one did"
        }
        context.manualStep(Records.noOptimizerHook, "optimizer_config", message, at: context.legacyKeyLocation("optimizer_config"), newPath: "optim_wrapper")
    }

    /// mmdet 2.x's `Fp16OptimizerHook(**optimizer_config, **fp16, distributed=distributed)` (also mmocr,
    /// mmaction2, mmrotate, mmpose; schedules.md A.7).
    static func convertMergedFp16(_ configArguments: [HookArgument], fp16: ConfigMapping, at location: SourceLocation?,
                                  _ context: inout MigrationContext) throws -> Stepping {
        let fp16Arguments = fp16.entries.compactMap { entry -> HookArgument? in
            guard case .string(let name) = entry.key else { return nil }
            return HookArgument(name: name, node: entry.value, path: "fp16.\(name)", location: entry.value.location)
        }
        let configNames = Set(configArguments.map(\.name))
        let fp16Names = Set(fp16Arguments.map(\.name))
        var kept: [HookArgument] = []
        var skipLossScale = false
        for argument in configArguments + fp16Arguments {
            let inConfig = argument.path.hasPrefix("optimizer_config.")
            let twice = configNames.contains(argument.name) && fp16Names.contains(argument.name)
            if twice, inConfig { continue }
            if let reason = LegacyOptimizerHook.mergedFp16Refusal(argument.name, inConfig: configNames.contains(argument.name), inFp16: fp16Names.contains(argument.name)) {
                if twice {
                    if argument.name == "loss_scale" { skipLossScale = true }
                    context.manualStep(Records.fp16ArgumentTwice, argument.path, "\(reason), so this config never trained there; neither value is written — choose one and set it in optim_wrapper by hand",
                                       at: argument.location)
                } else {
                    context.manualStep(Records.fp16ArgumentRejected, argument.path, "\(reason); mmcls 0.x ignored fp16 keys other than loss_scale. Not converted",
                                       at: argument.location)
                }
                continue
            }
            kept.append(argument)
        }
        let lossScale = kept.first { $0.name == "loss_scale" }
        let lossScaleText = skipLossScale ? "not written, see the manual step" : lossScale.map { $0.node.description } ?? "none, i.e. the static 512.0 default"
        context.warn(Records.fp16FromTrainScript, "fp16", "top-level fp16 is read by the train script, not by MMCV: converted as mmdet 2.x (and mmocr, mmaction2, mmrotate, mmpose) did it, Fp16OptimizerHook(**optimizer_config, **fp16), which becomes AmpOptimWrapper (loss_scale: \(lossScaleText)). mmseg 0.x ignored top-level fp16 (it trained in fp32) and mmcls 0.x read only fp16.loss_scale: check which package this config is for. \(ampNote)",
                     at: location, newPath: "optim_wrapper.type")
        var stepping = Stepping()
        stepping.wrapperType = "AmpOptimWrapper"
        if !skipLossScale {
            stepping.lossScale = try convertLossScale(lossScale, defaultPath: "fp16", defaultLocation: location, &context)
        }
        try convertCommonArguments(kept, hook: "Fp16OptimizerHook", into: &stepping, &context)
        return stepping
    }

    // MARK: The hook

    /// Converts one optimizer hook of a known or unknown type.
    static func convertHook(_ type: String, explicit: Bool, at typeLocation: SourceLocation?, _ arguments: [HookArgument],
                            _ context: inout MigrationContext) throws -> Stepping {
        let typePath = explicit ? "optimizer_config.type" : "optimizer_config"
        guard let accepted = LegacyOptimizerHook.keywords[type] else {
            let names = arguments.map { "`\($0.name)`" }.joined(separator: ", ")
            let notConverted = arguments.isEmpty ? "" : "; its arguments (\(names)) are not converted"
            context.manualStep(Records.unknownOptimizerHook, typePath, "unknown optimizer hook \(type) (a downstream hook): no MMEngine counterpart is known, so optim_wrapper is a plain OptimWrapper (one step per iteration; no clipping, accumulation or fp16)\(notConverted). Carry the hook's behaviour over by hand (a custom OptimWrapper, or the model's train_step)",
                               at: typeLocation, newPath: "optim_wrapper")
            return Stepping()
        }
        // DistOptimizerHook is downstream and its arguments differ per package: an unexpected one is reported,
        // not refused. MMCV's own hooks refuse unknown arguments when they are built.
        let strict = LegacyOptimizerHook.refusesUnknownArguments(type)
        var kept: [HookArgument] = []
        for argument in arguments {
            if accepted.contains(argument.name) {
                kept.append(argument)
            } else if strict {
                let list = accepted.map { "`\($0)`" }.joined(separator: ", ")
                throw ConfigError(.invalidValue, "\(type) takes no argument `\(argument.name)` (MMCV raises TypeError when it builds the hook); it accepts \(list)",
                                  at: argument.location)
            } else {
                context.manualStep(Records.unknownHookArgument, argument.path, "\(type) here takes no `\(argument.name)` that hookmigrate knows of; not converted", at: argument.location)
            }
        }
        var stepping = Stepping()
        let cumulative = type.hasPrefix("GradientCumulative")
        let fp16 = type.hasSuffix("Fp16OptimizerHook")
        var counts = 1
        if cumulative, let node = kept.first(where: { $0.name == "cumulative_iters" }) {
            // Read as the legacy simulator reads it.
            counts = try LegacyRunner.cumulativeIters(node.node, type: type, path: ConfigPath(node.path))
        }
        let name = explicit ? type : "OptimizerHook (the default type)"
        switch (cumulative, fp16) {
        case (false, false):
            let distributed = type == "DistOptimizerHook" ? " (the deprecated distributed variant of OptimizerHook)" : ""
            context.change(Records.optimWrapper, typePath, to: "optim_wrapper.type", "\(name)\(distributed) becomes OptimWrapper: one optimizer step per iteration, after that iteration's lr and momentum were set, as before",
                           at: typeLocation)
        case (true, false):
            stepping.accumulativeCounts = counts
            context.change(Records.gradientAccumulation, typePath, to: "optim_wrapper.accumulative_counts", "\(type) with cumulative_iters=\(counts) becomes OptimWrapper with accumulative_counts=\(counts): \(accumulationNote)",
                           at: typeLocation)
        case (false, true):
            stepping.wrapperType = "AmpOptimWrapper"
            context.change(Records.ampOptimWrapper, typePath, to: "optim_wrapper.type", "\(type) becomes AmpOptimWrapper. \(ampNote)", at: typeLocation)
        case (true, true):
            stepping.wrapperType = "AmpOptimWrapper"
            stepping.accumulativeCounts = counts
            context.change(Records.ampGradientAccumulation, typePath, to: "optim_wrapper.type", "\(type) with cumulative_iters=\(counts) becomes AmpOptimWrapper with accumulative_counts=\(counts): \(accumulationNote). \(ampNote)",
                           at: typeLocation)
        }
        if fp16 {
            let lossScale = kept.first { $0.name == "loss_scale" }
            stepping.lossScale = try convertLossScale(lossScale, defaultPath: typePath, defaultLocation: typeLocation, &context)
        }
        try convertCommonArguments(kept.filter { $0.name != "cumulative_iters" }, hook: type, into: &stepping, &context)
        return stepping
    }

    static let accumulationNote = "exact, including the last incomplete window (its loss is divided by the remainder and a step is forced at the last iteration, because Runner.train() calls initialize_count_status; windows run across epoch boundaries on both sides)"

    static let ampNote = "Autocast now covers the whole forward and loss (AmpOptimWrapper.optim_context), where MMCV enabled it only inside the model's @auto_fp16 methods (and not in its @force_fp32 ones); AmpOptimWrapper needs a CUDA, NPU, MLU or MUSA device to be built."

    /// `grad_clip`, `detect_anomalous_params` and the unused arguments (`loss_scale` and `cumulative_iters`
    /// are handled by the caller and skipped here).
    static func convertCommonArguments(_ arguments: [HookArgument], hook: String, into stepping: inout Stepping,
                                       _ context: inout MigrationContext) throws {
        var unused: [HookArgument] = []
        for argument in arguments {
            switch argument.name {
            case "grad_clip":
                stepping.clipGrad = try convertGradClip(argument, &context)
            case "detect_anomalous_params":
                if argument.node.isTruthy {
                    context.warn(Records.detectAnomalousParamsDropped, argument.path, "detect_anomalous_params only logged the parameters the loss does not reach (diagnostics, no effect on training); OptimWrapper has no such field, so it is dropped. To keep the check in distributed runs set model_wrapper_cfg = {type: MMDistributedDataParallel, detect_anomalous_params: true}",
                                 at: argument.location)
                } else {
                    context.change(Records.defaultArgumentDropped, argument.path, to: nil, "dropped: \(argument.node.description) is the default (no anomalous-parameter check)", at: argument.location)
                }
            case let name where LegacyOptimizerHook.unusedKeywords.contains(name):
                unused.append(argument)
            default:
                break
            }
        }
        if let first = unused.first {
            let list = unused.map { "`\($0.name)`" }.joined(separator: ", ")
            let why = hook == "DistOptimizerHook"
                ? "stored by the hook but never used (the distributed model wrapper averages the gradients)"
                : "stored by \(hook) but unused with torch ≥ 1.6 (its GradScaler path)"
            context.change(Records.unusedArgumentsDropped, unused.map(\.path).joined(separator: ", "), to: nil, "dropped \(list): \(why); no OptimWrapper counterpart",
                           at: first.location)
        }
    }

    // MARK: Arguments

    /// `grad_clip` → `clip_grad`; `nil` when there is no clipping or the legacy value never worked.
    static func convertGradClip(_ argument: HookArgument, _ context: inout MigrationContext) throws -> ConfigNode? {
        if argument.node.isNull { return nil }
        let path = ConfigPath(argument.path)
        let mapping = try argument.node.mapping(path)
        if let reason = LegacyOptimizerHook.gradClipRefusal(mapping) {
            let message = mapping.isEmpty
                ? "\(reason) and MMEngine rejects an empty clip_grad when it builds the wrapper (AssertionError), so this config never trained; no clip_grad written — set optim_wrapper.clip_grad = {max_norm: …} by hand if clipping was meant"
                : "\(reason), so this config never trained; no clip_grad written — set optim_wrapper.clip_grad by hand"
            context.manualStep(mapping.isEmpty ? Records.gradClipEmpty : Records.gradClipRejected, argument.path, message, at: argument.location)
            return nil
        }
        if let maxNorm = mapping["max_norm"] { _ = try maxNorm.double(path.appending("max_norm")) }
        context.change(Records.gradClip, argument.path, to: "optim_wrapper.clip_grad", "becomes clip_grad with the same clip_grad_norm_ arguments (type 'norm' is implied; MMEngine clips the optimizer's parameters, MMCV the model's — the same set unless trainable parameters are left out of the optimizer)",
                       at: argument.location)
        return argument.node
    }

    /// Fp16 hooks' `loss_scale` → AmpOptimWrapper's `loss_scale`, always written (its default differs).
    static func convertLossScale(_ argument: HookArgument?, defaultPath: String, defaultLocation: SourceLocation?,
                                 _ context: inout MigrationContext) throws -> ConfigNode {
        guard let argument else {
            context.change(Records.lossScaleDefault, defaultPath, to: "optim_wrapper.loss_scale", "no loss_scale: MMCV's default is a static scale of 512.0, written explicitly (AmpOptimWrapper's own default is 'dynamic', a scaler that starts at 65536 and grows and shrinks)",
                           at: defaultLocation)
            return ConfigNode(.float(512.0))
        }
        let node = argument.node
        switch node.value {
        case .scalar(.float(let value)):
            context.change(Records.lossScaleStatic, argument.path, to: "optim_wrapper.loss_scale", "static loss scale \(node.description) kept as a float", at: argument.location)
            return ConfigNode(.float(value), at: node.location)
        case .scalar(.string("dynamic")):
            context.change(Records.lossScaleDynamic, argument.path, to: "optim_wrapper.loss_scale", "'dynamic' kept (GradScaler with its defaults: starts at 65536, ×2 every 2000 clean steps, ×0.5 on overflow)", at: argument.location)
            return node
        case .mapping(let mapping):
            for entry in mapping.entries {
                let key = entry.key.stringValue ?? entry.key.description
                guard LegacyOptimizerHook.gradScalerKeywords.contains(key) else {
                    let list = LegacyOptimizerHook.gradScalerKeywords.map { "`\($0)`" }.joined(separator: ", ")
                    throw ConfigError(.invalidValue, "a dict loss_scale holds GradScaler arguments (\(list)); `\(key)` is not one (MMCV raises TypeError when it builds the hook)",
                                      at: entry.keyLocation)
                }
            }
            context.change(Records.lossScaleArguments, argument.path, to: "optim_wrapper.loss_scale", "GradScaler arguments kept as they are (dynamic scaling)", at: argument.location)
            return node
        case .scalar(.int(let value)):
            context.manualStep(Records.lossScaleInt, argument.path, "loss_scale is the int \(value): MMCV's Fp16OptimizerHook accepts only a float, 'dynamic' or a dict and raised ValueError when it was built, so this config never trained. Written as the float \(PythonFloat.repr(Double(value))) (a static scale, the evident intent; MMEngine rejects an int too): confirm it",
                               at: argument.location, newPath: "optim_wrapper.loss_scale")
            return ConfigNode(.float(Double(value)), at: node.location)
        default:
            throw ConfigError(.invalidValue, "loss_scale must be a float, 'dynamic' or a dict of GradScaler arguments (MMCV raises ValueError), found \(node.typeDescription) (\(node.description))",
                              at: node.location)
        }
    }
}
