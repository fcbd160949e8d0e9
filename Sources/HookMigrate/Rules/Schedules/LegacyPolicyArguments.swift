import Foundation
import HookMigrateCore

// Arguments several updater policies share, read and validated as MMCV's hooks do.

/// The `step` argument of the Step policies.
enum LegacySteps: Equatable {
    /// `step=s`: decay every s epochs/iterations.
    case every(Int)
    /// `step=[m1, …]`: decay at these epochs/iterations (as written, possibly unsorted).
    case milestones([Int])

    /// Reads and validates `step` as `StepLrUpdaterHook`/`StepMomentumUpdaterHook` do.
    static func read(_ arguments: LegacyHookArguments, hook: String) throws -> LegacySteps {
        guard let node = arguments.node("step") else {
            throw ScheduleRejection("\(hook) requires `step` (MMCV raises TypeError without it)", at: arguments.location)
        }
        if case .scalar(.int(let every)) = node.value {
            guard every > 0 else { throw ScheduleRejection("`\(arguments.path("step"))` must be positive (MMCV asserts step > 0), found \(every)", at: node.location) }
            return .every(every)
        }
        guard let list = node.list, list.style == .list else {
            throw ScheduleRejection("`\(arguments.path("step"))` must be an int or a list of ints (MMCV raises TypeError for \(node.typeDescription))", at: node.location)
        }
        var steps: [Int] = []
        for item in list.items {
            guard case .scalar(.int(let step)) = item.value else {
                throw ScheduleRejection("`\(arguments.path("step"))` must hold ints only (MMCV asserts it), found \(item.typeDescription) (\(item.description))", at: item.location ?? node.location)
            }
            guard step > 0 else {
                throw ScheduleRejection("every milestone in `\(arguments.path("step"))` must be positive (MMCV asserts it), found \(step)", at: item.location ?? node.location)
            }
            steps.append(step)
        }
        return .milestones(steps)
    }

    /// The exponent MMCV uses at progress p (A.3).
    func exponent(at progress: Int) -> Int {
        switch self {
        case .every(let every): return progress / every
        case .milestones(let steps):
            return steps.firstIndex { progress < $0 } ?? steps.count
        }
    }

    /// The largest exponent reached at progress 0…last (`nil`: unbounded, the run length is unknown).
    func maximumExponent(last: Int?) -> Int? {
        switch self {
        case .every:
            guard let last else { return nil }
            return exponent(at: max(last, 0))
        case .milestones(let steps):
            guard let last else { return steps.count }
            return exponent(at: max(last, 0))
        }
    }
}

/// The floor of an annealing policy: `min_lr` (absolute) or `min_lr_ratio` (relative to each group's base).
enum LegacyFloor: Equatable {
    case absolute(Double)
    case ratio(Double)

    /// Reads `min_<name>` / `min_<name>_ratio`, exactly one of which MMCV requires.
    static func read(_ arguments: LegacyHookArguments, name: String, hook: String) throws -> LegacyFloor {
        let absolute = try arguments.double("min_\(name)")
        let ratio = try arguments.double("min_\(name)_ratio")
        switch (absolute, ratio) {
        case (let value?, nil): return .absolute(value)
        case (nil, let value?): return .ratio(value)
        case (nil, nil):
            throw ScheduleRejection("\(hook) needs exactly one of `min_\(name)` and `min_\(name)_ratio`; neither is set, so MMCV's assertion rejects this config", at: arguments.location)
        default:
            throw ScheduleRejection("\(hook) needs exactly one of `min_\(name)` and `min_\(name)_ratio`; both are set, so MMCV's assertion rejects this config", at: arguments.location(("min_\(name)_ratio")))
        }
    }

    /// Whether annealing to this floor is multiplicative (commutes with a warmup): a zero floor.
    var isZero: Bool {
        switch self {
        case .absolute(let value), .ratio(let value): return value == 0
        }
    }

    /// `eta_min=x` or `eta_min_ratio=ρ`.
    func argument(at location: SourceLocation?) -> (String, ConfigNode) {
        switch self {
        case .absolute(let value): return ("eta_min", LrConfigRule.float(value, at: location))
        case .ratio(let value): return ("eta_min_ratio", LrConfigRule.float(value, at: location))
        }
    }

    /// `min_lr=x` / `min_lr_ratio=ρ` for messages.
    func legacyText(_ name: String) -> String {
        switch self {
        case .absolute(let value): return "min_\(name)=\(LrConfigRule.show(value))"
        case .ratio(let value): return "min_\(name)_ratio=\(LrConfigRule.show(value))"
        }
    }
}

/// The arguments of `CyclicLrUpdaterHook` / `CyclicMomentumUpdaterHook`.
struct LegacyCyclic: Equatable {
    var targetRatio: (Double, Double)
    var cyclicTimes: Int
    var stepRatioUp: Double
    var annealStrategy: String
    var gamma: Double

    static func == (lhs: LegacyCyclic, rhs: LegacyCyclic) -> Bool {
        lhs.targetRatio == rhs.targetRatio && lhs.cyclicTimes == rhs.cyclicTimes && lhs.stepRatioUp == rhs.stepRatioUp
            && lhs.annealStrategy == rhs.annealStrategy && lhs.gamma == rhs.gamma
    }

    /// Reads and validates the arguments; `defaultTarget` is `(10, 1e-4)` for lr, `(0.85/0.95, 1)` for momentum.
    static func read(_ arguments: LegacyHookArguments, hook: String, defaultTarget: (Double, Double), checkGamma: Bool) throws -> LegacyCyclic {
        var target = defaultTarget
        if let node = arguments.node("target_ratio") {
            switch node.value {
            case .scalar(.float(let value)):
                target = (value, value / 1e5)
            case .list(let list):
                // A `.py` tuple; a YAML/JSON dump may have made it a list (E.15), which is accepted here.
                let values = try list.items.enumerated().map { index, item in
                    try item.double(ConfigPath(arguments.path("target_ratio")).appending(index: index))
                }
                if values.count == 1 {
                    target = (values[0], values[0] / 1e5)
                } else if values.count == 2 {
                    target = (values[0], values[1])
                } else {
                    throw ScheduleRejection("`\(arguments.path("target_ratio"))` must hold two ratios (MMCV asserts it), found \(values.count)", at: node.location)
                }
            default:
                throw ScheduleRejection("`\(arguments.path("target_ratio"))` must be a float or a tuple of floats; MMCV raises ValueError for \(node.typeDescription) (\(node.description))", at: node.location)
            }
        }
        let cyclicTimes = try arguments.int("cyclic_times") ?? 1
        let stepRatioUp = try arguments.double("step_ratio_up") ?? 0.4
        guard stepRatioUp >= 0, stepRatioUp < 1 else {
            throw ScheduleRejection("`\(arguments.path("step_ratio_up"))` must be in [0, 1) (MMCV asserts it), found \(show(stepRatioUp))", at: arguments.location("step_ratio_up"))
        }
        let strategy = try arguments.annealStrategy() ?? "cos"
        let gamma = try arguments.double("gamma") ?? 1
        if checkGamma, !(gamma > 0 && gamma <= 1) {
            throw ScheduleRejection("`\(arguments.path("gamma"))` must be in (0, 1] (MMCV asserts it), found \(show(gamma))", at: arguments.location("gamma"))
        }
        return LegacyCyclic(targetRatio: target, cyclicTimes: cyclicTimes, stepRatioUp: stepRatioUp, annealStrategy: strategy, gamma: gamma)
    }

    private static func show(_ value: Double) -> String { LrConfigRule.show(value) }

    /// The single-period CosineRestart segments that reproduce the cycles over `iterations` iterations
    /// (schedules.md C.4), or a rejection when MMCV would crash. `type` is `CosineRestartLR` or `CosineRestartMomentum`.
    func segments(type: String, iterations: Int, at location: SourceLocation?) throws -> [ConfigNode] {
        guard cyclicTimes > 0 else {
            throw ScheduleRejection("`cyclic_times` must be positive: MMCV divides max_iters by it (ZeroDivisionError)", at: location)
        }
        let period = iterations / cyclicTimes
        guard period > 0 else {
            throw ScheduleRejection("max_iters=\(iterations) // cyclic_times=\(cyclicTimes) is 0 iterations per cycle: MMCV fails with ZeroDivisionError in its first iteration", at: location)
        }
        let up = LrConfigRule.pythonInt(stepRatioUp * Double(period))
        return segments(type: type, length: iterations, period: period, up: up, inEpochs: false, at: location)
    }

    /// The cycles of an epoch runner of `epochs` epochs in epochs, when MMCV's phase boundaries fall on epoch
    /// boundaries whatever the epoch length L: `cyclic_times` divides E (so `max_iters // cyclic_times` is
    /// (E/c)·L), and `int(step_ratio_up × (E/c)·L)` is u·L for an integer u. The product is computed in floats;
    /// it is u·L for every L with E·L < 2⁵⁰ when `step_ratio_up × E/c` is u or a few units in the last place
    /// above it (never below: truncation would then give u·L − 1 for some L). `nil` otherwise.
    func epochPhases(epochs: Int) -> (period: Int, up: Int)? {
        guard cyclicTimes > 0, epochs > 0, epochs % cyclicTimes == 0 else { return nil }
        let period = epochs / cyclicTimes
        if stepRatioUp == 0 { return (period, 0) }
        let product = stepRatioUp * Double(period)
        guard product.isFinite, product >= 1, let up = Int(exactly: product.rounded()) else { return nil }
        // The exact residual step_ratio_up·P − u, rounded once.
        let residual = (-Double(up)).addingProduct(stepRatioUp, Double(period))
        guard residual >= 0, residual <= Double(up) * 0x1p-50 else { return nil }
        return (period, up)
    }

    /// The segments of `epochPhases`, by epoch with `convert_to_iter_based=True`: MMEngine multiplies their
    /// begin, end and periods by L when it builds them, which gives `segments(iterations: E·L)` for every L.
    func epochSegments(type: String, epochs: Int, at location: SourceLocation?) -> [ConfigNode]? {
        guard let phases = epochPhases(epochs: epochs) else { return nil }
        return segments(type: type, length: epochs, period: phases.period, up: phases.up, inEpochs: true, at: location)
    }

    /// How the cycles are written for `span`, with the sentence that says so: in epochs when
    /// `epochPhases` allows it (exact for every L), else in iterations over N (exact given N); `nil` when N is
    /// unknown and the epochs do not allow it. `type` is `CosineRestartLR` or `CosineRestartMomentum`.
    func plan(type: String, span: ScheduleSpan, at location: SourceLocation?) throws -> (nodes: [ConfigNode], how: String)? {
        if span.kind == .epoch, let epochs = span.epochs, let phases = epochPhases(epochs: epochs),
           let nodes = epochSegments(type: type, epochs: epochs, at: location) {
            let rise = phases.up == 0 ? "with no rising phase" : "rising for int(step_ratio_up × \(phases.period)·L) = \(phases.up)·L iterations"
            return (nodes, "over E=\(epochs) epochs it becomes \(nodes.count) single-period \(type) segments in epochs, which MMEngine converts to iterations (convert_to_iter_based=True): each cycle is \(phases.period)·L iterations, \(rise), so every phase starts where MMCV's does for every epoch length L")
        }
        guard let iterations = span.iterations else { return nil }
        let nodes = try segments(type: type, iterations: iterations, at: location)
        let given = span.kind == .epoch ? "; exact given L=\(span.itersPerEpoch ?? 0) iterations per epoch (over E=\(span.epochs ?? 0) epochs, not every phase of the cycles starts at an epoch boundary whatever L is)" : ""
        return (nodes, "over N=\(iterations) iterations it becomes \(nodes.count) single-period \(type) segments by iteration\(given)")
    }

    /// The segments of cycles `period` long (in iterations, or in epochs when `inEpochs`), each rising for
    /// `up` of them, over `length`.
    private func segments(type: String, length: Int, period: Int, up: Int, inEpochs: Bool, at location: SourceLocation?) -> [ConfigNode] {
        func segment(begin: Int, end: Int, restartWeight: Double, target: (String, Double)) -> ConfigNode {
            LrConfigRule.restartSegment(type, begin: begin, end: end, restartWeight: restartWeight, target: target, inEpochs: inEpochs, at: location)
        }
        var result: [ConfigNode] = []
        var cycle = 0
        while cycle * period < length {
            let scale = pow(gamma, Double(cycle))
            let start = cycle * period
            if up == 0 {
                // MMCV's U = 0 branch: one phase from r0·b to (1 - s + r1·s)·b (A.3).
                let low = LrConfigRule.tidy(1 - scale + targetRatio.1 * scale)
                result.append(segment(begin: start, end: start + period, restartWeight: targetRatio.0, target: ("eta_min_ratio", low)))
            } else {
                let peak = LrConfigRule.tidy(1 - scale + targetRatio.0 * scale)
                result.append(segment(begin: start, end: start + up, restartWeight: 1.0, target: ("eta_min_ratio", peak)))
                if start + up < length {
                    result.append(segment(begin: start + up, end: start + period, restartWeight: peak, target: ("eta_min_ratio", targetRatio.1)))
                }
            }
            cycle += 1
        }
        return result
    }
}
