import Dispatch

/// Where a tree migration spent its time, for `hookmigrate-bench tree`: the wall time of each phase, and
/// within the conversion phase the time the workers spent (summed over them) loading, translating and
/// proving.
public struct TreePhaseTimes: Sendable {
    /// Finding the config files.
    public var scan = 0.0
    /// Loading, converting and proving every file, on every core (wall time).
    public var convert = 0.0
    /// Summed over the workers: reading and resolving files.
    public var load = 0.0
    /// Summed over the workers: translating.
    public var translate = 0.0
    /// Summed over the workers: proving.
    public var prove = 0.0
    /// Factoring each inheriting file into its bases and overrides.
    public var factor = 0.0
    /// Rendering the texts.
    public var render = 0.0
    /// Reading every written text back and comparing it with its target.
    public var check = 0.0

    /// Seconds since `start` (a `DispatchTime.now().uptimeNanoseconds`).
    static func since(_ start: UInt64) -> Double {
        Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9
    }
}
