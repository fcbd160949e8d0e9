/// The comparison's side of the bulk path: quiet iterations (`QuietIteration`) enter it as counts, not as
/// events. Each method leaves the comparison exactly as pushing those iterations' events one by one would
/// (matched counts, the summary counts, the rule tallies, the last matched events kept as context, the
/// per-side rule state), which `SpanProofParityTests` checks against the event-by-event path.
extension EquivalenceStream {
    /// Whether no event waits for its counterpart in a stream that quiet iterations of `template` reach
    /// (the schedule, and the EMA and other-effects streams when they emit there). Events waiting in other
    /// streams (a run ahead by a log record R9 sets aside at the end, say) are untouched by such iterations.
    func isSettled(for template: QuietIteration) -> Bool {
        settled(.schedule) && (template.emaUpdates == 0 || settled(.ema)) && (template.cacheEmpties == 0 || settled(.other))
            && (template.logs == nil || settled(.logs)) && (template.checkpoints == nil || settled(.checkpoints))
    }

    /// Whether no event of `stream` waits for its counterpart, on either side.
    func settled(_ stream: ComparedStream) -> Bool {
        queues[stream.rawValue].isEmpty && queues[Self.streamCount + stream.rawValue].isEmpty
    }

    /// Whether the two runs' periodic saves (`QuietCheckpoints`) can be taken in bulk: the same files at the
    /// same steps with the same weights, on both sides or on neither. Otherwise the saves are boundaries.
    func acceptsCheckpoints(legacy: QuietCheckpoints?, new: QuietCheckpoints?) -> Bool { legacy == new }

    /// Whether the two runs' periodic train records (`QuietLogs`) can be taken in bulk: due together with the
    /// same steps, MMEngine's one record against MMCV's, nothing waiting in the log stream and no R9 last-batch
    /// bookkeeping about to fire; or only MMEngine records, which R9 sets aside when the legacy run had no
    /// logger hook. Otherwise the records are boundaries.
    func acceptsLogs(legacy: QuietLogs?, new: QuietLogs?) -> Bool {
        switch (legacy, new) {
        case (nil, nil):
            return true
        case let (left?, right?):
            return legacyLogs && right.copies == 1 && left.interval == right.interval && left.position == right.position
                && !(legacyLoggedLastBatch && droppedLastBatchLogs > 0)
        case (nil, _?):
            return !legacyLogs
        case (_?, nil):
            return false
        }
    }

    /// Whether matched quiet spans can be taken in bulk: the context kept before a divergence is no longer
    /// than the three events the bulk path rebuilds (the default).
    var acceptsQuietSpans: Bool { differ.context <= 3 }

    /// How many of a span's first `count` quiet iterations `side` can do in bulk after the divergence: all of
    /// them once the divergence's context is complete, else those before the first event of the stream that
    /// diverged (none when every iteration emits one there), which then come one by one as context.
    func bulkIterations(_ side: Side, for template: QuietIteration, within count: Int) -> Int {
        guard hasDiverged, contextCollected(side) <= differ.context, let stream = ComparedStream(rawValue: divergedStream) else { return count }
        switch stream {
        case .schedule: return 0
        case .ema: return template.emaUpdates > 0 ? 0 : count
        case .other: return template.cacheEmpties > 0 ? 0 : count
        case .logs: return template.logs?.firstDue(within: count) ?? count
        case .checkpoints: return template.checkpoints?.grid.firstDue(within: count) ?? count
        default: return count
        }
    }

    /// `count` quiet iterations of both runs from 0-based iteration `iter`, matched: the legacy run's
    /// template is `legacy`, the new run's `new` (`matches`), their optimizer values equal iteration by
    /// iteration. `epoch` and `batch` are the legacy counters of the first iteration (the new run's are the
    /// same, or the run is compared by iteration); `lagging` of the iterations carry an epoch other than 0 or a
    /// batch other than the iteration (R3's count in an iteration run); `values` are the legacy optimizer
    /// values of the last iteration.
    mutating func matchQuiet(legacy: QuietIteration, new: QuietIteration, iter: Int, count: Int, epoch: Int, batch: Int,
                             lagging: Int, groups: Int, values: TraceValues) {
        guard count > 0 else { return }
        countQuiet(.legacy, legacy, iter: iter, count: count, lagging: lagging, groups: groups)
        countQuiet(.new, new, iter: iter, count: count, lagging: 0, groups: groups)
        matched[ComparedStream.schedule.rawValue] += legacy.scheduleEvents(from: iter, count: count)
        matched[ComparedStream.ema.rawValue] += legacy.emaUpdates * count
        matched[ComparedStream.other.rawValue] += legacy.cacheEmpties * count
        peakPending = Swift.max(peakPending, legacy.scheduleEvents, legacy.emaUpdates, legacy.cacheEmpties)
        // The last matched events of each stream, as context for a later divergence: the legacy events of as
        // many of the last iterations as fill the ring (only the last iteration's optimizer step can be in it).
        let context = differ.context
        guard context > 0 else { return }
        let last = iter + count - 1
        func first(_ perIteration: Int) -> Int { Swift.max(iter, last - (context + perIteration - 1) / Swift.max(perIteration, 1) + 1) }
        // An iteration of a stepping pattern may give only its two calls.
        for current in first(legacy.stepping == nil ? legacy.scheduleEvents : 2)...last {
            let epoch32 = iterationRun ? Int32(0) : Int32(epoch)
            let batch32 = iterationRun ? Int32(0) : Int32(batch + current - iter)
            var call = StreamEvent(kind: .call, point: .beforeTrainIter, epoch: epoch32, iter: Int32(current), batch: batch32, step: 0,
                                   text: -1, count: 0, spill: -1, v0: 0, v1: 0, v2: 0, v3: 0)
            remember(call, stream: ComparedStream.schedule.rawValue)
            call.point = .afterTrainIter
            remember(call, stream: ComparedStream.schedule.rawValue)
            // `values` are those of the span's last stepping iteration, the only one whose steps can be in the ring.
            for _ in 0..<Swift.min(context, legacy.optimizerSteps(at: current)) {
                remember(StreamEvent(kind: .optimStep, point: .afterTrainIter, epoch: epoch32, iter: Int32(current), batch: batch32,
                                     step: Int32(groups), text: -1, count: Int32(values.count), spill: -1,
                                     v0: values.count > 0 ? values[0] : 0, v1: values.count > 1 ? values[1] : 0,
                                     v2: values.count > 2 ? values[2] : 0, v3: values.count > 3 ? values[3] : 0), stream: ComparedStream.schedule.rawValue)
            }
        }
        if legacy.emaUpdates > 0 {
            for current in first(legacy.emaUpdates)...last {
                for law in legacy.emaLaws {
                    remember(StreamEvent(kind: .emaUpdate, point: .afterRun, epoch: 0, iter: 0, batch: 0, step: Int32(current + 1), text: -1, count: 1,
                                         spill: -1, v0: law.value(atIteration: current), v1: 0, v2: 0, v3: 0), stream: ComparedStream.ema.rawValue)
                }
            }
        }
        if legacy.cacheEmpties > 0 {
            for _ in 0..<Swift.min(context, legacy.cacheEmpties * count) {
                remember(StreamEvent(kind: .cacheEmpty, point: .afterRun, epoch: 0, iter: 0, batch: 0, step: 0, text: -1, count: 0,
                                     spill: -1, v0: 0, v1: 0, v2: 0, v3: 0), stream: ComparedStream.other.rawValue)
            }
        }
        // The records matched (MMCV's repeats were set aside by R9 as they came).
        if let logs = legacy.logs, new.logs != nil {
            let due = logs.dueCount(within: count)
            matched[ComparedStream.logs.rawValue] += due
            if due > 0 { peakPending = Swift.max(peakPending, 1) }
            for current in logs.grid.lastDues(within: count, limit: context) {
                remember(StreamEvent(kind: .log, point: .afterRun, epoch: 0, iter: 0, batch: 0, step: Int32(logs.step(current)), text: trainText,
                                     count: 0, spill: -1, v0: 0, v1: 0, v2: 0, v3: 0), stream: ComparedStream.logs.rawValue)
            }
        }
        // The saves matched (the same files: `acceptsCheckpoints`), unless the stream is left out.
        let saves = ComparedStream.checkpoints.rawValue
        if let checkpoints = legacy.checkpoints, new.checkpoints != nil, uncompared & (1 << UInt32(saves)) == 0 {
            let due = checkpoints.grid.dueCount(within: count)
            matched[saves] += due
            if due > 0 { peakPending = Swift.max(peakPending, 1) }
            let values = checkpoints.values
            if texts.texts.count > textLimit { compactTextsIfNeeded() }
            for current in checkpoints.grid.lastDues(within: count, limit: context) {
                remember(StreamEvent(kind: .checkpointSave, point: .afterRun, epoch: 0, iter: 0, batch: 0, step: Int32(truncatingIfNeeded: checkpoints.step(current)),
                                     text: texts.intern(checkpoints.fileName(current)), count: Int32(values.count), spill: -1,
                                     v0: values.count > 0 ? values[0] : 0, v1: 0, v2: 0, v3: 0), stream: saves)
            }
        }
    }

    /// `count` quiet iterations of one run from 0-based iteration `iter`, counted (the events per kind and
    /// stream, the rules they fire, the last event for R7's bookkeeping) but not matched: what `emit` does
    /// with them once the runs have diverged, and half of what it does before.
    mutating func countQuiet(_ side: Side, _ template: QuietIteration, iter: Int, count: Int, lagging: Int, groups: Int) {
        guard count > 0 else { return }
        counts[countIndex(side, .schedule, .call)] += 2 * count
        counts[countIndex(side, .schedule, .optimStep)] += template.optimizerSteps(from: iter, count: count)
        counts[countIndex(side, .ema, .emaUpdate)] += template.emaUpdates * count
        counts[countIndex(side, .other, .cacheEmpty)] += template.cacheEmpties * count
        if side == .legacy {
            tally[.r10, default: 0] += template.emaUpdates * count
            if iterationRun { tally[.r3, default: 0] += template.events(from: iter + count - lagging, count: lagging) }
        }
        if let logs = template.logs {
            let due = logs.dueCount(within: count)
            if side == .legacy {
                // One record per logger hook; the repeats at one iteration are R9's.
                counts[countIndex(side, .logs, .log)] += due * logs.copies
                tally[.r9, default: 0] += due * (logs.copies - 1)
                // R3: the lagging iterations are the span's last `lagging`.
                if iterationRun { tally[.r3, default: 0] += (due - logs.dueCount(within: count - lagging)) * logs.copies }
            } else if legacyLogs {
                counts[countIndex(side, .logs, .log)] += due
            } else {
                // The legacy run had no logger hook: MMEngine's records are set aside (R9).
                tally[.r9, default: 0] += due
            }
            if let lastDue = logs.lastDue(within: count) {
                lastLog[side.rawValue] = (Int32(iter + lastDue), Int32(logs.step(lastDue)), trainText)
            }
        }
        if let checkpoints = template.checkpoints {
            let due = checkpoints.grid.dueCount(within: count)
            counts[countIndex(side, .checkpoints, .checkpointSave)] += due
            // R3: the lagging iterations are the span's last `lagging`.
            if side == .legacy, iterationRun { tally[.r3, default: 0] += due - checkpoints.grid.dueCount(within: count - lagging) }
        }
        let last = template.last(count - 1, iter: iter + count - 1, groups: groups)
        lastNonRemove[side.rawValue] = (last.kind, Int32(last.step))
    }
}
