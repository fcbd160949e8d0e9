import ArgumentParser

/// `hookmigrate trace`: run one runner over a config and write its mount-point trace.
struct Trace: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Run a config through a simulated runner and write its trace (not in this build yet).",
        discussion: """
        Runs CONFIG through the old-semantics MMCV runner (--runner legacy) or the MMEngine runner \
        (--runner new) over a simulated workload and writes every hook call and its effects (learning \
        rates, checkpoints, evaluations …) as JSON Lines. Exits 3 until the simulators land.
        """
    )

    @Argument(help: "The config to run.")
    var config: String

    @Option(help: "Which runner: legacy or new.")
    var runner: String = "new"

    @Option(name: .shortAndLong, help: "Write the trace to this file instead of standard output.")
    var output: String?

    func validate() throws {
        guard ["legacy", "new"].contains(runner) else {
            throw ValidationError("--runner takes legacy or new, not '\(runner)'")
        }
    }

    func run() throws {
        throw CLIError.unavailable("trace")
    }
}
