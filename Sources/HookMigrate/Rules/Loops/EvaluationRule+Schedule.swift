/// When validation happens: MMCV's `EvalHook` (with mmdet's `dynamic_intervals`) versus MMEngine's train
/// loops (`val_begin`, `val_interval`, `dynamic_intervals`), both written as the 1-based epochs or
/// iterations after which they validate (runners-and-hooks.md 3.3, 4.2).
struct EvaluationSchedule: Sendable, Equatable {
    /// `evaluation.interval`.
    var interval: Int
    /// `evaluation.start`.
    var start: Int?
    /// mmdet's `evaluation.dynamic_intervals`: (milestone, interval) pairs.
    var dynamicIntervals: [DynamicInterval] = []

    struct DynamicInterval: Sendable, Equatable {
        var milestone: Int
        var interval: Int
    }

    /// The interval in force at 1-based step `n`: mmdet bisects `[0, m1, m2, …]` with `n` (the epoch or
    /// iteration now running) before each step.
    static func interval(at n: Int, base: Int, dynamic: [DynamicInterval]) -> Int {
        guard !dynamic.isEmpty else { return base }
        // Python's bisect.bisect (bisect_right) over [0, m1, m2, …], exactly as both libraries call it.
        let milestones = [0] + dynamic.map(\.milestone)
        var low = 0
        var high = milestones.count
        while low < high {
            let middle = (low + high) / 2
            if n < milestones[middle] { high = middle } else { low = middle + 1 }
        }
        let index = low - 1
        return index <= 0 ? base : dynamic[index - 1].interval
    }

    /// MMCV's `_should_evaluate` after step `n`.
    func legacyEvaluates(after n: Int) -> Bool {
        let k = Self.interval(at: n, base: interval, dynamic: dynamicIntervals)
        guard let start else { return n % k == 0 }
        return n >= start && (n - start) % k == 0
    }

    /// Whether MMCV also evaluated before the first step of a fresh run: `before_train_epoch`/`before_train_iter`
    /// call the after-step test with the counter at 0 when `start <= 0`.
    var legacyEvaluatesBeforeTraining: Bool {
        guard let start, start <= 0 else { return false }
        let k = Self.interval(at: 1, base: interval, dynamic: dynamicIntervals)
        return (1 - start) % k == 0
    }

    /// The steps after which MMCV evaluates in a run of `length` steps (`legacyEvaluates(after:)` for each,
    /// computed by jumping from one step to the next: the cost follows the evaluations, not the run).
    func legacySteps(length: Int) -> [Int] {
        guard length > 0 else { return [] }
        guard Self.milestonesIncrease(dynamicIntervals) else { return (1...length).filter { legacyEvaluates(after: $0) } }
        let segments = Self.segments(base: interval, dynamic: dynamicIntervals, shift: 0)
        guard let start else { return Self.progression(length: length, from: 1, anchor: 0, segments: segments) }
        return Self.progression(length: length, from: max(start, 1), anchor: start, segments: segments)
    }

    /// Whether the dynamic milestones increase from above 0, so that the bisection is a plain lookup in
    /// segments (otherwise each step is tested on its own, as the libraries do).
    static func milestonesIncrease(_ dynamic: [DynamicInterval]) -> Bool {
        var previous = 0
        for item in dynamic {
            guard item.milestone > previous else { return false }
            previous = item.milestone
        }
        return true
    }

    /// The interval in force from each step on: `interval(at:)` as change points, with every milestone moved
    /// by `-shift` (MMEngine looks the interval up with the next step).
    static func segments(base: Int, dynamic: [DynamicInterval], shift: Int) -> [(start: Int, interval: Int)] {
        var result: [(start: Int, interval: Int)] = [(Int.min, base)]
        for item in dynamic {
            let start = item.milestone &- shift
            if let last = result.last, start <= last.start { result[result.count - 1].interval = item.interval } else { result.append((start, item.interval)) }
        }
        return result
    }

    /// The steps `n` in `from...length` with `(n - anchor)` a multiple of the interval in force at `n`.
    static func progression(length: Int, from: Int, anchor: Int, segments: [(start: Int, interval: Int)]) -> [Int] {
        var steps: [Int] = []
        for (index, segment) in segments.enumerated() {
            let end = index + 1 < segments.count ? min(segments[index + 1].start &- 1, length) : length
            let k = segment.interval
            let low = max(segment.start, from)
            guard k > 0, low <= end else { continue }
            let remainder = (anchor.subtractingReportingOverflow(low).partialValue % k + k) % k
            var n = low.addingReportingOverflow(remainder)
            while !n.overflow, n.partialValue <= end {
                steps.append(n.partialValue)
                n = n.partialValue.addingReportingOverflow(k)
            }
        }
        return steps
    }

    /// The MMEngine loop settings that come closest: `val_interval = k`, `val_begin = max(start, 1)`, every
    /// dynamic milestone shifted by +1 (MMEngine bisects with the *next* step, 4.2).
    var modern: ModernValidation {
        ModernValidation(valBegin: max(start ?? 1, 1), valInterval: interval,
                         dynamicIntervals: dynamicIntervals.map { DynamicInterval(milestone: $0.milestone + 1, interval: $0.interval) })
    }
}

/// MMEngine's `train_cfg.val_begin/val_interval/dynamic_intervals`.
struct ModernValidation: Sendable, Equatable {
    var valBegin: Int
    var valInterval: Int
    var dynamicIntervals: [EvaluationSchedule.DynamicInterval]

    /// The loop's test after step `n` of `length` (`loops.py`): the interval is looked up with `n + 1`, and the
    /// last step always validates.
    func validates(after n: Int, length: Int) -> Bool {
        let k = EvaluationSchedule.interval(at: n + 1, base: valInterval, dynamic: dynamicIntervals)
        return n >= valBegin && (n % k == 0 || n == length)
    }

    /// The steps after which MMEngine validates in a run of `length` steps (`validates(after:length:)` for
    /// each, computed by jumping from one step to the next).
    func steps(length: Int) -> [Int] {
        guard length > 0 else { return [] }
        guard EvaluationSchedule.milestonesIncrease(dynamicIntervals) else {
            return (1...length).filter { validates(after: $0, length: length) }
        }
        let segments = EvaluationSchedule.segments(base: valInterval, dynamic: dynamicIntervals, shift: 1)
        var steps = EvaluationSchedule.progression(length: length, from: max(valBegin, 1), anchor: 0, segments: segments)
        if length >= valBegin, steps.last != length { steps.append(length) }
        return steps
    }
}

extension EvaluationRule {
    /// Runs longer than this are not simulated step by step.
    static let simulationLimit = 5_000_000

    /// A list of steps for messages: all of them when short, else the first and last few.
    static func describeSteps(_ steps: [Int]) -> String {
        if steps.isEmpty { return "none" }
        if steps.count <= 12 { return steps.map(String.init).joined(separator: ", ") }
        let head = steps.prefix(6).map(String.init).joined(separator: ", ")
        let tail = steps.suffix(3).map(String.init).joined(separator: ", ")
        return "\(head), …, \(tail); \(steps.count) in all"
    }
}
