extension CheckpointConfigRule {
    /// The records the `checkpoint_config` rule writes, one case per kind of record (id `checkpoint_config/<raw value>`).
    /// A case's documentation is its `summary` and `kinds`, printed in docs/records.md.
    public enum Records: String, RecordCode {
        case customHookKept = "custom-hook-kept"
        case unknownSaveArgument = "unknown-save-argument"
        case fileClientArgsKept = "file-client-args-kept"
        case createSymlinkDropped = "create-symlink-dropped"
        case syncBufferDropped = "sync-buffer-dropped"
        case syncBufferDefaultDropped = "sync-buffer-default-dropped"
        case metaDropped = "meta-dropped"
        case byEpochFalseWritten = "by-epoch-false-written"
        case byEpochUnderIterRunner = "by-epoch-under-iter-runner"
        case byIterationUnderEpochRunner = "by-iteration-under-epoch-runner"
        case maxKeepWithZeroInterval = "max-keep-with-zero-interval"
        case maxKeepOffGrid = "max-keep-off-grid"
        case converted = "converted"
        case noCheckpointHook = "no-checkpoint-hook"
        case bestOnly = "best-only"
        case conflictsWithEvaluation = "conflicts-with-evaluation"

        public static var rule: String { CheckpointConfigRule.id }

        public var summary: String {
            switch self {
            case .customHookKept: "A checkpoint hook type other than CheckpointHook is kept under default_hooks.checkpoint; it must exist in MMEngine's registry."
            case .unknownSaveArgument: "An argument MMCV passed on to runner.save_checkpoint, which has no such argument (TypeError at the first save): dropped."
            case .fileClientArgsKept: "file_client_args is kept: MMEngine's CheckpointHook still reads it but deprecates it for backend_args."
            case .createSymlinkDropped: "create_symlink is dropped: MMEngine records the newest checkpoint in work_dir/last_checkpoint (R5)."
            case .syncBufferDropped: "sync_buffer=True is dropped: MMEngine's CheckpointHook has no such argument; buffers are no longer all-reduced before a save."
            case .syncBufferDefaultDropped: "sync_buffer=False (MMCV's default), which MMEngine's CheckpointHook does not take, is dropped."
            case .metaDropped: "meta is dropped: MMEngine's CheckpointHook passes its own meta, so these values are no longer stored in checkpoints."
            case .byEpochFalseWritten: "by_epoch=False is written explicitly for an IterBasedRunner (MMEngine's default True would save differently; E1)."
            case .byEpochUnderIterRunner: "by_epoch=True under an IterBasedRunner saved nothing in MMCV; the hook is written so that it saves nothing either."
            case .byIterationUnderEpochRunner: "by_epoch=False under an EpochBasedRunner: the same save steps, but MMCV's file names differ from MMEngine's."
            case .maxKeepWithZeroInterval: "max_keep_ckpts with interval=0, which crashed MMCV at the last save: dropped."
            case .maxKeepOffGrid: "max_keep_ckpts: MMCV deleted only on-grid files, MMEngine keeps the last saves whatever their step."
            case .converted: "checkpoint_config becomes MMEngine's CheckpointHook with the same save steps."
            case .noCheckpointHook: "checkpoint_config registers no hook: default_hooks.checkpoint=None keeps MMEngine from adding its default one."
            case .bestOnly: "No regular checkpoints but evaluation's best ones: the CheckpointHook saves only the best checkpoints."
            case .conflictsWithEvaluation: "checkpoint_config and evaluation both set an argument MMEngine's single CheckpointHook takes once."
            }
        }

        public var kinds: [MigrationRecord.Kind] {
            switch self {
            case .customHookKept, .fileClientArgsKept, .syncBufferDropped, .metaDropped, .byEpochUnderIterRunner,
                 .maxKeepOffGrid, .conflictsWithEvaluation: [.warning]
            case .unknownSaveArgument, .maxKeepWithZeroInterval: [.manualStep]
            case .createSymlinkDropped, .syncBufferDefaultDropped, .byEpochFalseWritten, .converted,
                 .noCheckpointHook, .bestOnly: [.change]
            case .byIterationUnderEpochRunner: [.nonEquivalence]
            }
        }
    }
}
