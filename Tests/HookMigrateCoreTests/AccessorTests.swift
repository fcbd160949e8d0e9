import Testing
@testable import HookMigrateCore

@Suite struct AccessorTests {
    @Test func wrongTypeNamesPathAndPlace() throws {
        let root = try yaml("checkpoint_config:\n  interval: '12'\n", path: "old.yaml")
        let path: ConfigPath = "checkpoint_config.interval"
        let node = try #require(root.node(at: path))
        let error = configError { try node.int(path) }
        #expect(error?.description == "old.yaml:2:13: error: expected an int for `checkpoint_config.interval`, found a string ('12') [type-mismatch]")
    }

    @Test func typedReads() throws {
        let root = try yaml("a: 3\nb: 0.5\nc: true\nd: hi\ne: [1]\nf: {g: 1}\n")
        #expect(try root["a"]?.int("a") == 3)
        #expect(try root["a"]?.double("a") == 3.0)
        #expect(try root["b"]?.double("b") == 0.5)
        #expect(try root["c"]?.bool("c") == true)
        #expect(try root["d"]?.string("d") == "hi")
        #expect(try root["e"]?.list("e").count == 1)
        #expect(try root["f"]?.mapping("f").count == 1)
        #expect(configError { try root["c"]?.int("c") as Any }?.code == .typeMismatch)
        #expect(root.node(at: "f.g")?.scalar == .int(1))
        #expect(root.node(at: "e[0]")?.scalar == .int(1))
        #expect(root.node(at: "e[3]") == nil)
    }

    @Test func pathsPrintAsUsersWriteThem() {
        #expect(ConfigPath("custom_hooks[2].priority").description == "custom_hooks[2].priority")
        #expect(ConfigPath.root.appending("a").appending(index: 1).appending("b").description == "a[1].b")
    }
}
