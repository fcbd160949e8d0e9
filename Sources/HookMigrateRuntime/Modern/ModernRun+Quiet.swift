/// Quiet spans of an MMEngine run (see `LegacyRun+Quiet.swift` and `QuietIteration`).
extension ModernRun {
    /// The next training iteration, when the run is about to do one.
    var quietIteration: Int? { mutating get { phase == .iteration ? iter : nil } }

    /// The batch index the next iteration's events carry (the global iteration in an iteration loop).
    var quietBatch: Int { mutating get { runner.loop.byEpoch ? batch : iter } }

    /// How many iterations from the next one on (at most `limit`) are quiet, with what each emits; `nil`
    /// when the next one is not. A span stops short of the epoch's last iteration, the run's first and last
    /// iterations, and every iteration at which a hook or the validation loop does something of its own.
    mutating func quietSpan(limit: Int) -> (count: Int, template: QuietIteration)? {
        guard let iter = quietIteration, iter > 0, limit > 0 else { return nil }
        let loop = runner.loop
        let length = loop.itersPerEpoch
        guard length > 0 else { return nil }
        var count = limit
        func bound(_ value: Int?) { count = Swift.min(count, value ?? 0) }
        bound(QuietBound.until(loop.maxIters - 1, from: iter))
        let batchIndex = quietBatch
        if loop.byEpoch { bound(QuietBound.until(length - 1, from: batch)) }
        var template = QuietIteration()
        // One LoggerHook records every `interval` batches (iterations in an iteration loop): periodic records.
        let loggers = dispatch.loggers
        if loggers.count == 1, let logger = loggers.first, logger.interval > 0 {
            let logs = QuietLogs(interval: logger.interval, position: batchIndex, copies: 1)
            template.logs = logs
            // A record at the legacy loader's last batch step is R9's business: it runs event by event.
            let lastBatchRecord = length - 1 - logs.position
            if lastBatchRecord >= 0, logs.due(lastBatchRecord) { bound(lastBatchRecord) }
        }
        let window = Swift.max(1, runner.accumulativeCounts)
        if let stepping = runner.settings.modelStepping {
            if runner.steps, stepping.isPeriodic(from: iter) {
                template.stepping = stepping
                template.lastKind = .optimStep
                template.lastKindLogging = .optimStep
            } else if runner.steps {
                bound(stepping.quietIterations(from: iter))
                if stepping.steps(at: iter) > 0 {
                    template.optimizerSteps = true
                    template.lastKind = .optimStep
                    template.lastKindLogging = .optimStep
                }
            }
        } else if runner.steps {
            let accumulating = ModelStepping.accumulating(window: window)
            if window == 1 {
                template.optimizerSteps = true
                template.lastKind = .optimStep
                template.lastKindLogging = .optimStep
            } else if accumulating.isPeriodic(from: iter) {
                // Steps at every window's last iteration, right after the after_train_iter call: a periodic
                // pattern (the run's last iteration, which also steps, ends every span).
                template.stepping = accumulating
                template.lastKind = .optimStep
                template.lastKindLogging = .optimStep
            } else {
                bound(QuietBound.untilMultiple(of: window, from: iter + 1))
            }
        }
        // The saves are periodic for one by-iteration hook that keeps every file (the optimizer steps come
        // before every hook's after_train_iter).
        let periodicSaves = dispatch.checkpoints.count == 1 && dispatch.checkpoints[0].maxKeep <= 0
        var saved = false
        for action in dispatch.afterTrainIter {
            guard count > 0 else { return nil }
            switch action {
            case .logger(let index):
                let logger = dispatch.loggers[index]
                guard logger.interval > 0 else { return nil }
                if saved { template.loggerAfterSave = true }
                if template.logs != nil {
                    template.lastKindLogging = .log
                } else {
                    bound(QuietBound.untilMultiple(of: logger.interval, from: batchIndex + 1))
                }
                if batchIndex < length, !logger.ignoreLast || length <= logger.interval { bound(QuietBound.until(length - 1, from: batchIndex)) }
            case .checkpoint(let index):
                let checkpoint = dispatch.checkpoints[index]
                guard checkpoint.interval > 0 else { break }
                // Past `save_begin`, the grid is the steps congruent to it.
                if periodicSaves, iter + 1 >= checkpoint.saveBegin, !checkpoint.byEpoch,
                   let saves = QuietCheckpoints(interval: checkpoint.interval, offset: checkpoint.gridOffset, iter: iter,
                                                template: checkpoint.filenameTemplate, epochs: false, holdsEMA: holdsEMA) {
                    template.checkpoints = saves
                    template.saveEndsIteration = true
                    saved = true
                } else {
                    bound(QuietBound.untilAligned(iter + 1, start: checkpoint.saveBegin, interval: checkpoint.interval))
                }
            case .ema(let index):
                let ema = dispatch.emas[index]
                guard ema.interval > 0 else { return nil }
                if !ema.started(iter: iter, epoch: epoch) {
                    // Not started: the EMA copy is overwritten at every iteration.
                    if ema.beginEpoch <= 0 { bound(QuietBound.until(ema.beginIter, from: iter + 1)) }
                    template.saveEndsIteration = false
                    template.emaLaws.append(.constant(1))
                    template.emaUpdates += 1
                    template.lastKind = .emaUpdate
                    template.lastKindLogging = .emaUpdate
                } else if ema.interval == 1 {
                    // The first update (a copy) and one whose momentum follows no law are boundaries.
                    guard let law = ema.momentumLaw(from: iter, epoch: epoch) else { return nil }
                    template.saveEndsIteration = false
                    template.emaLaws.append(law)
                    template.emaUpdates += 1
                    template.lastKind = .emaUpdate
                    template.lastKindLogging = .emaUpdate
                } else {
                    guard ema.steps > 0, ema.steps % ema.interval != 0 else { return nil }
                    bound(ema.interval - ema.steps % ema.interval)
                }
            case .emptyCache:
                template.saveEndsIteration = false
                template.cacheEmpties += 1
                template.lastKind = .cacheEmpty
                template.lastKindLogging = .cacheEmpty
            default:
                break
            }
        }
        if !loop.byEpoch, runner.hasVal {
            // ValLoop after iteration j runs when j + 1 >= val_begin and (j + 1) % interval(j + 2) == 0.
            for pair in runner.dynamicIntervals where pair.milestone > iter + 2 { bound(pair.milestone - 2 - iter) }
            let interval = runner.interval(for: iter + 2)
            guard interval > 0 else { return nil }
            bound(QuietBound.untilMultiple(of: interval, from: iter + 1, atLeast: runner.valBegin))
        }
        return count > 0 ? (count, template) : nil
    }

    /// `ParamSchedulerHook.after_train_iter` calls per iteration (one per registered hook).
    var schedulerStepsPerIteration: Int {
        mutating get { dispatch.afterTrainIter.reduce(0) { count, action in
            if case .paramScheduler = action { return count + 1 }
            return count
        } }
    }

    /// Does the next `count` quiet iterations' bookkeeping (the schedulers have been stepped): counters and
    /// the EMA hooks' update counts.
    mutating func skipQuiet(_ count: Int) {
        guard count > 0 else { return }
        for index in dispatch.emas.indices { dispatch.emas[index].skipQuiet(count, iter: iter, epoch: epoch) }
        for index in dispatch.checkpoints.indices { dispatch.checkpoints[index].skipSaves(from: iter + 1, through: iter + count) }
        iter += count
        if runner.loop.byEpoch { batch += count } else { batch = iter - 1 }
    }
}
