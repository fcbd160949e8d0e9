import ArgumentParser

/// `hookmigrate diff-trace`: show where two runs diverge.
struct DiffTrace: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "diff-trace",
        abstract: "Show where two traces diverge, first divergence first (not in this build yet).",
        discussion: """
        A and B are trace files, or one legacy config (converted, then run through both runners). Prints \
        the first divergence with context and a summary by event kind. Exits 0 when equal, 1 when \
        different, 2 on bad input; 3 until the simulators land.
        """
    )

    @Argument(help: "A trace file, or a legacy config.")
    var first: String

    @Argument(help: "A second trace file.")
    var second: String?

    @Option(help: "Relative tolerance for floats.")
    var rtol: Double = 1e-9

    @Option(help: "Absolute tolerance for floats.")
    var atol: Double = 0

    func run() throws {
        throw CLIError.unavailable("diff-trace")
    }
}
