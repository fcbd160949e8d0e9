/// The verdict of comparing a legacy run with a new run.
public struct EquivalenceVerdict: Sendable, Equatable {
    /// One stream that differs, with the differ's divergence.
    public struct Divergence: Sendable, Equatable {
        /// Which stream (`schedule`, `checkpoints`, `evaluations`, `best checkpoints`, `logs`, `ema`, `other effects`).
        public var stream: String
        /// The differ's report on that stream.
        public var diff: TraceDiff
    }

    /// The first stream that differs, if any.
    public var divergence: Divergence?
    /// How often each equivalence rule was applied.
    public var rulesUsed: [EquivalenceRule: Int]

    /// Whether the runs are equivalent (possibly under rules).
    public var isEquivalent: Bool { divergence == nil }
}

/// Compares a legacy trace with a new trace under the equivalence rules: each trace is split into streams
/// (the train schedule with every optimizer step, regular checkpoint saves, evaluations, best checkpoints,
/// train logs, EMA updates, other effects); rules drop or relabel what differs by design, count how often
/// they fired, and the streams are then compared exactly (floats within tolerance). A difference no rule
/// covers is a divergence.
public struct TraceEquivalence: Sendable {
    /// Float tolerance.
    public var tolerance: Tolerance
    /// Whether the legacy run was distributed.
    public var distributed: Bool

    /// Creates a comparison.
    public init(tolerance: Tolerance = Tolerance(), distributed: Bool = false) {
        self.tolerance = tolerance
        self.distributed = distributed
    }

    /// The train mount points both runners dispatch, as a bit mask over `MountPoint.rawValue`.
    static let sharedTrainPoints: UInt32 = [MountPoint.beforeRun, .afterRun, .beforeTrainEpoch, .afterTrainEpoch, .beforeTrainIter, .afterTrainIter]
        .reduce(0) { $0 | (1 << UInt32($1.rawValue)) }

    /// Rule tallies in a fixed array (a dictionary update per event costs more than the rest of the split).
    struct Tally {
        var counts = [Int](repeating: 0, count: EquivalenceRule.allCases.count)

        subscript(_ rule: EquivalenceRule, default _: Int) -> Int {
            get { counts[Self.index(rule)] }
            set { counts[Self.index(rule)] = newValue }
        }

        static func index(_ rule: EquivalenceRule) -> Int {
            EquivalenceRule.allCases.firstIndex(of: rule) ?? 0
        }

        var dictionary: [EquivalenceRule: Int] {
            var result: [EquivalenceRule: Int] = [:]
            for (index, rule) in EquivalenceRule.allCases.enumerated() where counts[index] > 0 { result[rule] = counts[index] }
            return result
        }
    }

    struct Streams {
        var schedule: [ResolvedTraceEvent] = []
        var checkpoints: [ResolvedTraceEvent] = []
        var evaluations: [ResolvedTraceEvent] = []
        var best: [ResolvedTraceEvent] = []
        var logs: [ResolvedTraceEvent] = []
        var ema: [ResolvedTraceEvent] = []
        var other: [ResolvedTraceEvent] = []
    }

    /// Compares two runs of the same schedule: `legacy` from the MMCV adapter, `new` from the new Runner.
    public func compare(legacy: Trace, new: Trace, iterationRun: Bool) -> EquivalenceVerdict {
        var rules = Tally()
        var left = split(legacy, side: .legacy, iterationRun: iterationRun, rules: &rules)
        var right = split(new, side: .new, iterationRun: iterationRun, rules: &rules)
        applyCrossRules(&left, &right, legacyItersPerEpoch: legacy.header.itersPerEpoch, rules: &rules)
        let differ = TraceDiffer(tolerance: tolerance)
        let pairs: [(String, [ResolvedTraceEvent], [ResolvedTraceEvent])] = [
            ("schedule", left.schedule, right.schedule), ("checkpoints", left.checkpoints, right.checkpoints),
            ("evaluations", left.evaluations, right.evaluations), ("best checkpoints", left.best, right.best),
            ("logs", left.logs, right.logs), ("ema", left.ema, right.ema), ("other effects", left.other, right.other),
        ]
        for (name, a, b) in pairs {
            let diff = differ.compare(a, b)
            if !diff.isEqual { return EquivalenceVerdict(divergence: .init(stream: name, diff: diff), rulesUsed: rules.dictionary) }
        }
        return EquivalenceVerdict(divergence: nil, rulesUsed: rules.dictionary)
    }

    enum Side { case legacy, new }

    func split(_ trace: Trace, side: Side, iterationRun: Bool, rules: inout Tally) -> Streams {
        var streams = Streams()
        var lastLog: (Int32, Int32, String?)?
        for index in trace.events.indices {
            var event = trace.resolved(index)
            // R3: compare by counters that mean the same; an iteration run's epoch and batch do not.
            if iterationRun {
                if event.event.epoch != 0 || event.event.batch != event.event.iter { rules[.r3, default: 0] += side == .legacy ? 1 : 0 }
                event.event.epoch = 0
                event.event.batch = 0
            }
            // R3: at epoch- and run-level points the batch counter is leftover bookkeeping (MMCV keeps the
            // last batch of whatever ran before, a workflow val epoch included; MMEngine the last train batch).
            if !iterationRun, event.event.point != .beforeTrainIter, event.event.point != .afterTrainIter {
                if event.event.kind == .call, event.event.batch != 0, side == .legacy { rules[.r3, default: 0] += 1 }
                event.event.batch = 0
            }
            switch event.event.kind {
            case .call:
                if Self.sharedTrainPoints & (1 << UInt32(event.event.point.rawValue)) != 0 {
                    streams.schedule.append(event)
                } else {
                    rules[side == .legacy ? .r13 : .r1, default: 0] += 1
                }
            case .optimStep:
                streams.schedule.append(event)
            case .checkpointSave:
                if side == .new, isResaveAfterBest(trace, index) {
                    rules[.r7, default: 0] += 1
                    continue
                }
                event.event = positionless(event.event)
                streams.checkpoints.append(event)
            case .checkpointRemove:
                rules[.r6, default: 0] += 1
            case .evaluation:
                event.event = positionless(event.event)
                event.text = nil
                streams.evaluations.append(event)
                rules[.r2, default: 0] += side == .legacy ? 1 : 0
            case .bestSave, .bestRemove:
                event.event = positionless(event.event)
                event.text = event.text.map(Self.bestSuffix)
                streams.best.append(event)
            case .log:
                // MMCV writes the same record once per logger hook (text, tensorboard …); MMEngine once
                // for all backends. Repeats of the record at the same iteration count once (R9).
                let signature = (event.event.iter, event.event.step, event.text)
                if let last = lastLog, last.0 == signature.0, last.1 == signature.1, last.2 == signature.2 {
                    rules[.r9, default: 0] += 1
                    continue
                }
                lastLog = signature
                if event.text == "train" {
                    event.event = positionless(event.event)
                    streams.logs.append(event)
                } else {
                    rules[.r9, default: 0] += 1
                }
            case .emaUpdate:
                event.values = []
                event.event = positionless(event.event)
                streams.ema.append(event)
                rules[.r10, default: 0] += side == .legacy ? 1 : 0
            case .emaSwap:
                rules[.r10, default: 0] += 1
            case .samplerEpoch where !distributed:
                rules[.r11, default: 0] += side == .new ? 1 : 0
            default:
                event.event = positionless(event.event)
                streams.other.append(event)
            }
        }
        return streams
    }

    /// Whether the save at `index` directly follows a best save of the same step (R7's re-save).
    func isResaveAfterBest(_ trace: Trace, _ index: Int) -> Bool {
        guard index > 0 else { return false }
        var previous = index - 1
        while previous > 0, trace.events[previous].kind == .checkpointRemove { previous -= 1 }
        return trace.events[previous].kind == .bestSave && trace.events[previous].step == trace.events[index].step
    }

    /// Effects are compared by step, not by where they happened (R2, R3).
    func positionless(_ event: TraceEvent) -> TraceEvent {
        var copy = event
        copy.point = .afterRun
        copy.epoch = 0
        copy.iter = 0
        copy.batch = 0
        return copy
    }

    /// `best_<key>_epoch_3.pth` → `_epoch_3.pth`: metric keys are renamed by the conversion (prefixes).
    static func bestSuffix(_ file: String) -> String {
        for marker in ["_epoch_", "_iter_"] {
            if let range = file.range(of: marker, options: .backwards) { return String(file[range.lowerBound...]) }
        }
        return file
    }

    func applyCrossRules(_ left: inout Streams, _ right: inout Streams, legacyItersPerEpoch: Int, rules: inout Tally) {
        // R4: one extra final validation on the new side (and the best save/removal it causes).
        if right.evaluations.count == left.evaluations.count + 1, let last = right.evaluations.last,
           !left.evaluations.contains(where: { $0.event.step == last.event.step }) {
            right.evaluations.removeLast()
            right.best.removeAll { $0.event.step == last.event.step }
            rules[.r4, default: 0] += 1
        }
        // R8: a best save of a score 0 on the new side, and the removal of that file later.
        var dropped: Set<String> = []
        right.best.removeAll { event in
            if event.event.kind == .bestSave, event.values.first == 0, let text = event.text {
                dropped.insert(text)
                rules[.r8, default: 0] += 1
                return true
            }
            if event.event.kind == .bestRemove, let text = event.text, dropped.contains(text) { return true }
            return false
        }
        // R9c: the new side logs the last batch of an epoch not longer than the logger interval; MMCV
        // does not. Only that batch's records are dropped, and only when the legacy side has none there.
        let lastBatch = Int32(legacyItersPerEpoch)
        if !left.logs.contains(where: { $0.event.step == lastBatch }) {
            let before = right.logs.count
            right.logs.removeAll { $0.event.step == lastBatch }
            if right.logs.count < before { rules[.r9, default: 0] += before - right.logs.count }
        }
    }
}
