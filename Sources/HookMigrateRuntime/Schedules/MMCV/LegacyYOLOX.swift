/// mmdet 2.28.2's `YOLOXLrUpdaterHook` (`mmdet/core/hook/yolox_lrupdater_hook.py`), a subclass of MMCV's
/// `CosineAnnealingLrUpdaterHook` (so it takes `min_lr` / `min_lr_ratio`) with its own `get_lr` and
/// `get_warmup_lr`:
///
/// ```
/// get_lr:   last_iter = len(runner.data_loader) * num_last_epochs
///           progress = (runner.epoch if by_epoch else runner.iter) + 1;  P = max_epochs | max_iters
///           target_lr = base_lr * min_lr_ratio | min_lr
///           if progress >= P - last_iter: return target_lr
///           return annealing_cos(base_lr, target_lr, (progress - warmup_iters) / (P - warmup_iters - last_iter))
/// get_warmup_lr(cur_iters): k = warmup_ratio * pow((cur_iters + 1) / float(warmup_iters), 2)
///           return [_lr * k for _lr in self.base_lr]        # the base lr, not the regular lr
/// ```
///
/// MMCV's `LrUpdaterHook` still decides when the warmup applies and validates `warmup` (any of its kinds;
/// YOLOX's quadratic replaces them all). Registered only where mmdet (or mmtrack, which imports it) is imported.
public struct LegacyYOLOX: Sendable, Hashable {
    /// `num_last_epochs`.
    public var numLastEpochs: Double
    /// `min_lr` / `min_lr_ratio`.
    public var target: LegacyTarget

    /// `get_lr` at progress `p` (epoch or iteration, before the `+ 1`), with the dataloader length and the
    /// warmup length as the hook holds them then.
    public func value(base: Double, progress p: Int, maxProgress total: Double, itersPerEpoch: Int, warmupIters: Double) throws -> Double {
        let lastIter = Double(itersPerEpoch) * numLastEpochs
        let progress = Double(p) + 1
        let targetLr = target.value(base: base)
        if progress >= total - lastIter { return targetLr }
        return LegacyAnneal.cosine(base, targetLr, try PyFloat.div(progress - warmupIters, total - warmupIters - lastIter))
    }

    /// `get_warmup_lr` for one group: `base * (ratio * ((k + 1) / W) ** 2)`.
    public static func warmupLr(base: Double, ratio: Double, iteration k: Int, length: Double) throws -> Double {
        base * (ratio * (try PyFloat.pow(try PyFloat.div(Double(k) + 1, length), 2)))
    }

    /// The keyword arguments the class takes beyond `LrUpdaterHook`'s.
    static let keys: Set<String> = ["num_last_epochs", "min_lr", "min_lr_ratio"]

    /// The constructor: `num_last_epochs` required, then CosineAnnealing's exactly-one-of assertion.
    static func parse(_ args: ScheduleArguments, owner: String) throws -> LegacyYOLOX {
        let last = try args.requiredDouble("num_last_epochs", for: owner)
        return LegacyYOLOX(numLastEpochs: last, target: try LegacyTarget.parse(args, absoluteKey: "min_lr", ratioKey: "min_lr_ratio", owner: owner))
    }
}
