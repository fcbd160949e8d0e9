import HookMigrateCore
import HookMigrateRuntime

/// What the legacy `optimizer` says about the base values the schedules start from (read by the runtime's
/// `TorchOptimizerConfig`), merged over the named optimizers of a dict of optimizers.
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
    /// The facts of one optimizer dict, as torch reads it (`TorchOptimizerConfig`, the reading the simulated
    /// runners start their param groups from); nothing is known of a dict with a wrongly typed number.
    init(optimizer: ConfigMapping?) {
        baseLr = nil
        baseMomentum = nil
        momentumKey = "momentum"
        type = nil
        hasParamwise = false
        guard let optimizer, let torch = try? TorchOptimizerConfig(optimizer) else { return }
        type = torch.type
        hasParamwise = torch.hasParamwise
        baseLr = torch.lr
        baseMomentum = torch.firstMoment
        momentumKey = torch.usesBetas ? "betas[0]" : "momentum"
        momentumIsDefault = torch.firstMomentIsDefault
    }
}
