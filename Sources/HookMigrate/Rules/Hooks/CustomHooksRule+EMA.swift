import Foundation
import HookMigrateCore
import HookMigrateRuntime

/// The EMA hooks of `custom_hooks`: MMCV's `EMAHook` and mmdet 2's `ExpMomentumEMAHook` /
/// `LinearMomentumEMAHook` all become MMEngine's `EMAHook` with an averaged-model type
/// (runners-and-hooks.md 4.6, R10, X4, X5).
///
/// Both libraries weight the new value by the momentum (`ema = (1−m)·ema + m·param`). What differs:
/// MMEngine's first update copies the weights (MMCV's averages them); MMCV's `EMAHook` raises the momentum
/// to the `interval` and MMEngine does not (so `momentum**interval` is written, which reproduces MMCV's
/// effective momentum on the same update steps); MMCV swaps the EMA weights into the model at the train-epoch
/// boundary (never under an IterBasedRunner) and MMEngine around validation and inside the checkpoint dict.
extension CustomHooksRule {
    static let emaTypes: Set<String> = ["EMAHook", "ExpMomentumEMAHook", "LinearMomentumEMAHook"]

    static func convertEMA(type: String, args: LegacyHookArgs, legacyPriority: Int?, newPath: String,
                           _ context: inout MigrationContext) throws -> ConfigMapping? {
        let path = args.path
        let allowed: [String]
        switch type {
        case "EMAHook": allowed = ["type", "priority", "momentum", "interval", "warm_up", "resume_from"]
        case "ExpMomentumEMAHook": allowed = ["type", "priority", "momentum", "interval", "skip_buffers", "resume_from", "total_iter"]
        default: allowed = ["type", "priority", "momentum", "interval", "skip_buffers", "resume_from", "warm_up"]
        }
        for key in try args.keys() where !allowed.contains(key) {
            context.manualStep(Records.unknownArgument, "\(path).\(key)", "\(type) has no argument `\(key)` (MMCV raised TypeError building it); dropped", at: args.location(key))
        }
        // The hook as MMCV (or mmdet) built it, read as the legacy simulator reads it.
        let legacy: LegacyEMAHook
        do {
            legacy = try LegacyEMAHook.parse(args.mapping, kind: LegacyEMAHook.kind(of: type) ?? .mmcv, type: type, path: path, at: args.location)
        } catch let rejection as ConfigError where rejection.code == .rejected {
            context.manualStep(Records.emaRejected, "\(path)", "\(rejection.message); dropped — choose an interval ≥ 1 and convert again", at: rejection.location ?? args.location)
            return nil
        }
        let momentum = legacy.momentum
        let interval = legacy.interval
        guard interval >= 1 else {
            context.manualStep(Records.emaIntervalUnreproducible, "\(path)", "\(type) with interval=\(interval): mmdet's hook computed (iter + 1) % interval, which no MMEngine EMAHook interval reproduces; dropped — choose an interval ≥ 1 and convert again", at: args.location("interval"))
            return nil
        }
        let skipBuffers = try args.bool("skip_buffers") ?? false
        let warmUp = legacy.warmUp
        let totalIter = legacy.totalIter
        if type == "ExpMomentumEMAHook", totalIter <= 0 {
            context.manualStep(Records.emaTotalIterInvalid, "\(path).total_iter", "total_iter=\(Int(exactly: totalIter).map(String.init) ?? PythonFloat.repr(totalIter)): mmdet's momentum exp(−(1+iter)/total_iter) divides by it or grows without bound, and mmdet 3's ExpMomentumEMA asserts gamma > 0; dropped — choose a positive total_iter and convert again", at: args.location("total_iter"))
            return nil
        }
        if let resume = args.node("resume_from"), !resume.isNull {
            _ = try resume.string(path.appending("resume_from"))
        }

        // MMCV's EMAHook and mmdet's LinearMomentumEMAHook use momentum**interval; MMEngine uses the momentum as given.
        let raised = type != "ExpMomentumEMAHook" && interval > 1
        let effective = raised ? pow(momentum, Double(interval)) : momentum
        guard effective > 0 else {
            context.manualStep(Records.emaMomentumUnderflows, "\(path)", "momentum**interval = \(PythonFloat.repr(momentum))**\(interval) underflows to 0, which MMEngine's ExponentialMovingAverage rejects (MMCV's EMA never moved); dropped — convert by hand", at: args.location)
            return nil
        }

        var hook = ConfigMapping()
        hook["type"] = ConfigNode(.string("EMAHook"))
        hook["ema_type"] = ConfigNode(.string(type == "ExpMomentumEMAHook" ? "ExpMomentumEMA" : "ExponentialMovingAverage"))
        if raised {
            hook["momentum"] = ConfigNode(.float(effective), at: args.node("momentum")?.location)
        } else if let node = args.node("momentum") {
            hook["momentum"] = node
        }
        if type == "ExpMomentumEMAHook", let node = args.node("total_iter") { hook["gamma"] = node }
        if let node = args.node("interval") { hook["interval"] = node }
        if type != "EMAHook" { hook["update_buffers"] = ConfigNode(.bool(!skipBuffers)) }
        if let node = args.node("priority") { hook["priority"] = node }

        // The conversion itself (R10).
        // A count past Int's range (the half-life of a momentum near 0, the warm-up of one near 1) is written
        // as a float.
        func count(_ value: Double) -> String { Int(exactly: value).map(String.init) ?? PythonFloat.repr(value) }
        let halfLife = count((log(0.5) / log1p(-effective)).rounded())
        let priorityText = legacyPriority.map { "; priority \(Priority.describe($0)) kept" } ?? ""
        let warmUpText: String
        if type == "ExpMomentumEMAHook" {
            warmUpText = ""
        } else if effective > 1 / warmUp, warmUp > 0 {
            warmUpText = "; warm_up dropped (reported below)"
        } else {
            warmUpText = args.has("warm_up") ? "; warm_up=\(count(warmUp)) dropped: with momentum \(PythonFloat.repr(effective)) ≤ 1/warm_up its warm-up term was never the minimum, so it had no effect" : ""
        }
        let resumeText = args.node("resume_from").map { $0.isNull ? "; resume_from=None dropped" : "" } ?? ""
        switch type {
        case "EMAHook":
            let momentumText = raised
                ? "momentum written as momentum**interval = \(PythonFloat.repr(momentum))**\(interval) = \(PythonFloat.repr(effective)), the momentum MMCV applied (MMEngine does not raise it to the interval)"
                : "same momentum \(PythonFloat.repr(effective))"
            context.nonEquivalence(Records.emaHook, "\(path)", "MMCV's EMAHook becomes MMEngine's EMAHook(ema_type='ExponentialMovingAverage'): same momentum convention (weight of the new value) and the same update steps (\(interval == 1 ? "every iteration" : "every \(interval) iterations from the first")); \(momentumText); MMEngine's first update copies the weights where MMCV averaged them into the initial copy (R10)\(warmUpText)\(resumeText)\(priorityText)",
                                   deviation: "EMA weights differ by (1−m)^t·|w₁−w₀| after t updates (w₁−w₀ is the first optimizer step; m=\(PythonFloat.repr(effective)), half-life ≈ \(halfLife) updates); raw weights and update count identical",
                                   at: args.location, newPath: newPath)
        case "ExpMomentumEMAHook":
            let gamma = totalIter
            let firstMomentum = (1 - momentum) * exp(-1 / gamma) + momentum
            let timing = interval == 1
                ? "the same momentum sequence on the same iterations: mmdet's m(iter) and MMEngine's m(steps) coincide because MMEngine counts one step per iteration"
                : "with interval=\(interval) MMEngine averages at 1-based iterations \(interval + 1), \(2 * interval + 1), … after a copy at iteration 1, where mmdet averaged at \(interval), \(2 * interval), …"
            let deviation = interval == 1
                ? "first update: MMEngine copies, mmdet averaged with m(0)=\(String(format: "%.6f", firstMomentum)) (EMA differs by (1−m(0))·|w₁−w₀|, shrinking with every later update); later updates identical"
                : "updates one iteration later than mmdet's, each with the momentum of the next step; EMA values differ slightly, update count equal up to one"
            context.nonEquivalence(Records.emaExpMomentum, "\(path)", "mmdet's ExpMomentumEMAHook becomes EMAHook(ema_type='ExpMomentumEMA', gamma=total_iter, update_buffers=not skip_buffers) — MMDetection 3.x's averaged model, registered in mmdet's MODELS (needs mmdet ≥ 3 and default_scope='mmdet'); \(timing) (R10)\(resumeText)\(priorityText)",
                                   deviation: deviation, at: args.location, newPath: newPath)
        default:
            let momentumText = raised
                ? "momentum written as momentum**interval = \(PythonFloat.repr(effective)), the cap mmdet applied"
                : "same momentum cap \(PythonFloat.repr(effective))"
            context.nonEquivalence(Records.emaLinearMomentum, "\(path)", "mmdet's LinearMomentumEMAHook becomes EMAHook(ema_type='ExponentialMovingAverage', update_buffers=not skip_buffers): \(momentumText); MMEngine's first update copies the weights\(interval > 1 ? " and it averages at 1-based iterations \(interval + 1), \(2 * interval + 1), … where mmdet averaged at \(interval), \(2 * interval), …" : "") (R10)\(warmUpText)\(resumeText)\(priorityText)",
                                   deviation: "EMA weights differ by (1−m)^t·|w₁−w₀| after t updates (m=\(PythonFloat.repr(effective)), half-life ≈ \(halfLife) updates)\(interval > 1 ? "; updates one iteration later" : "")",
                                   at: args.location, newPath: newPath)
        }

        // warm_up with an effect (X4).
        if type != "ExpMomentumEMAHook" {
            if warmUp <= 0 {
                context.manualStep(Records.emaWarmUpInvalid, "\(path).warm_up", "warm_up=\(count(warmUp)): MMCV's momentum (1+iter)/(warm_up+iter) divided by zero or went negative in the first iterations; MMEngine has no warm-up, dropped — check the legacy run", at: args.location("warm_up"))
            } else if effective > 1 / warmUp {
                let affected = count(((effective * warmUp - 1) / (1 - effective)).rounded(.up))
                context.nonEquivalence(Records.emaWarmUpEffective, "\(path).warm_up", "warm_up=\(count(warmUp))\(args.has("warm_up") ? "" : " (MMCV's default)") had an effect because momentum \(PythonFloat.repr(effective)) > 1/warm_up: MMCV used the smaller momentum (1+iter)/(warm_up+iter) for the first \(affected) iteration\(affected == "1" ? "" : "s"); MMEngine's ExponentialMovingAverage has no warm-up (X4)",
                                       deviation: "EMA momentum lower in MMCV for the first \(affected) iterations (from 1/warm_up=\(PythonFloat.repr(1 / warmUp)) up to \(PythonFloat.repr(effective)))",
                                       at: args.location("warm_up"), newPath: newPath)
            }
        }

        // resume_from (X5).
        if let resume = args.node("resume_from"), let resumePath = resume.scalar?.stringValue {
            context.manualStep(Records.emaResumeFrom, "\(path).resume_from", "\(type) resumed the whole run from \(resumePath) in before_run (runner.resume); MMEngine's EMAHook has no such argument (TypeError): dropped — set load_from: \(resumePath) and resume: true instead", at: args.location("resume_from"), newPath: newPath)
        }

        // Where the EMA weights were used (X4).
        let old = legacyPriority ?? Priority.normal
        switch context.loop?.kind {
        case .iteration?:
            context.nonEquivalence(Records.emaNeverSwapped, "\(path)", "under an IterBasedRunner MMCV's \(type) never swapped the EMA weights into the model (its swap points are train-epoch boundaries, which that runner never calls): evaluation and checkpoints used the raw weights. MMEngine's EMAHook validates with the EMA weights and saves them as state_dict (X4)",
                                   deviation: "evaluated and saved weights: raw (MMCV) vs EMA (MMEngine)", at: args.location, newPath: newPath)
        case .epoch?:
            let rawCheckpoint = old >= Priority.normal && hasCheckpointHook(context)
            let rawEvaluation = old > Priority.low && evaluates(context)
            guard rawCheckpoint || rawEvaluation else { break }
            var what: [String] = []
            if rawCheckpoint { what.append("the regular checkpoint was saved before the swap (state_dict held the raw weights, the EMA ones sat under ema_*)") }
            if rawEvaluation { what.append("the evaluation ran before the swap (on the raw weights)") }
            context.nonEquivalence(Records.emaSwapOrder, "\(path)", "at \(legacyPriority.map { "priority \(Priority.describe($0))" } ?? "the default priority NORMAL (50)") MMCV's \(type) swapped the EMA weights in at after_train_epoch only after CheckpointHook (NORMAL) ran: \(what.joined(separator: "; ")). MMEngine's EMAHook validates with the EMA weights and saves them as state_dict whatever its priority (X4); give it priority < 50 in MMCV terms to compare like for like",
                                   deviation: "\(rawCheckpoint ? "saved state_dict" : "")\(rawCheckpoint && rawEvaluation ? " and " : "")\(rawEvaluation ? "evaluated weights" : ""): raw (MMCV) vs EMA (MMEngine)",
                                   at: args.location("priority"), newPath: newPath)
        case nil:
            break
        }
        return hook
    }
}
