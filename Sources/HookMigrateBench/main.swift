// hookmigrate-bench: times hookmigrate and prints numbers.
//
//   swift run -c release hookmigrate-bench [--iters-per-epoch 7330] [--epochs 12] [--repeat 5]   (the proof step)
//   swift run -c release hookmigrate-bench corpus DIR            (verdicts over a legacy corpus, e.g. ../shared/corpus/legacy)
//   swift run -c release hookmigrate-bench scopes DIR            (default_scope accuracy per package)
//   swift run -c release hookmigrate-bench py-corpus TREE DUMPS  (.py reader vs MMCV's dumps)
//   swift run -c release hookmigrate-bench tree DIR [--ext json] (the tree mode vs the real MMCV loading the leaves)
//   swift run -c release hookmigrate-bench corpus-results ../shared/corpus > docs/corpus-results.md
//
// Without a subcommand it converts a legacy mmdet-style config (12 epochs, linear warmup 500 + step [8, 11], checkpoint and
// evaluation every epoch, logger every 50, EMA) and times the proof step as `convert` runs it: the MMCV
// adapter and the new Runner in lockstep, compared as they stream (median of --repeat runs), then each
// runner alone. The peak resident memory is read right after the proof steps.
import Foundation
import HookMigrate
import HookMigrateCore
import HookMigrateRuntime

func argument(_ name: String, _ fallback: Int) -> Int {
    let arguments = CommandLine.arguments
    guard let index = arguments.firstIndex(of: name), index + 1 < arguments.count, let value = Int(arguments[index + 1]) else { return fallback }
    return value
}

/// `hookmigrate-bench corpus DIR`: converts and validates every legacy `.json` under DIR and prints the
/// tally of verdicts (equivalent, equivalent under rules, not equivalent by stream, not proven by reason).
func corpusTally(_ directory: String) throws {
    guard let walker = FileManager.default.enumerator(atPath: directory) else { throw ConfigError(.fileUnreadable, "cannot list \(directory)") }
    var files: [String] = []
    while let relative = walker.nextObject() as? String { if relative.hasSuffix(".json") { files.append(directory + "/" + relative) } }
    files.sort()
    var tally: [String: Int] = [:]
    var examples: [String: String] = [:]
    let start = DispatchTime.now().uptimeNanoseconds
    for path in files {
        let key: String
        do {
            let loaded = try ConfigLoader().load(path)
            let result = try Translator(options: MigrationOptions(itersPerEpoch: 10)).translate(loaded)
            let outcome = Validator(settings: SimulationSettings(itersPerEpoch: 10)).validate(legacy: loaded.root, converted: result.config.mapping ?? ConfigMapping(), name: path).outcome
            switch outcome {
            case .equivalent(let rules): key = rules.isEmpty ? "equivalent" : "equivalent under rules"
            case .notEquivalent(let divergence, _):
                // Did the report already name a non-equivalence (so the verdict confirms it)?
                let named = result.report.records.contains { $0.kind == .nonEquivalence }
                key = "not equivalent: \(divergence.stream)" + (named ? " (report names a non-equivalence)" : " (report names none)")
            case .notProven(let reason): key = "not proven: " + String(reason.prefix(70))
            }
        } catch {
            key = "error"
        }
        tally[key, default: 0] += 1
        if examples[key] == nil { examples[key] = path }
    }
    let seconds = Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9
    print("\(files.count) configs in \(String(format: "%.1f", seconds)) s (L = 10)")
    for (key, count) in tally.sorted(by: { $0.value > $1.value }) {
        print("\(String(count).padding(toLength: 6, withPad: " ", startingAt: 0)) \(key)   e.g. \(examples[key] ?? "")")
    }
}

/// `hookmigrate-bench scopes DIR`: converts every legacy `.json` under DIR (the corpus's `legacy/`, one
/// folder per package) and compares the `default_scope` written with the scope of the package whose folder
/// holds the file: per package, how many are right, unknown (no default_scope written) or wrong.
func scopeAccuracy(_ directory: String) throws {
    // The corpus's folder names (the legacy PyPI names) and their successors' scopes.
    let truth = ["mmaction2": "mmaction", "mmcls": "mmpretrain", "mmdet": "mmdet", "mmdet3d": "mmdet3d", "mmedit": "mmagic",
                 "mmflow": "mmflow", "mmgen": "mmagic", "mmocr": "mmocr", "mmpose": "mmpose", "mmrotate": "mmrotate",
                 "mmsegmentation": "mmseg", "mmtrack": "mmtrack"]
    guard let walker = FileManager.default.enumerator(atPath: directory) else { throw ConfigError(.fileUnreadable, "cannot list \(directory)") }
    var files: [String] = []
    while let relative = walker.nextObject() as? String { if relative.hasSuffix(".json") { files.append(relative) } }
    files.sort()
    var counts: [String: (total: Int, right: Int, unknown: Int, wrong: Int)] = [:]
    var misses: [String] = []
    for relative in files {
        let package = String(relative.split(separator: "/").first ?? "")
        let result = try Translator(options: MigrationOptions(itersPerEpoch: 10)).translate(try ConfigLoader().load(directory + "/" + relative))
        let scope = result.config.mapping?["default_scope"]?.scalar?.stringValue
        var count = counts[package] ?? (0, 0, 0, 0)
        count.total += 1
        if scope == nil {
            count.unknown += 1
            misses.append("unknown  \(relative)")
        } else if scope == truth[package] {
            count.right += 1
        } else {
            count.wrong += 1
            misses.append("WRONG    \(relative): \(scope ?? "") (expected \(truth[package] ?? "?"))")
        }
        counts[package] = count
    }
    print("package          scope       configs  right  unknown  wrong  accuracy")
    var all = (total: 0, right: 0, unknown: 0, wrong: 0)
    for (package, count) in counts.sorted(by: { $0.key < $1.key }) {
        all = (all.total + count.total, all.right + count.right, all.unknown + count.unknown, all.wrong + count.wrong)
        print(row(package, truth[package] ?? "?", count))
    }
    print(row("all", "", all))
    misses.forEach { print($0) }

    func row(_ package: String, _ scope: String, _ count: (total: Int, right: Int, unknown: Int, wrong: Int)) -> String {
        let accuracy = count.total == 0 ? 0 : 100 * Double(count.right) / Double(count.total)
        return package.padding(toLength: 17, withPad: " ", startingAt: 0) + scope.padding(toLength: 12, withPad: " ", startingAt: 0)
            + String(format: "%7d %6d %8d %6d  %6.2f%%", count.total, count.right, count.unknown, count.wrong, accuracy)
    }
}

if CommandLine.arguments.count >= 3, CommandLine.arguments[1] == "scopes" {
    do { try scopeAccuracy(CommandLine.arguments[2]) } catch { print("hookmigrate-bench: \(error)"); exit(2) }
    exit(0)
}

if CommandLine.arguments.count >= 4, CommandLine.arguments[1] == "py-corpus" {
    do { exit(try PyCorpus.run(tree: CommandLine.arguments[2], dumps: CommandLine.arguments[3])) } catch { print("hookmigrate-bench: \(error)"); exit(2) }
}

if CommandLine.arguments.count >= 3, CommandLine.arguments[1] == "corpus-results" {
    do { exit(try CorpusResults.run(CommandLine.arguments[2])) } catch { print("hookmigrate-bench: \(error)"); exit(2) }
}

if CommandLine.arguments.count >= 3, CommandLine.arguments[1] == "tree" {
    do { exit(try TreeBench.run(CommandLine.arguments)) } catch { print("hookmigrate-bench: \(error)"); exit(2) }
}

if CommandLine.arguments.count >= 3, CommandLine.arguments[1] == "corpus" {
    do { try corpusTally(CommandLine.arguments[2]) } catch { print("hookmigrate-bench: \(error)"); exit(2) }
    exit(0)
}

let itersPerEpoch = argument("--iters-per-epoch", 7330)
let epochs = argument("--epochs", 12)
let repeats = argument("--repeat", 5)

let legacyText = """
model: {type: RetinaNet}
optimizer: {type: SGD, lr: 0.02, momentum: 0.9, weight_decay: 0.0001}
optimizer_config: {grad_clip: null}
lr_config: {policy: step, warmup: linear, warmup_iters: 500, warmup_ratio: 0.001, step: [8, 11]}
runner: {type: EpochBasedRunner, max_epochs: \(epochs)}
checkpoint_config: {interval: 1}
log_config: {interval: 50, hooks: [{type: TextLoggerHook}]}
evaluation: {interval: 1, metric: bbox, save_best: bbox_mAP}
custom_hooks: [{type: EMAHook, momentum: 0.0002, priority: 49}]
data: {samples_per_gpu: 2, workers_per_gpu: 2, train: {type: CocoDataset}, val: {type: CocoDataset}, test: {type: CocoDataset}}
"""

func seconds(_ body: () throws -> Void) rethrows -> Double {
    let start = DispatchTime.now().uptimeNanoseconds
    try body()
    return Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9
}

func median(_ values: [Double]) -> Double { values.sorted()[values.count / 2] }

do {
    let legacy = try YAMLReader().read(SourceText(path: "bench.yaml", text: legacyText)).mapping ?? ConfigMapping()
    let converted = try Translator(options: MigrationOptions(itersPerEpoch: itersPerEpoch)).translate(legacy, at: SourceLocation(file: "bench.yaml", line: 1, column: 1))
    guard let new = converted.config.mapping else { throw ConfigError(.notAMapping, "conversion gave no mapping") }
    let settings = SimulationSettings(itersPerEpoch: itersPerEpoch)
    let legacyRunner = try LegacyRunner(config: legacy, settings: settings, paramHooks: SimulatedSchedules.legacy)
    let newRunner = try ModernRunner(config: new, settings: settings, schedulers: SimulatedSchedules.modern)
    // The proof step as `convert` runs it: both runners in lockstep, compared as they stream.
    var checkTimes: [Double] = []
    var verdict = ""
    for _ in 0..<repeats {
        checkTimes.append(try seconds {
            let result = try TraceEquivalence().compare(legacy: legacyRunner, new: newRunner, iterationRun: false)
            verdict = result.isEquivalent ? "equivalent (rules: \(result.rulesUsed.keys.sorted().map(\.rawValue).joined(separator: ", ")))" : "not equivalent (\(result.divergence?.stream ?? ""))"
        })
    }
    var usage = rusage()
    getrusage(RUSAGE_SELF.rawValue, &usage)
    let streamingPeak = usage.ru_maxrss / 1024
    // Each runner alone, counting events without keeping them.
    var legacyTimes: [Double] = []
    var newTimes: [Double] = []
    var events = (0, 0)
    for _ in 0..<repeats {
        var legacyCount = CountingSink()
        var newCount = CountingSink()
        legacyTimes.append(try seconds { try legacyRunner.run(into: &legacyCount) })
        newTimes.append(try seconds { try newRunner.run(into: &newCount) })
        events = (legacyCount.total, newCount.total)
    }
    print("schedule: \(epochs) epochs x \(itersPerEpoch) iterations = \(epochs * itersPerEpoch) iterations")
    print("events: legacy \(events.0), new \(events.1)")
    print(String(format: "proof step (both runners + streaming comparison): %.1f ms (median of %d)", median(checkTimes) * 1000, repeats))
    print(String(format: "  legacy runner alone: %.1f ms", median(legacyTimes) * 1000))
    print(String(format: "  new runner alone:    %.1f ms", median(newTimes) * 1000))
    print("peak resident memory after the proof steps: \(streamingPeak) MB")
    print("verdict: \(verdict)")
} catch {
    FileHandle.standardError.write(Data("hookmigrate-bench: \(error)\n".utf8))
    exit(2)
}
