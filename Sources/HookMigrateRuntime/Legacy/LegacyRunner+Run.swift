/// The run loops of the MMCV adapter (runners-and-hooks.md 3.1, 3.2, 7.1).
extension LegacyRunner {
    /// The simulated metric key: the `save_best` key when one is named, else `metric`.
    var metricKey: String {
        for hook in hooks {
            if case .eval(let eval) = hook, let key = eval.saveBest, key != "auto" { return key }
        }
        return "metric"
    }

    /// Runs the whole schedule, sending every dispatch and effect to `sink`.
    public func run<S: TraceSink>(into sink: inout S) throws {
        var run = LegacyRun(runner: self)
        try run.execute(into: &sink)
    }

    /// Runs and returns the trace.
    public func trace(config: String) throws -> Trace {
        var trace = Trace(header: TraceHeader(runner: "legacy", config: config, itersPerEpoch: settings.itersPerEpoch))
        try run(into: &trace)
        return trace
    }
}

/// The mutable state of one legacy run.
struct LegacyRun {
    var runner: LegacyRunner
    var state: LegacyRunState
    var logReady = false
    var logMode = "train"
    var evaluations = 0
    /// Whether the model currently holds the EMA weights (MMCV's EMA hooks swap them in at
    /// after_train_epoch and out at the next before_train_epoch).
    var modelHoldsEMA = false

    /// Checkpoint events carry `[1]` when the saved state_dict holds EMA weights.
    var weightsMark: [Double] { modelHoldsEMA ? [1] : [] }

    init(runner: LegacyRunner) {
        self.runner = runner
        state = LegacyRunState(epoch: 0, iter: 0, inner: 0, maxEpochs: runner.maxEpochs, maxIters: runner.maxIters,
                               itersPerEpoch: runner.settings.itersPerEpoch, epochRunner: runner.epochRunner)
    }

    mutating func call<S: TraceSink>(_ point: MountPoint, _ sink: inout S) {
        sink.emit(.call, at: point, epoch: state.epoch, iter: state.iter, batch: state.inner, step: 0, text: nil, values: [])
    }

    mutating func effect<S: TraceSink>(_ kind: TraceEventKind, _ point: MountPoint, _ sink: inout S, step: Int = 0, text: String? = nil, values: [Double] = []) {
        sink.emit(kind, at: point, epoch: state.epoch, iter: state.iter, batch: state.inner, step: step, text: text, values: values)
    }

    mutating func execute<S: TraceSink>(into sink: inout S) throws {
        call(.beforeRun, &sink)
        if var hook = runner.lrHook { try hook.beforeRun(state, groups: &runner.groups); runner.lrHook = hook }
        if var hook = runner.momentumHook { try hook.beforeRun(state, groups: &runner.groups); runner.momentumHook = hook }
        if runner.epochRunner {
            try epochLoop(&sink)
        } else {
            try iterationLoop(&sink)
        }
        call(.afterRun, &sink)
    }

    // MARK: Loops

    mutating func epochLoop<S: TraceSink>(_ sink: inout S) throws {
        let epochs = runner.maxEpochs ?? 0
        while state.epoch < epochs {
            try trainEpoch(&sink)
            if runner.workflowHasVal { valEpoch(&sink) }
        }
    }

    mutating func trainEpoch<S: TraceSink>(_ sink: inout S) throws {
        try beforeTrainEpoch(&sink, generic: false)
        for batch in 0..<runner.settings.itersPerEpoch {
            state.inner = batch
            try trainIteration(&sink)
        }
        afterTrainEpoch(&sink, generic: false)
        state.epoch += 1
    }

    mutating func iterationLoop<S: TraceSink>(_ sink: inout S) throws {
        // IterBasedRunner: generic before_epoch once; the IterLoader's epoch lags one iteration (3.2).
        try beforeTrainEpoch(&sink, generic: true)
        var loaderEpoch = 0
        var consumed = 0
        var passIteration = 0
        state.inner = 0
        while state.iter < runner.maxIters {
            state.epoch = loaderEpoch
            if consumed == runner.settings.itersPerEpoch {
                loaderEpoch += 1
                consumed = 0
            }
            consumed += 1
            // `inner_iter` restarts at every pass over the workflow ([('train', n)]: 0..n-1) and is
            // incremented after each iteration, so after the loop it holds the last pass's length.
            if passIteration == 0 { state.inner = 0 }
            try trainIteration(&sink)
            state.inner += 1
            passIteration = (passIteration + 1) % runner.workflowTrainCount
        }
        afterTrainEpoch(&sink, generic: true)
    }

    mutating func trainIteration<S: TraceSink>(_ sink: inout S) throws {
        call(.beforeTrainIter, &sink)
        for index in runner.hooks.indices {
            switch runner.hooks[index] {
            case .lr:
                if var hook = runner.lrHook { try hook.beforeTrainIter(state, groups: &runner.groups); runner.lrHook = hook }
            case .momentum:
                if var hook = runner.momentumHook { try hook.beforeTrainIter(state, groups: &runner.groups); runner.momentumHook = hook }
            case .eval(var eval) where !eval.byEpoch:
                eval.updateDynamicInterval(progress: state.iter)
                if eval.evaluatesBeforeTraining(progress: state.iter) {
                    runner.hooks[index] = .eval(eval)
                    evaluate(index, step: state.iter, .beforeTrainIter, &sink)
                } else {
                    runner.hooks[index] = .eval(eval)
                }
            default:
                break
            }
        }
        call(.afterTrainIter, &sink)
        for index in runner.hooks.indices {
            switch runner.hooks[index] {
            case .optimizer(let cumulative):
                let window = cumulative > 1 ? cumulative : 1
                if window == 1 || (state.iter + 1) % window == 0 || state.iter + 1 == runner.maxIters {
                    effect(.optimStep, .afterTrainIter, &sink, step: runner.groups.count, values: optimValues())
                }
            case .checkpoint(var checkpoint) where !checkpoint.byEpoch:
                if let outcome = checkpoint.save(step: state.iter + 1, runnerStep: runner.epochRunner ? state.epoch + 1 : state.iter + 1,
                                                 epochRunner: runner.epochRunner, isLast: state.iter + 1 == runner.maxIters) {
                    effect(.checkpointSave, .afterTrainIter, &sink, step: outcome.step, text: outcome.saved, values: weightsMark)
                    for removed in outcome.removed { effect(.checkpointRemove, .afterTrainIter, &sink, step: removed.step, text: removed.file) }
                }
                runner.hooks[index] = .checkpoint(checkpoint)
            case .eval(let eval) where !eval.byEpoch:
                if eval.shouldEvaluate(progress: state.iter) {
                    // By iteration, EvalHook first runs every logger's after_train_iter itself (3.2).
                    for logger in runner.hooks.indices { if case .logger(let hook) = runner.hooks[logger] { loggerTrainIter(hook, &sink) } }
                    logReady = false
                    evaluate(index, step: state.iter + 1, .afterTrainIter, &sink)
                }
            case .logger(let logger):
                loggerTrainIter(logger, &sink)
                if isLastLogger(index) { resetLogBuffer() }
            case .ema(let ema):
                if let momentum = ema.update(at: state.iter) {
                    effect(.emaUpdate, .afterTrainIter, &sink, step: state.iter + 1, values: [momentum])
                }
            case .emptyCache(_, _, let afterIter) where afterIter:
                effect(.cacheEmpty, .afterTrainIter, &sink)
            default:
                break
            }
        }
        state.iter += 1
    }

    /// The reset-flag logger (the last one) clears the buffer after logging.
    mutating func resetLogBuffer() {
        logReady = false
        logMode = "train"
    }

    func isLastLogger(_ index: Int) -> Bool {
        !runner.hooks[(index + 1)...].contains { if case .logger = $0 { return true } else { return false } }
    }

    mutating func loggerTrainIter<S: TraceSink>(_ logger: LegacyLoggerHook, _ sink: inout S) {
        if logger.trainRecordDue(state) { logReady = true }
        if logReady { effect(.log, .afterTrainIter, &sink, step: logMode == "val" ? evaluationsStep : logger.label(state), text: logMode) }
    }

    var evaluationsStep: Int { state.iter + 1 }

    func optimValues() -> [Double] {
        runner.groups.map(\.lr) + runner.groups.map { $0.effectiveMomentum ?? .nan }
    }

    mutating func beforeTrainEpoch<S: TraceSink>(_ sink: inout S, generic: Bool) throws {
        call(.beforeTrainEpoch, &sink)
        for index in runner.hooks.indices {
            switch runner.hooks[index] {
            case .lr where !generic:
                if var hook = runner.lrHook { try hook.beforeTrainEpoch(state, groups: &runner.groups); runner.lrHook = hook }
            case .momentum where !generic:
                if var hook = runner.momentumHook { try hook.beforeTrainEpoch(state, groups: &runner.groups); runner.momentumHook = hook }
            case .eval(var eval) where !generic && eval.byEpoch:
                eval.updateDynamicInterval(progress: state.epoch)
                let now = eval.evaluatesBeforeTraining(progress: state.epoch)
                runner.hooks[index] = .eval(eval)
                if now { evaluate(index, step: state.epoch, .beforeTrainEpoch, &sink) }
            case .logger:
                logReady = false
                logMode = "train"
            case .ema where !generic:
                effect(.emaSwap, .beforeTrainEpoch, &sink)
                modelHoldsEMA = false // swaps the raw weights back (at epoch 0 both copies are equal)
            case .emptyCache(let beforeEpoch, _, _) where beforeEpoch:
                effect(.cacheEmpty, .beforeTrainEpoch, &sink)
            case .samplerSeed:
                effect(.samplerEpoch, .beforeTrainEpoch, &sink, step: state.epoch)
            default:
                break
            }
        }
    }

    mutating func afterTrainEpoch<S: TraceSink>(_ sink: inout S, generic: Bool) {
        call(.afterTrainEpoch, &sink)
        for index in runner.hooks.indices {
            switch runner.hooks[index] {
            case .checkpoint(var checkpoint) where !generic && checkpoint.byEpoch:
                if let outcome = checkpoint.save(step: state.epoch + 1, runnerStep: state.epoch + 1, epochRunner: runner.epochRunner,
                                                 isLast: state.epoch + 1 == (runner.maxEpochs ?? 0)) {
                    effect(.checkpointSave, .afterTrainEpoch, &sink, step: outcome.step, text: outcome.saved, values: weightsMark)
                    for removed in outcome.removed { effect(.checkpointRemove, .afterTrainEpoch, &sink, step: removed.step, text: removed.file) }
                }
                runner.hooks[index] = .checkpoint(checkpoint)
            case .eval(let eval) where !generic && eval.byEpoch:
                if eval.shouldEvaluate(progress: state.epoch) { evaluate(index, step: state.epoch + 1, .afterTrainEpoch, &sink) }
            case .logger(let logger) where !generic:
                if logReady { effect(.log, .afterTrainEpoch, &sink, step: state.epoch + 1, text: logMode) }
                _ = logger
                if isLastLogger(index) { resetLogBuffer() }
            case .ema where !generic:
                effect(.emaSwap, .afterTrainEpoch, &sink)
                modelHoldsEMA = true
            case .emptyCache(_, let afterEpoch, _) where afterEpoch:
                effect(.cacheEmpty, .afterTrainEpoch, &sink)
            case .syncBuffers:
                effect(.buffersSync, .afterTrainEpoch, &sink)
            default:
                break
            }
        }
    }

    /// An evaluation by the EvalHook at `index` for the 1-based `step`: metrics, then the best checkpoint.
    mutating func evaluate<S: TraceSink>(_ index: Int, step: Int, _ point: MountPoint, _ sink: inout S) {
        guard case .eval(var eval) = runner.hooks[index] else { return }
        let value = runner.settings.metrics.value(at: evaluations)
        evaluations += 1
        let key = runner.metricKey
        effect(.evaluation, point, &sink, step: step, text: key, values: [value])
        if let best = eval.best(score: value, metricKey: key, step: step) {
            if let removed = best.removed { effect(.bestRemove, point, &sink, step: removed.step, text: removed.file) }
            effect(.bestSave, point, &sink, step: step, text: best.saved, values: [value] + weightsMark)
        }
        runner.hooks[index] = .eval(eval)
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
        for index in runner.hooks.indices {
            if case .logger = runner.hooks[index] { effect(.log, .afterValEpoch, &sink, step: state.epoch, text: "val") }
            if case .syncBuffers = runner.hooks[index] { effect(.buffersSync, .afterValEpoch, &sink) }
        }
    }
}
