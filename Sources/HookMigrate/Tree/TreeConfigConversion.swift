import HookMigrateCore

/// One complete config of a tree once it is converted (and proven, unless validation is off), as
/// `TreeMigrationOptions.onConfig` receives it: `--plots` draws each one from here.
public struct TreeConfigConversion: Sendable {
    /// The input file, relative to the input root.
    public var path: String
    /// The resolved legacy config.
    public var legacy: ConfigMapping
    /// Its flat MMEngine conversion (what the proof ran).
    public var converted: ConfigMapping
    /// The proof (every epoch length it ran); `nil` when validation is off.
    public var proof: ProofResult?
}
