import Foundation
import HookMigrateCore
import HookMigrateRuntime

/// Small drivers that call the schedule types at the runners' mount points, the way the real runners do
/// (schedules.md D): MMCV EpochBasedRunner / IterBasedRunner order for the legacy hooks, MMEngine's
/// ParamSchedulerHook order for the schedulers. Each records the groups as the optimizer step of every
/// iteration sees them.
enum ScheduleDriver {
    /// Parses a YAML snippet.
    static func yaml(_ text: String) throws -> ConfigNode {
        try ConfigFormat.yaml.read(SourceText(path: "test.yaml", text: text))
    }

    /// One SGD group per lr, momentum 0.9.
    static func sgd(_ lrs: [Double], momentum: Double = 0.9) -> [ParamGroup] {
        lrs.map { ParamGroup(lr: $0, momentum: momentum) }
    }

    /// MMCV EpochBasedRunner: `before_run`; per epoch `before_train_epoch`; per iteration
    /// `before_train_iter` (lr hook, then momentum hook), then the optimizer step (recorded).
    static func legacyEpochRun(lr: String?, momentum: String? = nil, groups start: [ParamGroup], epochs: Int, length: Int,
                               optimizerType: String? = nil) throws -> [[ParamGroup]] {
        var groups = start
        var lrHook = try lr.map { try LegacyLrUpdater(node: try yaml($0), iterBasedRunner: false, optimizerType: optimizerType) }
        var momentumHook = try momentum.map { try LegacyMomentumUpdater(node: try yaml($0), optimizerType: optimizerType) }
        let maxIters = epochs * length
        try lrHook?.beforeRun(maxIters: maxIters, groups: &groups)
        try momentumHook?.beforeRun(maxIters: maxIters, groups: &groups)
        var trace: [[ParamGroup]] = []
        var iter = 0
        for epoch in 0..<epochs {
            try lrHook?.beforeTrainEpoch(epoch: epoch, iter: iter, maxEpochs: epochs, maxIters: maxIters, itersPerEpoch: length, groups: &groups)
            try momentumHook?.beforeTrainEpoch(epoch: epoch, iter: iter, maxEpochs: epochs, maxIters: maxIters, itersPerEpoch: length, groups: &groups)
            for _ in 0..<length {
                try lrHook?.beforeTrainIter(epoch: epoch, iter: iter, maxEpochs: epochs, maxIters: maxIters, groups: &groups)
                try momentumHook?.beforeTrainIter(epoch: epoch, iter: iter, maxEpochs: epochs, maxIters: maxIters, groups: &groups)
                trace.append(groups)
                iter += 1
            }
        }
        return trace
    }

    /// MMCV IterBasedRunner: `before_run`, never `before_train_epoch`; the epoch lags one iteration at each
    /// boundary (A.9: 0 for k ≤ L, else (k - 1) // L).
    static func legacyIterRun(lr: String?, momentum: String? = nil, groups start: [ParamGroup], iters: Int, length: Int) throws -> [[ParamGroup]] {
        var groups = start
        var lrHook = try lr.map { try LegacyLrUpdater(node: try yaml($0), iterBasedRunner: true) }
        var momentumHook = try momentum.map { try LegacyMomentumUpdater(node: try yaml($0)) }
        try lrHook?.beforeRun(maxIters: iters, groups: &groups)
        try momentumHook?.beforeRun(maxIters: iters, groups: &groups)
        var trace: [[ParamGroup]] = []
        for iter in 0..<iters {
            let epoch = iter <= length ? 0 : (iter - 1) / length
            try lrHook?.beforeTrainIter(epoch: epoch, iter: iter, maxEpochs: nil, maxIters: iters, groups: &groups)
            try momentumHook?.beforeTrainIter(epoch: epoch, iter: iter, maxEpochs: nil, maxIters: iters, groups: &groups)
            trace.append(groups)
        }
        return trace
    }

    /// MMEngine EpochBasedTrainLoop: schedulers built as the Runner does; per iteration the optimizer step
    /// (recorded) then `stepIteration`; after each epoch `stepEpoch`.
    static func engineEpochRun(_ schedulers: String, groups start: [ParamGroup], epochs: Int, length: Int) throws -> [[ParamGroup]] {
        var groups = start
        var list = try ParamSchedulerBuilder(loop: .epochBased(maxEpochs: epochs), epochLength: length)
            .build(try yaml(schedulers), groups: &groups)
        var trace: [[ParamGroup]] = []
        for _ in 0..<epochs {
            for _ in 0..<length {
                trace.append(groups)
                try list.stepIteration(groups: &groups)
            }
            try list.stepEpoch(groups: &groups)
        }
        return trace
    }

    /// MMEngine IterBasedTrainLoop (`max_epochs = 1`): iteration steps only; the single epoch step comes
    /// after the last iteration.
    static func engineIterRun(_ schedulers: String, groups start: [ParamGroup], iters: Int, length: Int) throws -> [[ParamGroup]] {
        var groups = start
        var list = try ParamSchedulerBuilder(loop: .iterBased(maxIters: iters), epochLength: length)
            .build(try yaml(schedulers), groups: &groups)
        var trace: [[ParamGroup]] = []
        for _ in 0..<iters {
            trace.append(groups)
            try list.stepIteration(groups: &groups)
        }
        try list.stepEpoch(groups: &groups)
        return trace
    }

    /// The lr of group `group` at every step.
    static func lrs(_ trace: [[ParamGroup]], group: Int = 0) -> [Double] { trace.map { $0[group].lr } }

    /// The momentum (or beta1) of group `group` at every step.
    static func momenta(_ trace: [[ParamGroup]], group: Int = 0) -> [Double] { trace.map { $0[group].effectiveMomentum ?? .nan } }

    /// Max over steps and groups of |a - b| / |a| (`a` is the MMCV side), as schedules.md D defines it.
    static func maxRelative(_ a: [[ParamGroup]], _ b: [[ParamGroup]], momentum: Bool = false) -> Double {
        guard a.count == b.count else { return .infinity }
        var worst = 0.0
        for (stepA, stepB) in zip(a, b) {
            guard stepA.count == stepB.count else { return .infinity }
            for (ga, gb) in zip(stepA, stepB) {
                let x = momentum ? (ga.effectiveMomentum ?? .nan) : ga.lr
                let y = momentum ? (gb.effectiveMomentum ?? .nan) : gb.lr
                let difference = abs(x - y)
                let relative = x == 0 ? (difference == 0 ? 0 : .infinity) : difference / abs(x)
                worst = max(worst, relative)
            }
        }
        return worst
    }

    /// Max over steps and groups of |a - b|.
    static func maxAbsolute(_ a: [[ParamGroup]], _ b: [[ParamGroup]], momentum: Bool = false) -> Double {
        var worst = 0.0
        for (stepA, stepB) in zip(a, b) {
            for (ga, gb) in zip(stepA, stepB) {
                let x = momentum ? (ga.effectiveMomentum ?? .nan) : ga.lr
                let y = momentum ? (gb.effectiveMomentum ?? .nan) : gb.lr
                worst = max(worst, abs(x - y))
            }
        }
        return worst
    }

    /// `x` rounded to `digits` significant digits (for comparing with the reference tables).
    static func significant(_ x: Double, _ digits: Int) -> Double {
        guard x != 0 && x.isFinite else { return x }
        let exponent = (log10(abs(x))).rounded(.down)
        let scale = pow(10, Double(digits - 1) - exponent)
        return (x * scale).rounded() / scale
    }
}

/// Approximate equality for hand-computed values.
func close(_ a: Double, _ b: Double, relative: Double = 1e-12) -> Bool {
    if a == b { return true }
    return abs(a - b) <= relative * max(abs(a), abs(b))
}
