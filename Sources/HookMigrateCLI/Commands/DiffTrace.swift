import ArgumentParser
import HookMigrate
import HookMigrateCore
import HookMigrateRuntime

/// `hookmigrate diff-trace`: show where two runs diverge.
struct DiffTrace: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "diff-trace",
        abstract: "Show where two runs diverge, first divergence first.",
        discussion: """
        A and B are trace files (JSON Lines, docs/trace-format.md) or configs:

          diff-trace old.jsonl new.jsonl   a trace of each runner (their headers say which): compared under \
        the equivalence rules, with the verdict, stream states and exit status `convert` gives (at the traces' \
        epoch length). Two traces of one runner, or --strict: the raw events, exactly.
          diff-trace old.py new.py         a legacy and an MMEngine config: the same as `verify old.py new.py`.
          diff-trace old.py                a legacy config: converts it and proves the conversion, as `convert`.

        Raw comparison: integers and the event sequence must match exactly, floats within --rtol/--atol; prints \
        the first divergence with a few events of context, then a count of events by kind. Exit status: 0 equal \
        or equivalent; 1 different, not equivalent or not proven (0 with --allow-unproven); 2 bad input.
        """
    )

    @Argument(help: "A trace file or a config.")
    var first: String

    @Argument(help: "A second trace file or config.")
    var second: String?

    @OptionGroup var workload: WorkloadOptions

    @Flag(help: "Two traces: compare the raw events exactly, not under the equivalence rules.")
    var strict = false

    @Option(help: "Relative tolerance for floats.")
    var rtol: Double = 1e-9

    @Option(help: "Absolute tolerance for floats.")
    var atol: Double = 0

    @Option(help: "Events of context around a raw divergence.")
    var context: Int = 3

    @Flag(help: "Compare each param group's lr up to a constant factor (an lr rescaled on purpose); the verdict says so.")
    var ignoreLrScale = false

    @Flag(help: "Exit 0, not 1, when the runs cannot be proven equivalent or not (never reported as equivalent).")
    var allowUnproven = false

    func validate() throws {
        guard rtol.isFinite, atol.isFinite, rtol >= 0, atol >= 0 else {
            throw ValidationError("--rtol and --atol must be finite and not negative, not \(rtol) and \(atol)")
        }
        guard (0...CommandLimits.maxContext).contains(context) else {
            throw ValidationError("--context must be between 0 and \(CommandLimits.maxContext), not \(context)")
        }
    }

    var printer: ProofPrinter { ProofPrinter(policy: ProofExitPolicy(allowUnproven: allowUnproven)) }

    var options: ProofOptions {
        ProofOptions(itersPerEpoch: workload.itersPerEpoch, distributed: workload.distributed, tolerance: Tolerance(rtol: rtol, atol: atol), ignoreLrScale: ignoreLrScale)
    }

    func run() throws {
        guard let second else { return try convertAndProve() }
        let firstIsTrace = try Self.isTrace(first)
        let secondIsTrace = try Self.isTrace(second)
        switch (firstIsTrace, secondIsTrace) {
        case (false, false):
            try Verify.verify(legacy: first, new: second, options: options, printer: printer)
        case (true, true):
            try compareTraces(second)
        default:
            throw ValidationError("diff-trace takes two traces or two configs, not one of each (\(firstIsTrace ? second : first) is a config)")
        }
    }

    /// One legacy config: converted with `convert`'s settings and proven as `convert` proves it.
    func convertAndProve() throws {
        let loaded = try ConfigLoader().load(first)
        let migration = MigrationOptions(itersPerEpoch: workload.itersPerEpoch, distributed: workload.distributed)
        let result = try Translator(options: migration).translate(loaded)
        if result.isAlreadyMMEngine {
            Console.write("validation: not run: \(first) is already an MMEngine config (nothing to convert), so there is no legacy run to compare\n")
            return
        }
        guard let converted = result.config.mapping else { return }
        var proofOptions = ProofOptions(migration: migration)
        proofOptions.tolerance = Tolerance(rtol: rtol, atol: atol)
        proofOptions.ignoreLrScale = ignoreLrScale
        let proof = ConversionProof(options: proofOptions).prove(legacy: loaded.root, converted: converted, name: first, report: result.report)
        try printer.finish(proof, heading: "diff-trace: \(first) (MMCV 1.x) against its conversion (MMEngine)")
    }

    /// Two traces: under the equivalence rules when they come from the two runners, else raw.
    func compareTraces(_ second: String) throws {
        let left = try TraceCodec.decode(try Self.text(first), path: first)
        let right = try TraceCodec.decode(try Self.text(second), path: second)
        if !strict, let sides = TracePairProof.sides(left, right) {
            let newPath = sides.new.header == left.header ? first : second
            let context = TracePairProof.context(legacy: sides.legacy, new: sides.new,
                                                 legacyConfig: Self.config(sides.legacy.header.config), newConfig: Self.config(sides.new.header.config))
            let proof = try TracePairProof.prove(legacy: sides.legacy, new: sides.new, context: context, tolerance: Tolerance(rtol: rtol, atol: atol),
                                                 distributed: workload.distributed, ignoreLrScale: ignoreLrScale, newPath: newPath)
            let heading = "diff-trace: a legacy-runner trace against a new-runner trace, under the equivalence rules (--strict compares raw events); run facts read from \(context.source)"
            return try printer.finish(proof, heading: heading)
        }
        let diff = TraceDiffer(tolerance: Tolerance(rtol: rtol, atol: atol), context: context).compare(left, right)
        Console.write(TraceDiffRenderer.text(diff, leftName: first, rightName: second))
        if !diff.isEqual { throw ExitCode(ExitStatus.negative) }
    }

    /// Whether a file is a trace: `.jsonl`, or a first line with the trace header's `format`.
    static func isTrace(_ path: String) throws -> Bool {
        if path.hasSuffix(".jsonl") { return true }
        let text = try Self.text(path)
        let firstLine = text.prefix { $0 != "\n" }
        return firstLine.contains("\"format\": \"hookmigrate-trace\"") || firstLine.contains("\"format\":\"hookmigrate-trace\"")
    }

    /// The resolved config a trace header names, when it can be read.
    static func config(_ path: String) -> ConfigMapping? {
        guard !path.isEmpty else { return nil }
        return try? ConfigLoader().load(path).root
    }

    static func text(_ path: String) throws -> String {
        try SourceText(path: path, bytes: FileIO.readBytes(path)).text
    }
}
