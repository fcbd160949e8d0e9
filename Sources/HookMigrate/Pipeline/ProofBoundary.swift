import HookMigrateCore

/// An iteration a config names — the end of a warmup, an iteration milestone, a scheduler's `begin` or
/// `end`, an interval counted in iterations — which a proof must simulate past to check what happens there
/// (docs/equivalence.md, "Workloads"). Epoch-based settings are no boundaries of this kind: every simulated
/// run has all the epochs of the real one.
public struct ProofBoundary: Sendable, Equatable {
    /// What the iteration is counted from.
    public enum Scope: String, Sendable, Equatable {
        /// The start of the run: the run must be longer than it.
        case run
        /// The start of each epoch (an interval of inner iterations, such as an epoch-based logger's): the
        /// epoch must be longer than it.
        case epoch
    }

    /// The iteration count the config names.
    public var iteration: Int
    /// What it is counted from.
    public var scope: Scope
    /// The key that names it (`lr_config.warmup_iters`, `param_scheduler[0].end`).
    public var source: String

    /// Creates a boundary.
    public init(iteration: Int, scope: Scope, source: String) {
        self.iteration = iteration
        self.scope = scope
        self.source = source
    }

    /// The iterations a run must have past the boundary: the boundary's own iteration and the next one, so
    /// that the change it makes is compared on both sides of it.
    static let margin = 2

    /// The shortest epoch length whose run of `epochs` epochs passes the boundary with `margin` to spare;
    /// `nil` when no count of iterations fits one (it then makes the proof "too long to simulate").
    func length(epochs: Int) -> Int? {
        let (needed, overflow) = iteration.addingReportingOverflow(Self.margin)
        guard !overflow else { return nil }
        switch scope {
        case .epoch: return needed
        case .run: return epochs > 0 ? (needed + epochs - 1) / epochs : nil
        }
    }

    /// How reports name it: `lr_config.warmup_iters = 500` or `log_config.interval = 50 (within an epoch)`.
    public var description: String {
        "\(source) = \(iteration)" + (scope == .epoch ? " (within an epoch)" : "")
    }
}
