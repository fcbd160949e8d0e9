import Foundation
import HookMigrateCore
import HookMigrateRuntime
import Testing

/// Both simulated worlds run the same schedule — the legacy config through the MMCV hooks, its translation
/// (schedules.md C.1–C.4) through the MMEngine schedulers — and the deviation is compared with the measured
/// table of C.9 (setting: EpochBasedRunner, L = 10, E = 12, SGD lr 0.02, one group).
@Suite struct ScheduleCrossCheckTests {
    typealias D = ScheduleDriver

    /// One row: the legacy `lr_config`, the translated `param_scheduler`, and the expected max relative
    /// deviation (`nil`: "≈0", asserted below 1e-12; else compared at 2 significant digits).
    struct Row: CustomStringConvertible {
        var name: String
        var legacy: String
        var engine: String
        var expected: Double?
        var groups: [Double] = [0.02]
        var description: String { name }
    }

    static let warmupGamma = pow(0.1, -1.0 / 15)

    static let rows: [Row] = [
        // ≈0 rows (C.9 "recommended" column).
        Row(name: "step-list + linear warmup 15, by epoch",
            legacy: "{policy: step, step: [8, 11], warmup: linear, warmup_iters: 15, warmup_ratio: 0.1}",
            engine: "[{type: LinearLR, start_factor: 0.1, end_factor: 1.0, begin: 0, end: 16, by_epoch: false}, {type: MultiStepLR, milestones: [8, 11], gamma: 0.1, by_epoch: true}]",
            expected: nil),
        Row(name: "step-list + linear warmup 15, by epoch, two groups",
            legacy: "{policy: step, step: [8, 11], warmup: linear, warmup_iters: 15, warmup_ratio: 0.1}",
            engine: "[{type: LinearLR, start_factor: 0.1, end_factor: 1.0, begin: 0, end: 16, by_epoch: false}, {type: MultiStepLR, milestones: [8, 11], gamma: 0.1, by_epoch: true}]",
            expected: nil, groups: [0.02, 0.002]),
        Row(name: "step-list by iteration + linear warmup",
            legacy: "{policy: step, step: [8, 11], by_epoch: false, warmup: linear, warmup_iters: 15, warmup_ratio: 0.1}",
            engine: "[{type: LinearLR, start_factor: 0.1, end_factor: 1.0, begin: 0, end: 16, by_epoch: false}, {type: MultiStepLR, milestones: [8, 11], gamma: 0.1, by_epoch: false}]",
            expected: nil),
        Row(name: "step-int + linear-by-epoch warmup",
            legacy: "{policy: step, step: 3, gamma: 0.5, warmup: linear, warmup_iters: 2, warmup_by_epoch: true, warmup_ratio: 0.1}",
            engine: "[{type: LinearLR, start_factor: 0.1, end_factor: 1.0, begin: 0, end: 21, by_epoch: false}, {type: StepLR, step_size: 3, gamma: 0.5, by_epoch: true}]",
            expected: nil),
        Row(name: "poly-min0 + constant warmup, by epoch",
            legacy: "{policy: poly, power: 1.0, min_lr: 0.0, warmup: constant, warmup_iters: 15, warmup_ratio: 0.1}",
            engine: "[{type: ConstantLR, factor: 0.1, begin: 0, end: 16, by_epoch: false}, {type: PolyLR, power: 1.0, eta_min: 0.0, begin: 0, end: 13, by_epoch: true}]",
            expected: nil),
        Row(name: "poly-min0 + constant warmup, by iteration",
            legacy: "{policy: poly, power: 1.0, min_lr: 0.0, by_epoch: false, warmup: constant, warmup_iters: 15, warmup_ratio: 0.1}",
            engine: "[{type: ConstantLR, factor: 0.1, begin: 0, end: 16, by_epoch: false}, {type: PolyLR, power: 1.0, eta_min: 0.0, begin: 0, end: 121, by_epoch: false}]",
            expected: nil),
        Row(name: "exp + exp warmup pair, by epoch",
            legacy: "{policy: exp, gamma: 0.8, warmup: exp, warmup_iters: 15, warmup_ratio: 0.1}",
            engine: "[{type: ConstantLR, factor: 0.1, begin: 0, end: 121, by_epoch: false}, {type: ExponentialLR, gamma: \(warmupGamma), begin: 0, end: 16, by_epoch: false}, {type: ExponentialLR, gamma: 0.8, by_epoch: true}]",
            expected: nil),
        Row(name: "fixed + exp warmup pair",
            legacy: "{policy: fixed, warmup: exp, warmup_iters: 15, warmup_ratio: 0.1}",
            engine: "[{type: ConstantLR, factor: 0.1, begin: 0, end: 121, by_epoch: false}, {type: ExponentialLR, gamma: \(warmupGamma), begin: 0, end: 16, by_epoch: false}]",
            expected: nil),
        Row(name: "OneCycle (defaults, max_lr 0.02)",
            legacy: "{policy: OneCycle, max_lr: 0.02}",
            engine: "{type: OneCycleLR, eta_max: 0.02, by_epoch: false}",
            expected: nil),
        Row(name: "OneCycle three-phase linear",
            legacy: "{policy: OneCycle, max_lr: 0.02, three_phase: true, anneal_strategy: linear}",
            engine: "{type: OneCycleLR, eta_max: 0.02, three_phase: true, anneal_strategy: linear, by_epoch: false}",
            expected: nil),
        Row(name: "cyclic, 2 cycles, as CosineRestart segments",
            legacy: "{policy: cyclic, target_ratio: [10, 1.0e-4], cyclic_times: 2, step_ratio_up: 0.4}",
            engine: """
            [{type: CosineRestartLR, periods: [24], restart_weights: [1.0], eta_min_ratio: 10.0, begin: 0, end: 24, by_epoch: false},
             {type: CosineRestartLR, periods: [36], restart_weights: [10.0], eta_min_ratio: 1.0e-4, begin: 24, end: 60, by_epoch: false},
             {type: CosineRestartLR, periods: [24], restart_weights: [1.0], eta_min_ratio: 10.0, begin: 60, end: 84, by_epoch: false},
             {type: CosineRestartLR, periods: [36], restart_weights: [10.0], eta_min_ratio: 1.0e-4, begin: 84, end: 120, by_epoch: false}]
            """,
            expected: nil),
        Row(name: "cyclic, U = 0, gamma 0.5, 2 cycles",
            legacy: "{policy: cyclic, target_ratio: [10, 1.0e-4], cyclic_times: 2, step_ratio_up: 0.0, gamma: 0.5}",
            engine: """
            [{type: CosineRestartLR, periods: [60], restart_weights: [10.0], eta_min_ratio: \(1 - 1.0 + 1e-4 * 1.0), begin: 0, end: 60, by_epoch: false},
             {type: CosineRestartLR, periods: [60], restart_weights: [10.0], eta_min_ratio: \(1 - 0.5 + 1e-4 * 0.5), begin: 60, end: 120, by_epoch: false}]
            """,
            expected: nil),
        Row(name: "cos-min0 + linear warmup, by iteration",
            legacy: "{policy: CosineAnnealing, min_lr: 0.0, by_epoch: false, warmup: linear, warmup_iters: 15, warmup_ratio: 0.1}",
            engine: "[{type: LinearLR, start_factor: 0.1, end_factor: 1.0, begin: 0, end: 16, by_epoch: false}, {type: CosineAnnealingLR, T_max: 120, begin: 0, end: 120, eta_min: 0.0, by_epoch: false}]",
            expected: nil),
        Row(name: "cos-minlr + linear-short warmup, by epoch (W <= L)",
            legacy: "{policy: CosineAnnealing, min_lr: 1.0e-4, warmup: linear, warmup_iters: 5, warmup_ratio: 0.1}",
            engine: "[{type: LinearLR, start_factor: 0.1, end_factor: 1.0, begin: 0, end: 6, by_epoch: false}, {type: CosineAnnealingLR, T_max: 12, begin: 0, end: 12, eta_min: 1.0e-4, by_epoch: true}]",
            expected: nil),
        Row(name: "flatcos + constant warmup, by iteration (S = 90)",
            legacy: "{policy: FlatCosineAnnealing, start_percent: 0.75, min_lr_ratio: 0.01, by_epoch: false, warmup: constant, warmup_iters: 15, warmup_ratio: 0.1}",
            engine: "[{type: ConstantLR, factor: 0.1, begin: 0, end: 16, by_epoch: false}, {type: CosineAnnealingLR, T_max: 30, begin: 90, end: 120, eta_min_ratio: 0.01, by_epoch: false}]",
            expected: nil),
        Row(name: "linann-ratio + linear warmup, by epoch",
            legacy: "{policy: LinearAnnealing, min_lr_ratio: 0.01, warmup: linear, warmup_iters: 15, warmup_ratio: 0.1}",
            engine: "[{type: LinearLR, start_factor: 0.1, end_factor: 1.0, begin: 0, end: 16, by_epoch: false}, {type: LinearLR, start_factor: 1.0, end_factor: 0.01, begin: 0, end: 13, by_epoch: true}]",
            expected: nil),
        Row(name: "restart-w, adjusted weights, min_lr 1e-4, no warmup",
            legacy: "{policy: CosineRestart, periods: [4, 4, 4], restart_weights: [1, 0.7, 0.3], min_lr: 1.0e-4}",
            engine: "[{type: CosineRestartLR, periods: [4, 4, 4], restart_weights: [1.0, \(0.7 + 0.3 * 1e-4 / 0.02), \(0.3 + 0.7 * 1e-4 / 0.02)], eta_min: 1.0e-4, by_epoch: true}]",
            expected: nil),
        // Approximate rows: C.9's measured numbers, to 2 significant digits.
        Row(name: "cos-minlr + constant warmup, by epoch",
            legacy: "{policy: CosineAnnealing, min_lr: 1.0e-4, warmup: constant, warmup_iters: 15, warmup_ratio: 0.1}",
            engine: "[{type: ConstantLR, factor: 0.1, begin: 0, end: 16, by_epoch: false}, {type: CosineAnnealingLR, T_max: 12, begin: 0, end: 12, eta_min: 1.0e-4, by_epoch: true}]",
            expected: 7.8e-4),
        Row(name: "cos-minlr + constant warmup, by iteration",
            legacy: "{policy: CosineAnnealing, min_lr: 1.0e-4, by_epoch: false, warmup: constant, warmup_iters: 15, warmup_ratio: 0.1}",
            engine: "[{type: ConstantLR, factor: 0.1, begin: 0, end: 16, by_epoch: false}, {type: CosineAnnealingLR, T_max: 120, begin: 0, end: 120, eta_min: 1.0e-4, by_epoch: false}]",
            expected: 1.5e-3),
        Row(name: "cos-ratio + linear warmup, by epoch",
            legacy: "{policy: CosineAnnealing, min_lr_ratio: 0.01, warmup: linear, warmup_iters: 15, warmup_ratio: 0.1}",
            engine: "[{type: LinearLR, start_factor: 0.1, end_factor: 1.0, begin: 0, end: 16, by_epoch: false}, {type: CosineAnnealingLR, T_max: 12, begin: 0, end: 12, eta_min_ratio: 0.01, by_epoch: true}]",
            expected: 7.4e-5),
        Row(name: "poly + constant warmup, by epoch",
            legacy: "{policy: poly, power: 0.9, min_lr: 1.0e-4, warmup: constant, warmup_iters: 15, warmup_ratio: 0.1}",
            engine: "[{type: ConstantLR, factor: 0.1, begin: 0, end: 16, by_epoch: false}, {type: PolyLR, power: 0.9, eta_min: 1.0e-4, begin: 0, end: 13, by_epoch: true}]",
            expected: 3.7e-3),
        Row(name: "poly + linear warmup, by iteration",
            legacy: "{policy: poly, power: 0.9, min_lr: 1.0e-4, by_epoch: false, warmup: linear, warmup_iters: 15, warmup_ratio: 0.1}",
            engine: "[{type: LinearLR, start_factor: 0.1, end_factor: 1.0, begin: 0, end: 16, by_epoch: false}, {type: PolyLR, power: 0.9, eta_min: 1.0e-4, begin: 0, end: 121, by_epoch: false}]",
            expected: 7.7e-4),
        Row(name: "linann-minlr + constant warmup, by epoch",
            legacy: "{policy: LinearAnnealing, min_lr: 1.0e-4, warmup: constant, warmup_iters: 15, warmup_ratio: 0.1}",
            engine: "[{type: ConstantLR, factor: 0.1, begin: 0, end: 16, by_epoch: false}, {type: PolyLR, power: 1.0, eta_min: 1.0e-4, begin: 0, end: 13, by_epoch: true}]",
            expected: 4.1e-3),
        Row(name: "restart-w1 + constant warmup (restart first), by epoch",
            legacy: "{policy: CosineRestart, periods: [4, 4, 4], restart_weights: [1, 1, 1], min_lr: 1.0e-4, warmup: constant, warmup_iters: 15, warmup_ratio: 0.1}",
            engine: "[{type: CosineRestartLR, periods: [4, 4, 4], restart_weights: [1, 1, 1], eta_min: 1.0e-4, by_epoch: true}, {type: ConstantLR, factor: 0.1, begin: 0, end: 16, by_epoch: false}]",
            expected: 7.7e-3),
        Row(name: "step-list-minlr (floor ignored)",
            legacy: "{policy: step, step: [4, 8, 11], min_lr: 1.0e-4}",
            engine: "{type: MultiStepLR, milestones: [4, 8, 11], by_epoch: true}",
            expected: 8.0e-1),
        // The official guide's forms (C.8), "official" column.
        Row(name: "official constant warmup end=W",
            legacy: "{policy: fixed, warmup: constant, warmup_iters: 15, warmup_ratio: 0.1}",
            engine: "[{type: ConstantLR, factor: 0.1, begin: 0, end: 15, by_epoch: false}]",
            expected: 9.0),
        Row(name: "official linear warmup end=W",
            legacy: "{policy: fixed, warmup: linear, warmup_iters: 15, warmup_ratio: 0.1}",
            engine: "[{type: LinearLR, start_factor: 0.1, begin: 0, end: 15, by_epoch: false}]",
            expected: 6.4e-2),
        Row(name: "official linear-short warmup end=W",
            legacy: "{policy: fixed, warmup: linear, warmup_iters: 5, warmup_ratio: 0.1}",
            engine: "[{type: LinearLR, start_factor: 0.1, begin: 0, end: 5, by_epoch: false}]",
            expected: 2.2e-1),
        Row(name: "official poly end=E",
            legacy: "{policy: poly, power: 0.9, min_lr: 1.0e-4}",
            engine: "{type: PolyLR, power: 0.9, eta_min: 1.0e-4, begin: 0, end: 12, by_epoch: true}",
            expected: 9.6e-1),
        Row(name: "official linann-ratio end=E",
            legacy: "{policy: LinearAnnealing, min_lr_ratio: 0.01}",
            engine: "{type: LinearLR, start_factor: 1.0, end_factor: 0.01, begin: 0, end: 12, by_epoch: true}",
            expected: 8.9e-1),
        Row(name: "restart-w unadjusted weights, min_lr 1e-4",
            legacy: "{policy: CosineRestart, periods: [4, 4, 4], restart_weights: [1, 0.7, 0.3], min_lr: 1.0e-4}",
            engine: "{type: CosineRestartLR, periods: [4, 4, 4], restart_weights: [1, 0.7, 0.3], eta_min: 1.0e-4, by_epoch: true}",
            expected: 1.2e-2),
    ]

    @Test(arguments: rows) func legacyAgainstTranslation(_ row: Row) throws {
        let legacy = try D.legacyEpochRun(lr: row.legacy, groups: D.sgd(row.groups), epochs: 12, length: 10)
        let engine = try D.engineEpochRun(row.engine, groups: D.sgd(row.groups), epochs: 12, length: 10)
        #expect(legacy.count == 120 && engine.count == 120)
        let deviation = D.maxRelative(legacy, engine)
        if let expected = row.expected {
            #expect(D.significant(deviation, 2) == expected, "\(row.name): measured \(deviation)")
        } else {
            #expect(deviation < 1e-12, "\(row.name): measured \(deviation)")
        }
    }

    @Test func cosineRestartWeightAdjustment() throws {
        // C.4 (observed): min_lr_ratio 0.05, weights 1/0.7/0.3: adjusted weights exact (2e-16), unadjusted 10%.
        let legacy = try D.legacyEpochRun(lr: "{policy: CosineRestart, periods: [4, 4, 4], restart_weights: [1, 0.7, 0.3], min_lr_ratio: 0.05}",
                                          groups: D.sgd([0.02]), epochs: 12, length: 10)
        let adjusted = try D.engineEpochRun("{type: CosineRestartLR, periods: [4, 4, 4], restart_weights: [1.0, \(0.7 + 0.3 * 0.05), \(0.3 + 0.7 * 0.05)], eta_min_ratio: 0.05, by_epoch: true}",
                                            groups: D.sgd([0.02]), epochs: 12, length: 10)
        let unadjusted = try D.engineEpochRun("{type: CosineRestartLR, periods: [4, 4, 4], restart_weights: [1, 0.7, 0.3], eta_min_ratio: 0.05, by_epoch: true}",
                                              groups: D.sgd([0.02]), epochs: 12, length: 10)
        #expect(D.maxRelative(legacy, adjusted) < 1e-15)
        #expect(D.significant(D.maxRelative(legacy, unadjusted), 1) == 0.1)
    }

    @Test func restartAfterAWarmupBlowsUp() throws {
        // C.0.4 (observed with the real Runner): [LinearLR(end=15), CosineRestartLR] drives the lr to 0.171
        // (8.5× the base 0.02); [CosineRestartLR, LinearLR(end=16)] is exact when eta_min = 0.
        let wrong = try D.engineEpochRun("[{type: LinearLR, start_factor: 0.1, begin: 0, end: 15, by_epoch: false}, {type: CosineRestartLR, periods: [4, 4, 4], restart_weights: [1, 1, 1], eta_min: 0.0, by_epoch: true}]",
                                         groups: D.sgd([0.02]), epochs: 12, length: 10)
        #expect(D.significant(D.lrs(wrong).max() ?? 0, 3) == 0.171)
        let legacy = try D.legacyEpochRun(lr: "{policy: CosineRestart, periods: [4, 4, 4], restart_weights: [1, 1, 1], min_lr: 0.0, warmup: linear, warmup_iters: 15, warmup_ratio: 0.1}",
                                          groups: D.sgd([0.02]), epochs: 12, length: 10)
        let right = try D.engineEpochRun("[{type: CosineRestartLR, periods: [4, 4, 4], restart_weights: [1, 1, 1], eta_min: 0.0, by_epoch: true}, {type: LinearLR, start_factor: 0.1, begin: 0, end: 16, by_epoch: false}]",
                                         groups: D.sgd([0.02]), epochs: 12, length: 10)
        #expect(D.maxRelative(legacy, right) < 1e-12)
    }

    @Test func momentumTranslations() throws {
        // C.9 momentum table: step [8, 11] (MMCV gamma 0.5) exact with gamma written; the official rename
        // (gamma 0.1) is 0.36 absolute / 0.96 relative. Cosine momentum exact.
        let legacy = try D.legacyEpochRun(lr: "{policy: fixed}", momentum: "{policy: step, step: [8, 11]}", groups: D.sgd([0.02]), epochs: 12, length: 10)
        let right = try D.engineEpochRun("{type: MultiStepMomentum, milestones: [8, 11], gamma: 0.5, by_epoch: true}", groups: D.sgd([0.02]), epochs: 12, length: 10)
        let official = try D.engineEpochRun("{type: MultiStepMomentum, milestones: [8, 11], by_epoch: true}", groups: D.sgd([0.02]), epochs: 12, length: 10)
        #expect(D.maxAbsolute(legacy, right, momentum: true) == 0)
        #expect(D.significant(D.maxAbsolute(legacy, official, momentum: true), 2) == 0.36)
        #expect(D.significant(D.maxRelative(legacy, official, momentum: true), 2) == 0.96)
        let cosine = try D.legacyEpochRun(lr: nil, momentum: "{policy: CosineAnnealing, min_momentum: 0.5, by_epoch: false}", groups: D.sgd([0.02]), epochs: 12, length: 10)
        let cosineNew = try D.engineEpochRun("{type: CosineAnnealingMomentum, T_max: 120, end: 120, eta_min: 0.5, by_epoch: false}", groups: D.sgd([0.02]), epochs: 12, length: 10)
        #expect(D.maxAbsolute(cosine, cosineNew, momentum: true) < 1e-15)
        // OneCycle momentum (C.4): optimizer momentum = max_momentum, three CosineRestartMomentum segments
        // (pct·N = 36 integral).
        let oneCycle = try D.legacyEpochRun(lr: nil, momentum: "{policy: OneCycle}", groups: D.sgd([0.02]), epochs: 12, length: 10)
        let segments = try D.engineEpochRun("""
            [{type: CosineRestartMomentum, periods: [35], restart_weights: [1.0], eta_min: 0.85, begin: 0, end: 35, by_epoch: false},
             {type: CosineRestartMomentum, periods: [84], restart_weights: [\(0.85 / 0.95)], eta_min: 0.95, begin: 35, end: 119, by_epoch: false},
             {type: CosineRestartMomentum, periods: [1], restart_weights: [1.0], eta_min: 0.95, begin: 119, end: 120, by_epoch: false}]
            """, groups: D.sgd([0.02], momentum: 0.95), epochs: 12, length: 10)
        #expect(D.maxAbsolute(oneCycle, segments, momentum: true) < 1e-14)
    }

    @Test func cyclicMomentumAsCosineRestartSegments() throws {
        // C.4 / C.9 momentum table: cyclic momentum (defaults, 1 cycle) → two CosineRestartMomentum segments,
        // exact (1.1e-16) for SGD momentum and AdamW beta1.
        let peak = 0.85 / 0.95
        let segments = """
            [{type: CosineRestartMomentum, periods: [48], restart_weights: [1.0], eta_min_ratio: \(peak), begin: 0, end: 48, by_epoch: false},
             {type: CosineRestartMomentum, periods: [72], restart_weights: [\(peak)], eta_min_ratio: 1.0, begin: 48, end: 120, by_epoch: false}]
            """
        for groups in [D.sgd([0.02]), [ParamGroup(lr: 0.001, betas: (0.9, 0.999))]] {
            let legacy = try D.legacyEpochRun(lr: nil, momentum: "{policy: cyclic}", groups: groups, epochs: 12, length: 10)
            let engine = try D.engineEpochRun(segments, groups: groups, epochs: 12, length: 10)
            #expect(D.maxAbsolute(legacy, engine, momentum: true) < 1e-15)
            #expect(legacy[119][0].betas?.1 == groups[0].betas?.1 && engine[119][0].betas?.1 == groups[0].betas?.1)
        }
    }

    @Test func iterationLoopRowsMatchTheByIterationRows() throws {
        // C.9: the same translations in an IterBasedRunner / IterBasedTrainLoop (N = 120) give the by_epoch = F
        // numbers; here the exact poly-min0 + constant warmup row.
        let legacy = try D.legacyIterRun(lr: "{policy: poly, power: 1.0, min_lr: 0.0, warmup: constant, warmup_iters: 15, warmup_ratio: 0.1}",
                                         groups: D.sgd([0.02]), iters: 120, length: 10)
        let engine = try D.engineIterRun("[{type: ConstantLR, factor: 0.1, begin: 0, end: 16, by_epoch: false}, {type: PolyLR, power: 1.0, eta_min: 0.0, begin: 0, end: 121, by_epoch: false}]",
                                         groups: D.sgd([0.02]), iters: 120, length: 10)
        #expect(D.maxRelative(legacy, engine) < 1e-12)
        let approxLegacy = try D.legacyIterRun(lr: "{policy: CosineAnnealing, min_lr: 1.0e-4, warmup: constant, warmup_iters: 15, warmup_ratio: 0.1}",
                                               groups: D.sgd([0.02]), iters: 120, length: 10)
        let approxEngine = try D.engineIterRun("[{type: ConstantLR, factor: 0.1, begin: 0, end: 16, by_epoch: false}, {type: CosineAnnealingLR, T_max: 120, begin: 0, end: 120, eta_min: 1.0e-4, by_epoch: false}]",
                                               groups: D.sgd([0.02]), iters: 120, length: 10)
        #expect(D.significant(D.maxRelative(approxLegacy, approxEngine), 2) == 1.5e-3)
    }
}
