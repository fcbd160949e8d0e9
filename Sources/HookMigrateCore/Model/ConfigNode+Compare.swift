extension ConfigNode {
    /// Whether two configs hold the same data when the order of mapping keys is disregarded (lists
    /// keep their order; scalar types and list/tuple styles still count). MMCV's YAML dump sorts keys
    /// while its JSON dump keeps them in config order: this is the equality that holds between them.
    public func equalsIgnoringKeyOrder(_ other: ConfigNode) -> Bool {
        var found = EqualCollections()
        return equalsIgnoringKeyOrder(other, found: &found)
    }

    /// Large collections already found equal during one comparison, by the addresses of their two buffers:
    /// a value shared within a tree (a dataset description written three times, a pipeline used twice) is
    /// compared once. Both trees are alive for the whole comparison, so an address names one buffer.
    struct EqualCollections {
        struct Pair: Hashable {
            let left: UnsafeRawPointer
            let right: UnsafeRawPointer
        }

        /// Collections smaller than this are compared again (a lookup would cost about as much).
        static let smallest = 8
        var pairs: Set<Pair> = []

        static func pair<Element>(_ a: [Element], _ b: [Element]) -> Pair? {
            guard a.count >= smallest else { return nil }
            return a.withUnsafeBufferPointer { left in
                b.withUnsafeBufferPointer { right in
                    guard let l = left.baseAddress, let r = right.baseAddress else { return nil }
                    return Pair(left: UnsafeRawPointer(l), right: UnsafeRawPointer(r))
                }
            }
        }
    }

    func equalsIgnoringKeyOrder(_ other: ConfigNode, found: inout EqualCollections) -> Bool {
        switch (value, other.value) {
        case let (.scalar(a), .scalar(b)):
            return a == b
        case let (.list(a), .list(b)):
            guard a.style == b.style, a.items.count == b.items.count else { return false }
            // One array in memory (a value copied, not rebuilt, as substituted and inherited values are): equal.
            if Self.sameStorage(a.items, b.items) { return true }
            let pair = EqualCollections.pair(a.items, b.items)
            if let pair, found.pairs.contains(pair) { return true }
            // By index: the items are compared in place, not copied out.
            for index in a.items.indices where !a.items[index].equalsIgnoringKeyOrder(b.items[index], found: &found) { return false }
            if let pair { found.pairs.insert(pair) }
            return true
        case let (.mapping(a), .mapping(b)):
            guard a.count == b.count else { return false }
            if Self.sameStorage(a.entries, b.entries) { return true }
            let pair = EqualCollections.pair(a.entries, b.entries)
            if let pair, found.pairs.contains(pair) { return true }
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
                guard a.entries[position].value.equalsIgnoringKeyOrder(b.entries[other].value, found: &found) else { return false }
            }
            if let pair { found.pairs.insert(pair) }
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
        var found = EqualCollections()
        return firstDifference(from: other, at: path, found: &found)
    }

    func firstDifference(from other: ConfigNode, at path: ConfigPath, found: inout EqualCollections) -> String? {
        switch (value, other.value) {
        case let (.scalar(a), .scalar(b)):
            return a == b ? nil : "\(path): \(a) vs \(b)"
        case let (.list(a), .list(b)):
            if a.style != b.style { return "\(path): \(a.style) vs \(b.style)" }
            if a.items.count != b.items.count { return "\(path): \(a.items.count) items vs \(b.items.count)" }
            for index in a.items.indices where !a.items[index].equalsIgnoringKeyOrder(b.items[index], found: &found) {
                if let difference = a.items[index].firstDifference(from: b.items[index], at: path.appending(index: index), found: &found) { return difference }
            }
            return nil
        case let (.mapping(a), .mapping(b)):
            for (position, entry) in a.entries.enumerated() {
                guard let match = b.matchingValue(of: entry.key, near: position) else {
                    return "\(path.appending(key: entry.key)): missing on the right"
                }
                if !entry.value.equalsIgnoringKeyOrder(match, found: &found),
                   let difference = entry.value.firstDifference(from: match, at: path.appending(key: entry.key), found: &found) {
                    return difference
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
