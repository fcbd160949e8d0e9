import HookMigrateCore
import HookMigrateRuntime

/// `optimizer` (or mmedit's `optimizers`), `optimizer_config` and the train scripts' top-level `fp16` →
/// `optim_wrapper`: the optimizer, and how it is stepped (clipping, accumulation, mixed precision).
///
/// ## Before
/// ```yaml
/// optimizer: {type: SGD, lr: 0.02, momentum: 0.9, paramwise_cfg: {norm_decay_mult: 0.0}}
/// optimizer_config: {type: GradientCumulativeFp16OptimizerHook, cumulative_iters: 4,
///                    grad_clip: {max_norm: 35, norm_type: 2}}
/// ```
/// ## After
/// ```yaml
/// optim_wrapper:
///   type: AmpOptimWrapper
///   optimizer: {type: SGD, lr: 0.02, momentum: 0.9}
///   loss_scale: 512.0            # MMCV's static default, written out: AmpOptimWrapper defaults to 'dynamic'
///   clip_grad: {max_norm: 35, norm_type: 2}
///   accumulative_counts: 4
///   paramwise_cfg: {norm_decay_mult: 0.0}
/// ```
///
/// Decisions (schedules.md A.5–A.7, B.5, B.6, C.5–C.7):
/// - `paramwise_cfg` and `constructor` move out of the optimizer dict; MMCV's `DefaultOptimizerConstructor`
///   is MMEngine's default and is left out; another constructor keeps its name (mmaction2's
///   `TSMOptimizerConstructor` becomes `TSMOptimWrapperConstructor`) with a warning: downstream packages
///   register their own constructors, under names that vary.
/// - `grad_clip` → `clip_grad` (exact). `grad_clip: {}` or keys `clip_grad_norm_` lacks never trained in
///   MMCV (TypeError at the first step): a manual step, nothing written.
/// - `GradientCumulative*` hooks → `accumulative_counts` (exact, last window included); `Fp16*` hooks →
///   `AmpOptimWrapper` with `loss_scale`: absent → `512.0` explicitly, a float, `'dynamic'` or a dict as is.
///   An int `loss_scale` made MMCV raise ValueError, so such a config never trained: it is reported as a
///   manual step and written as the float of the same value (the evident intent; MMEngine rejects an int
///   as well), so the person confirming it has the value in place.
/// - Top-level `fp16` follows mmdet 2.x's train script, `Fp16OptimizerHook(**optimizer_config, **fp16)`,
///   with a warning that mmseg 0.x ignored it and mmcls 0.x read only `loss_scale`.
/// - No optimizer stepping by the framework (`optimizer_config: null`, several named optimizers, mmedit's
///   `optimizers`): the model's own `train_step` stepped the optimizers; reported for a person to check.
public enum OptimizerRule: MigrationRule {
    public static let id = "optimizer"
    public static let legacyKeys = ["optimizer", "optimizers", "optimizer_config", "fp16"]
    public static let newKeys = ["optim_wrapper"]
    /// Reads whether a runner was found.
    public static let reads: [RuleInput] = [.loopFacts]
    public static let summary = "The optimizer and its optimizer hook (clipping, accumulation, fp16) become one optim_wrapper."
    public static let mappingRows = [
        MappingRow("optimizer: {type: T, lr: …, …}", "optim_wrapper: {type: OptimWrapper, optimizer: {type: T, lr: …, …}}", "exact"),
        MappingRow("optimizer.paramwise_cfg: {...}", "optim_wrapper.paramwise_cfg: {...} (out of the optimizer dict)", "exact"),
        MappingRow("optimizer.constructor: DefaultOptimizerConstructor", "omitted (DefaultOptimWrapperConstructor is MMEngine's default)", "exact"),
        MappingRow("optimizer.constructor: TSMOptimizerConstructor (mmaction2)", "optim_wrapper.constructor: TSMOptimWrapperConstructor", "warning: downstream constructor"),
        MappingRow("optimizer.constructor: C (any other)", "optim_wrapper.constructor: C", "warning: the successor package must register C (names vary per package)"),
        MappingRow("optimizer_config: {} / {grad_clip: null} / type: OptimizerHook", "optim_wrapper.type: OptimWrapper", "exact"),
        MappingRow("optimizer_config.type: DistOptimizerHook (mmcls, mmdet)", "optim_wrapper.type: OptimWrapper", "exact"),
        MappingRow("optimizer_config.grad_clip: {max_norm: a, norm_type: n}", "optim_wrapper.clip_grad: {max_norm: a, norm_type: n}", "exact"),
        MappingRow("optimizer_config.grad_clip: {} (or a key clip_grad_norm_ lacks)", "no clip_grad", "manual step: MMCV TypeError at the first step, MMEngine AssertionError at build"),
        MappingRow("optimizer_config.detect_anomalous_params: true", "none (model_wrapper_cfg.detect_anomalous_params, distributed only)", "warning: diagnostics only, no effect on training"),
        MappingRow("optimizer_config: {type: GradientCumulativeOptimizerHook, cumulative_iters: c}", "optim_wrapper.accumulative_counts: c", "exact, including the last incomplete window"),
        MappingRow("optimizer_config: {type: Fp16OptimizerHook} (no loss_scale)", "optim_wrapper: {type: AmpOptimWrapper, loss_scale: 512.0}", "exact: MMCV's static default written explicitly"),
        MappingRow("Fp16OptimizerHook loss_scale: x (float) / 'dynamic' / {GradScaler args}", "optim_wrapper.loss_scale: x / 'dynamic' / {...}", "exact"),
        MappingRow("Fp16OptimizerHook loss_scale: n (int)", "optim_wrapper.loss_scale: n.0", "manual step: MMCV raised ValueError, the config never trained"),
        MappingRow("optimizer_config: {type: GradientCumulativeFp16OptimizerHook, cumulative_iters: c}", "optim_wrapper: {type: AmpOptimWrapper, accumulative_counts: c, loss_scale: …}", "exact"),
        MappingRow("optimizer_config.distributed / coalesce / bucket_size_mb", "dropped", "exact: unused with torch ≥ 1.6"),
        MappingRow("optimizer_config.type: unknown hook (e.g. SiameseRPNOptimizerHook)", "optim_wrapper: {type: OptimWrapper, optimizer: …}", "manual step: the hook's own behaviour is not converted"),
        MappingRow("fp16: {loss_scale: x} (top level, read by mmdet-style train scripts)", "optim_wrapper: {type: AmpOptimWrapper, loss_scale: x}", "warning: mmseg 0.x ignored top-level fp16, mmcls 0.x read only loss_scale"),
        MappingRow("fp16: {}", "optim_wrapper: {type: AmpOptimWrapper, loss_scale: 512.0}", "warning (as above)"),
        MappingRow("fp16 and optimizer_config with the same key", "the key is not written", "manual step: TypeError in mmdet-style train scripts"),
        MappingRow("fp16 with optimizer_config.type: Fp16OptimizerHook (mmseg, or an unknown package)", "from optimizer_config; fp16 dropped", "warning: mmseg 0.x's convention (mmdet-style scripts raised TypeError)"),
        MappingRow("fp16 with optimizer_config.type (a known mmdet-like package, or mmcls)", "from optimizer_config; fp16 dropped", "manual step: the train script raised TypeError, the config never trained (not proven)"),
        MappingRow("optimizer_config: null (or absent)", "optim_wrapper: {type: OptimWrapper, optimizer: …}", "manual step: the model stepped its optimizer itself"),
        MappingRow("optimizer: {generator: {type: …}, discriminator: {type: …}} (mmgen, mmpose) / optimizers: {...} (mmedit)", "optim_wrapper: {constructor: MultiOptimWrapperConstructor, generator: {type: OptimWrapper, optimizer: …}, …}", "manual step: the model's train_step must drive each wrapper"),
        MappingRow("optimizers: {generator: {type: …}} (one named optimizer)", "optim_wrapper: {type: OptimWrapper, optimizer: …} (mmagic's form)", "warning: built over the whole model, stepped by the model"),
        MappingRow("optimizers: {type: T, …} (mmedit, one optimizer)", "optim_wrapper: {type: OptimWrapper, optimizer: {type: T, …}}", "warning: the mmedit model stepped it itself"),
        MappingRow("optimizer: null (mmgen models that build their own)", "no optim_wrapper", "manual step"),
        MappingRow("no optimizer, with a training loop", "no optim_wrapper", "manual step: MMEngine refuses train_cfg without optim_wrapper"),
        MappingRow("auto_scale_lr: {enable, base_batch_size}", "auto_scale_lr (kept)", "exact"),
    ]

    public static func apply(to context: inout MigrationContext) throws {
        for key in legacyKeys where context.legacy.contains(key) { context.consume(key) }
        guard let sourceKey = chooseSource(&context) else {
            reportNoOptimizer(&context)
            return
        }
        guard let sourceNode = context.legacyNode(sourceKey), !sourceNode.isNull else {
            reportNullOptimizer(sourceKey, &context)
            return
        }
        let spec = try parseOptimizers(sourceNode, key: sourceKey)
        let sources = [sourceKey, "optimizer_config", "fp16"].filter { context.legacy.contains($0) }
        switch spec {
        case .single(let optimizer):
            let selfStepped = sourceKey == "optimizers"
            try convertSingle(optimizer, sourceKey: sourceKey, namedAs: nil, selfStepped: selfStepped, sources: sources, &context)
        case .named(let list) where list.count == 1:
            try convertSingle(list[0].optimizer, sourceKey: sourceKey, namedAs: list[0].name, selfStepped: true, sources: sources, &context)
        case .named(let list):
            try convertNamed(list, sourceKey: sourceKey, sources: sources, &context)
        }
    }

    // MARK: Which key holds the optimizer

    /// `optimizers` (mmedit) or `optimizer` (everyone else); `nil` when neither is present.
    static func chooseSource(_ context: inout MigrationContext) -> String? {
        let hasPlural = context.legacy.contains("optimizers")
        let hasSingular = context.legacy.contains("optimizer")
        if hasPlural && hasSingular {
            let pluralIsNull = context.legacyNode("optimizers")?.isNull ?? true
            let (used, dropped) = pluralIsNull ? ("optimizer", "optimizers") : ("optimizers", "optimizer")
            context.warn(Records.optimizerAndOptimizers, dropped, "both `optimizer` and `optimizers` are set: mmedit 0.x read `optimizers`, every other package `optimizer`; `\(used)` is converted and `\(dropped)` dropped",
                         at: context.legacyKeyLocation(dropped))
            return used
        }
        if hasPlural { return "optimizers" }
        if hasSingular { return "optimizer" }
        return nil
    }

    /// No optimizer at all: fine for a test-only config, not for one that trains.
    static func reportNoOptimizer(_ context: inout MigrationContext) {
        let strays = ["optimizer_config", "fp16"].filter { context.legacy.contains($0) }
        if let first = strays.first {
            let list = strays.map { "`\($0)`" }.joined(separator: " and ")
            context.manualStep(Records.settingsWithoutOptimizer, first, "\(list) without an optimizer: nothing to convert them into (dropped). Add optim_wrapper by hand if this config trains: MMEngine's Runner refuses train_cfg without optim_wrapper",
                               at: context.legacyKeyLocation(first))
        } else if context.loop != nil {
            context.manualStep(Records.noOptimizer, "optimizer", "the config has a training loop but no optimizer: MMEngine's Runner refuses train_cfg without optim_wrapper (train_dataloader, train_cfg and optim_wrapper are all set or all None); add optim_wrapper by hand",
                               at: context.legacyLocation)
        }
    }

    /// `optimizer: null`: the model built its own optimizers (mmgen's progressive-growing and SinGAN models).
    static func reportNullOptimizer(_ key: String, _ context: inout MigrationContext) {
        let strays = ["optimizer_config", "fp16"].filter { context.presentLegacyNode($0) != nil }
        let dropped = strays.isEmpty ? "" : " (\(strays.map { "`\($0)`" }.joined(separator: " and ")) dropped with it)"
        context.manualStep(Records.nullOptimizer, key, "`\(key)` is null: the model built and stepped its own optimizers (as mmgen's PGGAN, StyleGANv1 and SinGAN models do)\(dropped). MMEngine's Runner refuses train_cfg without optim_wrapper: write one by hand, with the successor package's constructor (mmagic has PGGANOptimWrapperConstructor and SinGANOptimWrapperConstructor)",
                           at: context.legacyKeyLocation(key))
    }

    // MARK: One optimizer

    static func convertSingle(_ optimizer: SingleOptimizer, sourceKey: String, namedAs name: String?, selfStepped: Bool,
                              sources: [String], _ context: inout MigrationContext) throws {
        var message: String
        let moved = optimizer.paramwise == nil ? "" : "; its paramwise_cfg moves out to optim_wrapper.paramwise_cfg"
        if let name {
            message = "one named optimizer (`\(name)`, \(optimizer.typeName)) becomes a plain OptimWrapper, mmagic's form\(moved). MMEngine's default constructor builds it over all the model's parameters, MMCV built it over `model.\(name)` only: the same set when the rest of the model has nothing trainable, and paramwise_cfg keys now see names prefixed `\(name).`. The legacy model stepped the optimizer in its own train_step; MMEngine's BaseModel.train_step steps the wrapper once per iteration — check the successor model (one that drives named wrappers needs constructor: MultiOptimWrapperConstructor with `\(name): {type: OptimWrapper, optimizer: …}`)"
        } else if selfStepped {
            message = "mmedit's `optimizers` (one optimizer over the whole model, \(optimizer.typeName)) becomes optim_wrapper.optimizer\(moved). The mmedit model stepped it in its own train_step (mmedit registered no optimizer hook); MMEngine's BaseModel.train_step steps the wrapper once per iteration — check the successor model (mmagic's are written for this form)"
        } else {
            message = "the \(optimizer.typeName) optimizer moves into optim_wrapper unchanged\(moved)"
        }
        if selfStepped {
            context.warn(Records.selfSteppedOptimizer, sourceKey, message, at: context.legacyKeyLocation(sourceKey), newPath: "optim_wrapper.optimizer")
        } else {
            context.change(Records.optimizer, sourceKey, to: "optim_wrapper.optimizer", message, at: context.legacyKeyLocation(sourceKey))
        }
        let constructor = convertConstructor(optimizer, &context)
        var stepping = Stepping()
        if selfStepped {
            reportIgnoredStepping(sourceKey: sourceKey, &context)
        } else {
            stepping = try convertStepping(&context)
        }
        var wrapper = ConfigMapping()
        wrapper["type"] = ConfigNode(.string(stepping.wrapperType))
        wrapper["optimizer"] = ConfigNode(optimizer.optimizer, at: optimizer.location)
        if let lossScale = stepping.lossScale { wrapper["loss_scale"] = lossScale }
        if let clipGrad = stepping.clipGrad { wrapper["clip_grad"] = clipGrad }
        if let counts = stepping.accumulativeCounts { wrapper["accumulative_counts"] = ConfigNode(.int(counts)) }
        if let constructor { wrapper["constructor"] = ConfigNode(.string(constructor)) }
        if let paramwise = optimizer.paramwise { wrapper["paramwise_cfg"] = paramwise }
        context.setOutput("optim_wrapper", ConfigNode(wrapper), from: sources)
    }

    /// The new constructor name for a single optimizer, with its record; `nil` for the default.
    static func convertConstructor(_ optimizer: SingleOptimizer, _ context: inout MigrationContext) -> String? {
        guard let (name, location) = optimizer.constructor else { return nil }
        let path = optimizer.path.appending("constructor").description
        switch name {
        case "DefaultOptimizerConstructor":
            context.change(Records.defaultConstructor, path, to: nil, "MMCV's DefaultOptimizerConstructor is MMEngine's DefaultOptimWrapperConstructor, the default: left out", at: location)
            return nil
        case "TSMOptimizerConstructor":
            context.warn(Records.tsmConstructor, path, "mmaction2's TSMOptimizerConstructor is TSMOptimWrapperConstructor in mmaction2 1.x (same paramwise_cfg: fc_lr5); it is registered by mmaction2, not MMEngine",
                         at: location, newPath: "optim_wrapper.constructor")
            return "TSMOptimWrapperConstructor"
        default:
            context.warn(Records.downstreamConstructor, path, "constructor \(name) kept by name: it is a downstream constructor, and MMEngine-era packages register their own under names that vary (mmseg and mmdet keep LearningRateDecayOptimizerConstructor, mmpretrain has LearningRateDecayOptimWrapperConstructor); check that the successor package registers \(name) in OPTIM_WRAPPER_CONSTRUCTORS and reads the same paramwise_cfg",
                         at: location, newPath: "optim_wrapper.constructor")
            return name
        }
    }

    /// `optimizer_config` and `fp16` next to optimizers the model stepped itself.
    static func reportIgnoredStepping(sourceKey: String, _ context: inout MigrationContext) {
        for key in ["optimizer_config", "fp16"] {
            guard let node = context.presentLegacyNode(key) else { continue }
            if sourceKey == "optimizers" {
                context.warn(Records.namedOptimizersIgnoredKey, key, "dropped: mmedit 0.x train scripts did not read `\(key)` (the models stepped their optimizers themselves)", at: node.location)
            } else if key == "fp16" {
                context.manualStep(Records.namedOptimizersFp16, key, "top-level fp16 next to named optimizers: mmdet-style train scripts built an Fp16OptimizerHook, which steps runner.optimizer — a dict here, so it failed; not converted. If the successor model supports it, set type: AmpOptimWrapper and a float loss_scale in each named wrapper by hand",
                                   at: node.location)
            } else {
                let type = node.mapping?["type"]?.scalar?.stringValue ?? "OptimizerHook"
                if LegacyOptimizerHook.keywords[type] != nil {
                    context.manualStep(Records.namedOptimizersStepHook, key, "\(type) next to named optimizers: it calls zero_grad()/step() on runner.optimizer, a dict here, so the run failed at the first iteration; not converted (the model's train_step must drive the wrappers)",
                                       at: node.location)
                } else {
                    context.manualStep(Records.namedOptimizersDownstreamHook, key, "\(type) (a downstream hook) stepped the named optimizers; it has no MMEngine counterpart: the model's train_step must drive each wrapper, and the hook's own behaviour must be carried over by hand",
                                       at: node.location)
                }
            }
        }
    }

    // MARK: Several named optimizers

    static func convertNamed(_ list: [(name: String, optimizer: SingleOptimizer)], sourceKey: String, sources: [String],
                             _ context: inout MigrationContext) throws {
        var wrapper = ConfigMapping()
        wrapper["constructor"] = ConfigNode(.string("MultiOptimWrapperConstructor"))
        for (name, optimizer) in list {
            var entry = ConfigMapping()
            entry["type"] = ConfigNode(.string("OptimWrapper"))
            entry["optimizer"] = ConfigNode(optimizer.optimizer, at: optimizer.location)
            if let paramwise = optimizer.paramwise { entry["paramwise_cfg"] = paramwise }
            if let (constructor, location) = optimizer.constructor {
                let path = optimizer.path.appending("constructor").description
                if constructor == "DefaultOptimizerConstructor" {
                    context.change(Records.namedDefaultConstructor, path, to: nil, "MMCV's DefaultOptimizerConstructor is what MultiOptimWrapperConstructor uses for each wrapper: left out", at: location)
                } else {
                    context.manualStep(Records.namedConstructor, path, "constructor \(constructor) for `\(name)`: MultiOptimWrapperConstructor builds every named wrapper with the default constructor and has no per-wrapper constructor; carry its parameter grouping over by hand",
                                       at: location, newPath: "optim_wrapper.\(name)")
                }
            }
            wrapper[name] = ConfigNode(entry)
        }
        let names = list.map { "`\($0.name)`" }.joined(separator: ", ")
        context.manualStep(Records.namedOptimizers, sourceKey, "several optimizers (\(names)) become optim_wrapper with constructor MultiOptimWrapperConstructor (mmagic's form; registered by mmagic, not MMEngine): one OptimWrapper per name, over the submodule of that name as before. The resulting OptimWrapperDict cannot step itself (update_params raises NotImplementedError): the model's train_step must drive each wrapper by name, as the legacy model drove each optimizer; param_scheduler may need one list per name",
                           at: context.legacyKeyLocation(sourceKey), newPath: "optim_wrapper")
        reportIgnoredStepping(sourceKey: sourceKey, &context)
        context.setOutput("optim_wrapper", ConfigNode(wrapper), from: sources)
    }
}
