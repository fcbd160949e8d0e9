/// mmedit 0.16.1's `ReduceLrUpdaterHook` (`mmedit/core/scheduler/lr_updater.py`), reduce-on-plateau. Its
/// `get_lr` returns the regular lr unchanged until `num_bad_epochs > patience`, and `num_bad_epochs` moves
/// only in four hooks:
///
/// - `after_train_epoch` (by epoch) and `after_train_iter` (by iteration), with `val_metric=None` only: the
///   training loss;
/// - `after_val_epoch`, unless by iteration with `epoch_base_valid` false: the validation metric;
/// - `after_val_iter`, by iteration with `epoch_base_valid` false only: the validation metric.
///
/// MMCV 1.7.2's `IterBasedRunner` calls neither `after_train_epoch` nor `after_val_epoch` (only
/// `before_epoch`/`after_epoch` around the whole run, which the hook does not override), and mmedit's
/// `EvalIterHook` evaluates inside `after_train_iter` without calling them. So under an IterBasedRunner, by
/// iteration, with `val_metric` set and `epoch_base_valid=True` (mmedit's CAIN and FLAVR configs), no
/// hook ever moves `num_bad_epochs`: the lr is the base lr for the whole run, as with `Fixed` (a warmup
/// applies as for any policy). That is the case the simulator models; the others depend on losses and
/// metrics, and it refuses them (`simulationRefusal`).
public struct LegacyReduce: Sendable, Hashable {
    /// `val_metric` (default `None`: the training loss).
    public var valMetric: String?
    /// `epoch_base_valid` (default `None`: follows `by_epoch`).
    public var epochBaseValid: Bool?

    /// The keyword arguments the class takes beyond `LrUpdaterHook`'s.
    static let keys: Set<String> = ["val_metric", "mode", "factor", "patience", "threshold", "threshold_mode", "cooldown", "min_lr",
                                    "eps", "verbose", "epoch_base_valid"]

    /// The constructor's checks, in its order.
    static func parse(_ args: ScheduleArguments, owner: String) throws -> LegacyReduce {
        let mode = try args.string("mode", default: "min")
        guard mode == "min" || mode == "max" else {
            throw args.invalid("mode", "mode must be one of \"min\" or \"max\", instead got \(mode) (\(owner) raises ValueError)")
        }
        let factor = try args.double("factor", default: 0.1)
        guard factor < 1, factor >= 0 else {
            throw args.invalid("factor", "Factor should be < 1.0 and >=0, got \(LegacyLrPolicy.pythonNumber(factor)) (\(owner) raises ValueError)")
        }
        let thresholdMode = try args.string("threshold_mode", default: "rel")
        guard thresholdMode == "rel" || thresholdMode == "abs" else {
            throw args.invalid("threshold_mode", "thresh_mode must be one of \"rel\" or \"abs\", instead got \(thresholdMode) (\(owner) raises ValueError)")
        }
        let epochBaseValid = try args.node("epoch_base_valid").map { try $0.bool(args.path.appending("epoch_base_valid")) }
        return LegacyReduce(valMetric: try args.optionalString("val_metric"), epochBaseValid: epochBaseValid)
    }

    /// Why the simulator cannot run this hook in a run of that kind (`nil`: it never reduces the lr there).
    public func simulationRefusal(iterBasedRunner: Bool, byEpoch: Bool) -> String? {
        if iterBasedRunner, !byEpoch, valMetric != nil, epochBaseValid == true { return nil }
        return "ReduceLrUpdaterHook (mmedit) reduces the lr on a plateau of "
            + (valMetric == nil ? "the training loss" : "the validation metric `\(valMetric ?? "")`")
            + " in this run, which depends on the model's real losses and metrics; only an IterBasedRunner run by iteration with val_metric set and epoch_base_valid=True (where no hook it uses is ever called, so the lr never changes) is simulated"
    }
}
