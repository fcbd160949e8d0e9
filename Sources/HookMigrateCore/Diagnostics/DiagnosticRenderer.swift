import Foundation

/// Renders diagnostics as compilers do: `file:line:column: severity: message [id]`, then the source
/// line and a caret under the column when the file can be read, then the notes.
public enum DiagnosticRenderer {
    /// The rendering; `sourceLine` gives the text of a line of a file (default: read from disk).
    public static func render(_ diagnostic: Diagnostic,
                              sourceLine: (SourceLocation) -> String? = DiagnosticRenderer.lineFromDisk) -> String {
        var lines: [String] = []
        lines.append(head(diagnostic.location, diagnostic.severity.rawValue, "\(diagnostic.message) [\(diagnostic.id)]"))
        if let location = diagnostic.location { lines += snippet(location, sourceLine) }
        for note in diagnostic.notes {
            lines.append(head(note.location, "note", note.message))
        }
        return lines.joined(separator: "\n")
    }

    static func head(_ location: SourceLocation?, _ label: String, _ message: String) -> String {
        guard let location else { return "\(label): \(message)" }
        return "\(location): \(label): \(message)"
    }

    static func snippet(_ location: SourceLocation, _ sourceLine: (SourceLocation) -> String?) -> [String] {
        guard let text = sourceLine(location), text.unicodeScalars.count < 300 else { return [] }
        let prefix = text.unicodeScalars.prefix(max(0, location.column - 1))
        let pad = String(String.UnicodeScalarView(prefix.map { $0 == "\t" ? "\t" : " " }))
        return ["    " + text, "    " + pad + "^"]
    }

    /// The text of the location's line, read from its file; `nil` when the file is not a regular file,
    /// cannot be read, or the line is not UTF-8. The line is found without splitting the whole file.
    public static func lineFromDisk(_ location: SourceLocation) -> String? {
        guard location.line >= 1, FileIO.isRegularFile(location.file),
              let bytes = try? FileIO.readBytes(location.file) else { return nil }
        return SourceText.line(location.line, of: bytes)
    }
}
