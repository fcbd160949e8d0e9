import ArgumentParser
import Foundation
import HookMigrateCore

/// The root command: `hookmigrate <subcommand>`.
struct HookMigrateCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "hookmigrate",
        abstract: "Move MMCV 1.x training configs to MMEngine, and prove each move.",
        discussion: """
        Reads a legacy MMCV 1.x config (YAML or JSON, with `_base_` inheritance) and writes its MMEngine \
        counterpart with a report of every change.

        Exit status: 0 success; 1 the run completed but the answer is no (not equivalent, not proven unless \
        --allow-unproven, a legacy schedule or hook left out); 2 bad input or usage (the message names \
        file:line:column).
        """,
        version: "hookmigrate \(HookMigrateVersion.string)",
        subcommands: [Convert.self, Verify.self, Trace.self, DiffTrace.self, Plot.self, Rules.self]
    )
}

/// Runs the command and maps every outcome to the documented exit status.
@main
enum HookMigrateMain {
    static func main() {
        TemporaryFiles.installSignalCleanup()
        var status: Int32
        do {
            var command = try HookMigrateCommand.parseAsRoot()
            try command.run()
            status = 0
        } catch let error as ConfigError {
            Console.printError(error.diagnostic)
            status = ExitStatus.badInput
        } catch {
            let code = HookMigrateCommand.exitCode(for: error)
            let message = HookMigrateCommand.fullMessage(for: error)
            if code == .success {
                Console.printOutput(message)
                status = 0
            } else if let exit = error as? ExitCode {
                status = exit.rawValue
            } else {
                Console.printErrorText(message)
                status = ExitStatus.badInput
            }
        }
        if let failure = Console.outputFailure {
            Console.printError(Diagnostic(.error, id: ConfigError.Code.writeFailed.rawValue, "cannot write to standard output: \(failure)"))
            if status == ExitStatus.success || status == ExitStatus.negative { status = ExitStatus.badInput }
        }
        if Console.errorFailure != nil, status == ExitStatus.success { status = ExitStatus.badInput }
        Console.flush()
        exit(status)
    }
}
