import Foundation
import HookMigrateCore
import HookMigrateRuntime

/// MMCV's cyclic policy (`LegacyCyclic`, as the parser read it) written as single-period CosineRestart
/// segments (schedules.md C.4): its cycles, rise and fall, with the decay `gamma` per cycle.
extension LegacyCyclic {
    /// `cyclic_times` as the whole number the segments need; `nil` for a float that is not one.
    var wholeCyclicTimes: Int? { Int(exactly: cyclicTimes) }

    /// `target_ratio` and the other arguments, for messages.
    var argumentsText: String {
        let times = wholeCyclicTimes.map(String.init) ?? LrConfigRule.show(cyclicTimes)
        return "target_ratio=(\(LrConfigRule.show(upRatio)), \(LrConfigRule.show(downRatio))), cyclic_times=\(times), step_ratio_up=\(LrConfigRule.show(stepRatioUp))"
    }

    /// The single-period CosineRestart segments that reproduce the cycles over `iterations` iterations
    /// (schedules.md C.4), or a rejection when MMCV would crash. `type` is `CosineRestartLR` or `CosineRestartMomentum`.
    func segments(type: String, iterations: Int, at location: SourceLocation?) throws -> [ConfigNode]? {
        guard cyclicTimes > 0 else {
            throw ConfigError(.rejected, "at run time: `cyclic_times` must be positive: MMCV divides max_iters by it (ZeroDivisionError)", at: location)
        }
        guard let cyclicTimes = wholeCyclicTimes else { return nil }
        let period = iterations / cyclicTimes
        guard period > 0 else {
            throw ConfigError(.rejected, "at run time: max_iters=\(iterations) // cyclic_times=\(cyclicTimes) is 0 iterations per cycle: MMCV fails with ZeroDivisionError in its first iteration", at: location)
        }
        let up = LrConfigRule.pythonInt(stepRatioUp * Double(period))
        return segments(type: type, length: iterations, period: period, up: up, inEpochs: false, at: location)
    }

    /// The cycles of an epoch runner of `epochs` epochs in epochs, when MMCV's phase boundaries fall on epoch
    /// boundaries whatever the epoch length L: `cyclic_times` divides E (so `max_iters // cyclic_times` is
    /// (E/c)·L), and `int(step_ratio_up × (E/c)·L)` is u·L for an integer u. The product is computed in floats;
    /// it is u·L for every L with E·L < 2⁵⁰ when `step_ratio_up × E/c` is u or a few units in the last place
    /// above it (never below: truncation would then give u·L − 1 for some L). `nil` otherwise.
    func epochPhases(epochs: Int) -> (period: Int, up: Int)? {
        guard let cyclicTimes = wholeCyclicTimes, cyclicTimes > 0, epochs > 0, epochs % cyclicTimes == 0 else { return nil }
        let period = epochs / cyclicTimes
        if stepRatioUp == 0 { return (period, 0) }
        let product = stepRatioUp * Double(period)
        guard product.isFinite, product >= 1, let up = Int(exactly: product.rounded()) else { return nil }
        // The exact residual step_ratio_up·P − u, rounded once.
        let residual = (-Double(up)).addingProduct(stepRatioUp, Double(period))
        guard residual >= 0, residual <= Double(up) * 0x1p-50 else { return nil }
        return (period, up)
    }

    /// The segments of `epochPhases`, by epoch with `convert_to_iter_based=True`: MMEngine multiplies their
    /// begin, end and periods by L when it builds them, which gives `segments(iterations: E·L)` for every L.
    func epochSegments(type: String, epochs: Int, at location: SourceLocation?) -> [ConfigNode]? {
        guard let phases = epochPhases(epochs: epochs) else { return nil }
        return segments(type: type, length: epochs, period: phases.period, up: phases.up, inEpochs: true, at: location)
    }

    /// How the cycles are written for `span`, with the sentence that says so: in epochs when
    /// `epochPhases` allows it (exact for every L), else in iterations over N (exact given N); `nil` when N is
    /// unknown and the epochs do not allow it. `type` is `CosineRestartLR` or `CosineRestartMomentum`.
    func plan(type: String, span: ScheduleSpan, at location: SourceLocation?) throws -> (nodes: [ConfigNode], how: String)? {
        if span.kind == .epoch, let epochs = span.epochs, let phases = epochPhases(epochs: epochs),
           let nodes = epochSegments(type: type, epochs: epochs, at: location) {
            let rise = phases.up == 0 ? "with no rising phase" : "rising for int(step_ratio_up × \(phases.period)·L) = \(phases.up)·L iterations"
            return (nodes, "over E=\(epochs) epochs it becomes \(nodes.count) single-period \(type) segments in epochs, which MMEngine converts to iterations (convert_to_iter_based=True): each cycle is \(phases.period)·L iterations, \(rise), so every phase starts where MMCV's does for every epoch length L")
        }
        guard let iterations = span.iterations, let nodes = try segments(type: type, iterations: iterations, at: location) else { return nil }
        let given = span.kind == .epoch ? "; exact given L=\(span.itersPerEpoch ?? 0) iterations per epoch (over E=\(span.epochs ?? 0) epochs, not every phase of the cycles starts at an epoch boundary whatever L is)" : ""
        return (nodes, "over N=\(iterations) iterations it becomes \(nodes.count) single-period \(type) segments by iteration\(given)")
    }

    /// The segments of cycles `period` long (in iterations, or in epochs when `inEpochs`), each rising for
    /// `up` of them, over `length`.
    private func segments(type: String, length: Int, period: Int, up: Int, inEpochs: Bool, at location: SourceLocation?) -> [ConfigNode] {
        func segment(begin: Int, end: Int, restartWeight: Double, target: (String, Double)) -> ConfigNode {
            LrConfigRule.restartSegment(type, begin: begin, end: end, restartWeight: restartWeight, target: target, inEpochs: inEpochs, at: location)
        }
        var result: [ConfigNode] = []
        var cycle = 0
        while cycle * period < length {
            let scale = pow(gamma, Double(cycle))
            let start = cycle * period
            if up == 0 {
                // MMCV's U = 0 branch: one phase from r0·b to (1 - s + r1·s)·b (A.3).
                let low = LrConfigRule.tidy(1 - scale + downRatio * scale)
                result.append(segment(begin: start, end: start + period, restartWeight: upRatio, target: ("eta_min_ratio", low)))
            } else {
                let peak = LrConfigRule.tidy(1 - scale + upRatio * scale)
                result.append(segment(begin: start, end: start + up, restartWeight: 1.0, target: ("eta_min_ratio", peak)))
                if start + up < length {
                    result.append(segment(begin: start + up, end: start + period, restartWeight: peak, target: ("eta_min_ratio", downRatio)))
                }
            }
            cycle += 1
        }
        return result
    }
}
