import HookMigrateRuntime

/// The verdict as a plot states it: a headline, detail lines, and where the first divergence lies on the
/// iteration axis.
struct PlotVerdict: Sendable, Equatable {
    /// How the headline is coloured.
    enum Status: Sendable, Equatable {
        case equivalent, notEquivalent, notProven, unchecked
    }

    /// The status.
    var status: Status
    /// One line: `verdict: equivalent under rules R1, R3`, `verdict: NOT equivalent — the schedule differ`.
    var headline: String
    /// Further lines (the divergence's reason, why it is not proven).
    var details: [String]
    /// The stream of the first divergence.
    var stream: String?
    /// The iteration of the first divergence, when it can be placed (`locate(in:)`).
    var divergenceX: Int?
    /// The first differing event of each run (`nil` where that run's stream had ended).
    var divergentEvents: [ResolvedTraceEvent?] = [nil, nil]

    /// The verdict `convert` gives, for a plot; `nil` when none was computed.
    init(_ outcome: Validator.Outcome?) {
        switch outcome {
        case .equivalent(let rules)?:
            status = .equivalent
            let used = rules.keys.sorted().map(\.rawValue)
            headline = used.isEmpty ? "verdict: equivalent" : "verdict: equivalent under rules " + used.joined(separator: ", ")
            details = []
        case .notEquivalent(let divergence, _)?:
            status = .notEquivalent
            stream = divergence.stream
            let first = divergence.diff.divergence
            divergentEvents = [first?.left.first, first?.right.first]
            headline = "verdict: NOT equivalent — the \(divergence.stream) " + (divergence.stream.hasSuffix("s") ? "differ" : "differs")
            details = first.map { ["first divergence: " + $0.reason] } ?? []
        case .notProven(let reason)?:
            status = .notProven
            headline = "verdict: not proven"
            details = [reason]
        case nil:
            status = .unchecked
            headline = "verdict: not checked"
            details = []
        }
    }

    /// Places the first divergence on the iteration axis and names it in the headline. The comparison keeps
    /// the counters of schedule events only; checkpoints, evaluations and best checkpoints are compared by
    /// their step (a 1-based epoch or iteration), placed with the run's own ratio of iterations to steps, and
    /// EMA updates name their iteration. Logs and other effects are not placed. Of the two runs' events the
    /// earlier counts.
    mutating func locate(in runs: [RunSeries]) {
        guard status == .notEquivalent else { return }
        var places: [Int] = []
        for (side, found) in divergentEvents.enumerated() {
            guard let found, side < runs.count else { continue }
            let event = found.event
            let step = Int(event.step)
            switch event.kind {
            case .call, .optimStep:
                places.append(PlotRecorder.iteration(of: event.kind, at: event.point, iter: Int(event.iter)))
            case .checkpointSave, .checkpointRemove:
                if let ratio = runs[side].checkpoints.iterationsPerStep { places.append(step * ratio) }
            case .evaluation:
                if let ratio = runs[side].evaluations.iterationsPerStep { places.append(step * ratio) }
            case .bestSave, .bestRemove:
                if let ratio = runs[side].best.iterationsPerStep { places.append(step * ratio) }
            case .emaUpdate:
                places.append(step)
            default:
                break
            }
        }
        divergenceX = places.min()
        if let divergenceX { headline += " (first at iteration \(divergenceX))" }
    }
}
