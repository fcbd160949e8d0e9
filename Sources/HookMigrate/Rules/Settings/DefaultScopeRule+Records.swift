extension DefaultScopeRule {
    /// The records the `default_scope` rule writes, one case per kind of record (id `default_scope/<raw value>`).
    /// A case's documentation is its `summary` and `kinds`, printed in docs/records.md.
    public enum Records: String, RecordCode {
        case scopeReplaced = "scope-replaced"
        case scopeGiven = "scope-given"
        case scopeRenamed = "scope-renamed"
        case scopeNotPackageName = "scope-not-package-name"
        case scopeKept = "scope-kept"
        case scopeInferred = "scope-inferred"
        case scopeNotInferred = "scope-not-inferred"
        case genericVisualizerUnknownScope = "generic-visualizer-unknown-scope"
        case genericVisualizer = "generic-visualizer"
        case packageVisualizer = "package-visualizer"
        case visualizationHook = "visualization-hook"
        case visualizationCustomHook = "visualization-custom-hook"
        case modelScope = "model-scope"

        public static var rule: String { DefaultScopeRule.id }

        public var summary: String {
            switch self {
            case .scopeReplaced: "The input's default_scope is replaced by --scope."
            case .scopeGiven: "default_scope given with --scope (with whether the inference agrees)."
            case .scopeRenamed: "The scope given is the MMCV 1.x-era name; the MMEngine-era package uses another."
            case .scopeNotPackageName: "The input's default_scope is not a package name: kept, no package visualizer is chosen."
            case .scopeKept: "default_scope kept from the input (with whether the inference agrees)."
            case .scopeInferred: "default_scope inferred from the config's types and paths."
            case .scopeNotInferred: "The package could not be inferred: default_scope needs a person."
            case .genericVisualizerUnknownScope: "The generic Visualizer is kept: hookmigrate knows no visualizer of the scope."
            case .genericVisualizer: "The generic Visualizer is kept, as the package's runtime does for this task."
            case .packageVisualizer: "The package's visualizer, as its runtime sets it."
            case .visualizationHook: "The package's visualization hook, as its runtime registers it."
            case .visualizationCustomHook: "The package's result-saving hook, as its runtime adds it to custom_hooks."
            case .modelScope: "A model of the package the scope builds on gets `_scope_`."
            }
        }

        public var kinds: [MigrationRecord.Kind] {
            switch self {
            case .scopeReplaced, .scopeRenamed, .scopeNotPackageName: [.warning]
            case .scopeGiven, .scopeKept, .scopeInferred, .genericVisualizerUnknownScope, .genericVisualizer,
                 .packageVisualizer, .visualizationHook, .visualizationCustomHook, .modelScope: [.change]
            case .scopeNotInferred: [.manualStep]
            }
        }
    }
}
