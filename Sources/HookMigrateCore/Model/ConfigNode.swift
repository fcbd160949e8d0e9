/// One value of a config with the place it was read from.
///
/// Equality compares values only: two nodes read from different files are equal when they hold the same
/// data (keys in the same order, the same scalar types, lists and tuples told apart). Locations are
/// carried for messages and reports, never compared.
public struct ConfigNode: Sendable, Equatable, CustomStringConvertible {
    /// The value.
    public var value: ConfigValue
    /// Where the value starts in its file; `nil` for values that hookmigrate made.
    public var location: SourceLocation?

    /// Creates a node.
    public init(_ value: ConfigValue, at location: SourceLocation? = nil) {
        self.value = value
        self.location = location
    }

    /// A scalar node.
    public init(_ scalar: ConfigScalar, at location: SourceLocation? = nil) {
        self.init(.scalar(scalar), at: location)
    }

    /// A mapping node.
    public init(_ mapping: ConfigMapping, at location: SourceLocation? = nil) {
        self.init(.mapping(mapping), at: location)
    }

    /// A list node.
    public init(_ list: ConfigList, at location: SourceLocation? = nil) {
        self.init(.list(list), at: location)
    }

    public static func == (lhs: ConfigNode, rhs: ConfigNode) -> Bool { lhs.value == rhs.value }

    /// The mapping, when this is a mapping.
    public var mapping: ConfigMapping? {
        if case .mapping(let mapping) = value { return mapping }
        return nil
    }

    /// The list or tuple, when this is one.
    public var list: ConfigList? {
        if case .list(let list) = value { return list }
        return nil
    }

    /// The scalar, when this is a scalar.
    public var scalar: ConfigScalar? {
        if case .scalar(let scalar) = value { return scalar }
        return nil
    }

    /// The type's name with its article, for messages: "a mapping", "a list", "an int" …
    public var typeDescription: String { value.typeDescription }

    /// Python truthiness: empty collections and false-like scalars are false.
    public var isTruthy: Bool {
        switch value {
        case .scalar(let scalar): return scalar.isTruthy
        case .list(let list): return !list.items.isEmpty
        case .mapping(let mapping): return !mapping.isEmpty
        }
    }

    /// A compact Python-like rendering, for messages and debugging.
    public var description: String { value.description }
}

/// The three shapes a config value takes.
public enum ConfigValue: Sendable, Equatable, CustomStringConvertible {
    case scalar(ConfigScalar)
    case list(ConfigList)
    case mapping(ConfigMapping)

    /// The type's name with its article, for messages.
    public var typeDescription: String {
        switch self {
        case .scalar(let scalar): return scalar.typeDescription
        case .list(let list): return list.style == .tuple ? "a tuple" : "a list"
        case .mapping: return "a mapping"
        }
    }

    public var description: String {
        switch self {
        case .scalar(let scalar): return scalar.description
        case .list(let list):
            let inner = list.items.map(\.description).joined(separator: ", ")
            return list.style == .tuple ? "(\(inner)\(list.items.count == 1 ? "," : ""))" : "[\(inner)]"
        case .mapping(let mapping):
            let inner = mapping.entries.map { "\($0.key): \($0.value.description)" }.joined(separator: ", ")
            return "{\(inner)}"
        }
    }
}
