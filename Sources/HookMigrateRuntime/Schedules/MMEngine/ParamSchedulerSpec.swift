import HookMigrateCore

/// One `param_scheduler` dict read into a scheduler class, its parameter and its arguments
/// (`mmengine/optim/scheduler/lr_scheduler.py`, `momentum_scheduler.py`, `param_scheduler.py` defaults).
struct ParamSchedulerSpec {
    /// The class name.
    var type: String
    /// `lr` or momentum.
    var parameter: ScheduledParameter
    /// The arguments.
    var kind: ParamSchedulerKind

    /// Keyword arguments every scheduler dict may hold (`_scope_`, `convert_to_iter_based` and
    /// `epoch_length` are consumed by the build function).
    static let commonKeys: Set<String> = ["type", "begin", "end", "last_step", "by_epoch", "verbose",
                                          "convert_to_iter_based", "epoch_length", "_scope_"]

    /// The simulated classes: stem → its own keyword arguments.
    static let stems: [(stem: String, keys: Set<String>)] = [
        ("Constant", ["factor"]),
        ("Linear", ["start_factor", "end_factor"]),
        ("Exponential", ["gamma"]),
        ("Step", ["step_size", "gamma"]),
        ("MultiStep", ["milestones", "gamma"]),
        ("Poly", ["eta_min", "power"]),
        ("CosineAnnealing", ["T_max", "eta_min", "eta_min_ratio"]),
        ("CosineRestart", ["periods", "restart_weights", "eta_min", "eta_min_ratio"]),
        ("OneCycle", ["eta_max", "total_steps", "pct_start", "anneal_strategy", "div_factor", "final_div_factor", "three_phase"]),
    ]

    /// mmdet 3.x's QuadraticWarmupLR, by its name in mmdet's scope or with the scope written.
    static let quadraticWarmupTypes: Set<String> = ["QuadraticWarmupLR", "mmdet.QuadraticWarmupLR"]

    /// Reads `type` and the class's arguments.
    static func parse(_ args: ScheduleArguments) throws -> ParamSchedulerSpec {
        guard let typeNode = args.raw("type") else {
            throw ConfigError(.missingKey, "`\(args.path)`: `cfg` must contain the key \"type\" (KeyError)", at: args.location)
        }
        let type = try typeNode.string(args.path.appending("type"))
        if quadraticWarmupTypes.contains(type) {
            try args.rejectUnknown(allowed: commonKeys, owner: type)
            return ParamSchedulerSpec(type: type, parameter: .lr, kind: .quadraticWarmup)
        }
        if type == CompatUpdaterSchedule.type {
            try args.rejectUnknown(allowed: commonKeys.union(CompatUpdaterSchedule.keys), owner: type)
            return ParamSchedulerSpec(type: type, parameter: .lr, kind: .compatUpdater(try CompatUpdaterSchedule.parse(args)))
        }
        var match: (stem: String, keys: Set<String>, parameter: ScheduledParameter)?
        for entry in stems {
            if type == entry.stem + "LR" { match = (entry.stem, entry.keys, .lr) }
            if type == entry.stem + "Momentum" && entry.stem != "OneCycle" { match = (entry.stem, entry.keys, .momentum) }
        }
        guard let match else {
            throw ConfigError(.invalidValue, "`\(args.path.appending("type"))`: \(type) is not a parameter scheduler this simulator knows (MMEngine 0.10.7 registers ConstantLR, LinearLR, ExponentialLR, StepLR, MultiStepLR, PolyLR, CosineAnnealingLR, CosineRestartLR, OneCycleLR, ReduceOnPlateauLR and the *Momentum forms; there is no CyclicLR)", at: typeNode.location ?? args.location)
        }
        try args.rejectUnknown(allowed: commonKeys.union(match.keys), owner: type)
        let kind = try readKind(stem: match.stem, type: type, args)
        return ParamSchedulerSpec(type: type, parameter: match.parameter, kind: kind)
    }

    /// The class's arguments with MMEngine's defaults.
    private static func readKind(stem: String, type: String, _ args: ScheduleArguments) throws -> ParamSchedulerKind {
        switch stem {
        case "Constant":
            return .constant(factor: try args.double("factor", default: 1.0 / 3))
        case "Linear":
            return .linear(startFactor: try args.double("start_factor", default: 1.0 / 3), endFactor: try args.double("end_factor", default: 1.0))
        case "Exponential":
            return .exponential(gamma: try args.requiredDouble("gamma", for: type))
        case "Step":
            return .step(stepSize: try args.requiredDouble("step_size", for: type), gamma: try args.double("gamma", default: 0.1))
        case "MultiStep":
            guard let milestones = try args.doubles("milestones") else { throw args.missing("milestones", for: type) }
            return .multiStep(milestones: milestones, gamma: try args.double("gamma", default: 0.1))
        case "Poly":
            return .poly(etaMin: try args.double("eta_min", default: 0), power: try args.double("power", default: 1.0))
        case "CosineAnnealing":
            let etaMin = try args.optionalDouble("eta_min")
            let ratio = try args.optionalDouble("eta_min_ratio")
            if etaMin != nil && ratio != nil {
                throw args.invalid("Either `eta_min` or `eta_min_ratio should be specified (both are) (AssertionError)")
            }
            return .cosineAnnealing(tMax: try args.optionalDouble("T_max"), floor: ratio.map(ParamSchedulerFloor.ratio) ?? .absolute(etaMin ?? 0))
        case "CosineRestart":
            guard let periods = try args.doubles("periods") else { throw args.missing("periods", for: type) }
            let weights = try args.doubles("restart_weights", default: [1]) ?? [1]
            let floor: ParamSchedulerFloor
            switch (try args.optionalDouble("eta_min"), try args.optionalDouble("eta_min_ratio")) {
            case (let value?, nil): floor = .absolute(value)
            case (nil, let value?): floor = .ratio(value)
            default: throw args.invalid("\(type) needs exactly one of `eta_min` and `eta_min_ratio` (AssertionError)")
            }
            return .cosineRestart(periods: periods, restartWeights: weights, floor: floor)
        default:
            return .oneCycle(try readOneCycle(args))
        }
    }

    /// OneCycleLR's arguments and its type checks (`total_steps` a positive int, `pct_start` a float).
    private static func readOneCycle(_ args: ScheduleArguments) throws -> ParamSchedulerKind.OneCycleSettings {
        var etaMax: [Double] = [0]
        var perGroup = false
        if let node = args.raw("eta_max") {
            if let list = node.list {
                etaMax = try list.items.enumerated().map { try $0.element.double(args.path.appending("eta_max").appending(index: $0.offset)) }
                perGroup = true
            } else {
                etaMax = [try node.double(args.path.appending("eta_max"))]
            }
        }
        var totalSteps: Double?
        if let node = args.node("total_steps") {
            guard case .scalar(.int(let value)) = node.value, value > 0 else {
                throw args.invalid("total_steps", "Expected positive integer total_steps, but got \(node.description) (ValueError)")
            }
            totalSteps = Double(value)
        }
        let pctStart = try args.pythonFloat("pct_start", default: 0.3)
        guard pctStart >= 0 && pctStart <= 1 else {
            throw args.invalid("pct_start", "Expected float between 0 and 1 pct_start, but got \(pctStart) (ValueError)")
        }
        return ParamSchedulerKind.OneCycleSettings(
            etaMax: etaMax, etaMaxPerGroup: perGroup, totalSteps: totalSteps, pctStart: pctStart,
            anneal: try LegacyAnneal.parse(args), divFactor: try args.double("div_factor", default: 25),
            finalDivFactor: try args.double("final_div_factor", default: 1e4), threePhase: try args.flag("three_phase", default: false))
    }

    /// `build_iter_from_epoch`'s per-class scaling of unit-bearing arguments by `L`.
    static func converted(_ kind: ParamSchedulerKind, scale: Double) -> ParamSchedulerKind {
        switch kind {
        case let .step(stepSize, gamma):
            return .step(stepSize: stepSize * scale, gamma: gamma)
        case let .multiStep(milestones, gamma):
            return .multiStep(milestones: milestones.map { $0 * scale }, gamma: gamma)
        case let .cosineAnnealing(tMax, floor):
            return .cosineAnnealing(tMax: tMax.map { $0 * scale }, floor: floor)
        case let .cosineRestart(periods, weights, floor):
            return .cosineRestart(periods: periods.map { $0 * scale }, restartWeights: weights, floor: floor)
        case .oneCycle(var settings):
            settings.totalSteps = settings.totalSteps.map { $0 * scale }
            return .oneCycle(settings)
        case .compatUpdater(var schedule):
            // The module's build_iter_from_epoch keeps the epoch length.
            schedule.epochLength = Int(scale)
            return .compatUpdater(schedule)
        default:
            return kind
        }
    }
}
