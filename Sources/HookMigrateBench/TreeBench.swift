import Foundation
import HookMigrate
import HookMigrateCore
import HookMigrateRuntime

/// `hookmigrate-bench tree DIR [--ext json] [--repeat N] [--mmcv-seconds S] [--iters-per-epoch L] [--no-verify]`: times the
/// whole tree mode on DIR (read, convert, prove every config, factor, check, write into a temporary folder),
/// as `hookmigrate convert DIR -o OUT` does it, and prints the ratio against the real MMCV 1.7.2 merely loading
/// the same leaves (`tools/oracle/time_mmcv_load.py`, run with `.venv-oracle/bin/python` when present, or
/// the seconds given with `--mmcv-seconds`). The target is a ratio of at least 5. `--no-verify` leaves the proof
/// out, to time the rest alone.
enum TreeBench {
    static func run(_ arguments: [String]) throws -> Int32 {
        guard arguments.count >= 3 else { throw ConfigError(.invalidValue, "usage: hookmigrate-bench tree DIR [--ext json] [--repeat N] [--mmcv-seconds S] [--no-verify]") }
        let directory = arguments[2]
        func value(_ name: String) -> String? {
            arguments.firstIndex(of: name).flatMap { $0 + 1 < arguments.count ? arguments[$0 + 1] : nil }
        }
        let repeats = Int(value("--repeat") ?? "") ?? 3
        // As `convert` does: no epoch length unless given (the proof then plans its own).
        let itersPerEpoch = Int(value("--iters-per-epoch") ?? "")
        var options = TreeMigrationOptions(migration: MigrationOptions(itersPerEpoch: itersPerEpoch))
        // As `convert IN_DIR -o OUT_DIR` does without --report or --plots: the summary's first divergences.
        options.exploresStreams = false
        if let ext = value("--ext") { options.extensions = [ext] }
        // Everything but the proof: reading, converting, factoring, rendering, checking, writing.
        if arguments.contains("--no-verify") { options.validate = false }
        var seconds: [Double] = []
        var writeSeconds: [Double] = []
        var phases: [TreePhaseTimes] = []
        var last: TreeMigrationResult?
        // Each run writes a new folder; all are removed at the end, not after each run: a file system that has
        // just deleted thousands of files allocates new ones more slowly (ext4 skips recently freed inodes),
        // which no single `hookmigrate convert` meets because of itself.
        var outputs: [String] = []
        defer { for output in outputs { try? FileManager.default.removeItem(atPath: output) } }
        for _ in 0..<max(repeats, 1) {
            // Each run from cold, as one `hookmigrate convert` is: nothing remembered from the run before.
            ProcessMemos.forget()
            let output = NSTemporaryDirectory() + "hookmigrate-bench-tree-" + UUID().uuidString
            outputs.append(output)
            let start = DispatchTime.now().uptimeNanoseconds
            let result = try TreeMigration(options: options).run(inputRoot: directory, outputRoot: output)
            let written = DispatchTime.now().uptimeNanoseconds
            _ = try TreeOutput.write(result)
            let end = DispatchTime.now().uptimeNanoseconds
            seconds.append(Double(end - start) / 1e9)
            writeSeconds.append(Double(end - written) / 1e9)
            phases.append(result.phaseTimes)
            last = result
        }
        // The phases of the median run.
        let medianRun = seconds.indices.sorted { seconds[$0] < seconds[$1] }[seconds.count / 2]
        let times = phases[medianRun]
        seconds.sort()
        guard let result = last else { return 2 }
        let summary = TreeSummary(result)
        print("tree \(directory): \(summary.filesRead) files (\(summary.configsConverted) configs, \(summary.basesConverted) bases), \(summary.checked) checked, L = \(itersPerEpoch.map(String.init) ?? "not given"), \(options.concurrency) threads\(options.validate ? "" : ", no proof")")
        print(String(format: "hookmigrate: min %.3f s, median %.3f s, max %.3f s (%d runs)", seconds[0], seconds[seconds.count / 2], seconds[seconds.count - 1], seconds.count))
        print(String(format: "  median run, wall: scan %.3f, convert %.3f (worker sums: load %.3f, translate %.3f, prove %.3f), factor %.3f, render %.3f, check %.3f, write %.3f s",
                     times.scan, times.convert, times.load, times.translate, times.prove, times.factor, times.render, times.check, writeSeconds[medianRun]))
        let mmcv = try Double(value("--mmcv-seconds") ?? "") ?? mmcvSeconds(directory, ext: value("--ext"))
        guard let mmcv else {
            print("MMCV: not measured (no .venv-oracle; give --mmcv-seconds S)")
            return 0
        }
        let ratio = mmcv / seconds[seconds.count / 2]
        print(String(format: "MMCV 1.7.2 loading the same leaves: %.3f s; ratio %.1fx (target >= 5x: %@)", mmcv, ratio, ratio >= 5 ? "met" : "NOT met"))
        return 0
    }

    /// The real MMCV's load time of the tree's leaves, from the oracle venv; `nil` without it.
    static func mmcvSeconds(_ directory: String, ext: String?) throws -> Double? {
        let python = ".venv-oracle/bin/python"
        guard FileManager.default.isExecutableFile(atPath: python) else { return nil }
        let process = Process()
        process.executableURL = URL(fileURLWithPath: python)
        process.arguments = ["tools/oracle/time_mmcv_load.py", directory, "--repeat", "3"] + (ext.map { ["--ext", $0] } ?? [])
        let pipe = Pipe()
        process.standardOutput = pipe
        process.standardError = FileHandle.nullDevice
        try process.run()
        let data = pipe.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        guard process.terminationStatus == 0,
              let parsed = try? JSONReader().read(SourceText(path: "mmcv.json", text: String(decoding: data, as: UTF8.self))),
              let value = parsed.mapping?["seconds"]?.scalar else { return nil }
        switch value {
        case .float(let seconds): return seconds
        case .int(let seconds): return Double(seconds)
        default: return nil
        }
    }
}
