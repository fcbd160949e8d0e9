/// One MMEngine 0.10.7 parameter scheduler (`_ParamScheduler` in
/// `mmengine/optim/scheduler/param_scheduler.py` and its subclasses) acting on simulated parameter groups,
/// with the library's chained arithmetic (schedules.md B.1, B.2, E.5).
///
/// - Construction (`last_step == -1`): every group `setdefault('initial_<param>', value)`, `base_values`
///   = those initial values (so every scheduler of one optimizer shares `b`); OneCycleLR first
///   **overwrites** `initial_lr = eta_max / div_factor` (and keeps `max_lr`, `min_lr`). Momentum schedulers
///   need a group with `momentum` or `betas` (`ValueError` otherwise) and drive `momentum` or `betas[0]`.
///   Then the constructor **performs one `step()`**.
/// - `step()`: `_global_step += 1` (starting at -1, so the constructor's call makes it 0); only when
///   `begin <= _global_step < end`: `last_step += 1` and the new values are computed from the groups'
///   current values and written. Outside the range nothing is written; what earlier steps or other
///   schedulers left stays (E.14).
///
/// `begin`, `end`, `T_max`, `step_size`, milestones and periods are doubles because the library only compares
/// and divides them (an unconverted float `end` is legal); `end` defaults to `INF = int(1e9)`.
public struct ParamScheduler: Sendable, Hashable {
    /// `INF = int(1e9)`, the default `end`.
    public static let infinity: Double = 1e9

    /// The class name (`MultiStepLR`, `CosineAnnealingMomentum` …), for traces and messages.
    public let type: String
    /// What each step does.
    public let kind: ParamSchedulerKind
    /// `lr` or momentum.
    public let parameter: ScheduledParameter
    /// `begin`.
    public let begin: Double
    /// `end`.
    public let end: Double
    /// `by_epoch`: stepped by `ParamSchedulerHook.after_train_epoch` (true) or `after_train_iter` (false).
    public let byEpoch: Bool
    /// `base_values` captured at construction.
    public let baseValues: [Double]
    /// `last_step`: the number of in-range steps minus one.
    public internal(set) var lastStep: Int
    /// `_global_step`: the number of `step()` calls minus one.
    public internal(set) var globalStep: Int
    /// `_last_value`: the groups' values after the last `step()`.
    public private(set) var lastValues: [Double] = []

    /// `end - begin - 1` (Constant, Linear, Poly).
    let totalIters: Double
    /// The resolved `T_max` of CosineAnnealing (`T_max or (end - begin)`).
    let cosinePeriod: Double
    /// OneCycle: `group['max_lr']` per group.
    let oneCycleMax: [Double]
    /// OneCycle: `group['min_lr']` per group.
    let oneCycleMin: [Double]

    /// Builds the scheduler on `groups` (which it modifies: initial values, then the constructor's step).
    /// Throws `ScheduleRuntimeError` for what the constructor rejects.
    public init(type: String? = nil, kind: ParamSchedulerKind, parameter: ScheduledParameter,
                begin: Double = 0, end: Double = ParamScheduler.infinity, lastStep: Int = -1, byEpoch: Bool = true,
                groups: inout [ParamGroup]) throws {
        self.type = type ?? ParamScheduler.defaultTypeName(kind: kind, parameter: parameter)
        if parameter == .momentum && !groups.allSatisfy(\.supportsMomentum) {
            throw ScheduleRuntimeError(.valueError, "optimizer must support momentum when using momentum scheduler")
        }
        totalIters = end - begin - 1
        var period = 0.0
        var maxima: [Double] = []
        var minima: [Double] = []
        switch kind {
        case .constant(let factor):
            guard factor >= 0 && factor <= 1 else {
                throw ScheduleRuntimeError(.valueError, "Constant multiplicative factor should between 0 and 1.")
            }
        case let .linear(startFactor, endFactor):
            guard startFactor >= 0 && startFactor <= 1 else {
                throw ScheduleRuntimeError(.valueError, "Starting multiplicative factor should between 0 and 1.")
            }
            guard endFactor >= 0 && endFactor <= 1 else {
                throw ScheduleRuntimeError(.valueError, "Ending multiplicative factor should between 0 and 1.")
            }
        case .cosineAnnealing(let tMax, _):
            period = (tMax == nil || tMax == 0) ? end - begin : tMax ?? 0
        case let .cosineRestart(periods, weights, _):
            guard periods.count == weights.count else {
                throw ScheduleRuntimeError(.assertionError, "periods and restart_weights should have the same length.")
            }
        case .oneCycle(let settings):
            guard parameter == .lr else {
                throw ScheduleRuntimeError(.assertionError, "OneCycle only works for learning rate updating, but got patam_name as momentum")
            }
            if let total = settings.totalSteps, total <= 0 {
                throw ScheduleRuntimeError(.valueError, "Expected positive integer total_steps, but got \(total)")
            }
            guard settings.pctStart >= 0 && settings.pctStart <= 1 else {
                throw ScheduleRuntimeError(.valueError, "Expected float between 0 and 1 pct_start, but got \(settings.pctStart)")
            }
            if settings.etaMaxPerGroup && settings.etaMax.count != groups.count {
                throw ScheduleRuntimeError(.valueError, "expected \(groups.count) values for max_lr, got \(settings.etaMax.count)")
            }
            maxima = settings.etaMaxPerGroup ? settings.etaMax : Array(repeating: settings.etaMax.first ?? 0, count: groups.count)
            if lastStep == -1 {
                for index in groups.indices {
                    let initial = try PyFloat.div(maxima[index], settings.divFactor)
                    groups[index].setInitialValue(initial, of: .lr)
                    minima.append(try PyFloat.div(initial, settings.finalDivFactor))
                }
            }
        case .quadraticWarmup:
            guard end < ParamScheduler.infinity else {
                throw ScheduleRuntimeError(.valueError, "``end`` must be less than infinity,Please set ``end`` parameter of ``QuadraticWarmupScheduler`` as the number of warmup end.")
            }
        case .compatUpdater:
            // The compat module's checks, before the base class's.
            guard !byEpoch else {
                throw ScheduleRuntimeError(.valueError, "MMCVLrUpdaterLR steps by iteration: write by_epoch=False, or by_epoch=True with convert_to_iter_based=True in an epoch loop")
            }
            guard begin == 0, end != ParamScheduler.infinity else {
                throw ScheduleRuntimeError(.valueError, "MMCVLrUpdaterLR needs begin=0 and a finite end (the run length in iterations)")
            }
        default:
            break
        }
        guard end > begin else {
            throw ScheduleRuntimeError(.valueError, "end should be larger than begin, but got begin=\(begin), end=\(end)")
        }
        guard lastStep >= -1 else {
            throw ScheduleRuntimeError(.assertionError, "last_step must be an int >= -1, got \(lastStep)")
        }
        // The simulation counts steps in 32 bits, as traces do: a resumed count beyond that is not simulated.
        guard lastStep <= Int(Int32.max) else {
            throw ScheduleRuntimeError(.overflowError, "last_step=\(lastStep) is beyond the \(Int32.max) steps a simulated run counts")
        }
        var bases: [Double] = []
        for index in groups.indices {
            if lastStep == -1 {
                groups[index].setDefaultInitialValue(groups[index].value(of: parameter) ?? 0, of: parameter)
            } else if groups[index].initialValue(of: parameter) == nil {
                throw ScheduleRuntimeError(.keyError, "param 'initial_\(parameter.rawValue)' is not specified in param_groups[\(index)] when resuming an optimizer")
            }
            bases.append(groups[index].initialValue(of: parameter) ?? 0)
        }
        if case .oneCycle(let settings) = kind, minima.isEmpty {
            // Resuming (`last_step != -1`): the groups keep the bounds of the earlier run.
            minima = try groups.map { try PyFloat.div($0.initialLr ?? 0, settings.finalDivFactor) }
        }
        cosinePeriod = period
        oneCycleMax = maxima
        oneCycleMin = minima
        self.kind = kind
        self.parameter = parameter
        self.begin = begin
        self.end = end
        self.byEpoch = byEpoch
        self.baseValues = bases
        self.lastStep = lastStep
        self.globalStep = -1
        try step(groups: &groups)
    }

    /// `step()`: advances `_global_step` and, inside `[begin, end)`, writes the next values.
    public mutating func step(groups: inout [ParamGroup]) throws {
        if advanceStep() { try writeNextValues(groups: &groups) }
        recordLastValues(groups)
    }

    /// `step()`'s counters: `_global_step += 1` and, inside `[begin, end)`, `last_step += 1`. Returns
    /// whether this step writes values.
    @inline(__always) mutating func advanceStep() -> Bool {
        globalStep += 1
        let position = Double(globalStep)
        guard begin <= position && position < end else { return false }
        lastStep += 1
        return true
    }

    /// `step()` for an optimizer of one group held as a plain value (the proof's bulk path).
    public mutating func step(group: inout ParamGroup) throws {
        if advanceStep() { try writeNextValue(&group, index: 0) }
        recordLastValue(group)
    }

    /// `step(group:)` when this scheduler steps by iteration.
    @inline(__always) mutating func stepIteration(group: inout ParamGroup) throws {
        if !byEpoch { try step(group: &group) }
    }

    /// `_last_value` of a one-group optimizer.
    mutating func recordLastValue(_ group: ParamGroup) {
        let value = group.value(of: parameter) ?? 0
        if lastValues.count == 1 { lastValues[0] = value } else { lastValues = [value] }
    }

    /// `_last_value`: the groups' values now (kept in place: no array per step).
    mutating func recordLastValues(_ groups: [ParamGroup]) {
        guard lastValues.count == groups.count else {
            lastValues = groups.map { $0.value(of: parameter) ?? 0 }
            return
        }
        for index in groups.indices { lastValues[index] = groups[index].value(of: parameter) ?? 0 }
    }

    /// Whether `step()` would write at the next call.
    public var writesAtNextStep: Bool {
        let position = Double(globalStep + 1)
        return begin <= position && position < end
    }

    /// `MultiStepLR`, `CosineAnnealingMomentum` …
    static func defaultTypeName(kind: ParamSchedulerKind, parameter: ScheduledParameter) -> String {
        let stem: String
        switch kind {
        case .constant: stem = "Constant"
        case .linear: stem = "Linear"
        case .exponential: stem = "Exponential"
        case .step: stem = "Step"
        case .multiStep: stem = "MultiStep"
        case .poly: stem = "Poly"
        case .cosineAnnealing: stem = "CosineAnnealing"
        case .cosineRestart: stem = "CosineRestart"
        case .oneCycle: stem = "OneCycle"
        case .quadraticWarmup: return "QuadraticWarmupLR"
        case .compatUpdater: return CompatUpdaterSchedule.type
        }
        return stem + (parameter == .lr ? "LR" : "Momentum")
    }
}
