import HookMigrateCore

/// The partial MMEngine counterpart of a partial legacy config (a `_base_` file).
///
/// Converting a partial config as if it were complete fills in what its absent keys mean in a complete
/// config: no `checkpoint_config` becomes `default_hooks.checkpoint: None` (checkpointing off), and so on.
/// For a base those are not its own statements. The partial counterpart keeps what differs from the
/// conversion of an empty config:
/// - a top-level key the empty conversion lacks, or whose value differs and is not a mapping, whole;
/// - a mapping the empty conversion also has (`default_hooks`) when any entry differs: its entries that
///   differ, and the unchanged ones that state something (MMEngine's own defaults, written out as every
///   conversion writes them), but not an unchanged `None` entry: that is the empty config's "absent"
///   (`checkpoint: None`), never the base's. Entries stay whole (MMEngine replaces a default hook entry
///   whole, so one is never split).
public enum PartialConversion {
    /// The key whose base carries the defaults every conversion writes.
    static let runtimeKey = "default_hooks"

    /// The parts of `converted` that are the partial config's own, measured against the conversion of an
    /// empty config, `empty`.
    public static func keep(_ converted: ConfigMapping, beyond empty: ConfigMapping) -> ConfigMapping {
        var result = ConfigMapping()
        for entry in converted.entries {
            guard let index = empty.index(of: entry.key) else {
                result.appendNew(entry)
                continue
            }
            let emptyValue = empty.entries[index].value
            if emptyValue.equalsIgnoringKeyOrder(entry.value) { continue }
            guard case .mapping(let mapping) = entry.value.value, case .mapping(let emptyMapping) = emptyValue.value else {
                result.appendNew(entry)
                continue
            }
            var kept = ConfigMapping()
            for item in mapping.entries {
                let unchanged = emptyMapping.index(of: item.key).map { emptyMapping.entries[$0].value.equalsIgnoringKeyOrder(item.value) } ?? false
                if unchanged, item.value.isNull { continue }
                kept.appendNew(item)
            }
            result.appendNew(ConfigMapping.Entry(key: entry.key, keyLocation: entry.keyLocation, value: ConfigNode(kept, at: entry.value.location)))
        }
        if result.contains(runtimeKey) {
            for entry in converted.entries where empty.index(of: entry.key) != nil && result.index(of: entry.key) == nil {
                result.appendNew(entry)
            }
            result = ConfigMapping(converted.entries.compactMap { entry in result.index(of: entry.key).map { result.entries[$0] } })
        }
        return result
    }
}
