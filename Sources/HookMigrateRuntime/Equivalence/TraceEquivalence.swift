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
    /// The most events one run was ahead of the other in one stream: what the streaming comparison had to
    /// hold (besides a few events of context).
    public var peakPending: Int = 0
    /// What the proof did (the bulk path's figures; zero spans on the event-by-event path).
    public var work = ProofWork()
    /// Events each run sent to each stream (`ComparedStream.rawValue`), after the rules: what was there to compare.
    public var streamEvents: [(legacy: Int, new: Int)] = []
    /// Events matched per stream (`ComparedStream.rawValue`).
    public var matchedEvents: [Int] = []
    /// Under `ComparisonScope.ignoreLrScale`: new lr / legacy lr per param group (`nil` where no step had both
    /// non-zero).
    public var lrFactors: [Double?] = []

    public static func == (lhs: EquivalenceVerdict, rhs: EquivalenceVerdict) -> Bool {
        lhs.divergence == rhs.divergence && lhs.rulesUsed == rhs.rulesUsed && lhs.peakPending == rhs.peakPending && lhs.work == rhs.work
            && lhs.streamEvents.map(\.legacy) == rhs.streamEvents.map(\.legacy) && lhs.streamEvents.map(\.new) == rhs.streamEvents.map(\.new)
            && lhs.matchedEvents == rhs.matchedEvents && lhs.lrFactors == rhs.lrFactors
    }

    /// Creates a verdict.
    public init(divergence: Divergence?, rulesUsed: [EquivalenceRule: Int], peakPending: Int = 0) {
        self.divergence = divergence
        self.rulesUsed = rulesUsed
        self.peakPending = peakPending
    }

    /// Whether the runs are equivalent (possibly under rules).
    public var isEquivalent: Bool { divergence == nil }
}

/// Compares a legacy trace with a new trace under the equivalence rules: each trace is split into streams
/// (the train schedule with every optimizer step, regular checkpoint saves, evaluations, best checkpoints,
/// train logs, EMA updates, other effects); rules drop or relabel what differs by design, count how often
/// they fired, and the streams are then compared exactly (floats within tolerance). A difference no rule
/// covers is a divergence.
public struct TraceEquivalence: Sendable, Hashable {
    /// Float tolerance.
    public var tolerance: Tolerance
    /// Whether the legacy run was distributed.
    public var distributed: Bool
    /// The most events one run may be ahead of the other in one stream; beyond it the runs have drifted
    /// apart and that is reported as a divergence.
    public var window: Int
    /// Whether the legacy run had a logger hook. Without one (`log_config` absent, None, or no hooks) MMCV
    /// wrote no log record, and the records of MMEngine's default LoggerHook are ignored (R9).
    public var legacyLogs: Bool
    /// Whether the legacy run could save best checkpoints (`save_best` set), when comparing recorded traces:
    /// a simulated legacy run says so itself. Without it, the best save of MMEngine's extra final validation
    /// is a difference (R4 sets it aside only when the legacy run saved best checkpoints too).
    public var legacySavesBest = true
    /// How two simulated runners are driven: quiet spans in bulk (the default) or every event one by one.
    public var strategy: Strategy
    /// The most work the bulk path may do (`ProofBudget`).
    public var budget: ProofBudget
    /// What is compared beyond the rules (default: everything, exactly).
    public var scope: ComparisonScope = .full
    /// Whether a pair of simulated runners compared before in this process takes the verdict found then
    /// (`ProofMemo`; the default). The benchmarks turn it off to time a comparison itself.
    public var remembers = true

    /// How two simulated runners are compared; both give the same verdict (`SpanProofParityTests`).
    public enum Strategy: String, Sendable, Hashable, CaseIterable {
        /// Quiet spans of iterations in bulk, every boundary event by event (`SpanProof`): the cost follows the
        /// number of boundaries and of iterations whose optimizer values change.
        case spans
        /// Every event of both runs one by one (`drive`), as a replay of two recorded traces is compared.
        case events
    }

    /// Creates a comparison.
    public init(tolerance: Tolerance = Tolerance(), distributed: Bool = false, window: Int = 1 << 16, legacyLogs: Bool = true,
                strategy: Strategy = .spans, budget: ProofBudget = .standard) {
        self.tolerance = tolerance
        self.distributed = distributed
        self.window = window
        self.legacyLogs = legacyLogs
        self.strategy = strategy
        self.budget = budget
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

        /// The rule's position in `EquivalenceRule.allCases` (looked up per event: a search of a fresh
        /// `allCases` array each time cost more than the rest of the event's rules).
        static func index(_ rule: EquivalenceRule) -> Int {
            switch rule {
            case .r1: return 0
            case .r2: return 1
            case .r3: return 2
            case .r4: return 3
            case .r6: return 4
            case .r7: return 5
            case .r8: return 6
            case .r9: return 7
            case .r10: return 8
            case .r11: return 9
            case .r13: return 10
            }
        }

        var dictionary: [EquivalenceRule: Int] {
            var result: [EquivalenceRule: Int] = [:]
            for (index, rule) in EquivalenceRule.allCases.enumerated() where counts[index] > 0 { result[rule] = counts[index] }
            return result
        }
    }

    /// Compares two recorded runs of the same schedule: `legacy` from the MMCV adapter, `new` from the new Runner.
    public func compare(legacy: Trace, new: Trace, iterationRun: Bool) -> EquivalenceVerdict {
        var left = TraceReplay(legacy)
        var right = TraceReplay(new)
        var stream = EquivalenceStream(tolerance: tolerance, distributed: distributed, iterationRun: iterationRun,
                                       legacyItersPerEpoch: legacy.header.itersPerEpoch, window: window, legacyLogs: legacyLogs, scope: scope)
        stream.legacySavesBest = legacySavesBest
        try? Self.drive(&left, &right, into: &stream) // a replay never throws
        return stream.finish()
    }

    /// Runs both simulated runners in lockstep and compares them as they go: no trace is kept. With the
    /// `spans` strategy quiet spans are taken in bulk and the work is limited by `budget` (beyond it:
    /// `ProofBudgetExceeded`).
    /// A pair of runners already compared in this process (`ProofMemo`) is not compared again.
    public func compare(legacy: LegacyRunner, new: ModernRunner, iterationRun: Bool) throws -> EquivalenceVerdict {
        guard remembers, let legacyKey = legacy.proofKey, let newKey = new.proofKey else {
            return try compareAfresh(legacy: legacy, new: new, iterationRun: iterationRun)
        }
        let key = ProofMemo.Key(legacy: legacyKey, new: newKey, comparison: self, iterationRun: iterationRun)
        return try ProofMemo.shared.value(key) { try compareAfresh(legacy: legacy, new: new, iterationRun: iterationRun) }
    }

    /// The comparison itself, never remembered (the reference `ProofMemoTests` checks the remembered one against).
    func compareAfresh(legacy: LegacyRunner, new: ModernRunner, iterationRun: Bool) throws -> EquivalenceVerdict {
        var left = LegacyRun(runner: legacy)
        var right = ModernRun(runner: new)
        var stream = EquivalenceStream(tolerance: tolerance, distributed: distributed, iterationRun: iterationRun,
                                       legacyItersPerEpoch: legacy.settings.itersPerEpoch, window: window, legacyLogs: legacyLogs, scope: scope)
        stream.legacySavesBest = legacy.savesBest
        stream.legacySkipsZeroBest = legacy.skipsZeroBest
        var work = ProofWork()
        switch strategy {
        case .spans: work = try SpanProof.run(&left, &right, into: &stream, budget: budget)
        case .events: try Self.drive(&left, &right, into: &stream)
        }
        var verdict = stream.finish()
        work.events = stream.emitted
        verdict.work = work
        return verdict
    }

    /// Drives two producers in lockstep: the side that is not ahead in the schedule stream (every train
    /// iteration's mount points and optimizer step) advances next, so the two stay within a unit of work of
    /// each other and the comparison holds only the events between them.
    static func drive<L: TraceProducer, N: TraceProducer>(_ legacy: inout L, _ new: inout N, into stream: inout EquivalenceStream) throws {
        var legacyRunning = true
        var newRunning = true
        while legacyRunning || newRunning {
            let legacyAhead = stream.legacyAhead
            if legacyRunning && (!newRunning || !legacyAhead) {
                stream.side = .legacy
                legacyRunning = try legacy.advance(into: &stream)
            } else {
                stream.side = .new
                newRunning = try new.advance(into: &stream)
            }
        }
    }

    /// `best_<key>_epoch_3.pth` → `_epoch_3.pth`: metric keys are renamed by the conversion (prefixes).
    static func bestSuffix(_ file: String) -> String {
        for marker in ["_epoch_", "_iter_"] {
            if let range = file.range(of: marker, options: .backwards) { return String(file[range.lowerBound...]) }
        }
        return file
    }
}
