/// MMCV 1.7.2's `Config._merge_a_into_b`, which applies a child config over its bases.
///
/// For each child key in order: a mapping value is merged recursively into the base's mapping of the
/// same key, unless it says `_delete_: true` (popped, and the child's mapping replaces the base's); any
/// other value replaces the base's value whole (lists are never merged). Keys new to the base are
/// appended in the child's order; existing keys keep their place. Faithful quirks:
/// - `_delete_` is popped only when the base has the key, so it stays in a mapping the base lacks;
/// - a child mapping over a base value that is not a mapping is an error (MMCV's TypeError).
public enum ConfigMerge {
    /// The key that makes a child mapping replace its base mapping instead of merging into it.
    public static let deleteKey = "_delete_"

    /// Whether a key is `_delete_` (its length tested first: most keys differ in it, which costs less than a
    /// string comparison that finds them different).
    @inline(__always) public static func isDeleteKey(_ key: ConfigScalar) -> Bool {
        guard case .string(let text) = key, text.utf8.count == 8 else { return false }
        return text == deleteKey
    }

    /// `child` applied over `base`.
    public static func merge(_ child: ConfigMapping, into base: ConfigMapping, path: ConfigPath = .root) throws -> ConfigMapping {
        var result = base
        for entry in child.entries {
            guard case .mapping(var childMapping) = entry.value.value, let baseIndex = result.index(of: entry.key) else {
                result.set(entry)
                continue
            }
            let deleteFlag = childMapping.removeEntry(.string(deleteKey))
            let entryPath = path.appending(key: entry.key)
            if let deleteFlag, deleteFlag.value.isTruthy {
                result.setValue(ConfigNode(childMapping, at: entry.value.location), at: baseIndex)
                continue
            }
            let baseValue = result.entries[baseIndex].value
            guard case .mapping(let baseMapping) = baseValue.value else {
                throw ConfigError(
                    .baseMergeConflict,
                    "`\(entryPath)` is a mapping here but \(baseValue.typeDescription) in its base config, so it cannot be merged into it; add `\(deleteKey): true` to this mapping to replace the base value",
                    at: entry.keyLocation ?? entry.value.location,
                    notes: [.init("the base value is here", at: baseValue.location)])
            }
            let merged = try merge(childMapping, into: baseMapping, path: entryPath)
            result.setValue(ConfigNode(merged, at: entry.value.location), at: baseIndex)
        }
        return result
    }
}
