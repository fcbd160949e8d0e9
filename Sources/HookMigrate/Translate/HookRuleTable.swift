import HookMigrateCore

/// Data rules for `custom_hooks` entries by type: what a legacy hook type becomes in MMEngine. The bundled
/// table is `migrations/mmcv1-to-mmengine/custom_hooks.yaml`; users add their own hook types with
/// `--rules FILE` in the same schema, without recompiling. Hooks whose conversion needs logic (EMA hooks)
/// are handled in Swift by the `custom_hooks` rule and are not in the table.
///
/// ```yaml
/// hooks:
///   MyOldHook:
///     type: MyNewHook            # new type name (default: unchanged)
///     rename: {old_arg: new_arg} # argument renames
///     drop:                      # arguments removed, each with the reason (reported)
///       verbose: "no such argument in MMEngine"
///     set: {flag: true}          # arguments added or overwritten
///     warning: "…"               # reported, hook kept
///     manual: "…"                # hook removed, reported as a manual step
/// ```
public struct HookRuleTable: Sendable, Equatable {
    /// What to do with one legacy hook type.
    public struct Rule: Sendable, Equatable {
        /// The new type name; `nil` keeps the legacy name.
        public var newType: String?
        /// Argument renames, old → new, in file order.
        public var rename: [(from: String, to: String)]
        /// Arguments to drop, each with the reason.
        public var drop: [(argument: String, reason: String)]
        /// Arguments to set.
        public var set: ConfigMapping
        /// A warning to report; the hook is kept.
        public var warning: String?
        /// A manual step to report; the hook is removed from the output.
        public var manual: String?
        /// Where the rule is written.
        public var location: SourceLocation?

        public static func == (lhs: Rule, rhs: Rule) -> Bool {
            lhs.newType == rhs.newType && lhs.rename.elementsEqual(rhs.rename, by: ==) && lhs.drop.elementsEqual(rhs.drop, by: ==)
                && lhs.set == rhs.set && lhs.warning == rhs.warning && lhs.manual == rhs.manual
        }
    }

    /// Rules by legacy hook type, in file order.
    public private(set) var rules: [(type: String, rule: Rule)] = []

    /// An empty table.
    public init() {}

    public static func == (lhs: HookRuleTable, rhs: HookRuleTable) -> Bool {
        lhs.rules.elementsEqual(rhs.rules) { $0.type == $1.type && $0.rule == $1.rule }
    }

    /// The rule for a legacy type.
    public func rule(for type: String) -> Rule? {
        rules.last { $0.type == type }?.rule
    }

    /// This table with `other`'s rules added; a type in both takes `other`'s rule.
    public func merging(_ other: HookRuleTable) -> HookRuleTable {
        var result = self
        for (type, rule) in other.rules {
            result.rules.removeAll { $0.type == type }
            result.rules.append((type, rule))
        }
        return result
    }

    /// The bundled table (`migrations/mmcv1-to-mmengine/custom_hooks.yaml`, compiled in), parsed once per
    /// process: every conversion with custom hooks (and every proof) asks for it.
    public static func bundled() throws -> HookRuleTable {
        try bundledTable.get()
    }

    /// The bundled table's parse, or its error (a compiled-in text: the same every time).
    private static let bundledTable = Result {
        try parse(SourceText(path: EmbeddedMigrations.customHooksPath, text: EmbeddedMigrations.customHooksYAML))
    }

    /// Reads a table file; every mistake is a located error.
    public static func load(_ path: String) throws -> HookRuleTable {
        try parse(SourceText(path: path, bytes: FileIO.readBytes(path)))
    }

    /// Parses a table.
    public static func parse(_ source: SourceText) throws -> HookRuleTable {
        let root = try YAMLReader().read(source)
        let top = try root.mapping("<root>")
        var table = HookRuleTable()
        for entry in top.entries where entry.key != .string("hooks") && entry.key != .string("version") {
            throw ConfigError(.invalidValue, "unknown key \(entry.key) in a hook rule file; expected `hooks` (and `version`)", at: entry.keyLocation)
        }
        guard let hooks = top["hooks"] else { return table }
        for entry in try hooks.mapping("hooks").entries {
            guard case .string(let type) = entry.key else {
                throw ConfigError(.invalidValue, "a hook type must be a string, found \(entry.key.typeDescription)", at: entry.keyLocation)
            }
            let path = ConfigPath("hooks").appending(type)
            let body = entry.value.isNull ? ConfigMapping() : try entry.value.mapping(path)
            var rule = Rule(newType: nil, rename: [], drop: [], set: ConfigMapping(), warning: nil, manual: nil, location: entry.keyLocation)
            for field in body.entries {
                guard case .string(let name) = field.key else {
                    throw ConfigError(.invalidValue, "unknown field \(field.key) in the rule for \(type)", at: field.keyLocation)
                }
                let fieldPath = path.appending(name)
                switch name {
                case "type": rule.newType = try field.value.string(fieldPath)
                case "warning": rule.warning = try field.value.string(fieldPath)
                case "manual": rule.manual = try field.value.string(fieldPath)
                case "set": rule.set = try field.value.mapping(fieldPath)
                case "rename":
                    for pair in try field.value.mapping(fieldPath).entries {
                        rule.rename.append((pair.key.stringValue ?? pair.key.description, try pair.value.string(fieldPath.appending(key: pair.key))))
                    }
                case "drop":
                    for pair in try field.value.mapping(fieldPath).entries {
                        rule.drop.append((pair.key.stringValue ?? pair.key.description, try pair.value.string(fieldPath.appending(key: pair.key))))
                    }
                default:
                    throw ConfigError(.invalidValue, "unknown field `\(name)` in the rule for \(type); expected type, rename, drop, set, warning or manual", at: field.keyLocation)
                }
            }
            table.rules.removeAll { $0.type == type }
            table.rules.append((type, rule))
        }
        return table
    }
}
