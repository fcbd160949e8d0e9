import Foundation
import HookMigrateCore
import HookMigrateRuntime

/// Turns one lr_config into schedulers and records.
struct LrSchedulePlanner: UpdaterSchedulePlanner {
    static let kind = UpdaterHookKind.lr
    typealias Records = LrConfigRule.Records

    let arguments: LegacyHookArguments
    let policy: String
    let policyLocation: SourceLocation?
    let span: ScheduleSpan
    let optimizer: LegacyOptimizerFacts
    var plan = SchedulePlan()

    func read() throws -> LegacyUpdaterConfig<LegacyLrPolicy> {
        try LegacyUpdaterConfig<LegacyLrPolicy>.parse(config: arguments.mapping, location: arguments.location, path: arguments.path,
                                                      iterBasedRunner: span.kind == .iteration)
    }

    mutating func planSchedulers(_ config: LegacyUpdaterConfig<LegacyLrPolicy>) throws {
        if let refusal = config.lrWarmupLengthRefusal(at: arguments.location("warmup_iters")) { throw refusal }
        let parsed = config.policy
        let byEpoch = config.byEpoch
        let warmup = config.warmupTerms
        if span.kind == .iteration {
            // warmup_by_epoch matters here even without a warmup.
            if config.warmupByEpoch {
                plan.record(Records.warmupByEpochUnderIterRunner, .manualStep, arguments.path("warmup_by_epoch"),
                            "warmup_by_epoch=True under IterBasedRunner crashes MMCV in the first iteration (AssertionError: the warmup length is only computed in before_train_epoch, which IterBasedRunner never calls): this config never trained. Give the warmup in iterations (warmup_by_epoch=False) and convert again; nothing was emitted",
                            at: arguments.location("warmup_by_epoch"), role: nil)
                return
            }
            if byEpoch {
                plan.record(Records.byEpochInertUnderIterRunner, .warning, arguments.path("by_epoch"),
                            "a by_epoch=True lr policy is inert under IterBasedRunner: MMCV updates it only in before_train_epoch, which that runner never calls, so the lr stayed at the optimizer's lr for the whole run (its warmup too). No lr scheduler is emitted, which keeps that behaviour; if you meant a schedule, write it by iteration",
                            at: arguments.location("by_epoch"), role: nil)
                return
            }
        }
        if case .yolox(let spec) = parsed {
            // YOLOX replaces MMCV's warmup with its own: planned as one piece.
            let main = yoloxSchedule(spec, warmup: warmup, byEpoch: byEpoch)
            plan.add(main.nodes, role: .main, placement: main.placement)
            plan.record(main.id, main.kind, id, main.message, deviation: main.deviation, at: arguments.location, role: .main)
            return
        }
        let main = try mainSchedule(parsed, byEpoch: byEpoch)
        plan.add(main.nodes, role: .main, placement: main.placement)
        var warmupOutcome: WarmupSchedule?
        if let warmup {
            warmupOutcome = warmupSchedule(warmup)
        }
        if var outcome = warmupOutcome {
            if !outcome.nodes.isEmpty, !main.nodes.isEmpty {
                combine(&outcome, main: main, byEpoch: byEpoch)
            }
            plan.add(outcome.nodes, role: .warmup, placement: .warmup)
            plan.record(main.id, main.kind, id, main.message, deviation: main.deviation, at: arguments.location, role: .main)
            plan.record(outcome.id, outcome.kind, arguments.path("warmup"), outcome.message, deviation: outcome.deviation, at: arguments.location("warmup"), role: .warmup)
        } else {
            plan.record(main.id, main.kind, id, main.message, deviation: main.deviation, at: arguments.location, role: .main)
        }
    }

    // MARK: Main schedulers

    /// The main scheduler(s) of a policy, with its record (schedules.md C.1–C.4).
    func mainSchedule(_ policy: LegacyLrPolicy, byEpoch: Bool) throws -> MainSchedule {
        let at = arguments.location
        let unit = unitWord(byEpoch)
        let horizon = span.horizon(byEpoch: byEpoch)
        let by = "by \(unit)"
        switch policy {
        case .fixed:
            return MainSchedule(id: Records.fixed.id, message: "policy '\(self.policy)' keeps every param group at its base lr: the lr stays constant, no main scheduler is needed")

        case .step(let steps, let gamma, let minLr):
            var main: MainSchedule
            switch steps {
            case .every(let every):
                let node = LrConfigRule.scheduler("StepLR", ["step_size": LrConfigRule.int(every, at: arguments.location("step")), "gamma": LrConfigRule.float(gamma, at: arguments.location("gamma"))], byEpoch: byEpoch, at: at)
                main = MainSchedule(id: Records.stepEvery.id, nodes: [node], message: "policy '\(self.policy)' with step=\(every) \(by) becomes \(LrConfigRule.describe(node)) (gamma written explicitly; the step stays in \(unit)s)")
            case .milestones(let list):
                if list.isEmpty {
                    main = MainSchedule(id: Records.stepNeverDecays.id, message: "policy '\(self.policy)' with step=[] never decays: the lr stays constant, no main scheduler is needed")
                } else {
                    let maxima = LrConfigRule.runningMaxima(list)
                    let node = LrConfigRule.scheduler("MultiStepLR", ["milestones": LrConfigRule.ints(maxima, at: arguments.location("step")), "gamma": LrConfigRule.float(gamma, at: arguments.location("gamma"))], byEpoch: byEpoch, at: at)
                    var message = "policy '\(self.policy)' with step=\(list) \(by) becomes \(LrConfigRule.describe(node))"
                    if maxima != list {
                        message += "; the unsorted list is written as its running maxima \(maxima): MMCV decays at the first milestone greater than the progress, so \(list) decays at \(maxima), not at the sorted milestones"
                    }
                    main = MainSchedule(id: Records.stepMilestones.id, nodes: [node], message: message + " (gamma written explicitly; milestones stay in \(unit)s)")
                }
            }
            if let minLr {
                applyFloor(&main, steps: steps, gamma: gamma, floor: minLr, horizon: horizon, byEpoch: byEpoch)
            }
            return main

        case .exp(let gamma):
            let node = LrConfigRule.scheduler("ExponentialLR", ["gamma": LrConfigRule.float(gamma, at: arguments.location("gamma"))], byEpoch: byEpoch, at: at)
            return MainSchedule(id: Records.exp.id, nodes: [node], message: "policy '\(self.policy)' \(by) becomes \(LrConfigRule.describe(node)) (gamma per \(unit), unchanged)")

        case .poly(let power, let minLr):
            let arguments: KeyValuePairs<String, ConfigNode> = ["eta_min": LrConfigRule.float(minLr, at: self.arguments.location("min_lr")), "power": LrConfigRule.float(power, at: self.arguments.location("power"))]
            let floorText = "power=\(LrConfigRule.show(power)), min_lr=\(LrConfigRule.show(minLr))"
            var main = annealing("PolyLR", arguments, legacy: floorText, byEpoch: byEpoch,
                                 lastStepShortDeviation: "the lr reaches min_lr at iteration N−1 instead of never: the relative error grows toward the end of the run, up to 1.0 on the last iteration with min_lr=0 (7.3e-1 for power 0.9, min_lr 1e-4: deviations.md grid, row poly by iteration, migration guide's column)")
            main.affine = minLr != 0
            main.overlapDeviation = overlapDeviation("1.7e-4…5.3e-3 (power 0.9)", share: share(.absolute(minLr)), realScale: "1.2e-3 for poly 0.9, min_lr 1e-4 with a 1500-iteration warmup (deviations.md N1)")
            return main

        case .inv(let gamma, let power):
            guard byEpoch else {
                return MainSchedule(id: Records.invByIteration.id, kind: .manualStep, message: "policy 'inv' by iteration has no MMEngine counterpart (there is no InvLR, and an exact chain needs one scheduler per iteration): write a custom scheduler or choose another schedule; no main scheduler was emitted")
            }
            guard let epochs = horizon else {
                return MainSchedule(id: Records.invNeedsEpochs.id, kind: .manualStep, message: "policy 'inv' by epoch needs the number of epochs for its per-epoch chain, but \(span.missingHorizon(byEpoch: true)); no main scheduler was emitted")
            }
            guard epochs <= 1000 else {
                return MainSchedule(id: Records.invTooLong.id, kind: .manualStep, message: "policy 'inv' has no MMEngine counterpart; the exact per-epoch chain would need \(epochs - 1) MultiStepLR schedulers (more than 1000): write a custom scheduler; no main scheduler was emitted")
            }
            var nodes: [ConfigNode] = []
            for epoch in 1..<max(epochs, 1) {
                let previous = 1 + gamma * Double(epoch - 1)
                let current = 1 + gamma * Double(epoch)
                guard previous > 0, current > 0 else {
                    throw ConfigError(.rejected, "at run time: policy 'inv' computes (1 + gamma·epoch)**(-power) with 1 + \(LrConfigRule.show(gamma))·\(epoch) ≤ 0 inside the run (a complex or infinite lr in Python)", at: arguments.location("gamma"))
                }
                nodes.append(LrConfigRule.scheduler("MultiStepLR", ["milestones": LrConfigRule.ints([epoch]), "gamma": LrConfigRule.float(LrConfigRule.tidy(pow(previous / current, power)))], byEpoch: true, at: at))
            }
            if nodes.isEmpty {
                return MainSchedule(id: Records.invSingleEpoch.id, message: "policy 'inv' over a single epoch keeps the base lr (progress 0): no main scheduler is needed")
            }
            return MainSchedule(id: Records.invChain.id, nodes: nodes, message: "policy 'inv' (gamma=\(LrConfigRule.show(gamma)), power=\(LrConfigRule.show(power))) by epoch has no MMEngine scheduler; it becomes the exact per-epoch chain of \(nodes.count) MultiStepLR(milestones=[e], gamma=((1+γ(e−1))/(1+γe))**power, by_epoch=True), e = 1…\(epochs - 1), whose product is (1+γe)**(−power) (deviations.md F2, measured 3e-16)")

        case .cosineAnnealing(let floor):
            var main = cosineAnnealing(floor, byEpoch: byEpoch)
            guard !main.nodes.isEmpty else { return main }
            main.affine = !floor.isZero
            main.firstChange = byEpoch ? .epoch(1) : .iteration(1)
            main.overlapDeviation = overlapDeviation("9e-6…1.5e-3", share: share(floor), realScale: "4.2e-7…1.1e-4 for real mmcls configs (deviations.md N1)")
            return main

        case .flatCosineAnnealing(let startPercent, let floor):
            guard let horizon else {
                return MainSchedule(id: Records.flatCosineNeedsRunLength.id, kind: .manualStep, message: "policy '\(self.policy)' needs the run length to place the start of its cosine (S = round(H × start_percent)), but \(span.missingHorizon(byEpoch: byEpoch)); no main scheduler was emitted")
            }
            let start = LrConfigRule.pythonRound(Double(horizon) * startPercent)
            let rounding = "S = round(\(horizon) × \(LrConfigRule.show(startPercent))) = \(start), Python rounding half to even"
            if start >= horizon {
                return MainSchedule(id: Records.flatCosineStaysFlat.id, message: "policy '\(self.policy)' with start_percent=\(LrConfigRule.show(startPercent)) stays flat for the whole run (\(rounding) = H): the lr stays constant, no main scheduler is needed")
            }
            let (name, value) = floor.argument(at: floorLocation(floor))
            let node = LrConfigRule.scheduler("CosineAnnealingLR", ["T_max": LrConfigRule.int(horizon - start), name: value], begin: start, end: horizon, byEpoch: byEpoch, at: at)
            var main = MainSchedule(id: Records.flatCosine.id, nodes: [node], message: "policy '\(self.policy)' with start_percent=\(LrConfigRule.show(startPercent)), \(floor.legacyText("lr")) \(by) becomes \(LrConfigRule.describe(node)) (\(rounding); before begin nothing is written, so the lr stays flat)\(exactGivenL(byEpoch))")
            main.affine = !floor.isZero
            main.firstChange = byEpoch ? .epoch(start + 1) : .iteration(start + 1)
            main.overlapDeviation = overlapDeviation("9e-6…1.5e-3 (cosine)", share: share(floor), realScale: "4.2e-7…1.1e-4 for real mmcls configs (deviations.md N1)")
            return main

        case .cosineRestart(let periods, let weights, let floor):
            let whole = periods.compactMap { Int(exactly: $0) }
            guard whole.count == periods.count else {
                return MainSchedule(id: Records.cosineRestartFractionalPeriods.id, kind: .manualStep, message: "policy 'CosineRestart' with periods=\(LrConfigRule.show(periods)) that are not whole numbers of \(unit)s has no CosineRestartLR form (its periods are counts of steps): write the schedule by hand; no main scheduler was emitted")
            }
            return try cosineRestart(periods: whole, weights: weights, floor: floor, byEpoch: byEpoch)

        case .cyclic(let cyclic):
            guard cyclic.anneal == .cos else {
                return MainSchedule(id: Records.cyclicLinear.id, kind: .manualStep, message: "policy 'cyclic' with anneal_strategy='linear' has no MMEngine counterpart (there is no CyclicLR, LinearLR factors cannot exceed 1 and nothing restarts a cycle): write a custom scheduler; no main scheduler was emitted")
            }
            guard cyclic.wholeCyclicTimes != nil || cyclic.cyclicTimes <= 0 else {
                return MainSchedule(id: Records.cyclicFractionalTimes.id, kind: .manualStep, message: "policy 'cyclic' with cyclic_times=\(LrConfigRule.show(cyclic.cyclicTimes)), not a whole number, has cycles of max_iters // \(LrConfigRule.show(cyclic.cyclicTimes)) iterations, which single-period segments cannot place: write a custom scheduler; no main scheduler was emitted")
            }
            guard let plan = try cyclic.plan(type: "CosineRestartLR", span: span, at: at) else {
                return MainSchedule(id: Records.cyclicNeedsIterations.id, kind: .manualStep, message: "policy 'cyclic' needs N (its cycles are max_iters // cyclic_times iterations long), but \(span.missingHorizon(byEpoch: false)); its phases do not all start at an epoch boundary for every L, so they cannot be written in epochs either; no main scheduler was emitted")
            }
            var main = MainSchedule(id: Records.cyclic.id, nodes: plan.nodes, placement: .beforeWarmup,
                                    message: "policy 'cyclic' (\(cyclic.argumentsText), gamma=\(LrConfigRule.show(cyclic.gamma))) has no MMEngine CyclicLR; \(plan.how); the first step of each segment sets its phase's start value (deviations.md F4)")
            main.noCounterpartWithWarmup = true
            return main

        case .oneCycle(let spec):
            return try oneCycle(spec)

        case .multiStage, .linear, .cosineAnnealingCooldown, .yolox, .siameseRPN, .reduce:
            return try downstreamSchedule(policy, byEpoch: byEpoch)

        case .linearAnnealing(let floor):
            switch floor {
            case .ratio(let ratio):
                return linearAnnealing(floor, byEpoch: byEpoch,
                                       lastStepShortDeviation: "the lr reaches min_lr_ratio × b at iteration N−1 instead of never: relative error (1−ρ)/(Nρ + 1−ρ) on the last iteration (ρ=\(LrConfigRule.show(ratio))), up to 1.0 when ρ=0, smaller earlier in the run")
            case .absolute(let value):
                var main = linearAnnealing(floor, byEpoch: byEpoch,
                                           lastStepShortDeviation: "the lr reaches min_lr at iteration N−1 instead of never: the relative error grows toward the end, up to 1.0 on the last iteration with min_lr=0")
                if !main.nodes.isEmpty { main.message += " (PolyLR with power 1 is the straight line to an absolute target, right for any number of param groups)" }
                main.affine = value != 0
                main.overlapDeviation = overlapDeviation("1.9e-4…5.9e-3", share: share(floor), realScale: nil)
                return main
            }
        }
    }

    /// The floor as a share of the base lr (ρ, or min_lr / optimizer.lr), when known.
    func share(_ floor: LegacyTarget) -> Double? {
        switch floor {
        case .ratio(let ratio): return ratio
        case .absolute(let value): return optimizer.baseLr.flatMap { $0 > 0 ? value / $0 : nil }
        }
    }

    /// The deviation of an affine main scheduler whose steps overlap the warmup: the C.9 measurement (a floor of
    /// 0.5% of the lr), scaled by this config's floor, which it grows in proportion to (checked for 0.5–20%).
    func overlapDeviation(_ measured: String, share: Double?, realScale: String?) -> String {
        var text = "max relative lr error \(measured) in the deviation grid of deviations.md (floor 0.5% of the lr, 5–20-iteration warmups, ratio 0.1); it grows in proportion to the floor"
        if let share, share > 0, share != 0.005 {
            text += ", here \(String(format: "%.3g", share * 100))% of the lr (about \(String(format: "%.2g", share / 0.005))× those values)"
        }
        if let realScale { text += "; \(realScale)" }
        return text
    }

    /// Step's `min_lr` floor: MMEngine has none. Exact iff it never binds (C.1).
    func applyFloor(_ main: inout MainSchedule, steps: LegacyStepRule, gamma: Double, floor: Double, horizon: Int?, byEpoch: Bool) {
        let measured = "deviations.md N2: 8e-5 absolute, 0.8 relative on the floored epochs (step=[4, 8, 11], min_lr=1e-4, lr 0.02)"
        switch StepFloor.verdict(steps, gamma: gamma, floor: floor, base: optimizer.baseLr, horizon: horizon) {
        case .unchecked:
            let why = optimizer.baseLr == nil ? "the base lr is unknown (no numeric optimizer.lr)" : span.missingHorizon(byEpoch: byEpoch)
            main.kind = .nonEquivalence
            main.message += "; min_lr=\(LrConfigRule.show(floor)) is dropped (MMEngine's step schedulers have no floor) and may bind: \(why), so whether b·gamma^n falls below it could not be checked"
            main.deviation = "on every \(unitWord(byEpoch)) where MMCV's floor binds, the lr is b·gamma^n instead of min_lr (\(measured))"
        case .binds(let base, let firstBinding, let lowest):
            main.kind = .nonEquivalence
            main.message += "; min_lr=\(LrConfigRule.show(floor)) is dropped (MMEngine's step schedulers have no floor) although it binds: with the base lr b=\(LrConfigRule.show(base)) (optimizer.lr), b·gamma^\(firstBinding) = \(LrConfigRule.brief(base * pow(gamma, Double(firstBinding)))) is below it. With a single base lr an exact form exists (one MultiStepLR per milestone with gamma_j = max(b·g^j, x)/max(b·g^(j−1), x), deviations.md F1)"
            main.deviation = "the floored \(unitWord(byEpoch))s get b·gamma^n instead of min_lr: up to \(LrConfigRule.brief(floor - lowest)) absolute, \(LrConfigRule.brief((floor - lowest) / floor)) relative (\(measured))"
        case .neverBinds(let base, let lowest) where optimizer.hasParamwise:
            main.kind = .nonEquivalence
            main.message += "; min_lr=\(LrConfigRule.show(floor)) is dropped (MMEngine's step schedulers have no floor): it never binds at the base lr b=\(LrConfigRule.show(base)) (lowest value \(LrConfigRule.brief(lowest))), but optimizer.paramwise_cfg may give param groups a smaller lr that reaches it"
            main.deviation = "none for groups at lr \(LrConfigRule.show(base)); on a group whose lr·gamma^n falls below min_lr, the floored \(unitWord(byEpoch))s deviate (\(measured))"
        case .neverBinds(let base, let lowest):
            main.message += "; min_lr=\(LrConfigRule.show(floor)) is dropped: it never binds (with the base lr b=\(LrConfigRule.show(base)) from optimizer.lr the lowest value reached is \(LrConfigRule.brief(lowest)))"
        }
    }

    /// CosineRestart → CosineRestartLR with adjusted restart weights, before any warmup (C.4).
    func cosineRestart(periods: [Int], weights: [Double], floor: LegacyTarget, byEpoch: Bool) throws -> MainSchedule {
        let at = arguments.location
        let unit = unitWord(byEpoch)
        let total = periods.reduce(0, +)
        let horizon = span.horizon(byEpoch: byEpoch)
        if let horizon, total < horizon {
            throw ConfigError(.rejected, "at run time: periods=\(periods) (sum \(total)) do not cover the run of \(horizon) \(unit)s: CosineRestart raises ValueError (\"Current iteration \(total) exceeds cumulative_periods\") when the run reaches \(unit) \(total)", at: arguments.location("periods"))
        }
        var adjusted = weights
        var kind = MigrationRecord.Kind.change
        var deviation: String?
        var note: String
        let allOne = weights.allSatisfy { $0 == 1 }
        if allOne || floor.isZero {
            note = allOne ? "every restart weight is 1, so no adjustment is needed" : "the floor is 0, so the weights need no adjustment"
        } else {
            switch floor {
            case .ratio(let ratio):
                adjusted = weights.map { LrConfigRule.tidy($0 + (1 - $0) * ratio) }
                note = "restart_weights adjusted to w + (1−w)·min_lr_ratio = \(LrConfigRule.show(adjusted)) because MMCV restarts at w·b + (1−w)·min_lr while CosineRestartLR restarts at w'·b (exact for every param group)"
            case .absolute(let value):
                if let base = optimizer.baseLr, base != 0 {
                    adjusted = weights.map { LrConfigRule.tidy($0 + (1 - $0) * value / base) }
                    kind = .nonEquivalence
                    note = "restart_weights adjusted to w + (1−w)·min_lr/b = \(LrConfigRule.show(adjusted)) with b=\(LrConfigRule.show(base)) from optimizer.lr, because MMCV restarts at w·b + (1−w)·min_lr while CosineRestartLR restarts at w'·b; with an absolute min_lr this is exact only for a single base lr"
                    deviation = "none while every param group starts from lr \(LrConfigRule.show(base)); a group with another lr (e.g. through paramwise_cfg lr_mult) restarts off by (1−w)·min_lr·|1 − b_g/b|/restart value: 9.4% relative measured for lrs 0.02 and 0.002 (deviations.md N5)"
                } else {
                    kind = .nonEquivalence
                    note = "restart_weights kept as written although MMCV restarts at w·b + (1−w)·min_lr while CosineRestartLR restarts at w·b: the adjustment w + (1−w)·min_lr/b needs the base lr b, and optimizer.lr is not a number here"
                    deviation = "each restart with w ≠ 1 starts (1−w)·min_lr lower, relative error (1−w)·min_lr/(w·b + (1−w)·min_lr); 1.2e-2 relative in the deviation grid of deviations.md (weights [1, 0.7, 0.3], min_lr 1e-4, lr 0.02), 10% with min_lr_ratio 0.05 (F7)"
                }
            }
        }
        let (name, value) = floor.argument(at: floorLocation(floor))
        let node = LrConfigRule.scheduler("CosineRestartLR", ["periods": LrConfigRule.ints(periods, at: arguments.location("periods")),
                                                              "restart_weights": LrConfigRule.floats(adjusted, at: arguments.location("restart_weights")), name: value],
                                          byEpoch: byEpoch, at: at)
        var coverage = ""
        if horizon == nil {
            coverage = "; MMCV raised ValueError once the run passed sum(periods)=\(total) \(unit)s, which could not be checked here (\(span.missingHorizon(byEpoch: byEpoch)))"
        }
        var main = MainSchedule(id: Records.cosineRestart.id, nodes: [node], placement: .beforeWarmup, kind: kind,
                                message: "policy 'CosineRestart' with periods=\(periods), restart_weights=\(LrConfigRule.show(weights)), \(floor.legacyText("lr")) \("by \(unit)") becomes \(LrConfigRule.describe(node)), placed before any warmup because it sets absolute values at each restart; \(note)\(coverage)",
                                deviation: deviation)
        main.affine = !floor.isZero
        main.firstChange = byEpoch ? .epoch(1) : .iteration(1)
        var cumulative = 0
        for period in periods.dropLast() {
            cumulative += period
            main.restarts.append(byEpoch ? .epoch(cumulative) : .iteration(cumulative))
        }
        main.overlapDeviation = overlapDeviation("2.2e-4…2.0e-2 (periods [4, 4, 4])", share: share(floor), realScale: nil)
        return main
    }

    /// OneCycle → OneCycleLR by iteration, before any warmup (C.4). The arguments written are those the config
    /// wrote, with the values the parser read.
    func oneCycle(_ spec: LegacyOneCycle) throws -> MainSchedule {
        let at = arguments.location
        let maxLrLocation = arguments.location("max_lr")
        let maxLr: ConfigNode
        switch spec.maxLr {
        case .scalar(let value): maxLr = LrConfigRule.float(value, at: maxLrLocation)
        case .list(let values): maxLr = LrConfigRule.floats(values, at: maxLrLocation)
        case .byOptimizer:
            return MainSchedule(id: Records.oneCyclePerOptimizer.id, kind: .manualStep, message: "policy 'OneCycle' with max_lr given per optimizer (\(arguments.node("max_lr")?.description ?? "")) needs one scheduler list per optimizer name (param_scheduler as a dict keyed by optimizer, each with its own OneCycleLR(eta_max=…)): write it by hand; no main scheduler was emitted")
        }
        var pairs: [(String, ConfigNode)] = [("eta_max", maxLr)]
        if let steps = spec.totalSteps {
            if let iterations = span.iterations, steps < iterations {
                throw ConfigError(.rejected, "at run time: total_steps=\(steps) is less than the run's \(iterations) iterations (MMCV raises ValueError in before_run)", at: arguments.location("total_steps"))
            }
            pairs.append(("total_steps", LrConfigRule.int(steps, at: arguments.location("total_steps"))))
        }
        if arguments.node("pct_start") != nil {
            pairs.append(("pct_start", LrConfigRule.float(spec.pctStart, at: arguments.location("pct_start"))))
        }
        if arguments.node("anneal_strategy") != nil {
            pairs.append(("anneal_strategy", ConfigNode(.string(spec.anneal.rawValue), at: arguments.location("anneal_strategy"))))
        }
        for (key, value) in [("div_factor", spec.divFactor), ("final_div_factor", spec.finalDivFactor)] where arguments.node(key) != nil {
            pairs.append((key, LrConfigRule.float(value, at: arguments.location(key))))
        }
        if arguments.node("three_phase") != nil {
            pairs.append(("three_phase", ConfigNode(.bool(spec.threePhase), at: arguments.location("three_phase"))))
        }
        var mapping = ConfigMapping()
        mapping["type"] = ConfigNode(.string("OneCycleLR"))
        for (key, value) in pairs { mapping[key] = value }
        mapping["by_epoch"] = ConfigNode(.bool(false))
        let node = ConfigNode(mapping, at: at)
        var main = MainSchedule(id: Records.oneCycle.id, nodes: [node], placement: .beforeWarmup,
                                message: "policy 'OneCycle' becomes \(LrConfigRule.describe(node)), by iteration, placed before any warmup because it sets absolute values every step; its default end is the loop's max_iters, which gives MMCV's default total_steps. Both ignore the optimizer's lr and start at max_lr/div_factor (deviations.md F5)")
        main.noCounterpartWithWarmup = true
        return main
    }
}
