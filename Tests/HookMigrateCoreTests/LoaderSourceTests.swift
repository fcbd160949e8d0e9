import Foundation
import HookMigrateTestSupport
import Testing
@testable import HookMigrateCore

@Suite struct LoaderSourceTests {
    @Test func pathsAreNormalizedLexically() {
        #expect(ConfigPaths.normalized("configs/det/../_base_/m.py") == "configs/_base_/m.py")
        #expect(ConfigPaths.normalized("../shared/corpus/../x.json") == "../shared/x.json")
        #expect(ConfigPaths.normalized("./a//b/./c.yaml") == "a/b/c.yaml")
        #expect(ConfigPaths.normalized("/a/../../b") == "/b")
        #expect(ConfigPaths.join(directoryOf: "a/b/c.py", "../_base_/d.py") == "a/_base_/d.py")
        #expect(ConfigPaths.join(directoryOf: "c.py", "d.py") == "d.py")
        #expect(ConfigPaths.join(directoryOf: "a/c.py", "/abs/d.py") == "/abs/d.py")
    }

    /// Paths already in normal form are returned as they are (the fast path), the same as the lexical walk.
    @Test func normalFormPathsAreKept() {
        for path in ["a", "/a", "a/b.py", "/abs/x/y.yaml", "../shared/x.json", "a/.hidden/b", "a/..b/c", "a/.../b", ".", "..", "/",
                     "a/", "/a/", "a//b", "./a", "a/./b", "a/../b", "../../a", "", "x/é/y", "/..", "a/b/.", "a/b/.."] {
            #expect(ConfigPaths.normalized(path) == Self.lexicalWalk(path), "\(path)")
        }
    }

    /// The walk `normalized` does when a path is not already in normal form.
    static func lexicalWalk(_ path: String) -> String {
        let absolute = path.hasPrefix("/")
        var parts: [Substring] = []
        for part in path.split(separator: "/", omittingEmptySubsequences: true) {
            if part == "." { continue }
            if part == "..", let last = parts.last, last != ".." {
                parts.removeLast()
                continue
            }
            if part == "..", absolute { continue }
            parts.append(part)
        }
        let joined = parts.joined(separator: "/")
        if absolute { return "/" + joined }
        return joined.isEmpty ? "." : joined
    }

    /// One-key paths (the fast path) parse as the general parser parses them.
    @Test func oneKeyPathsParseAsKeys() {
        #expect(ConfigPath("runner").components == [.key("runner")])
        #expect(ConfigPath("").components == [])
        #expect(ConfigPath("a.b").components == [.key("a"), .key("b")])
        #expect(ConfigPath("x[2]").components == [.key("x"), .index(2)])
        #expect(ConfigPath("é").components == [.key("é")])
    }

    @Test func filesInMemoryLoadLikeFilesOnDisk() throws {
        let memory = MemoryFileSource([
            "tree/_base_/s.yaml": "lr: 0.1\nsteps: [8, 11]\n",
            "tree/det/x.yaml": "_base_: ../_base_/s.yaml\nlr: 0.2\n",
        ])
        let loaded = try ConfigLoader(source: memory).load("tree/det/x.yaml")
        #expect(loaded.node["lr"]?.scalar == .float(0.2))
        #expect(loaded.node["steps"]?.list?.count == 2)
        #expect(loaded.files == ["tree/det/x.yaml", "tree/_base_/s.yaml"])
        #expect(loaded.bases == ["tree/_base_/s.yaml"])
        let missing = MemoryFileSource(["x.yaml": "_base_: gone.yaml\n"])
        #expect(throws: ConfigError.self) { try ConfigLoader(source: missing).load("x.yaml") }
    }

    @Test func relativePathsFromARootKeepTheirNamesInLocations() throws {
        // A script loads a project's configs by their project paths without changing its working directory.
        let folder = TemporaryFolder()
        _ = folder.write("configs/_base_/s.yaml", "lr: 0.1\n")
        _ = folder.write("configs/det/x.yaml", "_base_: ../_base_/s.yaml\nsteps: [8, 11]\n")
        let loaded = try ConfigLoader(source: DiskFileSource(root: folder.path)).load("configs/det/x.yaml")
        #expect(loaded.node["lr"]?.scalar == .float(0.1))
        #expect(loaded.files == ["configs/det/x.yaml", "configs/_base_/s.yaml"])
        #expect(loaded.node["steps"]?.location?.file == "configs/det/x.yaml")
        #expect(throws: ConfigError.self) { try ConfigLoader().load("configs/det/x.yaml") } // not from the working directory
    }

    @Test func aSharedCacheGivesTheSameResultsAndReadsEachBaseOnce() throws {
        var files: [String: String] = ["t/_base_/root.yaml": "model: {type: M, depth: 50}\nlr: 0.1\n"]
        for index in 0..<20 {
            files["t/leaf\(index)/c.yaml"] = "_base_: ../_base_/root.yaml\nlr: 0.\(index + 1)\n"
        }
        let memory = MemoryFileSource(files)
        let cache = ConfigLoadCache()
        for index in 0..<20 {
            let path = "t/leaf\(index)/c.yaml"
            let cached = try ConfigLoader(source: memory, cache: cache).load(path)
            let fresh = try ConfigLoader(source: memory).load(path)
            #expect(cached == fresh)
            #expect(cached.files == fresh.files)
            #expect(cached.node["model"]?.location == fresh.node["model"]?.location)
        }
        // The 20 leaves and the one shared base.
        #expect(cache.count == 21)
    }

    @Test func everyFileOfAChainIsResolvedOnce() throws {
        var files: [String: String] = ["d/l30.yaml": "x30: 1\n"]
        for level in 0..<30 {
            files["d/l\(level).yaml"] = "_base_: [l\(level + 1).yaml]\nx\(level): 1\n"
        }
        let cache = ConfigLoadCache()
        let loaded = try ConfigLoader(source: MemoryFileSource(files), cache: cache).load("d/l0.yaml")
        #expect(loaded.node.mapping?.count == 31)
        #expect(cache.count == 31)
    }
}
