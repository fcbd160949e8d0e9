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

    /// A large batch is prepared on every core; a file that cannot be prepared (here: its temporary name is
    /// too long for the system, though its own path is not) fails the whole batch, and every temporary file
    /// the other workers wrote is removed.
    @Test func aLargeBatchFailingWhilePreparedLeavesNoTemporaryFile() throws {
        let folder = TemporaryFolder()
        _ = folder.write("a/old.txt", "old")
        // A folder whose path leaves room for a file name but not for the longer temporary name beside it.
        // The file's path is 4,085 bytes (under PATH_MAX, 4,096); its temporary name adds more than 11.
        let name = String(repeating: "f", count: 120) + ".txt"
        var deep = folder.path
        while deep.utf8.count < 4085 - name.utf8.count - 1 - 201 { deep += "/" + String(repeating: "d", count: 200) }
        deep += "/" + String(repeating: "e", count: 4085 - name.utf8.count - 1 - deep.utf8.count - 1)
        #expect((deep + "/" + name).utf8.count == 4085)
        try FileManager.default.createDirectory(atPath: deep, withIntermediateDirectories: true)
        var batch = OutputBatch()
        let count = OutputBatch.batchSyncThreshold * 4
        for index in 0..<count {
            if index == count / 2 { batch.add(deep + "/" + name, text: "x") }
            batch.add(folder.path + "/a/f\(index).txt", text: "x")
        }
        batch.add(folder.path + "/a/old.txt", text: "new")
        #expect(throws: ConfigError.self) { try batch.write() }
        #expect(folder.read("a/old.txt") == "old")
        #expect(try Self.entries(folder.path + "/a") == ["old.txt"])
        #expect(try Self.entries(deep).isEmpty)
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
