import Foundation
import HookMigrateCore
import HookMigrateTestSupport
import Testing

@Suite struct ConvertCommandTests {
    static let example = "fixtures/examples/retinanet/retinanet_r50_fpn_1x_coco.yaml"

    @Test func resolvesTheBundledExample() throws {
        let result = try CLIRunner.run(["convert", Self.example, "--resolve-only"])
        #expect(result.status == 0)
        #expect(result.stderr == "")
        Golden.assertMatches(result.stdout, golden: "fixtures/examples/retinanet/expected.resolved.yaml")
        let json = try CLIRunner.run(["convert", Self.example, "--resolve-only", "--format", "json"])
        #expect(json.status == 0)
        Golden.assertMatches(json.stdout, golden: "fixtures/examples/retinanet/expected.resolved.json")
    }

    @Test func convertsTheBundledExample() throws {
        let result = try CLIRunner.run(["convert", Self.example])
        #expect(result.status == 0)
        Golden.assertMatches(result.stdout, golden: "fixtures/examples/retinanet/expected.converted.yaml")
        Golden.assertMatches(result.stderr, golden: "fixtures/examples/retinanet/expected.report.txt")
        let diff = try CLIRunner.run(["convert", Self.example, "--diff"])
        #expect(diff.status == 0)
        Golden.assertMatches(diff.stdout, golden: "fixtures/examples/retinanet/expected.diff")
    }

    @Test func reportGoesToAFileInEitherFormat() throws {
        let directory = NSTemporaryDirectory() + "hookmigrate-cli-" + UUID().uuidString
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let result = try CLIRunner.run(["convert", Self.example, "-o", directory + "/new.yaml", "--report", directory + "/r.json", "--report-format", "json"])
        #expect(result.status == 0)
        #expect(result.stderr == "")
        let report = try String(contentsOfFile: directory + "/r.json", encoding: .utf8)
        #expect(report.hasPrefix("{\n  \"source\": \"\(Self.example)\""))
        #expect(report.contains("\"kind\": \"change\""))
    }

    @Test func outputIsDeterministic() throws {
        let first = try CLIRunner.run(["convert", Self.example])
        let second = try CLIRunner.run(["convert", Self.example])
        #expect(first.stdout == second.stdout)
        #expect(!first.stdout.isEmpty)
    }

    @Test func writesAtomicallyAndNeverOnFailure() throws {
        let directory = NSTemporaryDirectory() + "hookmigrate-cli-" + UUID().uuidString
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let output = directory + "/out.json"
        let ok = try CLIRunner.run(["convert", Self.example, "-o", output, "--report", directory + "/report.txt"])
        #expect(ok.status == 0)
        #expect(ok.stdout == "")
        let written = try String(contentsOfFile: output, encoding: .utf8)
        #expect(written.hasPrefix("{\n  \""))

        let broken = directory + "/broken.yaml"
        try "a: [1, 2\nb: 3\n".write(toFile: broken, atomically: true, encoding: .utf8)
        let failed = try CLIRunner.run(["convert", broken, "-o", output])
        #expect(failed.status == 2)
        #expect(try String(contentsOfFile: output, encoding: .utf8) == written)
        let leftovers = try FileManager.default.contentsOfDirectory(atPath: directory).sorted()
        #expect(leftovers == ["broken.yaml", "out.json", "report.txt"])
    }

    @Test func badInputPrintsFileLineColumnAndExits2() throws {
        let directory = NSTemporaryDirectory() + "hookmigrate-cli-" + UUID().uuidString
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: directory) }
        try "checkpoint_config:\n  interval: 1\nlog_config: {interval: 50\n".write(toFile: directory + "/old.yaml", atomically: true, encoding: .utf8)
        let result = try CLIRunner.run(["convert", "old.yaml"], in: directory)
        #expect(result.status == 2)
        #expect(result.stdout == "")
        #expect(result.stderr.hasPrefix("old.yaml:4:1: error: "))
        #expect(result.stderr.contains("[yaml-syntax]"))

        try "{\"a\": 1,\n \"a\": 2}".write(toFile: directory + "/dup.json", atomically: true, encoding: .utf8)
        let duplicate = try CLIRunner.run(["convert", "dup.json"], in: directory)
        #expect(duplicate.status == 2)
        #expect(duplicate.stderr == """
        dup.json:2:2: error: duplicate key 'a' in this mapping [duplicate-key]
             "a": 2}
             ^
        dup.json:1:2: note: first written here

        """)
    }

    @Test func missingFileAndUsageErrorsExit2() throws {
        let missing = try CLIRunner.run(["convert", "no/such/file.yaml"])
        #expect(missing.status == 2)
        #expect(missing.stderr.contains("no such file: no/such/file.yaml"))
        let usage = try CLIRunner.run(["convert"])
        #expect(usage.status == 2)
        #expect(usage.stderr.contains("Missing expected argument"))
        let unknown = try CLIRunner.run(["convert", Self.example, "--bogus"])
        #expect(unknown.status == 2)
        let format = try CLIRunner.run(["convert", Self.example, "--format", "toml"])
        #expect(format.status == 2)
    }

    @Test func helpAndVersion() throws {
        let version = try CLIRunner.run(["--version"])
        #expect(version.status == 0)
        #expect(version.stdout == "hookmigrate \(HookMigrateVersion.string)\n")
        let help = try CLIRunner.run(["--help"])
        #expect(help.status == 0)
        for subcommand in ["convert", "trace", "diff-trace"] {
            #expect(help.stdout.contains(subcommand))
        }
        let convertHelp = try CLIRunner.run(["convert", "--help"])
        #expect(convertHelp.status == 0)
        #expect(convertHelp.stdout.contains("--format"))
    }

    @Test func diffTraceComparesTraceFiles() throws {
        let same = try CLIRunner.run(["diff-trace", "fixtures/traces/step-a.jsonl", "fixtures/traces/step-c-rounding.jsonl"])
        #expect(same.status == 0)
        #expect(same.stdout.hasPrefix("traces are equal\n"))
        let moved = try CLIRunner.run(["diff-trace", "fixtures/traces/step-a.jsonl", "fixtures/traces/step-b-milestone-moved.jsonl"])
        #expect(moved.status == 1)
        Golden.assertMatches(moved.stdout, golden: "fixtures/traces/step-a-vs-b.diff.txt")
        let bad = try CLIRunner.run(["diff-trace", "fixtures/traces/step-a.jsonl", Self.example])
        #expect(bad.status == 2)
        #expect(bad.stderr.hasPrefix("\(Self.example):1:1: error: "))
    }

    @Test func traceWritesATraceForEitherRunner() throws {
        let legacy = try CLIRunner.run(["trace", "fixtures/convert/runner-epoch/input.yaml", "--runner", "legacy", "--iters-per-epoch", "2"])
        #expect(legacy.status == 0)
        #expect(legacy.stdout.hasPrefix("{\"format\": \"hookmigrate-trace\", \"version\": 1, \"runner\": \"legacy\""))
        let again = try CLIRunner.run(["trace", "fixtures/convert/runner-epoch/input.yaml", "--runner", "legacy", "--iters-per-epoch", "2"])
        #expect(again.stdout == legacy.stdout)
        let badRunner = try CLIRunner.run(["trace", Self.example, "--runner", "old"])
        #expect(badRunner.status == 2)
        let config = try CLIRunner.run(["diff-trace", "fixtures/convert/runner-epoch/input.yaml"])
        #expect(config.stdout.hasPrefix("validation: "))
    }
}

/// `convert IN_DIR -o OUT_DIR` and `--check`.
@Suite struct ConvertTreeCommandTests {
    /// A copy of fixtures/trees/mini in a temporary folder, so that a test may change it.
    static func copyOfMiniTree() throws -> TemporaryFolder {
        let folder = TemporaryFolder()
        try FileManager.default.copyItem(atPath: CLIRunner.projectRoot + "/fixtures/trees/mini", toPath: folder.path + "/in")
        return folder
    }

    @Test func writesTheTreeThenCheckFindsItUpToDate() throws {
        let folder = try Self.copyOfMiniTree()
        let first = try CLIRunner.run(["convert", folder.path + "/in", "-o", folder.path + "/out"])
        #expect(first.status == 0, "\(first.stderr)")
        #expect(first.stderr.contains("configs converted"))
        #expect(folder.read("out/retinanet/r101.yaml")?.hasPrefix("_base_: './r50.yaml'") == true)
        let check = try CLIRunner.run(["convert", folder.path + "/in", "-o", folder.path + "/out", "--check"])
        #expect(check.status == 0, "\(check.stderr)")
        #expect(check.stderr.contains("is up to date (7 files)"))
        // A second run rewrites nothing.
        let second = try CLIRunner.run(["convert", folder.path + "/in", "-o", folder.path + "/out"])
        #expect(second.stderr.contains("written: 0 created, 0 replaced, 7 unchanged"))
    }

    @Test func checkNamesStaleFilesAndWritesNothing() throws {
        let folder = try Self.copyOfMiniTree()
        #expect(try CLIRunner.run(["convert", folder.path + "/in", "-o", folder.path + "/out"]).status == 0)
        folder.write("in/retinanet/r50_2x.yaml", "_base_: ./r50.yaml\nlr_config: {step: [16, 23]}\nrunner: {max_epochs: 24}\n")
        let before = folder.read("out/retinanet/r50_2x.yaml")
        let check = try CLIRunner.run(["convert", folder.path + "/in", "-o", folder.path + "/out", "--check"])
        #expect(check.status == 1)
        #expect(check.stderr.contains("stale:   retinanet/r50_2x.yaml"))
        #expect(!check.stderr.contains("r101"))
        #expect(folder.read("out/retinanet/r50_2x.yaml") == before)
        // A missing output folder is "missing" for every file, and still nothing is written.
        let empty = try CLIRunner.run(["convert", folder.path + "/in", "-o", folder.path + "/elsewhere", "--check"])
        #expect(empty.status == 1)
        #expect(empty.stderr.contains("missing: retinanet/r50.yaml"))
        #expect(!FileManager.default.fileExists(atPath: folder.path + "/elsewhere"))
    }

    @Test func refusesAnOutputInsideTheInputAndAFolderWithoutOutput() throws {
        let folder = try Self.copyOfMiniTree()
        let inside = try CLIRunner.run(["convert", folder.path + "/in", "-o", folder.path + "/in/out"])
        #expect(inside.status == 2)
        #expect(inside.stderr.contains("inside"))
        let noOutput = try CLIRunner.run(["convert", folder.path + "/in"])
        #expect(noOutput.status == 2)
        #expect(noOutput.stderr.contains("needs -o OUT_DIR"))
    }
}
