/// The streams a legacy and a new run are compared in (docs/equivalence.md): effects that happen at
/// different mount points by design are compared in their own stream, by step.
enum ComparedStream: Int, Sendable, CaseIterable {
    case schedule, checkpoints, evaluations, best, logs, ema, other

    /// The name verdicts use.
    var name: String {
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

    /// The run currently emitting.
    public var side = Side.legacy
    let differ: TraceDiffer
    let distributed: Bool
    let iterationRun: Bool
    /// The legacy loader length: MMEngine's last-batch log record is matched against it (R9c).
    let lastBatch: Int32
    /// The most events one side may be ahead of the other in one stream.
    let window: Int

    var queues: [[EventQueue]] = Array(repeating: Array(repeating: EventQueue(), count: ComparedStream.allCases.count), count: 2)
    /// Events of each kind per side and stream (for the divergence summary).
    var counts = [Int](repeating: 0, count: 2 * ComparedStream.allCases.count * TraceEventKind.allCases.count)
    var matched = [Int](repeating: 0, count: ComparedStream.allCases.count)
    /// The last matched events of each stream (context before a divergence), oldest first.
    var recent: [[ResolvedTraceEvent]] = Array(repeating: [], count: ComparedStream.allCases.count)
    var tally = TraceEquivalence.Tally()
    var divergence: (stream: ComparedStream, diff: TraceDiff.Divergence)?

    // Per-side rule state.
    var lastLog: [(iter: Int32, step: Int32, text: String?)?] = [nil, nil]
    var lastNonRemove: [(kind: TraceEventKind, step: Int32)?] = [nil, nil]
    var droppedZeroBest: Set<String> = []
    var legacyEvaluationSteps: Set<Int32> = []
    var legacyLoggedLastBatch = false
    var droppedLastBatchLogs = 0

    /// Creates a comparison; `legacyItersPerEpoch` is the legacy run's loader length.
    public init(tolerance: Tolerance, distributed: Bool, iterationRun: Bool, legacyItersPerEpoch: Int, context: Int = 3, window: Int = 1 << 16) {
        differ = TraceDiffer(tolerance: tolerance, context: context)
        self.distributed = distributed
        self.iterationRun = iterationRun
        lastBatch = Int32(legacyItersPerEpoch)
        self.window = window
    }

    /// Events `side` has produced in `stream` that the other side has not matched yet.
    func pending(_ side: Side, _ stream: ComparedStream) -> Int { queues[side.rawValue][stream.rawValue].count }

    var isLegacy: Bool { side == .legacy }

    public mutating func emit(_ kind: TraceEventKind, at point: MountPoint, epoch: Int, iter: Int, batch: Int,
                              step: Int, text: String?, values: TraceValues) {
        var event = StreamEvent(kind: kind, point: point, epoch: Int32(epoch), iter: Int32(iter), batch: Int32(batch),
                                step: Int32(step), text: text, values: values)
        let resave = kind == .checkpointSave && lastNonRemove[side.rawValue].map { $0.kind == .bestSave && $0.step == event.step } == true
        if kind != .checkpointRemove { lastNonRemove[side.rawValue] = (kind, event.step) }
        guard let stream = normalize(&event, resave: resave) else { return }
        push(event, to: stream)
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
            event.text = nil
            if isLegacy {
                tally[.r2, default: 0] += 1
                legacyEvaluationSteps.insert(event.step)
            }
            return .evaluations
        case .bestSave, .bestRemove:
            event = event.positionless
            event.text = event.text.map(TraceEquivalence.bestSuffix)
            // R8: a best save of a score 0 on the new side, and the removal of that file later.
            if !isLegacy, let text = event.text {
                if event.kind == .bestSave, event.values.first == 0 {
                    droppedZeroBest.insert(text)
                    tally[.r8, default: 0] += 1
                    return nil
                }
                if event.kind == .bestRemove, droppedZeroBest.contains(text) { return nil }
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
            guard event.text == "train" else {
                tally[.r9, default: 0] += 1
                return nil
            }
            event = event.positionless
            if isLegacy, event.step == lastBatch { legacyLoggedLastBatch = true }
            return .logs
        case .emaUpdate:
            event.values = TraceValues()
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
        (side.rawValue * ComparedStream.allCases.count + stream.rawValue) * TraceEventKind.allCases.count + Int(kind.rawValue)
    }

    mutating func push(_ event: StreamEvent, to stream: ComparedStream) {
        counts[countIndex(side, stream, event.kind)] += 1
        if let found = divergence {
            // Past the divergence only its stream's context is collected.
            if found.stream == stream { addContext(event) }
            return
        }
        queues[side.rawValue][stream.rawValue].append(event)
        if stream == .logs, isLegacy, legacyLoggedLastBatch, droppedLastBatchLogs > 0 {
            diverge(.logs, reason: "R9c no longer applies: the legacy run logs at the loader's last batch too, after \(droppedLastBatchLogs) new-run record(s) there were set aside")
            return
        }
        match(stream)
        if divergence == nil, queues[side.rawValue][stream.rawValue].count > window {
            diverge(stream, reason: "\(window) events of the \(isLegacy ? "left" : "right") trace have no counterpart in the other (the comparison window)")
        }
    }

    /// Compares the two queues' heads while both have events.
    mutating func match(_ stream: ComparedStream) {
        let s = stream.rawValue
        while let a = queues[0][s].first, let b = queues[1][s].first {
            if let reason = differ.difference(a, b) {
                // R9c: the new run logs the last batch of an epoch not longer than the logger interval; MMCV
                // does not. Only that batch's records are set aside, and only while the legacy run has none there.
                if stream == .logs, b.step == lastBatch, !legacyLoggedLastBatch {
                    queues[1][s].removeFirst()
                    dropLastBatchLog()
                    continue
                }
                diverge(stream, reason: reason)
                return
            }
            if recent[s].count == differ.context { recent[s].removeFirst() }
            if differ.context > 0 { recent[s].append(a.resolved) }
            queues[0][s].removeFirst()
            queues[1][s].removeFirst()
            matched[s] += 1
        }
    }

    mutating func dropLastBatchLog() {
        droppedLastBatchLogs += 1
        tally[.r9, default: 0] += 1
        counts[countIndex(.new, .logs, .log)] -= 1
    }

    mutating func diverge(_ stream: ComparedStream, reason: String) {
        let s = stream.rawValue
        let left = queues[0][s].prefix(differ.context + 1).map(\.resolved)
        let right = queues[1][s].prefix(differ.context + 1).map(\.resolved)
        divergence = (stream, TraceDiff.Divergence(index: matched[s], reason: reason, before: recent[s], left: left, right: right))
        queues = Array(repeating: Array(repeating: EventQueue(), count: ComparedStream.allCases.count), count: 2)
    }

    mutating func addContext(_ event: StreamEvent) {
        guard var found = divergence else { return }
        if isLegacy, found.diff.left.count <= differ.context { found.diff.left.append(event.resolved) }
        if !isLegacy, found.diff.right.count <= differ.context { found.diff.right.append(event.resolved) }
        divergence = found
    }

    /// Ends the comparison once both runs have ended: applies the end-of-run rules and reports.
    public mutating func finish() -> EquivalenceVerdict {
        if divergence == nil { finishRules() }
        if divergence == nil {
            for stream in ComparedStream.allCases {
                let legacyLeft = queues[0][stream.rawValue].count
                let newLeft = queues[1][stream.rawValue].count
                if legacyLeft > 0 || newLeft > 0 {
                    diverge(stream, reason: legacyLeft == 0 ? "the left trace ends here; the right one goes on" : "the right trace ends here; the left one goes on")
                    break
                }
            }
        }
        guard let found = divergence else { return EquivalenceVerdict(divergence: nil, rulesUsed: tally.dictionary) }
        var countsLeft: [TraceEventKind: Int] = [:]
        var countsRight: [TraceEventKind: Int] = [:]
        for kind in TraceEventKind.allCases {
            let left = counts[countIndex(.legacy, found.stream, kind)]
            let right = counts[countIndex(.new, found.stream, kind)]
            if left > 0 { countsLeft[kind] = left }
            if right > 0 { countsRight[kind] = right }
        }
        let diff = TraceDiff(divergence: found.diff, countsLeft: countsLeft, countsRight: countsRight)
        return EquivalenceVerdict(divergence: .init(stream: found.stream.name, diff: diff), rulesUsed: tally.dictionary)
    }

    mutating func finishRules() {
        let evaluations = ComparedStream.evaluations.rawValue
        // R4: one extra final validation on the new side (and the best save/removal it causes).
        if queues[0][evaluations].isEmpty, queues[1][evaluations].count == 1, let last = queues[1][evaluations].first,
           !legacyEvaluationSteps.contains(last.step) {
            queues[1][evaluations].removeFirst()
            counts[countIndex(.new, .evaluations, .evaluation)] -= 1
            let bestDropped = queues[1][ComparedStream.best.rawValue].removeAll { $0.step == last.step }
            _ = bestDropped
            tally[.r4, default: 0] += 1
        }
        // R9c at the end: the new run's last-batch records that nothing on the legacy side followed.
        if !legacyLoggedLastBatch {
            let dropped = queues[1][ComparedStream.logs.rawValue].removeAll { $0.step == lastBatch }
            for _ in 0..<dropped { dropLastBatchLog() }
        }
    }
}

extension TraceDiffer {
    /// Why two stream events differ, or `nil` when equal (integers exact, floats within tolerance).
    @inline(__always) func difference(_ a: StreamEvent, _ b: StreamEvent) -> String? {
        if a.kind == b.kind, a.point == b.point, a.epoch == b.epoch, a.iter == b.iter, a.batch == b.batch, a.step == b.step,
           a.text == b.text, a.values.count == b.values.count,
           zip(a.values, b.values).allSatisfy({ tolerance.equal($0.0, $0.1) }) {
            return nil
        }
        return difference(a.resolved, b.resolved) ?? "differ"
    }
}
