/// Running the new Runner (runners-and-hooks.md 3.3, 7.2).
extension ModernRunner {
    /// The simulated metric key: the first `save_best` key when one is named, else `metric`.
    var metricKey: String {
        for hook in hooks {
            if case .checkpoint(let checkpoint) = hook, let key = checkpoint.saveBest.first, key != "auto" { return key }
        }
        return "metric"
    }

    /// The simulated metric keys the evaluator reports: every named `save_best` key in order (the i-th with
    /// MetricSequence's value for key i), else `metric`.
    var reportedKeys: [String] {
        var keys: [String] = []
        for hook in hooks {
            guard case .checkpoint(let checkpoint) = hook else { continue }
            for key in checkpoint.saveBest where key != "auto" && !keys.contains(key) { keys.append(key) }
        }
        return keys.isEmpty ? [metricKey] : keys
    }

    /// `val_interval` in force for a progress value (`bisect` over the dynamic milestones).
    func interval(for progress: Int) -> Int {
        var current = valInterval
        for pair in dynamicIntervals where pair.milestone <= progress { current = pair.interval }
        return current
    }
}

/// One MMEngine run as a steppable producer: each `advance` does one unit of work (the run's start, an
/// epoch boundary with its validation, one training iteration with its validation, the end).
public struct ModernRun: Sendable {
    enum Phase: Sendable { case start, epochBegin, iteration, epochEnd, finish, done }

    let runner: ModernRunner
    /// The dispatch lists, and the hooks' state they act on.
    var dispatch: ModernDispatch
    let metricKey: String
    let reportedKeys: [String]
    /// Checkpoint events carry `[1]` when the saved state_dict holds EMA weights: MMEngine's EMAHook puts
    /// them there in before_save_checkpoint, whatever its priority.
    let holdsEMA: Bool
    var phase = Phase.start
    var epoch = 0
    var iter = 0
    var batch = 0
    var evaluations = 0
    var groups: [ParamGroup]
    var schedulers: (any ModernSchedulerSet)?

    /// Prepares a run of `runner`.
    public init(runner: ModernRunner) {
        self.runner = runner
        dispatch = ModernDispatch(runner.hooks)
        metricKey = runner.metricKey
        reportedKeys = runner.reportedKeys
        holdsEMA = !dispatch.emas.isEmpty
        groups = runner.groups
        schedulers = runner.schedulers
    }

    var weightsMark: TraceValues { holdsEMA ? TraceValues(1) : TraceValues() }

    // `call`, `effect` and the other emitters are `mutating` although they only read: called from the run's
    // mutating loop, a non-mutating method received a copy of the whole run (every array it holds retained
    // and released per event), which made the runners ten times slower.
    @inline(__always) mutating func call<S: TraceSink>(_ point: MountPoint, _ sink: inout S) {
        sink.emit(.call, at: point, epoch: epoch, iter: iter, batch: batch, step: 0, text: nil, values: TraceValues())
    }

    @inline(__always) mutating func effect<S: TraceSink>(_ kind: TraceEventKind, _ point: MountPoint, _ sink: inout S, step: Int = 0,
                                                text: String? = nil, values: TraceValues = TraceValues()) {
        sink.emit(kind, at: point, epoch: epoch, iter: iter, batch: batch, step: step, text: text, values: values)
    }

    /// Does the next unit of work; `false` once the run has ended.
    public mutating func advance<S: TraceSink>(into sink: inout S) throws -> Bool {
        let loop = runner.loop
        switch phase {
        case .start:
            call(.beforeRun, &sink)
            call(.beforeTrain, &sink)
            if loop.byEpoch {
                phase = epoch < loop.maxEpochs ? .epochBegin : .finish
            } else {
                beforeTrainEpoch(&sink)
                phase = iter < loop.maxIters ? .iteration : .epochEnd
            }
        case .epochBegin:
            beforeTrainEpoch(&sink)
            if loop.itersPerEpoch > 0 {
                batch = 0
                phase = .iteration
            } else {
                phase = .epochEnd
            }
        case .iteration:
            if loop.byEpoch {
                try trainIteration(batchIndex: batch, &sink)
                if batch + 1 < loop.itersPerEpoch { batch += 1 } else { phase = .epochEnd }
            } else {
                batch = iter
                try trainIteration(batchIndex: iter, &sink)
                if runner.hasVal, iter >= runner.valBegin, iter % runner.interval(for: iter + 1) == 0 || iter == loop.maxIters {
                    validate(step: iter, &sink)
                }
                if iter >= loop.maxIters { phase = .epochEnd }
            }
        case .epochEnd:
            try afterTrainEpoch(&sink)
            if loop.byEpoch {
                epoch += 1
                if runner.hasVal, epoch >= runner.valBegin, epoch % runner.interval(for: epoch + 1) == 0 || epoch == loop.maxEpochs {
                    validate(step: epoch, &sink)
                }
                phase = epoch < loop.maxEpochs ? .epochBegin : .finish
            } else {
                phase = .finish
            }
        case .finish:
            call(.afterTrain, &sink)
            call(.afterRun, &sink)
            phase = .done
        case .done:
            return false
        }
        return true
    }

    // MARK: Mount points

    mutating func beforeTrainEpoch<S: TraceSink>(_ sink: inout S) {
        call(.beforeTrainEpoch, &sink)
        for action in dispatch.beforeTrainEpoch {
            switch action {
            case .samplerSeed: effect(.samplerEpoch, .beforeTrainEpoch, &sink, step: epoch)
            case .emptyCache: effect(.cacheEmpty, .beforeTrainEpoch, &sink)
            default: break
            }
        }
    }

    mutating func trainIteration<S: TraceSink>(batchIndex: Int, _ sink: inout S) throws {
        call(.beforeTrainIter, &sink)
        // The optimizer steps inside train_step, before after_train_iter; reported at after_train_iter.
        let window = max(1, runner.accumulativeCounts)
        let finished = iter + 1
        let count: Int
        if let stepping = runner.settings.modelStepping {
            count = runner.steps ? stepping.steps(at: iter) : 0
        } else {
            count = runner.steps && (window == 1 || finished % window == 0 || finished == runner.loop.maxIters) ? 1 : 0
        }
        let stepValues = count > 0 ? groups.stepValues : TraceValues()
        call(.afterTrainIter, &sink)
        for _ in 0..<count { effect(.optimStep, .afterTrainIter, &sink, step: groups.count, values: stepValues) }
        for action in dispatch.afterTrainIter {
            switch action {
            case .logger(let index):
                if dispatch.loggers[index].trainRecordDue(batch: batchIndex, loaderLength: runner.loop.itersPerEpoch) {
                    effect(.log, .afterTrainIter, &sink, step: batchIndex + 1, text: "train")
                }
            case .paramScheduler:
                try schedulers?.stepIteration(groups: &groups)
            case .checkpoint(let index):
                if dispatch.checkpoints[index].shouldSave(step: finished, isLast: finished == runner.loop.maxIters) {
                    emit(dispatch.checkpoints[index].saveWithStep(finished), .afterTrainIter, &sink)
                }
            case .ema(let index):
                switch dispatch.emas[index].afterTrainIter(iter: iter, epoch: epoch) {
                case .update(let momentum): effect(.emaUpdate, .afterTrainIter, &sink, step: finished, values: TraceValues(momentum))
                case .copy: effect(.emaUpdate, .afterTrainIter, &sink, step: finished, values: TraceValues(1))
                case .none: break
                }
            case .emptyCache:
                effect(.cacheEmpty, .afterTrainIter, &sink)
            default:
                break
            }
        }
        iter += 1
    }


    mutating func afterTrainEpoch<S: TraceSink>(_ sink: inout S) throws {
        call(.afterTrainEpoch, &sink)
        for action in dispatch.afterTrainEpoch {
            switch action {
            case .paramScheduler:
                try schedulers?.stepEpoch(groups: &groups)
            case .checkpoint(let index):
                if dispatch.checkpoints[index].shouldSave(step: epoch + 1, isLast: epoch + 1 == runner.loop.maxEpochs) {
                    emit(dispatch.checkpoints[index].saveWithStep(epoch + 1), .afterTrainEpoch, &sink)
                }
            case .syncBuffers:
                effect(.buffersSync, .afterTrainEpoch, &sink)
            case .emptyCache:
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
            case .bestSave(let file, let step, let score):
                var values = TraceValues(score)
                if holdsEMA { values.append(1) }
                effect(.bestSave, point, &sink, step: step, text: file, values: values)
            case .bestRemove(let file, let step): effect(.bestRemove, point, &sink, step: step, text: file)
            }
        }
    }

    /// `ValLoop.run` at a finished step.
    mutating func validate<S: TraceSink>(step: Int, _ sink: inout S) {
        let savedBatch = batch
        call(.beforeVal, &sink)
        call(.beforeValEpoch, &sink)
        for action in dispatch.beforeValEpoch {
            if case .ema = action { effect(.emaSwap, .beforeValEpoch, &sink) }
        }
        for index in 0..<runner.settings.valIters {
            batch = index
            call(.beforeValIter, &sink)
            call(.afterValIter, &sink)
            for action in dispatch.afterValIter {
                if case .logger(let logger) = action, (index + 1) % dispatch.loggers[logger].interval == 0 {
                    effect(.log, .afterValIter, &sink, step: index + 1, text: "val_iter")
                }
            }
        }
        let value = runner.settings.metrics.value(at: evaluations)
        evaluations += 1
        call(.afterValEpoch, &sink)
        effect(.evaluation, .afterValEpoch, &sink, step: step, text: metricKey, values: TraceValues(value))
        for action in dispatch.afterValEpoch {
            switch action {
            case .checkpoint(let index):
                let done = evaluations - 1
                let metrics = runner.settings.metrics
                emit(dispatch.checkpoints[index].afterValidation(metrics: reportedKeys.enumerated().map { ($0.element, metrics.value(at: done, metric: $0.offset)) }, step: step), .afterValEpoch, &sink)
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
