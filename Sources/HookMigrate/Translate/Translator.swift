import HookMigrateCore

/// Converts a resolved legacy MMCV 1.x config into an MMEngine config and a report.
///
/// Runs every rule of `RuleRegistry.rules` in order over one `MigrationContext`, then lists the legacy
/// keys no rule knows (they are kept unchanged) and assembles the output.
///
/// Converting is idempotent: an input that is already an MMEngine config (`ConfigWorld`) comes back
/// unchanged with the status `alreadyMMEngine`, and one that mixes MMCV 1.x and MMEngine keys is refused
/// (`mixed-config`), so `translate(translate(x).config) == translate(x)` in config.
public struct Translator: Sendable {
    /// Conversion settings.
    public var options: MigrationOptions
    /// Records what each rule reads and writes of the others' work (`RuleOrderTests`); `nil` by default.
    public var tracer: RuleTracer?

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
        switch ConfigWorld.of(legacy) {
        case .legacy:
            break
        case .mmengine(let keys, let ignored):
            let records = ignored.map { key -> MigrationRecord in
                let counterpart = ConfigWorld.counterpart(of: key)
                var node: ConfigNode? = legacy[counterpart.split(separator: ".").first.map(String.init) ?? ""]
                for part in counterpart.split(separator: ".").dropFirst() { node = node?.mapping?[String(part)] }
                return MigrationRecord(.warning, AlreadyMMEngineRecords.ignoredKey.id, legacyPath: key, newPath: counterpart,
                                       "kept unchanged; MMEngine does not read `\(key)` (\(legacy[key]?.description ?? "")), only `\(counterpart)` (\(node?.description ?? "absent"))",
                                       at: legacy.entry(key)?.keyLocation)
            }
            return TranslationResult(config: ConfigNode(legacy, at: location),
                                     report: MigrationReport(source: location.file, records: records, status: .alreadyMMEngine(keys: keys)))
        case .mixed(let legacyKeys, let mmengineKeys):
            throw Self.mixedError(legacy, legacyKeys: legacyKeys, mmengineKeys: mmengineKeys, at: location)
        }
        var context = MigrationContext(legacy: legacy, at: location, options: options)
        context.tracer = tracer
        for rule in RuleRegistry.rules {
            tracer?.begin(rule.id)
            defer { tracer?.end() }
            try rule.apply(to: &context)
        }
        context.tracer = nil
        let known = Self.knownKeys
        var unknown: [String] = []
        for entry in legacy.entries {
            guard case .string(let key) = entry.key else { continue }
            if !known.contains(key), !context.isConsumed(key) { unknown.append(key) }
        }
        if !unknown.isEmpty {
            let list = unknown.map { "`\($0)`" }.joined(separator: ", ")
            context.warn(UnknownKeyRecords.kept, unknown.joined(separator: ", "),
                         "kept unchanged (hookmigrate has no rule for them; MMEngine passes unknown top-level keys through): \(list)",
                         at: legacy.entry(unknown[0])?.keyLocation)
        }
        if !context.isConsumed("custom_imports"), let imports = legacy["custom_imports"]?.mapping?["imports"] {
            let names = imports.list?.items.compactMap { $0.scalar?.stringValue } ?? [imports.scalar?.stringValue].compactMap { $0 }
            if !names.isEmpty {
                context.warn(CustomImportsRecords.kept, "custom_imports",
                             "kept unchanged: MMEngine imports \(names.map { "`\($0)`" }.joined(separator: ", ")) when it loads the converted config (and fails to load it where a module is missing, unless allow_failed_imports). Modules of an MMCV-era package (mmcls, mmdet 2.x, …) register into MMCV's registries, not MMEngine's, and some do not exist in the successor package (mmcls → mmpretrain): point them at the successor's modules, or remove them",
                             at: legacy.entry("custom_imports")?.keyLocation)
            }
        }
        let output = context.assembledOutput()
        return TranslationResult(config: ConfigNode(output, at: location),
                                 report: MigrationReport(source: location.file, records: context.records))
    }

    /// The legacy keys some rule reads or keeps.
    static let knownKeys = Set(RuleRegistry.rules.flatMap { $0.legacyKeys } + RuleRegistry.keptKeys)

    /// The `mixed-config` error: located at the first MMCV 1.x key, with a note at every key of both worlds.
    static func mixedError(_ config: ConfigMapping, legacyKeys: [String], mmengineKeys: [String], at location: SourceLocation) -> ConfigError {
        func describe(_ key: String) -> String {
            key == "train_cfg" || key == "test_cfg" ? "`\(key)` holding model settings" : "`\(key)`"
        }
        let legacyList = legacyKeys.map(describe).joined(separator: ", ")
        let modernList = mmengineKeys.map { "`\($0)`" }.joined(separator: ", ")
        var notes: [Diagnostic.Note] = legacyKeys.map { Diagnostic.Note("MMCV 1.x key \(describe($0))", at: config.entry($0)?.keyLocation) }
        notes += mmengineKeys.map { Diagnostic.Note("MMEngine key `\($0)`", at: config.entry($0)?.keyLocation) }
        return ConfigError(.mixedConfig, "this config mixes MMCV 1.x keys (\(legacyList)) with MMEngine keys (\(modernList)); MMEngine's Runner ignores the MMCV 1.x ones (a top-level train_cfg/test_cfg is a loop there), so neither converting nor keeping it is safe: convert the MMCV 1.x config before editing it, or remove the MMCV 1.x keys",
                           at: config.entry(legacyKeys[0])?.keyLocation ?? location, notes: notes)
    }
}
