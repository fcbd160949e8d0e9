import Testing
@testable import HookMigrateCore

/// `SmallNameSet` answers as a `Set` does, below and past the point where it starts hashing.
@Suite struct SmallNameSetTests {
    @Test func insertsAsASetDoes() {
        var small = SmallNameSet()
        var reference = Set<String>()
        for round in 0..<3 {
            for index in 0..<(SmallNameSet.scanLimit * 2) {
                let name = "k\(index % (SmallNameSet.scanLimit + 5))_\(round % 2)"
                #expect(small.insert(name) == reference.insert(name).inserted, "\(name)")
            }
        }
    }

    @Test func aRepeatedKeywordIsRefusedPastTheScanLimit() throws {
        let many = (0...SmallNameSet.scanLimit + 3).map { "a\($0)=1" }.joined(separator: ", ")
        let source = "x = dict(\(many), a2=2)\n"
        #expect(throws: ConfigError.self) { try PythonConfigReader().read(SourceText(path: "t.py", text: source)) }
        let fine = "x = dict(\(many))\n"
        let node = try PythonConfigReader().read(SourceText(path: "t.py", text: fine))
        #expect(node.mapping?["x"]?.mapping?.count == SmallNameSet.scanLimit + 4)
    }
}
