import Foundation
import Testing
@testable import HookMigrateCore

/// `ConfigMapping` keeps a key index past a few dozen entries: the same answers as the scan, in linear time.
@Suite struct MappingIndexTests {
    /// A mapping of `count` int keys, each mapped to its own value.
    func mapping(_ count: Int) -> ConfigMapping {
        var mapping = ConfigMapping()
        for key in 0..<count { mapping.set(.init(key: .int(key), value: ConfigNode(.int(key)))) }
        return mapping
    }

    @Test func largeMappingsAnswerAsSmallOnes() {
        for count in [3, ConfigMapping.indexThreshold, ConfigMapping.indexThreshold + 1, 500] {
            var mapping = mapping(count)
            #expect(mapping.count == count)
            #expect(mapping.keys == (0..<count).map { .int($0) })
            #expect(mapping.index(of: .int(count - 1)) == count - 1)
            #expect(mapping.index(of: .int(count)) == nil)
            #expect(mapping.index(of: .float(0)) == nil, "an int key is not a float key")
            // Setting keeps the position; removing and inserting keep the rest in order.
            mapping.set(.init(key: .int(0), value: ConfigNode(.string("x"))))
            #expect(mapping.entries[0].value.scalar == .string("x"))
            #expect(mapping.removeEntry(.int(1))?.value.scalar == .int(1))
            #expect(mapping.index(of: .int(1)) == nil)
            #expect(mapping.index(of: .int(2)) == (count > 2 ? 1 : nil))
            mapping.insert(.init(key: .string("new"), value: ConfigNode(.null)), at: 1)
            #expect(mapping.index(of: .string("new")) == 1)
            #expect(mapping["new"]?.isNull == true)
            mapping["new"] = nil
            #expect(mapping.count == count - 1)
            #expect(mapping.index(of: .int(count - 1)) == count - 2)
        }
    }

    @Test func equalityIgnoresTheIndex() {
        var big = mapping(100)
        for key in 30..<100 { big.removeEntry(.int(key)) }
        #expect(big == mapping(30))
        #expect(mapping(100) != mapping(101))
    }

    @Test func zeroAndNegativeZeroAreOneKeyAsInPython() {
        var mapping = mapping(40)
        mapping.set(.init(key: .float(0), value: ConfigNode(.int(1))))
        mapping.set(.init(key: .float(-0.0), value: ConfigNode(.int(2))))
        #expect(mapping.count == 41)
        #expect(mapping.entries.last?.value.scalar == .int(2))
        #expect(ConfigScalar.float(0).hashValue == ConfigScalar.float(-0.0).hashValue)
    }

    @Test func manyKeysReadInLinearTime() throws {
        let count = 100_000
        let yaml = (0..<count).map { "k\($0): \($0)" }.joined(separator: "\n")
        let start = Date()
        let node = try YAMLReader().read(SourceText(path: "many.yaml", text: yaml))
        #expect(node.mapping?.count == count)
        #expect(node.mapping?["k99999"]?.scalar == .int(99_999))
        let duplicate = yaml + "\nk5: 0\n"
        #expect(throws: ConfigError.self) { try YAMLReader().read(SourceText(path: "dup.yaml", text: duplicate)) }
        // Quadratic insertion took minutes here; linear takes a second or two even in a debug build.
        #expect(Date().timeIntervalSince(start) < 60)
    }
}
