/// Quiet spans of a legacy run: how many of the next training iterations are quiet (`QuietIteration`), and
/// doing them without events. The proof's bulk path (`SpanProof`) uses these; every other unit of work goes
/// through `advance` as before. (The queries are `mutating` although they only read, like the run's
/// emitters: called from a mutating context, a non-mutating method received a copy of the whole run.)
extension LegacyRun {
    /// The next training iteration, when the run is about to do one (the only place a quiet span starts).
    var quietIteration: Int? {
        mutating get { nextTrainIteration() }
    }

    mutating func nextTrainIteration() -> Int? {
        guard phase == .iteration else { return nil }
        if runner.epochRunner { return state.iter }
        guard runner.workflow.indices.contains(flowIndex), runner.workflow[flowIndex].mode == "train", state.iter < runner.maxIters else { return nil }
        return state.iter
    }

    /// The batch counter the next iteration's events carry.
    var quietBatch: Int { mutating get { runner.epochRunner || flowDone > 0 ? state.inner : 0 } }

    /// IterBasedRunner with the workflow `[('train', 1)]`: every iteration is a whole workflow cycle, which
    /// starts `inner_iter` at 0 again.
    var cyclesEveryIteration: Bool {
        mutating get { !runner.epochRunner && runner.workflow.count == 1 && runner.workflow[0].count == 1 }
    }

    /// The batch counter iteration `iter` of a quiet span starting at the next iteration carries.
    mutating func quietBatch(at iter: Int) -> Int { cyclesEveryIteration ? 0 : quietBatch + (iter - state.iter) }

    /// The epoch counter the next iteration's events carry (IterBasedRunner: the IterLoader's lagging epoch).
    var quietEpoch: Int { mutating get { runner.epochRunner ? state.epoch : loaderEpoch } }

    /// How many iterations from the next one on (at most `limit`) are quiet, with what each emits; `nil`
    /// when the next one is not. A span stops short of the epoch's (or workflow entry's) last iteration, the
    /// run's first and last iterations, and every iteration at which a hook does something of its own.
    mutating func quietSpan(limit: Int) -> (count: Int, template: QuietIteration)? {
        guard let iter = quietIteration, iter > 0, limit > 0, !logReady,
              lrHook?.iterationUpdateIsMemoryless ?? true, momentumHook?.iterationUpdateIsMemoryless ?? true else { return nil }
        let length = runner.settings.itersPerEpoch
        guard length > 0 else { return nil }
        var count = limit
        func bound(_ value: Int?) { count = Swift.min(count, value ?? 0) }
        bound(QuietBound.until(runner.maxIters - 1, from: iter))
        let batch = quietBatch
        if runner.epochRunner {
            bound(QuietBound.until(length - 1, from: batch))
        } else if !cyclesEveryIteration {
            bound(QuietBound.until(runner.workflow[flowIndex].count - 1, from: flowDone))
        }
        var template = QuietIteration()
        for action in dispatch.beforeTrainIter {
            if case .eval(let index) = action { bound(evaluationBound(index, iter: iter)) }
        }
        // The train records are periodic when every logger hook has one interval and one counter: all are
        // due together (the first sets the log buffer, each writes a record, the last clears it).
        let loggers = dispatch.loggerHooks
        if let first = loggers.first, first.interval > 0, loggers.allSatisfy({ $0.interval == first.interval && $0.byEpoch == first.byEpoch }),
           !(first.byEpoch && cyclesEveryIteration) {
            let logs = QuietLogs(interval: first.interval, position: first.byEpoch ? batch : iter, copies: loggers.count)
            template.logs = logs
            // A record at the legacy loader's last batch step is R9's business: it runs event by event.
            let lastBatchRecord = length - 1 - logs.position
            if lastBatchRecord >= 0, logs.due(lastBatchRecord) { bound(lastBatchRecord) }
        }
        if let stepping = runner.settings.modelStepping {
            // The model's own steps come first in the iteration's after_train_iter events.
            if stepping.isPeriodic(from: iter) {
                template.stepping = stepping
                template.lastKind = .optimStep
                template.lastKindLogging = .optimStep
            } else {
                bound(stepping.quietIterations(from: iter))
                if stepping.steps(at: iter) > 0 {
                    template.optimizerSteps = true
                    template.lastKind = .optimStep
                    template.lastKindLogging = .optimStep
                }
            }
        }
        // Whether an action before the one at hand emits in quiet iterations (then an accumulating
        // optimizer's steps would not come right after the after_train_iter call, as a pattern's do).
        var emittedBefore = false
        // The saves are periodic for IterBasedRunner's one by-iteration hook that keeps every file, with no
        // optimizer hook after it (its steps would follow a save within the iteration).
        let periodicSaves = !runner.epochRunner && dispatch.checkpoints.count == 1 && dispatch.checkpoints[0].maxKeep <= 0
            && !(dispatch.afterTrainIter.drop { if case .checkpoint = $0 { return false } else { return true } }
                .contains { if case .optimizer = $0 { return true } else { return false } })
        var saved = false
        for action in dispatch.afterTrainIter {
            guard count > 0 else { return nil }
            switch action {
            case .optimizer(let window):
                // An optimizer hook beside a stepping pattern: event by event.
                if template.stepping != nil { return nil }
                let accumulating = ModelStepping.accumulating(window: window)
                if window == 1 {
                    template.optimizerSteps = true
                    template.lastKind = .optimStep
                    template.lastKindLogging = .optimStep
                } else if !emittedBefore, accumulating.isPeriodic(from: iter) {
                    // Steps at every window's last iteration: a periodic pattern (the run's last iteration,
                    // which also steps, ends every span).
                    template.stepping = accumulating
                    template.lastKind = .optimStep
                    template.lastKindLogging = .optimStep
                } else {
                    bound(QuietBound.untilMultiple(of: window, from: iter + 1))
                }
            case .checkpoint(let index):
                let hook = dispatch.checkpoints[index]
                guard hook.interval > 0 else { break }
                if periodicSaves, let saves = QuietCheckpoints(interval: hook.interval, offset: 0, iter: iter, template: hook.filenameTemplate,
                                                               epochs: false, holdsEMA: modelHoldsEMA) {
                    // On the grid of `iter + 1` (the file is named by it: IterBasedRunner).
                    template.checkpoints = saves
                    template.saveEndsIteration = true
                    saved = true
                } else {
                    bound(QuietBound.untilMultiple(of: hook.interval, from: iter + 1))
                }
            case .eval(let index):
                bound(evaluationBound(index, iter: iter))
            case .logger(let index, _):
                let logger = dispatch.loggerHooks[index]
                emittedBefore = true
                if saved { template.loggerAfterSave = true }
                if template.logs != nil {
                    template.lastKindLogging = .log
                } else if logger.interval > 0 {
                    // Records in their own interval: each one is a boundary.
                    if logger.byEpoch, cyclesEveryIteration {
                        // inner_iter is 0 at every iteration: a record every iteration or never.
                        if 1 % logger.interval == 0 { return nil }
                    } else {
                        bound(QuietBound.untilMultiple(of: logger.interval, from: (logger.byEpoch ? batch : iter) + 1))
                    }
                }
                if !logger.ignoreLast, batch < length {
                    if cyclesEveryIteration {
                        if length == 1 { return nil }
                    } else {
                        bound(QuietBound.until(length - 1, from: batch))
                    }
                }
            case .ema(let index):
                let ema = dispatch.emas[index]
                guard ema.interval > 0 else { return nil }
                if ema.interval == 1 {
                    // An update whose momentum follows no law (a warm-up still capping it) is a boundary.
                    guard let law = ema.momentumLaw(from: iter) else { return nil }
                    emittedBefore = true
                    template.saveEndsIteration = false
                    template.emaLaws.append(law)
                    template.emaUpdates += 1
                    template.lastKind = .emaUpdate
                    template.lastKindLogging = .emaUpdate
                } else {
                    bound(QuietBound.untilMultiple(of: ema.interval, from: ema.kind == .mmcv ? iter : iter + 1))
                }
            case .emptyCache:
                emittedBefore = true
                template.saveEndsIteration = false
                template.cacheEmpties += 1
                template.lastKind = .cacheEmpty
                template.lastKindLogging = .cacheEmpty
            default:
                break
            }
        }
        return count > 0 ? (count, template) : nil
    }

    /// Iterations until the by-iteration EvalHook at `index` next evaluates or changes its interval.
    mutating func evaluationBound(_ index: Int, iter: Int) -> Int? {
        var eval = dispatch.evals[index]
        eval.updateDynamicInterval(progress: iter)
        var count = Int.max
        // The interval in force changes where progress + 1 reaches a milestone.
        for pair in eval.dynamicIntervals where pair.milestone > iter + 1 { count = Swift.min(count, pair.milestone - 1 - iter) }
        let next = eval.start.map { QuietBound.untilAligned(iter + 1, start: $0, interval: eval.interval) }
            ?? QuietBound.untilMultiple(of: eval.interval, from: iter + 1)
        // A non-positive interval never evaluates (mmgen's hook); only a milestone ahead bounds the span then.
        guard let next else { return count == Int.max ? nil : count }
        return Swift.min(count, next)
    }

    /// The counters the lr and momentum hooks see at iteration `iter` of a quiet span starting at the next
    /// iteration.
    mutating func quietState(at iter: Int) -> LegacyRunState {
        var counters = state
        counters.epoch = runner.epochRunner ? state.epoch : laggingEpoch(after: iter - state.iter)
        counters.iter = iter
        counters.inner = quietBatch(at: iter)
        return counters
    }

    /// IterBasedRunner: the epoch the IterLoader reports after `drawn` more batches have been drawn (the
    /// run's `iterLoaderNext` in closed form; `runner.epoch` is set before each draw, so it lags).
    mutating func laggingEpoch(after drawn: Int) -> Int {
        let length = runner.settings.itersPerEpoch
        let before = loaderEpoch * length + consumed + drawn
        return before <= 0 ? 0 : (before - 1) / length
    }

    /// `before_train_iter` of the lr and momentum hooks for iteration `iter` of the quiet span starting at
    /// the next iteration (they are memoryless: applying them twice for one iteration is applying them once,
    /// and skipping iterations that write the same values as the next one applied changes nothing).
    mutating func applySchedule(at iter: Int) throws {
        let counters = quietState(at: iter)
        for action in dispatch.beforeTrainIter {
            switch action {
            case .lr: try lrHook?.beforeTrainIter(counters, groups: &groups)
            case .momentum: try momentumHook?.beforeTrainIter(counters, groups: &groups)
            default: break
            }
        }
    }

    /// Of the next `count` iterations, how many carry an epoch other than 0 or a batch other than the
    /// iteration (what R3 counts in an iteration run).
    mutating func laggingCounterIterations(_ count: Int) -> Int {
        if cyclesEveryIteration || quietBatch != state.iter { return count }
        if runner.epochRunner { return state.epoch != 0 ? count : 0 }
        // The lagging epoch is 0 while no more than one loader's worth of batches has been drawn.
        let length = runner.settings.itersPerEpoch
        let drawn = loaderEpoch * length + consumed
        let zeroEpoch = Swift.max(0, Swift.min(count, length - drawn + 1))
        return count - zeroEpoch
    }

    /// Does the next `count` quiet iterations' bookkeeping (the lr and momentum hooks have been applied for
    /// the last of them): counters, the IterLoader, the workflow cursor, the EvalHooks' dynamic intervals.
    mutating func skipQuiet(_ count: Int) {
        guard count > 0 else { return }
        let last = state.iter + count - 1
        for index in dispatch.evals.indices where !dispatch.evals[index].byEpoch {
            dispatch.evals[index].updateDynamicInterval(progress: last)
        }
        if runner.epochRunner {
            state.inner += count
        } else {
            let length = runner.settings.itersPerEpoch
            state.epoch = laggingEpoch(after: count - 1)
            let drawn = loaderEpoch * length + consumed + count
            loaderEpoch = (drawn - 1) / length
            consumed = (drawn - 1) % length + 1
            if cyclesEveryIteration {
                // Each iteration ends its cycle: inner_iter was 0, is 1 after it, and the cursor is back at 0.
                state.inner = 1
                flowDone = 0
            } else {
                state.inner = quietBatch + count
                flowDone += count
            }
        }
        state.iter += count
    }
}
