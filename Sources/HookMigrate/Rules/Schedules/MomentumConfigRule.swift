import Foundation
import HookMigrateCore
import HookMigrateRuntime

/// `momentum_config` → momentum schedulers appended to `param_scheduler` after the lr schedulers
/// (schedules.md A.4, C.4 momentum table).
///
/// Differences from the lr rule that the official guide misses (C.8.9): MMCV's Step momentum decays by 0.5 by
/// default (MMEngine's default is 0.1, so gamma is always written); LinearAnnealing needs `end = H + 1`; there
/// is no Cyclic or OneCycle momentum scheduler (both become CosineRestartMomentum segments); `by_epoch`
/// defaults to True even under IterBasedRunner, where such a momentum hook never runs (nothing is emitted);
/// and a momentum warmup divides by its factor, which no MMEngine scheduler can do.
///
/// ## Before
/// ```yaml
/// runner: {type: EpochBasedRunner, max_epochs: 12}
/// momentum_config: {policy: step, step: [8, 11]}
/// ```
/// ## After
/// ```yaml
/// param_scheduler:
/// - {type: MultiStepMomentum, milestones: [8, 11], gamma: 0.5, by_epoch: true}
/// ```
public enum MomentumConfigRule: MigrationRule {
    public static let id = "momentum_config"
    public static let legacyKeys = ["momentum_config"]
    public static let newKeys = ["param_scheduler"]
    /// Reads the runner's length, and the lr schedulers (it appends after them).
    public static let reads: [RuleInput] = [.loopFacts, .output("param_scheduler")]
    public static let summary = "The momentum updater hook becomes MMEngine momentum schedulers, appended after the lr schedulers."
    public static let mappingRows = [
        MappingRow("momentum_config: None", "no momentum scheduler", "exact"),
        MappingRow("policy: step, step: s | [m1, …], gamma: g (default 0.5)", "StepMomentum(step_size=s, gamma=g, by_epoch=U) | MultiStepMomentum(milestones=running maxima, gamma=g, by_epoch=U); gamma always written (MMEngine's default is 0.1)", "exact"),
        MappingRow("policy: step, min_momentum: x", "the same, floor dropped", "exact if it never binds (checked with the optimizer's momentum); otherwise approximate"),
        MappingRow("policy: CosineAnnealing, min_momentum: x | min_momentum_ratio: ρ", "CosineAnnealingMomentum(T_max=H, eta_min=x | eta_min_ratio=ρ, begin=0, end=H, by_epoch=U)", "exact"),
        MappingRow("policy: LinearAnnealing, min_momentum_ratio: ρ", "LinearMomentum(start_factor=1.0, end_factor=ρ, begin=0, end=H+1, by_epoch=U)", "exact"),
        MappingRow("policy: LinearAnnealing, min_momentum: x", "PolyMomentum(eta_min=x, power=1.0, begin=0, end=H+1, by_epoch=U)", "exact"),
        MappingRow("policy: cyclic, target_ratio (default (0.85/0.95, 1)), anneal_strategy: cos", "CosineRestartMomentum segments (2 per cycle) with eta_min_ratio relative to the base momentum, by_epoch=False; in epochs with convert_to_iter_based=True when the phases start at epoch boundaries (as for lr)", "exact given N; exact for every L in epochs"),
        MappingRow("policy: cyclic, anneal_strategy: linear", "nothing", "manual step: no counterpart"),
        MappingRow("policy: OneCycle, base_momentum: m0, max_momentum: m1 (floats), pct_start·N integral", "3 CosineRestartMomentum segments, by_epoch=False; the optimizer's momentum (or betas[0]) must be set to m1 by hand", "exact given N, once the optimizer's momentum is m1 (manual step)"),
        MappingRow("policy: OneCycle otherwise (per-group momenta, linear annealing, pct_start·N not an integer)", "nothing", "manual step"),
        MappingRow("warmup (any type)", "dropped", "no counterpart: MMCV divides by the factor (momentum up to 1/r − 1 above its regular value during W iterations); reported as a non-equivalence"),
        MappingRow("IterBasedRunner, step/CosineAnnealing/LinearAnnealing without by_epoch: false", "no momentum scheduler", "exact: MMCV never runs it (by_epoch defaults to True here); reported as a warning"),
        MappingRow("optimizer momentum 0 (SGD default) with a multiplicative policy", "no momentum scheduler", "exact: the momentum stays 0; reported as a warning"),
        MappingRow("policy: fixed, poly, exp, … (no MMCV momentum policy)", "nothing", "manual step: MMCV itself rejects the name"),
    ]

    /// The momentum policies MMCV 1.7.2 registers (`<Policy>MomentumUpdaterHook`).
    static let mmcvPolicies = LegacyPolicyName.Family.momentum.registeredStems

    public static func apply(to context: inout MigrationContext) throws {
        try MomentumSchedulePlanner.convert(&context,
                                            whenNone: "None: MMCV registers no momentum hook, so the optimizer's momentum stays as configured; no momentum scheduler is emitted",
                                            instead: "write the momentum schedulers by hand")
    }
}

/// Turns one momentum_config into schedulers and records.
struct MomentumSchedulePlanner: UpdaterSchedulePlanner {
    static let kind = UpdaterHookKind.momentum
    typealias Records = MomentumConfigRule.Records

    let arguments: LegacyHookArguments
    let policy: String
    let policyLocation: SourceLocation?
    let span: ScheduleSpan
    let optimizer: LegacyOptimizerFacts
    var plan = SchedulePlan()

    func read() throws -> LegacyUpdaterConfig<LegacyMomentumPolicy> {
        try LegacyUpdaterConfig<LegacyMomentumPolicy>.parse(config: arguments.mapping, location: arguments.location, path: arguments.path)
    }

    mutating func planSchedulers(_ config: LegacyUpdaterConfig<LegacyMomentumPolicy>) throws {
        let parsed = config.policy
        let stem = config.stem
        let byEpoch = config.byEpoch
        let warmup = config.warmup
        if let type = optimizer.type, TorchOptimizerConfig.withoutMomentum.contains(type) {
            let failure = stem == "OneCycle" ? "ValueError: optimizer must support momentum" : "KeyError: 'betas'"
            plan.record(Records.optimizerWithoutMomentum, .manualStep, id, "optimizer \(type) has neither momentum nor betas: MMCV's momentum hook fails in before_run (\(failure)) and MMEngine's momentum schedulers raise ValueError. Remove momentum_config or change the optimizer; nothing was emitted",
                        at: arguments.location, role: nil)
            return
        }
        if span.kind == .iteration, byEpoch {
            plan.record(Records.byEpochInertUnderIterRunner, .warning, id, "this momentum_config is inert under IterBasedRunner: its by_epoch is True (\(arguments.contains("by_epoch") ? "as written" : "MomentumUpdaterHook's default, which IterBasedRunner does not change, unlike lr_config's")) and MMCV updates it only in before_train_epoch, which that runner never calls, so the momentum stayed as configured for the whole run\(warmup == nil ? "" : ", warmup included"). No momentum scheduler is emitted, which keeps that behaviour",
                        at: arguments.location("by_epoch"), role: nil)
            return
        }
        if optimizer.baseMomentum == 0, isMultiplicative(parsed) {
            plan.record(Records.zeroMomentumInert, .warning, id, "this momentum_config is inert: the optimizer's \(optimizer.momentumKey) is 0\(optimizer.momentumIsDefault ? " (the default of \(optimizer.type ?? "its type"))" : ""), and a multiplicative schedule of 0 stays 0, so MMCV never changed it. No momentum scheduler is emitted",
                        at: arguments.location, role: nil)
            return
        }
        let main = try mainSchedule(parsed, byEpoch: byEpoch)
        plan.add(main.nodes, role: .main, placement: .afterWarmup)
        plan.record(main.id, main.kind, id, main.message, deviation: main.deviation, at: arguments.location, role: .main)
        if let followUp = main.followUp {
            plan.records.append(followUp)
        }
        if let warmup {
            let dropped = 1 - warmup.ratio
            let length = config.warmupLength.map { $0.isInt ? String(Int($0.value)) : LrConfigRule.show($0.value) } ?? "None"
            plan.record(Records.warmupDropped, .nonEquivalence, arguments.path("warmup"),
                        "the \(warmup.kind.rawValue) momentum warmup (\(length) iterations, ratio \(LrConfigRule.show(warmup.ratio))) has no MMEngine counterpart: MMCV divides the momentum by the warmup factor, so it starts at momentum/\(LrConfigRule.show(warmup.ratio)), above its regular value, and ConstantMomentum/LinearMomentum reject factors above 1 (deviations.md N9). Dropped: the warmup iterations get the regular momentum",
                        deviation: "during the first \(length) iterations the momentum is up to 1 − r = \(LrConfigRule.brief(dropped)) relative below MMCV's (\(warmup.kind == .constant ? "on every warmup iteration" : "at iteration 0, shrinking to 0 at the end of the warmup"))",
                        at: arguments.location("warmup"), role: nil)
        }
    }

    /// Whether the policy only multiplies the base momentum (so a momentum of 0 stays 0, A.4).
    func isMultiplicative(_ policy: LegacyMomentumPolicy) -> Bool {
        switch policy {
        case .step(_, _, let floor): return floor.map { $0 <= 0 } ?? true
        case .cosineAnnealing(let floor), .linearAnnealing(let floor):
            if case .absolute(let value) = floor { return value == 0 }
            return true
        case .cyclic: return true
        case .oneCycle: return false
        }
    }

    /// The momentum scheduler(s) of a policy (schedules.md C.4 momentum table).
    func mainSchedule(_ policy: LegacyMomentumPolicy, byEpoch: Bool) throws -> MainSchedule {
        let at = arguments.location
        let unit = unitWord(byEpoch)
        let horizon = span.horizon(byEpoch: byEpoch)
        switch policy {
        case .step(let steps, let gamma, let floor):
            let gammaNode = LrConfigRule.float(gamma, at: arguments.location("gamma"))
            let gammaNote = arguments.node("gamma") == nil ? "gamma=0.5 is MMCV's Step momentum default, written explicitly because MMEngine's default is 0.1" : "gamma written explicitly"
            var main: MainSchedule
            switch steps {
            case .every(let every):
                let node = LrConfigRule.scheduler("StepMomentum", ["step_size": LrConfigRule.int(every, at: arguments.location("step")), "gamma": gammaNode], byEpoch: byEpoch, at: at)
                main = MainSchedule(id: Records.stepEvery.id, nodes: [node], message: "policy '\(self.policy)' with step=\(every) by \(unit) becomes \(LrConfigRule.describe(node)) (\(gammaNote))")
            case .milestones(let list):
                if list.isEmpty {
                    main = MainSchedule(id: Records.stepNeverDecays.id, message: "policy '\(self.policy)' with step=[] never decays: the momentum stays constant, no momentum scheduler is needed")
                } else {
                    let maxima = LrConfigRule.runningMaxima(list)
                    let node = LrConfigRule.scheduler("MultiStepMomentum", ["milestones": LrConfigRule.ints(maxima, at: arguments.location("step")), "gamma": gammaNode], byEpoch: byEpoch, at: at)
                    var message = "policy '\(self.policy)' with step=\(list) by \(unit) becomes \(LrConfigRule.describe(node)) (\(gammaNote))"
                    if maxima != list {
                        message += "; the unsorted list is written as its running maxima \(maxima), which is when MMCV decays"
                    }
                    main = MainSchedule(id: Records.stepMilestones.id, nodes: [node], message: message)
                }
            }
            if let floor, !main.nodes.isEmpty {
                applyFloor(&main, steps: steps, gamma: gamma, floor: floor, horizon: horizon, byEpoch: byEpoch)
            }
            return main

        case .cosineAnnealing(let floor):
            return cosineAnnealing(floor, byEpoch: byEpoch)

        case .linearAnnealing(let floor):
            let shortDeviation: String
            switch floor {
            case .ratio(let ratio):
                shortDeviation = "the momentum reaches its target at iteration N−1 instead of never: relative error (1−ρ)/(Nρ + 1−ρ) on the last iteration (ρ=\(LrConfigRule.show(ratio)); 8.3e-3 for ρ=0.5, N=120), smaller before it"
            case .absolute:
                shortDeviation = "the momentum reaches min_momentum at iteration N−1 instead of never: relative error (b − x)/(N·x + b − x) on the last iteration for base momentum b and min_momentum x (6.6e-3 for b=0.9, x=0.5, N=120), smaller before it"
            }
            return linearAnnealing(floor, byEpoch: byEpoch, lastStepShortDeviation: shortDeviation)

        case .cyclic(let cyclic):
            guard cyclic.anneal == .cos else {
                return MainSchedule(id: Records.cyclicLinear.id, kind: .manualStep, message: "policy 'cyclic' with anneal_strategy='linear' has no MMEngine counterpart (no CyclicMomentum; LinearMomentum factors cannot exceed 1 and nothing restarts a cycle): write a custom scheduler; nothing was emitted")
            }
            guard cyclic.wholeCyclicTimes != nil || cyclic.cyclicTimes <= 0 else {
                return MainSchedule(id: Records.cyclicFractionalTimes.id, kind: .manualStep, message: "policy 'cyclic' with cyclic_times=\(LrConfigRule.show(cyclic.cyclicTimes)), not a whole number, has cycles of max_iters // \(LrConfigRule.show(cyclic.cyclicTimes)) iterations, which single-period segments cannot place: write a custom scheduler; nothing was emitted")
            }
            guard let plan = try cyclic.plan(type: "CosineRestartMomentum", span: span, at: at) else {
                return MainSchedule(id: Records.cyclicNeedsIterations.id, kind: .manualStep, message: "policy 'cyclic' needs N (its cycles are max_iters // cyclic_times iterations long), but \(span.missingHorizon(byEpoch: false)); its phases do not all start at an epoch boundary for every L, so they cannot be written in epochs either; nothing was emitted")
            }
            return MainSchedule(id: Records.cyclic.id, nodes: plan.nodes, message: "policy 'cyclic' (\(cyclic.argumentsText)) has no MMEngine CyclicMomentum; \(plan.how), with ratios relative to the base momentum (deviations.md F4, measured 1.1e-16; the mmdet3d 1.x hand migration with absolute eta_min ends at momentum 1.0 instead)")

        case .oneCycle(let spec):
            func perGroup(_ key: String) -> MainSchedule {
                MainSchedule(id: Records.oneCyclePerGroup.id, kind: .manualStep, message: "policy 'OneCycle' with `\(arguments.path(key))` = \(arguments.node(key)?.description ?? "") given per param group or per optimizer: the CosineRestartMomentum form needs one momentum for all groups. Write the momentum schedule by hand; nothing was emitted")
            }
            guard case .scalar(let base) = spec.baseMomentum else { return perGroup("base_momentum") }
            guard case .scalar(let maximum) = spec.maxMomentum else { return perGroup("max_momentum") }
            return oneCycle(base: base, maximum: maximum, pct: spec.pctStart, strategy: spec.anneal, threePhase: spec.threePhase)
        }
    }

    /// OneCycle momentum → three CosineRestartMomentum segments (C.4), plus the optimizer momentum to set by hand.
    func oneCycle(base: Double, maximum: Double, pct: Double, strategy: LegacyAnneal, threePhase: Bool) -> MainSchedule {
        let at = arguments.location
        guard strategy == .cos else {
            return MainSchedule(id: Records.oneCycleLinear.id, kind: .manualStep, message: "policy 'OneCycle' with anneal_strategy='linear' has no MMEngine counterpart (there is no OneCycleMomentum, and the linear phases cannot be built from the momentum schedulers): write it by hand; nothing was emitted")
        }
        guard let iterations = span.iterations else {
            return MainSchedule(id: Records.oneCycleNeedsIterations.id, kind: .manualStep, message: "policy 'OneCycle' needs N for its phase ends (pct_start × max_iters), but \(span.missingHorizon(byEpoch: false)); nothing was emitted")
        }
        let phaseEnd = pct * Double(iterations)
        let quarter = Int(exactly: phaseEnd.rounded()) ?? 0
        guard phaseEnd == phaseEnd.rounded(), quarter >= 2, threePhase || quarter <= iterations - 1 else {
            return MainSchedule(id: Records.oneCyclePhaseEnd.id, kind: .manualStep, message: "policy 'OneCycle' with pct_start=\(LrConfigRule.show(pct)) over N=\(iterations) iterations puts its phase end at pct_start·N − 1 = \(LrConfigRule.show(phaseEnd - 1)); the exact CosineRestartMomentum form needs pct_start·N to be an integer between 2 and N−1 (deviations.md N8), otherwise the cosine is shifted by a fraction of a step (not measured). Write the momentum schedule by hand; nothing was emitted")
        }
        let q = quarter
        let weight = LrConfigRule.tidy(base / maximum)
        // max → base, base → max, then one iteration at max.
        let upEnd = threePhase ? 2 * q - 2 : iterations - 1
        let nodes = [
            LrConfigRule.restartSegment("CosineRestartMomentum", begin: 0, end: q - 1, restartWeight: 1.0, target: ("eta_min", base), at: at),
            LrConfigRule.restartSegment("CosineRestartMomentum", begin: q - 1, end: upEnd, restartWeight: weight, target: ("eta_min", maximum), at: at),
            LrConfigRule.restartSegment("CosineRestartMomentum", begin: upEnd, end: upEnd + 1, restartWeight: 1.0, target: ("eta_min", maximum), at: at),
        ]
        let key = optimizer.momentumKey
        let target = key == "betas[0]" ? "optim_wrapper.optimizer.betas[0]" : "optim_wrapper.optimizer.momentum"
        let followUp: SchedulePlan.Record
        if optimizer.baseMomentum == maximum {
            followUp = SchedulePlan.Record(id: Records.oneCycleMaxMomentumSet.id, kind: .change, legacyPath: arguments.path("max_momentum"),
                                           message: "the optimizer's \(key) is already max_momentum=\(LrConfigRule.show(maximum)), which MMCV's OneCycle momentum hook would have set before training; keep it so in \(target)",
                                           location: arguments.location("max_momentum"))
        } else {
            let current = optimizer.baseMomentum.map { " (configured: \(LrConfigRule.show($0)))" } ?? ""
            followUp = SchedulePlan.Record(id: Records.oneCycleSetMaxMomentum.id, kind: .manualStep, legacyPath: arguments.path("max_momentum"),
                                           message: "set \(target) to max_momentum=\(LrConfigRule.show(maximum))\(key == "betas[0]" ? ", keeping betas[1]" : ""): MMCV's OneCycle momentum hook overwrote the optimizer's \(key)\(current) with max_momentum before training, and the CosineRestartMomentum segments start from the optimizer's value (the momentum_config rule does not edit optim_wrapper)",
                                           location: arguments.location("max_momentum"))
        }
        return MainSchedule(id: Records.oneCycle.id, nodes: nodes,
                            message: "policy 'OneCycle' (base_momentum=\(LrConfigRule.show(base)), max_momentum=\(LrConfigRule.show(maximum)), pct_start=\(LrConfigRule.show(pct))\(threePhase ? ", three_phase=True" : "")) has no MMEngine OneCycleMomentum; with pct_start·N = \(q) it becomes 3 CosineRestartMomentum segments by iteration: max→base until iteration \(q - 1), base→max \(threePhase ? "until iteration \(2 * q - 2), then max" : "until iteration \(iterations - 1), where the last segment sets max exactly") (deviations.md F6, measured \(threePhase ? "1.3e-16" : "5.6e-16")). Exact once the optimizer's \(key) is max_momentum (see the next record)\(span.kind == .epoch ? "; exact given L=\(span.itersPerEpoch ?? 0) iterations per epoch" : "")",
                            followUp: followUp)
    }

    /// Step momentum's `min_momentum` floor: MMEngine has none. Exact iff it never binds.
    func applyFloor(_ main: inout MainSchedule, steps: LegacyStepRule, gamma: Double, floor: Double, horizon: Int?, byEpoch: Bool) {
        let unit = unitWord(byEpoch)
        switch StepFloor.verdict(steps, gamma: gamma, floor: floor, base: optimizer.baseMomentum, horizon: horizon) {
        case .unchecked:
            let why = optimizer.baseMomentum == nil ? "the optimizer's momentum is unknown" : span.missingHorizon(byEpoch: byEpoch)
            main.kind = .nonEquivalence
            main.message += "; min_momentum=\(LrConfigRule.show(floor)) is dropped (MMEngine's step schedulers have no floor) and may bind: \(why)"
            main.deviation = "on every \(unit) where MMCV's floor binds, the momentum is b·gamma^n instead of min_momentum"
        case .binds(let base, let firstBinding, let lowest):
            main.kind = .nonEquivalence
            main.message += "; min_momentum=\(LrConfigRule.show(floor)) is dropped (MMEngine's step schedulers have no floor) although it binds: with the base momentum \(LrConfigRule.show(base)), b·gamma^\(firstBinding) is below it"
            main.deviation = "the floored \(unit)s get b·gamma^n instead of min_momentum: up to \(LrConfigRule.brief(floor - lowest)) absolute, \(LrConfigRule.brief((floor - lowest) / floor)) relative"
        case .neverBinds(let base, let lowest):
            main.message += "; min_momentum=\(LrConfigRule.show(floor)) is dropped: it never binds (with the base momentum \(LrConfigRule.show(base)) the lowest value reached is \(LrConfigRule.brief(lowest)))"
        }
    }
}
