/// The comment block at the top of a config file, which a converted config keeps.
///
/// YAML and Python both start comments with `#`, so one rule serves both: after any blank lines, the
/// run of lines whose first non-blank character is `#`, up to the first line that is not a comment
/// (a blank line ends the block too). JSON has no comments.
public enum LeadingComment {
    /// The leading comment lines of `text` joined with `\n` (each as written, `#` included, trailing
    /// blanks removed), or `nil` when the file does not start with a comment.
    public static func extract(from text: String) -> String? {
        var block: [String] = []
        // Line by line from the top, up to the first line that is not a comment (not the whole file).
        SourceText.forEachLine(text) { line in
            let content = line.drop { $0 == " " || $0 == "\t" }
            if content.isEmpty && block.isEmpty { return true }
            guard content.hasPrefix("#") else { return false }
            var scalars = line.unicodeScalars[...]
            while let last = scalars.last, last == " " || last == "\t" { scalars = scalars.dropLast() }
            block.append(String(String.UnicodeScalarView(scalars)))
            return true
        }
        return block.isEmpty ? nil : block.joined(separator: "\n")
    }
}
