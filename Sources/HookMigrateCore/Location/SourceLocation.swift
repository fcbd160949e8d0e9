/// A position in a config file: the file's path as the user named it (or as a `_base_` chain joined it),
/// a 1-based line and a 1-based column. Columns count Unicode scalars, as libyaml does.
public struct SourceLocation: Sendable, Hashable, CustomStringConvertible {
    /// The file's path, relative or absolute as it was given; never rewritten to an absolute path.
    public var file: String
    /// Line number, starting at 1.
    public var line: Int
    /// Column number, starting at 1, counted in Unicode scalars.
    public var column: Int

    /// Creates a location.
    public init(file: String, line: Int, column: Int) {
        self.file = file
        self.line = line
        self.column = column
    }

    /// `file:line:column`, the form compilers and editors use.
    public var description: String { "\(file):\(line):\(column)" }
}
