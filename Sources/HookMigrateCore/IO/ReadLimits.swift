/// Bounds that keep a hostile or broken file from exhausting memory or stack: past one, reading stops
/// with a located error instead.
public struct ReadLimits: Sendable, Equatable {
    /// Largest file read, in bytes.
    public var maxFileBytes: Int
    /// Deepest nesting of mappings and lists (the top-level mapping is level 1).
    public var maxDepth: Int
    /// Most nodes a document may expand to, counting every use of a YAML alias anew (an "alias bomb"
    /// of a few lines would otherwise expand to billions of nodes).
    public var maxNodes: Int
    /// Longest list a `!!python/object/apply:builtins.range` may expand to.
    public var maxRangeLength: Int
    /// Longest `_base_` chain: the entry file is level 0, its bases level 1, theirs level 2 …
    public var maxBaseDepth: Int

    /// Creates limits.
    public init(maxFileBytes: Int, maxDepth: Int, maxNodes: Int, maxRangeLength: Int, maxBaseDepth: Int = 64) {
        self.maxFileBytes = maxFileBytes
        self.maxDepth = maxDepth
        self.maxNodes = maxNodes
        self.maxRangeLength = maxRangeLength
        self.maxBaseDepth = maxBaseDepth
    }

    /// 64 MiB, 1000 levels (libyaml's and CPython's own bound), 2 million nodes, ranges of 1 million,
    /// `_base_` chains of 64 files below the entry. The largest real config seen is 164 kB, 11 levels
    /// deep, with bases 3 levels deep.
    public static let `default` = ReadLimits(maxFileBytes: 64 << 20, maxDepth: 1000, maxNodes: 2_000_000,
                                             maxRangeLength: 1_000_000, maxBaseDepth: 64)
}
