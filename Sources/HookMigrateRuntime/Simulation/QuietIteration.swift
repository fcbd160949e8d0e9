/// What a run emits in one *quiet* training iteration: one in which no hook does anything but what it does
/// at every iteration. Its events are the `before_train_iter` and `after_train_iter` calls, the optimizer
/// step (when the optimizer steps at every iteration), and the per-iteration effects of hooks that act at
/// every iteration (an EMA update with interval 1, EmptyCacheHook's `after_iter`). Between two boundaries
/// (a log, a checkpoint, an evaluation, a sparse EMA update, the end of an epoch …) every iteration of a run
/// is alike but for its counters and the optimizer's values, which is what lets the proof compare such
/// spans in bulk (docs/equivalence.md, "How the proof scales").
struct QuietIteration: Sendable, Equatable {
    /// Whether an `optim_step` event follows the `after_train_iter` call (at every iteration; see `stepping`).
    var optimizerSteps = false
    /// A model that steps its own optimizer on a pattern other than once at every iteration (every k-th
    /// iteration, or k times per iteration): its steps follow the `after_train_iter` call where the pattern
    /// says (`ModelStepping.steps(at:)`); `optimizerSteps` is then false.
    var stepping: ModelStepping?
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
    /// The regular checkpoint saves of the span, when they are periodic (`nil`: none in the span).
    var checkpoints: QuietCheckpoints?
    /// Whether a save is the last event of its iteration unless a record follows it (no hook after the
    /// checkpoint hook emits at every iteration).
    var saveEndsIteration = false
    /// Whether a logger hook comes after the checkpoint hook (its record, when due, is then the last event).
    var loggerAfterSave = false

    /// The most events one iteration gives the schedule stream (the two calls and the optimizer steps).
    var scheduleEvents: Int { 2 + (stepping?.times ?? (optimizerSteps ? 1 : 0)) }

    /// Optimizer steps at 0-based iteration `iter`.
    func optimizerSteps(at iter: Int) -> Int { stepping?.steps(at: iter) ?? (optimizerSteps ? 1 : 0) }

    /// Optimizer steps in the iterations `iter ..< iter + count`.
    func optimizerSteps(from iter: Int, count: Int) -> Int {
        guard let stepping else { return optimizerSteps ? count : 0 }
        return stepping.steps(from: iter, count: count)
    }

    /// Schedule-stream events of the iterations `iter ..< iter + count`.
    func scheduleEvents(from iter: Int, count: Int) -> Int { 2 * count + optimizerSteps(from: iter, count: count) }

    /// Events of the iterations `iter ..< iter + count`, in all.
    func events(from iter: Int, count: Int) -> Int { scheduleEvents(from: iter, count: count) + (emaUpdates + cacheEmpties) * count }

    /// Whether the other run's quiet iterations give the same events, stream by stream (counters and
    /// optimizer values aside, which the bulk comparison checks).
    func matches(_ other: QuietIteration) -> Bool {
        optimizerSteps == other.optimizerSteps && stepping == other.stepping && emaUpdates == other.emaUpdates
            && cacheEmpties == other.cacheEmpties && emaLaws == other.emaLaws
    }

    /// The kind and step of the last event of the span's `d`-th iteration, 0-based iteration `iter`
    /// (`groups` param groups).
    func last(_ d: Int, iter: Int, groups: Int) -> (kind: TraceEventKind, step: Int) {
        let logged = logs.map { $0.due(d) } == true
        if let checkpoints, saveEndsIteration, checkpoints.grid.due(d), !(loggerAfterSave && logged) {
            return (.checkpointSave, checkpoints.step(d))
        }
        var kind = logged ? lastKindLogging : lastKind
        // The steps are last only where the pattern steps.
        if kind == .optimStep, let stepping, stepping.steps(at: iter) == 0 { kind = .call }
        switch kind {
        case .optimStep: return (kind, groups)
        case .emaUpdate: return (kind, iter + 1)
        case .log: return (kind, logs.map { $0.step(d) } ?? 0)
        default: return (kind, 0)
        }
    }
}
