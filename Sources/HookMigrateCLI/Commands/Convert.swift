import ArgumentParser
import HookMigrate
import HookMigrateCore
import HookMigrateRuntime

/// `hookmigrate convert`: read a legacy config and write its MMEngine form with a report.
struct Convert: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Convert a legacy MMCV 1.x config to MMEngine.",
        discussion: """
        Reads INPUT (.yaml, .yml, .json or .py), resolves its `_base_` files as MMCV 1.7.2 does, rewrites \
        every legacy key (lr_config, optimizer_config, checkpoint_config, evaluation, log_config, \
        custom_hooks, runner, data …) into its MMEngine form, and writes the result to standard output or to \
        -o FILE. The report of every change, warning, manual step and non-equivalence goes to --report FILE, \
        or to standard error. Nothing is written until the conversion, the proof and the report are done; \
        files are then replaced atomically (keeping their mode), devices and FIFOs written through, and on \
        any error nothing is written. -o and --report may not name an input (INPUT, one of its bases, \
        --rules) or each other; --in-place writes over INPUT and keeps INPUT.orig.

        The output format is --format, else the extension of -o (.yaml/.yml, .json, .py), else the input's own. An -o \
        extension that names another format than --format is a usage error. Python output (.py) is an \
        MMEngine-style config module (`name = dict(...)`) that keeps the input file's leading comment.

        Examples:
          hookmigrate convert fixtures/examples/retinanet/retinanet_r50_fpn_1x_coco.yaml
          hookmigrate convert old.py.json -o new.yaml --report report.txt --iters-per-epoch 7330
          hookmigrate convert old.yaml --diff
          hookmigrate convert old.py -o new.py                 # MMEngine-style Python config
          hookmigrate convert old.yaml --format py             # Python config to standard output
          hookmigrate convert old.yaml --resolve-only          # only resolve _base_, no conversion
        """
    )

    @Argument(help: "The legacy config file (.yaml, .yml, .json or .py).")
    var input: String

    @OptionGroup var workload: WorkloadOptions

    @Option(name: .shortAndLong, help: "Write the converted config to this file instead of standard output.")
    var output: String?

    @Option(help: "Output format: yaml, json or py. Default: the extension of -o (.yaml/.yml, .json, .py), else the input's format.")
    var format: ConfigFormat?

    @Option(help: "Write the report to this file instead of standard error.")
    var report: String?

    @Option(help: "Report format: text or json.")
    var reportFormat: ReportFormat = .text

    @Flag(help: "Print a unified diff of the resolved legacy config and the converted one instead of the config.")
    var diff = false

    @Option(help: "Extra custom-hook rules (YAML, same schema as migrations/mmcv1-to-mmengine/custom_hooks.yaml).")
    var rules: String?

    @Flag(help: "Only resolve `_base_` and write the legacy config; convert nothing.")
    var resolveOnly = false

    @Option(help: "The default_scope to write (mmdet, mmseg, mmpretrain, mmpose, mmagic, ...), instead of the one inferred from the config's model and dataset types.")
    var scope: String?

    @Flag(help: "Convert the lr forms no built-in MMEngine scheduler chain reproduces with hookmigrate's compat module (written beside -o, imported through custom_imports; docs/compat.md).")
    var compat = false

    @Flag(help: "Skip the validation that runs both configs and compares their traces.")
    var noVerify = false

    @Flag(help: "Exit 0, not 1, when the conversion cannot be proven (it is never reported as equivalent).")
    var allowUnproven = false

    @Flag(help: ArgumentHelp("Kept for older scripts: not proven already exits 1.", visibility: .hidden))
    var requireProof = false

    @Flag(help: "Tree mode: write nothing; exit 0 when OUT_DIR already holds exactly what would be written, 1 otherwise.")
    var check = false

    @Option(help: "Tree mode: how many files to convert at once (default: every core).")
    var jobs: Int?

    @Flag(help: "Write the converted config over INPUT (or over the -o file when it is one of the inputs); the replaced file is kept as FILE.orig.")
    var inPlace = false

    @OptionGroup var plotting: PlotOptions

    func validate() throws {
        if let jobs, !(1...CommandLimits.maxJobs).contains(jobs) {
            throw ValidationError("--jobs must be between 1 and \(CommandLimits.maxJobs), not \(jobs)")
        }
        if let format, let output, let named = ConfigFormat(path: output), named != format {
            throw ValidationError("-o \(output) names a .\(named.rawValue) file but --format is \(format.rawValue); drop --format or use a matching extension")
        }
        if let scope { try Self.checkScope(scope) }
        if inPlace, diff {
            throw ValidationError("--in-place writes the converted config, --diff prints a diff: choose one")
        }
        if inPlace, output == nil, let format, ConfigFormat(path: input) != format {
            throw ValidationError("--in-place writes \(input) in its own format; drop --format \(format.rawValue) or give -o")
        }
    }

    /// Where the converted config goes: -o, else INPUT with --in-place, else standard output.
    var outputPath: String? { output ?? (inPlace ? input : nil) }

    /// Refuses a `--scope` value that is not a scope name.
    static func checkScope(_ scope: String) throws {
        guard isScopeName(scope) else {
            throw ValidationError("--scope takes a package's registry scope, a Python identifier such as mmdet or mmpretrain, not '\(scope)'")
        }
    }

    /// Whether a `--scope` value is a scope name (a Python identifier: MMEngine scopes are package names).
    static func isScopeName(_ text: String) -> Bool {
        guard let first = text.unicodeScalars.first, first == "_" || (first.isASCII && first.properties.isAlphabetic) else { return false }
        return text.unicodeScalars.allSatisfy { $0 == "_" || ($0.isASCII && ($0.properties.isAlphabetic || ("0"..."9").contains($0))) }
    }

    func run() throws {
        try plotting.check(inputIsFolder: FileIO.isDirectory(input), checkOnly: check)
        if FileIO.isDirectory(input) {
            try runTree()
            return
        }
        let loaded = try ConfigLoader().load(input)
        for warning in loaded.warnings { Console.printError(warning) }
        let configPath = diff ? nil : outputPath
        let backups = try OutputConflicts(inputs: loaded.files + (rules.map { [$0] } ?? []), output: configPath, report: report,
                                          inPlace: inPlace).check()
        let outputFormat = format ?? outputPath.flatMap(ConfigFormat.init(path:)) ?? ConfigFormat(path: input) ?? .yaml
        let write = try writer(for: outputFormat)

        // Everything is computed (conversion, proof, report) before anything is written.
        let mainText: String
        var reportText: String?
        var proof: ProofResult?
        var compatModule: String?
        var picture: String?
        let policy = ProofExitPolicy(allowUnproven: allowUnproven)
        if resolveOnly {
            mainText = try write(loaded.node)
        } else {
            var options = MigrationOptions(itersPerEpoch: workload.itersPerEpoch, distributed: workload.distributed, scope: scope, compat: compat)
            if let rules { options.extraHookRules = try HookRuleTable.load(rules) }
            // An input that is already an MMEngine config has no legacy run to compare with: nothing to prove.
            // The proof runs with the conversion's own settings (the same epoch length, given or not).
            let conversion = try Migration.convert(loaded, options: options, prove: !noVerify)
            let result = conversion.translation
            proof = conversion.proof
            let converted = try write(result.config)
            if CompatModule.isImported(by: result.config), !diff {
                if let configPath, OutputTarget.writesRegularFile(configPath) {
                    // The compat module goes beside the converted config, in the same batch.
                    let slash = configPath.lastIndex(of: "/")
                    let directory = slash.map { String(configPath[..<$0]) } ?? "."
                    compatModule = (directory.isEmpty ? "" : directory) + "/" + CompatModule.fileName
                } else {
                    Console.printErrorText("note: the converted config imports \(CompatModule.fileName); write it with -o FILE to get the module beside it")
                }
            }
            if diff {
                let before = try write(loaded.node)
                mainText = UnifiedDiff.render(old: before, new: converted, oldName: "\(input) (legacy, resolved)", newName: "\(output ?? input) (converted)")
            } else {
                mainText = converted
            }
            // --plot: both runs drawn at the proof's most telling epoch length, with its verdict (docs/plots.md).
            if plotting.plot != nil {
                if result.isAlreadyMMEngine {
                    Console.printErrorText("hookmigrate: no plot written: \(input) is already an MMEngine config, so there is no legacy run to draw")
                } else if let converted = result.config.mapping {
                    picture = plotting.picture(legacy: loaded.root, converted: converted, name: input, distributed: workload.distributed,
                                               proof: proof, given: workload.itersPerEpoch)
                }
            }
            switch reportFormat {
            case .json:
                reportText = try ReportRenderer.json(result.report, validation: proof.map { (ValidationRenderer.verdict($0.outcome), ValidationRenderer.text($0)) },
                                                     proof: proof.map(ValidationRenderer.json))
            case .text:
                reportText = ReportRenderer.text(result.report)
                    + (proof.map { "\n" + ValidationRenderer.text($0) + (policy.note($0.status).map { $0 + "\n" } ?? "") } ?? "")
            }
        }

        var batch = OutputBatch()
        for backup in backups {
            batch.add(backup.backup, bytes: try FileIO.readBytes(backup.original), modeOf: backup.original)
        }
        if let configPath { batch.add(configPath, text: mainText) }
        if let compatModule { batch.add(compatModule, text: CompatModule.source) }
        if let report, let reportText { batch.add(report, text: reportText) }
        if let plot = plotting.plot, let picture { batch.add(plot, text: picture) }
        try batch.write()
        if configPath == nil { Console.write(mainText) }
        if report == nil, let reportText { Console.printErrorText(reportText) }
        if let proof {
            let status = policy.status(proof.status)
            if status != ExitStatus.success { throw ExitCode(status) }
        }
    }

    /// `convert IN_DIR -o OUT_DIR`.
    func runTree() throws {
        guard let output else {
            throw ValidationError("converting the folder \(input) needs -o OUT_DIR, the folder to write the converted tree into")
        }
        if diff || resolveOnly || inPlace {
            throw ValidationError("--diff, --resolve-only and --in-place take a single config file, not a folder")
        }
        if compat {
            throw ValidationError("--compat takes a single config file for now: the tree mode does not write the compat module yet")
        }
        var migration = MigrationOptions(itersPerEpoch: workload.itersPerEpoch, distributed: workload.distributed, scope: scope)
        if let rules { migration.extraHookRules = try HookRuleTable.load(rules) }
        var options = TreeMigrationOptions(migration: migration, outputFormat: format, validate: !noVerify,
                                           concurrency: jobs ?? TreeMigrationOptions().concurrency)
        // --plots: each complete config drawn by the worker that converted it.
        let plots = try plotting.treeCollector(input: input, settings: SimulationSettings(itersPerEpoch: workload.itersPerEpoch ?? 10, distributed: workload.distributed))
        if let plots { options.onConfig = { plots.draw($0) } }
        // The summary names each config's first divergence; only the full report and the plots show every
        // stream's state, which costs a comparison per diverged stream.
        options.exploresStreams = report != nil || plots != nil
        try ConvertTree(input: input, output: output, options: options, report: report, reportFormat: reportFormat,
                        check: check, policy: ProofExitPolicy(allowUnproven: allowUnproven), rules: rules, plots: plots).run()
    }

    /// The writer of the output format; Python output keeps the input file's leading comment.
    func writer(for format: ConfigFormat) throws -> (ConfigNode) throws -> String {
        guard format == .py else { return { try format.write($0) } }
        let source = try SourceText(path: input, bytes: try FileIO.readBytes(input))
        let python = PythonWriter(leadingComment: LeadingComment.extract(from: source.text))
        return { try python.write($0) }
    }
}

/// Formats of the report.
enum ReportFormat: String, ExpressibleByArgument {
    case text
    case json
}

extension ConfigFormat: ExpressibleByArgument {}
