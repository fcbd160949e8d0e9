import Foundation
import HookMigrateTestSupport
import Testing

/// Faults while writing: a read-only folder, a full disk, a file-size limit, a device node, links, modes,
/// signals, concurrent runs, and closed or broken standard streams. In every case: a clear error and a
/// non-zero status (or success where the target is fine), no partial or temporary file, and the previous
/// content intact. Uses a private mount namespace (`unshare -m`, tmpfs mounts) and `mknod` when the tests
/// run as root with those tools; otherwise the same checks through `chmod`, `ulimit -f` and a FIFO.
@Suite(.serialized) struct OutputFaultTests {
    static let config = "optimizer: {type: SGD, lr: 0.01, momentum: 0.9}\noptimizer_config: {grad_clip: null}\nrunner: {type: EpochBasedRunner, max_epochs: 2}\ncheckpoint_config: {interval: 1}\nlog_config: {interval: 5, hooks: [{type: TextLoggerHook}]}\n"
    static let old = "old content\n"

    /// Whether tmpfs mounts in a private mount namespace are possible here.
    static let canMount: Bool = {
        guard geteuid() == 0, FileManager.default.isExecutableFile(atPath: "/usr/bin/unshare") else { return false }
        let probe = try? shell("unshare -m sh -c 'mount -t tmpfs -o size=64k tmpfs /mnt && touch /mnt/x'", in: "/")
        return probe?.status == 0
    }()

    /// Runs a shell script; the binary is `$HM`.
    @discardableResult
    static func shell(_ script: String, in directory: String) throws -> (status: Int32, output: String) {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/bin/sh")
        process.arguments = ["-c", script]
        var environment = ProcessInfo.processInfo.environment
        environment["HM"] = CLIRunner.binary
        environment["SWIFT_BACKTRACE"] = "enable=no"
        process.environment = environment
        process.currentDirectoryURL = URL(fileURLWithPath: directory)
        let pipe = Pipe()
        process.standardOutput = pipe
        process.standardError = pipe
        try process.run()
        let data = pipe.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return (process.terminationStatus, String(decoding: data, as: UTF8.self))
    }

    /// The files a run left beside its targets that look like its temporary files.
    static func temporaries(in folder: String) -> [String] {
        ((try? FileManager.default.contentsOfDirectory(atPath: folder)) ?? []).filter { $0.contains(".hookmigrate-") }
    }

    @Test func readOnlyFolder() throws {
        let work = TemporaryFolder()
        work.write("in.yaml", Self.config)
        if Self.canMount {
            // A read-only tmpfs in a private mount namespace: even root cannot write there.
            let result = try Self.shell("""
                mkdir ro && unshare -m sh -c 'mount -t tmpfs -o size=1m tmpfs ro && printf "\(Self.old)" > ro/out.yaml && mount -o remount,ro ro && \
                "$HM" convert in.yaml -o ro/out.yaml --report ro/report.txt; echo "status=$?"; ls -a ro; cat ro/out.yaml'
                """, in: work.path)
            #expect(result.output.contains("status=2"), "\(result.output)")
            #expect(result.output.contains("[write-failed]"))
            #expect(result.output.contains("Read-only file system"))
            #expect(!result.output.contains(".hookmigrate-"))
            #expect(result.output.hasSuffix(Self.old))
        } else {
            work.write("ro/out.yaml", Self.old)
            chmod(work.path + "/ro", 0o555)
            defer { chmod(work.path + "/ro", 0o755) }
            let result = try CLIRunner.runBounded(["convert", "in.yaml", "-o", "ro/out.yaml"], in: work.path)
            #expect(result.status == 2 && !result.signaled)
            #expect(result.stderr.contains("[write-failed]"))
            #expect(work.read("ro/out.yaml") == Self.old)
            #expect(Self.temporaries(in: work.path + "/ro").isEmpty)
        }
    }

    @Test func fullDisk() throws {
        try #require(Self.canMount, "needs root and unshare for a small tmpfs; fileSizeLimit covers the same path")
        let work = TemporaryFolder()
        work.write("in.yaml", Self.config)
        // A 64 KiB tmpfs, filled up, holding the previous output: the new one cannot be written.
        let result = try Self.shell("""
            mkdir full && unshare -m sh -c 'mount -t tmpfs -o size=64k tmpfs full && printf "\(Self.old)" > full/out.yaml && \
            (dd if=/dev/zero of=full/fill bs=1k 2>/dev/null || true) && \
            "$HM" convert in.yaml -o full/out.yaml --report full/report.txt; echo "status=$?"; ls -a full; cat full/out.yaml'
            """, in: work.path)
        #expect(result.output.contains("status=2"), "\(result.output)")
        #expect(result.output.contains("No space left on device"))
        #expect(!result.output.contains(".hookmigrate-"))
        #expect(!result.output.contains("report.txt"))
        #expect(result.output.hasSuffix(Self.old))
    }

    @Test func fileSizeLimit() throws {
        let work = TemporaryFolder()
        work.write("in.yaml", Self.config)
        work.write("out.yaml", Self.old)
        // `ulimit -f 1`: writes past 1 block fail with EFBIG (hookmigrate ignores SIGXFSZ).
        let result = try CLIRunner.runBounded(["convert", "in.yaml", "-o", "out.yaml", "--report", "report.txt"], in: work.path, shell: "ulimit -f 1")
        #expect(result.status == 2 && !result.signaled, "\(result.outcome)")
        #expect(result.stderr.contains("File too large"))
        #expect(work.read("out.yaml") == Self.old)
        #expect(work.read("report.txt") == nil)
        #expect(Self.temporaries(in: work.path).isEmpty)
    }

    @Test func ontoTheInputAndInPlace() throws {
        let work = TemporaryFolder()
        work.write("in.yaml", Self.config)
        work.write("base.yaml", "optimizer: {type: SGD, lr: 0.01, momentum: 0.9}\n")
        work.write("child.yaml", "_base_: base.yaml\noptimizer_config: {grad_clip: null}\nrunner: {type: EpochBasedRunner, max_epochs: 2}\n")
        chmod(work.path + "/in.yaml", 0o640)
        let refused = try CLIRunner.runBounded(["convert", "in.yaml", "-o", "./in.yaml"], in: work.path)
        #expect(refused.status == 2)
        #expect(refused.stderr.contains("[output-conflict]"))
        #expect(work.read("in.yaml") == Self.config)
        let base = try CLIRunner.runBounded(["convert", "child.yaml", "-o", "base.yaml"], in: work.path)
        #expect(base.status == 2 && base.stderr.contains("[output-conflict]"), "a base is an input too")
        let report = try CLIRunner.runBounded(["convert", "child.yaml", "--report", "base.yaml"], in: work.path)
        #expect(report.status == 2 && report.stderr.contains("[output-conflict]"))
        let same = try CLIRunner.runBounded(["convert", "in.yaml", "-o", "x.yaml", "--report", "x.yaml"], in: work.path)
        #expect(same.status == 2 && same.stderr.contains("[output-conflict]"))
        #expect(work.read("x.yaml") == nil)

        let inPlace = try CLIRunner.runBounded(["convert", "in.yaml", "--in-place", "--report", "r.txt"], in: work.path)
        #expect(inPlace.status == 0, "\(inPlace.stderr)")
        #expect(work.read("in.yaml.orig") == Self.config)
        #expect(work.read("in.yaml")?.hasPrefix("optim_wrapper:") == true)
        #expect(Self.mode(work.path + "/in.yaml") == 0o640)
        #expect(Self.mode(work.path + "/in.yaml.orig") == 0o640)
        #expect(Self.temporaries(in: work.path).isEmpty)
    }

    static func mode(_ path: String) -> mode_t? {
        var info = stat()
        return lstat(path, &info) == 0 ? info.st_mode & 0o7777 : nil
    }

    static func kind(_ path: String) -> mode_t? {
        var info = stat()
        return lstat(path, &info) == 0 ? info.st_mode & S_IFMT : nil
    }

    @Test func ontoAFolder() throws {
        let work = TemporaryFolder()
        work.write("in.yaml", Self.config)
        try FileManager.default.createDirectory(atPath: work.path + "/out", withIntermediateDirectories: false)
        for target in ["out", "out/", "missing/out.yaml"] {
            let result = try CLIRunner.runBounded(["convert", "in.yaml", "-o", target], in: work.path)
            #expect(result.status == 2 && !result.signaled, "\(target): \(result.outcome)")
            #expect(result.stderr.contains("[write-failed]"), "\(target): \(result.stderr)")
        }
        #expect(try FileManager.default.contentsOfDirectory(atPath: work.path + "/out").isEmpty)
        #expect(Self.temporaries(in: work.path).isEmpty)
    }

    @Test func ontoADeviceNodeOrAFifo() throws {
        let work = TemporaryFolder()
        work.write("in.yaml", Self.config)
        if geteuid() == 0, mknod(work.path + "/null.yaml", S_IFCHR | 0o666, dev_t((1 << 8) | 3)) == 0 {
            // A device node of its own (the null device): written through, still a device afterwards.
            let result = try CLIRunner.runBounded(["convert", "in.yaml", "-o", "null.yaml", "--report", "null.yaml"], in: work.path)
            #expect(result.status == 0, "\(result.stderr)")
            #expect(Self.kind(work.path + "/null.yaml") == S_IFCHR)
        }
        // A FIFO: written through to its reader, never replaced.
        #expect(mkfifo(work.path + "/pipe.yaml", 0o644) == 0)
        let reader = try Self.shell("cat pipe.yaml > got.yaml & \"$HM\" convert in.yaml -o pipe.yaml --report r.txt; echo \"status=$?\"; wait", in: work.path)
        #expect(reader.output.contains("status=0"), "\(reader.output)")
        #expect(Self.kind(work.path + "/pipe.yaml") == S_IFIFO)
        #expect(work.read("got.yaml")?.hasPrefix("optim_wrapper:") == true)
        // /dev/stdout (a link into /proc): written through to the caller's standard output.
        let stdout = try CLIRunner.runBounded(["convert", "in.yaml", "-o", "/dev/stdout", "--report", "r.txt"], in: work.path)
        #expect(stdout.status == 0)
        #expect(stdout.stdout.hasPrefix("optim_wrapper:"))
        #expect(Self.temporaries(in: work.path).isEmpty)
    }

    @Test func linksAreFollowedAndModesKept() throws {
        let work = TemporaryFolder()
        work.write("in.yaml", Self.config)
        work.write("target.yaml", Self.old)
        chmod(work.path + "/target.yaml", 0o604)
        if geteuid() == 0 { chown(work.path + "/target.yaml", 1234, 4321) }
        try FileManager.default.createSymbolicLink(atPath: work.path + "/link.yaml", withDestinationPath: "target.yaml")
        try FileManager.default.createSymbolicLink(atPath: work.path + "/dangling.yaml", withDestinationPath: "new.yaml")
        let result = try CLIRunner.runBounded(["convert", "in.yaml", "-o", "link.yaml", "--report", "dangling.yaml"], in: work.path)
        #expect(result.status == 0, "\(result.stderr)")
        #expect(Self.kind(work.path + "/link.yaml") == S_IFLNK)
        #expect(work.read("target.yaml")?.hasPrefix("optim_wrapper:") == true)
        #expect(Self.mode(work.path + "/target.yaml") == 0o604)
        if geteuid() == 0 {
            var info = stat()
            stat(work.path + "/target.yaml", &info)
            #expect(info.st_uid == 1234 && info.st_gid == 4321)
        }
        #expect(Self.kind(work.path + "/dangling.yaml") == S_IFLNK)
        #expect(work.read("new.yaml")?.hasPrefix("hookmigrate report") == true)
        #expect(Self.temporaries(in: work.path).isEmpty)
    }

    @Test func aFailingReportLeavesTheOutputAlone() throws {
        let work = TemporaryFolder()
        work.write("in.yaml", Self.config)
        work.write("out.yaml", Self.old)
        let result = try CLIRunner.runBounded(["convert", "in.yaml", "-o", "out.yaml", "--report", "missing/report.txt"], in: work.path)
        #expect(result.status == 2)
        #expect(result.stderr.contains("[write-failed]"))
        #expect(work.read("out.yaml") == Self.old)
        #expect(Self.temporaries(in: work.path).isEmpty)
    }

    /// SIGINT and SIGTERM while the run waits to write its report into a FIFO no one reads: the new
    /// config is in a temporary file by then. The signal removes it; the old config stays.
    @Test(arguments: [SIGINT, SIGTERM])
    func signalDuringTheWrite(_ signal: Int32) throws {
        let work = TemporaryFolder()
        work.write("in.yaml", Self.config)
        work.write("out.yaml", Self.old)
        #expect(mkfifo(work.path + "/report.fifo", 0o644) == 0)
        let process = Process()
        process.executableURL = URL(fileURLWithPath: CLIRunner.binary)
        process.arguments = ["convert", "in.yaml", "-o", "out.yaml", "--report", "report.fifo"]
        process.currentDirectoryURL = URL(fileURLWithPath: work.path)
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        try process.run()
        let start = Date()
        while Self.temporaries(in: work.path).isEmpty, process.isRunning, Date().timeIntervalSince(start) < 60 { usleep(20_000) }
        #expect(Self.temporaries(in: work.path).count == 1, "the new config waits in a temporary file")
        kill(process.processIdentifier, signal)
        let sent = Date()
        while process.isRunning, Date().timeIntervalSince(sent) < 30 { usleep(20_000) }
        if process.isRunning {
            Issue.record("the run ignored the signal")
            kill(process.processIdentifier, SIGKILL)
        }
        process.waitUntilExit()
        #expect(process.terminationReason == .uncaughtSignal)
        #expect(process.terminationStatus == signal)
        #expect(Self.temporaries(in: work.path).isEmpty)
        #expect(work.read("out.yaml") == Self.old)
        #expect(Self.kind(work.path + "/report.fifo") == S_IFIFO)
    }

    @Test func concurrentRunsNeverTearTheOutput() throws {
        let work = TemporaryFolder()
        work.write("a.yaml", Self.config)
        work.write("b.yaml", Self.config.replacingOccurrences(of: "max_epochs: 2", with: "max_epochs: 3"))
        let expectedA = try CLIRunner.runBounded(["convert", "a.yaml", "--report", "ra.txt"], in: work.path).stdout
        let expectedB = try CLIRunner.runBounded(["convert", "b.yaml", "--report", "rb.txt"], in: work.path).stdout
        let result = try Self.shell("""
            for i in 1 2 3 4; do "$HM" convert a.yaml -o out.yaml --report ra.txt & "$HM" convert b.yaml -o out.yaml --report rb.txt & done; \
            fails=0; for job in $(jobs -p); do wait $job || fails=$((fails+1)); done; echo "fails=$fails"
            """, in: work.path)
        #expect(result.output.contains("fails=0"), "\(result.output)")
        let written = work.read("out.yaml")
        #expect(written == expectedA || written == expectedB)
        #expect(Self.temporaries(in: work.path).isEmpty)
    }

    @Test func closedFullAndBrokenStandardStreams() throws {
        let work = TemporaryFolder()
        work.write("in.yaml", Self.config)
        work.write("bad.yaml", "a: [1, 2\n")
        let closed = try CLIRunner.runBounded(["convert", "in.yaml"], in: work.path, redirect: ">&-")
        #expect(closed.status == 2 && !closed.signaled, "\(closed.outcome)")
        #expect(closed.stderr.contains("cannot write to standard output"))
        let full = try CLIRunner.runBounded(["convert", "in.yaml"], in: work.path, redirect: ">/dev/full")
        #expect(full.status == 2 && !full.signaled, "\(full.outcome)")
        #expect(full.stderr.contains("No space left on device"))
        // An error printed to a closed standard error: no trap, still exit 2.
        let silent = try CLIRunner.runBounded(["convert", "bad.yaml"], in: work.path, redirect: "2>&-")
        #expect(silent.status == 2 && !silent.signaled, "\(silent.outcome)")
        let silentFull = try CLIRunner.runBounded(["convert", "bad.yaml"], in: work.path, redirect: "2>/dev/full")
        #expect(silentFull.status == 2 && !silentFull.signaled, "\(silentFull.outcome)")
        // A broken pipe: the reader is gone before the (2.6 MB) output is written.
        let big = (0..<200_000).map { "k\($0): \($0)" }.joined(separator: "\n")
        work.write("big.yaml", big)
        let broken = try Self.shell("{ \"$HM\" convert big.yaml --resolve-only 2>err.txt; echo \"status=$?\" > status.txt; } | head -c 1 > /dev/null; cat status.txt err.txt", in: work.path)
        #expect(broken.output.contains("status=2"), "\(broken.output)")
        #expect(broken.output.contains("Broken pipe"))
    }
}
