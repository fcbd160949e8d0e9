import HookMigrateCore

/// One semantic mutation of an MMEngine config (docs/mutation-score.md): what was changed, where, and the
/// changed config.
public struct ConfigMutant: Sendable {
    /// The mutation: `milestone +1`, `warmup end -1`, `gamma changed`, `by_epoch flipped` …
    public var kind: String
    /// Where: `param_scheduler[1].milestones[0]`.
    public var site: String
    /// The mutated config.
    public var config: ConfigMapping

    /// Creates a mutant.
    public init(kind: String, site: String, config: ConfigMapping) {
        self.kind = kind
        self.site = site
        self.config = config
    }
}
