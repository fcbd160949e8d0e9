import ArgumentParser
import HookMigrate
import HookMigrateCore
import HookMigrateRuntime

/// `hookmigrate diff-trace`: show where two runs diverge.
struct DiffTrace: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "diff-trace",
        abstract: "Show where two traces diverge, first divergence first.",
        discussion: """
        A and B are trace files (JSON Lines, docs/trace-format.md). Prints the first divergence with a few \
        events of context on both sides, then a count of events by kind. Integers and the event sequence must \
        match exactly; floats within --rtol/--atol. Exits 0 when equal, 1 when different, 2 on bad input.

        Given one legacy config instead, it converts it, runs the legacy config and the converted one \
        through the two simulated runners and compares them under the equivalence rules (docs/equivalence.md).
        """
    )

    @Argument(help: "A trace file (or, later, a legacy config).")
    var first: String

    @Argument(help: "A second trace file.")
    var second: String?

    @Option(help: "Relative tolerance for floats.")
    var rtol: Double = 1e-9

    @Option(help: "Absolute tolerance for floats.")
    var atol: Double = 0

    @Option(help: "Events of context around the divergence.")
    var context: Int = 3

    func validate() throws {
        guard rtol.isFinite, atol.isFinite, rtol >= 0, atol >= 0 else {
            throw ValidationError("--rtol and --atol must be finite and not negative, not \(rtol) and \(atol)")
        }
        guard (0...CommandLimits.maxContext).contains(context) else {
            throw ValidationError("--context must be between 0 and \(CommandLimits.maxContext), not \(context)")
        }
        try CommandLimits.checkItersPerEpoch(itersPerEpoch)
    }

    @Option(help: "Iterations per epoch, when A is a legacy config.")
    var itersPerEpoch: Int = 10

    func run() throws {
        guard let second else {
            let loaded = try ConfigLoader().load(first)
            for warning in loaded.warnings { Console.printError(warning) }
            let result = try Translator(options: MigrationOptions(itersPerEpoch: itersPerEpoch)).translate(loaded)
            if result.isAlreadyMMEngine {
                Console.write("validation: not run: \(first) is already an MMEngine config (nothing to convert), so there is no legacy run to compare\n")
                return
            }
            guard let converted = result.config.mapping else { return }
            let validation = Validator(settings: SimulationSettings(itersPerEpoch: itersPerEpoch), tolerance: Tolerance(rtol: rtol, atol: atol))
                .validate(legacy: loaded.root, converted: converted, name: first)
            Console.write(ValidationRenderer.text(validation.outcome))
            if case .notEquivalent = validation.outcome { throw ExitCode(ExitStatus.negative) }
            return
        }
        let left = try TraceCodec.decode(try text(first), path: first)
        let right = try TraceCodec.decode(try text(second), path: second)
        let diff = TraceDiffer(tolerance: Tolerance(rtol: rtol, atol: atol), context: context).compare(left, right)
        Console.write(TraceDiffRenderer.text(diff, leftName: first, rightName: second))
        if !diff.isEqual { throw ExitCode(ExitStatus.negative) }
    }

    func text(_ path: String) throws -> String {
        try SourceText(path: path, bytes: FileIO.readBytes(path)).text
    }
}
