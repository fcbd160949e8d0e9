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
        or to standard error. Files are written atomically: on any error nothing is written.

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

    @Option(help: "Iterations per epoch (the train dataloader's length), for exact epoch-to-iteration conversions.")
    var itersPerEpoch: Int?

    @Option(help: "Extra custom-hook rules (YAML, same schema as migrations/mmcv1-to-mmengine/custom_hooks.yaml).")
    var rules: String?

    @Flag(help: "Only resolve `_base_` and write the legacy config; convert nothing.")
    var resolveOnly = false

    @Flag(help: "Treat the legacy run as distributed (mmdet-era scripts registered some hooks only then).")
    var distributed = false

    @Option(help: "The default_scope to write (mmdet, mmseg, mmpretrain, mmpose, mmagic, ...), instead of the one inferred from the config's model and dataset types.")
    var scope: String?

    @Flag(help: "Skip the validation that runs both configs and compares their traces.")
    var noVerify = false

    @Flag(help: "Exit 1 unless the conversion is proven equivalent (also when it cannot be proven).")
    var requireProof = false

    @Flag(help: "Tree mode: write nothing; exit 0 when OUT_DIR already holds exactly what would be written, 1 otherwise.")
    var check = false

    @Option(help: "Tree mode: how many files to convert at once (default: every core).")
    var jobs: Int?

    @OptionGroup var plotting: PlotOptions

    func validate() throws {
        if let jobs, jobs <= 0 {
            throw ValidationError("--jobs must be at least 1, not \(jobs)")
        }
        if let itersPerEpoch, itersPerEpoch <= 0 {
            throw ValidationError("--iters-per-epoch must be a positive number of iterations, not \(itersPerEpoch)")
        }
        if let format, let output, let named = ConfigFormat(path: output), named != format {
            throw ValidationError("-o \(output) names a .\(named.rawValue) file but --format is \(format.rawValue); drop --format or use a matching extension")
        }
        if let scope, !Self.isScopeName(scope) {
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
        let outputFormat = format ?? output.flatMap(ConfigFormat.init(path:)) ?? ConfigFormat(path: input) ?? .yaml
        let write = try writer(for: outputFormat)
        if resolveOnly {
            try emit(try write(loaded.node))
            return
        }
        var options = MigrationOptions(itersPerEpoch: itersPerEpoch, distributed: distributed, scope: scope)
        if let rules { options.extraHookRules = try HookRuleTable.load(rules) }
        let result = try Translator(options: options).translate(loaded)
        let converted = try write(result.config)
        if diff {
            let before = try write(loaded.node)
            try emit(UnifiedDiff.render(old: before, new: converted, oldName: "\(input) (legacy, resolved)", newName: "\(output ?? input) (converted)"))
        } else {
            try emit(converted)
        }
        var outcome: Validator.Outcome?
        // An input that is already an MMEngine config has no legacy run to compare with: nothing to validate.
        if !noVerify, !result.isAlreadyMMEngine, let converted = result.config.mapping {
            let settings = SimulationSettings(itersPerEpoch: itersPerEpoch ?? 10, distributed: distributed)
            outcome = Validator(settings: settings).validate(legacy: loaded.root, converted: converted, name: input).outcome
        }
        // --plot: both runs drawn, with the verdict above (docs/plots.md).
        var picture: String?
        if plotting.plot != nil {
            if result.isAlreadyMMEngine {
                Console.printErrorText("hookmigrate: no plot written: \(input) is already an MMEngine config, so there is no legacy run to draw")
            } else if let converted = result.config.mapping {
                picture = plotting.picture(legacy: loaded.root, converted: converted, name: input,
                                           settings: SimulationSettings(itersPerEpoch: itersPerEpoch ?? 10, distributed: distributed), outcome: outcome)
            }
        }
        let reportText: String
        switch reportFormat {
        case .json:
            reportText = try ReportRenderer.json(result.report, validation: outcome.map { (ValidationRenderer.verdict($0), ValidationRenderer.text($0)) })
        case .text:
            reportText = ReportRenderer.text(result.report) + (outcome.map { "\n" + ValidationRenderer.text($0) } ?? "")
        }
        if let report {
            try FileIO.writeAtomically(reportText, to: report)
        } else {
            Console.printErrorText(reportText)
        }
        try plotting.write(picture)
        switch outcome {
        case .notEquivalent?: throw ExitCode(ExitStatus.negative)
        case .notProven? where requireProof: throw ExitCode(ExitStatus.negative)
        default: break
        }
    }

    /// `convert IN_DIR -o OUT_DIR`.
    func runTree() throws {
        guard let output else {
            throw ValidationError("converting the folder \(input) needs -o OUT_DIR, the folder to write the converted tree into")
        }
        if diff || resolveOnly {
            throw ValidationError("--diff and --resolve-only take a single config file, not a folder")
        }
        var migration = MigrationOptions(itersPerEpoch: itersPerEpoch, distributed: distributed, scope: scope)
        if let rules { migration.extraHookRules = try HookRuleTable.load(rules) }
        let settings = SimulationSettings(itersPerEpoch: itersPerEpoch ?? 10, distributed: distributed)
        var options = TreeMigrationOptions(migration: migration, settings: settings, outputFormat: format, validate: !noVerify,
                                           concurrency: jobs ?? TreeMigrationOptions().concurrency)
        // --plots: each complete config drawn by the worker that converted it.
        let plots = try plotting.treeCollector(input: input, settings: settings)
        if let plots { options.onConfig = { plots.draw($0) } }
        try ConvertTree(input: input, output: output, options: options, report: report, reportFormat: reportFormat,
                        check: check, requireProof: requireProof, plots: plots).run()
    }

    /// The writer of the output format; Python output keeps the input file's leading comment.
    func writer(for format: ConfigFormat) throws -> (ConfigNode) throws -> String {
        guard format == .py else { return { try format.write($0) } }
        let source = try SourceText(path: input, bytes: try FileIO.readBytes(input))
        let python = PythonWriter(leadingComment: LeadingComment.extract(from: source.text))
        return { try python.write($0) }
    }

    /// Writes the main output to -o or standard output.
    func emit(_ text: String) throws {
        if let output, !diff {
            try FileIO.writeAtomically(text, to: output)
        } else {
            Console.write(text)
        }
    }
}

/// Formats of the report.
enum ReportFormat: String, ExpressibleByArgument {
    case text
    case json
}

extension ConfigFormat: ExpressibleByArgument {}
