/// The file formats hookmigrate reads and writes.
public enum ConfigFormat: String, Sendable, Equatable, CaseIterable {
    case yaml
    case json

    /// The format a path's extension names: `.yaml`/`.yml` or `.json`; `nil` for anything else.
    public init?(path: String) {
        let lowered = path.lowercased()
        if lowered.hasSuffix(".yaml") || lowered.hasSuffix(".yml") {
            self = .yaml
        } else if lowered.hasSuffix(".json") {
            self = .json
        } else {
            return nil
        }
    }

    /// Reads text in this format.
    public func read(_ source: SourceText, limits: ReadLimits = .default) throws -> ConfigNode {
        switch self {
        case .yaml: return try YAMLReader(limits: limits).read(source)
        case .json: return try JSONReader(limits: limits).read(source)
        }
    }

    /// Writes a config in this format (pretty JSON for `.json`).
    public func write(_ node: ConfigNode) throws -> String {
        switch self {
        case .yaml: return try YAMLWriter().write(node)
        case .json: return try JSONWriter().write(node)
        }
    }
}
