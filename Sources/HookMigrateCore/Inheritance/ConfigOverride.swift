/// The inverse of `ConfigMerge`: the smallest child config that, merged over a base the way MMCV and
/// MMEngine merge (`_merge_a_into_b`), gives a wanted config.
///
/// For each key of the target, in the target's order:
/// - a value equal to the base's (key order of mappings disregarded, as Python's dict equality does) is
///   left out;
/// - a mapping over a base mapping becomes the override of the two, recursively, when every key of the
///   base mapping is still wanted; when the base mapping has keys the target lacks, or the base value is
///   not a mapping at all, the target mapping is written whole with `_delete_: True` first;
/// - anything else (scalars, lists, tuples, a mapping new to the base) is written whole: merges replace
///   lists and scalars.
///
/// A top-level key of the base that the target lacks cannot be removed by a child config (a merge has no
/// way to delete a key outside a mapping it replaces), so factoring fails there, as it does where the
/// target itself holds a `_delete_` key (the merge would consume it).
public enum ConfigOverride {
    /// Why a target cannot be written as an override of a base.
    public struct Failure: Error, Sendable, Equatable, CustomStringConvertible {
        /// Where in the config.
        public var path: ConfigPath
        /// Why, in a sentence.
        public var reason: String

        /// Creates a failure.
        public init(path: ConfigPath, reason: String) {
            self.path = path
            self.reason = reason
        }

        public var description: String { "\(path): \(reason)" }
    }

    /// The smallest child mapping whose merge over `base` equals `target` (key order aside).
    public static func factor(_ target: ConfigMapping, over base: ConfigMapping) throws(Failure) -> ConfigMapping {
        for entry in base.entries where target.index(of: entry.key) == nil {
            throw Failure(path: ConfigPath.root.appending(key: entry.key),
                          reason: "set by the bases but absent from the wanted config; a child config cannot remove a top-level key")
        }
        return try override(target, over: base, at: .root)
    }

    static func override(_ target: ConfigMapping, over base: ConfigMapping, at path: ConfigPath) throws(Failure) -> ConfigMapping {
        var result = ConfigMapping()
        for entry in target.entries {
            let entryPath = path.appending(key: entry.key)
            if entry.key == .string(ConfigMerge.deleteKey) {
                throw Failure(path: entryPath, reason: "the wanted config holds a `_delete_` key, which a merge would consume")
            }
            guard let baseIndex = base.index(of: entry.key) else {
                try checkNoDeleteKey(entry.value, at: entryPath)
                result.appendNew(entry)
                continue
            }
            let baseValue = base.entries[baseIndex].value
            if baseValue.equalsIgnoringKeyOrder(entry.value) { continue }
            guard case .mapping(let wanted) = entry.value.value else {
                try checkNoDeleteKey(entry.value, at: entryPath)
                result.appendNew(entry)
                continue
            }
            if case .mapping(let inherited) = baseValue.value,
               inherited.entries.allSatisfy({ wanted.index(of: $0.key) != nil }) {
                let nested = try override(wanted, over: inherited, at: entryPath)
                result.appendNew(ConfigMapping.Entry(key: entry.key, keyLocation: entry.keyLocation,
                                                     value: ConfigNode(nested, at: entry.value.location)))
            } else {
                try checkNoDeleteKey(entry.value, at: entryPath)
                var replacing = ConfigMapping()
                replacing.appendNew(ConfigMapping.Entry(key: .string(ConfigMerge.deleteKey), value: ConfigNode(.bool(true))))
                for item in wanted.entries { replacing.appendNew(item) }
                result.appendNew(ConfigMapping.Entry(key: entry.key, keyLocation: entry.keyLocation,
                                                     value: ConfigNode(replacing, at: entry.value.location)))
            }
        }
        return result
    }

    /// A value written whole must hold no `_delete_` key at any depth: a later merge of the written file over
    /// its bases would take one inside a mapping as an instruction (and keep it where the base lacks the key).
    /// Inside lists it would stay data, but refusing there too keeps the rule simple; a refused file falls
    /// back to its flat form, which has no bases and so no merge.
    static func checkNoDeleteKey(_ node: ConfigNode, at path: ConfigPath) throws(Failure) {
        // Paths are spelled only when there is a key to name (almost never).
        guard containsDeleteKey(node) else { return }
        try locateDeleteKey(node, at: path)
    }

    /// Whether the node holds a `_delete_` key at any depth.
    static func containsDeleteKey(_ node: ConfigNode) -> Bool {
        switch node.value {
        case .scalar: return false
        case .list(let list): return list.items.contains(where: containsDeleteKey)
        case .mapping(let mapping):
            return mapping.entries.contains { ConfigMerge.isDeleteKey($0.key) || containsDeleteKey($0.value) }
        }
    }

    /// Throws at the first `_delete_` key, with its path.
    static func locateDeleteKey(_ node: ConfigNode, at path: ConfigPath) throws(Failure) {
        switch node.value {
        case .scalar:
            return
        case .list(let list):
            for (index, item) in list.items.enumerated() { try locateDeleteKey(item, at: path.appending(index: index)) }
        case .mapping(let mapping):
            for entry in mapping.entries {
                let entryPath = path.appending(key: entry.key)
                if entry.key == .string(ConfigMerge.deleteKey) {
                    throw Failure(path: entryPath, reason: "the wanted config holds a `_delete_` key, which a merge would consume")
                }
                try locateDeleteKey(entry.value, at: entryPath)
            }
        }
    }
}
