import Foundation
import HookMigrateCore

/// What the warmup became.
struct WarmupSchedule {
    /// The id of the record that describes the warmup (its form; the kind says whether it composes exactly).
    var id: RecordID
    var nodes: [ConfigNode] = []
    var kind: MigrationRecord.Kind = .change
    var message: String
    var deviation: String?
    /// W: `.iteration(W)` when known, `.epoch(n)` for `warmup_by_epoch` without L; nil when nothing is emitted.
    var length: SchedulePoint?
    /// r.
    var ratio: Double = 1
}

extension LrSchedulePlanner {
    /// The warmup schedulers (schedules.md C.3): always by iteration from 0, `end = W + 1`.
    func warmupSchedule(_ warmup: WarmupTerms) -> WarmupSchedule {
        let ratio = warmup.ratio
        let ratioText = LrConfigRule.show(ratio)
        let at = arguments.location("warmup")
        if ratio == 1 {
            return WarmupSchedule(id: Records.warmupNoOp.id, message: "\(warmup.name) warmup with warmup_ratio=1 multiplies the lr by 1: a no-op, no warmup scheduler is emitted")
        }
        let length = warmup.length
        let iterations: Int? = warmup.byEpoch ? span.itersPerEpoch.map { length * $0 } : length
        var lengthText = warmup.byEpoch ? "warmup_iters=\(length) epochs (warmup_by_epoch)" : "W=\(length) iterations"
        var givenL = ""
        if warmup.byEpoch, let iterations, let per = span.itersPerEpoch {
            lengthText += " = W=\(iterations) iterations with L=\(per)"
            givenL = "; exact given L=\(per) (W = epochs × L changes if the dataloader length changes)"
        }
        let point: SchedulePoint = iterations.map { .iteration($0) } ?? .epoch(length)
        switch warmup.kind {
        case .constant:
            if warmup.byEpoch {
                let node = LrConfigRule.scheduler("ConstantLR", ["factor": LrConfigRule.float(ratio, at: arguments.location("warmup_ratio"))],
                                                  begin: 0, end: length + 1, byEpoch: true, at: at)
                return WarmupSchedule(id: Records.warmupConstantByEpoch.id, nodes: [node], message: "constant warmup over \(lengthText), ratio \(ratioText), becomes \(LrConfigRule.describe(node)): stepped by epoch, it multiplies the lr by \(ratioText) from the first iteration and restores it after epoch \(length - 1), i.e. from iteration \(length)·L on, as MMCV does — exact for any dataloader length",
                                      length: point, ratio: ratio)
            }
            let node = LrConfigRule.scheduler("ConstantLR", ["factor": LrConfigRule.float(ratio, at: arguments.location("warmup_ratio"))],
                                              begin: 0, end: length + 1, byEpoch: false, at: at)
            return WarmupSchedule(id: Records.warmupConstant.id, nodes: [node], message: "constant warmup over \(lengthText), ratio \(ratioText), becomes \(LrConfigRule.describe(node)): end is W+1 because ConstantLR restores the lr at its last step end−1 while MMCV still warms iteration W−1 (the official guide's end=W is one short)",
                                  length: point, ratio: ratio)
        case .linear:
            if let iterations {
                let node = LrConfigRule.scheduler("LinearLR", ["start_factor": LrConfigRule.float(ratio, at: arguments.location("warmup_ratio")), "end_factor": LrConfigRule.float(1.0)],
                                                  begin: 0, end: iterations + 1, byEpoch: false, at: at)
                return WarmupSchedule(id: Records.warmupLinear.id, nodes: [node], message: "linear warmup over \(lengthText), ratio \(ratioText), becomes \(LrConfigRule.describe(node)): end is W+1 because LinearLR reaches end_factor at its last step end−1 while MMCV reaches the full lr only at iteration W (the official guide's end=W is one short)\(givenL)",
                                      length: point, ratio: ratio)
            }
            let node = LrConfigRule.scheduler("LinearLR", ["start_factor": LrConfigRule.float(ratio, at: arguments.location("warmup_ratio")), "end_factor": LrConfigRule.float(1.0)],
                                              begin: 0, end: length, byEpoch: true, convertToIterBased: true, at: at)
            return WarmupSchedule(id: Records.warmupLinearWithoutLength.id, nodes: [node], kind: .nonEquivalence,
                                  message: "linear warmup over \(lengthText), ratio \(ratioText), needs W = \(length) × L iterations and end=W+1, but the iterations per epoch L are unknown (rerun with --iters-per-epoch L for the exact form). Assumed: \(LrConfigRule.describe(node)), which the Runner converts to end = \(length)·L iterations, so the ramp reaches the full lr one iteration early",
                                  deviation: "relative lr error (1−r)/(W−1+r) with r=\(ratioText) at iteration W−1, less before it; none after the warmup (4.7e-2 for W=20, r=0.1: deviations.md grid, the migration guide's linear-by-epoch column)",
                                  length: point, ratio: ratio)
        case .exp:
            guard let iterations else {
                return WarmupSchedule(id: Records.warmupExpNeedsLength.id, kind: .manualStep, message: "exp warmup over \(lengthText) needs W = \(length) × L iterations for its per-iteration factor r^(−1/W), but the iterations per epoch are unknown: rerun with --iters-per-epoch L (the length of the train dataloader); no warmup scheduler was emitted")
            }
            let hold: ConfigNode
            let holdText: String
            if span.kind == .iteration, let total = span.iterations {
                hold = LrConfigRule.scheduler("ConstantLR", ["factor": LrConfigRule.float(ratio, at: arguments.location("warmup_ratio"))], begin: 0, end: total + 1, byEpoch: false, at: at)
                holdText = "end=N+1 puts its restoring step after the last iteration"
            } else if span.kind == .epoch, let epochs = span.epochs {
                hold = LrConfigRule.scheduler("ConstantLR", ["factor": LrConfigRule.float(ratio, at: arguments.location("warmup_ratio"))], begin: 0, end: epochs + 1, byEpoch: true, at: at)
                holdText = "stepped by epoch with end=E+1, its restoring step comes after the last epoch for any dataloader length"
            } else {
                return WarmupSchedule(id: Records.warmupExpNeedsRunLength.id, kind: .manualStep, message: "exp warmup (ratio \(ratioText), W=\(iterations)) needs a ConstantLR(factor=\(ratioText)) that lasts past the end of the run plus ExponentialLR(gamma=\(LrConfigRule.show(pow(ratio, -1.0 / Double(iterations)))), begin=0, end=\(iterations + 1), by_epoch=False), but the run length is unknown (see the runner record): add them by hand; no warmup scheduler was emitted")
            }
            let rise = LrConfigRule.scheduler("ExponentialLR", ["gamma": LrConfigRule.float(LrConfigRule.tidy(pow(ratio, -1.0 / Double(iterations))))], begin: 0, end: iterations + 1, byEpoch: false, at: at)
            return WarmupSchedule(id: Records.warmupExpPair.id, nodes: [hold, rise], message: "exp warmup over \(lengthText), ratio \(ratioText), becomes the pair \(LrConfigRule.describe(hold)) + \(LrConfigRule.describe(rise)): the ConstantLR supplies the factor \(ratioText) from iteration 0 (\(holdText)), and the ExponentialLR multiplies by r^(−1/W) for W steps, reaching the full lr exactly at iteration W as MMCV's r^(1−k/W) does (deviations.md F3; the official ExponentialLR(gamma=r, end=W) loses the lr)\(givenL)",
                                  length: point, ratio: ratio)
        }
    }

    /// Whether a step of a main scheduler at `point` comes after the warmup of `length` is over: `true`/`false`,
    /// or nil when it depends on the unknown L. A main scheduler placed before the warmup (`strict`) must step
    /// after the warmup's last step, not with it.
    func clears(_ point: SchedulePoint, _ length: SchedulePoint, strict: Bool) -> Bool? {
        switch (point, length) {
        case let (.iteration(step), .iteration(warmup)):
            return strict ? step > warmup : step >= warmup
        case let (.iteration(step), .epoch(epochs)):
            // W = epochs·L ≥ epochs.
            return (strict ? step <= epochs : step < epochs) ? false : nil
        case let (.epoch(epoch), .iteration(warmup)):
            guard let per = span.itersPerEpoch else { return nil }
            let (iteration, overflow) = epoch.multipliedReportingOverflow(by: per)
            return overflow || iteration >= warmup
        case let (.epoch(epoch), .epoch(epochs)):
            return epoch >= epochs
        }
    }

    /// Describes a step for messages.
    func describe(_ point: SchedulePoint) -> String {
        switch point {
        case .iteration(let step): return "iteration \(step)"
        case .epoch(let epoch):
            if let per = span.itersPerEpoch { return "epoch \(epoch) (iteration \(Int128(epoch) * Int128(per)))" }
            return "epoch \(epoch) (iteration \(epoch)·L)"
        }
    }

    /// How the warmup and the main schedule compose (schedules.md C.3); folds the verdict into the warmup's record.
    func combine(_ warmup: inout WarmupSchedule, main: MainSchedule, byEpoch: Bool) {
        guard let length = warmup.length else { return }
        func worsen(_ note: String, _ deviation: String) {
            warmup.kind = .nonEquivalence
            warmup.message += ". " + note
            warmup.deviation = [warmup.deviation, deviation].compactMap { $0 }.joined(separator: "; and ")
        }
        let lengthText: String
        switch length {
        case .iteration(let iterations): lengthText = "W=\(iterations) iterations"
        case .epoch(let epochs): lengthText = "W=\(epochs)·L iterations"
        }
        if main.noCounterpartWithWarmup {
            worsen("MMCV multiplies its \(policy) schedule by the warmup factor, which a chained warmup cannot do after a scheduler that sets absolute values every step: no counterpart. Emitted as the best attempt: the absolute scheduler(s) first, then the warmup",
                   "no counterpart: 0.24…9.0 relative lr error on single warmup iterations, 9× typical (deviations.md N7)")
            return
        }
        let strict = main.placement == .beforeWarmup
        var restartVerdict: Bool? = true
        for restart in main.restarts {
            switch clears(restart, length, strict: strict) {
            case false?: restartVerdict = false
            case nil: if restartVerdict == true { restartVerdict = nil }
            case true?: break
            }
            if restartVerdict == false { break }
        }
        let bound = "lr up to 1/r = \(LrConfigRule.brief(1 / warmup.ratio))× MMCV's"
        if restartVerdict == false {
            worsen("A CosineRestartLR restart falls inside the warmup (\(lengthText)): the restart sets the unwarmed value and the warmup's remaining factors then push the lr above MMCV's — no counterpart",
                   "\(bound) from that restart until the next one")
            return
        }
        if restartVerdict == nil {
            worsen("Exact only if no CosineRestartLR restart falls inside the warmup (\(lengthText)), which depends on the unknown iterations per epoch L (rerun with --iters-per-epoch L to check); a restart inside it sets the unwarmed value and the warmup's remaining factors then overshoot",
                   "none if the first restart comes after the warmup; otherwise \(bound) until the next restart")
            return
        }
        guard main.affine, let first = main.firstChange else {
            if main.nodes.count > 0 {
                warmup.message += "; the main scheduler is multiplicative, so the warmup composes with it exactly"
            }
            return
        }
        let mechanism = "MMCV multiplies the warmup factor into the policy's value, while MMEngine applies the main scheduler's affine update (its floor is not 0) to the already warmed lr, so the two do not commute and no ordering fixes it (deviations.md N1)"
        switch clears(first, length, strict: strict) {
        case true?:
            warmup.message += "; the main scheduler has a non-zero floor (an affine update), but it first changes the lr at \(describe(first)), after the warmup (\(lengthText)) is over, so the composition is exact"
        case false?:
            worsen("The main scheduler first changes the lr at \(describe(first)), inside the warmup (\(lengthText)): \(mechanism)", main.overlapDeviation)
        case nil:
            worsen("Exact only if the warmup (\(lengthText)) is over before the main scheduler first changes the lr at \(describe(first)), which depends on the unknown iterations per epoch L (rerun with --iters-per-epoch L to check); otherwise \(mechanism)",
                   "none if the warmup ends first; otherwise \(main.overlapDeviation)")
        }
    }
}
