/// The proof's driver: the two simulated runs in lockstep, as `TraceEquivalence.drive` runs them, except that
/// spans of quiet iterations (`QuietIteration`) that both runs are about to do are taken in bulk: their
/// optimizer values are compared in a tight loop over the two schedules (once per run of unchanged values),
/// and the comparison is told how many events matched instead of receiving them. Every other unit of work —
/// every boundary: logs, checkpoints, evaluations, epoch ends, sparse EMA updates, the first and last
/// iterations — goes through `advance` and the event-by-event comparison exactly as before. A value that
/// differs ends the bulk span just before its iteration, which then runs event by event, so a divergence is
/// reported by the same code, with the same context, as on the event-by-event path. After a divergence only
/// counts are kept; quiet spans then advance each run alone.
enum SpanProof {
    /// A span comparison's outcome: how many iterations matched, the legacy values of the last matched (stepping)
    /// iteration, the work done, the legacy group as the hooks leave it, and whether the values were compared
    /// symbolically (`PolySpanBound`).
    typealias SpanComparison = (matched: Int, values: TraceValues, work: Int, group: ParamGroup, symbolic: Bool)


    /// The shortest span taken in bulk: a shorter one costs more to set up than its events one by one (an
    /// optimizer that steps every second iteration makes every second iteration a boundary).
    static let shortestSpan = 8

    /// Runs both producers to their end into `stream`; throws what a runner throws, or `ProofBudgetExceeded`.
    @discardableResult
    static func run(_ legacy: inout LegacyRun, _ new: inout ModernRun, into stream: inout EquivalenceStream, budget: ProofBudget) throws -> ProofWork {
        var record = ProofWork()
        var legacyRunning = true
        var newRunning = true
        var work = 0
        let steps = new.schedulerStepsPerIteration
        let length = Swift.max(legacy.runner.maxIters, new.runner.loop.maxIters)
        // Bulk spans need counters that advance alike: both runs by epoch, or compared by iteration (R3).
        let countersAlike = stream.iterationRun || (legacy.runner.epochRunner && new.runner.loop.byEpoch)
        let groups = legacy.groups.count
        // The kernels hold one param group (the simulated optimizers have one).
        let groupsAlike = groups == 1 && new.groups.count == 1
        // No span is looked for before these iterations: the last look found the next boundary closer than
        // `shortestSpan` (or a value that differs, whose iteration then runs event by event).
        var nextLook = (matched: 0, legacy: 0, new: 0)
        // Looks in a row that found only short spans: the next look waits longer (up to 64 iterations), so a
        // schedule whose boundaries are always close (an optimizer stepping every second iteration) costs
        // little more than event by event.
        var shortLooks = 0
        // Every epoch end is a boundary, taken event by event at one unit of work or more: a run with more
        // epochs than the budget has units cannot end within it, and is refused before any work.
        if legacy.runner.epochRunner, let epochs = legacy.runner.maxEpochs, epochs > budget.work {
            throw ProofBudgetExceeded(iterations: length, budget: budget.work, reached: 0, epochs: epochs)
        }
        while legacyRunning || newRunning {
            if work > budget.work {
                throw ProofBudgetExceeded(iterations: length, budget: budget.work, reached: Swift.min(legacy.state.iter, new.iter))
            }
            if !stream.hasDiverged {
                if legacyRunning, newRunning, countersAlike, groupsAlike, stream.acceptsQuietSpans,
                   let iter = legacy.quietIteration, iter >= nextLook.matched, new.quietIteration == iter {
                    // An iteration that is itself a boundary counts as a short look.
                    shortLooks += 1
                    nextLook.matched = iter + 1 + (shortLooks > 2 ? Swift.min(64, 1 << Swift.min(shortLooks - 2, 6)) : 0)
                    if stream.iterationRun || (legacy.quietEpoch == new.epoch && legacy.quietBatch == new.quietBatch),
                       let left = legacy.quietSpan(limit: Int(Int32.max)), let right = new.quietSpan(limit: left.count) {
                        var count = right.count
                        var legacyTemplate = left.template
                        var newTemplate = right.template
                        if !stream.acceptsLogs(legacy: legacyTemplate.logs, new: newTemplate.logs) || !stream.settled(.logs) {
                            // The train records go one by one: the span stops before the first.
                            count = before(legacyTemplate.logs?.grid, newTemplate.logs?.grid, within: count)
                            legacyTemplate.logs = nil
                            newTemplate.logs = nil
                        }
                        if !stream.acceptsCheckpoints(legacy: legacyTemplate.checkpoints, new: newTemplate.checkpoints) || !stream.settled(.checkpoints) {
                            // The saves go one by one: the span stops before the first.
                            count = before(legacyTemplate.checkpoints?.grid, newTemplate.checkpoints?.grid, within: count)
                            legacyTemplate.checkpoints = nil
                            newTemplate.checkpoints = nil
                        }
                        // Too short: no span starts before the boundary that cut it. Otherwise, if the span is not
                        // taken (the runs emit differently, or events wait), look again at the next iteration.
                        if count < shortestSpan {
                            nextLook.matched = iter + count + 1 + (shortLooks > 2 ? Swift.min(64, 1 << Swift.min(shortLooks - 2, 6)) : 0)
                        } else {
                            shortLooks = 0
                            nextLook.matched = iter + 1
                        }
                        if count >= shortestSpan, legacyTemplate.matches(newTemplate), stream.isSettled(for: legacyTemplate) {
                            var lrScale = LrScale(enabled: stream.scope.ignoreLrScale, factor: stream.lrFactors.first ?? nil)
                            guard let compared = try compareSchedules(&legacy, &new, iter: iter, count: count,
                                                                      values: (legacyTemplate.optimizerSteps || legacyTemplate.stepping != nil) && stream.scope.scheduleValues,
                                                                      keptAt: legacyTemplate.stepping,
                                                                      tolerance: stream.differ.tolerance, steps: steps, lrScale: &lrScale) else {
                                // No kernel for these schedules: event by event from here.
                                nextLook.matched = Int.max
                                continue
                            }
                            if lrScale.enabled, let factor = lrScale.factor {
                                if stream.lrFactors.isEmpty { stream.lrFactors = [factor] } else { stream.lrFactors[0] = factor }
                            }
                            work += compared.work + 1
                            record.valueIterations += compared.work
                            if compared.symbolic { record.symbolicIterations += compared.matched }
                            // A value that differs: its iteration runs event by event, where the comparison reports it.
                            if compared.matched < count { nextLook.matched = iter + compared.matched + 1 }
                            if compared.matched > 0 {
                                record.spans += 1
                                record.bulkIterations += compared.matched
                                stream.matchQuiet(legacy: legacyTemplate, new: newTemplate, iter: iter, count: compared.matched,
                                                  epoch: legacy.quietEpoch, batch: legacy.quietBatch,
                                                  lagging: legacy.laggingCounterIterations(compared.matched), groups: groups, values: compared.values)
                                legacy.skipQuiet(compared.matched)
                                new.skipQuiet(compared.matched)
                                continue
                            }
                        }
                    }
                }
            } else if legacyRunning && (!newRunning || !stream.legacyAhead) {
                // After the divergence each run goes on when it is its turn (the run behind), as the drive does,
                // its quiet spans counted alone.
                if let iter = legacy.quietIteration, iter >= nextLook.legacy {
                    nextLook.legacy = iter + 1
                    if let span = legacy.quietSpan(limit: Int(Int32.max)) {
                        // Too short: no span before the boundary that cut it, or before the next event the
                        // divergence's context still takes (a span with none left is looked for again at the next
                        // iteration).
                        let count = span.count < shortestSpan ? span.count : stream.bulkIterations(.legacy, for: span.template, within: span.count)
                        if count < shortestSpan { nextLook.legacy = iter + count + 1 }
                        if count >= shortestSpan {
                            guard let done = try advanceSchedule(&legacy, iter: iter, count: count) else {
                                nextLook.legacy = Int.max
                                continue
                            }
                            work += done + 1
                            record.spans += 1
                            record.bulkIterations += count
                            stream.countQuiet(.legacy, span.template, iter: iter, count: count,
                                              lagging: legacy.laggingCounterIterations(count), groups: groups)
                            legacy.skipQuiet(count)
                            continue
                        }
                    }
                }
            } else if newRunning, let iter = new.quietIteration, iter >= nextLook.new {
                nextLook.new = iter + 1
                if let span = new.quietSpan(limit: Int(Int32.max)) {
                    let count = span.count < shortestSpan ? span.count : stream.bulkIterations(.new, for: span.template, within: span.count)
                    if count < shortestSpan { nextLook.new = iter + count + 1 }
                    if count >= shortestSpan {
                        guard let done = try advanceSchedule(&new, count: count, steps: steps) else {
                            nextLook.new = Int.max
                            continue
                        }
                        work += done + 1
                        record.spans += 1
                        record.bulkIterations += count
                        stream.countQuiet(.new, span.template, iter: iter, count: count, lagging: 0, groups: new.groups.count)
                        new.skipQuiet(count)
                        continue
                    }
                }
            }
            // One unit of work, as `TraceEquivalence.drive` does it.
            let emitted = stream.emitted
            let legacyAhead = stream.legacyAhead
            if legacyRunning && (!newRunning || !legacyAhead) {
                stream.side = .legacy
                legacyRunning = try legacy.advance(into: &stream)
            } else {
                stream.side = .new
                newRunning = try new.advance(into: &stream)
            }
            work += stream.emitted - emitted + 1
        }
        record.units = work
        return record
    }

    /// How many of a span's first `count` iterations come before the first due step of either run's grid
    /// (all of them when neither has one in the span).
    static func before(_ legacy: QuietGrid?, _ new: QuietGrid?, within count: Int) -> Int {
        Swift.min(legacy?.firstDue(within: count) ?? count, new?.firstDue(within: count) ?? count)
    }

    /// The schedules of `count` quiet iterations from `iter`, both runs, on their kernels (`nil`: a run has
    /// no kernel — more than one param group, or schedules other than the libraries' own — and the span is
    /// not taken): compares the optimizer values when `values` (the iterations step the optimizer), once per
    /// run of iterations in which neither run's values change. Returns how many iterations matched (fewer than
    /// `count`: the next one differs; the legacy hooks have been applied for it, which its event-by-event run
    /// does again, and the new run's schedulers have not stepped for it), the legacy values of the last
    /// matched iteration, and the work done.
    static func compareSchedules(_ legacy: inout LegacyRun, _ new: inout ModernRun, iter: Int, count: Int, values: Bool, keptAt stepping: ModelStepping? = nil,
                                 tolerance: Tolerance, steps: Int, lrScale: inout LrScale) throws -> (matched: Int, values: TraceValues, work: Int, symbolic: Bool)? {
        guard let left = legacy.scheduleKernel(), var right = new.takeScheduleKernel(steps: steps) else { return nil }
        let compared = try rememberedComparison(left, &right, iter: iter, count: count, values: values, keptAt: stepping, tolerance: tolerance, lrScale: &lrScale)
        // Bring the runs up to date: the legacy hooks applied for the last iteration the kernel applied them for
        // (the first that differs, or the span's last) and the group as the kernel left it; the new run's
        // schedulers as they stepped.
        try legacy.applySchedule(at: iter + Swift.min(compared.matched, count - 1))
        legacy.groups[0] = compared.group
        new.restore(right)
        return (compared.matched, compared.values, compared.work, compared.symbolic)
    }

    /// `compareKernels`, taken from `SpanKernelMemo` when another proof compared the same span of the same
    /// kernels (long spans only).
    static func rememberedComparison(_ legacy: LegacyScheduleKernel, _ new: inout ModernScheduleKernel, iter: Int, count: Int, values: Bool,
                                     keptAt stepping: ModelStepping? = nil, tolerance: Tolerance,
                                     lrScale: inout LrScale) throws -> SpanComparison {
        guard count >= SpanKernelMemo.shortestSpan else {
            return try compareKernels(legacy, &new, iter: iter, count: count, values: values, keptAt: stepping, tolerance: tolerance, lrScale: &lrScale)
        }
        // A span whose values stay as they are throughout (Fixed, Step between its steps) costs one value on
        // each side, less than its key's hashing: compared directly, not remembered.
        if legacy.steady(at: iter, limit: count) == count && new.steady(limit: count) == count {
            return try compareKernels(legacy, &new, iter: iter, count: count, values: values, keptAt: stepping, tolerance: tolerance, lrScale: &lrScale)
        }
        // So is a span a bound proves whole: a few values and a step per iteration from a shared table.
        var attempt = new
        if let proven = try symbolicComparison(legacy, &attempt, iter: iter, count: count, values: values, keptAt: stepping,
                                               tolerance: tolerance, lrScale: lrScale), proven.matched == count {
            new = attempt
            return proven
        }
        let key = SpanKernelMemo.Key(legacy: legacy, new: new, iter: iter, count: count, values: values, keptAt: stepping, tolerance: tolerance, lrScale: lrScale)
        let start = new
        let scale = lrScale
        let outcome = try SpanKernelMemo.shared.value(key) {
            var stepped = start
            var steppedScale = scale
            let compared = try compareKernels(legacy, &stepped, iter: iter, count: count, values: values, keptAt: stepping, tolerance: tolerance,
                                              lrScale: &steppedScale)
            return SpanKernelMemo.Outcome(matched: compared.matched, values: compared.values, work: compared.work, group: compared.group, new: stepped,
                                          lrScale: steppedScale, symbolic: compared.symbolic)
        }
        new = outcome.new
        lrScale = outcome.lrScale
        return (outcome.matched, outcome.values, outcome.work, outcome.group, outcome.symbolic)
    }

    /// The symbolic comparison of the first part of a span a bound proves (`PolySpanBound`, else `CosineSpanBound`), if any.
    static func symbolicComparison(_ legacy: LegacyScheduleKernel, _ new: inout ModernScheduleKernel, iter: Int, count: Int, values: Bool,
                                   keptAt stepping: ModelStepping?, tolerance: Tolerance, lrScale: LrScale) throws -> SpanComparison? {
        if let proven = try PolySpanBound.comparePrefix(legacy, &new, iter: iter, count: count, values: values, keptAt: stepping,
                                                        tolerance: tolerance, lrScale: lrScale) {
            return proven
        }
        return try CosineSpanBound.comparePrefix(legacy, &new, iter: iter, count: count, values: values, keptAt: stepping,
                                                 tolerance: tolerance, lrScale: lrScale)
    }

    /// `compareSchedules` on the two runs' kernels (one param group each, the libraries' own schedules).
    /// With `stepping`, the values are compared at every iteration (a stricter test than the steps need) and
    /// the values returned are those of the last iteration at which the pattern steps.
    /// Two poly schedules are compared symbolically as far as `PolySpanBound` proves the span (whole, or in parts
    /// of a long span); two cosine schedules as far as `CosineSpanBound` proves it; the rest iteration by iteration
    /// (`symbolic: false` keeps the iteration-by-iteration comparison, the reference its tests check it against).
    static func compareKernels(_ legacy: LegacyScheduleKernel, _ new: inout ModernScheduleKernel, iter: Int, count: Int, values: Bool,
                               keptAt stepping: ModelStepping? = nil, tolerance: Tolerance,
                               lrScale: inout LrScale, symbolic: Bool = true) throws -> SpanComparison {
        var current = iter
        let end = iter + count
        // The last matched legacy values, as two numbers (a TraceValues per iteration cost a copy and a release).
        var last: (lr: Double, momentum: Double)?
        var work = 0
        var probe = Probe()
        var group = legacy.group
        var prefix = false
        // A poly or cosine span: its first part as far as a bound proves it, the rest iteration by iteration.
        if symbolic, let proven = try symbolicComparison(legacy, &new, iter: iter, count: count, values: values, keptAt: stepping,
                                                         tolerance: tolerance, lrScale: lrScale) {
            if proven.matched == count { return proven }
            current += proven.matched
            work = proven.work
            group = proven.group
            if proven.values.count == 2 { last = (proven.values[0], proven.values[1]) }
            prefix = true
        }
        func matched(_ count: Int) -> SpanComparison {
            (count, last.map { TraceValues($0.lr, $0.momentum) } ?? TraceValues(), work, group, prefix)
        }
        while current < end {
            try legacy.apply(at: current, to: &group)
            work += 1
            if values {
                let left = (lr: group.lr, momentum: group.effectiveMomentum ?? .nan)
                let right = (lr: new.group.lr, momentum: new.group.effectiveMomentum ?? .nan)
                let lrEqual = lrScale.enabled
                    ? EquivalenceStream.lrEqual(left.lr, right.lr, factor: &lrScale.factor, tolerance: tolerance)
                    : tolerance.equal(left.lr, right.lr)
                guard lrEqual, tolerance.equal(left.momentum, right.momentum) else { return matched(current - iter) }
                if stepping == nil { last = left }
            }
            var run = 1
            if probe.due(current) {
                let remaining = end - current
                run = Swift.min(legacy.steady(at: current, limit: remaining), new.steady(limit: remaining))
                probe.found(run > 1, at: current)
            }
            // The values hold for the whole run of iterations: kept when one of them steps.
            if values, let stepping, stepping.steps(from: current, count: run) > 0 { last = (group.lr, group.effectiveMomentum ?? .nan) }
            if run > 1 {
                try legacy.apply(at: current + run - 1, to: &group)
                new.skipSteady(iterations: run - 1)
            }
            try new.step()
            current += run
        }
        return matched(count)
    }

    /// `--ignore-lr-scale` on the bulk path: whether it applies, and the one param group's factor once fixed.
    struct LrScale: Hashable, Sendable {
        var enabled: Bool
        var factor: Double?
    }

    /// When to ask the schedules whether the values stay as they are (asking costs about as much as
    /// computing a value): at once after a run of unchanged values, then less and less often while the values
    /// keep changing (after 1, 2, 4 … 64 iterations). Values are computed at every iteration either way; the
    /// question only lets a run of unchanged values be skipped.
    struct Probe {
        var next = 0
        var gap = 1

        func due(_ iteration: Int) -> Bool { iteration >= next }

        mutating func found(_ steady: Bool, at iteration: Int) {
            gap = steady ? 1 : Swift.min(gap * 2, 64)
            next = iteration + (steady ? 0 : gap)
        }
    }

    /// The legacy schedule of `count` quiet iterations from `iter`, alone (after a divergence), on its kernel
    /// (`nil`: none, and the span is not taken). Returns the work done.
    static func advanceSchedule(_ legacy: inout LegacyRun, iter: Int, count: Int) throws -> Int? {
        guard let kernel = legacy.scheduleKernel() else { return nil }
        let advanced = count >= SpanKernelMemo.shortestSpan
            ? try SpanKernelMemo.legacyAlone.value(SpanKernelMemo.LegacyAloneKey(kernel: kernel, iter: iter, count: count)) {
                try advanceKernel(kernel, iter: iter, count: count)
            }
            : try advanceKernel(kernel, iter: iter, count: count)
        try legacy.applySchedule(at: iter + count - 1)
        legacy.groups[0] = advanced.group
        return advanced.work
    }

    /// The legacy kernel over `count` iterations from `iter`: the group as the hooks leave it, and the work.
    static func advanceKernel(_ kernel: LegacyScheduleKernel, iter: Int, count: Int) throws -> (group: ParamGroup, work: Int) {
        if PolySpanBound.writesEveryIteration(kernel, iter: iter) {
            // Every iteration's value overwrites the last, and none can fail: the span's last one is the state.
            var group = kernel.group
            try kernel.apply(at: iter + count - 1, to: &group)
            return (group, count)
        }
        var current = iter
        var work = 0
        var probe = Probe()
        var group = kernel.group
        while current < iter + count {
            try kernel.apply(at: current, to: &group)
            work += 1
            var run = 1
            if probe.due(current) {
                run = kernel.steady(at: current, limit: iter + count - current)
                probe.found(run > 1, at: current)
            }
            if run > 1 { try kernel.apply(at: current + run - 1, to: &group) }
            current += run
        }
        return (group, work)
    }

    /// The new run's schedulers over `count` quiet iterations, alone (after a divergence), on its kernel
    /// (`nil`: none, and the span is not taken). Returns the work done.
    static func advanceSchedule(_ new: inout ModernRun, count: Int, steps: Int) throws -> Int? {
        guard let kernel = new.takeScheduleKernel(steps: steps) else { return nil }
        let advanced = count >= SpanKernelMemo.shortestSpan
            ? try SpanKernelMemo.newAlone.value(SpanKernelMemo.NewAloneKey(kernel: kernel, count: count)) {
                try advanceKernel(kernel, count: count)
            }
            : try advanceKernel(kernel, count: count)
        new.restore(advanced.kernel)
        return advanced.work
    }

    /// The new run's kernel over `count` iterations: the kernel as its schedulers leave it, and the work.
    static func advanceKernel(_ start: ModernScheduleKernel, count: Int) throws -> (kernel: ModernScheduleKernel, work: Int) {
        var kernel = start
        if kernel.steps == 1, let poly = PolySpanBound.polyRemaining(kernel, count: count, power: nil, etaMin: nil) {
            // One PolyLR writing at every step: its chained values from the shared factors.
            try PolySpanBound.stepChained(&kernel, count: count, poly: poly)
            return (kernel, count)
        }
        if kernel.steps == 1, kernel.schedulers.cosineRun(limit: count)?.steps == count {
            // One cosine scheduler writing at every step of one period: its chained values from the shared terms.
            try kernel.stepCosineRuns(count: count)
            return (kernel, count)
        }
        var done = 0
        var work = 0
        var probe = Probe()
        while done < count {
            var run = 1
            if probe.due(done) {
                run = kernel.steady(limit: count - done)
                probe.found(run > 1, at: done)
            }
            if run > 1 { kernel.skipSteady(iterations: run - 1) }
            try kernel.step()
            work += 1
            done += run
        }
        return (kernel, work)
    }
}
