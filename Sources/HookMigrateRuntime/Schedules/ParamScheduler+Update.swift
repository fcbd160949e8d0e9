import Foundation

/// The chained `_get_value()` of each MMEngine scheduler (`mmengine/optim/scheduler/param_scheduler.py`),
/// in the library's expression order (schedules.md B.2, E.5). `t = last_step`, `v` = the group's current
/// value, `b` = its base value, `T = end - begin - 1`.
extension ParamScheduler {
    /// The values the current step writes, one per group.
    func nextValues(groups: [ParamGroup]) throws -> [Double] {
        let t = lastStep
        let step = Double(t)
        let current = groups.map { $0.value(of: parameter) ?? 0 }
        switch kind {
        case .constant(let factor):
            // t == 0: v·factor; t == T: v·(1/factor) (not v/factor); otherwise v.
            if t == 0 { return current.map { $0 * factor } }
            if step > totalIters || step != totalIters { return current }
            let restore = try PyFloat.div(1.0, factor)
            return current.map { $0 * restore }
        case let .linear(startFactor, endFactor):
            if t == 0 { return current.map { $0 * startFactor } }
            let slope = endFactor - startFactor
            let ratio = 1.0 + (try PyFloat.div(slope, totalIters * startFactor + Double(t - 1) * slope))
            return current.map { $0 * ratio }
        case .exponential(let gamma):
            if t == 0 { return current }
            return current.map { $0 * gamma }
        case let .step(stepSize, gamma):
            if try t == 0 || PyFloat.mod(step, stepSize) != 0 { return current }
            return current.map { $0 * gamma }
        case let .multiStep(milestones, gamma):
            let count = milestones.filter { $0 == step }.count
            if count == 0 { return current }
            let factor = try PyFloat.pow(gamma, Double(count))
            return current.map { $0 * factor }
        case let .poly(etaMin, power):
            if t == 0 { return current }
            let factor = try PyFloat.pow(1 - (try PyFloat.div(1, totalIters - step + 1)), power)
            return current.map { ($0 - etaMin) * factor + etaMin }
        case .cosineAnnealing(_, let floor):
            return try cosineAnnealingValues(current: current, floor: floor)
        case let .cosineRestart(periods, weights, floor):
            return try cosineRestartValues(current: current, periods: periods, weights: weights, floor: floor)
        case .oneCycle(let settings):
            return try oneCycleValues(groups: groups, settings: settings)
        }
    }

    /// CosineAnnealing: `v` at t = 0; at `(t - 1 - T_max) % (2·T_max) == 0`
    /// `v + (b - m)·(1 - cos(π/T_max))/2`; else `(1 + cos(π·t/T_max)) / (1 + cos(π·(t-1)/T_max)) · (v - m) + m`.
    private func cosineAnnealingValues(current: [Double], floor: ParamSchedulerFloor) throws -> [Double] {
        let t = Double(lastStep)
        if lastStep == 0 { return current }
        let period = cosinePeriod
        if try PyFloat.mod(t - 1 - period, 2 * period) == 0 {
            let bump = 1 - cos(try PyFloat.div(Double.pi, period))
            return try zip(current, baseValues).map { value, base in
                value + (try PyFloat.div((base - floor.value(base: base)) * bump, 2))
            }
        }
        let ratio = try PyFloat.div(1 + cos(try PyFloat.div(Double.pi * t, period)),
                                    1 + cos(try PyFloat.div(Double.pi * (t - 1), period)))
        return zip(current, baseValues).map { value, base in
            let eta = floor.value(base: base)
            return ratio * (value - eta) + eta
        }
    }

    /// CosineRestart: position in the cumulative periods (`None` past the end: values kept); at a period
    /// start the value is **set** to `b·w`; inside a period the cosine ratio acts on `(v - m)`.
    private func cosineRestartValues(current: [Double], periods: [Double], weights: [Double], floor: ParamSchedulerFloor) throws -> [Double] {
        let t = Double(lastStep)
        let cumulative = LegacyLrPolicy.cumulative(periods)
        guard let index = cumulative.firstIndex(where: { t < $0 }) else { return current }
        let nearestRestart = index == 0 ? 0 : cumulative[index - 1]
        let period = periods[index]
        let position = t - nearestRestart
        var values: [Double] = []
        for (value, base) in zip(current, baseValues) {
            let etaMax = base * weights[index]
            let etaMin = floor.value(base: base)
            if position == 0 {
                values.append(etaMax)
            } else {
                let ratio = try PyFloat.div(1 + cos(try PyFloat.div(Double.pi * position, period)),
                                            1 + cos(try PyFloat.div(Double.pi * (position - 1), period)))
                values.append(ratio * (value - etaMin) + etaMin)
            }
        }
        return values
    }

    /// OneCycle: absolute values from the phase table (not chained); `ValueError` when `t > total_steps`.
    private func oneCycleValues(groups: [ParamGroup], settings: ParamSchedulerKind.OneCycleSettings) throws -> [Double] {
        let t = Double(lastStep)
        let total = settings.totalSteps ?? (end - begin)
        if t > total {
            throw ScheduleRuntimeError(.valueError, "Tried to step \(lastStep + 1) times. The specified number of total steps is \(LegacyLrPolicy.pythonNumber(total))")
        }
        enum Bound { case initial, max, min }
        let phases: [(end: Double, start: Bound, stop: Bound)] = settings.threePhase
            ? [(settings.pctStart * total - 1, .initial, .max), (2 * settings.pctStart * total - 2, .max, .initial), (total - 1, .initial, .min)]
            : [(settings.pctStart * total - 1, .initial, .max), (total - 1, .max, .min)]
        var values: [Double] = []
        for (index, group) in groups.enumerated() {
            func bound(_ which: Bound) -> Double {
                switch which {
                case .initial: return group.initialLr ?? 0
                case .max: return index < oneCycleMax.count ? oneCycleMax[index] : 0
                case .min: return index < oneCycleMin.count ? oneCycleMin[index] : 0
                }
            }
            var start = 0.0
            for (phaseIndex, phase) in phases.enumerated() {
                if t <= phase.end || phaseIndex == phases.count - 1 {
                    let pct = try PyFloat.div(t - start, phase.end - start)
                    values.append(ParamScheduler.oneCycleAnneal(settings.anneal, bound(phase.start), bound(phase.stop), pct))
                    break
                }
                start = phase.end
            }
        }
        return values
    }

    /// OneCycle's own annealing functions: `e + (s - e)/2.0·(cos(π·pct) + 1)` and `(e - s)·pct + s`.
    static func oneCycleAnneal(_ strategy: LegacyAnneal, _ start: Double, _ end: Double, _ pct: Double) -> Double {
        switch strategy {
        case .cos: return end + (start - end) / 2.0 * (cos(Double.pi * pct) + 1)
        case .linear: return (end - start) * pct + start
        }
    }
}
