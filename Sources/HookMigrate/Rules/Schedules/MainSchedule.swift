import HookMigrateCore

/// When a scheduler first changes the value, or when a restart happens: an epoch (epoch-stepped scheduler, the
/// change reaches iteration e·L) or an iteration.
enum SchedulePoint: Equatable {
    case epoch(Int)
    case iteration(Int)
}

/// What an updater hook's policy became: its schedulers and the record that describes them.
struct MainSchedule {
    /// The id of the record that describes the schedule.
    var id: RecordID
    var nodes: [ConfigNode] = []
    var placement: SchedulePlan.Placement = .afterWarmup
    var kind: MigrationRecord.Kind = .change
    var message: String
    var deviation: String?
    /// A second record that follows the main one (OneCycle momentum: the optimizer momentum to set by hand).
    var followUp: SchedulePlan.Record?

    // What the lr rule needs to compose the policy with its warmup (schedules.md C.3).

    /// Whether the chained update is affine (a non-zero floor): it does not commute with a warmup.
    var affine = false
    /// The first step at which the scheduler changes the lr (nil: never).
    var firstChange: SchedulePoint?
    /// CosineRestart's restarts after the start.
    var restarts: [SchedulePoint] = []
    /// OneCycle and cyclic: MMCV's warmup × absolute schedule has no counterpart.
    var noCounterpartWithWarmup = false
    /// The measured deviation of this policy family when its affine steps overlap a warmup.
    var overlapDeviation = ""
}
