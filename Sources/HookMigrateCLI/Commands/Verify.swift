import ArgumentParser
import HookMigrate
import HookMigrateCore
import HookMigrateRuntime

/// `hookmigrate verify LEGACY NEW`: prove that an MMEngine config (a conversion or a hand migration) trains as
/// a legacy config does.
struct Verify: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Prove that an MMEngine config trains as a legacy MMCV 1.x config does.",
        discussion: """
        LEGACY is an MMCV 1.x config and NEW an MMEngine config (.py, .yaml or .json; a hand migration or \
        an official one as well as a conversion). Both run through the simulated runners at the epoch lengths \
        the two configs call for (docs/equivalence.md, "Workloads") and are compared under the equivalence \
        rules, exactly as `convert` proves its own output. Prints the verdict, the first divergence with \
        context, the epoch lengths proven and the state of each stream (schedule, checkpoints, evaluations, \
        best checkpoints, logs, EMA, other effects).

        Exit status: 0 equivalent; 1 not equivalent, a legacy schedule or hook left out, or not proven \
        (0 with --allow-unproven); 2 bad input.
        """
    )

    @Argument(help: "The legacy MMCV 1.x config.")
    var legacy: String

    @Argument(help: "The MMEngine config.")
    var new: String

    @OptionGroup var workload: WorkloadOptions

    @Flag(help: "Compare each param group's lr up to a constant factor (an lr rescaled on purpose); the verdict says so.")
    var ignoreLrScale = false

    @Flag(help: "Exit 0, not 1, when the pair cannot be proven (it is never reported as equivalent).")
    var allowUnproven = false

    @Flag(help: "Print the proof as JSON.")
    var json = false

    @Option(help: ArgumentHelp("Also draw both runs as an SVG picture into FILE, as `plot LEGACY NEW` does (docs/plots.md).", valueName: "file"))
    var plot: String?

    func validate() throws {
    }

    func run() throws {
        let options = ProofOptions(itersPerEpoch: workload.itersPerEpoch, distributed: workload.distributed, ignoreLrScale: ignoreLrScale)
        let printer = ProofPrinter(policy: ProofExitPolicy(allowUnproven: allowUnproven), json: json)
        guard let plot else { return try Self.verify(legacy: legacy, new: new, options: options, printer: printer) }
        for input in [legacy, new] where OutputTarget.writesRegularFile(plot) && OutputTarget.sameFile(plot, input) {
            throw ConfigError(.outputConflict, "--plot \(plot) is the input file \(input); writing the picture would destroy it. Choose another file")
        }
        let loader = ConfigLoader()
        let legacyConfig = try loader.load(legacy)
        let newConfig = try loader.load(new)
        let proof = try Migration.verify(legacy: legacyConfig, new: newConfig, name: new, options: options)
        // The picture of the proof's most telling run, written before the verdict decides the exit.
        let svg = ConversionPlot(settings: SimulationSettings(distributed: workload.distributed))
            .svg(legacy: legacyConfig.root, new: newConfig.root, name: legacy, newName: new, proof: proof, given: workload.itersPerEpoch)
        try FileIO.writeAtomically(svg, to: plot)
        try printer.finish(proof, heading: "verify: \(legacy) (MMCV 1.x) against \(new) (MMEngine)")
    }

    /// Loads both configs, checks their worlds, proves and prints: shared with `diff-trace LEGACY NEW`.
    static func verify(legacy: String, new: String, options: ProofOptions, printer: ProofPrinter) throws {
        let proof = try Migration.verify(legacy: legacy, new: new, options: options)
        try printer.finish(proof, heading: "verify: \(legacy) (MMCV 1.x) against \(new) (MMEngine)")
    }
}
