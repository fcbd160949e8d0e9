/// Stepping a lone chained cosine scheduler (`CosineAnnealingLR`, `CosineRestartLR`) over many iterations
/// from the shared terms of `CosineFactorTable`: the proof's bulk path steps the new run's schedulers at
/// every iteration of a span (their chained value is the run's state after it), and inside one period a
/// step only divides two tabulated terms.
extension ParamSchedulers {
    /// The next steps of one optimizer's schedulers in which a single by-iteration cosine scheduler on the lr
    /// writes at every step, inside one period (or within `T_max`), past the period's first step, and no
    /// other by-iteration scheduler writes at all.
    struct CosineRun: Equatable {
        /// The scheduler's index in the list.
        let index: Int
        /// How many steps (at least 1).
        let steps: Int
        /// The period (`periods[k]`, or `T_max`).
        let period: Double
        /// The position in the period of the first step (`last_step + 1` less the period's start), at least 1.
        let firstPosition: Int
        /// `eta_min` of the one group.
        let etaMin: Double
        /// The period's last position that takes the ratio branch (`P − 1`, or `T_max`).
        let lastPosition: Int
    }

    /// The run of at most `limit` next steps that `stepCosine` can take, if any.
    func cosineRun(limit: Int) -> CosineRun? {
        guard limit > 0 else { return nil }
        var found: (index: Int, steps: Int, period: Double, position: Int, etaMin: Double, lastPosition: Int)?
        var steps = limit
        for (index, scheduler) in schedulers.enumerated() where !scheduler.byEpoch {
            let first = scheduler.globalStep + 1
            if Double(first) >= scheduler.end { continue }
            // Steps before this scheduler's range begins.
            let before = SteadyCount.integers(from: first, below: scheduler.begin, limit: steps)
            if before > 0 {
                steps = Swift.min(steps, before)
                continue
            }
            guard found == nil, scheduler.parameter == .lr, scheduler.lastStep >= 0, let base = scheduler.baseValues.first,
                  scheduler.baseValues.count == 1 else { return nil }
            let inRange = SteadyCount.integers(from: first, below: scheduler.end, limit: steps)
            let t = scheduler.lastStep + 1
            switch scheduler.kind {
            case let .cosineRestart(periods, _, floor):
                guard let (period, restart) = LegacyLrPolicy.period(containing: Double(t), periods),
                      periods[period].isFinite, periods[period].rounded(.towardZero) == periods[period] else { return nil }
                let length = periods[period]
                let position = Double(t) - restart
                guard position >= 1, length <= Double(CosineFactorTable.largest) else { return nil }
                // Positions `position … length − 1`: the step at `length` is the next period's restart.
                let inPeriod = Int(length - position)
                found = (index, Swift.min(inRange, inPeriod), length, Int(position), floor.value(base: base), Int(length) - 1)
            case let .cosineAnnealing(_, floor):
                let length = scheduler.cosinePeriod
                guard length >= 2, length.rounded(.towardZero) == length, length <= Double(CosineFactorTable.largest), t >= 1,
                      Double(t) <= length else { return nil }
                // Steps `t … T_max` take the ratio branch (the other one first fires at `T_max + 1`).
                found = (index, Swift.min(inRange, Int(length) - t + 1), length, t, floor.value(base: base), Int(length))
            default:
                return nil
            }
            steps = Swift.min(steps, found?.steps ?? 0)
        }
        guard let found, steps > 0 else { return nil }
        return CosineRun(index: found.index, steps: steps, period: found.period, firstPosition: found.position, etaMin: found.etaMin,
                         lastPosition: found.lastPosition)
    }

    /// Takes `run.steps` calls of `stepIteration(group:)` for a run `cosineRun` found, with the terms of its
    /// period (`terms[q] = 1 + cos(π·q / P)` through the run's last position): the same counters, values and
    /// `_last_value`s as stepping one call at a time. Stops before a step whose divisor is 0 (where the
    /// scheduler raises `ZeroDivisionError`, which a one-call step then reports); returns the steps taken.
    mutating func stepCosine(_ run: CosineRun, group: inout ParamGroup, terms: [Double]) -> Int {
        var value = group.lr
        var before = value
        var position = run.firstPosition
        var taken = 0
        let etaMin = run.etaMin
        while taken < run.steps {
            let divisor = terms[position - 1]
            if divisor == 0 { break }
            before = value
            // `nextValue`: `ratio·(v − eta_min) + eta_min`, `ratio = (1 + cos(π·q/P)) / (1 + cos(π·(q − 1)/P))`.
            let ratio = terms[position] / divisor
            value = ratio * (value - etaMin) + etaMin
            position += 1
            taken += 1
        }
        guard taken > 0 else { return 0 }
        finishLoneSteps(writer: run.index, count: taken, before: before, value: value, group: &group)
        return taken
    }
}

extension ModernScheduleKernel {
    /// Steps the kernel `count` times (its `steps` per iteration being 1): runs of a lone cosine scheduler from
    /// `ChainTable`'s values, else from `CosineFactorTable`'s terms, every other step one call at a time. The same counters and values either way.
    mutating func stepCosineRuns(count: Int) throws {
        var done = 0
        while done < count {
            if steps == 1, let run = schedulers.cosineRun(limit: count - done) {
                if schedulers.stepCosineFromChain(run, group: &group) {
                    done += run.steps
                    continue
                }
            }
            if steps == 1, let run = schedulers.cosineRun(limit: count - done),
               let terms = CosineFactorTable.shared.terms(period: run.period, through: run.firstPosition + run.steps - 1) {
                let taken = schedulers.stepCosine(run, group: &group, terms: terms)
                done += taken
                if taken == run.steps { continue }
            }
            guard done < count else { break }
            try step()
            done += 1
        }
    }
}
