/// A sequence: a Python list, or a tuple (`!!python/tuple` in MMCV's YAML dumps).
public struct ConfigList: Sendable, Equatable {
    /// Which Python type the sequence was.
    public enum Style: String, Sendable, Equatable {
        case list
        case tuple
    }

    /// The items in order.
    public var items: [ConfigNode]
    /// List or tuple. JSON has no tuples: a JSON reader always gives `.list`.
    public var style: Style

    /// Creates a sequence.
    public init(_ items: [ConfigNode] = [], style: Style = .list) {
        self.items = items
        self.style = style
    }

    /// The number of items.
    public var count: Int { items.count }
}
