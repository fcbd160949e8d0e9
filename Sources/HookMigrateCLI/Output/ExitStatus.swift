/// The exit statuses hookmigrate documents.
enum ExitStatus {
    /// Success.
    static let success: Int32 = 0
    /// The command ran, and the answer is no (not equivalent, traces differ).
    static let negative: Int32 = 1
    /// Bad input or usage.
    static let badInput: Int32 = 2
    /// The subcommand exists in the interface but not yet in this build.
    static let unavailable: Int32 = 3
}

/// An error of the command-line layer itself, with the exit status it ends in.
struct CLIError: Error {
    var diagnostic: HookMigrateCore.Diagnostic
    var status: Int32

    static func unavailable(_ command: String) -> CLIError {
        CLIError(diagnostic: .init(.error, id: "not-available", "`hookmigrate \(command)` is not available in this build yet; see docs/ for what is"),
                 status: ExitStatus.unavailable)
    }
}

import HookMigrateCore
