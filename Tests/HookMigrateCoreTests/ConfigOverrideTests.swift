import HookMigrateTestSupport
import Testing
@testable import HookMigrateCore

@Suite struct ConfigOverrideTests {
    func yaml(_ text: String) throws -> ConfigMapping {
        try ConfigFormat.yaml.read(SourceText(path: "t.yaml", text: text)).mapping ?? ConfigMapping()
    }

    func roundTrips(_ target: ConfigMapping, over base: ConfigMapping) throws -> ConfigMapping {
        let child = try ConfigOverride.factor(target, over: base)
        let merged = try ConfigMerge.merge(child, into: base)
        #expect(ConfigNode(merged).equalsIgnoringKeyOrder(ConfigNode(target)),
                "\(ConfigNode(merged).firstDifference(from: ConfigNode(target)) ?? "")")
        return child
    }

    @Test func equalValuesAreLeftOutAndChangedOnesKept() throws {
        let base = try yaml("a: 1\nb: {x: 1, y: [1, 2]}\nc: text\n")
        let target = try yaml("a: 1\nb: {y: [1, 2], x: 2}\nc: text\nd: new\n")
        let child = try roundTrips(target, over: base)
        #expect(ConfigNode(child) == ConfigNode(try yaml("b: {x: 2}\nd: new\n")))
    }

    @Test func keysTheTargetDropsNeedDelete() throws {
        let base = try yaml("hooks: {logger: {type: L, interval: 50}, ckpt: {type: C}}\n")
        let target = try yaml("hooks: {logger: {type: L, interval: 10}}\n")
        let child = try roundTrips(target, over: base)
        #expect(ConfigNode(child) == ConfigNode(try yaml("hooks: {_delete_: true, logger: {type: L, interval: 10}}\n")))
    }

    @Test func mappingOverNonMappingNeedsDelete() throws {
        let base = try yaml("a: null\nb: [1]\n")
        let target = try yaml("a: {x: 1}\nb: {y: 2}\n")
        let child = try roundTrips(target, over: base)
        #expect(child["a"]?.mapping?["_delete_"]?.scalar == .bool(true))
        #expect(child["b"]?.mapping?["_delete_"]?.scalar == .bool(true))
    }

    @Test func listsAndTuplesAreReplacedWhole() throws {
        let base = try yaml("step: [8, 11]\nsize: !!python/tuple [1, 2]\n")
        let target = try yaml("step: [8, 12]\nsize: [1, 2]\n")
        let child = try roundTrips(target, over: base)
        #expect(child.keys == [.string("step"), .string("size")])
    }

    @Test func aTopLevelKeyTheTargetLacksCannotBeRemoved() throws {
        let base = try yaml("a: 1\nb: 2\n")
        let target = try yaml("a: 1\n")
        #expect(throws: ConfigOverride.Failure.self) { try ConfigOverride.factor(target, over: base) }
    }

    @Test func deleteKeysInTheTargetAreRefused() throws {
        let base = try yaml("a: {x: 1}\n")
        let target = try yaml("a: {x: 1}\nb: {_delete_: true, y: 1}\n")
        #expect(throws: ConfigOverride.Failure.self) { try ConfigOverride.factor(target, over: base) }
    }

    /// Random bases and targets built from a small alphabet, so that keys collide and shapes change.
    @Test func mergeOfTheOverrideIsTheTargetOnRandomConfigs() throws {
        var random = SplitMix(seed: 12345)
        var factored = 0
        for _ in 0..<2000 {
            let base = randomMapping(&random, depth: 3)
            var target = mutate(base, &random, depth: 3)
            for entry in base.entries where target.index(of: entry.key) == nil && random.next() % 2 == 0 {
                target.set(entry)
            }
            guard let child = try? ConfigOverride.factor(target, over: base) else {
                // Only a top-level key the target lacks may stop factoring (no `_delete_` is generated here).
                #expect(base.keys.contains { target.index(of: $0) == nil })
                continue
            }
            let merged = try ConfigMerge.merge(child, into: base)
            #expect(ConfigNode(merged).equalsIgnoringKeyOrder(ConfigNode(target)))
            factored += 1
        }
        #expect(factored > 500)
    }

    func randomValue(_ random: inout SplitMix, depth: Int) -> ConfigNode {
        switch random.next() % (depth > 0 ? 6 : 3) {
        case 0: return ConfigNode(.int(Int(random.next() % 3)))
        case 1: return ConfigNode(.string(["a", "b"][Int(random.next() % 2)]))
        case 2: return ConfigNode(.null)
        case 3: return ConfigNode(ConfigList([randomValue(&random, depth: depth - 1)], style: random.next() % 2 == 0 ? .list : .tuple))
        default: return ConfigNode(randomMapping(&random, depth: depth - 1))
        }
    }

    func randomMapping(_ random: inout SplitMix, depth: Int) -> ConfigMapping {
        var mapping = ConfigMapping()
        for _ in 0..<Int(random.next() % 4) {
            mapping.set(ConfigMapping.Entry(key: .string(["k", "m", "n", "p"][Int(random.next() % 4)]),
                                            value: randomValue(&random, depth: depth)))
        }
        return mapping
    }

    func mutate(_ mapping: ConfigMapping, _ random: inout SplitMix, depth: Int) -> ConfigMapping {
        var result = ConfigMapping()
        for entry in mapping.entries {
            switch random.next() % 5 {
            case 0: continue
            case 1: result.set(ConfigMapping.Entry(key: entry.key, value: randomValue(&random, depth: depth)))
            case 2:
                if let nested = entry.value.mapping {
                    result.set(ConfigMapping.Entry(key: entry.key, value: ConfigNode(mutate(nested, &random, depth: depth - 1))))
                } else {
                    result.set(entry)
                }
            default: result.set(entry)
            }
        }
        if random.next() % 3 == 0 {
            result.set(ConfigMapping.Entry(key: .string(["k", "m", "n", "q"][Int(random.next() % 4)]), value: randomValue(&random, depth: depth)))
        }
        return result
    }
}
