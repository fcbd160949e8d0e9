import HookMigrateCore
import HookMigrateRuntime

/// `runner`, `total_epochs`, `total_iters`, `workflow` → `train_cfg` (the training loop) and the loop facts
/// every other rule reads.
///
/// ## Before
/// ```yaml
/// runner: {type: EpochBasedRunner, max_epochs: 12}
/// workflow: [[train, 1]]
/// ```
/// ## After
/// ```yaml
/// train_cfg: {type: EpochBasedTrainLoop, max_epochs: 12}
/// ```
public enum RunnerRule: MigrationRule {
    public static let id = "runner"
    public static let legacyKeys = ["runner", "total_epochs", "total_iters", "workflow"]
    public static let newKeys = ["train_cfg"]
    public static let summary = "The legacy runner and its length become the MMEngine training loop."
    public static let mappingRows = [
        MappingRow("runner: {type: EpochBasedRunner (or Runner), max_epochs: E}", "train_cfg: {type: EpochBasedTrainLoop, max_epochs: E}", "exact"),
        MappingRow("runner: {type: IterBasedRunner, max_iters: N}", "train_cfg: {type: IterBasedTrainLoop, max_iters: N}", "exact"),
        MappingRow("runner: {type: DynamicIterBasedRunner, max_iters: N} (mmgen)", "train_cfg: {type: IterBasedTrainLoop, max_iters: N}", "warning: dynamic behaviour has no MMEngine loop"),
        MappingRow("total_epochs: E (no runner; mmdet's compat shim)", "train_cfg: {type: EpochBasedTrainLoop, max_epochs: E}", "exact"),
        MappingRow("total_iters: N (no runner; iteration-based train scripts)", "train_cfg: {type: IterBasedTrainLoop, max_iters: N}", "exact"),
        MappingRow("neither runner nor total_epochs/total_iters", "no train_cfg", "manual step: MMCV-era code failed on such a config"),
        MappingRow("workflow: [[train, n]]", "dropped", "exact: n only repeats train epochs"),
        MappingRow("workflow: [..., [val, n]]", "dropped", "warning: loss-only val epochs have no MMEngine counterpart (R13)"),
    ]

    public static func apply(to context: inout MigrationContext) throws {
        let facts = try loopFacts(&context)
        context.loop = facts
        for key in legacyKeys where context.legacy.contains(key) { context.consume(key) }
        if let facts {
            var loop = ConfigMapping()
            switch facts.kind {
            case .epoch:
                loop["type"] = ConfigNode(.string("EpochBasedTrainLoop"))
                loop["max_epochs"] = ConfigNode(.int(facts.maxEpochs ?? 0))
            case .iteration:
                loop["type"] = ConfigNode(.string("IterBasedTrainLoop"))
                loop["max_iters"] = ConfigNode(.int(facts.maxIters ?? 0))
            }
            let sources = ["runner", "total_epochs", "total_iters"].filter { context.legacy.contains($0) }
            context.setOutput("train_cfg", ConfigNode(loop), from: sources)
        }
        try convertWorkflow(&context)
    }

    static func loopFacts(_ context: inout MigrationContext) throws -> LoopFacts? {
        // The runner's kind and counts, read as the legacy simulator reads them.
        let length = try LegacyRunLength(context.legacy)
        let totalEpochs = length.totalEpochs
        let totalIters = length.totalIters
        if length.hasRunner, let runnerNode = context.legacyNode("runner") {
            let runner = try runnerNode.mapping("runner")
            let type = length.type
            let maxEpochs = length.maxEpochs
            let maxIters = length.maxIters
            let at = runnerNode.location
            switch type {
            case "EpochBasedRunner", "Runner":
                guard let epochs = maxEpochs else {
                    throw ConfigError(.missingKey, "`runner.max_epochs` is required for an \(type ?? "") (MMCV refuses to run without a length)", at: at)
                }
                if let totalEpochs, totalEpochs != epochs {
                    context.warn(Records.totalEpochsDisagrees, "total_epochs", "total_epochs=\(totalEpochs) disagrees with runner.max_epochs=\(epochs) (mmdet asserted they are equal); max_epochs=\(epochs) is used", at: context.legacyKeyLocation("total_epochs"))
                }
                context.change(Records.epochLoop, "runner", to: "train_cfg", "\(type ?? "") with max_epochs=\(epochs) becomes EpochBasedTrainLoop", at: at)
                return LoopFacts(kind: .epoch, maxEpochs: epochs)
            case "IterBasedRunner", "DynamicIterBasedRunner":
                guard let iters = maxIters else {
                    throw ConfigError(.missingKey, "`runner.max_iters` is required for an \(type ?? "")", at: at)
                }
                if type == "DynamicIterBasedRunner" {
                    context.warn(Records.dynamicIterRunner, "runner.type", "DynamicIterBasedRunner (mmgen) has no MMEngine loop; converted as IterBasedTrainLoop — its dynamic per-iteration behaviour (e.g. progressive growing) needs the successor package's own loop", at: at, newPath: "train_cfg")
                } else {
                    context.change(Records.iterLoop, "runner", to: "train_cfg", "IterBasedRunner with max_iters=\(iters) becomes IterBasedTrainLoop", at: at)
                }
                return LoopFacts(kind: .iteration, maxIters: iters)
            case nil:
                if length.iterationRunner, let iters = maxIters {
                    context.warn(Records.untypedIterRunner, "runner", "the runner has no type; max_iters=\(iters) implies an iteration runner (IterBasedTrainLoop)", at: at, newPath: "train_cfg")
                    return LoopFacts(kind: .iteration, maxIters: iters)
                }
                if let epochs = maxEpochs {
                    context.warn(Records.untypedEpochRunner, "runner", "the runner has no type; max_epochs=\(epochs) implies an epoch runner (EpochBasedTrainLoop)", at: at, newPath: "train_cfg")
                    return LoopFacts(kind: .epoch, maxEpochs: epochs)
                }
                context.manualStep(Records.runnerWithoutLength, "runner", "the runner has neither a type nor a length; set train_cfg (EpochBasedTrainLoop with max_epochs, or IterBasedTrainLoop with max_iters) by hand", at: at)
                return nil
            case let other?:
                context.manualStep(Records.unknownRunner, "runner.type", "unknown runner type \(other): no MMEngine loop is known for it; write train_cfg by hand", at: runner["type"]?.location ?? at)
                return nil
            }
        }
        if !length.iterationRunner, let totalEpochs {
            context.change(Records.totalEpochs, "total_epochs", to: "train_cfg", "total_epochs=\(totalEpochs) (no runner; mmdet built an EpochBasedRunner from it) becomes EpochBasedTrainLoop", at: context.legacyKeyLocation("total_epochs"))
            return LoopFacts(kind: .epoch, maxEpochs: totalEpochs)
        }
        if let totalIters {
            context.change(Records.totalIters, "total_iters", to: "train_cfg", "total_iters=\(totalIters) (no runner; the train script ran an IterBasedRunner for it) becomes IterBasedTrainLoop", at: context.legacyKeyLocation("total_iters"))
            return LoopFacts(kind: .iteration, maxIters: totalIters)
        }
        context.manualStep(Records.noTrainingLength, "runner", "the config states no training length (no runner, total_epochs or total_iters; MMCV-era train scripts failed on it): add train_cfg by hand", at: context.legacyLocation)
        return nil
    }

    static func convertWorkflow(_ context: inout MigrationContext) throws {
        guard let workflowNode = context.legacyNode("workflow"), !workflowNode.isNull else { return }
        let workflow = try workflowNode.list("workflow")
        var hasVal = false
        for (index, phase) in workflow.items.enumerated() {
            let path = ConfigPath("workflow").appending(index: index)
            let pair = try phase.list(path)
            guard pair.count == 2 else {
                throw ConfigError(.invalidValue, "each workflow entry is a (mode, epochs) pair, found \(pair.count) items", at: phase.location)
            }
            let mode = try pair.items[0].string(path.appending(index: 0))
            _ = try pair.items[1].count(path.appending(index: 1))
            if mode == "val" { hasVal = true } else if mode != "train" {
                throw ConfigError(.invalidValue, "workflow mode must be 'train' or 'val', found '\(mode)'", at: pair.items[0].location)
            }
        }
        if hasVal {
            context.warn(Records.workflowValDropped, "workflow", "the ('val', n) entries ran loss-only validation epochs, which MMEngine has no counterpart for; dropped (metrics-based validation comes from `evaluation`, see val_cfg)", at: workflowNode.location)
        } else {
            context.change(Records.workflowDropped, "workflow", to: nil, "dropped: MMEngine's loop has no workflow; ('train', n) only repeated train epochs", at: workflowNode.location)
        }
    }
}
