import Foundation
import HookMigrate
import HookMigrateCore
import HookMigrateRuntime

/// The oracle sample of docs/official-comparison.md: for an evenly spread sample of pairs, the schedule part of
/// both configs (legacy: runner, optimizer, `optimizer_config: {grad_clip: null}`, lr and momentum configs;
/// new: `train_cfg`, `optim_wrapper` with the optimizer alone, `param_scheduler`) written as YAML with
/// hookmigrate's schedule verdict at one epoch length L. `tools/oracle/check_official.py DIR` runs the same
/// two configs in the real MMCV 1.7.2 and MMEngine 0.10.7 at that L and records whether their lr and momentum
/// agree at every optimizer step; the page states the agreement.
enum OfficialSample {
    /// The most iterations a sampled run may have (the real runners take about a millisecond per iteration).
    static let maxIterations = 3000
    /// How many pairs of each schedule verdict (equal, differs) are sampled.
    static let perVerdict = 15

    static func write(_ pairs: [OfficialComparison.Pair], to directory: String) throws {
        var chosen: [String: [(OfficialComparison.Pair, ConfigMapping, ConfigMapping, Int, String)]] = [:]
        for pair in pairs where pair.proof != nil {
            let legacy = legacySchedule(pair.legacy)
            let modern = modernSchedule(pair.modern)
            let plan = ProofPlan.make(legacy: legacy, new: modern, given: nil)
            let length = plan.lengths.map(\.itersPerEpoch).max() ?? 7
            let epochs = ProofBoundary.int(pair.modern["train_cfg"]?.mapping?["max_epochs"])
            let iterations = epochs.map { $0 * length } ?? ProofBoundary.int(pair.modern["train_cfg"]?.mapping?["max_iters"]) ?? Int.max
            guard iterations <= maxIterations else { continue }
            let proof = ConversionProof(options: ProofOptions(itersPerEpoch: length)).prove(legacy: legacy, converted: modern)
            guard case .notProven = proof.outcome else {
                guard let state = proof.streams.first(where: { $0.stream == .schedule }) else { continue }
                let verdict = state.status == .differs ? "differs" : (state.status == .notCompared ? "" : "equal")
                if !verdict.isEmpty { chosen[verdict, default: []].append((pair, legacy, modern, length, verdict)) }
                continue
            }
        }
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        var index = 0
        for verdict in ["differs", "equal"] {
            let candidates = chosen[verdict] ?? []
            let step = max(1, candidates.count / perVerdict)
            for (pair, legacy, modern, length, ours) in stride(from: 0, to: candidates.count, by: step).prefix(perVerdict).map({ candidates[$0] }) {
                let folder = directory + "/" + String(format: "%03d", index)
                index += 1
                try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
                try YAMLWriter().write(ConfigNode(legacy)).write(toFile: folder + "/legacy.yaml", atomically: true, encoding: .utf8)
                try YAMLWriter().write(ConfigNode(modern)).write(toFile: folder + "/new.yaml", atomically: true, encoding: .utf8)
                try "\(pair.package)\t\(pair.modernPath)\t\(length)\t\(ours)\n".write(toFile: folder + "/ours.tsv", atomically: true, encoding: .utf8)
            }
        }
        print("wrote \(index) sampled pairs to \(directory)")
    }

    /// The legacy config's schedule part.
    static func legacySchedule(_ legacy: ConfigMapping) -> ConfigMapping {
        var result = ConfigMapping()
        for key in ["runner", "total_epochs", "total_iters", "lr_config", "momentum_config"] {
            if let value = legacy[key], !value.isNull { result[key] = value }
        }
        if var optimizer = legacy["optimizer"]?.mapping {
            _ = optimizer.removeValue(forKey: "paramwise_cfg")
            _ = optimizer.removeValue(forKey: "constructor")
            result["optimizer"] = ConfigNode(optimizer)
        }
        result["optimizer_config"] = ConfigNode(ConfigMapping(["grad_clip": ConfigNode(.null)]))
        return result
    }

    /// The MMEngine config's schedule part.
    static func modernSchedule(_ modern: ConfigMapping) -> ConfigMapping {
        var result = ConfigMapping()
        if var train = modern["train_cfg"]?.mapping {
            for key in ["val_interval", "val_begin", "dynamic_intervals"] { _ = train.removeValue(forKey: key) }
            result["train_cfg"] = ConfigNode(train)
        }
        if let optimizer = modern["optim_wrapper"]?.mapping?["optimizer"]?.mapping {
            result["optim_wrapper"] = ConfigNode(ConfigMapping(["type": ConfigNode(.string("OptimWrapper")), "optimizer": ConfigNode(optimizer)]))
        }
        if let schedulers = modern["param_scheduler"], !schedulers.isNull { result["param_scheduler"] = schedulers }
        return result
    }

    /// The agreement paragraph, from the results the oracle script recorded.
    static func agreement(_ path: String) -> String {
        var text = "## Checked against the real libraries\n\n"
        guard let results = try? String(contentsOfFile: path, encoding: .utf8) else {
            return text + "No oracle results recorded (\(path) is missing).\n"
        }
        let rows = results.split(separator: "\n").dropFirst().map { $0.split(separator: "\t", omittingEmptySubsequences: false).map(String.init) }
        let both = rows.filter { $0.count >= 5 && ["equal", "differs"].contains($0[4]) }
        let agree = both.filter { $0[3] == $0[4] }
        text += """
        A sample of \(rows.count) pairs (`hookmigrate-bench official ../shared/corpus --sample DIR`, then
        `tools/oracle/check_official.py DIR`): the schedule part of both configs — legacy `runner`, `optimizer`,
        `lr_config`, `momentum_config`; MMEngine `train_cfg`, the optimizer and `param_scheduler` — run in the real
        MMCV 1.7.2 runner and the real MMEngine 0.10.7 Runner at one epoch length L (the longest of the pair's
        proof plan, at most \(maxIterations) iterations), the lr and momentum of every optimizer step compared
        (1e-9 relative). hookmigrate's schedule verdict for the same two configs at the same L (`verify
        --iters-per-epoch L`) **agrees with the real libraries on \(agree.count) of the \(both.count) pairs where both
        give one** (\(rows.count - both.count) real runs raised). Recorded in `\(path)`:

        | package | official config | L | hookmigrate | real libraries |
        |---|---|---:|---|---|

        """
        for row in rows where row.count >= 5 {
            text += "| \(row[0]) | `\(row[1])` | \(row[2]) | \(row[3]) | \(row[4].replacingOccurrences(of: "|", with: "\\|")) |\n"
        }
        text += "\nNo sampled run is longer than \(maxIterations) iterations, so the sample holds no iteration-based pair of 40,000 iterations or more (no mmsegmentation pair): the PolyLR cause above is not checked against the real libraries here.\n"
        return text
    }
}
