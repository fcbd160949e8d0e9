/// The train log records of a quiet span, when the loggers record every `interval` iterations and nothing
/// else (no record left pending, no last-batch record): at the span's `d`-th iteration a record is due when
/// `(position + d + 1) % interval == 0`, with step `position + d + 1` (`position` is the batch index or the
/// iteration the span starts at, as the loggers count). MMCV writes `copies` records then (one per logger
/// hook; R9 counts the repeats), MMEngine one.
struct QuietLogs: Sendable, Equatable {
    /// The logger interval (> 0).
    var interval: Int
    /// The loggers' counter at the span's first iteration.
    var position: Int
    /// Records per due iteration.
    var copies: Int

    /// Whether a record is due at the span's `d`-th iteration.
    func due(_ d: Int) -> Bool { (position + d + 1) % interval == 0 }

    /// The step of a record at the span's `d`-th iteration.
    func step(_ d: Int) -> Int { position + d + 1 }

    /// The first due iteration of the span (offset), if any within `count`.
    func firstDue(within count: Int) -> Int? {
        let first = (interval - (position + 1) % interval) % interval
        return first < count ? first : nil
    }

    /// How many of the span's first `count` iterations have a record.
    func dueCount(within count: Int) -> Int {
        guard count > 0 else { return 0 }
        // Multiples of `interval` in [position + 1, position + count].
        return (position + count) / interval - position / interval
    }

    /// The last due iteration among the span's first `count` (offset), if any.
    func lastDue(within count: Int) -> Int? {
        guard count > 0 else { return nil }
        let end = position + count
        let last = end - end % interval
        return last >= position + 1 ? last - position - 1 : nil
    }
}
