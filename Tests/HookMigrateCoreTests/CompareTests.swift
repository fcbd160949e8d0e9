import HookMigrateTestSupport
import Testing
@testable import HookMigrateCore

/// `equalsIgnoringKeyOrder` and `firstDifference` (compared in place, paths spelled only toward a
/// difference) against straightforward versions: the same answers over random configs, their key-shuffled
/// copies and their mutations.
@Suite struct CompareTests {
    static func randomNode(_ random: inout SplitMix, depth: Int) -> ConfigNode {
        let choice = depth <= 0 ? random.next() % 3 : random.next() % 5
        switch choice {
        case 0: return ConfigNode(.int(Int(random.next() % 3)))
        case 1: return ConfigNode(.string(["a", "b"][Int(random.next() % 2)]))
        case 2: return ConfigNode(random.next() % 2 == 0 ? .float(1) : .null)
        case 3:
            let items = (0..<Int(random.next() % 4)).map { _ in randomNode(&random, depth: depth - 1) }
            return ConfigNode(ConfigList(items, style: random.next() % 4 == 0 ? .tuple : .list))
        default:
            var mapping = ConfigMapping()
            for _ in 0..<Int(random.next() % 5) {
                mapping.set(ConfigMapping.Entry(key: .string(["k", "m", "n", "q", "r"][Int(random.next() % 5)]), value: randomNode(&random, depth: depth - 1)))
            }
            return ConfigNode(mapping)
        }
    }

    /// The node with every mapping's keys in a random order, or one value changed somewhere.
    static func variant(_ node: ConfigNode, _ random: inout SplitMix, mutate: Bool) -> ConfigNode {
        switch node.value {
        case .scalar:
            return mutate && random.next() % 4 == 0 ? ConfigNode(.int(7)) : node
        case .list(let list):
            return ConfigNode(ConfigList(list.items.map { variant($0, &random, mutate: mutate) }, style: list.style))
        case .mapping(let mapping):
            var entries = mapping.entries.map { ConfigMapping.Entry(key: $0.key, value: variant($0.value, &random, mutate: mutate)) }
            for index in entries.indices.reversed() where index > 0 {
                entries.swapAt(index, Int(random.next() % UInt64(index + 1)))
            }
            if mutate, random.next() % 5 == 0, !entries.isEmpty { entries.removeLast() }
            return ConfigNode(ConfigMapping(entries))
        }
    }

    static func referenceEquals(_ a: ConfigNode, _ b: ConfigNode) -> Bool {
        switch (a.value, b.value) {
        case let (.scalar(x), .scalar(y)): return x == y
        case let (.list(x), .list(y)):
            return x.style == y.style && x.items.count == y.items.count && zip(x.items, y.items).allSatisfy { referenceEquals($0, $1) }
        case let (.mapping(x), .mapping(y)):
            guard x.count == y.count else { return false }
            return x.entries.allSatisfy { entry in y.index(of: entry.key).map { referenceEquals(entry.value, y.entries[$0].value) } ?? false }
        default: return false
        }
    }

    static func referenceDifference(_ a: ConfigNode, _ b: ConfigNode, at path: ConfigPath = .root) -> String? {
        switch (a.value, b.value) {
        case let (.scalar(x), .scalar(y)): return x == y ? nil : "\(path): \(x) vs \(y)"
        case let (.list(x), .list(y)):
            if x.style != y.style { return "\(path): \(x.style) vs \(y.style)" }
            if x.items.count != y.items.count { return "\(path): \(x.items.count) items vs \(y.items.count)" }
            for (index, pair) in zip(x.items, y.items).enumerated() {
                if let found = referenceDifference(pair.0, pair.1, at: path.appending(index: index)) { return found }
            }
            return nil
        case let (.mapping(x), .mapping(y)):
            for entry in x.entries {
                guard let index = y.index(of: entry.key) else { return "\(path.appending(key: entry.key)): missing on the right" }
                if let found = referenceDifference(entry.value, y.entries[index].value, at: path.appending(key: entry.key)) { return found }
            }
            for entry in y.entries where x.index(of: entry.key) == nil { return "\(path.appending(key: entry.key)): missing on the left" }
            return nil
        default: return "\(path): \(a.typeDescription) vs \(b.typeDescription)"
        }
    }

    @Test func agreesWithTheStraightforwardComparison() {
        var random = SplitMix(seed: 0xC0FFEE)
        var unequal = 0
        for _ in 0..<20_000 {
            let node = Self.randomNode(&random, depth: 3)
            let other: ConfigNode
            switch random.next() % 3 {
            case 0: other = Self.variant(node, &random, mutate: false)
            case 1: other = Self.variant(node, &random, mutate: true)
            default: other = Self.randomNode(&random, depth: 3)
            }
            let equal = node.equalsIgnoringKeyOrder(other)
            if !equal { unequal += 1 }
            #expect(equal == Self.referenceEquals(node, other))
            #expect(node.firstDifference(from: other) == Self.referenceDifference(node, other))
        }
        // Both answers occur often.
        #expect(unequal > 2_000 && unequal < 18_000)
    }

    /// A value compared with a copy of itself (one buffer in memory) is equal at once; a copy changed since
    /// (its own buffer now) is compared item by item, and an equal value built apart is still equal.
    @Test func copiesShareStorageUntilChanged() {
        var random = SplitMix(seed: 0xBEEF)
        for _ in 0..<2_000 {
            let node = Self.randomNode(&random, depth: 3)
            let copy = node
            #expect(node.equalsIgnoringKeyOrder(copy))
            #expect(node.firstDifference(from: copy) == nil)
            let other = Self.variant(node, &random, mutate: true)
            #expect(node.equalsIgnoringKeyOrder(other) == Self.referenceEquals(node, other))
            #expect(other.equalsIgnoringKeyOrder(node) == Self.referenceEquals(other, node))
        }
        let items = (0..<8).map { ConfigNode(.int($0)) }
        let list = ConfigList(items)
        var changed = list
        changed.items[7] = ConfigNode(.int(70))
        #expect(!ConfigNode.sameStorage(list.items, changed.items))
        #expect(!ConfigNode(list).equalsIgnoringKeyOrder(ConfigNode(changed)))
        #expect(ConfigNode.sameStorage(list.items, list.items))
        #expect(!ConfigNode.sameStorage([ConfigNode](), []))
    }

    /// A large value shared within one tree is compared once per pair of buffers: a second occurrence against
    /// the same right-hand buffer is equal at once, and against another buffer it is compared again (so a
    /// difference there is still found).
    @Test func sharedValuesAreComparedOncePerPairOfBuffers() {
        let shared = ConfigNode(ConfigMapping((0..<10).map { ConfigMapping.Entry(key: .string("k\($0)"), value: ConfigNode(.int($0))) }))
        let rebuilt = ConfigNode(ConfigMapping((0..<10).map { ConfigMapping.Entry(key: .string("k\($0)"), value: ConfigNode(.int($0))) }))
        var changed = rebuilt.mapping ?? ConfigMapping()
        changed.set(ConfigMapping.Entry(key: .string("k9"), value: ConfigNode(.int(90))))
        func tree(_ first: ConfigNode, _ second: ConfigNode) -> ConfigNode {
            ConfigNode(ConfigMapping([ConfigMapping.Entry(key: .string("a"), value: first), ConfigMapping.Entry(key: .string("b"), value: second)]))
        }
        let left = tree(shared, shared)
        #expect(!ConfigNode.sameStorage(shared.mapping?.entries ?? [], rebuilt.mapping?.entries ?? []))
        #expect(left.equalsIgnoringKeyOrder(tree(rebuilt, rebuilt)))
        #expect(left.firstDifference(from: tree(rebuilt, rebuilt)) == nil)
        #expect(!left.equalsIgnoringKeyOrder(tree(rebuilt, ConfigNode(changed))))
        #expect(left.firstDifference(from: tree(rebuilt, ConfigNode(changed))) == "b.k9: 9 vs 90")
        // The same in lists.
        let list = ConfigNode(ConfigList((0..<10).map { ConfigNode(.int($0)) }))
        var otherList = ConfigList((0..<10).map { ConfigNode(.int($0)) })
        let equalList = ConfigNode(otherList)
        otherList.items[9] = ConfigNode(.int(-1))
        #expect(!ConfigNode(ConfigList([list, list])).equalsIgnoringKeyOrder(ConfigNode(ConfigList([equalList, ConfigNode(otherList)]))))
        #expect(ConfigNode(ConfigList([list, list])).equalsIgnoringKeyOrder(ConfigNode(ConfigList([equalList, equalList]))))
    }
}
