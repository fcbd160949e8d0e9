/// The regular checkpoint saves of a quiet span, when the run's one by-iteration checkpoint hook keeps every
/// file (no `max_keep_ckpts`, so no removal and no retention state) and names each save by its step: at the
/// span's `d`-th iteration a save is due when its step is on the hook's grid, and writes the file
/// `fileName(d)` names. MMCV's and MMEngine's hooks save alike there (the grid from step 0, MMEngine's from
/// `save_begin` once the run is past it), so a span can take both runs' saves in bulk
/// (docs/equivalence.md, "How the proof scales").
struct QuietCheckpoints: Sendable, Equatable {
    /// The save steps, seen from the span: `grid.position` is the span's first iteration less the grid's
    /// offset (MMEngine's `save_begin` modulo the interval; 0 for MMCV).
    var grid: QuietGrid
    /// The steps' offset from the multiples of the interval (the grid holds `offset + k · interval`).
    var offset: Int
    /// `filename_tmpl`; `nil`: `epoch_{}.pth` when `epochs`, else `iter_{}.pth`.
    var template: String?
    /// Whether the default name is the by-epoch one.
    var epochs: Bool
    /// Whether the saved state holds EMA weights (the save events carry `[1]`).
    var holdsEMA: Bool

    /// The saves of a hook with `interval` and grid offset `offset`, for a span starting at 0-based iteration
    /// `iter`; `nil` when the span starts before the grid's first step it can count from.
    init?(interval: Int, offset: Int, iter: Int, template: String?, epochs: Bool, holdsEMA: Bool) {
        guard interval > 0, offset >= 0, offset < interval, iter >= offset else { return nil }
        grid = QuietGrid(interval: interval, position: iter - offset)
        self.offset = offset
        self.template = template
        self.epochs = epochs
        self.holdsEMA = holdsEMA
    }

    /// The step of a save at the span's `d`-th iteration.
    func step(_ d: Int) -> Int { grid.step(d) + offset }

    /// The file a save at the span's `d`-th iteration writes.
    func fileName(_ d: Int) -> String { LegacyCheckpointHook.fileName(template, epochs: epochs, step: step(d)) }

    /// The values the save events carry.
    var values: TraceValues { holdsEMA ? TraceValues(1) : TraceValues() }
}
