import Foundation
import HookMigrateTestSupport

/// Runs the built `hookmigrate` binary and captures what it prints.
struct CLIResult {
    var status: Int32
    var stdout: String
    var stderr: String
}

enum CLIRunner {
    /// The project root (where Package.swift is).
    static let projectRoot = Golden.projectRoot

    /// The `hookmigrate` binary beside the test bundle.
    static var binary: String {
        let testBinary = URL(fileURLWithPath: CommandLine.arguments[0]).standardizedFileURL
        var directory = testBinary.deletingLastPathComponent()
        // On Linux the test bundle is a file in the products directory; elsewhere a bundle folder.
        if directory.lastPathComponent.hasSuffix(".xctest") { directory = directory.deletingLastPathComponent() }
        return directory.appendingPathComponent("hookmigrate").path
    }

    /// Runs the binary with arguments, in `directory` (default: the project root).
    static func run(_ arguments: [String], in directory: String = projectRoot) throws -> CLIResult {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: binary)
        process.arguments = arguments
        process.currentDirectoryURL = URL(fileURLWithPath: directory)
        let out = Pipe()
        let err = Pipe()
        process.standardOutput = out
        process.standardError = err
        try process.run()
        let outData = out.fileHandleForReading.readDataToEndOfFile()
        let errData = err.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return CLIResult(status: process.terminationStatus,
                         stdout: String(decoding: outData, as: UTF8.self),
                         stderr: String(decoding: errData, as: UTF8.self))
    }
}

/// What a bounded run of the binary gave.
struct BoundedResult {
    /// The exit status, or the signal number when `signaled`.
    var status: Int32
    /// Whether the process ended by a signal (a trap is SIGILL or SIGTRAP, a crash SIGSEGV or SIGABRT).
    var signaled: Bool
    /// Whether the time limit ended it.
    var timedOut: Bool
    var stdout: String
    var stderr: String
    /// Seconds it ran.
    var seconds: Double

    /// "exit 2", "signal 4", "timed out after 60 s", for messages.
    var outcome: String {
        if timedOut { return "timed out after \(Int(seconds)) s" }
        return signaled ? "signal \(status)" : "exit \(status)"
    }
}

extension CLIRunner {
    /// Runs the binary under a time limit and an address-space limit (`ulimit -v`, in KiB), through
    /// `/bin/sh`, with standard output and error captured in files (no pipe can fill up and block it).
    /// `shell` runs before the binary in the same shell (e.g. `ulimit -f 8`); `redirect` is added after
    /// the capturing redirections (e.g. `>&-` closes standard output, `>/dev/full` fills it).
    static func runBounded(_ arguments: [String], in directory: String, seconds: Double = 90,
                           memoryKiB: Int = 4 << 20, shell: String = "", redirect: String = "") throws -> BoundedResult {
        let capture = NSTemporaryDirectory() + "hookmigrate-capture-" + UUID().uuidString
        try FileManager.default.createDirectory(atPath: capture, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: capture) }
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/bin/sh")
        let script = "ulimit -v \(memoryKiB); \(shell)\nexec \"$0\" \"$@\" >\"$HM_OUT\" 2>\"$HM_ERR\" \(redirect)"
        process.arguments = ["-c", script, binary] + arguments
        var environment = ProcessInfo.processInfo.environment
        environment["HM_OUT"] = capture + "/out"
        environment["HM_ERR"] = capture + "/err"
        environment["SWIFT_BACKTRACE"] = "enable=no"
        process.environment = environment
        process.currentDirectoryURL = URL(fileURLWithPath: directory)
        let start = Date()
        try process.run()
        var timedOut = false
        while process.isRunning {
            if Date().timeIntervalSince(start) > seconds {
                timedOut = true
                kill(process.processIdentifier, SIGKILL)
                break
            }
            usleep(20_000)
        }
        process.waitUntilExit()
        func read(_ name: String) -> String {
            FileManager.default.contents(atPath: capture + "/" + name).map { String(decoding: $0, as: UTF8.self) } ?? ""
        }
        return BoundedResult(status: process.terminationStatus, signaled: process.terminationReason == .uncaughtSignal,
                             timedOut: timedOut, stdout: read("out"), stderr: read("err"),
                             seconds: Date().timeIntervalSince(start))
    }
}
