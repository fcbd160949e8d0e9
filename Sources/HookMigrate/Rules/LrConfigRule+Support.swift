import Foundation
import HookMigrateCore

// Pieces shared by the `lr_config` and `momentum_config` rules: reading a legacy updater-hook config the
// way MMCV 1.7.2 builds it, the run length the schedule is measured in, and assembling `param_scheduler`.

extension LrConfigRule {
    // MARK: Policy names

    /// The class-name stem MMCV looks up for a policy (`base_runner.py` `register_lr_hook`): an all-lower-case
    /// name goes through Python's `str.title()` (`step` → `Step`, `cosineannealing` → `Cosineannealing`),
    /// any other spelling is used as written.
    static func mmcvPolicyStem(_ policy: String) -> String {
        policy == policy.lowercased() ? pythonTitle(policy) : policy
    }

    /// Python's `str.title()`: a cased character is upper-cased after an uncased one, lower-cased after a cased one.
    static func pythonTitle(_ text: String) -> String {
        var result = ""
        var previousCased = false
        for character in text {
            if character.isCased {
                result += previousCased ? character.lowercased() : character.uppercased()
                previousCased = true
            } else {
                result.append(character)
                previousCased = false
            }
        }
        return result
    }

    /// A hint for a name MMCV rejects only because of its spelling (`cosineannealing` for `CosineAnnealing`).
    static func spellingHint(_ policy: String, known: [String]) -> String {
        guard let match = known.first(where: { $0.lowercased() == policy.lowercased() }) else { return "" }
        return " (the MMCV policy is spelled `\(match)`: MMCV title-cases only all-lower-case names, so `\(policy)` becomes `\(mmcvPolicyStem(policy))`)"
    }

    // MARK: Numbers

    /// Python's `round()` of a float to an int: half to even (`round(2.5) == 2`).
    static func pythonRound(_ value: Double) -> Int {
        Int(value.rounded(.toNearestOrEven))
    }

    /// Python's `int()` of a float: truncation toward zero.
    static func pythonInt(_ value: Double) -> Int {
        Int(value.rounded(.towardZero))
    }

    /// A float scalar node.
    static func float(_ value: Double, at location: SourceLocation? = nil) -> ConfigNode {
        ConfigNode(.float(value), at: location)
    }

    /// An int scalar node.
    static func int(_ value: Int, at location: SourceLocation? = nil) -> ConfigNode {
        ConfigNode(.int(value), at: location)
    }

    /// A list of ints.
    static func ints(_ values: [Int], at location: SourceLocation? = nil) -> ConfigNode {
        ConfigNode(ConfigList(values.map { ConfigNode(.int($0)) }), at: location)
    }

    /// A list of floats.
    static func floats(_ values: [Double], at location: SourceLocation? = nil) -> ConfigNode {
        ConfigNode(ConfigList(values.map { ConfigNode(.float($0)) }), at: location)
    }

    /// A number as Python prints it (`0.1`, `1e-05`, `12`).
    static func show(_ value: Double) -> String { PythonFloat.repr(value) }

    /// A computed number for messages, to 3 significant digits (`2e-05`, not `2.0000000000000005e-05`).
    static func brief(_ value: Double) -> String { String(format: "%.3g", value) }

    /// A computed value with its float noise removed: the shortest decimal within 2 ulps of it
    /// (`0.3 + 0.7 × 0.05` = `0.33499999999999996` → `0.335`); a value with no such short form is kept.
    static func tidy(_ value: Double) -> Double {
        guard value.isFinite, value != 0 else { return value }
        for digits in 1...12 {
            if let candidate = Double(String(format: "%.\(digits)g", value)), abs(candidate - value) <= 2 * value.ulp {
                return candidate
            }
        }
        return value
    }

    /// A list of numbers as Python prints it (`[1.0, 0.5]`).
    static func show(_ values: [Double]) -> String { "[" + values.map { PythonFloat.repr($0) }.joined(separator: ", ") + "]" }

    /// The running maxima of a milestone list: the epochs/iterations at which MMCV's "first milestone greater
    /// than the progress" rule actually decays (`[8, 2]` → `[8, 8]`, A.3).
    static func runningMaxima(_ steps: [Int]) -> [Int] {
        var result: [Int] = []
        var maximum = Int.min
        for step in steps {
            maximum = max(maximum, step)
            result.append(maximum)
        }
        return result
    }

    // MARK: Scheduler dicts

    /// One MMEngine scheduler dict: `type`, its arguments, then `begin`/`end`/`by_epoch` (and
    /// `convert_to_iter_based`), in that order.
    static func scheduler(_ type: String, _ arguments: KeyValuePairs<String, ConfigNode>, begin: Int? = nil, end: Int? = nil,
                          byEpoch: Bool, convertToIterBased: Bool = false, at location: SourceLocation?) -> ConfigNode {
        var mapping = ConfigMapping()
        mapping["type"] = ConfigNode(.string(type))
        for (key, value) in arguments { mapping[key] = value }
        if let begin { mapping["begin"] = ConfigNode(.int(begin)) }
        if let end { mapping["end"] = ConfigNode(.int(end)) }
        mapping["by_epoch"] = ConfigNode(.bool(byEpoch))
        if convertToIterBased { mapping["convert_to_iter_based"] = ConfigNode(.bool(true)) }
        return ConfigNode(mapping, at: location)
    }

    /// A single-period CosineRestart scheduler (`CosineRestartLR`, `CosineRestartMomentum`) by iteration whose
    /// period is the whole segment from `begin` to `end`: it restarts at `restartWeight` × the base value and
    /// anneals toward `target` (`eta_min` or `eta_min_ratio`). The cyclic and OneCycle translations chain them.
    static func restartSegment(_ type: String, begin: Int, end: Int, restartWeight: Double, target: (name: String, value: Double),
                               at location: SourceLocation?) -> ConfigNode {
        scheduler(type, ["periods": ints([end - begin]), "restart_weights": floats([restartWeight]), target.name: float(target.value)],
                  begin: begin, end: end, byEpoch: false, at: location)
    }

    /// `Type(key=value, ...)` for messages, values as Python prints them.
    static func describe(_ scheduler: ConfigNode) -> String {
        guard let mapping = scheduler.mapping else { return scheduler.description }
        let type = mapping["type"]?.scalar?.stringValue ?? "?"
        let arguments = mapping.entries.filter { $0.key != .string("type") }.map { entry in
            "\(entry.key.stringValue ?? entry.key.description)=\(entry.value.description)"
        }
        return "\(type)(\(arguments.joined(separator: ", ")))"
    }
}

// MARK: - Reading a legacy hook config

/// A legacy updater-hook config (`lr_config` / `momentum_config`) with typed, located reads. A key holding
/// `None` reads as absent, as a Python keyword argument set to `None` would be.
struct LegacyHookArguments {
    /// The mapping.
    let mapping: ConfigMapping
    /// Its path (`lr_config`).
    let path: ConfigPath
    /// Where the mapping is written.
    let location: SourceLocation?

    /// The value of a key, `nil` when absent or null.
    func node(_ key: String) -> ConfigNode? {
        guard let node = mapping[key], !node.isNull else { return nil }
        return node
    }

    /// Whether the key is present (even as null).
    func contains(_ key: String) -> Bool { mapping.contains(key) }

    /// Where a key's value is written (or the key, or the mapping).
    func location(_ key: String) -> SourceLocation? {
        mapping[key]?.location ?? mapping.entry(key)?.keyLocation ?? location
    }

    /// The config path of a key (`lr_config.step`).
    func path(_ key: String) -> String { path.appending(key).description }

    func double(_ key: String) throws -> Double? { try node(key).map { try $0.double(path.appending(key)) } }
    func int(_ key: String) throws -> Int? { try node(key).map { try $0.int(path.appending(key)) } }
    func bool(_ key: String) throws -> Bool? { try node(key).map { try $0.bool(path.appending(key)) } }
    func string(_ key: String) throws -> String? { try node(key).map { try $0.string(path.appending(key)) } }

    /// Whether the value is a Python float (not an int): MMCV checks `isinstance(x, float)` in places.
    func isFloat(_ key: String) -> Bool {
        if case .scalar(.float) = node(key)?.value { return true }
        return false
    }

    /// The keys that are not in `allowed`, in file order.
    func unknownKeys(allowed: [String]) -> [String] {
        mapping.entries.compactMap { entry in
            guard let key = entry.key.stringValue else { return entry.key.description }
            return allowed.contains(key) ? nil : key
        }
    }
}

/// A config MMCV itself refuses (an assertion, a `TypeError` or `ValueError` when the hook is built, or a crash
/// in its first iterations): reported as a manual step, nothing is emitted for it.
struct ScheduleRejection: Error {
    /// What MMCV does with it, and what to do.
    var message: String
    /// The offending value.
    var location: SourceLocation?

    init(_ message: String, at location: SourceLocation?) {
        self.message = message
        self.location = location
    }
}

// MARK: - Shared legacy shapes

/// The `step` argument of the Step policies.
enum LegacySteps: Equatable {
    /// `step=s`: decay every s epochs/iterations.
    case every(Int)
    /// `step=[m1, …]`: decay at these epochs/iterations (as written, possibly unsorted).
    case milestones([Int])

    /// Reads and validates `step` as `StepLrUpdaterHook`/`StepMomentumUpdaterHook` do.
    static func read(_ arguments: LegacyHookArguments, hook: String) throws -> LegacySteps {
        guard let node = arguments.node("step") else {
            throw ScheduleRejection("\(hook) requires `step` (MMCV raises TypeError without it)", at: arguments.location)
        }
        if case .scalar(.int(let every)) = node.value {
            guard every > 0 else { throw ScheduleRejection("`\(arguments.path("step"))` must be positive (MMCV asserts step > 0), found \(every)", at: node.location) }
            return .every(every)
        }
        guard let list = node.list, list.style == .list else {
            throw ScheduleRejection("`\(arguments.path("step"))` must be an int or a list of ints (MMCV raises TypeError for \(node.typeDescription))", at: node.location)
        }
        var steps: [Int] = []
        for item in list.items {
            guard case .scalar(.int(let step)) = item.value else {
                throw ScheduleRejection("`\(arguments.path("step"))` must hold ints only (MMCV asserts it), found \(item.typeDescription) (\(item.description))", at: item.location ?? node.location)
            }
            guard step > 0 else {
                throw ScheduleRejection("every milestone in `\(arguments.path("step"))` must be positive (MMCV asserts it), found \(step)", at: item.location ?? node.location)
            }
            steps.append(step)
        }
        return .milestones(steps)
    }

    /// The exponent MMCV uses at progress p (A.3).
    func exponent(at progress: Int) -> Int {
        switch self {
        case .every(let every): return progress / every
        case .milestones(let steps):
            return steps.firstIndex { progress < $0 } ?? steps.count
        }
    }

    /// The largest exponent reached at progress 0…last (`nil`: unbounded, the run length is unknown).
    func maximumExponent(last: Int?) -> Int? {
        switch self {
        case .every:
            guard let last else { return nil }
            return exponent(at: max(last, 0))
        case .milestones(let steps):
            guard let last else { return steps.count }
            return exponent(at: max(last, 0))
        }
    }
}

/// The floor of an annealing policy: `min_lr` (absolute) or `min_lr_ratio` (relative to each group's base).
enum LegacyFloor: Equatable {
    case absolute(Double)
    case ratio(Double)

    /// Reads `min_<name>` / `min_<name>_ratio`, exactly one of which MMCV requires.
    static func read(_ arguments: LegacyHookArguments, name: String, hook: String) throws -> LegacyFloor {
        let absolute = try arguments.double("min_\(name)")
        let ratio = try arguments.double("min_\(name)_ratio")
        switch (absolute, ratio) {
        case (let value?, nil): return .absolute(value)
        case (nil, let value?): return .ratio(value)
        case (nil, nil):
            throw ScheduleRejection("\(hook) needs exactly one of `min_\(name)` and `min_\(name)_ratio`; neither is set, so MMCV's assertion rejects this config", at: arguments.location)
        default:
            throw ScheduleRejection("\(hook) needs exactly one of `min_\(name)` and `min_\(name)_ratio`; both are set, so MMCV's assertion rejects this config", at: arguments.location(("min_\(name)_ratio")))
        }
    }

    /// Whether annealing to this floor is multiplicative (commutes with a warmup): a zero floor.
    var isZero: Bool {
        switch self {
        case .absolute(let value), .ratio(let value): return value == 0
        }
    }

    /// `eta_min=x` or `eta_min_ratio=ρ`.
    func argument(at location: SourceLocation?) -> (String, ConfigNode) {
        switch self {
        case .absolute(let value): return ("eta_min", LrConfigRule.float(value, at: location))
        case .ratio(let value): return ("eta_min_ratio", LrConfigRule.float(value, at: location))
        }
    }

    /// `min_lr=x` / `min_lr_ratio=ρ` for messages.
    func legacyText(_ name: String) -> String {
        switch self {
        case .absolute(let value): return "min_\(name)=\(LrConfigRule.show(value))"
        case .ratio(let value): return "min_\(name)_ratio=\(LrConfigRule.show(value))"
        }
    }
}

/// The arguments of `CyclicLrUpdaterHook` / `CyclicMomentumUpdaterHook`.
struct LegacyCyclic: Equatable {
    var targetRatio: (Double, Double)
    var cyclicTimes: Int
    var stepRatioUp: Double
    var annealStrategy: String
    var gamma: Double

    static func == (lhs: LegacyCyclic, rhs: LegacyCyclic) -> Bool {
        lhs.targetRatio == rhs.targetRatio && lhs.cyclicTimes == rhs.cyclicTimes && lhs.stepRatioUp == rhs.stepRatioUp
            && lhs.annealStrategy == rhs.annealStrategy && lhs.gamma == rhs.gamma
    }

    /// Reads and validates the arguments; `defaultTarget` is `(10, 1e-4)` for lr, `(0.85/0.95, 1)` for momentum.
    static func read(_ arguments: LegacyHookArguments, hook: String, defaultTarget: (Double, Double), checkGamma: Bool) throws -> LegacyCyclic {
        var target = defaultTarget
        if let node = arguments.node("target_ratio") {
            switch node.value {
            case .scalar(.float(let value)):
                target = (value, value / 1e5)
            case .list(let list):
                // A `.py` tuple; a YAML/JSON dump may have made it a list (E.15), which is accepted here.
                let values = try list.items.enumerated().map { index, item in
                    try item.double(ConfigPath(arguments.path("target_ratio")).appending(index: index))
                }
                if values.count == 1 {
                    target = (values[0], values[0] / 1e5)
                } else if values.count == 2 {
                    target = (values[0], values[1])
                } else {
                    throw ScheduleRejection("`\(arguments.path("target_ratio"))` must hold two ratios (MMCV asserts it), found \(values.count)", at: node.location)
                }
            default:
                throw ScheduleRejection("`\(arguments.path("target_ratio"))` must be a float or a tuple of floats; MMCV raises ValueError for \(node.typeDescription) (\(node.description))", at: node.location)
            }
        }
        let cyclicTimes = try arguments.int("cyclic_times") ?? 1
        let stepRatioUp = try arguments.double("step_ratio_up") ?? 0.4
        guard stepRatioUp >= 0, stepRatioUp < 1 else {
            throw ScheduleRejection("`\(arguments.path("step_ratio_up"))` must be in [0, 1) (MMCV asserts it), found \(show(stepRatioUp))", at: arguments.location("step_ratio_up"))
        }
        let strategy = try arguments.string("anneal_strategy") ?? "cos"
        guard strategy == "cos" || strategy == "linear" else {
            throw ScheduleRejection("`\(arguments.path("anneal_strategy"))` must be 'cos' or 'linear' (MMCV raises ValueError), found '\(strategy)'", at: arguments.location("anneal_strategy"))
        }
        let gamma = try arguments.double("gamma") ?? 1
        if checkGamma, !(gamma > 0 && gamma <= 1) {
            throw ScheduleRejection("`\(arguments.path("gamma"))` must be in (0, 1] (MMCV asserts it), found \(show(gamma))", at: arguments.location("gamma"))
        }
        return LegacyCyclic(targetRatio: target, cyclicTimes: cyclicTimes, stepRatioUp: stepRatioUp, annealStrategy: strategy, gamma: gamma)
    }

    private static func show(_ value: Double) -> String { LrConfigRule.show(value) }

    /// The single-period CosineRestart segments that reproduce the cycles over `iterations` iterations
    /// (schedules.md C.4), or a rejection when MMCV would crash. `type` is `CosineRestartLR` or `CosineRestartMomentum`.
    func segments(type: String, iterations: Int, at location: SourceLocation?) throws -> [ConfigNode] {
        guard cyclicTimes > 0 else {
            throw ScheduleRejection("`cyclic_times` must be positive: MMCV divides max_iters by it (ZeroDivisionError)", at: location)
        }
        let period = iterations / cyclicTimes
        guard period > 0 else {
            throw ScheduleRejection("max_iters=\(iterations) // cyclic_times=\(cyclicTimes) is 0 iterations per cycle: MMCV fails with ZeroDivisionError in its first iteration", at: location)
        }
        let up = LrConfigRule.pythonInt(stepRatioUp * Double(period))
        var result: [ConfigNode] = []
        var cycle = 0
        while cycle * period < iterations {
            let scale = pow(gamma, Double(cycle))
            let start = cycle * period
            if up == 0 {
                // MMCV's U = 0 branch: one phase from r0·b to (1 - s + r1·s)·b (A.3).
                let low = LrConfigRule.tidy(1 - scale + targetRatio.1 * scale)
                result.append(LrConfigRule.restartSegment(type, begin: start, end: start + period, restartWeight: targetRatio.0,
                                                          target: ("eta_min_ratio", low), at: location))
            } else {
                let peak = LrConfigRule.tidy(1 - scale + targetRatio.0 * scale)
                result.append(LrConfigRule.restartSegment(type, begin: start, end: start + up, restartWeight: 1.0,
                                                          target: ("eta_min_ratio", peak), at: location))
                if start + up < iterations {
                    result.append(LrConfigRule.restartSegment(type, begin: start + up, end: start + period, restartWeight: peak,
                                                              target: ("eta_min_ratio", targetRatio.1), at: location))
                }
            }
            cycle += 1
        }
        return result
    }
}

// MARK: - The run the schedule is measured in

/// The legacy run as the schedule sees it: runner kind, E, N (given, or E·L), L.
struct ScheduleSpan {
    /// The runner kind; `nil` when the config states no usable runner.
    var kind: LoopFacts.Kind?
    /// E, for an epoch runner.
    var epochs: Int?
    /// N: an iteration runner's max_iters, or E·L for an epoch runner when L is known.
    var iterations: Int?
    /// L, when given.
    var itersPerEpoch: Int?

    init(loop: LoopFacts?, itersPerEpoch: Int?) {
        kind = loop?.kind
        self.itersPerEpoch = itersPerEpoch.flatMap { $0 > 0 ? $0 : nil }
        switch loop?.kind {
        case .epoch?:
            epochs = loop?.maxEpochs
            if let epochs, let per = self.itersPerEpoch { iterations = epochs * per }
        case .iteration?:
            iterations = loop?.maxIters
        case nil:
            break
        }
    }

    /// H for a policy stepped by epoch (E) or by iteration (N).
    func horizon(byEpoch: Bool) -> Int? { byEpoch ? epochs : iterations }

    /// Why H is unknown, for messages.
    func missingHorizon(byEpoch: Bool) -> String {
        if kind == nil {
            return "the length of the run is unknown (see the runner record)"
        }
        if !byEpoch, kind == .epoch {
            return "the number of iterations N = max_epochs × iterations per epoch is unknown: rerun with --iters-per-epoch L (the length of the train dataloader)"
        }
        return "the length of the run is unknown"
    }
}

// MARK: - Base values from the legacy optimizer

/// What the legacy `optimizer` says about the base values the schedules start from.
struct LegacyOptimizerFacts {
    /// `optimizer.lr`, when the optimizer is a single one with a numeric lr.
    var baseLr: Double?
    /// The base momentum (`momentum`, `betas[0]`, or the torch default of the type), when known.
    var baseMomentum: Double?
    /// Which key holds the momentum (`momentum` or `betas[0]`), for messages.
    var momentumKey: String
    /// The optimizer type, when given.
    var type: String?
    /// Whether `paramwise_cfg` may give param groups other base values.
    var hasParamwise: Bool
    /// Whether the base momentum is the optimizer type's default (not written in the config).
    var momentumIsDefault = false

    /// Optimizer types without momentum or betas (MMCV's momentum hooks fail on them).
    static let withoutMomentum: Set<String> = ["Adagrad", "Adadelta", "ASGD", "Rprop", "LBFGS"]
    /// Optimizer types whose momentum is `betas[0]` (torch default 0.9).
    static let withBetas: Set<String> = ["Adam", "AdamW", "Adamax", "NAdam", "RAdam", "SparseAdam"]
    /// Optimizer types with a `momentum` argument defaulting to 0.
    static let withMomentum: Set<String> = ["SGD", "RMSprop"]

    init(_ context: MigrationContext) {
        baseLr = nil
        baseMomentum = nil
        momentumKey = "momentum"
        type = nil
        hasParamwise = false
        guard let optimizer = context.legacyNode("optimizer")?.mapping else { return }
        type = optimizer["type"]?.scalar?.stringValue
        hasParamwise = optimizer["paramwise_cfg"].map { !$0.isNull } ?? false
        if case .scalar(let scalar)? = optimizer["lr"]?.value {
            baseLr = Self.number(scalar)
        }
        if case .scalar(let scalar)? = optimizer["momentum"]?.value {
            baseMomentum = Self.number(scalar)
        } else if let betas = optimizer["betas"]?.list, let first = betas.items.first?.scalar {
            momentumKey = "betas[0]"
            baseMomentum = Self.number(first)
        } else if let type, Self.withMomentum.contains(type) {
            baseMomentum = 0
            momentumIsDefault = true
        } else if let type, Self.withBetas.contains(type) {
            momentumKey = "betas[0]"
            baseMomentum = 0.9
            momentumIsDefault = true
        }
        if optimizer["momentum"] == nil, let type, Self.withBetas.contains(type) { momentumKey = "betas[0]" }
    }

    /// An int or float scalar as a number; nil for any other scalar.
    static func number(_ scalar: ConfigScalar) -> Double? {
        switch scalar {
        case .int(let value): return Double(value)
        case .float(let value): return value
        default: return nil
        }
    }
}

// MARK: - Assembling param_scheduler

/// The schedulers one rule emits and the records that describe them, before they are placed in the list.
struct SchedulePlan {
    /// Where a scheduler goes relative to the warmup (schedules.md C.0.4).
    enum Placement: Int, Comparable {
        /// Schedulers that set absolute values (OneCycleLR, CosineRestartLR, cyclic segments): first.
        case beforeWarmup = 0
        /// The warmup schedulers.
        case warmup = 1
        /// Every other (chained) scheduler.
        case afterWarmup = 2

        static func < (lhs: Placement, rhs: Placement) -> Bool { lhs.rawValue < rhs.rawValue }
    }

    /// Which part of the legacy config a scheduler or record belongs to.
    enum Role: Equatable {
        case main
        case warmup
    }

    struct Item {
        var role: Role
        var placement: Placement
        var node: ConfigNode
    }

    struct Record {
        var kind: MigrationRecord.Kind
        var legacyPath: String
        var message: String
        var deviation: String?
        var location: SourceLocation?
        /// The schedulers the record is about (their indices become the record's new path).
        var role: Role?
    }

    var items: [Item] = []
    var records: [Record] = []

    mutating func add(_ nodes: [ConfigNode], role: Role, placement: Placement) {
        items += nodes.map { Item(role: role, placement: placement, node: $0) }
    }

    mutating func record(_ kind: MigrationRecord.Kind, _ legacyPath: String, _ message: String, deviation: String? = nil,
                         at location: SourceLocation?, role: Role?) {
        records.append(Record(kind: kind, legacyPath: legacyPath, message: message, deviation: deviation, location: location, role: role))
    }

    /// Appends the schedulers (absolute ones first, then the warmup, then the rest) to `param_scheduler` and
    /// writes the records, each naming the entries it made.
    func commit(to context: inout MigrationContext, rule: String, source: String) {
        let ordered = items.enumerated().sorted { ($0.element.placement, $0.offset) < ($1.element.placement, $1.offset) }.map(\.element)
        var list = context.output("param_scheduler")?.list ?? ConfigList()
        let offset = list.items.count
        list.items += ordered.map(\.node)
        if !ordered.isEmpty {
            let location = context.output("param_scheduler")?.location ?? context.legacyNode(source)?.location
            context.setOutput("param_scheduler", ConfigNode(list, at: location), from: [source])
        }
        for record in records {
            var newPath: String?
            if let role = record.role {
                let indices = ordered.indices.filter { ordered[$0].role == role }.map { $0 + offset }
                if let first = indices.first, let last = indices.last {
                    newPath = first == last ? "param_scheduler[\(first)]" : "param_scheduler[\(first):\(last + 1)]"
                }
            }
            context.record(MigrationRecord(record.kind, rule: rule, legacyPath: record.legacyPath, newPath: newPath, record.message,
                                           at: record.location, deviation: record.deviation))
        }
    }
}
