import Foundation

/// The chained `_get_value()` of each MMEngine scheduler (`mmengine/optim/scheduler/param_scheduler.py`),
/// in the library's expression order (schedules.md B.2, E.5). `t = last_step`, `v` = the group's current
/// value, `b` = its base value, `T = end - begin - 1`.
///
/// Each group's new value depends only on that group's current and base values (and, for OneCycle, its
/// `initial_lr`), so the step is computed group by group by one function, `nextValue`, which both the
/// simulated runner (`step(groups:)`) and the proof's bulk path (`ModernScheduleKernel`) call.
extension ParamScheduler {
    /// The value the current step (`_last_step` already advanced) writes into group `index`, whose current
    /// value is `current` and whose `initial_lr` is `initialLr`.
    ///
    /// `mutating` although it only reads: called from the mutating `step`, a non-mutating method received a
    /// copy of the whole scheduler (arrays and all) at every step.
    mutating func nextValue(_ current: Double, index: Int, initialLr: Double?) throws -> Double {
        let t = lastStep
        let step = Double(t)
        switch kind {
        case .constant(let factor):
            // t == 0: v·factor; t == T: v·(1/factor) (not v/factor); otherwise v.
            if t == 0 { return current * factor }
            if step > totalIters || step != totalIters { return current }
            let restore = try PyFloat.div(1.0, factor)
            return current * restore
        case let .linear(startFactor, endFactor):
            if t == 0 { return current * startFactor }
            let slope = endFactor - startFactor
            let ratio = 1.0 + (try PyFloat.div(slope, totalIters * startFactor + Double(t - 1) * slope))
            return current * ratio
        case .exponential(let gamma):
            if t == 0 { return current }
            return current * gamma
        case let .step(stepSize, gamma):
            if try t == 0 || PyFloat.mod(step, stepSize) != 0 { return current }
            return current * gamma
        case let .multiStep(milestones, gamma):
            var count = 0
            for milestone in milestones where milestone == step { count += 1 }
            if count == 0 { return current }
            let factor = try PyFloat.pow(gamma, Double(count))
            return current * factor
        case let .poly(etaMin, power):
            if t == 0 { return current }
            let factor = try PyFloat.pow(1 - (try PyFloat.div(1, totalIters - step + 1)), power)
            return (current - etaMin) * factor + etaMin
        case .cosineAnnealing(_, let floor):
            return try cosineAnnealingValue(current, base: base(index), floor: floor)
        case let .cosineRestart(periods, weights, floor):
            return try cosineRestartValue(current, base: base(index), periods: periods, weights: weights, floor: floor)
        case .oneCycle(let settings):
            return try oneCycleValue(index: index, initialLr: initialLr, settings: settings)
        case .quadraticWarmup:
            // `base_value * (2 * t + 1) / total_iters**2` (total_iters = end - begin), added to v after step 0.
            let span = end - begin
            let rise = try PyFloat.div(base(index) * Double(2 * t + 1), span * span)
            if t == 0 { return rise }
            return current + rise
        case .compatUpdater(let schedule):
            return try schedule.value(base: base(index), iteration: t, end: end)
        }
    }

    /// Writes the values the current step computes into the groups (`_last_step` already advanced).
    mutating func writeNextValues(groups: inout [ParamGroup]) throws {
        for index in groups.indices { try writeNextValue(&groups[index], index: index) }
    }

    /// Writes the value the current step computes into one group (a value returned unchanged is no change).
    @inline(__always) mutating func writeNextValue(_ group: inout ParamGroup, index: Int) throws {
        let value = try nextValue(group.value(of: parameter) ?? 0, index: index, initialLr: group.initialLr)
        group.setValue(value, of: parameter)
    }

    /// `base_values[index]` (0 for a group added after construction, which the library would not have).
    mutating func base(_ index: Int) -> Double { index < baseValues.count ? baseValues[index] : 0 }

    /// CosineAnnealing: `v` at t = 0; at `(t - 1 - T_max) % (2·T_max) == 0`
    /// `v + (b - m)·(1 - cos(π/T_max))/2`; else `(1 + cos(π·t/T_max)) / (1 + cos(π·(t-1)/T_max)) · (v - m) + m`.
    private mutating func cosineAnnealingValue(_ value: Double, base: Double, floor: ParamSchedulerFloor) throws -> Double {
        let t = Double(lastStep)
        if lastStep == 0 { return value }
        let period = cosinePeriod
        if try PyFloat.mod(t - 1 - period, 2 * period) == 0 {
            let bump = 1 - cos(try PyFloat.div(Double.pi, period))
            return value + (try PyFloat.div((base - floor.value(base: base)) * bump, 2))
        }
        let ratio = try PyFloat.div(1 + cos(try PyFloat.div(Double.pi * t, period)),
                                    1 + cos(try PyFloat.div(Double.pi * (t - 1), period)))
        let eta = floor.value(base: base)
        return ratio * (value - eta) + eta
    }

    /// CosineRestart: position in the cumulative periods (`None` past the end: values kept); at a period
    /// start the value is **set** to `b·w`; inside a period the cosine ratio acts on `(v - m)`.
    private mutating func cosineRestartValue(_ value: Double, base: Double, periods: [Double], weights: [Double], floor: ParamSchedulerFloor) throws -> Double {
        let t = Double(lastStep)
        guard let (index, nearestRestart) = LegacyLrPolicy.period(containing: t, periods) else { return value }
        let period = periods[index]
        let position = t - nearestRestart
        let etaMax = base * weights[index]
        let etaMin = floor.value(base: base)
        if position == 0 { return etaMax }
        let ratio = try PyFloat.div(1 + cos(try PyFloat.div(Double.pi * position, period)),
                                    1 + cos(try PyFloat.div(Double.pi * (position - 1), period)))
        return ratio * (value - etaMin) + etaMin
    }

    /// OneCycle: absolute values from the phase table (not chained); `ValueError` when `t > total_steps`.
    private mutating func oneCycleValue(index: Int, initialLr: Double?, settings: ParamSchedulerKind.OneCycleSettings) throws -> Double {
        let t = Double(lastStep)
        let total = settings.totalSteps ?? (end - begin)
        if t > total {
            throw ScheduleRuntimeError(.valueError, "Tried to step \(lastStep + 1) times. The specified number of total steps is \(LegacyLrPolicy.pythonNumber(total))")
        }
        enum Bound { case initial, max, min }
        let phases: [(end: Double, start: Bound, stop: Bound)] = settings.threePhase
            ? [(settings.pctStart * total - 1, .initial, .max), (2 * settings.pctStart * total - 2, .max, .initial), (total - 1, .initial, .min)]
            : [(settings.pctStart * total - 1, .initial, .max), (total - 1, .max, .min)]
        func bound(_ which: Bound) -> Double {
            switch which {
            case .initial: return initialLr ?? 0
            case .max: return index < oneCycleMax.count ? oneCycleMax[index] : 0
            case .min: return index < oneCycleMin.count ? oneCycleMin[index] : 0
            }
        }
        var start = 0.0
        for (phaseIndex, phase) in phases.enumerated() {
            if t <= phase.end || phaseIndex == phases.count - 1 {
                let pct = try PyFloat.div(t - start, phase.end - start)
                return ParamScheduler.oneCycleAnneal(settings.anneal, bound(phase.start), bound(phase.stop), pct)
            }
            start = phase.end
        }
        return initialLr ?? 0
    }

    /// OneCycle's own annealing functions: `e + (s - e)/2.0·(cos(π·pct) + 1)` and `(e - s)·pct + s`.
    static func oneCycleAnneal(_ strategy: LegacyAnneal, _ start: Double, _ end: Double, _ pct: Double) -> Double {
        switch strategy {
        case .cos: return end + (start - end) / 2.0 * (cos(Double.pi * pct) + 1)
        case .linear: return (end - start) * pct + start
        }
    }
}
