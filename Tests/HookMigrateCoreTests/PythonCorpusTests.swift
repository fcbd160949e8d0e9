import Foundation
import HookMigrateTestSupport
import Testing
@testable import HookMigrateCore

/// Every `.py` of the real-config corpus (`../shared/corpus/py`, or `$HOOKMIGRATE_CORPUS/py`) read by
/// `ConfigLoader` and checked against what the real MMCV 1.7.2 gave, pinned in
/// fixtures/python-corpus/expected.tsv (written by tools/oracle/py_corpus_fixture.py from MMCV's dumps):
/// a file hookmigrate reads must hash to MMCV's dump; a file MMCV fails on must be refused; a file
/// hookmigrate refuses must be listed with its error id. `HOOKMIGRATE_RECORD=1` rewrites only the third
/// column (hookmigrate's outcome); a read that differs from MMCV can never be recorded.
@Suite struct PythonCorpusTests {
    static let tree = Corpus.root + "/py"

    @Test(.enabled(if: Corpus.enabled, Corpus.skipNote))
    func everyCorpusPythonConfigReadsAsMMCVReadsIt() throws {
        let fixture = try String(contentsOfFile: Golden.projectRoot + "/fixtures/python-corpus/expected.tsv", encoding: .utf8)
        var header = ""
        var rows: [(path: String, mmcv: String, ours: String)] = []
        for line in fixture.split(separator: "\n") {
            if line.hasPrefix("#") {
                header = String(line) + "\n"
                continue
            }
            let fields = line.split(separator: "\t", omittingEmptySubsequences: false).map(String.init)
            guard fields.count == 3 else { continue }
            rows.append((fields[0], fields[1], fields[2]))
        }
        let onDisk = Corpus.files("py", ext: "py").map { String($0.dropFirst(Self.tree.count + 1)) }
        #expect(onDisk.sorted { Array($0.utf8).lexicographicallyPrecedes(Array($1.utf8)) } == rows.map(\.path),
                "the corpus tree and fixtures/python-corpus/expected.tsv list different files; regenerate it with tools/oracle/py_corpus_fixture.py")

        // Both cores: the loads are independent.
        let outcomes = Outcomes(count: rows.count)
        let paths = rows.map { Self.tree + "/" + $0.path }
        DispatchQueue.concurrentPerform(iterations: paths.count) { index in
            let path = paths[index]
            do {
                let loaded = try ConfigLoader().load(path)
                outcomes.set(index, "fnv1a64:" + PythonTestSupport.fnv1a64(PythonTestSupport.canonicalJSON(loaded.node)))
            } catch let error as ConfigError {
                outcomes.set(index, "refused \(error.code.rawValue)")
            } catch {
                outcomes.set(index, "refused \(error)")
            }
        }
        var recorded = header
        var equal = 0
        for (index, row) in rows.enumerated() {
            let outcome = outcomes.value(index)
            var ours = outcome
            if outcome.hasPrefix("fnv1a64:") {
                if outcome == row.mmcv {
                    ours = "equal"
                    equal += 1
                } else if row.mmcv.hasPrefix("error") {
                    Issue.record("\(row.path): MMCV fails (\(row.mmcv)) but hookmigrate reads it")
                    ours = "ACCEPTED"
                } else {
                    Issue.record("\(row.path): hookmigrate reads something else than MMCV (hash \(outcome), MMCV \(row.mmcv))")
                    ours = "DIFFERENT"
                }
            }
            recorded += "\(row.path)\t\(row.mmcv)\t\(ours)\n"
        }
        #expect(equal * 100 >= rows.count * 98, "only \(equal) of \(rows.count) corpus files read as MMCV reads them")
        Golden.assertMatches(recorded, golden: "fixtures/python-corpus/expected.tsv")
    }

    /// Results written from several threads.
    final class Outcomes: @unchecked Sendable {
        private var values: [String]
        private let lock = NSLock()

        init(count: Int) { values = Array(repeating: "", count: count) }

        func set(_ index: Int, _ value: String) {
            lock.lock()
            values[index] = value
            lock.unlock()
        }

        func value(_ index: Int) -> String {
            lock.lock()
            defer { lock.unlock() }
            return values[index]
        }
    }
}
