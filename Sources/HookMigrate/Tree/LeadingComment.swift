import Foundation

/// The comment block at the top of a config file (`#` lines, as `.py` and YAML write them), kept when the
/// file is rewritten.
enum LeadingComment {
    /// The leading `#` lines of the file at `path`, joined with newlines; `nil` when there are none.
    static func of(path: String) -> String? {
        guard let data = FileManager.default.contents(atPath: path), let text = String(data: data, encoding: .utf8) else { return nil }
        var lines: [Substring] = []
        for line in text.split(separator: "\n", omittingEmptySubsequences: false) {
            let trimmed = line.hasSuffix("\r") ? line.dropLast() : line
            guard trimmed.hasPrefix("#") else { break }
            lines.append(trimmed)
        }
        return lines.isEmpty ? nil : lines.joined(separator: "\n")
    }
}
