/// A path into a config, printed the way users write it: `lr_config.step[1]`, `custom_hooks[0].type`.
public struct ConfigPath: Sendable, Hashable, CustomStringConvertible, ExpressibleByStringLiteral {
    /// One step of a path.
    public enum Component: Sendable, Hashable {
        case key(String)
        case index(Int)
    }

    /// The steps from the root.
    public var components: [Component]

    /// The root.
    public static let root = ConfigPath(components: [])

    /// Creates a path from steps.
    public init(components: [Component]) {
        self.components = components
    }

    /// Parses `a.b[2].c`. Keys are split at dots; `[n]` is an index.
    public init(_ text: String) {
        // One key, the common case (`"runner"`, `"interval"`): no dot and no bracket, so the split below
        // would give the text itself as the one key (or nothing for an empty text).
        if !text.utf8.contains(where: { $0 == UInt8(ascii: ".") || $0 == UInt8(ascii: "[") }) {
            components = text.isEmpty ? [] : [.key(text)]
            return
        }
        var components: [Component] = []
        for part in text.utf8.split(separator: UInt8(ascii: "."), omittingEmptySubsequences: true).map({ Substring($0) }) {
            var rest = Substring(part)
            if let bracket = rest.firstIndex(of: "[") {
                let key = rest[..<bracket]
                if !key.isEmpty { components.append(.key(String(key))) }
                rest = rest[bracket...]
                while rest.hasPrefix("["), let close = rest.firstIndex(of: "]") {
                    let number = rest[rest.index(after: rest.startIndex)..<close]
                    if let index = Int(number) { components.append(.index(index)) }
                    rest = rest[rest.index(after: close)...]
                }
            } else {
                components.append(.key(String(rest)))
            }
        }
        self.components = components
    }

    public init(stringLiteral value: String) { self.init(value) }

    /// This path with a key appended.
    public func appending(_ key: String) -> ConfigPath {
        ConfigPath(components: components + [.key(key)])
    }

    /// This path with an index appended.
    public func appending(index: Int) -> ConfigPath {
        ConfigPath(components: components + [.index(index)])
    }

    /// This path with a mapping key of any scalar type appended (non-string keys print as Python does).
    public func appending(key: ConfigScalar) -> ConfigPath {
        if case .string(let text) = key { return appending(text) }
        return appending(key.description)
    }

    public var description: String {
        var text = ""
        for component in components {
            switch component {
            case .key(let key):
                if !text.isEmpty { text += "." }
                text += key
            case .index(let index):
                text += "[\(index)]"
            }
        }
        return text.isEmpty ? "<root>" : text
    }
}
