/// Reads a Python config module (`.py`) as MMCV 1.7.2's `Config.fromfile` evaluates it, without running
/// Python. Work in progress: until the evaluator lands, every `.py` file is refused with a located error.
public struct PythonConfigReader: Sendable {
    /// Bounds on the file.
    public var limits: ReadLimits

    /// Creates a reader.
    public init(limits: ReadLimits = .default) {
        self.limits = limits
    }

    /// The module's namespace as a mapping (names starting with `__` left out).
    public func read(_ source: SourceText) throws -> ConfigNode {
        throw ConfigError(.unsupportedFormat,
                          "cannot read \(source.path): Python configs are not read yet; dump it to YAML or JSON with MMCV first",
                          at: SourceLocation(file: source.path, line: 1, column: 1))
    }
}
