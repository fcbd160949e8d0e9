/// Every MMEngine hook mount point (`mmengine/hooks/hook.py` `Hook.stages`). The MMCV adapter reports its
/// runs in this vocabulary too (docs/trace-format.md says how MMCV's points map).
public enum MountPoint: UInt8, Sendable, CaseIterable, Hashable, CustomStringConvertible {
    case beforeRun, afterRun
    case beforeTrain, afterTrain
    case beforeTrainEpoch, afterTrainEpoch
    case beforeTrainIter, afterTrainIter
    case beforeVal, afterVal
    case beforeValEpoch, afterValEpoch
    case beforeValIter, afterValIter
    case beforeTest, afterTest
    case beforeTestEpoch, afterTestEpoch
    case beforeTestIter, afterTestIter
    case beforeSaveCheckpoint
    case afterLoadCheckpoint

    /// The snake_case name hooks use (`after_train_iter`).
    public var name: String { Self.names[Int(rawValue)] }

    public var description: String { name }

    static let names = [
        "before_run", "after_run", "before_train", "after_train", "before_train_epoch", "after_train_epoch",
        "before_train_iter", "after_train_iter", "before_val", "after_val", "before_val_epoch", "after_val_epoch",
        "before_val_iter", "after_val_iter", "before_test", "after_test", "before_test_epoch", "after_test_epoch",
        "before_test_iter", "after_test_iter", "before_save_checkpoint", "after_load_checkpoint",
    ]

    /// The point with a snake_case name.
    public init?(name: String) {
        guard let index = Self.names.firstIndex(of: name), let point = MountPoint(rawValue: UInt8(index)) else { return nil }
        self = point
    }
}
