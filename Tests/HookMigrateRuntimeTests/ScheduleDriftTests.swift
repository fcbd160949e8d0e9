import Foundation
import HookMigrateCore
import HookMigrateRuntime
import Testing

/// schedules.md E.5: closed form (MMCV) against chained updates (MMEngine) over a 160,000-iteration run;
/// every measured drift of the table is reproduced to two significant digits (base lr 0.01), which shows both
/// simulators keep the libraries' expression order, not just their formulas.
@Suite struct ScheduleDriftTests {
    typealias D = ScheduleDriver

    struct Case: CustomStringConvertible {
        var name: String
        var legacy: String
        var engine: String
        var expected: Double
        var description: String { name }
    }

    static let n = 160_000

    static let cases: [Case] = [
        Case(name: "PolyLR power 0.9, eta_min 1e-4", legacy: "{policy: poly, power: 0.9, min_lr: 1.0e-4, by_epoch: false}",
             engine: "{type: PolyLR, power: 0.9, eta_min: 1.0e-4, end: \(n + 1), by_epoch: false}", expected: 1.8e-13),
        Case(name: "PolyLR power 1.0, eta_min 0", legacy: "{policy: poly, power: 1.0, min_lr: 0.0, by_epoch: false}",
             engine: "{type: PolyLR, power: 1.0, eta_min: 0.0, end: \(n + 1), by_epoch: false}", expected: 3.5e-12),
        Case(name: "CosineAnnealingLR eta_min 0", legacy: "{policy: CosineAnnealing, min_lr: 0.0, by_epoch: false}",
             engine: "{type: CosineAnnealingLR, eta_min: 0.0, by_epoch: false}", expected: 2.8e-12),
        Case(name: "CosineAnnealingLR eta_min_ratio 1e-3", legacy: "{policy: CosineAnnealing, min_lr_ratio: 1.0e-3, by_epoch: false}",
             engine: "{type: CosineAnnealingLR, eta_min_ratio: 1.0e-3, by_epoch: false}", expected: 1.3e-13),
        Case(name: "ExponentialLR gamma 0.99999", legacy: "{policy: exp, gamma: 0.99999, by_epoch: false}",
             engine: "{type: ExponentialLR, gamma: 0.99999, by_epoch: false}", expected: 2.0e-14),
        Case(name: "LinearLR 1 -> 0.01", legacy: "{policy: LinearAnnealing, min_lr_ratio: 0.01, by_epoch: false}",
             engine: "{type: LinearLR, start_factor: 1.0, end_factor: 0.01, end: \(n + 1), by_epoch: false}", expected: 1.8e-12),
        Case(name: "exp-warmup pair W=500 r=1e-3", legacy: "{policy: fixed, by_epoch: false, warmup: exp, warmup_iters: 500, warmup_ratio: 1.0e-3}",
             engine: "[{type: ConstantLR, factor: 1.0e-3, end: \(n + 1), by_epoch: false}, {type: ExponentialLR, gamma: \(pow(1e-3, -1.0 / 500)), end: 501, by_epoch: false}]",
             expected: 4.0e-14),
        Case(name: "ConstantLR warmup r=1/3", legacy: "{policy: fixed, by_epoch: false, warmup: constant, warmup_iters: 500, warmup_ratio: \(1.0 / 3)}",
             engine: "{type: ConstantLR, factor: \(1.0 / 3), end: 501, by_epoch: false}", expected: 1.7e-16),
        Case(name: "linear warmup W=1500 r=1e-6 + PolyLR", legacy: "{policy: poly, power: 1.0, min_lr: 0.0, by_epoch: false, warmup: linear, warmup_iters: 1500, warmup_ratio: 1.0e-6}",
             engine: "[{type: LinearLR, start_factor: 1.0e-6, end_factor: 1.0, end: 1501, by_epoch: false}, {type: PolyLR, power: 1.0, eta_min: 0.0, end: \(n + 1), by_epoch: false}]",
             expected: 2.9e-11),
    ]

    /// Runs both worlds side by side (IterBasedRunner against IterBasedTrainLoop, base lr 0.01) and returns
    /// the max relative lr difference, without keeping the traces.
    static func measure(_ item: Case) throws -> Double {
        var old = D.sgd([0.01])
        var new = old
        var hook = try LegacyLrUpdater(node: try D.yaml(item.legacy), iterBasedRunner: true)
        try hook.beforeRun(maxIters: n, groups: &old)
        var schedulers = try ParamSchedulerBuilder(loop: .iterBased(maxIters: n), epochLength: 1000).build(try D.yaml(item.engine), groups: &new)
        var worst = 0.0
        for iter in 0..<n {
            try hook.beforeTrainIter(epoch: 0, iter: iter, maxEpochs: nil, maxIters: n, groups: &old)
            worst = max(worst, abs(old[0].lr - new[0].lr) / abs(old[0].lr))
            try schedulers.stepIteration(groups: &new)
        }
        return worst
    }

    @Test(arguments: cases) func drift(_ item: Case) throws {
        let measured = try Self.measure(item)
        #expect(D.significant(measured, 2) == item.expected, "\(item.name): measured \(measured)")
    }
}
