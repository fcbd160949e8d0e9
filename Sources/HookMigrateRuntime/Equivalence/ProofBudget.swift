/// How much work the proof may do before it gives up with "not proven — too long to simulate"
/// (docs/equivalence.md, "Budget"). A unit of work is one event a run emits one by one (at a boundary, or
/// everywhere in the event-by-event path), or one iteration whose optimizer values the bulk path computes;
/// an iteration inside a run of unchanged values and a quiet span's bookkeeping cost one unit each.
public struct ProofBudget: Sendable, Hashable {
    /// Units of work.
    public var work: Int

    /// Creates a budget.
    public init(work: Int) {
        self.work = work
    }

    /// The default: 30 million units. A 10⁷-iteration run whose lr changes at every iteration needs a third
    /// of it (about a second); events one by one cost 0.1–1 µs each on one core (a checkpoint save, the
    /// costliest, about 1 µs), so the budget is a few seconds of typical events and at most about half a
    /// minute.
    public static let standard = ProofBudget(work: 30_000_000)
}

/// The proof spent its budget before the runs ended.
public struct ProofBudgetExceeded: Error, Sendable, Equatable, CustomStringConvertible {
    /// The longer run's length, in iterations.
    public var iterations: Int
    /// The budget, in units of work.
    public var budget: Int
    /// The iteration the proof had reached.
    public var reached: Int
    /// The legacy run's epochs, when their count alone is past the budget (the proof then did no work).
    public var epochs: Int?

    /// Creates the error.
    public init(iterations: Int, budget: Int, reached: Int, epochs: Int? = nil) {
        self.iterations = iterations
        self.budget = budget
        self.reached = reached
        self.epochs = epochs
    }

    public var description: String {
        if let epochs {
            return "too long to simulate (\(iterations) iterations in \(epochs) epochs; every epoch end costs at least one unit of work and the budget is \(budget) units)"
        }
        return "too long to simulate (\(iterations) iterations; the budget is \(budget) units of work, spent by iteration \(reached))"
    }
}
