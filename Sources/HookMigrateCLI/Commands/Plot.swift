import ArgumentParser
import HookMigrate
import HookMigrateCore
import HookMigrateRuntime

/// `hookmigrate plot LEGACY [NEW] -o plot.svg`: a picture of both runs.
struct Plot: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Draw the legacy run and the new run of a conversion as an SVG picture.",
        discussion: """
        Runs LEGACY through the simulated MMCV 1.x runner and NEW (a converted or hand-written MMEngine \
        config) through the simulated MMEngine runner over the same workload, and draws both on one iteration \
        axis: the lr (and momentum, when scheduled) at every optimizer step, their relative difference on a \
        log scale with the first divergence marked, and a timeline of checkpoints, evaluations and best \
        checkpoints. The title gives the config, the epoch length simulated and the verdict, the same one \
        `convert` gives (docs/plots.md). Without NEW, LEGACY is converted first, exactly as `convert` does \
        with the same options.

        Exit status: 0 when the runs are equivalent or the check is not proven, 1 when they are not \
        equivalent, 2 on bad input. The picture is written in every case.

        Examples:
          hookmigrate plot old.yaml -o plot.svg
          hookmigrate plot old.py new.py -o plot.svg --iters-per-epoch 7330
        """
    )

    @Argument(help: "The legacy config (.yaml, .yml, .json or .py).")
    var legacy: String

    @Argument(help: "The new (MMEngine) config; default: hookmigrate's conversion of LEGACY.")
    var new: String?

    @OptionGroup var workload: WorkloadOptions

    @Option(name: .shortAndLong, help: "The SVG file to write (default: standard output).")
    var output: String?

    @Option(help: "Extra custom-hook rules for the conversion (as for convert).")
    var rules: String?

    @Option(help: "The default_scope of the conversion (as for convert).")
    var scope: String?

    func validate() throws {
        if let scope { try Convert.checkScope(scope) }
        if new != nil, rules != nil || scope != nil {
            throw ValidationError("--rules and --scope shape the conversion of LEGACY; with NEW given nothing is converted")
        }
    }

    func run() throws {
        let loaded = try ConfigLoader().load(legacy)
        for warning in loaded.warnings { Console.printError(warning) }
        let converted: ConfigMapping
        var migration = MigrationOptions(itersPerEpoch: workload.itersPerEpoch, distributed: workload.distributed, scope: scope)
        if let new {
            let newLoaded = try ConfigLoader().load(new)
            for warning in newLoaded.warnings { Console.printError(warning) }
            try ConfigPair.check(legacy: loaded, new: newLoaded)
            converted = newLoaded.root
        } else {
            if let rules { migration.extraHookRules = try HookRuleTable.load(rules) }
            let result = try Translator(options: migration).translate(loaded)
            guard !result.isAlreadyMMEngine, let mapping = result.config.mapping else {
                throw ValidationError("\(legacy) is already an MMEngine config: there is no legacy run to draw (give a legacy config, or LEGACY NEW)")
            }
            converted = mapping
        }
        // The proof `convert` and `verify` make (every epoch length of its plan); the picture draws its most
        // telling run (PlottedRun).
        let proof = ConversionProof(options: ProofOptions(migration: migration)).prove(legacy: loaded.root, converted: converted, name: new ?? legacy)
        let svg = ConversionPlot(settings: SimulationSettings(distributed: workload.distributed))
            .svg(legacy: loaded.root, new: converted, name: legacy, newName: new, proof: proof, given: workload.itersPerEpoch)
        if let output { try FileIO.writeAtomically(svg, to: output) } else { Console.write(svg) }
        Console.printErrorText(ValidationRenderer.text(proof))
        let status = ProofExitPolicy(allowUnproven: false).status(proof.status)
        if status != ExitStatus.success { throw ExitCode(status) }
    }
}
