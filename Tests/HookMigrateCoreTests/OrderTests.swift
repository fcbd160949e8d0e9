import Testing
@testable import HookMigrateCore

@Suite struct OrderTests {
    @Test func yamlKeepsKeyOrder() throws {
        let node = try yaml("zeta: 1\nalpha: 2\nmid:\n  z: 1\n  a: 2\n")
        #expect(node.mapping?.keys == [.string("zeta"), .string("alpha"), .string("mid")])
        #expect(node["mid"]?.mapping?.keys == [.string("z"), .string("a")])
    }

    @Test func jsonKeepsKeyOrder() throws {
        let node = try json(#"{"zeta": 1, "alpha": {"z": 1, "a": 2}, "b": 3}"#)
        #expect(node.mapping?.keys == [.string("zeta"), .string("alpha"), .string("b")])
        #expect(node["alpha"]?.mapping?.keys == [.string("z"), .string("a")])
    }

    @Test func writersKeepKeyOrder() throws {
        let node = try yaml("zeta: 1\nalpha: 2\n")
        #expect(try YAMLWriter().write(node) == "zeta: 1\nalpha: 2\n")
        #expect(try JSONWriter(layout: .mmcv).write(node) == #"{"zeta": 1, "alpha": 2}"#)
    }

    @Test func settingAnExistingKeyKeepsItsPlace() {
        var mapping = ConfigMapping(["a": ConfigNode(.int(1)), "b": ConfigNode(.int(2))])
        mapping["a"] = ConfigNode(.int(3))
        mapping["c"] = ConfigNode(.int(4))
        #expect(mapping.keys == [.string("a"), .string("b"), .string("c")])
        #expect(mapping["a"]?.scalar == .int(3))
    }
}
