/// The streams a legacy and a new run are compared in (docs/equivalence.md): effects that happen at
/// different mount points by design are compared in their own stream, by step.
public enum ComparedStream: Int, Sendable, CaseIterable, Comparable {
    /// The train mount points both runners have and every optimizer step with its lr and momentum.
    case schedule
    /// Regular checkpoint saves.
    case checkpoints
    /// The steps evaluated and the metric values.
    case evaluations
    /// Best checkpoint saves and removals.
    case best
    /// Train log records.
    case logs
    /// EMA update steps.
    case ema
    /// Cache emptying, buffer syncs, sampler epochs.
    case other

    /// The stream a verdict names (`schedule`, `best checkpoints` …), if any.
    public init?(name: String) {
        guard let found = ComparedStream.allCases.first(where: { $0.name == name }) else { return nil }
        self = found
    }

    public static func < (lhs: ComparedStream, rhs: ComparedStream) -> Bool { lhs.rawValue < rhs.rawValue }

    /// The name verdicts use.
    public var name: String {
        switch self {
        case .schedule: return "schedule"
        case .checkpoints: return "checkpoints"
        case .evaluations: return "evaluations"
        case .best: return "best checkpoints"
        case .logs: return "logs"
        case .ema: return "ema"
        case .other: return "other effects"
        }
    }
}

/// The streaming equivalence comparison. Both runs emit into it (the driver sets `side` before advancing
/// a run); each event is normalised under the equivalence rules, routed to its stream, and compared with
/// the other side's event as soon as both exist. Only unmatched events (as far as the runs drift apart)
/// and a few events of context are kept, so a run of any length is compared in constant memory.
public struct EquivalenceStream: TraceSink {
    /// Which run is emitting.
    public enum Side: Int, Sendable { case legacy, new }

    static let streamCount = ComparedStream.allCases.count
    /// Event kinds (`allCases.count` builds the array at every call: this is read per event).
    static let kindCount = TraceEventKind.allCases.count

    /// The run currently emitting.
    public var side = Side.legacy
    let differ: TraceDiffer
    let distributed: Bool
    let iterationRun: Bool
    /// The legacy loader length: MMEngine's last-batch log record is matched against it (R9c).
    let lastBatch: Int32
    /// The most events one side may be ahead of the other in one stream.
    let window: Int
    /// Whether the legacy run had a logger hook (else the new run's records are ignored, R9).
    let legacyLogs: Bool
    /// Whether the legacy run could save best checkpoints: R4 sets aside the best save of the new run's extra
    /// final validation only then (a legacy run with no `save_best` never wrote a best file).
    var legacySavesBest = true
    /// Whether the legacy run's best-checkpoint hook skipped a score of 0 (MMCV's EvalHook: `if key_score`), so
    /// that R8 sets aside the new run's best save of a 0; mmgen's GenerativeEvalHook saved it.
    var legacySkipsZeroBest = true
    /// Whether each side (`Side.rawValue`) has made its first EMA update (R10).
    var emaUpdated = [false, false]
    /// What is compared beyond the rules: streams left out, the optimizer values, the lr scale.
    let scope: ComparisonScope
    /// Streams left out, as a bit mask over `ComparedStream.rawValue`.
    let uncompared: UInt32
    /// Under `scope.ignoreLrScale`: new lr / legacy lr per param group, fixed at the first optimizer step where
    /// both are non-zero.
    var lrFactors: [Double?] = []

    /// Unmatched events: index `side * streamCount + stream`.
    var queues = [EventQueue](repeating: EventQueue(), count: 2 * EquivalenceStream.streamCount)
    /// Events of each kind per side and stream (for the divergence summary).
    var counts = [Int](repeating: 0, count: 2 * EquivalenceStream.streamCount * TraceEventKind.allCases.count)
    var matched = [Int](repeating: 0, count: EquivalenceStream.streamCount)
    /// The last matched events of each stream (context before a divergence): a ring of `context` per stream.
    var recent: [StreamEvent]
    var recentCount = [Int](repeating: 0, count: EquivalenceStream.streamCount)
    var recentNext = [Int](repeating: 0, count: EquivalenceStream.streamCount)
    var tally = TraceEquivalence.Tally()
    /// The most events one run has been ahead of the other in one stream.
    var peakPending = 0
    /// Events received one by one (the proof's budget counts them).
    var emitted = 0
    /// The first divergence; set by `diverge` alone, which keeps `divergedStream` in step.
    private(set) var divergence: (stream: ComparedStream, diff: TraceDiff.Divergence)?
    /// The diverged stream's `rawValue`, -1 before a divergence: read per event, where looking into
    /// `divergence` itself would copy it (and retain every array it holds).
    private(set) var divergedStream = -1
    /// Whether the runs have diverged.
    var hasDiverged: Bool { divergedStream >= 0 }

    // Pools: texts are interned; numbers beyond an event's fourth are kept aside while the event is alive.
    var texts = TextPool()
    /// The pool size at which it is next compacted (`compactTextsIfNeeded`).
    var textLimit = EquivalenceStream.textPoolFloor
    var spills: [[Double]] = []
    var freeSpills: [Int32] = []

    // Per-side rule state.
    var lastLog: [(iter: Int32, step: Int32, text: Int32)?] = [nil, nil]
    var lastNonRemove: [(kind: TraceEventKind, step: Int32)?] = [nil, nil]
    var droppedZeroBest: Set<Int32> = []
    var legacyEvaluationSteps = StepSet()
    /// Iteration runs: the steps at which the legacy run wrote a validation record in place of the train
    /// record (mmedit's EvalIterHook clears the log buffer before evaluating: R9d).
    var legacyValRecordSteps = StepSet()
    var lastMatchedBestSave: Int32 = -1
    var legacyLoggedLastBatch = false
    var droppedLastBatchLogs = 0
    let trainText: Int32

    /// Creates a comparison; `legacyItersPerEpoch` is the legacy run's loader length.
    public init(tolerance: Tolerance, distributed: Bool, iterationRun: Bool, legacyItersPerEpoch: Int, context: Int = 3, window: Int = 1 << 16,
                legacyLogs: Bool = true, scope: ComparisonScope = .full) {
        differ = TraceDiffer(tolerance: tolerance, context: context)
        self.scope = scope
        uncompared = scope.uncompared.reduce(0) { $0 | (1 << UInt32($1.rawValue)) }
        self.distributed = distributed
        self.iterationRun = iterationRun
        lastBatch = Int32(legacyItersPerEpoch)
        self.window = window
        self.legacyLogs = legacyLogs
        recent = [StreamEvent](repeating: .empty, count: EquivalenceStream.streamCount * max(context, 0))
        trainText = texts.intern("train")
    }

    /// Events `side` has produced in `stream` that the other side has not matched yet.
    func pending(_ side: Side, _ stream: ComparedStream) -> Int { queues[side.rawValue * Self.streamCount + stream.rawValue].count }

    /// Whether the legacy run is ahead of the new one in the schedule stream, which paces the lockstep: by its
    /// unmatched events, or, when the schedule is not compared, by the events each run has sent to it.
    var legacyAhead: Bool {
        guard uncompared & (1 << UInt32(ComparedStream.schedule.rawValue)) != 0 else { return pending(.legacy, .schedule) > 0 }
        return scheduleEvents(.legacy) > scheduleEvents(.new)
    }

    /// The events a run has sent to the schedule stream.
    func scheduleEvents(_ side: Side) -> Int {
        counts[countIndex(side, .schedule, .call)] + counts[countIndex(side, .schedule, .optimStep)]
    }

    var isLegacy: Bool { side == .legacy }

    public mutating func emit(_ kind: TraceEventKind, at point: MountPoint, epoch: Int, iter: Int, batch: Int,
                              step: Int, text: String?, values: TraceValues) {
        emitted &+= 1
        if text != nil, texts.texts.count > textLimit { compactTextsIfNeeded() }
        // A removal is dropped (R6) and an evaluation compared without its metric key (R2): their texts are
        // never read, so they are not interned.
        let textRead = kind != .checkpointRemove && kind != .evaluation
        var event = StreamEvent(kind: kind, point: point, epoch: Int32(epoch), iter: Int32(iter), batch: Int32(batch), step: Int32(step),
                                text: textRead ? text.map { texts.intern($0) } ?? -1 : -1, count: Int32(values.count), spill: -1,
                                v0: values.count > 0 ? values[0] : 0, v1: values.count > 1 ? values[1] : 0,
                                v2: values.count > 2 ? values[2] : 0, v3: values.count > 3 ? values[3] : 0)
        let resave = kind == .checkpointSave && lastNonRemove[side.rawValue].map { $0.kind == .bestSave && $0.step == event.step } == true
        if kind != .checkpointRemove { lastNonRemove[side.rawValue] = (kind, event.step) }
        guard let stream = normalize(&event, resave: resave) else { return }
        if uncompared & (1 << UInt32(stream.rawValue)) != 0 {
            // Not compared: counted (the summary, the lockstep), never matched.
            counts[countIndex(side, stream, event.kind)] += 1
            return
        }
        if event.count > 4 { event.spill = keepSpill(Array(values.dropFirst(4))) }
        push(event, to: stream)
    }

    mutating func keepSpill(_ values: [Double]) -> Int32 {
        if let slot = freeSpills.popLast() {
            spills[Int(slot)] = values
            return slot
        }
        spills.append(values)
        return Int32(spills.count - 1)
    }

    mutating func release(_ event: StreamEvent) {
        guard event.spill >= 0 else { return }
        spills[Int(event.spill)] = []
        freeSpills.append(event.spill)
    }

    /// Applies the per-event rules; `nil` when a rule drops the event.
    mutating func normalize(_ event: inout StreamEvent, resave: Bool) -> ComparedStream? {
        // R3: compare by counters that mean the same; an iteration run's epoch and batch do not.
        if iterationRun {
            if isLegacy, event.epoch != 0 || event.batch != event.iter { tally[.r3, default: 0] += 1 }
            event.epoch = 0
            event.batch = 0
        } else if event.point != .beforeTrainIter, event.point != .afterTrainIter {
            // R3: at epoch- and run-level points the batch counter is leftover bookkeeping (MMCV keeps the
            // last batch of whatever ran before, a workflow val epoch included; MMEngine the last train batch).
            if isLegacy, event.kind == .call, event.batch != 0 { tally[.r3, default: 0] += 1 }
            event.batch = 0
        }
        switch event.kind {
        case .call:
            if TraceEquivalence.sharedTrainPoints & (1 << UInt32(event.point.rawValue)) != 0 { return .schedule }
            tally[isLegacy ? .r13 : .r1, default: 0] += 1
            return nil
        case .optimStep:
            // Without the values, a step is compared by its place and its number of param groups.
            if !scope.scheduleValues { event.count = 0 }
            return .schedule
        case .checkpointSave:
            if !isLegacy, resave {
                tally[.r7, default: 0] += 1
                return nil
            }
            event = event.positionless
            return .checkpoints
        case .checkpointRemove:
            tally[.r6, default: 0] += 1
            return nil
        case .evaluation:
            event = event.positionless
            event.text = -1
            if isLegacy {
                tally[.r2, default: 0] += 1
                legacyEvaluationSteps.insert(event.step)
            }
            return .evaluations
        case .bestSave, .bestRemove:
            event = event.positionless
            if event.text >= 0 { event.text = texts.intern(TraceEquivalence.bestSuffix(texts[event.text] ?? "")) }
            // R8: a best save of a score 0 on the new side, and the removal of that file later.
            if !isLegacy, legacySkipsZeroBest, event.text >= 0 {
                if event.kind == .bestSave, event.first == 0 {
                    droppedZeroBest.insert(event.text)
                    tally[.r8, default: 0] += 1
                    return nil
                }
                if event.kind == .bestRemove, droppedZeroBest.contains(event.text) { return nil }
            }
            return .best
        case .log:
            // MMCV writes the same record once per logger hook (text, tensorboard …); MMEngine once for all
            // backends. Repeats of the record at the same iteration count once (R9).
            if let last = lastLog[side.rawValue], last.iter == event.iter, last.step == event.step, last.text == event.text {
                tally[.r9, default: 0] += 1
                return nil
            }
            lastLog[side.rawValue] = (event.iter, event.step, event.text)
            if isLegacy, iterationRun, event.point == .afterTrainIter, event.text != trainText { legacyValRecordSteps.insert(event.step) }
            guard event.text == trainText, isLegacy || legacyLogs else {
                tally[.r9, default: 0] += 1
                return nil
            }
            event = event.positionless
            if isLegacy, event.step == lastBatch { legacyLoggedLastBatch = true }
            return .logs
        case .emaUpdate:
            // R10: each run's first update is compared by its step only (MMEngine's copies the weights where
            // MMCV's averaged them); every later one by its step and momentum.
            if !emaUpdated[side.rawValue] {
                emaUpdated[side.rawValue] = true
                event.count = 0
                event.v0 = 0
            } else {
                event.count = 1
            }
            event = event.positionless
            if isLegacy { tally[.r10, default: 0] += 1 }
            return .ema
        case .emaSwap:
            tally[.r10, default: 0] += 1
            return nil
        case .samplerEpoch where !distributed:
            if !isLegacy { tally[.r11, default: 0] += 1 }
            return nil
        default:
            event = event.positionless
            return .other
        }
    }

    func countIndex(_ side: Side, _ stream: ComparedStream, _ kind: TraceEventKind) -> Int {
        (side.rawValue * Self.streamCount + stream.rawValue) * Self.kindCount + Int(kind.rawValue)
    }

    /// Routes an event: matched against the other side's oldest unmatched event of its stream when there is
    /// one, else queued. (At most one side of a stream has unmatched events at any time.)
    mutating func push(_ event: StreamEvent, to stream: ComparedStream) {
        counts[countIndex(side, stream, event.kind)] += 1
        if divergedStream >= 0 {
            // Past the divergence only its stream's context is collected.
            if divergedStream == stream.rawValue { addContext(event) }
            return
        }
        let s = stream.rawValue
        let own = side.rawValue * Self.streamCount + s
        let other = (1 - side.rawValue) * Self.streamCount + s
        if stream == .logs, isLegacy, legacyLoggedLastBatch, droppedLastBatchLogs > 0 {
            queues[own].append(event)
            diverge(.logs, reason: "R9c no longer applies: the legacy run logs at the loader's last batch too, after \(droppedLastBatchLogs) new-run record(s) there were set aside")
            return
        }
        while !queues[other].isEmpty {
            let legacy = isLegacy
            if legacy ? same(event, queues[other].first) : same(queues[other].first, event) {
                matchedPair(legacy ? event : queues[other].first, new: legacy ? queues[other].first : event, stream: s)
                queues[other].removeFirst()
                return
            }
            // R9c: the new run logs the last batch of an epoch not longer than the logger interval; MMCV
            // does not. Only that batch's records are set aside, and only while the legacy run has none there.
            let newEvent = legacy ? queues[other].first : event
            // R9d: at an iteration where the legacy run wrote a validation record in place of its train record
            // (the log buffer cleared by mmedit's EvalIterHook), the new run's train record is set aside.
            if stream == .logs, iterationRun, legacyValRecordSteps.contains(newEvent.step) {
                release(newEvent)
                tally[.r9, default: 0] += 1
                if legacy {
                    queues[other].removeFirst()
                    continue
                }
                return
            }
            if stream == .logs, newEvent.step == lastBatch, !legacyLoggedLastBatch {
                release(newEvent)
                dropLastBatchLog()
                if legacy {
                    queues[other].removeFirst()
                    continue
                }
                return
            }
            queues[own].append(event)
            let pair = legacy ? (event, queues[other].first) : (queues[other].first, event)
            diverge(stream, reason: differ.difference(resolved(pair.0), resolved(pair.1)) ?? "differ")
            return
        }
        queues[own].append(event)
        if queues[own].count > peakPending { peakPending = queues[own].count }
        // The window bounds what is held: different events waiting (repeats of one share a slot).
        if queues[own].runs > window {
            let otherSide: Side = isLegacy ? .new : .legacy
            let otherEvents = TraceEventKind.allCases.reduce(0) { $0 + counts[countIndex(otherSide, stream, $1)] }
            let ahead = "\(window) events of the \(isLegacy ? "left" : "right") trace have no counterpart in the other"
            diverge(stream, reason: otherEvents == 0
                ? ahead + ", which has none in this stream so far"
                : ahead + " (the comparison window: the runs have drifted apart)")
        }
    }

    /// Records a matched pair: the legacy event stays as context.
    @inline(__always) mutating func matchedPair(_ legacy: StreamEvent, new: StreamEvent, stream: Int) {
        if stream == ComparedStream.best.rawValue, legacy.kind == .bestSave { lastMatchedBestSave = legacy.step }
        remember(legacy, stream: stream)
        release(new)
        matched[stream] += 1
    }

    /// Equal: integers and texts exactly, numbers within the tolerance. (`mutating` although it only reads:
    /// a non-mutating call from the mutating `push` copied the whole comparison per event.)
    @inline(__always) mutating func same(_ a: StreamEvent, _ b: StreamEvent) -> Bool {
        guard a.kind == b.kind, a.point == b.point, a.epoch == b.epoch, a.iter == b.iter, a.batch == b.batch, a.step == b.step,
              a.text == b.text, a.count == b.count else { return false }
        if scope.ignoreLrScale, a.kind == .optimStep { return sameUpToLrScale(a, b) }
        let tolerance = differ.tolerance
        switch a.count {
        case 0: return true
        case 1: return tolerance.equal(a.v0, b.v0)
        case 2: return tolerance.equal(a.v0, b.v0) && tolerance.equal(a.v1, b.v1)
        default:
            guard tolerance.equal(a.v0, b.v0), tolerance.equal(a.v1, b.v1), tolerance.equal(a.v2, b.v2), a.count == 3 || tolerance.equal(a.v3, b.v3) else { return false }
            guard a.count > 4 else { return true }
            return zip(spills[Int(a.spill)], spills[Int(b.spill)]).allSatisfy { tolerance.equal($0.0, $0.1) }
        }
    }

    /// Keeps a matched legacy event as context (a ring of `context` per stream); the one it replaces is released.
    @inline(__always) mutating func remember(_ event: StreamEvent, stream: Int) {
        let context = differ.context
        guard context > 0 else {
            release(event)
            return
        }
        let slot = stream * context + recentNext[stream]
        if recentCount[stream] == context { release(recent[slot]) } else { recentCount[stream] += 1 }
        recent[slot] = event
        recentNext[stream] = recentNext[stream] + 1 == context ? 0 : recentNext[stream] + 1
    }

    /// The remembered context of a stream, oldest first.
    func context(of stream: Int) -> [StreamEvent] {
        let context = differ.context
        let count = recentCount[stream]
        let start = count < context ? 0 : recentNext[stream]
        return (0..<count).map { recent[stream * context + (start + $0) % context] }
    }

    /// The event in the form diff reports print.
    func resolved(_ event: StreamEvent) -> ResolvedTraceEvent {
        var values = [event.v0, event.v1, event.v2, event.v3].prefix(Int(min(event.count, 4)))
        if event.spill >= 0 { values += spills[Int(event.spill)] }
        return ResolvedTraceEvent(event: TraceEvent(kind: event.kind, point: event.point, epoch: event.epoch, iter: event.iter,
                                                    batch: event.batch, step: event.step),
                                  text: texts[event.text], values: Array(values))
    }

    mutating func dropLastBatchLog() {
        droppedLastBatchLogs += 1
        tally[.r9, default: 0] += 1
        counts[countIndex(.new, .logs, .log)] -= 1
    }

    mutating func diverge(_ stream: ComparedStream, reason: String) {
        let s = stream.rawValue
        let left = queues[s].prefix(differ.context + 1).map(resolved)
        let right = queues[Self.streamCount + s].prefix(differ.context + 1).map(resolved)
        let before = context(of: s).map(resolved)
        divergence = (stream, TraceDiff.Divergence(index: matched[s], reason: reason, before: before, left: left, right: right))
        divergedStream = s
        queues = [EventQueue](repeating: EventQueue(), count: 2 * Self.streamCount)
    }

    /// Adds an event of the diverged stream to the divergence's context, in place (a copy of the divergence
    /// per event, which the following events past a complete context also paid, cost more than the event).
    mutating func addContext(_ event: StreamEvent) {
        guard contextCollected(side) <= differ.context else { return }
        let resolvedEvent = resolved(event)
        if isLegacy { divergence?.diff.left.append(resolvedEvent) } else { divergence?.diff.right.append(resolvedEvent) }
    }

    /// The events of `side` the divergence holds (its first and the context after it); 0 before a divergence.
    func contextCollected(_ side: Side) -> Int {
        guard divergedStream >= 0 else { return 0 }
        return side == .legacy ? divergence?.diff.left.count ?? 0 : divergence?.diff.right.count ?? 0
    }

    /// Ends the comparison once both runs have ended: applies the end-of-run rules and reports.
    public mutating func finish() -> EquivalenceVerdict {
        if !hasDiverged { finishRules() }
        if !hasDiverged {
            for stream in ComparedStream.allCases {
                let legacyLeft = queues[stream.rawValue].count
                let newLeft = queues[Self.streamCount + stream.rawValue].count
                if legacyLeft > 0 || newLeft > 0 {
                    diverge(stream, reason: legacyLeft == 0 ? "the left trace ends here; the right one goes on" : "the right trace ends here; the left one goes on")
                    break
                }
            }
        }
        guard let found = divergence else { return described(EquivalenceVerdict(divergence: nil, rulesUsed: tally.dictionary, peakPending: peakPending)) }
        var countsLeft: [TraceEventKind: Int] = [:]
        var countsRight: [TraceEventKind: Int] = [:]
        for kind in TraceEventKind.allCases {
            let left = counts[countIndex(.legacy, found.stream, kind)]
            let right = counts[countIndex(.new, found.stream, kind)]
            if left > 0 { countsLeft[kind] = left }
            if right > 0 { countsRight[kind] = right }
        }
        let diff = TraceDiff(divergence: found.diff, countsLeft: countsLeft, countsRight: countsRight)
        return described(EquivalenceVerdict(divergence: .init(stream: found.stream.name, diff: diff), rulesUsed: tally.dictionary, peakPending: peakPending))
    }

    /// A verdict with what each stream held and the lr factors found.
    func described(_ verdict: EquivalenceVerdict) -> EquivalenceVerdict {
        var verdict = verdict
        verdict.streamEvents = ComparedStream.allCases.map { stream in
            TraceEventKind.allCases.reduce((legacy: 0, new: 0)) { sum, kind in
                (sum.legacy + counts[countIndex(.legacy, stream, kind)], sum.new + counts[countIndex(.new, stream, kind)])
            }
        }
        verdict.matchedEvents = matched
        verdict.lrFactors = lrFactors
        return verdict
    }

    mutating func finishRules() {
        let evaluations = Self.streamCount + ComparedStream.evaluations.rawValue
        // R4: one extra final validation on the new side (and the best save/removal it causes).
        if queues[ComparedStream.evaluations.rawValue].isEmpty, queues[evaluations].count == 1,
           !legacyEvaluationSteps.contains(queues[evaluations].first.step) {
            let step = queues[evaluations].first.step
            queues[evaluations].removeFirst()
            counts[countIndex(.new, .evaluations, .evaluation)] -= 1
            // Its best save, and the removal of the previous best file that save caused (a removal carries
            // the removed file's step: the last best save both runs matched).
            let previousBest = lastMatchedBestSave
            if legacySavesBest {
                _ = queues[Self.streamCount + ComparedStream.best.rawValue].removeAll {
                    ($0.kind == .bestSave && $0.step == step) || ($0.kind == .bestRemove && $0.step == previousBest)
                }
            }
            tally[.r4, default: 0] += 1
        }
        // R9d at the end: the new run's train records at iterations where the legacy run wrote a validation
        // record in their place, with no legacy train record after them (the run's last evaluation).
        if iterationRun {
            let dropped = queues[Self.streamCount + ComparedStream.logs.rawValue].removeAll { legacyValRecordSteps.contains($0.step) }
            if dropped > 0 {
                tally[.r9, default: 0] += dropped
                counts[countIndex(.new, .logs, .log)] -= dropped
            }
        }
        // R9c at the end: the new run's last-batch records that nothing on the legacy side followed.
        if !legacyLoggedLastBatch {
            let dropped = queues[Self.streamCount + ComparedStream.logs.rawValue].removeAll { $0.step == lastBatch }
            for _ in 0..<dropped { dropLastBatchLog() }
        }
    }
}
