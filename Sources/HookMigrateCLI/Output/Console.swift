import Foundation
import HookMigrateCore

/// The only place that writes to standard output and standard error.
enum Console {
    nonisolated(unsafe) private static var stdout = FileHandle.standardOutput
    nonisolated(unsafe) private static var stderr = FileHandle.standardError

    /// Writes text to standard output as it is (no newline added).
    static func write(_ text: String) {
        stdout.write(Data(text.utf8))
    }

    /// Writes a line to standard output.
    static func printOutput(_ text: String) {
        write(text.hasSuffix("\n") ? text : text + "\n")
    }

    /// Writes a diagnostic to standard error, with the offending source line and a caret under its column.
    static func printError(_ diagnostic: Diagnostic) {
        printErrorText(DiagnosticRenderer.render(diagnostic))
    }

    /// Writes text to standard error.
    static func printErrorText(_ text: String) {
        stderr.write(Data((text.hasSuffix("\n") ? text : text + "\n").utf8))
    }

    /// Nothing is buffered; kept so callers state where output ends.
    static func flush() {}
}

extension Console {
    /// Whether standard error is a terminal (progress is shown only there).
    static var standardErrorIsTerminal: Bool { isatty(STDERR_FILENO) == 1 }

    /// Rewrites the progress line on standard error (a terminal only).
    static func progress(_ text: String) {
        stderr.write(Data(("\r" + text + "\u{1B}[K").utf8))
    }

    /// Ends a progress line.
    static func endProgress() {
        stderr.write(Data("\r\u{1B}[K".utf8))
    }
}
