/// What a trace event records.
public enum TraceEventKind: UInt8, Sendable, CaseIterable, Hashable, CustomStringConvertible {
    /// A mount point was dispatched.
    case call
    /// The optimizer stepped; carries every group's lr and momentum.
    case optimStep
    /// A regular checkpoint file was written (or rewritten).
    case checkpointSave
    /// A checkpoint file was deleted by retention.
    case checkpointRemove
    /// A best checkpoint was written; carries the score.
    case bestSave
    /// A previous best checkpoint was deleted.
    case bestRemove
    /// An evaluation produced one metric; carries its value.
    case evaluation
    /// A log record was emitted (`train` or `val`).
    case log
    /// The EMA weights were updated; carries the momentum used.
    case emaUpdate
    /// Model and EMA weights were swapped.
    case emaSwap
    /// The CUDA cache was emptied.
    case cacheEmpty
    /// Model buffers were synchronised.
    case buffersSync
    /// The sampler's epoch was set.
    case samplerEpoch

    /// The snake_case name used in trace files.
    public var name: String { Self.names[Int(rawValue)] }

    public var description: String { name }

    static let names = ["call", "optim_step", "checkpoint_save", "checkpoint_remove", "best_save", "best_remove",
                        "evaluation", "log", "ema_update", "ema_swap", "cache_empty", "buffers_sync", "sampler_epoch"]

    /// The kind with a snake_case name.
    public init?(name: String) {
        guard let index = Self.names.firstIndex(of: name), let kind = TraceEventKind(rawValue: UInt8(index)) else { return nil }
        self = kind
    }
}

/// One event: a small fixed-size value. Text and numbers live in the owning `Trace`'s pools, so a run of a
/// million iterations allocates nothing per event.
public struct TraceEvent: Sendable, Hashable {
    /// What happened.
    public var kind: TraceEventKind
    /// The mount point it happened at.
    public var point: MountPoint
    /// The runner's epoch counter at that moment (0-based, as the runner keeps it).
    public var epoch: Int32
    /// The runner's iteration counter (0-based).
    public var iter: Int32
    /// The batch index (MMCV `inner_iter`, MMEngine `batch_idx`).
    public var batch: Int32
    /// A 1-based step number for checkpoints, evaluations, logs and EMA updates; the group count for
    /// optimizer steps; 0 otherwise.
    public var step: Int32
    /// Index of the event's text in the trace's string pool (file name, metric key, log mode); -1 for none.
    public var text: Int32
    /// First index of the event's numbers in the trace's value pool.
    public var valueStart: Int32
    /// How many numbers.
    public var valueCount: Int32

    /// Creates an event.
    public init(kind: TraceEventKind, point: MountPoint, epoch: Int32, iter: Int32, batch: Int32, step: Int32 = 0,
                text: Int32 = -1, valueStart: Int32 = 0, valueCount: Int32 = 0) {
        self.kind = kind
        self.point = point
        self.epoch = epoch
        self.iter = iter
        self.batch = batch
        self.step = step
        self.text = text
        self.valueStart = valueStart
        self.valueCount = valueCount
    }
}
