import Foundation
import HookMigrateCore
import HookMigrateRuntime

/// The lr policies downstream packages register that the legacy simulator models (mmflow `MultiStage`,
/// mmedit/mmgen `Linear`, mmcls `CosineAnnealingCooldown`, mmdet `YOLOX`, mmtrack `SiameseRPN`;
/// docs/downstream-lr-policies.md). Their values are read from the
/// runtime's own `get_lr` (`HookMigrateRuntime.LegacyLrPolicy`), so the chain written here is built from the
/// same numbers the proof compares against.
extension LrSchedulePlanner {
    /// The downstream stems this planner translates (the simulated ones).
    static var simulatedDownstreamStems: [String] { LegacyPolicyName.Family.lr.downstreamStems.map(\.stem) }

    /// The main scheduler(s) of a downstream policy (YOLOX is planned with its own warmup, `yoloxSchedule`).
    func downstreamSchedule(_ policy: HookMigrateRuntime.LegacyLrPolicy, byEpoch: Bool) throws -> MainSchedule {
        switch policy {
        case .multiStage(let spec):
            return try multiStage(spec, byEpoch: byEpoch)
        case .linear(let spec):
            return try linearInterval(spec, byEpoch: byEpoch)
        case .cosineAnnealingCooldown(let spec):
            return cosineCooldown(spec, byEpoch: byEpoch)
        case .siameseRPN(let spec):
            return try siameseRPN(spec)
        case .reduce(let spec):
            return reduceOnPlateau(spec, byEpoch: byEpoch)
        default:
            return MainSchedule(id: Records.noTranslation.id, kind: .manualStep, message: "policy '\(self.policy)' has no translation; no main scheduler was emitted")
        }
    }

    /// A piecewise-constant legacy lr as MultiStepLR schedulers: one per distinct ratio between consecutive
    /// values, its milestones the points where that ratio applies. `value(p)` is the runtime's `get_lr`.
    func ratioChain(points: [Int], byEpoch: Bool, value: (Int) throws -> Double) throws -> (nodes: [ConfigNode], steps: Int)? {
        var previous = try value(0)
        var groups: [(gamma: Double, milestones: [Int])] = []
        var steps = 0
        for point in points where point > 0 {
            let current = try value(point)
            guard current != previous else { continue }
            guard previous != 0 else { return nil }
            let gamma = current / previous
            if let index = groups.firstIndex(where: { $0.gamma == gamma }) {
                groups[index].milestones.append(point)
            } else {
                groups.append((gamma, [point]))
            }
            steps += 1
            previous = current
        }
        let nodes = groups.map { group in
            LrConfigRule.scheduler("MultiStepLR", ["milestones": LrConfigRule.ints(group.milestones), "gamma": LrConfigRule.float(group.gamma)],
                                   byEpoch: byEpoch, at: arguments.location)
        }
        return (nodes, steps)
    }

    /// mmflow MultiStage: the absolute stage values as ratio milestones from the optimizer's lr.
    func multiStage(_ spec: LegacyMultiStage, byEpoch: Bool) throws -> MainSchedule {
        let unit = unitWord(byEpoch)
        guard let base = optimizer.baseLr else {
            return MainSchedule(id: Records.multiStageOptimizerLrUnknown.id, kind: .manualStep, message: "policy 'MultiStage' (mmflow) sets absolute lrs (milestone_lrs), which MMEngine's schedulers can only reach as ratios of the optimizer's lr, and optimizer.lr is not a number here: write the chain by hand; no main scheduler was emitted")
        }
        let first = try spec.value(base: base, progress: 0)
        guard first == base else {
            return MainSchedule(id: Records.multiStageStartsElsewhere.id, kind: .manualStep, message: "policy 'MultiStage' (mmflow) starts at lr \(LrConfigRule.show(first)) while optimizer.lr is \(LrConfigRule.show(base)): MMEngine's schedulers start from the optimizer's lr, so set optimizer.lr to \(LrConfigRule.show(first)) and convert again; no main scheduler was emitted")
        }
        let horizon = span.horizon(byEpoch: byEpoch)
        let points = spec.changePoints.compactMap { point -> Int? in
            guard point.rounded(.up) <= Double(Int.max / 2) else { return nil }
            let integral = Int(point.rounded(.up))
            if let horizon, integral >= horizon { return nil }
            return integral
        }
        guard let chain = try ratioChain(points: points, byEpoch: byEpoch, value: { try spec.value(base: base, progress: Double($0)) }) else {
            return MainSchedule(id: Records.multiStageFromZero.id, kind: .manualStep, message: "policy 'MultiStage' (mmflow) returns from lr 0 to a positive lr, which no ratio of MMEngine's schedulers can do: write the chain by hand; no main scheduler was emitted")
        }
        let described = chain.nodes.map(LrConfigRule.describe).joined(separator: " + ")
        var main = MainSchedule(id: Records.multiStage.id, nodes: chain.nodes,
                                message: chain.nodes.isEmpty
                                    ? "policy 'MultiStage' (mmflow) keeps lr \(LrConfigRule.show(base)) over the run: no main scheduler is needed"
                                    : "policy 'MultiStage' (mmflow MultiStageLrUpdaterHook: absolute stage lrs milestone_lrs=\(LrConfigRule.show(spec.milestoneLrs)), each decayed by its gamma at its steps) \(byEpoch ? "by epoch" : "by iteration") becomes \(described): the \(chain.steps) changes of MMCV's lr as ratios of consecutive values, starting from optimizer.lr=\(LrConfigRule.show(base)) = milestone_lrs[0]; milestones stay in \(unit)s")
        if optimizer.hasParamwise, !chain.nodes.isEmpty {
            main.kind = .nonEquivalence
            main.message += ". MultiStage gives every param group the same absolute lr, while the ratios keep each group's own lr"
            main.deviation = "none for groups at lr \(LrConfigRule.show(base)); a group that paramwise_cfg gives another lr keeps that lr's ratio to \(LrConfigRule.show(base)) instead of MMCV's common absolute value"
        }
        main.firstChange = chain.nodes.isEmpty ? nil : (byEpoch ? .epoch(points.first(where: { $0 > 0 }) ?? 1) : .iteration(points.first(where: { $0 > 0 }) ?? 1))
        return main
    }

    /// mmedit/mmgen Linear: an interval staircase as ratio milestones (exact for every group with target_lr=0).
    func linearInterval(_ spec: LegacyLinearInterval, byEpoch: Bool) throws -> MainSchedule {
        let unit = unitWord(byEpoch)
        guard let horizon = span.horizon(byEpoch: byEpoch) else {
            return MainSchedule(id: Records.linearNeedsRunLength.id, kind: .manualStep, message: "policy 'Linear' (mmedit/mmgen) steps toward target_lr over the run, but \(span.missingHorizon(byEpoch: byEpoch)); no main scheduler was emitted")
        }
        let base = spec.targetLr == 0 ? 1.0 : optimizer.baseLr
        guard let base, spec.targetLr == 0 || !optimizer.hasParamwise else {
            return MainSchedule(id: Records.linearAbsoluteTarget.id, kind: .manualStep, message: "policy 'Linear' with target_lr=\(LrConfigRule.show(spec.targetLr)) ≠ 0 moves every group toward the same absolute lr, which MMEngine's ratios reach only for one known base lr (optimizer.lr is not a single number here): write the chain by hand; no main scheduler was emitted")
        }
        guard spec.interval > 0, spec.start == spec.start.rounded(), spec.interval == spec.interval.rounded() else {
            return MainSchedule(id: Records.linearFractionalSteps.id, kind: .manualStep, message: "policy 'Linear' with start=\(LrConfigRule.show(spec.start)), interval=\(LrConfigRule.show(spec.interval)) has no integral step points: write the chain by hand; no main scheduler was emitted")
        }
        let start = Int(spec.start), interval = Int(spec.interval)
        var points: [Int] = []
        var point = start + interval
        while point < horizon, points.count <= 1000 {
            points.append(point)
            point += interval
        }
        guard points.count <= 1000 else {
            return MainSchedule(id: Records.linearTooLong.id, kind: .manualStep, message: "policy 'Linear' changes the lr more than 1000 times (every \(interval) \(unit)s from \(start) to \(horizon)), and the exact chain needs one MultiStepLR per change: write a custom scheduler (mmagic's LinearLrInterval is the successor's form); no main scheduler was emitted")
        }
        let total = Double(horizon)
        guard let chain = try ratioChain(points: points, byEpoch: byEpoch, value: { try spec.value(base: base, progress: Double($0), maxProgress: total) }) else {
            return MainSchedule(id: Records.linearThroughZero.id, kind: .manualStep, message: "policy 'Linear' reaches lr 0 before the end of the run and leaves it, which no ratio can do: write the chain by hand; no main scheduler was emitted")
        }
        let steps = Int(((total - spec.start) / spec.interval).rounded(.down))
        var message = "policy 'Linear' (mmedit/mmgen LinearLrUpdaterHook: target_lr=\(LrConfigRule.show(spec.targetLr)), start=\(start), interval=\(interval)) \(byEpoch ? "by epoch" : "by iteration") over H=\(horizon) \(unit)s moves the lr by 1/\(steps) of the way to target_lr every \(interval) \(unit)s after \(start); "
        if chain.nodes.isEmpty {
            message += "it never changes within the run: no main scheduler is needed"
        } else {
            message += "it becomes \(chain.nodes.count) MultiStepLR(milestones=[m], gamma=v(m)/v(m−\(interval)), by_epoch=\(byEpoch ? "True" : "False")), m = \(points.first ?? 0)…\(points.last ?? 0), whose product is MMCV's value b + (target_lr − b)·k/\(steps) at each step"
            message += spec.targetLr == 0 ? " (the ratios (K−k)/(K−k+1) do not depend on b: exact for every param group; mmagic's own LinearLrInterval sets one absolute lr for all groups)" : " (with target_lr ≠ 0 the ratios use b = optimizer.lr = \(LrConfigRule.show(base)): exact for that single base lr)"
        }
        var main = MainSchedule(id: Records.linear.id, nodes: chain.nodes, message: message)
        if let first = points.first, !chain.nodes.isEmpty { main.firstChange = byEpoch ? .epoch(first) : .iteration(first) }
        return main
    }

    /// mmtrack SiameseRPN: its per-epoch factors as a ConstantLR for the first and ratio milestones after it
    /// (always by epoch: `LegacyUpdaterConfig.parse` refuses it otherwise, as the hook's assertion does).
    func siameseRPN(_ spec: LegacySiameseRPN) throws -> MainSchedule {
        guard let epochs = span.epochs else {
            return MainSchedule(id: Records.siameseRpnNeedsEpochs.id, kind: .manualStep, message: "policy 'SiameseRPN' (mmtrack) has one factor per epoch, but \(span.missingHorizon(byEpoch: true)); no main scheduler was emitted")
        }
        if epochs > spec.factors.count {
            throw ConfigError(.rejected, "at run time: SiameseRPN's lr_configs give \(spec.factors.count) epoch factors for a \(epochs)-epoch run: MMCV raises IndexError at epoch \(spec.factors.count)", at: arguments.location("lr_configs"))
        }
        guard let first = spec.factors.first, first > 0, first <= 1 else {
            return MainSchedule(id: Records.siameseRpnStartFactor.id, kind: .manualStep, message: "policy 'SiameseRPN' starts at factor \(spec.factors.first.map(LrConfigRule.show) ?? "none"), which a ConstantLR (factor in (0, 1]) cannot apply: write the schedule by hand; no main scheduler was emitted")
        }
        guard let chain = try ratioChain(points: Array(1..<max(epochs, 1)), byEpoch: true, value: { try spec.value(base: 1, epoch: $0) }) else {
            return MainSchedule(id: Records.siameseRpnFromZero.id, kind: .manualStep, message: "policy 'SiameseRPN' returns from factor 0 to a positive one, which no ratio can do; no main scheduler was emitted")
        }
        var nodes = chain.nodes
        if first != 1 {
            nodes.insert(LrConfigRule.scheduler("ConstantLR", ["factor": LrConfigRule.float(first)], begin: 0, end: epochs + 1, byEpoch: true, at: arguments.location), at: 0)
        }
        var main = MainSchedule(id: Records.siameseRpn.id, nodes: nodes, message: "policy 'SiameseRPN' (mmtrack SiameseRPNLrUpdaterHook: base_lr × its per-epoch factors \(spec.factors.prefix(3).map(LrConfigRule.brief).joined(separator: ", "))…) becomes \(first != 1 ? "ConstantLR(factor=\(LrConfigRule.show(first)), begin=0, end=\(epochs + 1), by_epoch=True) for the first factor (restored after the run) and " : "")\(chain.nodes.count) MultiStepLR(milestones=[e], gamma=f(e)/f(e−1), by_epoch=True) for the \(chain.steps) epochs whose factor changes: the product is MMCV's factor of each epoch, for every param group")
        main.firstChange = .epoch(0)
        return main
    }

    /// mmcls CosineAnnealingCooldown: MMCV's cosine over H − cool_down_time, then one decay by cool_down_ratio.
    func cosineCooldown(_ spec: LegacyCosineCooldown, byEpoch: Bool) -> MainSchedule {
        let unit = unitWord(byEpoch)
        let floor = spec.target
        guard let horizon = span.horizon(byEpoch: byEpoch) else {
            return MainSchedule(id: Records.cosineCooldownNeedsRunLength.id, kind: .manualStep, message: "policy 'CosineAnnealingCooldown' (mmcls) anneals over the run less cool_down_time, but \(span.missingHorizon(byEpoch: byEpoch)); no main scheduler was emitted")
        }
        guard spec.coolDownTime == spec.coolDownTime.rounded(), spec.coolDownTime >= 0, Double(horizon) - spec.coolDownTime >= 1 else {
            return MainSchedule(id: Records.cosineCooldownNoSpan.id, kind: .manualStep, message: "policy 'CosineAnnealingCooldown' with cool_down_time=\(LrConfigRule.show(spec.coolDownTime)) over \(horizon) \(unit)s leaves no whole annealing span: write the schedule by hand; no main scheduler was emitted")
        }
        let span = horizon - Int(spec.coolDownTime)
        let (name, value) = floor.argument(at: floorLocation(floor))
        var nodes = [LrConfigRule.scheduler("CosineAnnealingLR", ["T_max": LrConfigRule.int(span), name: value], begin: 0, end: span + 1, byEpoch: byEpoch, at: arguments.location)]
        var cooldownText = "the cooldown is never reached"
        if span + 1 < horizon, spec.coolDownRatio != 1 {
            nodes.append(LrConfigRule.scheduler("MultiStepLR", ["milestones": LrConfigRule.ints([span + 1]), "gamma": LrConfigRule.float(spec.coolDownRatio, at: arguments.location("cool_down_ratio"))], byEpoch: byEpoch, at: arguments.location))
            cooldownText = "from \(unit) \(span + 1) on, MMCV's target × cool_down_ratio is the MultiStepLR's decay of the floor reached at \(unit) \(span)"
        }
        var main = MainSchedule(id: Records.cosineCooldown.id, nodes: nodes, message: "policy 'CosineAnnealingCooldown' (mmcls: \(floor.legacyText("lr")), cool_down_time=\(Int(spec.coolDownTime)), cool_down_ratio=\(LrConfigRule.show(spec.coolDownRatio))) \(byEpoch ? "by epoch" : "by iteration") becomes \(nodes.map(LrConfigRule.describe).joined(separator: " + ")): the cosine spans \(span) = \(horizon) − \(Int(spec.coolDownTime)) \(unit)s and reaches the floor at \(unit) \(span) (end=\(span + 1) includes it); \(cooldownText)")
        main.affine = !floor.isZero
        main.firstChange = byEpoch ? .epoch(1) : .iteration(1)
        main.overlapDeviation = overlapDeviation("9e-6…1.5e-3 (cosine)", share: share(floor), realScale: "4.2e-7…1.1e-4 for real mmcls configs (deviations.md N1)")
        return main
    }

    /// mmdet YOLOX: its quadratic warmup of the base lr, its cosine of (k+1−W)/(N−W−Q) and the floor for the
    /// last num_last_epochs (Q = L·num_last_epochs iterations). With every length known (W, N and Q in
    /// iterations) the exact chain is mmdet 3.x's QuadraticWarmupLR over [0, W) and a CosineAnnealingLR from
    /// W − 1 (its first step keeps the warmed lr, its next is MMCV's progress 1/(N−W−Q)) to N − Q, where it
    /// reaches the floor. Without L the epoch form (mmdet 3.x's own layout) starts the cosine one iteration late.
    func yoloxSchedule(_ spec: LegacyYOLOX, warmup: WarmupTerms?, byEpoch: Bool) -> MainSchedule {
        let at = arguments.location
        let description = "policy 'YOLOX' (mmdet YOLOXLrUpdaterHook: warmup lr = b·warmup_ratio·((k+1)/W)² of the base lr b, then MMCV's cosine of (k+1−W)/(N−W−Q), then the floor for the last num_last_epochs=\(spec.numLastEpochs == spec.numLastEpochs.rounded() && abs(spec.numLastEpochs) < 1e9 ? String(Int(spec.numLastEpochs)) : LrConfigRule.show(spec.numLastEpochs)) epochs, Q = L·num_last_epochs)"
        func manual(_ why: String) -> MainSchedule {
            MainSchedule(id: Records.yoloxNoForm.id, kind: .manualStep, message: "\(description): \(why); write the schedule by hand (no lr scheduler was emitted)")
        }
        guard !byEpoch else { return manual("by_epoch=True compares epochs with L·num_last_epochs iterations, which no MMEngine chain reproduces") }
        guard let warmup else { return manual("without a warmup its first iteration already anneals (progress k+1), which needs a cosine that begins at iteration −1") }
        guard warmup.ratio == 1 else { return manual("warmup_ratio=\(LrConfigRule.show(warmup.ratio)) scales the quadratic warmup, which mmdet 3.x's QuadraticWarmupLR (no ratio argument) cannot") }
        guard spec.numLastEpochs == spec.numLastEpochs.rounded(), spec.numLastEpochs >= 0, spec.numLastEpochs < 1e6 else {
            return manual("num_last_epochs=\(LrConfigRule.show(spec.numLastEpochs)) is not a whole number of epochs")
        }
        let (name, value): (String, ConfigNode)
        switch spec.target {
        case .absolute(let floor): (name, value) = ("eta_min", LrConfigRule.float(floor, at: arguments.location("min_lr")))
        case .ratio(let ratio): (name, value) = ("eta_min_ratio", LrConfigRule.float(ratio, at: arguments.location("min_lr_ratio")))
        }
        let lastEpochs = Int(spec.numLastEpochs)
        if let per = span.itersPerEpoch, let iterations = span.iterations {
            let w = warmup.byEpoch ? warmup.length * per : warmup.length
            let q = lastEpochs * per
            let d = iterations - w - q
            guard d >= 1 else { return manual("N − W − Q = \(iterations) − \(w) − \(q) leaves no annealing span") }
            let quadratic = LrConfigRule.scheduler("mmdet.QuadraticWarmupLR", [:], begin: 0, end: w, byEpoch: false, at: arguments.location("warmup"))
            let cosine = LrConfigRule.scheduler("CosineAnnealingLR", ["T_max": LrConfigRule.int(d), name: value], begin: w - 1, end: iterations - q, byEpoch: false, at: at)
            return MainSchedule(id: Records.yolox.id, nodes: [quadratic, cosine],
                                message: "\(description) with W=\(w), N=\(iterations), Q=\(q) iterations (L=\(per)) becomes \(LrConfigRule.describe(quadratic)) + \(LrConfigRule.describe(cosine)): the quadratic sums b·(2t+1)/W² to b·((k+1)/W)²; the cosine begins at W−1 (its first step keeps the warmed lr b) so that iteration k gets MMCV's progress (k+1−W)/(N−W−Q), and its last step N−Q−1 reaches the floor, which stays. Exact given L=\(per) (W, N and Q change with the dataloader length; mmdet 3.x's official form starts the cosine one iteration late and anneals over T_max = E − num_last_epochs epochs)")
        }
        guard span.kind == .epoch, warmup.byEpoch, let epochs = span.epochs else {
            return manual("its iteration numbers need the iterations per epoch L (rerun with --iters-per-epoch L)")
        }
        let e = epochs, w = warmup.length
        guard e - w - lastEpochs >= 1 else { return manual("E − warmup − num_last_epochs = \(e) − \(w) − \(lastEpochs) leaves no annealing span") }
        let quadratic = LrConfigRule.scheduler("mmdet.QuadraticWarmupLR", [:], begin: 0, end: w, byEpoch: true, convertToIterBased: true, at: arguments.location("warmup"))
        let cosine = LrConfigRule.scheduler("CosineAnnealingLR", ["T_max": LrConfigRule.int(e - w - lastEpochs), name: value], begin: w, end: e - lastEpochs, byEpoch: true, convertToIterBased: true, at: at)
        let d = e - w - lastEpochs
        let share: Double? = {
            switch spec.target {
            case .ratio(let ratio): return ratio
            case .absolute(let floor): return optimizer.baseLr.flatMap { $0 > 0 ? floor / $0 : nil }
            }
        }()
        let size = share.map { "\(LrConfigRule.brief(Self.yoloxLagError(floorShare: $0, span: d))) at L=1 (computed for this floor; smaller for longer epochs)" } ?? "not computed (the floor's share of the lr is unknown)"
        return MainSchedule(id: Records.yoloxWithoutLength.id, nodes: [quadratic, cosine], kind: .nonEquivalence,
                            message: "\(description) needs iteration numbers (the cosine begins at W−1 = \(w)·L−1), but the iterations per epoch L are unknown (rerun with --iters-per-epoch L for the exact chain). Written in epochs as mmdet 3.x does: \(LrConfigRule.describe(quadratic)) + \(LrConfigRule.describe(cosine)), whose cosine runs one iteration behind MMCV's and stops one step short of the floor",
                            deviation: "exact through the warmup; afterwards iteration k gets MMCV's lr of iteration k−1, and from N−Q−1 on the lr stays one cosine step above the floor: max relative lr error \(size) (D = \(d)·L annealing iterations)")
    }
}

extension LrSchedulePlanner {
    /// The largest relative error of a cosine from b = 1 to `floorShare` over `span` steps that runs one step
    /// behind (value of step s − 1 at step s) and stops one step short of the floor.
    static func yoloxLagError(floorShare t: Double, span d: Int) -> Double {
        guard d >= 1, t > 0 else { return .infinity }
        func value(_ s: Int) -> Double { t + (1 - t) * (1 + cos(Double.pi * Double(s) / Double(d))) / 2 }
        var worst = abs(value(d - 1) - t) / t
        for s in 0..<d { worst = max(worst, abs(value(s + 1) - value(s)) / value(s + 1)) }
        return worst
    }
}

extension LegacyTarget {
    /// `eta_min=x` or `eta_min_ratio=ρ`, for messages.
    var argumentText: String {
        switch self {
        case .absolute(let value): return "eta_min=\(LrConfigRule.show(value))"
        case .ratio(let value): return "eta_min_ratio=\(LrConfigRule.show(value))"
        }
    }
}

extension LrSchedulePlanner {
    /// mmedit Reduce (`LegacyReduce`): where the legacy hook never reduced the lr, the lr stays constant and
    /// nothing is written, with a warning that MMEngine's ReduceOnPlateauLR is what the config meant; in any
    /// other run the reductions follow real metrics, and it is a manual step.
    func reduceOnPlateau(_ spec: LegacyReduce, byEpoch: Bool) -> MainSchedule {
        if let refusal = spec.simulationRefusal(iterBasedRunner: span.kind == .iteration, byEpoch: byEpoch) {
            return MainSchedule(id: Records.reduceRefused.id, kind: .manualStep, message: "policy 'Reduce': \(refusal). Write MMEngine's ReduceOnPlateauLR by hand; no main scheduler was emitted")
        }
        let metric = spec.valMetric ?? ""
        return MainSchedule(id: Records.reduceNeverReduced.id, kind: .warning, message: "policy 'Reduce' (mmedit ReduceLrUpdaterHook, on `\(metric)`) never reduced the lr in this run: under an IterBasedRunner, by iteration, with epoch_base_valid=True it counts bad evaluations only in after_val_epoch, which IterBasedRunner never calls, so every param group kept its base lr. The lr stays constant and no main scheduler is written, which is what the legacy run did; the plateau reduction the config meant is MMEngine's ReduceOnPlateauLR (monitor='\(metric)', by_epoch=False), which would change the training")
    }
}
