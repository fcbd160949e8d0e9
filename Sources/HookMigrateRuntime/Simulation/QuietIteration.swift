/// What a run emits in one *quiet* training iteration: one in which no hook does anything but what it does
/// at every iteration. Its events are the `before_train_iter` and `after_train_iter` calls, the optimizer
/// step (when the optimizer steps at every iteration), and the per-iteration effects of hooks that act at
/// every iteration (an EMA update with interval 1, EmptyCacheHook's `after_iter`). Between two boundaries
/// (a log, a checkpoint, an evaluation, a sparse EMA update, the end of an epoch …) every iteration of a run
/// is alike but for its counters and the optimizer's values, which is what lets the proof compare such
/// spans in bulk (docs/equivalence.md, "How the proof scales").
struct QuietIteration: Sendable, Equatable {
    /// Whether an `optim_step` event follows the `after_train_iter` call.
    var optimizerSteps = false
    /// `ema_update` events per iteration (with step `iter + 1`).
    var emaUpdates = 0
    /// The momentum law of each of them, in order (R10 compares every update's momentum but the first).
    var emaLaws: [EMAMomentumLaw] = []
    /// `cache_empty` events per iteration.
    var cacheEmpties = 0
    /// The kind of the iteration's last event.
    var lastKind = TraceEventKind.call
    /// The train log records of the span, when they are periodic (`nil`: none in the span).
    var logs: QuietLogs?
    /// The kind of the last event of an iteration with a record.
    var lastKindLogging = TraceEventKind.call

    /// Events per iteration in the schedule stream (the two calls and the optimizer step).
    var scheduleEvents: Int { optimizerSteps ? 3 : 2 }

    /// Events per iteration in all.
    var events: Int { scheduleEvents + emaUpdates + cacheEmpties }

    /// Whether the other run's quiet iterations give the same events, stream by stream (counters and
    /// optimizer values aside, which the bulk comparison checks).
    func matches(_ other: QuietIteration) -> Bool {
        optimizerSteps == other.optimizerSteps && emaUpdates == other.emaUpdates && cacheEmpties == other.cacheEmpties
            && emaLaws == other.emaLaws
    }

    /// The kind and step of the last event of the span's `d`-th iteration, 0-based iteration `iter`
    /// (`groups` param groups).
    func last(_ d: Int, iter: Int, groups: Int) -> (kind: TraceEventKind, step: Int) {
        let kind = logs.map { $0.due(d) } == true ? lastKindLogging : lastKind
        switch kind {
        case .optimStep: return (kind, groups)
        case .emaUpdate: return (kind, iter + 1)
        case .log: return (kind, logs.map { $0.step(d) } ?? 0)
        default: return (kind, 0)
        }
    }
}
