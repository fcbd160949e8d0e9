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

    @Test func compatWritesTheModuleBesideTheConvertedConfig() throws {
        let directory = NSTemporaryDirectory() + "hookmigrate-cli-" + UUID().uuidString
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let legacy = """
        optimizer: {type: SGD, lr: 0.1, momentum: 0.9}
        optimizer_config: {grad_clip: null}
        runner: {type: IterBasedRunner, max_iters: 300}
        lr_config: {policy: poly, power: 1.0, min_lr: 1.0e-04, by_epoch: false, warmup: linear, warmup_iters: 50, warmup_ratio: 1.0e-06}

        """
        try legacy.write(toFile: directory + "/old.yaml", atomically: true, encoding: .utf8)
        try FileManager.default.createDirectory(atPath: directory + "/plain", withIntermediateDirectories: true)
        let plain = try CLIRunner.run(["convert", directory + "/old.yaml", "-o", directory + "/plain/new.yaml"])
        #expect(plain.status == 1)
        #expect(!FileManager.default.fileExists(atPath: directory + "/plain/hookmigrate_mmcv_compat_v1.py"))
        try FileManager.default.createDirectory(atPath: directory + "/out", withIntermediateDirectories: true)
        let result = try CLIRunner.run(["convert", directory + "/old.yaml", "--compat", "-o", directory + "/out/new.yaml"])
        #expect(result.status == 0)
        #expect(result.stderr.contains("validation: equivalent"))
        let module = try String(contentsOfFile: directory + "/out/hookmigrate_mmcv_compat_v1.py", encoding: .utf8)
        let bundled = try String(contentsOfFile: CLIRunner.projectRoot + "/migrations/compat/hookmigrate_mmcv_compat_v1.py", encoding: .utf8)
        #expect(module == bundled)
        let converted = try String(contentsOfFile: directory + "/out/new.yaml", encoding: .utf8)
        #expect(converted.contains("MMCVLrUpdaterLR"))
        #expect(converted.contains("hookmigrate_mmcv_compat_v1"))
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
        #expect(convertHelp.stdout.contains("yaml, json or py"))
    }

    @Test func writesPythonConfigs() throws {
        let directory = NSTemporaryDirectory() + "hookmigrate-cli-" + UUID().uuidString
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let file = try CLIRunner.run(["convert", Self.example, "-o", directory + "/new.py", "--report", directory + "/r.txt"])
        #expect(file.status == 0)
        #expect(file.stdout == "")
        let written = try String(contentsOfFile: directory + "/new.py", encoding: .utf8)
        Golden.assertMatches(written, golden: "fixtures/examples/retinanet/expected.converted.py")
        // The input's leading comment comes first, then the assignments.
        #expect(written.hasPrefix("# A RetinaNet training config in the MMCV 1.x style: two bases, overridden here.\n\ndefault_scope = 'mmdet'\n\noptim_wrapper = dict(\n"))

        let stdout = try CLIRunner.run(["convert", Self.example, "--format", "py"])
        #expect(stdout.status == 0)
        #expect(stdout.stdout == written)
        // An extension the format does not name: the format decides.
        let other = try CLIRunner.run(["convert", Self.example, "--format", "py", "-o", directory + "/new.txt", "--report", directory + "/r.txt"])
        #expect(other.status == 0)
        #expect(try String(contentsOfFile: directory + "/new.txt", encoding: .utf8) == written)
        // No --format and an unknown extension: YAML, as before.
        let yamlByDefault = try CLIRunner.run(["convert", Self.example, "-o", directory + "/plain.cfg", "--report", directory + "/r.txt"])
        #expect(yamlByDefault.status == 0)
        #expect(try String(contentsOfFile: directory + "/plain.cfg", encoding: .utf8).hasPrefix("default_scope: mmdet\noptim_wrapper:\n"))

        let resolved = try CLIRunner.run(["convert", Self.example, "--resolve-only", "--format", "py"])
        #expect(resolved.status == 0)
        #expect(resolved.stderr == "")
        #expect(resolved.stdout.hasPrefix("# A RetinaNet training config in the MMCV 1.x style: two bases, overridden here.\n\noptimizer = dict(type='SGD', lr=0.01, momentum=0.9, weight_decay=0.0001)\n"))

        let diff = try CLIRunner.run(["convert", Self.example, "--diff", "-o", directory + "/ignored.py"])
        #expect(diff.status == 0)
        #expect(diff.stdout.contains("\n-optimizer = dict(type='SGD', lr=0.01, momentum=0.9, weight_decay=0.0001)\n"))
        #expect(diff.stdout.contains("\n+optim_wrapper = dict(\n"))
        #expect(!FileManager.default.fileExists(atPath: directory + "/ignored.py"))

        // JSON has no comments: the module starts with the first assignment.
        let json = try CLIRunner.run(["convert", "fixtures/examples/retinanet/expected.resolved.json", "--resolve-only", "--format", "py"])
        #expect(json.status == 0)
        #expect(json.stdout.hasPrefix("optimizer = dict("))
    }

    @Test func outputExtensionThatContradictsFormatIsAUsageError() throws {
        let directory = NSTemporaryDirectory() + "hookmigrate-cli-" + UUID().uuidString
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: directory) }
        for (format, name) in [("yaml", "x.py"), ("py", "x.json"), ("json", "x.yml"), ("py", "X.YAML")] {
            let result = try CLIRunner.run(["convert", Self.example, "--format", format, "-o", directory + "/" + name])
            #expect(result.status == 2, "\(format) \(name)")
            #expect(result.stdout == "")
            #expect(result.stderr.contains("--format is \(format)"), "\(result.stderr)")
        }
        #expect(try FileManager.default.contentsOfDirectory(atPath: directory).isEmpty)
        let matching = try CLIRunner.run(["convert", Self.example, "--format", "yaml", "-o", directory + "/x.yml", "--report", directory + "/r.txt"])
        #expect(matching.status == 0)
    }

    @Test func keysPythonCannotHoldAreLocatedErrors() throws {
        let directory = NSTemporaryDirectory() + "hookmigrate-cli-" + UUID().uuidString
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: directory) }
        try "# comment\nlog_level: INFO\nmy-key: 1\n".write(toFile: directory + "/odd.yaml", atomically: true, encoding: .utf8)
        let result = try CLIRunner.run(["convert", "odd.yaml", "--resolve-only", "-o", "odd.py"], in: directory)
        #expect(result.status == 2)
        #expect(result.stderr.hasPrefix("odd.yaml:3:1: error: cannot write the top-level key 'my-key' to a Python config"))
        #expect(result.stderr.contains("[python-name]"))
        #expect(!FileManager.default.fileExists(atPath: directory + "/odd.py"))
        try "env_variables: {a: 1}\n".write(toFile: directory + "/reserved.yaml", atomically: true, encoding: .utf8)
        let reserved = try CLIRunner.run(["convert", "reserved.yaml", "--resolve-only", "--format", "py"], in: directory)
        #expect(reserved.status == 2)
        #expect(reserved.stderr.contains("[reserved-key]"))
    }

    @Test func diffTraceComparesTraceFiles() throws {
        // Raw comparison (--strict): these fixtures hold one run's events under both runner labels.
        let same = try CLIRunner.run(["diff-trace", "fixtures/traces/step-a.jsonl", "fixtures/traces/step-c-rounding.jsonl", "--strict"])
        #expect(same.status == 0)
        #expect(same.stdout.hasPrefix("traces are equal\n"))
        let moved = try CLIRunner.run(["diff-trace", "fixtures/traces/step-a.jsonl", "fixtures/traces/step-b-milestone-moved.jsonl", "--strict"])
        #expect(moved.status == 1)
        Golden.assertMatches(moved.stdout, golden: "fixtures/traces/step-a-vs-b.diff.txt")
        let bad = try CLIRunner.run(["diff-trace", "fixtures/traces/step-a.jsonl", Self.example])
        #expect(bad.status == 2)
        #expect(bad.stderr.contains("diff-trace takes two traces or two configs, not one of each (\(Self.example) is a config)"))
        let broken = try CLIRunner.run(["diff-trace", "fixtures/traces/step-a.jsonl", "Package.resolved.jsonl"])
        #expect(broken.status == 2)
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
        #expect(config.stdout.hasPrefix("diff-trace: fixtures/convert/runner-epoch/input.yaml (MMCV 1.x) against its conversion (MMEngine)\nvalidation: "))
        #expect(config.stdout.contains("\nepoch lengths: L=1 "))
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

    @Test func compatIsRefusedInTreeModeWithItsReason() throws {
        let folder = try Self.copyOfMiniTree()
        let result = try CLIRunner.run(["convert", folder.path + "/in", "-o", folder.path + "/out", "--compat"])
        #expect(result.status == 2)
        #expect(result.stderr.contains("--compat takes a single config file"))
        #expect(!FileManager.default.fileExists(atPath: folder.path + "/out"))
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
