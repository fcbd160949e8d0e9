/// The legacy run as the schedule sees it: runner kind, E, N (given, or E·L), L.
struct ScheduleSpan {
    /// The runner kind; `nil` when the config states no usable runner.
    var kind: LoopFacts.Kind?
    /// E, for an epoch runner.
    var epochs: Int?
    /// N: an iteration runner's max_iters, or E·L for an epoch runner when L is known.
    var iterations: Int?
    /// L, when given.
    var itersPerEpoch: Int?

    init(loop: LoopFacts?, itersPerEpoch: Int?) {
        kind = loop?.kind
        self.itersPerEpoch = itersPerEpoch.flatMap { $0 > 0 ? $0 : nil }
        switch loop?.kind {
        case .epoch?:
            epochs = loop?.maxEpochs
            if let epochs, let per = self.itersPerEpoch {
                // E·L beyond a 64-bit count is no usable N (and no run the simulation would make).
                let (product, overflow) = epochs.multipliedReportingOverflow(by: per)
                iterations = overflow ? nil : product
            }
        case .iteration?:
            iterations = loop?.maxIters
        case nil:
            break
        }
    }

    /// H for a policy stepped by epoch (E) or by iteration (N).
    func horizon(byEpoch: Bool) -> Int? { byEpoch ? epochs : iterations }

    /// Why H is unknown, for messages.
    func missingHorizon(byEpoch: Bool) -> String {
        if kind == nil {
            return "the length of the run is unknown (see the runner record)"
        }
        if !byEpoch, kind == .epoch {
            return "the number of iterations N = max_epochs × iterations per epoch is unknown: rerun with --iters-per-epoch L (the length of the train dataloader)"
        }
        return "the length of the run is unknown"
    }
}
