import HookMigrateCore

/// Read limits for fuzzing: small enough that one input cannot take long, large enough for real configs.
public enum FuzzLimits {
    /// 1 MiB files, 200 levels, 200,000 nodes, ranges of 10,000.
    public static var small: ReadLimits {
        var limits = ReadLimits.default
        limits.maxFileBytes = 1 << 20
        limits.maxDepth = 200
        limits.maxNodes = 200_000
        limits.maxRangeLength = 10_000
        return limits
    }
}
