import Foundation
import HookMigrateCore
import HookMigrateRuntime
import Testing

/// The whole "recommended" column of schedules.md C.9, regenerated: every legacy form × warmup is run
/// through the MMCV hooks and its recommended translation (C.1–C.4, written out here) through the MMEngine
/// schedulers; the max relative lr deviation over the 120 steps must equal the table's number to two
/// significant digits ("≈0" cells: below 1e-12).
@Suite struct ScheduleDeviationTableTests {
    typealias D = ScheduleDriver

    static let warmups = ["none", "constant", "linear", "exp", "linear-by-epoch", "linear-short"]

    /// The table's recommended numbers (`nil` = "≈0"), per warmup column, for `by_epoch` T and F.
    static let table: [(form: String, byEpoch: Bool, cells: [Double?])] = [
        ("fixed", true, [nil, nil, nil, nil, nil, nil]),
        ("fixed", false, [nil, nil, nil, nil, nil, nil]),
        ("step-int", true, [nil, nil, nil, nil, nil, nil]),
        ("step-int", false, [nil, nil, nil, nil, nil, nil]),
        ("step-list", true, [nil, nil, nil, nil, nil, nil]),
        ("step-list", false, [nil, nil, nil, nil, nil, nil]),
        ("step-list-minlr", true, [8.0e-1, 8.0e-1, 8.0e-1, 8.0e-1, 8.0e-1, 8.0e-1]),
        ("step-list-minlr", false, [8.0e-1, 8.0e-1, 8.0e-1, 8.0e-1, 8.0e-1, 8.0e-1]),
        ("exp", true, [nil, nil, nil, nil, nil, nil]),
        ("exp", false, [nil, nil, nil, nil, nil, nil]),
        ("poly", true, [nil, 3.7e-3, 1.7e-4, 4.7e-4, 3.3e-4, nil]),
        ("poly", false, [nil, 5.3e-3, 7.7e-4, 1.6e-3, 1.1e-3, 1.7e-4]),
        ("poly-min0", true, [nil, nil, nil, nil, nil, nil]),
        ("poly-min0", false, [nil, nil, nil, nil, nil, nil]),
        ("cos-minlr", true, [nil, 7.8e-4, 3.7e-5, 1.0e-4, 7.1e-5, nil]),
        ("cos-minlr", false, [nil, 1.5e-3, 1.1e-4, 2.6e-4, 2.0e-4, 9.0e-6]),
        ("cos-ratio", true, [nil, 1.6e-3, 7.4e-5, 2.0e-4, 1.4e-4, nil]),
        ("cos-ratio", false, [nil, 3.1e-3, 2.2e-4, 5.2e-4, 4.1e-4, 1.8e-5]),
        ("cos-min0", true, [nil, nil, nil, nil, nil, nil]),
        ("cos-min0", false, [nil, nil, nil, nil, nil, nil]),
        ("flatcos", true, [nil, nil, nil, nil, nil, nil]),
        ("flatcos", false, [nil, nil, nil, nil, nil, nil]),
        ("linann-ratio", true, [nil, nil, nil, nil, nil, nil]),
        ("linann-ratio", false, [nil, nil, nil, nil, nil, nil]),
        ("linann-minlr", true, [nil, 4.1e-3, 1.9e-4, 5.2e-4, 3.7e-4, nil]),
        ("linann-minlr", false, [nil, 5.9e-3, 8.5e-4, 1.7e-3, 1.2e-3, 1.9e-4]),
        ("restart-w1", true, [nil, 7.7e-3, 3.7e-4, 9.9e-4, 7.0e-4, nil]),
        ("restart-w1", false, [nil, 2.0e-2, 1.5e-3, 3.4e-3, 2.8e-3, 2.2e-4]),
        ("restart-w", true, [nil, 7.7e-3, 3.7e-4, 9.9e-4, 7.0e-4, nil]),
        ("restart-w", false, [nil, 2.0e-2, 1.5e-3, 3.4e-3, 2.8e-3, 2.2e-4]),
        ("restart-w-min0", true, [nil, nil, nil, nil, nil, nil]),
        ("restart-w-min0", false, [nil, nil, nil, nil, nil, nil]),
        ("cyclic-1", false, [nil, 6.7e+0, 7.9e-1, 1.7e+0, 1.0e+0, 2.4e-1]),
        ("cyclic-2", false, [nil, 8.6e+0, 1.6e+0, 3.1e+0, 2.0e+0, 7.0e-1]),
        ("onecycle", false, [nil, 9.0e+0, 9.0e+0, 9.0e+0, 9.0e+0, 9.0e+0]),
        ("onecycle-3ph-lin", false, [nil, 9.0e+0, 9.0e+0, 9.0e+0, 9.0e+0, 9.0e+0]),
    ]

    struct Cell: CustomStringConvertible {
        var form: String
        var byEpoch: Bool
        var warmup: String
        var expected: Double?
        var description: String { "\(form) by_epoch=\(byEpoch ? "T" : "F") warmup=\(warmup)" }
    }

    static let cells: [Cell] = table.flatMap { row in
        zip(warmups, row.cells).map { Cell(form: row.form, byEpoch: row.byEpoch, warmup: $0.0, expected: $0.1) }
    }

    static let epochs = 12, length = 10, n = 120, baseLr = 0.02

    /// The legacy policy keys and its recommended main scheduler(s); `absolute` mains go before the warmup.
    static func main(_ form: String, byEpoch: Bool) -> (legacy: String, engine: [String], absolute: Bool) {
        let h = byEpoch ? epochs : n
        let unit = "by_epoch: \(byEpoch)"
        let p = byEpoch ? 4 : 4 * length
        func restart(_ weights: [Double], _ floor: Double) -> (String, [String], Bool) {
            let adjusted = weights.map { $0 + (1 - $0) * floor / baseLr }
            return ("policy: CosineRestart, periods: [\(p), \(p), \(p)], restart_weights: \(weights), min_lr: \(floor)",
                    ["{type: CosineRestartLR, periods: [\(p), \(p), \(p)], restart_weights: \(adjusted), eta_min: \(floor), \(unit)}"], true)
        }
        func cyclic(_ times: Int) -> (String, [String], Bool) {
            let cycle = n / times, up = Int(0.4 * Double(cycle))
            var segments: [String] = []
            for c in 0..<times {
                segments.append("{type: CosineRestartLR, periods: [\(up)], restart_weights: [1.0], eta_min_ratio: 10.0, begin: \(c * cycle), end: \(c * cycle + up), by_epoch: false}")
                segments.append("{type: CosineRestartLR, periods: [\(cycle - up)], restart_weights: [10.0], eta_min_ratio: 1.0e-4, begin: \(c * cycle + up), end: \((c + 1) * cycle), by_epoch: false}")
            }
            return ("policy: cyclic, target_ratio: [10, 1.0e-4], step_ratio_up: 0.4, cyclic_times: \(times)", segments, true)
        }
        switch form {
        case "fixed": return ("policy: fixed", [], false)
        case "step-int": return ("policy: step, step: 3, gamma: 0.5", ["{type: StepLR, step_size: 3, gamma: 0.5, \(unit)}"], false)
        case "step-list": return ("policy: step, step: [8, 11]", ["{type: MultiStepLR, milestones: [8, 11], gamma: 0.1, \(unit)}"], false)
        case "step-list-minlr": return ("policy: step, step: [4, 8, 11], min_lr: 1.0e-4", ["{type: MultiStepLR, milestones: [4, 8, 11], gamma: 0.1, \(unit)}"], false)
        case "exp": return ("policy: exp, gamma: 0.8", ["{type: ExponentialLR, gamma: 0.8, \(unit)}"], false)
        case "poly": return ("policy: poly, power: 0.9, min_lr: 1.0e-4", ["{type: PolyLR, power: 0.9, eta_min: 1.0e-4, begin: 0, end: \(h + 1), \(unit)}"], false)
        case "poly-min0": return ("policy: poly, power: 1.0, min_lr: 0.0", ["{type: PolyLR, power: 1.0, eta_min: 0.0, begin: 0, end: \(h + 1), \(unit)}"], false)
        case "cos-minlr": return ("policy: CosineAnnealing, min_lr: 1.0e-4", ["{type: CosineAnnealingLR, T_max: \(h), begin: 0, end: \(h), eta_min: 1.0e-4, \(unit)}"], false)
        case "cos-ratio": return ("policy: CosineAnnealing, min_lr_ratio: 0.01", ["{type: CosineAnnealingLR, T_max: \(h), begin: 0, end: \(h), eta_min_ratio: 0.01, \(unit)}"], false)
        case "cos-min0": return ("policy: CosineAnnealing, min_lr: 0.0", ["{type: CosineAnnealingLR, T_max: \(h), begin: 0, end: \(h), eta_min: 0.0, \(unit)}"], false)
        case "flatcos":
            let s = Int((Double(h) * 0.75).rounded(.toNearestOrEven))
            return ("policy: FlatCosineAnnealing, start_percent: 0.75, min_lr_ratio: 0.01",
                    ["{type: CosineAnnealingLR, T_max: \(h - s), begin: \(s), end: \(h), eta_min_ratio: 0.01, \(unit)}"], false)
        case "linann-ratio": return ("policy: LinearAnnealing, min_lr_ratio: 0.01", ["{type: LinearLR, start_factor: 1.0, end_factor: 0.01, begin: 0, end: \(h + 1), \(unit)}"], false)
        case "linann-minlr": return ("policy: LinearAnnealing, min_lr: 1.0e-4", ["{type: PolyLR, power: 1.0, eta_min: 1.0e-4, begin: 0, end: \(h + 1), \(unit)}"], false)
        case "restart-w1": return restart([1, 1, 1], 1e-4)
        case "restart-w": return restart([1, 0.7, 0.3], 1e-4)
        case "restart-w-min0": return restart([1, 0.7, 0.3], 0)
        case "cyclic-1": return cyclic(1)
        case "cyclic-2": return cyclic(2)
        case "onecycle": return ("policy: OneCycle, max_lr: 0.02", ["{type: OneCycleLR, eta_max: 0.02, by_epoch: false}"], true)
        default:
            return ("policy: OneCycle, max_lr: 0.02, three_phase: true, anneal_strategy: linear",
                    ["{type: OneCycleLR, eta_max: 0.02, three_phase: true, anneal_strategy: linear, by_epoch: false}"], true)
        }
    }

    /// The warmup's legacy keys and its recommended scheduler(s) (C.3).
    static func warmup(_ name: String) -> (legacy: String, engine: [String]) {
        switch name {
        case "constant": return (", warmup: constant, warmup_iters: 15, warmup_ratio: 0.1", ["{type: ConstantLR, factor: 0.1, begin: 0, end: 16, by_epoch: false}"])
        case "linear": return (", warmup: linear, warmup_iters: 15, warmup_ratio: 0.1", ["{type: LinearLR, start_factor: 0.1, end_factor: 1.0, begin: 0, end: 16, by_epoch: false}"])
        case "exp":
            return (", warmup: exp, warmup_iters: 15, warmup_ratio: 0.1",
                    ["{type: ConstantLR, factor: 0.1, begin: 0, end: \(n + 1), by_epoch: false}",
                     "{type: ExponentialLR, gamma: \(pow(0.1, -1.0 / 15)), begin: 0, end: 16, by_epoch: false}"])
        case "linear-by-epoch": return (", warmup: linear, warmup_iters: 2, warmup_by_epoch: true, warmup_ratio: 0.1", ["{type: LinearLR, start_factor: 0.1, end_factor: 1.0, begin: 0, end: 21, by_epoch: false}"])
        case "linear-short": return (", warmup: linear, warmup_iters: 5, warmup_ratio: 0.1", ["{type: LinearLR, start_factor: 0.1, end_factor: 1.0, begin: 0, end: 6, by_epoch: false}"])
        default: return ("", [])
        }
    }

    @Test(arguments: cells) func recommendedColumn(_ cell: Cell) throws {
        let main = Self.main(cell.form, byEpoch: cell.byEpoch)
        let warm = Self.warmup(cell.warmup)
        let byEpochKey = cell.form.hasPrefix("cyclic") || cell.form.hasPrefix("onecycle") ? "" : ", by_epoch: \(cell.byEpoch)"
        let legacy = "{\(main.legacy)\(byEpochKey)\(warm.legacy)}"
        let list = main.absolute ? main.engine + warm.engine : warm.engine + main.engine
        let engine = "[\(list.joined(separator: ", "))]"
        let old = try D.legacyEpochRun(lr: legacy, groups: D.sgd([Self.baseLr]), epochs: Self.epochs, length: Self.length)
        let new = try D.engineEpochRun(engine, groups: D.sgd([Self.baseLr]), epochs: Self.epochs, length: Self.length)
        let deviation = D.maxRelative(old, new)
        if let expected = cell.expected {
            #expect(D.significant(deviation, 2) == expected, "\(cell): measured \(deviation)")
        } else {
            #expect(deviation < 1e-12, "\(cell): measured \(deviation)")
        }
    }
}
