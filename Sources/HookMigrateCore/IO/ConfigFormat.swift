/// The file formats hookmigrate reads and writes.
public enum ConfigFormat: String, Sendable, Equatable, CaseIterable {
    case yaml
    case json
    /// A Python config module (`.py`): read as MMCV 1.7.2's `Config.fromfile` evaluates it, without running
    /// Python; written in MMEngine's `dict(...)` style.
    case py

    /// The format a path's extension names: `.yaml`/`.yml`, `.json` or `.py` (any letter case); `nil` for
    /// anything else.
    public init?(path: String) {
        let lowered = path.lowercased()
        if lowered.hasSuffix(".yaml") || lowered.hasSuffix(".yml") {
            self = .yaml
        } else if lowered.hasSuffix(".json") {
            self = .json
        } else if lowered.hasSuffix(".py") {
            self = .py
        } else {
            return nil
        }
    }

    /// Reads text in this format.
    public func read(_ source: SourceText, limits: ReadLimits = .default) throws -> ConfigNode {
        switch self {
        case .yaml: return try YAMLReader(limits: limits).read(source)
        case .json: return try JSONReader(limits: limits).read(source)
        case .py: return try PythonConfigReader(limits: limits).read(source)
        }
    }

    /// Writes a config in this format (pretty JSON for `.json`).
    public func write(_ node: ConfigNode) throws -> String {
        switch self {
        case .yaml: return try YAMLWriter().write(node)
        case .json: return try JSONWriter().write(node)
        case .py: return try PythonWriter().write(node)
        }
    }
}
