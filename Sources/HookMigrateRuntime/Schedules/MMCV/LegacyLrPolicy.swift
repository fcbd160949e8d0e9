/// The lr policies MMCV 1.7.2 registers (`mmcv/runner/hooks/lr_updater.py`), with their arguments, and
/// their closed-form `get_lr(runner, base_lr)` evaluated in the code's own expression order
/// (schedules.md A.3). `p` is `runner.epoch` for a by-epoch hook and `runner.iter` otherwise, `P` the
/// matching `max_epochs` / `max_iters`.
public enum LegacyLrPolicy: Sendable, Hashable {
    /// `Fixed`: `b`.
    case fixed
    /// `Step`: `b * gamma ** n` (see `LegacyStepRule`), floored at `min_lr` when set.
    case step(rule: LegacyStepRule, gamma: Double, minLr: Double?)
    /// `Exp`: `b * gamma ** p`.
    case exp(gamma: Double)
    /// `Poly`: `(b - min_lr) * (1 - p/P) ** power + min_lr`.
    case poly(power: Double, minLr: Double)
    /// `Inv`: `b * (1 + gamma * p) ** (-power)`.
    case inv(gamma: Double, power: Double)
    /// `CosineAnnealing`: `annealing_cos(b, t, p/P)`.
    case cosineAnnealing(target: LegacyTarget)
    /// `FlatCosineAnnealing`: `b` while `p < S = round(P * start_percent)`, then
    /// `annealing_cos(b, t, (p - S)/(P - S))`.
    case flatCosineAnnealing(startPercent: Double, target: LegacyTarget)
    /// `CosineRestart`: `annealing_cos(b, t, min((p - C[i-1])/periods[i], 1), restart_weights[i])`;
    /// `ValueError` once `p >= sum(periods)`.
    case cosineRestart(periods: [Double], restartWeights: [Double], target: LegacyTarget)
    /// `Cyclic` (by iteration only).
    case cyclic(LegacyCyclic)
    /// `OneCycle` (by iteration only; its own `before_run`).
    case oneCycle(LegacyOneCycle)
    /// `LinearAnnealing`: `annealing_linear(b, t, p/P)`.
    case linearAnnealing(target: LegacyTarget)
    /// mmflow's `MultiStage`: an absolute lr per stage (`LegacyMultiStage`).
    case multiStage(LegacyMultiStage)
    /// mmedit's and mmgen's `Linear`: a straight line by intervals (`LegacyLinearInterval`).
    case linear(LegacyLinearInterval)
    /// mmcls' `CosineAnnealingCooldown` (`LegacyCosineCooldown`).
    case cosineAnnealingCooldown(LegacyCosineCooldown)
    /// mmdet's `YOLOX` (`LegacyYOLOX`; evaluated by the updater, which holds the dataloader length).
    case yolox(LegacyYOLOX)
    /// mmtrack's `SiameseRPN`: per-epoch factors (`LegacySiameseRPN`).
    case siameseRPN(LegacySiameseRPN)
    /// mmedit's `Reduce` (reduce-on-plateau), in the runs where it never reduces: `b` (`LegacyReduce`).
    case reduce(LegacyReduce)

    /// The registered stem (`Step`, `CosineAnnealing` …).
    public var stem: String {
        switch self {
        case .fixed: return "Fixed"
        case .step: return "Step"
        case .exp: return "Exp"
        case .poly: return "Poly"
        case .inv: return "Inv"
        case .cosineAnnealing: return "CosineAnnealing"
        case .flatCosineAnnealing: return "FlatCosineAnnealing"
        case .cosineRestart: return "CosineRestart"
        case .cyclic: return "Cyclic"
        case .oneCycle: return "OneCycle"
        case .linearAnnealing: return "LinearAnnealing"
        case .multiStage: return "MultiStage"
        case .linear: return "Linear"
        case .cosineAnnealingCooldown: return "CosineAnnealingCooldown"
        case .yolox: return "YOLOX"
        case .siameseRPN: return "SiameseRPN"
        case .reduce: return "Reduce"
        }
    }

    /// `get_lr` for the progress-based policies (every policy but Cyclic and OneCycle, which the updater
    /// evaluates with their `before_run` state).
    func value(base: Double, progress p: Int, maxProgress: Int?) throws -> Double {
        func maxP() throws -> Double {
            guard let maxProgress else {
                throw ScheduleRuntimeError(.typeError, "unsupported operand type(s) for /: 'int' and 'NoneType' (runner.max_epochs is None)")
            }
            return Double(maxProgress)
        }
        let progress = Double(p)
        switch self {
        case .fixed, .reduce:
            return base
        case let .step(rule, gamma, minLr):
            let exponent = try rule.exponent(progress: p)
            let lr = base * (try PyFloat.pow(gamma, Double(exponent)))
            if let minLr { return Swift.max(lr, minLr) }
            return lr
        case .exp(let gamma):
            return base * (try PyFloat.pow(gamma, progress))
        case let .poly(power, minLr):
            let coeff = try PyFloat.pow(1 - (try PyFloat.div(progress, try maxP())), power)
            return (base - minLr) * coeff + minLr
        case let .inv(gamma, power):
            return base * (try PyFloat.pow(1 + gamma * progress, -power))
        case .cosineAnnealing(let target):
            return LegacyAnneal.cosine(base, target.value(base: base), try PyFloat.div(progress, try maxP()))
        case let .flatCosineAnnealing(startPercent, target):
            let total = try maxP()
            guard let start = PyFloat.round(total * startPercent) else {
                throw ScheduleRuntimeError(.valueError, "cannot round \(total * startPercent)")
            }
            let shifted = progress - start
            if shifted < 0 { return base }
            return LegacyAnneal.cosine(base, target.value(base: base), try PyFloat.div(shifted, total - start))
        case let .cosineRestart(periods, weights, target):
            guard let (index, nearestRestart) = LegacyLrPolicy.period(containing: progress, periods) else {
                throw ScheduleRuntimeError(.valueError, "Current iteration \(p) exceeds cumulative_periods [\(LegacyLrPolicy.cumulative(periods).map(LegacyLrPolicy.pythonNumber).joined(separator: ", "))]")
            }
            let alpha = Swift.min(try PyFloat.div(progress - nearestRestart, periods[index]), 1)
            return LegacyAnneal.cosine(base, target.value(base: base), alpha, weight: weights[index])
        case .linearAnnealing(let target):
            return LegacyAnneal.straight(base, target.value(base: base), try PyFloat.div(progress, try maxP()))
        case .multiStage(let spec):
            return try spec.value(base: base, progress: progress)
        case .linear(let spec):
            return try spec.value(base: base, progress: progress, maxProgress: try maxP())
        case .cosineAnnealingCooldown(let spec):
            return try spec.value(base: base, progress: progress, maxProgress: try maxP())
        case .siameseRPN(let spec):
            return try spec.value(base: base, epoch: p)
        case .cyclic, .oneCycle, .yolox:
            throw ScheduleRuntimeError(.typeError, "\(stem) is evaluated by the updater with its runner state")
        }
    }

    /// The period that `progress` falls in, as `get_position_from_periods` finds it (the first cumulative sum
    /// above `progress`), and the cumulative sum before it (the nearest restart); `nil` past the last. The
    /// sums are `cumulative`'s, added in the same order, without building the list.
    @inline(__always) static func period(containing progress: Double, _ periods: [Double]) -> (index: Int, restart: Double)? {
        var total = 0.0
        for index in periods.indices {
            let before = total
            total += periods[index]
            if progress < total { return (index, before) }
        }
        return nil
    }

    /// Python's `[sum(periods[0:i + 1]) for i …]`.
    static func cumulative(_ periods: [Double]) -> [Double] {
        var total = 0.0
        return periods.map { total += $0; return total }
    }

    /// An integral double printed as Python prints the int it came from.
    static func pythonNumber(_ value: Double) -> String {
        value.rounded() == value && abs(value) < 1e15 ? String(Int(value)) : String(value)
    }
}
