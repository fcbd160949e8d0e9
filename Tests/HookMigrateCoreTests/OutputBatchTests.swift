import Foundation
@testable import HookMigrateCore
import HookMigrateTestSupport
import Testing

/// A batch writes all its files or none: a large batch (a tree) syncs each file system once before any
/// file is renamed into place, and a failure on the way leaves the old files and no temporary file.
@Suite struct OutputBatchTests {
    @Test func aLargeBatchWritesEveryFile() throws {
        let folder = TemporaryFolder()
        _ = folder.write("a/old.txt", "old")
        var batch = OutputBatch()
        let count = OutputBatch.batchSyncThreshold * 3
        for index in 0..<count { batch.add(folder.path + "/a/f\(index).txt", text: "content \(index)") }
        batch.add(folder.path + "/a/old.txt", text: "new")
        try batch.write()
        for index in 0..<count { #expect(folder.read("a/f\(index).txt") == "content \(index)") }
        #expect(folder.read("a/old.txt") == "new")
        #expect(try Self.entries(folder.path + "/a").allSatisfy { !$0.hasPrefix(".") })
    }

    @Test func aFailingBatchChangesNothing() throws {
        let folder = TemporaryFolder()
        _ = folder.write("a/old.txt", "old")
        var batch = OutputBatch()
        for index in 0..<OutputBatch.batchSyncThreshold * 2 { batch.add(folder.path + "/a/f\(index).txt", text: "x") }
        batch.add(folder.path + "/a/old.txt", text: "new")
        batch.add(folder.path + "/missing/folder/f.txt", text: "x")
        #expect(throws: ConfigError.self) { try batch.write() }
        #expect(folder.read("a/old.txt") == "old")
        #expect(try Self.entries(folder.path + "/a") == ["old.txt"])
    }

    @Test func syncingAFileSystemWorksWhereItIsAvailable() throws {
        let folder = TemporaryFolder()
        #expect(FileSystemSync.available)
        try FileSystemSync.sync(folders: [folder.path, folder.path])
    }

    static func entries(_ path: String) throws -> [String] {
        try FileManager.default.contentsOfDirectory(atPath: path).sorted()
    }
}
