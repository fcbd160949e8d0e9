import ArgumentParser

/// Bounds of the numeric command-line options shared by the commands.
enum CommandLimits {
    /// Most files converted at once in tree mode.
    static let maxJobs = 1024
    /// Largest `--iters-per-epoch` (a dataloader of a billion batches).
    static let maxItersPerEpoch = 1_000_000_000
    /// Most events of context `diff-trace` shows.
    static let maxContext = 10_000

    /// Refuses an `--iters-per-epoch` outside 1 … `maxItersPerEpoch`.
    static func checkItersPerEpoch(_ value: Int) throws {
        guard (1...maxItersPerEpoch).contains(value) else {
            throw ValidationError("--iters-per-epoch must be a positive number of iterations of at most \(maxItersPerEpoch), not \(value)")
        }
    }
}
