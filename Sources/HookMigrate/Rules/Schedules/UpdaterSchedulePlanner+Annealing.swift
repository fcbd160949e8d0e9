import HookMigrateCore
import HookMigrateRuntime

// The translations of the annealing policies both hooks have: CosineAnnealing and LinearAnnealing, to
// `min_<value>` or `min_<value>_ratio` (schedules.md C.1, C.0.5).

extension UpdaterSchedulePlanner {
    func unitWord(_ byEpoch: Bool) -> String { byEpoch ? "epoch" : "iteration" }

    /// Where the floor argument is written.
    func floorLocation(_ floor: LegacyTarget) -> SourceLocation? {
        switch floor {
        case .absolute: return arguments.location("min_\(Self.kind.valueName)")
        case .ratio: return arguments.location("min_\(Self.kind.valueName)_ratio")
        }
    }

    /// CosineAnnealing → `CosineAnnealingLR`/`CosineAnnealingMomentum` over the whole run (`T_max = H`), or over
    /// the loop's max_iters when a by-iteration policy runs under an epoch runner.
    func cosineAnnealing(_ floor: LegacyTarget, byEpoch: Bool) -> MainSchedule {
        let type = "CosineAnnealing" + Self.kind.schedulerSuffix
        let unit = unitWord(byEpoch)
        let legacy = floor.legacyText(Self.kind.valueName)
        let (name, value) = floor.argument(at: floorLocation(floor))
        if let horizon = span.horizon(byEpoch: byEpoch), byEpoch || span.kind == .iteration {
            let node = LrConfigRule.scheduler(type, ["T_max": LrConfigRule.int(horizon), name: value], begin: 0, end: horizon, byEpoch: byEpoch, at: arguments.location)
            return MainSchedule(id: Records.cosineAnnealing.id, nodes: [node], message: "policy '\(policy)' with \(legacy) by \(unit) becomes \(LrConfigRule.describe(node)) (T_max = \(unit)s of the run)")
        }
        if !byEpoch, span.kind == .epoch {
            let node = LrConfigRule.scheduler(type, [name: value], byEpoch: false, at: arguments.location)
            return MainSchedule(id: Records.cosineAnnealingLoopEnd.id, nodes: [node], message: "policy '\(policy)' with \(legacy) by iteration becomes \(LrConfigRule.describe(node)); T_max and end are left to the loop's max_iters (= max_epochs × len(train_dataloader), which is what MMCV's max_iters was), so the schedule stays exact for any dataloader length")
        }
        return MainSchedule(id: Records.needsRunLength.id, kind: .manualStep, message: "policy '\(policy)' needs the run length for T_max, but \(span.missingHorizon(byEpoch: byEpoch)); \(Self.kind.nothingEmitted)")
    }

    /// LinearAnnealing → `LinearLR`/`LinearMomentum` to `min_<value>_ratio` (a factor in [0, 1]), or
    /// `PolyLR`/`PolyMomentum` with power 1 to an absolute `min_<value>`; see `annealing` for `end`.
    func linearAnnealing(_ floor: LegacyTarget, byEpoch: Bool, lastStepShortDeviation: String) -> MainSchedule {
        let kind = Self.kind
        switch floor {
        case .ratio(let ratio):
            guard ratio >= 0, ratio <= 1 else {
                return MainSchedule(id: Records.linearRatioOutOfRange.id, kind: .manualStep, message: "policy '\(policy)' with min_\(kind.valueName)_ratio=\(LrConfigRule.show(ratio)) anneals outside [0, 1] × the base \(kind.valueName), which Linear\(kind.schedulerSuffix)'s factors cannot express (MMEngine raises ValueError): write the schedule by hand; \(kind.nothingEmitted)")
            }
            return annealing("Linear" + kind.schedulerSuffix, ["start_factor": LrConfigRule.float(1.0), "end_factor": LrConfigRule.float(ratio, at: floorLocation(floor))],
                             legacy: floor.legacyText(kind.valueName), byEpoch: byEpoch, lastStepShortDeviation: lastStepShortDeviation)
        case .absolute(let value):
            return annealing("Poly" + kind.schedulerSuffix, ["eta_min": LrConfigRule.float(value, at: floorLocation(floor)), "power": LrConfigRule.float(1.0)],
                             legacy: floor.legacyText(kind.valueName), byEpoch: byEpoch, lastStepShortDeviation: lastStepShortDeviation)
        }
    }

    /// Poly / Linear annealing from the base value at progress 0 to the target at progress H, which MMCV never
    /// reaches: `end = H + 1` (schedules.md C.0.5). Without N under an epoch runner, the loop's default end is
    /// one iteration short (`lastStepShortDeviation`).
    func annealing(_ type: String, _ schedulerArguments: KeyValuePairs<String, ConfigNode>, legacy: String, byEpoch: Bool,
                   lastStepShortDeviation: String) -> MainSchedule {
        let unit = unitWord(byEpoch)
        let at = arguments.location
        if let horizon = span.horizon(byEpoch: byEpoch) {
            let node = LrConfigRule.scheduler(type, schedulerArguments, begin: 0, end: horizon + 1, byEpoch: byEpoch, at: at)
            var main = MainSchedule(id: Records.annealing.id, nodes: [node], message: "policy '\(policy)' with \(legacy) by \(unit) becomes \(LrConfigRule.describe(node)): end is H+1 = \(horizon + 1) because \(type) reaches its target at end−1, while MMCV's value at the last \(unit)\(Self.kind.annealingLastValueNote)\(exactGivenL(byEpoch))")
            main.firstChange = byEpoch ? .epoch(1) : .iteration(1)
            return main
        }
        if !byEpoch, span.kind == .epoch {
            let node = LrConfigRule.scheduler(type, schedulerArguments, byEpoch: false, at: at)
            var main = MainSchedule(id: Records.annealingDefaultEnd.id, nodes: [node], kind: .nonEquivalence,
                                    message: "policy '\(policy)' with \(legacy) by iteration becomes \(LrConfigRule.describe(node)) with end left to the loop's max_iters N: the exact form needs end=N+1 with N = max_epochs × iterations per epoch, which is unknown (rerun with --iters-per-epoch L for it). Assumed: the default end, one iteration short",
                                    deviation: lastStepShortDeviation)
            main.firstChange = .iteration(1)
            return main
        }
        return MainSchedule(id: Records.needsRunLength.id, kind: .manualStep, message: "policy '\(policy)' needs the run length for its end (H+1), but \(span.missingHorizon(byEpoch: byEpoch)); \(Self.kind.nothingEmitted)")
    }

    /// What is said of an iteration count computed as N = E·L (nothing when N was not computed from L).
    func exactGivenL(_ byEpoch: Bool) -> String {
        if !byEpoch, span.kind == .epoch, let per = span.itersPerEpoch {
            return Self.kind.exactGivenItersPerEpoch(per)
        }
        return ""
    }
}
