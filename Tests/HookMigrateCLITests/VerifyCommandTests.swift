import Foundation
import HookMigrateTestSupport
import Testing

/// `verify LEGACY NEW`, `diff-trace` of two configs and of two traces from the two runners, and the exit
/// statuses a pipeline relies on (README, docs/equivalence.md "Exit status").
@Suite struct VerifyCommandTests {
    static let example = "fixtures/examples/mmdet/retinanet/retinanet_r50_fpn_1x_coco.py"
    static let streams = ["schedule", "checkpoints", "evaluations", "best checkpoints", "logs", "ema", "other effects"]

    /// The example converted into `folder`, and the path of the converted config.
    static func converted(_ folder: TemporaryFolder) throws -> String {
        let path = folder.path + "/new.py"
        let result = try CLIRunner.run(["convert", example, "-o", path])
        #expect(result.status == 0)
        return path
    }

    /// A copy of the converted example with one text replaced, as a hand migration would differ.
    static func edited(_ folder: TemporaryFolder, _ name: String, from path: String, replacing old: String, with new: String) throws -> String {
        let text = try String(contentsOfFile: path, encoding: .utf8)
        #expect(text.contains(old))
        return folder.write(name, text.replacingOccurrences(of: old, with: new))
    }

    @Test func aFaithfulMigrationIsEquivalentAtEveryPlannedLengthWithEveryStreamNamed() throws {
        let folder = TemporaryFolder()
        let new = try Self.converted(folder)
        let result = try CLIRunner.run(["verify", Self.example, new])
        #expect(result.status == 0, "\(result.stdout)\(result.stderr)")
        #expect(result.stdout.contains("validation: equivalent under rules"))
        // The README example's proof passes the end of its 500-iteration warmup: 12 epochs × 52 iterations.
        #expect(result.stdout.contains("epoch lengths: L=1 equivalent, L=7 equivalent, L=52 (the shortest to pass every iteration boundary"))
        for stream in Self.streams {
            #expect(result.stdout.contains("\n  " + stream.padding(toLength: 18, withPad: " ", startingAt: 0)), "no state for \(stream)")
        }
        let json = try CLIRunner.run(["verify", Self.example, new, "--json"])
        #expect(json.status == 0)
        #expect(json.stdout.contains("\"status\": \"proven\""))
        #expect(json.stdout.contains("\"iters_per_epoch\": 52"))
        #expect(json.stdout.contains("\"source\": \"lr_config.warmup_iters\""))
    }

    @Test func aWarmupEndOneShortIsNotEquivalentWithTheFirstDivergenceInTheSchedule() throws {
        let folder = TemporaryFolder()
        let new = try Self.converted(folder)
        let short = try Self.edited(folder, "short.py", from: new, replacing: "end=501", with: "end=500")
        let result = try CLIRunner.run(["verify", Self.example, short])
        #expect(result.status == 1)
        #expect(result.stdout.contains("validation: NOT equivalent — the schedule differ"))
        #expect(result.stdout.contains("--- legacy run"))
        #expect(result.stdout.contains("+++ new run"))
        #expect(result.stdout.contains("  schedule          differs: "))
        #expect(result.stdout.contains("  checkpoints       equal"))
        #expect(!result.stdout.contains("equal up to a constant lr factor"))
        #expect(result.stdout.contains("exit status 1: not equivalent"))
    }

    @Test func aRescaledLrIsToldApartAndAcceptedOnlyWithIgnoreLrScale() throws {
        let folder = TemporaryFolder()
        let new = try Self.converted(folder)
        let scaled = try Self.edited(folder, "scaled.py", from: new, replacing: "lr=0.01,", with: "lr=0.02,")
        let strict = try CLIRunner.run(["verify", Self.example, scaled])
        #expect(strict.status == 1)
        #expect(strict.stdout.contains("equal up to a constant lr factor (group 0 ×"))
        let shape = try CLIRunner.run(["verify", Self.example, scaled, "--ignore-lr-scale"])
        #expect(shape.status == 0, "\(shape.stdout)")
        #expect(shape.stdout.contains("lr compared up to a constant factor per param group (--ignore-lr-scale): group 0 ×"))
        // A broken warmup stays broken under --ignore-lr-scale.
        let both = try Self.edited(folder, "both.py", from: scaled, replacing: "end=501", with: "end=500")
        #expect(try CLIRunner.run(["verify", Self.example, both, "--ignore-lr-scale"]).status == 1)
    }

    @Test func aMigrationThatDropsTheLrScheduleNeverExits0() throws {
        let folder = TemporaryFolder()
        let new = try Self.converted(folder)
        let text = try String(contentsOfFile: new, encoding: .utf8)
        guard let start = text.range(of: "param_scheduler = ["), let end = text.range(of: "\n]\n", range: start.upperBound..<text.endIndex) else {
            Issue.record("no param_scheduler in the converted example")
            return
        }
        let dropped = folder.write("dropped.py", String(text[..<start.lowerBound]) + String(text[end.upperBound...]))
        let result = try CLIRunner.run(["verify", Self.example, dropped, "--allow-unproven"])
        #expect(result.status == 1)
        #expect(result.stdout.contains("left out: lr_config (policy 'step' with a warmup): the new config has no lr scheduler"))
    }

    @Test func badInputExits2WithALocatedError() throws {
        let folder = TemporaryFolder()
        let new = try Self.converted(folder)
        let swapped = try CLIRunner.run(["verify", new, Self.example])
        #expect(swapped.status == 2)
        #expect(swapped.stderr.contains("new.py:"))
        #expect(swapped.stderr.contains("[wrong-config-world]"))
        let twoLegacy = try CLIRunner.run(["verify", Self.example, Self.example])
        #expect(twoLegacy.status == 2)
        #expect(twoLegacy.stderr.contains("the second config must be an MMEngine config"))
        #expect(try CLIRunner.run(["verify", Self.example, folder.path + "/missing.py"]).status == 2)
    }

    @Test func notProvenExits1UnlessAllowed() throws {
        let folder = TemporaryFolder()
        let legacy = folder.write("own-steps.yaml", """
        optimizer: {type: SGD, lr: 0.01}
        optimizer_config: null
        runner: {type: EpochBasedRunner, max_epochs: 2}
        lr_config: {policy: step, step: [1]}
        """)
        let convert = try CLIRunner.run(["convert", legacy, "-o", folder.path + "/new.yaml"])
        #expect(convert.status == 1)
        #expect(convert.stderr.contains("validation: not proven"))
        #expect(convert.stderr.contains("exit status 1: not proven (--allow-unproven makes it 0)"))
        let allowed = try CLIRunner.run(["convert", legacy, "-o", folder.path + "/new.yaml", "--allow-unproven"])
        #expect(allowed.status == 0)
        let verify = try CLIRunner.run(["verify", legacy, folder.path + "/new.yaml"])
        #expect(verify.status == 1)
        #expect(try CLIRunner.run(["verify", legacy, folder.path + "/new.yaml", "--allow-unproven"]).status == 0)
    }

    @Test func diffTraceOfTwoConfigsIsVerify() throws {
        let folder = TemporaryFolder()
        let new = try Self.converted(folder)
        let short = try Self.edited(folder, "short.py", from: new, replacing: "end=501", with: "end=500")
        for candidate in [new, short] {
            let verify = try CLIRunner.run(["verify", Self.example, candidate])
            let diff = try CLIRunner.run(["diff-trace", Self.example, candidate])
            #expect(diff.status == verify.status)
            #expect(diff.stdout == verify.stdout)
        }
    }

    @Test func theReadmeTraceWorkflowComparesUnderTheRules() throws {
        let folder = TemporaryFolder()
        let new = try Self.converted(folder)
        let old = folder.path + "/old.jsonl"
        let newTrace = folder.path + "/new.jsonl"
        #expect(try CLIRunner.run(["trace", Self.example, "--runner", "legacy", "-o", old]).status == 0)
        #expect(try CLIRunner.run(["trace", new, "--runner", "new", "-o", newTrace]).status == 0)
        for pair in [[old, newTrace], [newTrace, old]] {
            let result = try CLIRunner.run(["diff-trace"] + pair)
            #expect(result.status == 0, "\(result.stdout)")
            #expect(result.stdout.contains("validation: equivalent under rules"))
            #expect(result.stdout.contains("epoch lengths: L=10 (the traces' own"))
            #expect(result.stdout.contains("run facts read from the configs named in the traces' headers"))
        }
        let strict = try CLIRunner.run(["diff-trace", old, newTrace, "--strict"])
        #expect(strict.status == 1)
        #expect(strict.stdout.hasPrefix("traces differ"))
        // A trace of a broken migration: the same divergence as verify finds.
        let short = try Self.edited(folder, "short.py", from: new, replacing: "end=501", with: "end=500")
        let shortTrace = folder.path + "/short.jsonl"
        #expect(try CLIRunner.run(["trace", short, "--runner", "new", "-o", shortTrace]).status == 0)
        let broken = try CLIRunner.run(["diff-trace", old, shortTrace])
        #expect(broken.status == 1)
        #expect(broken.stdout.contains("validation: NOT equivalent — the schedule differ"))
        // Traces of different epoch lengths cannot be compared under the rules.
        let other = folder.path + "/new7.jsonl"
        #expect(try CLIRunner.run(["trace", new, "--runner", "new", "--iters-per-epoch", "7", "-o", other]).status == 0)
        let mismatch = try CLIRunner.run(["diff-trace", old, other])
        #expect(mismatch.status == 2)
        #expect(mismatch.stderr.contains("[trace-mismatch]"))
        // Without the configs the headers name, the run facts come from the events, with the same verdict.
        let moved = TemporaryFolder()
        let elsewhere = try CLIRunner.run(["diff-trace", old, newTrace], in: moved.path)
        #expect(elsewhere.status == 0, "\(elsewhere.stdout)")
        #expect(elsewhere.stdout.contains("run facts read from the traces' events"))
    }
}
