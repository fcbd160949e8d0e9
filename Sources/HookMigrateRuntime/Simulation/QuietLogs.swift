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

    /// The steps the records are due at.
    var grid: QuietGrid { QuietGrid(interval: interval, position: position) }

    /// Whether a record is due at the span's `d`-th iteration.
    func due(_ d: Int) -> Bool { grid.due(d) }

    /// The step of a record at the span's `d`-th iteration.
    func step(_ d: Int) -> Int { grid.step(d) }

    /// The first due iteration of the span (offset), if any within `count`.
    func firstDue(within count: Int) -> Int? { grid.firstDue(within: count) }

    /// How many of the span's first `count` iterations have a record.
    func dueCount(within count: Int) -> Int { grid.dueCount(within: count) }

    /// The last due iteration among the span's first `count` (offset), if any.
    func lastDue(within count: Int) -> Int? { grid.lastDue(within: count) }
}
