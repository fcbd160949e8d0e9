/// A model that steps its own optimizers in `train_step` (mmedit and mmgen models, MMCV's
/// `optimizer_config: None`; MMEngine's models that drive an `OptimWrapperDict`): which optimizer of the
/// model a simulated run follows, and at which iterations the model steps it. Both runners of a proof get the
/// same value: it describes the one simulated model, not either library.
///
/// The model steps the optimizer `times` times at every 0-based iteration `i` with `i >= start` and
/// `(i - offset) % every == 0` (mmedit's SRGAN family: the generator at `step_counter % disc_steps == 0` and
/// `step_counter >= disc_init_steps`; mmgen's static GANs: the generator at `(iter + 1) % disc_steps == 0`,
/// i.e. offset `disc_steps - 1`; BigGAN: the discriminator `disc_steps` times per iteration). The values of a
/// step are the optimizer's lr and momentum when `train_step` runs: after `before_train_iter` in MMCV, before
/// `ParamSchedulerHook.after_train_iter` in MMEngine. Traces report it right after the `after_train_iter`
/// call, on both sides.
public struct ModelStepping: Sendable, Hashable {
    /// The optimizer's name in the dict of optimizers; `nil` for the model's one optimizer.
    public var optimizer: String?
    /// The period of the stepping iterations (≥ 1).
    public var every: Int
    /// The first stepping iteration modulo `every`.
    public var offset: Int
    /// No step before this iteration.
    public var start: Int
    /// Steps per stepping iteration (≥ 0).
    public var times: Int

    /// Creates a pattern: by default one step at every iteration.
    public init(optimizer: String? = nil, every: Int = 1, offset: Int = 0, start: Int = 0, times: Int = 1) {
        self.optimizer = optimizer
        self.every = Swift.max(1, every)
        self.offset = offset
        self.start = start
        self.times = Swift.max(0, times)
    }

    /// The steps of an optimizer that accumulates gradients over `window` iterations (MMCV's
    /// `GradientCumulativeOptimizerHook` `cumulative_iters`, MMEngine's `accumulative_counts`): one step at
    /// every iteration `i` with `(i + 1) % window == 0`. (Both libraries also step at the run's last
    /// iteration, which is never inside a quiet span.) Quiet spans carry it in their template like a model's
    /// pattern, so an accumulating optimizer's iterations are compared in bulk, not one window at a time.
    static func accumulating(window: Int) -> ModelStepping {
        ModelStepping(every: window, offset: window - 1)
    }

    /// One step at every iteration.
    public var isEveryIteration: Bool { every == 1 && times == 1 && start <= 0 }

    /// How many steps the model takes at iteration `iter`.
    public func steps(at iter: Int) -> Int {
        guard times > 0, iter >= start else { return 0 }
        let (shifted, overflow) = iter.subtractingReportingOverflow(offset)
        guard !overflow else { return 0 }
        let remainder = shifted % every
        return remainder == 0 ? times : 0
    }

    /// The iterations from `iter` on (at least 0) before the next iteration whose steps differ from a quiet
    /// iteration's: for one step at every iteration, until `start`; otherwise until the next stepping
    /// iteration. `nil` when there is no plain count.
    func quietIterations(from iter: Int) -> Int? {
        guard times > 0 else { return Int.max }
        if every == 1 && times == 1 { return iter >= start ? Int.max : QuietBound.until(start, from: iter) }
        let first = Swift.max(iter, start)
        guard let lead = QuietBound.until(first, from: iter) else { return nil }
        let (shifted, overflow) = first.subtractingReportingOverflow(offset)
        guard !overflow, let d = QuietBound.untilMultiple(of: every, from: shifted) else { return nil }
        let (total, totalOverflow) = lead.addingReportingOverflow(d)
        return totalOverflow ? nil : total
    }

    /// Whether quiet spans from iteration `iter` on may carry this pattern in their template (`QuietIteration`)
    /// instead of ending at each stepping iteration: the pattern is in force (`iter >= start`), it is not one
    /// step at every iteration, and its numbers are small enough for `steps(from:count:)` never to overflow.
    func isPeriodic(from iter: Int) -> Bool {
        let bound = 1 << 40
        return times > 0 && times < 1 << 20 && !(every == 1 && times == 1) && iter >= start
            && every < bound && offset.magnitude < UInt(bound)
    }

    /// How many steps the model takes in iterations `iter ..< iter + count` (`count >= 0`, iterations within
    /// ±2⁴⁰, the pattern `isPeriodic`).
    func steps(from iter: Int, count: Int) -> Int {
        let low = Swift.max(iter, start)
        let high = iter + count
        guard times > 0, low < high else { return 0 }
        // Iterations j < x with (j - offset) % every == 0, counted from a fixed origin (floor division).
        func below(_ x: Int) -> Int {
            let shifted = x - 1 - offset
            return shifted >= 0 ? shifted / every : -((-shifted + every - 1) / every)
        }
        return (below(high) - below(low)) * times
    }
}
