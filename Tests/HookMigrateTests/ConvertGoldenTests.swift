import Foundation
import HookMigrate
import HookMigrateCore
import HookMigrateTestSupport
import Testing

/// Every case under fixtures/convert/: `input.yaml` (or `.json`), optional `options.yaml`
/// (`iters_per_epoch: L`), and the goldens `expected.yaml` (the converted config) and `report.txt`.
@Suite struct ConvertGoldenTests {
    static let root = "fixtures/convert"
    static let cases = Golden.cases(in: root)

    @Test func thereAreCases() {
        #expect(!Self.cases.isEmpty)
    }

    @Test(arguments: cases)
    func convertsAsRecorded(_ name: String) throws {
        let result = try ConvertFixture.convert(Self.root + "/" + name)
        Golden.assertMatches(try YAMLWriter().write(result.config), golden: "\(Self.root)/\(name)/expected.yaml")
        Golden.assertMatches(ReportRenderer.text(result.report), golden: "\(Self.root)/\(name)/report.txt")
    }

    /// convert(convert(x)) == convert(x): the output is recognised as an MMEngine config and comes back
    /// unchanged, with nothing to validate.
    @Test(arguments: cases + ["../examples/retinanet"])
    func convertingTheOutputAgainChangesNothing(_ name: String) throws {
        let directory = Self.root + "/" + name
        let first = name.hasPrefix("../") ? try Translator().translate(try ConvertFixture.loader.load(directory + "/retinanet_r50_fpn_1x_coco.yaml"))
            : try ConvertFixture.convert(directory)
        let firstMapping = try #require(first.config.mapping)
        #expect(first.status == .converted)
        let second = try Translator(options: try ConvertFixture.options(directory)).translate(firstMapping, at: SourceLocation(file: "out.yaml", line: 1, column: 1))
        #expect(second.isAlreadyMMEngine, "\(name): \(ReportRenderer.text(second.report))")
        #expect(second.report.records.isEmpty)
        #expect(try YAMLWriter().write(second.config) == (try YAMLWriter().write(first.config)))
        #expect(try JSONWriter().write(second.config) == (try JSONWriter().write(first.config)))
    }

    @Test(arguments: cases)
    func leavesNoLegacyKeyBehind(_ name: String) throws {
        let result = try ConvertFixture.convert(Self.root + "/" + name)
        let left = LegacyKeys.all.filter { result.config.mapping?.contains($0) == true }
        #expect(left.isEmpty, "\(name) still has \(left)")
    }
}

/// Loads and converts one fixture case, with paths relative to the project root.
enum ConvertFixture {
    /// Loads paths relative to the project root, as the goldens name them, whatever the working directory.
    static let loader = ConfigLoader(source: DiskFileSource(root: Golden.projectRoot))

    static func convert(_ directory: String) throws -> TranslationResult {
        try Translator(options: try options(directory)).translate(try loader.load(input(directory)))
    }

    /// The fixture's legacy config file.
    static func input(_ directory: String) -> String {
        FileManager.default.fileExists(atPath: Golden.projectRoot + "/" + directory + "/input.json") ? directory + "/input.json" : directory + "/input.yaml"
    }

    /// The fixture's conversion options (`options.yaml`).
    static func options(_ directory: String) throws -> MigrationOptions {
        var options = MigrationOptions()
        let optionsPath = directory + "/options.yaml"
        if FileManager.default.fileExists(atPath: Golden.projectRoot + "/" + optionsPath) {
            let node = try loader.load(optionsPath).node
            if let iters = node.mapping?["iters_per_epoch"] { options.itersPerEpoch = try iters.int("iters_per_epoch") }
            if let distributed = node.mapping?["distributed"] { options.distributed = try distributed.bool("distributed") }
        }
        return options
    }
}

/// The legacy keys that must never survive a conversion.
enum LegacyKeys {
    static let all = ["lr_config", "optimizer_config", "momentum_config", "checkpoint_config", "log_config",
                      "evaluation", "runner", "workflow", "total_epochs", "total_iters", "fp16", "data",
                      "dist_params", "resume_from", "optimizers"]
}
