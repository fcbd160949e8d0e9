import HookMigrateCore

/// What rules read and write during one conversion: the resolved legacy config (read-only), the new
/// config being built, the loop facts, and the report.
///
/// Rules never build the output's key order themselves: each new top-level key is placed where its first
/// legacy source key stood in the input (so the output keeps the input's order), keys with no source go
/// last in `MigrationContext.canonicalOrder` (except `leadingKeys`, which go first), and `default_hooks` is
/// assembled in MMEngine's own order.
public struct MigrationContext: Sendable {
    /// The resolved legacy config.
    public let legacy: ConfigMapping
    /// Where the legacy config starts (for records about absent keys).
    public let legacyLocation: SourceLocation
    /// Conversion settings.
    public let options: MigrationOptions
    /// The legacy runner; set by the `runner` rule, which runs first.
    public var loop: LoopFacts? {
        get {
            tracer?.read(.loopFacts)
            return loopFacts
        }
        set {
            tracer?.wrote(.loopFacts)
            loopFacts = newValue
        }
    }
    private var loopFacts: LoopFacts?
    /// Records what each rule reads and writes (tests of the rule order); `nil` in a normal conversion.
    public var tracer: RuleTracer?
    /// The report so far.
    public private(set) var records: [MigrationRecord] = []

    struct Output: Sendable {
        var node: ConfigNode
        var sources: [String]
        var insertion: Int
    }

    private(set) var outputs: [String: Output] = [:]
    private(set) var outputInsertions = 0
    private(set) var consumed: Set<String> = []
    private(set) var defaultHooks: [(name: String, node: ConfigNode)] = []

    /// Creates a context over a resolved legacy config.
    public init(legacy: ConfigMapping, at location: SourceLocation, options: MigrationOptions) {
        self.legacy = legacy
        self.legacyLocation = location
        self.options = options
    }

    // MARK: Reading the legacy config

    /// A legacy top-level value.
    public func legacyNode(_ key: String) -> ConfigNode? { legacy[key] }

    /// The location of a legacy top-level key (the key itself), or of the config when absent.
    public func legacyKeyLocation(_ key: String) -> SourceLocation {
        legacy.entry(key)?.keyLocation ?? legacyLocation
    }

    /// Marks a legacy top-level key as handled: it does not appear in the output.
    public mutating func consume(_ key: String) {
        consumed.insert(key)
    }

    /// Whether a legacy key was handled.
    public func isConsumed(_ key: String) -> Bool { consumed.contains(key) }

    // MARK: Writing the new config

    /// The new top-level value written so far under `key`.
    public func output(_ key: String) -> ConfigNode? {
        tracer?.read(.output(key))
        return outputs[key]?.node
    }

    /// Writes a new top-level key; `sources` are the legacy keys it comes from (they place it in the output).
    /// Writing a key again replaces the value and adds the sources.
    public mutating func setOutput(_ key: String, _ node: ConfigNode, from sources: [String]) {
        tracer?.wrote(.output(key))
        if var existing = outputs[key] {
            existing.node = node
            for source in sources where !existing.sources.contains(source) { existing.sources.append(source) }
            outputs[key] = existing
        } else {
            outputs[key] = Output(node: node, sources: sources, insertion: outputInsertions)
            outputInsertions += 1
        }
    }

    /// Changes a new top-level mapping in place (creating it empty when absent).
    public mutating func updateOutputMapping(_ key: String, from sources: [String], _ body: (inout ConfigMapping) throws -> Void) rethrows {
        tracer?.read(.output(key))
        var mapping = outputs[key]?.node.mapping ?? ConfigMapping()
        try body(&mapping)
        setOutput(key, ConfigNode(mapping, at: outputs[key]?.node.location), from: sources)
    }

    /// Removes a new top-level key.
    public mutating func removeOutput(_ key: String) {
        tracer?.wrote(.output(key))
        outputs[key] = nil
    }

    /// Sets one entry of `default_hooks` (`checkpoint`, `logger`, …). Entries MMEngine knows keep its
    /// built-in order; others follow in the order they were set.
    public mutating func setDefaultHook(_ name: String, _ node: ConfigNode) {
        tracer?.wrote(.defaultHook(name))
        if let index = defaultHooks.firstIndex(where: { $0.name == name }) {
            defaultHooks[index].node = node
        } else {
            defaultHooks.append((name, node))
        }
    }

    /// The `default_hooks` entry set so far.
    public func defaultHook(_ name: String) -> ConfigNode? {
        tracer?.read(.defaultHook(name))
        return defaultHooks.first { $0.name == name }?.node
    }

    // MARK: Reporting

    /// Appends a record.
    public mutating func record(_ record: MigrationRecord) {
        records.append(record)
    }

    /// Records an exact rewrite.
    public mutating func change(_ code: some RecordCode, _ legacyPath: String, to newPath: String?, _ message: String, at location: SourceLocation?) {
        record(MigrationRecord(.change, code.id, legacyPath: legacyPath, newPath: newPath, message, at: location))
    }

    /// Records a warning.
    public mutating func warn(_ code: some RecordCode, _ legacyPath: String, _ message: String, at location: SourceLocation?, newPath: String? = nil) {
        record(MigrationRecord(.warning, code.id, legacyPath: legacyPath, newPath: newPath, message, at: location))
    }

    /// Records a step a person must still do.
    public mutating func manualStep(_ code: some RecordCode, _ legacyPath: String, _ message: String, at location: SourceLocation?, newPath: String? = nil) {
        record(MigrationRecord(.manualStep, code.id, legacyPath: legacyPath, newPath: newPath, message, at: location))
    }

    /// Records a named non-equivalence with its size.
    public mutating func nonEquivalence(_ code: some RecordCode, _ legacyPath: String, _ message: String, deviation: String,
                                        at location: SourceLocation?, newPath: String? = nil) {
        record(MigrationRecord(.nonEquivalence, code.id, legacyPath: legacyPath, newPath: newPath, message,
                               at: location, deviation: deviation))
    }

    // MARK: Assembly

    /// New keys with no legacy source are written last, in this order.
    public static let canonicalOrder = [
        "default_scope", "train_dataloader", "val_dataloader", "test_dataloader", "val_evaluator", "test_evaluator",
        "optim_wrapper", "param_scheduler", "train_cfg", "val_cfg", "test_cfg", "auto_scale_lr", "default_hooks",
        "custom_hooks", "env_cfg", "visualizer", "log_processor", "log_level", "load_from", "resume", "randomness",
    ]

    /// New keys with no legacy source that open the output (`default_scope`, as MMEngine-era configs start).
    public static let leadingKeys = ["default_scope"]

    /// MMEngine's built-in `default_hooks` order (`Runner.register_default_hooks`).
    public static let defaultHookOrder = ["runtime_info", "timer", "sampler_seed", "logger", "param_scheduler", "checkpoint"]

    /// The `default_hooks` mapping in MMEngine's order, every built-in one explicit.
    func assembledDefaultHooks() -> ConfigMapping {
        let builtInTypes = ["runtime_info": "RuntimeInfoHook", "timer": "IterTimerHook", "sampler_seed": "DistSamplerSeedHook",
                            "logger": "LoggerHook", "param_scheduler": "ParamSchedulerHook", "checkpoint": "CheckpointHook"]
        var mapping = ConfigMapping()
        for name in Self.defaultHookOrder {
            if let node = defaultHook(name) {
                mapping[name] = node
            } else if let type = builtInTypes[name] {
                var hook = ConfigMapping()
                hook["type"] = ConfigNode(.string(type))
                if name == "checkpoint" { hook["interval"] = ConfigNode(.int(1)) }
                mapping[name] = ConfigNode(hook)
            }
        }
        for (name, node) in defaultHooks where !Self.defaultHookOrder.contains(name) {
            mapping[name] = node
        }
        return mapping
    }

    /// The new config: kept legacy keys and new keys, ordered as described above.
    func assembledOutput() -> ConfigMapping {
        var legacyIndex: [String: Int] = [:]
        for (index, entry) in legacy.entries.enumerated() {
            if case .string(let key) = entry.key { legacyIndex[key] = index }
        }
        // `name` is the key's description, the last tie-breaker, spelled once per slot (not at every comparison).
        struct Slot {
            var position: Int
            var rank: Int
            var insertion: Int
            var entry: ConfigMapping.Entry
            var name: String
            init(position: Int, rank: Int, insertion: Int, entry: ConfigMapping.Entry) {
                self.position = position
                self.rank = rank
                self.insertion = insertion
                self.entry = entry
                self.name = entry.key.description
            }
        }
        var slots: [Slot] = []
        for (index, entry) in legacy.entries.enumerated() {
            if case .string(let key) = entry.key, consumed.contains(key) || outputs[key] != nil { continue }
            slots.append(Slot(position: index, rank: -1, insertion: 0, entry: entry))
        }
        var all = outputs
        if all["default_hooks"] == nil || !defaultHooks.isEmpty {
            let sources = ["checkpoint_config", "log_config"].filter { legacy.contains($0) }
            all["default_hooks"] = Output(node: ConfigNode(assembledDefaultHooks()), sources: sources, insertion: Int.max)
        }
        for (key, output) in all {
            let position = output.sources.compactMap { legacyIndex[$0] }.min() ?? (Self.leadingKeys.contains(key) ? -1 : Int.max)
            let rank = Self.canonicalOrder.firstIndex(of: key) ?? Self.canonicalOrder.count
            let keyLocation = output.sources.compactMap { legacy.entry($0)?.keyLocation }.first
            slots.append(Slot(position: position, rank: rank, insertion: output.insertion,
                              entry: ConfigMapping.Entry(key: .string(key), keyLocation: keyLocation, value: output.node)))
        }
        slots.sort { ($0.position, $0.rank, $0.insertion, $0.name) < ($1.position, $1.rank, $1.insertion, $1.name) }
        return ConfigMapping(slots.map(\.entry))
    }
}
