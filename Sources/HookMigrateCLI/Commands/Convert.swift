import ArgumentParser
import HookMigrateCore

/// `hookmigrate convert`: read a legacy config and write its converted form.
struct Convert: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Convert a legacy MMCV 1.x config to MMEngine.",
        discussion: """
        Reads INPUT (.yaml, .yml or .json), resolves its `_base_` files as MMCV 1.7.2 does, and writes the \
        result to standard output or to -o FILE. The file is written atomically: on any error nothing is \
        written and an existing FILE is left untouched.

        In this build `convert` writes the resolved legacy config (the translator to MMEngine keys is not \
        built yet), so its output is what MMCV itself would load.

        Example:
          hookmigrate convert fixtures/examples/retinanet/retinanet_r50_fpn_1x_coco.yaml
          hookmigrate convert old.json --format yaml -o resolved.yaml
        """
    )

    @Argument(help: "The legacy config file (.yaml, .yml or .json).")
    var input: String

    @Option(name: .shortAndLong, help: "Write the result to this file instead of standard output.")
    var output: String?

    @Option(help: "Output format: yaml or json. Default: the extension of -o, else yaml.")
    var format: ConfigFormat?

    func run() throws {
        let loaded = try ConfigLoader().load(input)
        for warning in loaded.warnings { Console.printError(warning) }
        let outputFormat = format ?? output.flatMap(ConfigFormat.init(path:)) ?? .yaml
        let text = try outputFormat.write(loaded.node)
        if let output {
            try FileIO.writeAtomically(text, to: output)
        } else {
            Console.write(text)
        }
    }
}

extension ConfigFormat: ExpressibleByArgument {}
