import HookMigrateCore

/// Writes a value that a file's bases or the file itself already hold by reference instead of by value, as
/// the legacy configs did: `dataset_info={{_base_.dataset_info}}` (a top-level value of the bases; MMCV and
/// MMEngine substitute it when the file is loaded) and, in `.py` files, `pipeline=train_pipeline` (a value the
/// same file assigned earlier, written whole).
///
/// Only mappings and lists of some size are shared; a scalar is shorter written out. A value is shared only
/// where it is equal to what it replaces (key order aside, as the check compares), so the file resolves to
/// the same config. The shared parts become marker strings in the content; `resolve(_:)` turns the rendered
/// markers into reference text (and gives up when the config itself holds marker-like text).
struct SharedValues {
    /// The reference text of each marker.
    private(set) var references: [String: String] = [:]
    /// `holdsNoDelete`'s answers by name.
    private var deleteFree: [String: Bool] = [:]

    /// The prefix of every marker; a file whose content already holds it shares nothing.
    static let markerPrefix = "__hookmigrate_shared_value_"

    /// `content` with shared parts replaced by markers. `bases` is what the file's bases give (resolved);
    /// `target` is what the file must resolve to; `names` allows same-file names (Python only).
    static func share(_ content: ConfigMapping, bases: ConfigMapping?, target: ConfigMapping, names: Bool) -> (ConfigMapping, SharedValues) {
        var shared = SharedValues()
        // No bases to refer to and no names to use (a flat YAML or JSON file): nothing can be shared.
        if bases == nil && !names { return (content, shared) }
        var result = ConfigMapping()
        // Earlier top-level values written whole (equal to what the file resolves to), by name.
        var written: [Referable] = []
        // The bases' top-level values a `{{_base_.NAME}}` can name, found once for every node of the file.
        let referable = bases.map { bases in
            bases.entries.compactMap { entry -> Referable? in
                guard case .string(let name) = entry.key, isReferenceName(name), let shape = Shape(entry.value) else { return nil }
                return Referable(key: entry.key, name: name, value: entry.value, shape: shape)
            }
        }
        for entry in content.entries {
            let value = shared.replace(entry.value, topLevelKey: entry.key, bases: referable, written: names ? written : [], depth: 0)
            result.appendNew(ConfigMapping.Entry(key: entry.key, keyLocation: entry.keyLocation, value: value))
            // (Cheapest test first: the deep comparison only for a value worth naming. Whether it holds a
            // `_delete_` key, which rules it out, is asked only once a later value matches it: `replace`.)
            if names, case .string(let name) = entry.key, isWorthSharing(entry.value), let resolved = target[name], resolved == entry.value,
               let shape = Shape(entry.value) {
                written.append(Referable(key: entry.key, name: name, value: entry.value, shape: shape))
            }
        }
        return (result, shared)
    }

    /// The rendered text with every marker (quoted or not) replaced by its reference, in one pass over the
    /// text. `nil` when the text holds the marker prefix anywhere else (a config string that happens to
    /// contain it): the caller then writes the file without shared values.
    func resolve(_ text: String) -> String? {
        guard !references.isEmpty else { return text }
        let bytes = Array(text.utf8)
        let prefix = Array(Self.markerPrefix.utf8)
        var output: [UInt8] = []
        output.reserveCapacity(bytes.count)
        var index = 0
        var replaced = 0
        while index < bytes.count {
            guard bytes[index] == prefix[0], bytes.count - index >= prefix.count, bytes[index..<(index + prefix.count)].elementsEqual(prefix) else {
                output.append(bytes[index])
                index += 1
                continue
            }
            var end = index + prefix.count
            while end < bytes.count, bytes[end] >= 0x30, bytes[end] <= 0x39 { end += 1 }
            guard end + 1 < bytes.count, bytes[end] == 0x5F, bytes[end + 1] == 0x5F,
                  let reference = references[String(decoding: bytes[index..<(end + 2)], as: UTF8.self)] else { return nil }
            end += 2
            // Drop the quotes a writer put around the marker string.
            if let quote = output.last, quote == 0x27 || quote == 0x22, end < bytes.count, bytes[end] == quote {
                output.removeLast()
                end += 1
            }
            output.append(contentsOf: reference.utf8)
            replaced += 1
            index = end
        }
        return replaced == references.count ? String(decoding: output, as: UTF8.self) : nil
    }

    /// A value a reference can name: a top-level value of the bases (`{{_base_.NAME}}`) or one the same file
    /// wrote earlier (`NAME`), with its shape.
    struct Referable {
        var key: ConfigScalar
        var name: String
        var value: ConfigNode
        var shape: Shape
    }

    /// What two values equal key order aside have in common, found without walking them: the kind, the
    /// size, and the keys of a mapping (their hashes added up, so order does not count) or the style of a
    /// list. Values are compared in full only when their shapes are equal.
    struct Shape: Equatable {
        let isMapping: Bool
        let count: Int
        let keys: Int

        /// `nil` for a scalar.
        init?(_ node: ConfigNode) {
            switch node.value {
            case .scalar:
                return nil
            case .list(let list):
                isMapping = false
                count = list.items.count
                keys = list.style.hashValue
            case .mapping(let mapping):
                isMapping = true
                count = mapping.count
                keys = mapping.entries.reduce(0) { $0 &+ $1.key.hashValue }
            }
        }

        /// Whether `node` is of this shape's kind and size (what is known without hashing its keys).
        func outlines(_ node: ConfigNode) -> Bool {
            switch node.value {
            case .scalar: return false
            case .list(let list): return !isMapping && count == list.items.count
            case .mapping(let mapping): return isMapping && count == mapping.count
            }
        }
    }

    mutating func replace(_ node: ConfigNode, topLevelKey: ConfigScalar, bases: [Referable]?, written: [Referable], depth: Int) -> ConfigNode {
        if isWorthSharing(node), !written.isEmpty || bases?.isEmpty == false {
            // The node's shape, its keys hashed only once a candidate of its kind and size turns up.
            var shape: Shape?
            func sameShape(_ candidate: Shape) -> Bool {
                guard candidate.outlines(node) else { return false }
                if shape == nil { shape = Shape(node) }
                return shape == candidate
            }
            if depth > 0, let name = written.first(where: { sameShape($0.shape) && $0.value.equalsIgnoringKeyOrder(node) && holdsNoDelete($0) })?.name {
                return marker(for: name, at: node.location)
            }
            if let bases {
                for entry in bases where (entry.key != topLevelKey || depth > 0) && sameShape(entry.shape) {
                    guard entry.value.equalsIgnoringKeyOrder(node) else { continue }
                    return marker(for: "{{_base_.\(entry.name)}}", at: node.location)
                }
            }
        }
        // A collection is rebuilt only from its first shared part on: one with nothing shared is returned as it
        // is (no copy). `before` is the marker count before a child, so a change shows as a new marker.
        switch node.value {
        case .scalar:
            return node
        case .list(let list):
            var items: [ConfigNode]?
            for index in list.items.indices {
                let before = references.count
                let item = replace(list.items[index], topLevelKey: topLevelKey, bases: bases, written: written, depth: depth + 1)
                if items == nil, references.count != before { items = Array(list.items[..<index]) }
                items?.append(item)
            }
            guard let items else { return node }
            return ConfigNode(ConfigList(items, style: list.style), at: node.location)
        case .mapping(let mapping):
            var rebuilt: ConfigMapping?
            for index in mapping.entries.indices {
                let before = references.count
                let value = replace(mapping.entries[index].value, topLevelKey: topLevelKey, bases: bases, written: written, depth: depth + 1)
                if references.count != before {
                    if rebuilt == nil { rebuilt = mapping }
                    rebuilt?.setValue(value, at: index)
                }
            }
            guard let rebuilt else { return node }
            return ConfigNode(rebuilt, at: node.location)
        }
    }

    /// Whether an earlier value holds no `_delete_` key at any depth (a name for it would carry the key where
    /// the file means the value): walked once per name, when a later value first matches it.
    private mutating func holdsNoDelete(_ candidate: Referable) -> Bool {
        if let known = deleteFree[candidate.name] { return known }
        let free = !Self.contains(ConfigMerge.deleteKey, in: candidate.value)
        deleteFree[candidate.name] = free
        return free
    }

    mutating func marker(for reference: String, at location: SourceLocation?) -> ConfigNode {
        let marker = Self.markerPrefix + String(references.count) + "__"
        references[marker] = reference
        return ConfigNode(.string(marker), at: location)
    }

    /// A name MMCV's and MMEngine's `{{ _base_.NAME }}` pattern accepts (`[\w.]+`, here without dots).
    static func isReferenceName(_ name: String) -> Bool {
        !name.isEmpty && name.unicodeScalars.allSatisfy { $0 == "_" || ($0.isASCII && ($0.properties.isAlphabetic || ("0"..."9").contains($0))) }
    }

    /// Mappings and lists of at least two items that hold a mapping or a list, or at least four items.
    static func isWorthSharing(_ node: ConfigNode) -> Bool {
        switch node.value {
        case .scalar: return false
        case .list(let list):
            return list.items.count >= 4 || (list.items.count >= 2 && list.items.contains { $0.scalar == nil })
        case .mapping(let mapping):
            return mapping.count >= 4 || (mapping.count >= 2 && mapping.entries.contains { $0.value.scalar == nil })
        }
    }

    func isWorthSharing(_ node: ConfigNode) -> Bool { Self.isWorthSharing(node) }

    /// Whether a mapping holds `key` at any depth.
    static func contains(_ key: String, in node: ConfigNode) -> Bool {
        switch node.value {
        case .scalar: return false
        case .list(let list): return list.items.contains { contains(key, in: $0) }
        case .mapping(let mapping):
            return mapping.contains(key) || mapping.entries.contains { contains(key, in: $0.value) }
        }
    }
}
