import ArgumentParser

/// The workload every command that runs the simulators takes: the train dataloader's length and whether the
/// legacy run was distributed. Declared once (an `@OptionGroup`), so every command reads, documents and
/// validates them the same way.
struct WorkloadOptions: ParsableArguments {
    @Option(help: "Iterations per epoch of the real train dataloader (L): exact epoch-to-iteration conversions, and the epoch length the proof runs first (trace: the simulated one, default 10).")
    var itersPerEpoch: Int?

    @Flag(help: "The legacy run was distributed (mmdet-era train scripts registered some hooks only then).")
    var distributed = false

    func validate() throws {
        if let itersPerEpoch { try CommandLimits.checkItersPerEpoch(itersPerEpoch) }
    }
}
