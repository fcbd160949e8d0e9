extension ConfigNode {
    /// Whether two configs hold the same data when the order of mapping keys is disregarded (lists
    /// keep their order; scalar types and list/tuple styles still count). MMCV's YAML dump sorts keys
    /// while its JSON dump keeps them in config order: this is the equality that holds between them.
    public func equalsIgnoringKeyOrder(_ other: ConfigNode) -> Bool {
        switch (value, other.value) {
        case let (.scalar(a), .scalar(b)):
            return a == b
        case let (.list(a), .list(b)):
            guard a.style == b.style, a.items.count == b.items.count else { return false }
            // One array in memory (a value copied, not rebuilt, as substituted and inherited values are): equal.
            if Self.sameStorage(a.items, b.items) { return true }
            // By index: the items are compared in place, not copied out.
            for index in a.items.indices where !a.items[index].equalsIgnoringKeyOrder(b.items[index]) { return false }
            return true
        case let (.mapping(a), .mapping(b)):
            guard a.count == b.count else { return false }
            if Self.sameStorage(a.entries, b.entries) { return true }
            for position in a.entries.indices {
                // The same key at the same position (the usual case), else looked up.
                let other: Int
                if a.entries[position].key == b.entries[position].key {
                    other = position
                } else if let found = b.index(of: a.entries[position].key) {
                    other = found
                } else {
                    return false
                }
                guard a.entries[position].value.equalsIgnoringKeyOrder(b.entries[other].value) else { return false }
            }
            return true
        default:
            return false
        }
    }

    /// Whether two arrays of the same count are one buffer in memory, so hold the same elements.
    static func sameStorage<Element>(_ a: [Element], _ b: [Element]) -> Bool {
        guard a.count == b.count, !a.isEmpty else { return false }
        return a.withUnsafeBufferPointer { left in b.withUnsafeBufferPointer { right in left.baseAddress == right.baseAddress } }
    }

    /// The first path at which two configs differ (key order disregarded), with a short reason; `nil`
    /// when they are equal. For messages and tests. The path is spelled only along the way to the
    /// difference: equal parts are compared without it.
    public func firstDifference(from other: ConfigNode, at path: ConfigPath = .root) -> String? {
        switch (value, other.value) {
        case let (.scalar(a), .scalar(b)):
            return a == b ? nil : "\(path): \(a) vs \(b)"
        case let (.list(a), .list(b)):
            if a.style != b.style { return "\(path): \(a.style) vs \(b.style)" }
            if a.items.count != b.items.count { return "\(path): \(a.items.count) items vs \(b.items.count)" }
            for (index, pair) in zip(a.items, b.items).enumerated() where !pair.0.equalsIgnoringKeyOrder(pair.1) {
                if let found = pair.0.firstDifference(from: pair.1, at: path.appending(index: index)) { return found }
            }
            return nil
        case let (.mapping(a), .mapping(b)):
            for (position, entry) in a.entries.enumerated() {
                guard let match = b.matchingValue(of: entry.key, near: position) else {
                    return "\(path.appending(key: entry.key)): missing on the right"
                }
                if !entry.value.equalsIgnoringKeyOrder(match),
                   let found = entry.value.firstDifference(from: match, at: path.appending(key: entry.key)) {
                    return found
                }
            }
            for entry in b.entries where a.index(of: entry.key) == nil {
                return "\(path.appending(key: entry.key)): missing on the left"
            }
            return nil
        default:
            return "\(path): \(typeDescription) vs \(other.typeDescription)"
        }
    }
}

extension ConfigMapping {
    /// The value of `key`, looked up first at `position` (two mappings compared are mostly in the same
    /// order), then by key.
    @inline(__always) func matchingValue(of key: ConfigScalar, near position: Int) -> ConfigNode? {
        if position < entries.count, entries[position].key == key { return entries[position].value }
        return index(of: key).map { entries[$0].value }
    }
}
