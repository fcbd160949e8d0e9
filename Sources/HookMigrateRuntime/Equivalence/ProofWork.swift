/// What a proof did: how many iterations it took in bulk and how many events it compared one by one.
public struct ProofWork: Sendable, Equatable {
    /// Quiet spans taken in bulk.
    public var spans = 0
    /// Iterations inside them.
    public var bulkIterations = 0
    /// Iterations whose optimizer values were computed one by one inside them (the rest were in runs of
    /// unchanged values, each computed once).
    public var valueIterations = 0
    /// Iterations among them whose values were compared symbolically (`PolySpanBound`: two poly schedules
    /// proven equal over a whole span by a bound; the new run's chained values still stepped one by one).
    public var symbolicIterations = 0
    /// Events the runs emitted one by one (every event on the event-by-event path).
    public var events = 0
    /// Units of work spent against the budget (`ProofBudget`).
    public var units = 0

    /// Creates an empty record.
    public init() {}
}
