import HookMigrateCore

/// Converts a resolved legacy MMCV 1.x config into an MMEngine config and a report.
///
/// Runs every rule of `RuleRegistry.rules` in order over one `MigrationContext`, then lists the legacy
/// keys no rule knows (they are kept unchanged) and assembles the output.
public struct Translator: Sendable {
    /// Conversion settings.
    public var options: MigrationOptions

    /// Creates a translator.
    public init(options: MigrationOptions = MigrationOptions()) {
        self.options = options
    }

    /// Converts a loaded config.
    public func translate(_ loaded: LoadedConfig) throws -> TranslationResult {
        try translate(loaded.root, at: loaded.rootLocation)
    }

    /// Converts a resolved legacy mapping.
    public func translate(_ legacy: ConfigMapping, at location: SourceLocation) throws -> TranslationResult {
        var context = MigrationContext(legacy: legacy, at: location, options: options)
        for rule in RuleRegistry.rules {
            try rule.apply(to: &context)
        }
        let known = Set(RuleRegistry.rules.flatMap { $0.legacyKeys } + RuleRegistry.keptKeys)
        var unknown: [String] = []
        for entry in legacy.entries {
            guard case .string(let key) = entry.key else { continue }
            if !known.contains(key), !context.isConsumed(key) { unknown.append(key) }
        }
        if !unknown.isEmpty {
            let list = unknown.map { "`\($0)`" }.joined(separator: ", ")
            context.warn("unknown-keys", unknown.joined(separator: ", "),
                         "kept unchanged (hookmigrate has no rule for them; MMEngine passes unknown top-level keys through): \(list)",
                         at: legacy.entry(unknown[0])?.keyLocation)
        }
        let output = context.assembledOutput()
        return TranslationResult(config: ConfigNode(output, at: location),
                                 report: MigrationReport(source: location.file, records: context.records))
    }
}
