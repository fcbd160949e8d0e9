import HookMigrateCore

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

    /// The facts of the optimizer the schedules act on: mmedit's `optimizers` when set, else `optimizer`. A
    /// dict of named optimizers (MMCV's updaters act on each alike, and the converted schedulers are built
    /// for each wrapper) gives a fact only where every optimizer of the dict agrees on it.
    init(_ context: MigrationContext) {
        let plural = context.legacyNode("optimizers").flatMap { $0.isNull ? nil : $0.mapping }
        guard let source = plural ?? context.legacyNode("optimizer")?.mapping else {
            self.init(optimizer: nil)
            return
        }
        let named = !source.isEmpty && source.entries.allSatisfy { $0.value.mapping != nil }
        guard named else {
            self.init(optimizer: source)
            return
        }
        let all = source.entries.compactMap { $0.value.mapping }.map { LegacyOptimizerFacts(optimizer: $0) }
        self = all[0]
        for other in all.dropFirst() {
            if other.baseLr != baseLr { baseLr = nil }
            if other.baseMomentum != baseMomentum || other.momentumKey != momentumKey { baseMomentum = nil }
            if other.type != type { type = nil }
            if other.momentumIsDefault != momentumIsDefault { momentumIsDefault = false }
            hasParamwise = hasParamwise || other.hasParamwise
        }
    }

    /// The facts of one optimizer's config.
    init(optimizer: ConfigMapping?) {
        baseLr = nil
        baseMomentum = nil
        momentumKey = "momentum"
        type = nil
        hasParamwise = false
        guard let optimizer else { return }
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
