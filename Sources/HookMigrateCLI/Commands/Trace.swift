import ArgumentParser
import HookMigrate
import HookMigrateCore
import HookMigrateRuntime

/// `hookmigrate trace`: run one runner over a config and write its mount-point trace.
struct Trace: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Run a config through a simulated runner and write its trace.",
        discussion: """
        Runs CONFIG through the old-semantics MMCV 1.x runner (--runner legacy, for a legacy config) or the \
        MMEngine runner (--runner new, for a converted config) over a simulated workload, and writes every \
        mount-point dispatch and effect (optimizer steps with their lr and momentum, checkpoints, \
        evaluations, best checkpoints, logs, EMA updates …) as JSON Lines (docs/trace-format.md).

        Example:
          hookmigrate trace old.yaml --runner legacy -o old.jsonl
          hookmigrate convert old.yaml -o new.yaml && hookmigrate trace new.yaml --runner new -o new.jsonl
          hookmigrate diff-trace old.jsonl new.jsonl
        """
    )

    @Argument(help: "The config to run (.yaml, .yml or .json).")
    var config: String

    @OptionGroup var workload: WorkloadOptions

    @Option(help: "Which runner: legacy (MMCV 1.x semantics) or new (MMEngine).")
    var runner: String = "new"

    @Option(name: .shortAndLong, help: "Write the trace to this file instead of standard output.")
    var output: String?

    func validate() throws {
        guard ["legacy", "new"].contains(runner) else {
            throw ValidationError("--runner takes legacy or new, not '\(runner)'")
        }
    }

    func run() throws {
        let loaded = try ConfigLoader().load(config)
        for warning in loaded.warnings { Console.printError(warning) }
        _ = try OutputConflicts(inputs: loaded.files, output: output, report: nil, inPlace: false).check()
        // The same checks of the config as `convert` makes (the conversion itself is not used): a legacy
        // config's values, an MMEngine config's shape (`mixed-config`).
        // A trace simulates a dataloader of 10 iterations unless told otherwise.
        let itersPerEpoch = workload.itersPerEpoch ?? 10
        _ = try Translator(options: MigrationOptions(itersPerEpoch: itersPerEpoch, distributed: workload.distributed)).translate(loaded)
        let settings = SimulationSettings(itersPerEpoch: itersPerEpoch, distributed: workload.distributed)
        let trace: HookMigrateRuntime.Trace
        do {
            trace = try run(loaded, settings: settings)
        } catch {
            throw SimulationFailure.configError(for: error, runner: runner, config: loaded) ?? error
        }
        let text = TraceCodec.encode(trace)
        if let output { try FileIO.writeAtomically(text, to: output) } else { Console.write(text) }
    }

    /// Runs the chosen runner over the config.
    func run(_ loaded: LoadedConfig, settings: SimulationSettings) throws -> HookMigrateRuntime.Trace {
        let trace: HookMigrateRuntime.Trace
        if runner == "legacy" {
            // As the proof runs it: the train script, the evaluation hook's key lists, the first optimizer a
            // model that steps its own optimizers follows.
            let legacySettings = Validator(settings: settings).proofSettings(legacy: loaded.root).first ?? settings
            trace = try LegacyRunner(config: loaded.root, settings: legacySettings, paramHooks: SimulatedSchedules.legacy).trace(config: config)
        } else {
            trace = try ModernRunner(config: loaded.root, settings: settings, schedulers: SimulatedSchedules.modern).trace(config: config)
        }
        return trace
    }
}
