/// Writes a config as an MMEngine-style Python module. Work in progress: refuses until the writer lands.
public struct PythonWriter: Sendable {
    /// Creates a writer.
    public init() {}

    /// The module text.
    public func write(_ node: ConfigNode) throws -> String {
        throw ConfigError(.writeFailed, "writing Python configs is not supported yet; use --format yaml or json")
    }
}
