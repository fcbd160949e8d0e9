import Foundation
import HookMigrateCore

/// `hookmigrate-bench py-corpus TREE DUMPS`: loads every `.py` under TREE with `ConfigLoader` (as
/// `hookmigrate convert --resolve-only X.py --format json` does) and compares it with MMCV 1.7.2's JSON
/// dump `DUMPS/<rel>.json` (written by `tools/oracle/dump_py_corpus.py`), after the JSON projection
/// (tuples → lists, non-string keys → their JSON text). Files MMCV itself fails on are listed in
/// `DUMPS/errors.tsv`; each must be refused. Prints the tally and returns the exit status: 0 when no
/// file differs and every MMCV failure is refused, 1 otherwise.
enum PyCorpus {
    struct Refusal {
        var count = 0
        var example = ""
    }

    static func run(tree: String, dumps: String) throws -> Int32 {
        let treeURL = URL(fileURLWithPath: tree).standardizedFileURL
        guard let walker = FileManager.default.enumerator(atPath: treeURL.path) else {
            throw ConfigError(.fileUnreadable, "cannot list \(tree)")
        }
        var files: [String] = []
        while let relative = walker.nextObject() as? String {
            if relative.hasSuffix(".py") { files.append(relative) }
        }
        files.sort()
        var mmcvFailures: [String: String] = [:]
        if let text = try? String(contentsOfFile: dumps + "/errors.tsv", encoding: .utf8) {
            for line in text.split(separator: "\n") {
                let fields = line.split(separator: "\t", maxSplits: 1).map(String.init)
                if fields.count == 2 { mmcvFailures[fields[0]] = fields[1] }
            }
        }
        var equal = 0
        var different: [(String, String)] = []
        var refusals: [String: Refusal] = [:]
        var refusedCount = 0
        var failureOutcomes: [(String, String)] = []
        var wronglyAccepted: [String] = []
        var missingDumps: [String] = []
        let start = DispatchTime.now().uptimeNanoseconds
        for relative in files {
            let path = treeURL.path + "/" + relative
            let ours: ConfigNode
            do {
                ours = try ConfigLoader().load(path).node.jsonProjection
            } catch let error as ConfigError {
                refusedCount += 1
                let key = error.code.rawValue + "  " + construct(of: error)
                refusals[key, default: Refusal(example: relative)].count += 1
                if mmcvFailures[relative] != nil { failureOutcomes.append((relative, error.code.rawValue)) }
                continue
            }
            if mmcvFailures[relative] != nil {
                wronglyAccepted.append(relative)
                continue
            }
            let dumpPath = dumps + "/" + relative.dropLast(3) + ".json"
            guard let bytes = FileManager.default.contents(atPath: dumpPath) else {
                missingDumps.append(relative)
                continue
            }
            let expected = try JSONReader().read(SourceText(path: dumpPath, bytes: Array(bytes)))
            if ours == expected {
                equal += 1
            } else if let difference = ours.firstDifference(from: expected) ?? expected.firstDifference(from: ours) {
                different.append((relative, difference))
            } else {
                different.append((relative, "the same data with the keys in another order"))
            }
        }
        let seconds = Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9
        let total = files.count
        func percent(_ count: Int) -> String { String(format: "%.1f%%", total == 0 ? 0 : Double(count) * 100 / Double(total)) }
        print("py-corpus: \(total) .py files under \(tree), compared with MMCV 1.7.2's dumps in \(dumps) (\(String(format: "%.1f", seconds)) s)")
        print("  equal      \(equal) (\(percent(equal)))")
        print("  different  \(different.count)")
        for (relative, difference) in different { print("    \(relative): \(difference)") }
        print("  refused    \(refusedCount) (\(percent(refusedCount))), of which \(failureOutcomes.count) MMCV fails on too:")
        for (key, refusal) in refusals.sorted(by: { $0.value.count != $1.value.count ? $0.value.count > $1.value.count : $0.key < $1.key }) {
            print("    \(String(refusal.count).padding(toLength: 5, withPad: " ", startingAt: 0)) \(key)   e.g. \(refusal.example)")
        }
        if !missingDumps.isEmpty {
            print("  no dump    \(missingDumps.count)")
            for relative in missingDumps { print("    \(relative)") }
        }
        print("  MMCV fails on \(mmcvFailures.count): refused by hookmigrate \(failureOutcomes.count), wrongly accepted \(wronglyAccepted.count)")
        for (relative, code) in failureOutcomes.sorted(by: { $0.0 < $1.0 }) {
            print("    \(relative): MMCV \(mmcvFailures[relative]?.split(separator: ":").first ?? "") / hookmigrate \(code)")
        }
        for relative in wronglyAccepted { print("    \(relative): MMCV \(mmcvFailures[relative] ?? "") / hookmigrate ACCEPTS IT") }
        return different.isEmpty && wronglyAccepted.isEmpty && missingDumps.isEmpty ? 0 : 1
    }

    /// What a refusal is about, for grouping: the construct of a `python-unsupported` error, the
    /// exception of a `python-error`, the problem of a `python-syntax` error.
    static func construct(of error: ConfigError) -> String {
        let message = error.message
        switch error.code {
        case .pythonUnsupported:
            for marker in [" are not supported", " is not supported", " cannot be"] {
                if let range = message.range(of: marker) { return String(message[..<range.lowerBound]) }
            }
            return String(message.prefix(70))
        case .pythonError:
            return String(message.prefix { $0 != ":" })
        case .pythonSyntax:
            return String(message.prefix(70))
        default:
            return ""
        }
    }
}
