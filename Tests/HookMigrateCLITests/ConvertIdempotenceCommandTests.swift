import Foundation
import HookMigrateTestSupport
import Testing

/// `convert` on its own output: nothing to convert, the same bytes back, exit 0; a config that mixes both
/// worlds exits 2 with a located `mixed-config` error; `--scope`.
@Suite struct ConvertIdempotenceCommandTests {
    static let example = "fixtures/examples/retinanet/retinanet_r50_fpn_1x_coco.yaml"

    static func temporaryDirectory() throws -> String {
        let directory = NSTemporaryDirectory() + "hookmigrate-cli-" + UUID().uuidString
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        return directory
    }

    @Test(arguments: [example, "fixtures/convert/lr-step-linear-epoch/input.yaml", "fixtures/convert/hooks-ema/input.yaml",
                      "fixtures/convert/log-text-tensorboard/input.yaml"])
    func convertingTheOutputAgainGivesTheSameBytes(_ input: String) throws {
        let directory = try Self.temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: directory) }
        for format in ["yaml", "json"] {
            let first = directory + "/first." + format
            let second = directory + "/second." + format
            let converted = try CLIRunner.run(["convert", input, "-o", first, "--report", directory + "/first.txt"])
            #expect(converted.status == 0 || converted.status == 1)
            let again = try CLIRunner.run(["convert", first, "-o", second, "--require-proof"])
            #expect(again.status == 0)
            #expect(try String(contentsOfFile: second, encoding: .utf8) == (try String(contentsOfFile: first, encoding: .utf8)))
            #expect(again.stderr.hasPrefix("hookmigrate report for \(first): already MMEngine-style: nothing to convert (it has MMEngine keys, "))
            #expect(!again.stderr.contains("validation:"))
            // To standard output, in the other format.
            let other = format == "yaml" ? "json" : "yaml"
            let stdout = try CLIRunner.run(["convert", first, "--format", other])
            let direct = try CLIRunner.run(["convert", input, "--format", other, "--no-verify"])
            #expect(stdout.status == 0)
            #expect(stdout.stdout == direct.stdout)
        }
    }

    @Test func diffTraceOnAnMMEngineConfigSaysThereIsNothingToCompare() throws {
        let directory = try Self.temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: directory) }
        _ = try CLIRunner.run(["convert", Self.example, "-o", directory + "/new.yaml", "--no-verify"])
        let result = try CLIRunner.run(["diff-trace", directory + "/new.yaml"])
        #expect(result.status == 0)
        #expect(result.stdout.hasPrefix("validation: not run: "))
    }

    @Test func aMixedConfigExits2AndWritesNothing() throws {
        let directory = try Self.temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: directory) }
        try """
        optim_wrapper: {optimizer: {type: SGD, lr: 0.01}}
        param_scheduler: [{type: MultiStepLR, milestones: [8, 11]}]
        lr_config: {policy: step, step: [8, 11]}
        """.write(toFile: directory + "/mixed.yaml", atomically: true, encoding: .utf8)
        let result = try CLIRunner.run(["convert", "mixed.yaml", "-o", "out.yaml"], in: directory)
        #expect(result.status == 2)
        #expect(result.stdout == "")
        #expect(result.stderr.hasPrefix("mixed.yaml:3:1: error: this config mixes MMCV 1.x keys (`lr_config`) with MMEngine keys (`optim_wrapper`, `param_scheduler`)"))
        #expect(result.stderr.contains("[mixed-config]"))
        #expect(result.stderr.contains("mixed.yaml:1:1: note: MMEngine key `optim_wrapper`"))
        #expect(!FileManager.default.fileExists(atPath: directory + "/out.yaml"))
    }

    @Test func scopeOption() throws {
        let given = try CLIRunner.run(["convert", Self.example, "--scope", "mmyolo", "--no-verify"])
        #expect(given.status == 0)
        #expect(given.stdout.hasPrefix("default_scope: mmyolo\n"))
        #expect(given.stderr.contains("default_scope: mmyolo, given with --scope (the config's dataset type CocoDataset points to mmdet) [default_scope/scope-given]"))
        let inferred = try CLIRunner.run(["convert", Self.example, "--no-verify"])
        #expect(inferred.stdout.hasPrefix("default_scope: mmdet\n"))
        let bad = try CLIRunner.run(["convert", Self.example, "--scope", "mm-det"])
        #expect(bad.status == 2)
        #expect(bad.stderr.contains("--scope takes a package's registry scope"))
    }
}
