/// Running the MMCV adapter (runners-and-hooks.md 3.1, 3.2, 7.1).
extension LegacyRunner {
    /// The simulated metric key: the `save_best` key when one is named, else `metric`.
    var metricKey: String {
        for hook in hooks {
            if case .eval(let eval) = hook, let key = eval.saveBest, key != "auto" { return key }
            if case .eval(let eval) = hook, let key = eval.generativeBest?.best.first?.name { return key }
        }
        return "metric"
    }
}

/// One legacy run as a steppable producer: each `advance` does one unit of work (the run's start, an epoch
/// boundary, one training iteration, the end) and emits its events, so a consumer can run it in lockstep
/// with another run and keep nothing but a window.
public struct LegacyRun: Sendable {
    enum Phase: Sendable { case start, epochBegin, iteration, epochEnd, finish, done }

    let runner: LegacyRunner
    /// The dispatch lists, and the hooks' state they act on.
    var dispatch: LegacyDispatch
    let metricKey: String
    var state: LegacyRunState
    var phase = Phase.start
    var groups: [ParamGroup]
    var lrHook: (any LegacyParamHook)?
    var momentumHook: (any LegacyParamHook)?
    var logReady = false
    var logMode = "train"
    var evaluations = 0
    /// Whether the model currently holds the EMA weights (MMCV's EMA hooks swap them in at
    /// after_train_epoch and out at the next before_train_epoch).
    var modelHoldsEMA = false
    // IterBasedRunner's IterLoader bookkeeping.
    var loaderEpoch = 0
    var consumed = 0
    // IterBasedRunner's workflow cursor: the entry running and the iterations it has done.
    var flowIndex = 0
    var flowDone = 0

    /// Prepares a run of `runner`.
    public init(runner: LegacyRunner) {
        self.runner = runner
        dispatch = LegacyDispatch(runner.hooks)
        metricKey = runner.metricKey
        state = LegacyRunState(epoch: 0, iter: 0, inner: 0, maxEpochs: runner.maxEpochs, maxIters: runner.maxIters,
                               itersPerEpoch: runner.settings.itersPerEpoch, epochRunner: runner.epochRunner)
        groups = runner.groups
        lrHook = runner.lrHook
        momentumHook = runner.momentumHook
    }

    /// Checkpoint events carry `[1]` when the saved state_dict holds EMA weights.
    var weightsMark: TraceValues { modelHoldsEMA ? TraceValues(1) : TraceValues() }

    // `call`, `effect` and the other emitters are `mutating` although they only read: called from the run's
    // mutating loop, a non-mutating method received a copy of the whole run (every array it holds retained
    // and released per event), which made the runners ten times slower.
    @inline(__always) mutating func call<S: TraceSink>(_ point: MountPoint, _ sink: inout S) {
        sink.emit(.call, at: point, epoch: state.epoch, iter: state.iter, batch: state.inner, step: 0, text: nil, values: TraceValues())
    }

    @inline(__always) mutating func effect<S: TraceSink>(_ kind: TraceEventKind, _ point: MountPoint, _ sink: inout S, step: Int = 0,
                                                text: String? = nil, values: TraceValues = TraceValues()) {
        sink.emit(kind, at: point, epoch: state.epoch, iter: state.iter, batch: state.inner, step: step, text: text, values: values)
    }

    /// Does the next unit of work; `false` once the run has ended.
    public mutating func advance<S: TraceSink>(into sink: inout S) throws -> Bool {
        switch phase {
        case .start:
            call(.beforeRun, &sink)
            try lrHook?.beforeRun(state, groups: &groups)
            try momentumHook?.beforeRun(state, groups: &groups)
            if runner.epochRunner {
                phase = state.epoch < (runner.maxEpochs ?? 0) ? .epochBegin : .finish
            } else {
                // IterBasedRunner: generic before_epoch once; the IterLoader's epoch lags one iteration (3.2).
                try beforeTrainEpoch(&sink, dispatch.beforeGenericEpoch)
                state.inner = 0
                phase = state.iter < runner.maxIters ? .iteration : .epochEnd
            }
        case .epochBegin:
            try beforeTrainEpoch(&sink, dispatch.beforeTrainEpoch)
            if runner.settings.itersPerEpoch > 0 {
                state.inner = 0
                phase = .iteration
            } else {
                phase = .epochEnd
            }
        case .iteration:
            if runner.epochRunner {
                try trainIteration(&sink)
                if state.inner + 1 < runner.settings.itersPerEpoch {
                    state.inner += 1
                } else {
                    phase = .epochEnd
                }
            } else {
                try workflowIteration(&sink)
            }
        case .epochEnd:
            if runner.epochRunner {
                afterTrainEpoch(&sink, dispatch.afterTrainEpoch)
                state.epoch += 1
                if runner.workflowHasVal { valEpoch(&sink) }
                phase = state.epoch < (runner.maxEpochs ?? 0) ? .epochBegin : .finish
            } else {
                afterTrainEpoch(&sink, dispatch.afterGenericEpoch)
                phase = .finish
            }
        case .finish:
            call(.afterRun, &sink)
            phase = .done
        case .done:
            return false
        }
        return true
    }

    /// IterBasedRunner.run: one iteration of the current workflow entry. Every entry starts with `inner_iter`
    /// 0, which each iteration increments; a train entry stops at max_iters, the entries after it still run
    /// (a val entry after the last train iterations too), and the run ends when the cycle is complete.
    mutating func workflowIteration<S: TraceSink>(_ sink: inout S) throws {
        let entry = runner.workflow[flowIndex]
        if flowDone == 0 { state.inner = 0 }
        if entry.mode == "train" {
            if state.iter < runner.maxIters {
                iterLoaderNext()
                try trainIteration(&sink)
                state.inner += 1
            }
        } else {
            // IterBasedRunner.val: before/after_val_iter only (no hook of the simulated set acts there).
            call(.beforeValIter, &sink)
            call(.afterValIter, &sink)
            state.inner += 1
        }
        flowDone += 1
        if flowDone >= entry.count || (entry.mode == "train" && state.iter >= runner.maxIters) {
            flowIndex = (flowIndex + 1) % runner.workflow.count
            flowDone = 0
            if flowIndex == 0, state.iter >= runner.maxIters { phase = .epochEnd }
        }
    }

    /// IterBasedRunner: the IterLoader's epoch, which lags: it counts passes over the loader.
    mutating func iterLoaderNext() {
        state.epoch = loaderEpoch
        if consumed == runner.settings.itersPerEpoch {
            loaderEpoch += 1
            consumed = 0
        }
        consumed += 1
    }

    // MARK: Mount points

    mutating func beforeTrainEpoch<S: TraceSink>(_ sink: inout S, _ actions: [LegacyAction]) throws {
        call(.beforeTrainEpoch, &sink)
        for action in actions {
            switch action {
            case .lr: try lrHook?.beforeTrainEpoch(state, groups: &groups)
            case .momentum: try momentumHook?.beforeTrainEpoch(state, groups: &groups)
            case .eval(let index):
                dispatch.evals[index].updateDynamicInterval(progress: state.epoch)
                if dispatch.evals[index].evaluatesBeforeTraining(progress: state.epoch) { evaluate(index, step: state.epoch, .beforeTrainEpoch, &sink) }
            case .logger:
                logReady = false
                logMode = "train"
            case .ema:
                effect(.emaSwap, .beforeTrainEpoch, &sink)
                modelHoldsEMA = false // swaps the raw weights back (at epoch 0 both copies are equal)
            case .emptyCache: effect(.cacheEmpty, .beforeTrainEpoch, &sink)
            case .samplerSeed: effect(.samplerEpoch, .beforeTrainEpoch, &sink, step: state.epoch)
            default: break
            }
        }
    }

    mutating func trainIteration<S: TraceSink>(_ sink: inout S) throws {
        call(.beforeTrainIter, &sink)
        for action in dispatch.beforeTrainIter {
            switch action {
            case .lr: try lrHook?.beforeTrainIter(state, groups: &groups)
            case .momentum: try momentumHook?.beforeTrainIter(state, groups: &groups)
            case .eval(let index):
                dispatch.evals[index].updateDynamicInterval(progress: state.iter)
                if dispatch.evals[index].evaluatesBeforeTraining(progress: state.iter) { evaluate(index, step: state.iter, .beforeTrainIter, &sink) }
            default: break
            }
        }
        // A model that steps its own optimizer does so in train_step, with the values the hooks just wrote;
        // reported right after the after_train_iter call (as the new run reports its steps).
        let modelSteps = runner.settings.modelStepping?.steps(at: state.iter) ?? 0
        let modelValues = modelSteps > 0 ? groups.stepValues : TraceValues()
        call(.afterTrainIter, &sink)
        for _ in 0..<modelSteps { effect(.optimStep, .afterTrainIter, &sink, step: groups.count, values: modelValues) }
        let finished = state.iter + 1
        for action in dispatch.afterTrainIter {
            switch action {
            case .optimizer(let window):
                if window == 1 || finished % window == 0 || finished == runner.maxIters {
                    effect(.optimStep, .afterTrainIter, &sink, step: groups.count, values: groups.stepValues)
                }
            case .checkpoint(let index):
                if let outcome = dispatch.checkpoints[index].save(step: finished, runnerStep: runner.epochRunner ? state.epoch + 1 : finished,
                                                         epochRunner: runner.epochRunner, isLast: finished == runner.maxIters) {
                    saved(outcome, .afterTrainIter, &sink)
                }
            case .eval(let index):
                if dispatch.evals[index].shouldEvaluate(progress: state.iter) {
                    // By iteration, EvalHook first runs every logger's after_train_iter itself (3.2); mmedit's
                    // EvalIterHook clears the log buffer instead.
                    if !dispatch.evals[index].clearsLogBuffer {
                        for logger in dispatch.loggers { loggerTrainIter(dispatch.loggerHooks[logger], &sink) }
                    }
                    logReady = false
                    evaluate(index, step: finished, .afterTrainIter, &sink)
                }
            case .logger(let index, let last):
                loggerTrainIter(dispatch.loggerHooks[index], &sink)
                if last { resetLogBuffer() }
            case .ema(let index):
                if let momentum = dispatch.emas[index].update(at: state.iter) {
                    effect(.emaUpdate, .afterTrainIter, &sink, step: finished, values: TraceValues(momentum))
                }
            case .emptyCache: effect(.cacheEmpty, .afterTrainIter, &sink)
            default: break
            }
        }
        state.iter += 1
    }

    mutating func afterTrainEpoch<S: TraceSink>(_ sink: inout S, _ actions: [LegacyAction]) {
        call(.afterTrainEpoch, &sink)
        for action in actions {
            switch action {
            case .checkpoint(let index):
                if let outcome = dispatch.checkpoints[index].save(step: state.epoch + 1, runnerStep: state.epoch + 1, epochRunner: runner.epochRunner,
                                                         isLast: state.epoch + 1 == (runner.maxEpochs ?? 0)) {
                    saved(outcome, .afterTrainEpoch, &sink)
                }
            case .eval(let index):
                if dispatch.evals[index].shouldEvaluate(progress: state.epoch) { evaluate(index, step: state.epoch + 1, .afterTrainEpoch, &sink) }
            case .logger(_, let last):
                if logReady { effect(.log, .afterTrainEpoch, &sink, step: state.epoch + 1, text: logMode) }
                if last { resetLogBuffer() }
            case .ema:
                effect(.emaSwap, .afterTrainEpoch, &sink)
                modelHoldsEMA = true
            case .emptyCache: effect(.cacheEmpty, .afterTrainEpoch, &sink)
            case .syncBuffers: effect(.buffersSync, .afterTrainEpoch, &sink)
            default: break
            }
        }
    }

    mutating func saved<S: TraceSink>(_ outcome: LegacyCheckpointHook.Outcome, _ point: MountPoint, _ sink: inout S) {
        effect(.checkpointSave, point, &sink, step: outcome.step, text: outcome.saved, values: weightsMark)
        for removed in outcome.removed { effect(.checkpointRemove, point, &sink, step: removed.step, text: removed.file) }
    }

    /// The reset-flag logger (the last one) clears the buffer after logging.
    mutating func resetLogBuffer() {
        logReady = false
        logMode = "train"
    }

    mutating func loggerTrainIter<S: TraceSink>(_ logger: LegacyLoggerHook, _ sink: inout S) {
        if logger.trainRecordDue(state) { logReady = true }
        if logReady { effect(.log, .afterTrainIter, &sink, step: logMode == "val" ? state.iter + 1 : logger.label(state), text: logMode) }
    }


    /// An evaluation by the EvalHook at `index` for the 1-based `step`: metrics, then the best checkpoint.
    mutating func evaluate<S: TraceSink>(_ index: Int, step: Int, _ point: MountPoint, _ sink: inout S) {
        let value = runner.settings.metrics.value(at: evaluations)
        evaluations += 1
        effect(.evaluation, point, &sink, step: step, text: metricKey, values: TraceValues(value))
        if dispatch.evals[index].generativeBest != nil {
            // The i-th tracked metric reports the i-th key's value (MetricSequence).
            let metrics = runner.settings.metrics
            let done = evaluations - 1
            for outcome in dispatch.evals[index].generativeBest?.update(step: step, score: { metrics.value(at: done, metric: $0) }) ?? [] {
                if let removed = outcome.removed { effect(.bestRemove, point, &sink, step: removed.step, text: removed.file) }
                var values = TraceValues(outcome.score)
                if modelHoldsEMA { values.append(1) }
                effect(.bestSave, point, &sink, step: step, text: outcome.saved, values: values)
            }
        } else if let best = dispatch.evals[index].best(score: value, metricKey: metricKey, step: step) {
            if let removed = best.removed { effect(.bestRemove, point, &sink, step: removed.step, text: removed.file) }
            var values = TraceValues(value)
            if modelHoldsEMA { values.append(1) }
            effect(.bestSave, point, &sink, step: step, text: best.saved, values: values)
        }
        logReady = true
        logMode = "val"
    }

    mutating func valEpoch<S: TraceSink>(_ sink: inout S) {
        call(.beforeValEpoch, &sink)
        for batch in 0..<runner.settings.valIters {
            state.inner = batch
            call(.beforeValIter, &sink)
            call(.afterValIter, &sink)
        }
        call(.afterValEpoch, &sink)
        for action in dispatch.afterValEpoch {
            switch action {
            case .logger: effect(.log, .afterValEpoch, &sink, step: state.epoch, text: "val")
            case .syncBuffers: effect(.buffersSync, .afterValEpoch, &sink)
            default: break
            }
        }
    }
}
