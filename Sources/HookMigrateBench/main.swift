// hookmigrate-bench: times hookmigrate and prints numbers.
//
//   swift run -c release hookmigrate-bench [--iters-per-epoch 7330] [--epochs 12] [--repeat 5]
//                                          [--segmentation-iters 160000] [--long-iters 10000000]
//
// Without a subcommand it converts a legacy mmdet-style config (12 epochs, linear warmup 500 + step [8, 11], checkpoint and
// evaluation every epoch, logger every 50, EMA) and times the proof step as `convert` runs it (quiet spans
// in bulk, every boundary event by event; median of --repeat runs), the same comparison event by event, then
// each runner alone; the peak resident memory is read right after the proof steps. Then an mmseg-style
// schedule (IterBasedRunner, poly lr, 160,000 iterations) both ways, and the same schedule over 10⁷
// iterations with the process's peak memory after it.
//
//   hookmigrate-bench corpus DIR [--list]   tally of verdicts over every legacy .json under DIR, as `convert` proves
//   hookmigrate-bench verify-pairs CORPUS   `hookmigrate verify` over every legacy/modern pair of CORPUS/pairs.tsv
//   hookmigrate-bench parity DIR            both proof paths over every .json under DIR, at several L
//   hookmigrate-bench explain FILE [--iters-per-epoch L]   what one config's proof did, both ways
//   hookmigrate-bench scopes DIR            default_scope accuracy per package
//   hookmigrate-bench py-corpus TREE DUMPS  the .py reader vs MMCV's dumps
//   hookmigrate-bench tree DIR [--ext json] the tree mode vs the real MMCV loading the same leaves
//   hookmigrate-bench corpus-results ../shared/corpus [--compat] > docs/corpus-results.md
//   hookmigrate-bench official ../shared/corpus [--sample DIR] > docs/official-comparison.md
//   hookmigrate-bench mutation-score ../shared/corpus/legacy fixtures/convert [--configs N] > docs/mutation-score.md
import Foundation
import HookMigrate
import HookMigrateCore
import HookMigrateRuntime

func seconds(_ body: () throws -> Void) rethrows -> Double {
    let start = DispatchTime.now().uptimeNanoseconds
    try body()
    return Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9
}

/// Whether the report already named what a "not equivalent" verdict confirms: a non-equivalence, or a
/// manual step on a training key; otherwise the verdict is a finding.
func reportNaming(_ report: MigrationReport) -> String {
    if report.records.contains(where: { $0.kind == .nonEquivalence }) { return "(report names a non-equivalence)" }
    let trainingKeys = ["lr_config", "momentum_config", "custom_hooks", "optimizer"]
    if report.records.contains(where: { $0.kind == .manualStep && trainingKeys.contains($0.rule) }) { return "(report names a manual step)" }
    return "(report names none)"
}

func median(_ values: [Double]) -> Double { values.sorted()[values.count / 2] }

func argument(_ name: String, _ fallback: Int) -> Int {
    let arguments = CommandLine.arguments
    guard let index = arguments.firstIndex(of: name), index + 1 < arguments.count, let value = Int(arguments[index + 1]) else { return fallback }
    return value
}

/// `hookmigrate-bench corpus DIR`: converts and proves every legacy `.json` under DIR exactly as `hookmigrate
/// convert FILE` does (its default settings: no epoch length given, so the proof plans its own lengths) and
/// prints the tally of verdicts (equivalent, equivalent under rules, not equivalent by stream, not proven by
/// reason), then the tally of statuses (what `convert` exits with). `--list` prints one line per file
/// (`path<TAB>status<TAB>first line of the verdict`), for comparing with the CLI file by file.
func corpusTally(_ directory: String) throws {
    guard let walker = FileManager.default.enumerator(atPath: directory) else { throw ConfigError(.fileUnreadable, "cannot list \(directory)") }
    var files: [String] = []
    while let relative = walker.nextObject() as? String { if relative.hasSuffix(".json") { files.append(directory + "/" + relative) } }
    files.sort()
    let list = CommandLine.arguments.contains("--list")
    var tally: [String: Int] = [:]
    var examples: [String: String] = [:]
    var statuses: [String: Int] = [:]
    let start = DispatchTime.now().uptimeNanoseconds
    for path in files {
        let key: String
        var status = "error"
        var headline = "error"
        do {
            let loaded = try ConfigLoader().load(path)
            let options = MigrationOptions(compat: CommandLine.arguments.contains("--compat"))
            let result = try Translator(options: options).translate(loaded)
            let proof = ConversionProof(options: ProofOptions(migration: options))
                .prove(legacy: loaded.root, converted: result.config.mapping ?? ConfigMapping(), name: path, report: result.report)
            status = proof.status.rawValue
            headline = String(ValidationRenderer.text(proof).split(separator: "\n").first ?? "")
            switch proof.outcome {
            case .equivalent(let rules): key = rules.isEmpty ? "equivalent" : "equivalent under rules"
            case .notEquivalent(let divergence, _):
                // Did the report already name a non-equivalence or a manual step (so the verdict confirms it)?
                key = "not equivalent: \(divergence.stream) " + reportNaming(result.report)
            case .notProven(let reason): key = "not proven: " + String(TreeSummary.reasonKey(reason).prefix(70))
            }
        } catch {
            key = "error"
        }
        if list { print("\(path)\t\(status)\t\(headline)") }
        tally[key, default: 0] += 1
        statuses[status, default: 0] += 1
        if examples[key] == nil { examples[key] = path }
        if CommandLine.arguments.contains("--list") { print("\(key)\t\(path)") }
    }
    let seconds = Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9
    print("\(files.count) configs in \(String(format: "%.1f", seconds)) s (as `hookmigrate convert FILE`: no epoch length given)")
    for (key, count) in tally.sorted(by: { ($0.value, $1.key) > ($1.value, $0.key) }) {
        print("\(String(count).padding(toLength: 6, withPad: " ", startingAt: 0)) \(key)   e.g. \(examples[key] ?? "")")
    }
    print("statuses (exit 0 proven; 1 not-equivalent, left-out, or not-proven unless --allow-unproven):")
    for (status, count) in statuses.sorted(by: { ($0.value, $1.key) > ($1.value, $0.key) }) {
        print("\(String(count).padding(toLength: 6, withPad: " ", startingAt: 0)) \(status)")
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
    do { exit(try CorpusResults.run(CommandLine.arguments[2], compat: CommandLine.arguments.contains("--compat"))) } catch { print("hookmigrate-bench: \(error)"); exit(2) }
}

if CommandLine.arguments.count >= 4, CommandLine.arguments[1] == "mutation-score" {
    do { exit(try MutationBench.run(CommandLine.arguments)) } catch { print("hookmigrate-bench: \(error)"); exit(2) }
}

if CommandLine.arguments.count >= 3, CommandLine.arguments[1] == "official" {
    do { exit(try OfficialComparison.run(CommandLine.arguments)) } catch { print("hookmigrate-bench: \(error)"); exit(2) }
}

if CommandLine.arguments.count >= 3, CommandLine.arguments[1] == "py-read" {
    do { exit(try PyReadBench.run(CommandLine.arguments)) } catch { print("hookmigrate-bench: \(error)"); exit(2) }
}

if CommandLine.arguments.count >= 3, CommandLine.arguments[1] == "tree" {
    do { exit(try TreeBench.run(CommandLine.arguments)) } catch { print("hookmigrate-bench: \(error)"); exit(2) }
}

/// `hookmigrate-bench parity DIR [--lengths 1,7,10,97,1000] [--every K]`: proves every K-th legacy `.json`
/// under DIR at each epoch length both ways (quiet spans in bulk, and event by event) and prints every
/// config whose outcomes differ, then the time each way took.
func parity(_ directory: String) throws {
    guard let walker = FileManager.default.enumerator(atPath: directory) else { throw ConfigError(.fileUnreadable, "cannot list \(directory)") }
    var files: [String] = []
    while let relative = walker.nextObject() as? String { if relative.hasSuffix(".json") { files.append(directory + "/" + relative) } }
    files.sort()
    let every = max(1, argument("--every", 1))
    let lengths = (CommandLine.arguments.firstIndex(of: "--lengths").flatMap { CommandLine.arguments.indices.contains($0 + 1) ? CommandLine.arguments[$0 + 1] : nil } ?? "1,7,10,97,1000")
        .split(separator: ",").compactMap { Int($0) }
    var compared = 0
    var differing = 0
    var times: [TraceEquivalence.Strategy: Double] = [:]
    var slowest: [(spans: Double, events: Double, name: String)] = []
    for (index, path) in files.enumerated() where index % every == 0 {
        guard let loaded = try? ConfigLoader().load(path) else { continue }
        for length in lengths {
            guard let result = try? Translator(options: MigrationOptions(itersPerEpoch: length)).translate(loaded) else { continue }
            let converted = result.config.mapping ?? ConfigMapping()
            var texts: [TraceEquivalence.Strategy: String] = [:]
            var took: [TraceEquivalence.Strategy: Double] = [:]
            for strategy in TraceEquivalence.Strategy.allCases {
                var outcome = Validator.Outcome.notProven("")
                took[strategy] = seconds {
                    outcome = Validator(settings: SimulationSettings(itersPerEpoch: length), strategy: strategy)
                        .validate(legacy: loaded.root, converted: converted, name: path).outcome
                }
                var rules: [EquivalenceRule: Int] = [:]
                switch outcome {
                case .equivalent(let used), .notEquivalent(_, let used): rules = used
                case .notProven: break
                }
                texts[strategy] = ValidationRenderer.text(outcome) + rules.keys.sorted().map { "\($0.rawValue)x\(rules[$0] ?? 0)" }.joined(separator: " ")
            }
            for (strategy, time) in took { times[strategy, default: 0] += time }
            slowest.append((took[.spans] ?? 0, took[.events] ?? 0, "\(path) L=\(length)"))
            compared += 1
            if texts[.spans] != texts[.events] {
                differing += 1
                print("DIFFERS: \(path) L=\(length)\n--- events\n\(texts[.events] ?? "")\n+++ spans\n\(texts[.spans] ?? "")")
            }
        }
    }
    for entry in slowest.sorted(by: { $0.spans > $1.spans }).prefix(argument("--slowest", 0)) {
        print(String(format: "slow: spans %.1f ms, events %.1f ms  ", entry.spans * 1000, entry.events * 1000) + entry.name)
    }
    print("\(compared) proofs compared, \(differing) differ; spans \(String(format: "%.2f", times[.spans] ?? 0)) s, events \(String(format: "%.2f", times[.events] ?? 0)) s")
}

/// `hookmigrate-bench explain FILE [--iters-per-epoch L]`: converts one legacy config and prints what its
/// proof did both ways (bulk spans, iterations, events) and how long each took.
func explain(_ path: String) throws {
    let length = argument("--iters-per-epoch", 10)
    let loaded = try ConfigLoader().load(path)
    let result = try Translator(options: MigrationOptions(itersPerEpoch: length)).translate(loaded)
    let converted = result.config.mapping ?? ConfigMapping()
    let validator = Validator(settings: SimulationSettings(itersPerEpoch: length))
    // One proof per optimizer followed, with the model's stepping and the train script, as `convert` proves.
    let proofs = validator.proofSettings(legacy: loaded.root)
    if proofs.isEmpty { print("not proven: who steps the optimizers is not known") }
    for settings in proofs {
        if let name = settings.modelStepping?.optimizer { print("optimizer `\(name)`:") }
        let legacyRunner = try LegacyRunner(config: loaded.root, settings: settings, paramHooks: SimulatedSchedules.legacy)
        var modernSettings = settings
        modernSettings.distributed = false
        let newRunner = try ModernRunner(config: converted, settings: modernSettings, schedulers: SimulatedSchedules.modern)
        let only = CommandLine.arguments.firstIndex(of: "--strategy").flatMap { CommandLine.arguments.indices.contains($0 + 1) ? TraceEquivalence.Strategy(rawValue: CommandLine.arguments[$0 + 1]) : nil }
        for strategy in TraceEquivalence.Strategy.allCases where only == nil || only == strategy {
            var comparison = Validator(settings: settings).comparison(legacy: loaded.root)
            comparison.strategy = strategy
            comparison.remembers = false
            var verdict: EquivalenceVerdict?
            var runs: [Double] = []
            for _ in 0..<max(1, argument("--repeat", 3)) {
                runs.append(try seconds { verdict = try comparison.compare(legacy: legacyRunner, new: newRunner, iterationRun: Validator.iterationRun(converted)) })
            }
            guard let verdict else { continue }
            let work = verdict.work
            print(String(format: "%@: %.2f ms (median of %d); ", strategy.rawValue, median(runs) * 1000, runs.count)
                  + "\(work.spans) spans of \(work.bulkIterations) iterations (\(work.valueIterations) value evaluations, \(work.symbolicIterations) compared symbolically), \(work.events) events one by one, \(work.units) units; "
                  + (verdict.isEquivalent ? "equivalent" : "not equivalent (\(verdict.divergence?.stream ?? ""))"))
        }
    }
}

if CommandLine.arguments.count >= 3, CommandLine.arguments[1] == "explain" {
    do { try explain(CommandLine.arguments[2]) } catch { print("hookmigrate-bench: \(error)"); exit(2) }
    exit(0)
}

if CommandLine.arguments.count >= 3, CommandLine.arguments[1] == "parity" {
    do { try parity(CommandLine.arguments[2]) } catch { print("hookmigrate-bench: \(error)"); exit(2) }
    exit(0)
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

/// An mmsegmentation-style schedule (deeplabv3 on ADE20K): IterBasedRunner, poly lr (a new value at every
/// iteration), checkpoint and evaluation every max_iters/10, logger every 50.
func segmentationText(iterations: Int) -> String {
    """
    model: {type: EncoderDecoder}
    optimizer: {type: SGD, lr: 0.01, momentum: 0.9, weight_decay: 0.0005}
    optimizer_config: {}
    lr_config: {policy: poly, power: 0.9, min_lr: 0.0001, by_epoch: false}
    runner: {type: IterBasedRunner, max_iters: \(iterations)}
    checkpoint_config: {by_epoch: false, interval: \(max(1, iterations / 10))}
    evaluation: {interval: \(max(1, iterations / 10)), metric: mIoU, pre_eval: true}
    log_config: {interval: 50, hooks: [{type: TextLoggerHook, by_epoch: false}]}
    workflow: [[train, 1]]
    data: {samples_per_gpu: 4, workers_per_gpu: 4, train: {type: ADE20KDataset}, val: {type: ADE20KDataset}, test: {type: ADE20KDataset}}
    """
}

/// Both runners of a legacy config and its conversion, and how `convert` compares them.
struct Proof {
    let legacy: LegacyRunner
    let new: ModernRunner
    let comparison: TraceEquivalence
    let iterationRun: Bool

    init(_ text: String, itersPerEpoch: Int) throws {
        let legacyConfig = try YAMLReader().read(SourceText(path: "bench.yaml", text: text)).mapping ?? ConfigMapping()
        let converted = try Translator(options: MigrationOptions(itersPerEpoch: itersPerEpoch)).translate(legacyConfig, at: SourceLocation(file: "bench.yaml", line: 1, column: 1))
        guard let newConfig = converted.config.mapping else { throw ConfigError(.notAMapping, "conversion gave no mapping") }
        let settings = SimulationSettings(itersPerEpoch: itersPerEpoch)
        legacy = try LegacyRunner(config: legacyConfig, settings: settings, paramHooks: SimulatedSchedules.legacy)
        new = try ModernRunner(config: newConfig, settings: settings, schedulers: SimulatedSchedules.modern)
        comparison = Validator(settings: settings).comparison(legacy: legacyConfig)
        iterationRun = Validator.iterationRun(newConfig)
    }

    /// The median time of `repeats` proofs with `strategy`, and the last verdict. `cold`: each proof as in a
    /// fresh process (`ProcessMemos` forgotten first); otherwise the spans compared by the proofs before are
    /// remembered.
    func time(_ strategy: TraceEquivalence.Strategy, repeats: Int, cold: Bool = true) throws -> (seconds: Double, verdict: EquivalenceVerdict) {
        var comparison = comparison
        comparison.strategy = strategy
        comparison.remembers = false
        var times: [Double] = []
        var verdict: EquivalenceVerdict?
        for _ in 0..<max(1, repeats) {
            if cold { ProcessMemos.forget() }
            times.append(try seconds { verdict = try comparison.compare(legacy: legacy, new: new, iterationRun: iterationRun) })
        }
        guard let verdict else { throw ConfigError(.notAMapping, "no proof was run") }
        return (median(times), verdict)
    }
}

func describe(_ verdict: EquivalenceVerdict) -> String {
    verdict.isEquivalent ? "equivalent (rules: \(verdict.rulesUsed.keys.sorted().map(\.rawValue).joined(separator: ", ")))" : "not equivalent (\(verdict.divergence?.stream ?? ""))"
}

func describe(_ work: ProofWork) -> String {
    "\(work.bulkIterations) iterations in \(work.spans) bulk spans (\(work.valueIterations) value computations, \(work.symbolicIterations) iterations compared symbolically), \(work.events) events one by one"
}

func peakMegabytes() -> Int {
    var usage = rusage()
    getrusage(RUSAGE_SELF.rawValue, &usage)
    return usage.ru_maxrss / 1024
}

do {
    let coco = try Proof(legacyText, itersPerEpoch: itersPerEpoch)
    // The proof step as `convert` runs it: quiet spans in bulk, every boundary event by event.
    let fast = try coco.time(.spans, repeats: repeats)
    let streamingPeak = peakMegabytes()
    // The same comparison with every event one by one (what `trace` and `diff-trace` write for people).
    let full = try coco.time(.events, repeats: repeats)
    // Each runner alone, counting events without keeping them.
    var legacyTimes: [Double] = []
    var newTimes: [Double] = []
    var events = (0, 0)
    for _ in 0..<repeats {
        var legacyCount = CountingSink()
        var newCount = CountingSink()
        legacyTimes.append(try seconds { try coco.legacy.run(into: &legacyCount) })
        newTimes.append(try seconds { try coco.new.run(into: &newCount) })
        events = (legacyCount.total, newCount.total)
    }
    print("schedule: \(epochs) epochs x \(itersPerEpoch) iterations = \(epochs * itersPerEpoch) iterations")
    print("events: legacy \(events.0), new \(events.1)")
    print(String(format: "proof step (both runners + streaming comparison): %.1f ms (median of %d)", fast.seconds * 1000, repeats))
    print("  bulk path: " + describe(fast.verdict.work))
    print(String(format: "  event by event (every event compared): %.1f ms", full.seconds * 1000))
    print(String(format: "  legacy runner alone: %.1f ms", median(legacyTimes) * 1000))
    print(String(format: "  new runner alone:    %.1f ms", median(newTimes) * 1000))
    print("peak resident memory after the proof steps: \(streamingPeak) MB")
    print("verdict: \(describe(fast.verdict))")
    guard fast.verdict.isEquivalent == full.verdict.isEquivalent, fast.verdict.rulesUsed == full.verdict.rulesUsed else {
        throw ConfigError(.notAMapping, "the bulk path and the event-by-event path disagree")
    }

    let segmentationLength = argument("--segmentation-iters", 160_000)
    let segmentation = try Proof(segmentationText(iterations: segmentationLength), itersPerEpoch: 10)
    // The first proof computes every span; the later ones find them in SpanKernelMemo.
    let segmentationCold = try segmentation.time(.spans, repeats: 1)
    let segmentationFast = try segmentation.time(.spans, repeats: repeats, cold: false)
    let segmentationFull = try segmentation.time(.events, repeats: max(1, repeats / 2))
    print("")
    print("mmseg-style: IterBasedRunner, \(segmentationLength) iterations, poly lr, logger every 50, checkpoint/evaluation every \(max(1, segmentationLength / 10))")
    print(String(format: "proof step: first %.1f ms (nothing remembered), then %.1f ms (median of %d, spans remembered); event by event: %.1f ms",
                 segmentationCold.seconds * 1000, segmentationFast.seconds * 1000, repeats, segmentationFull.seconds * 1000))
    print("  bulk path: " + describe(segmentationFast.verdict.work))
    print("verdict: \(describe(segmentationFast.verdict))")

    let longLength = argument("--long-iters", 10_000_000)
    let long = try Proof(segmentationText(iterations: longLength), itersPerEpoch: 10)
    let longFast = try long.time(.spans, repeats: 1)
    print("")
    print("long run: the mmseg-style schedule with \(longLength) iterations")
    print(String(format: "proof step: %.2f s; peak resident memory of the process after it: %d MB", longFast.seconds, peakMegabytes()))
    print("  bulk path: " + describe(longFast.verdict.work) + "; \(longFast.verdict.work.units) units of the budget's \(ProofBudget.standard.work)")
    print("verdict: \(describe(longFast.verdict))")
} catch {
    FileHandle.standardError.write(Data("hookmigrate-bench: \(error)\n".utf8))
    exit(2)
}
