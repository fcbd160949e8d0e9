/// The loops of the new Runner (runners-and-hooks.md 3.3, 7.2).
extension ModernRunner {
    /// The simulated metric key: the first `save_best` key when one is named, else `metric`.
    var metricKey: String {
        for hook in hooks {
            if case .checkpoint(let checkpoint) = hook, let key = checkpoint.saveBest.first, key != "auto" { return key }
        }
        return "metric"
    }

    /// Runs the whole schedule, sending every dispatch and effect to `sink`.
    public func run<S: TraceSink>(into sink: inout S) throws {
        var run = ModernRun(runner: self)
        try run.execute(into: &sink)
    }

    /// Runs and returns the trace.
    public func trace(config: String) throws -> Trace {
        var trace = Trace(header: TraceHeader(runner: "new", config: config, itersPerEpoch: settings.itersPerEpoch))
        try run(into: &trace)
        return trace
    }

    /// `val_interval` in force for a progress value (`bisect` over the dynamic milestones).
    func interval(for progress: Int) -> Int {
        var current = valInterval
        for pair in dynamicIntervals where pair.milestone <= progress { current = pair.interval }
        return current
    }
}

/// The mutable state of one MMEngine run.
struct ModernRun {
    var runner: ModernRunner
    var epoch = 0
    var iter = 0
    var batch = 0
    var evaluations = 0

    init(runner: ModernRunner) {
        self.runner = runner
    }

    /// Checkpoint events carry `[1]` when the saved state_dict holds EMA weights: MMEngine's EMAHook puts
    /// them there in before_save_checkpoint, whatever its priority.
    var weightsMark: [Double] {
        runner.hooks.contains { if case .ema = $0 { return true } else { return false } } ? [1] : []
    }

    mutating func call<S: TraceSink>(_ point: MountPoint, _ sink: inout S) {
        sink.emit(.call, at: point, epoch: epoch, iter: iter, batch: batch, step: 0, text: nil, values: [])
    }

    mutating func effect<S: TraceSink>(_ kind: TraceEventKind, _ point: MountPoint, _ sink: inout S, step: Int = 0, text: String? = nil, values: [Double] = []) {
        sink.emit(kind, at: point, epoch: epoch, iter: iter, batch: batch, step: step, text: text, values: values)
    }

    mutating func execute<S: TraceSink>(into sink: inout S) throws {
        call(.beforeRun, &sink)
        call(.beforeTrain, &sink)
        if runner.loop.byEpoch {
            while epoch < runner.loop.maxEpochs {
                beforeTrainEpoch(&sink)
                for index in 0..<runner.loop.itersPerEpoch {
                    batch = index
                    try trainIteration(batchIndex: index, &sink)
                }
                try afterTrainEpoch(&sink)
                epoch += 1
                if runner.hasVal, epoch >= runner.valBegin, epoch % runner.interval(for: epoch + 1) == 0 || epoch == runner.loop.maxEpochs {
                    validate(step: epoch, &sink)
                }
            }
        } else {
            beforeTrainEpoch(&sink)
            while iter < runner.loop.maxIters {
                batch = iter
                try trainIteration(batchIndex: iter, &sink)
                if runner.hasVal, iter >= runner.valBegin, iter % runner.interval(for: iter + 1) == 0 || iter == runner.loop.maxIters {
                    validate(step: iter, &sink)
                }
            }
            try afterTrainEpoch(&sink)
        }
        call(.afterTrain, &sink)
        call(.afterRun, &sink)
    }

    mutating func beforeTrainEpoch<S: TraceSink>(_ sink: inout S) {
        call(.beforeTrainEpoch, &sink)
        for hook in runner.hooks {
            switch hook {
            case .samplerSeed: effect(.samplerEpoch, .beforeTrainEpoch, &sink, step: epoch)
            case .emptyCache(let before, _, _) where before: effect(.cacheEmpty, .beforeTrainEpoch, &sink)
            default: break
            }
        }
    }

    mutating func trainIteration<S: TraceSink>(batchIndex: Int, _ sink: inout S) throws {
        call(.beforeTrainIter, &sink)
        // The optimizer steps inside train_step, before after_train_iter; reported at after_train_iter.
        let window = max(1, runner.accumulativeCounts)
        let steps = runner.steps && (window == 1 || (iter + 1) % window == 0 || iter + 1 == runner.loop.maxIters)
        let stepValues = runner.groups.map(\.lr) + runner.groups.map { $0.effectiveMomentum ?? .nan }
        call(.afterTrainIter, &sink)
        if steps { effect(.optimStep, .afterTrainIter, &sink, step: runner.groups.count, values: stepValues) }
        for index in runner.hooks.indices {
            switch runner.hooks[index] {
            case .logger(let logger):
                if logger.trainRecordDue(batch: batchIndex, loaderLength: runner.loop.itersPerEpoch) {
                    effect(.log, .afterTrainIter, &sink, step: batchIndex + 1, text: "train")
                }
            case .paramScheduler:
                if var schedulers = runner.schedulers {
                    try schedulers.stepIteration(groups: &runner.groups)
                    runner.schedulers = schedulers
                }
            case .checkpoint(var checkpoint) where !checkpoint.byEpoch:
                if checkpoint.shouldSave(step: iter + 1, isLast: iter + 1 == runner.loop.maxIters) {
                    emit(checkpoint.saveWithStep(iter + 1), .afterTrainIter, &sink)
                }
                runner.hooks[index] = .checkpoint(checkpoint)
            case .ema(var ema):
                switch ema.afterTrainIter(iter: iter, epoch: epoch) {
                case .update(let momentum): effect(.emaUpdate, .afterTrainIter, &sink, step: iter + 1, values: [momentum])
                case .copy: effect(.emaUpdate, .afterTrainIter, &sink, step: iter + 1, values: [1])
                case .none: break
                }
                runner.hooks[index] = .ema(ema)
            case .emptyCache(_, _, let afterIter) where afterIter:
                effect(.cacheEmpty, .afterTrainIter, &sink)
            default:
                break
            }
        }
        iter += 1
    }

    mutating func afterTrainEpoch<S: TraceSink>(_ sink: inout S) throws {
        call(.afterTrainEpoch, &sink)
        for index in runner.hooks.indices {
            switch runner.hooks[index] {
            case .paramScheduler:
                if var schedulers = runner.schedulers {
                    try schedulers.stepEpoch(groups: &runner.groups)
                    runner.schedulers = schedulers
                }
            case .checkpoint(var checkpoint) where checkpoint.byEpoch:
                if checkpoint.shouldSave(step: epoch + 1, isLast: epoch + 1 == runner.loop.maxEpochs) {
                    emit(checkpoint.saveWithStep(epoch + 1), .afterTrainEpoch, &sink)
                }
                runner.hooks[index] = .checkpoint(checkpoint)
            case .syncBuffers:
                effect(.buffersSync, .afterTrainEpoch, &sink)
            case .emptyCache(_, let after, _) where after:
                effect(.cacheEmpty, .afterTrainEpoch, &sink)
            default:
                break
            }
        }
    }

    mutating func emit<S: TraceSink>(_ effects: [ModernCheckpointHook.Effect], _ point: MountPoint, _ sink: inout S) {
        for item in effects {
            switch item {
            case .save(let file, let step): effect(.checkpointSave, point, &sink, step: step, text: file, values: weightsMark)
            case .remove(let file, let step): effect(.checkpointRemove, point, &sink, step: step, text: file)
            case .bestSave(let file, let step, let score): effect(.bestSave, point, &sink, step: step, text: file, values: [score] + weightsMark)
            case .bestRemove(let file, let step): effect(.bestRemove, point, &sink, step: step, text: file)
            }
        }
    }

    /// `ValLoop.run` at a finished step.
    mutating func validate<S: TraceSink>(step: Int, _ sink: inout S) {
        let savedBatch = batch
        call(.beforeVal, &sink)
        call(.beforeValEpoch, &sink)
        for hook in runner.hooks { if case .ema = hook { effect(.emaSwap, .beforeValEpoch, &sink) } }
        for index in 0..<runner.settings.valIters {
            batch = index
            call(.beforeValIter, &sink)
            call(.afterValIter, &sink)
            for hook in runner.hooks {
                if case .logger(let logger) = hook, (index + 1) % logger.interval == 0 {
                    effect(.log, .afterValIter, &sink, step: index + 1, text: "val_iter")
                }
            }
        }
        let value = runner.settings.metrics.value(at: evaluations)
        evaluations += 1
        let key = runner.metricKey
        call(.afterValEpoch, &sink)
        effect(.evaluation, .afterValEpoch, &sink, step: step, text: key, values: [value])
        for index in runner.hooks.indices {
            switch runner.hooks[index] {
            case .checkpoint(var checkpoint):
                emit(checkpoint.afterValidation(metrics: [(key, value)], step: step), .afterValEpoch, &sink)
                runner.hooks[index] = .checkpoint(checkpoint)
            case .logger:
                effect(.log, .afterValEpoch, &sink, step: step, text: "val")
            case .ema:
                effect(.emaSwap, .afterValEpoch, &sink)
            default:
                break
            }
        }
        call(.afterVal, &sink)
        batch = savedBatch
    }
}
