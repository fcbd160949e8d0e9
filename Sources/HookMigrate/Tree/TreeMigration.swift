import Foundation
import HookMigrateCore
import HookMigrateRuntime

/// Settings of a tree migration.
public struct TreeMigrationOptions: Sendable {
    /// Conversion settings, the same for every file. Each complete config is proven with them
    /// (`ProofOptions(migration:)`): the same epoch length, given or not.
    public var migration: MigrationOptions
    /// The format of every written file; `nil` keeps each file's own format.
    public var outputFormat: ConfigFormat?
    /// Whether complete configs are validated.
    public var validate: Bool
    /// How many files are converted at once.
    public var concurrency: Int
    /// When set, only files with these extensions (without the dot) are read: a folder of MMCV's dumps holds
    /// each config twice, as `.yaml` and `.json`.
    public var extensions: Set<String>?
    /// Whether each proof finds the state of every stream (`ProofOptions.exploresStreams`): needed by the
    /// full report and the plots, not by the summary, which names each config's first divergence.
    public var exploresStreams = true
    /// Called with every complete legacy config once it is converted and proven, from the worker that
    /// converted it (in any order): `--plots` draws each one here.
    public var onConfig: (@Sendable (TreeConfigConversion) -> Void)?

    /// Creates options.
    public init(migration: MigrationOptions = MigrationOptions(),
                outputFormat: ConfigFormat? = nil, validate: Bool = true,
                concurrency: Int = ProcessInfo.processInfo.activeProcessorCount) {
        self.migration = migration
        self.outputFormat = outputFormat
        self.validate = validate
        self.concurrency = max(1, concurrency)
    }
}

/// Migrates a whole tree of configs, keeping its `_base_` structure.
///
/// 1. Every config file under the input root is loaded (each base read and resolved once), converted and,
///    when it is a complete config, validated: in parallel.
/// 2. Each file's *target* is fixed: the flat conversion of its resolved legacy config for a complete config,
///    the partial counterpart (`PartialConversion`) for a `_base_` file.
/// 3. A file that inherits is written as `_base_` plus the override (`ConfigOverride`) that turns its
///    converted bases into its target. Written bases resolve to their targets, so the override is taken
///    over the targets of the bases. Where that is impossible (a base outside the tree or refused, two bases
///    giving the same top-level key, a key the bases set that the target lacks) the file is written flat,
///    with the reason.
/// 4. Every written file is read back from memory and resolved as MMEngine resolves it; each must equal its
///    target. A file that does not is written flat instead (and says so).
/// Nothing is written here: `TreeOutput` writes or checks the result.
public struct TreeMigration: Sendable {
    /// The settings.
    public var options: TreeMigrationOptions

    /// Creates a tree migration.
    public init(options: TreeMigrationOptions = TreeMigrationOptions()) {
        self.options = options
    }

    /// One file after loading and converting, before it is factored.
    struct Converted: Sendable {
        var path: String
        var role: TreeFileRole
        var outputPath: String
        var legacyBytes: Int
        var target: ConfigMapping?
        var error: ConfigError?
        var report: MigrationReport?
        var proof: ProofResult?
        /// The file's own bases, relative to the input root; `nil` entries lie outside the tree.
        var bases: [String?]
        var leadingComment: String?
    }

    /// Migrates the tree under `inputRoot` into the layout of `outputRoot` (which is only used to name
    /// files: nothing is written). `progress` is called with (files done, files in all) as files finish.
    public func run(inputRoot: String, outputRoot: String, progress: (@Sendable (Int, Int) -> Void)? = nil) throws -> TreeMigrationResult {
        var times = TreePhaseTimes()
        var start = DispatchTime.now().uptimeNanoseconds
        func phase(_ keyPath: WritableKeyPath<TreePhaseTimes, Double>) {
            times[keyPath: keyPath] = TreePhaseTimes.since(start)
            start = DispatchTime.now().uptimeNanoseconds
        }
        let root = ConfigPaths.normalized(inputRoot)
        let relativePaths = try ConfigTreeScanner.configFiles(under: root).filter { path in
            options.extensions.map { allowed in allowed.contains(where: { path.lowercased().hasSuffix("." + $0) }) } ?? true
        }
        // Complete configs first: their scopes decide the tree's package, which the bases are then converted
        // for (a base alone often names no model or dataset, and would get no package-specific defaults).
        let configPaths = relativePaths.filter { TreeFileRole.of($0) == .config }
        let basePaths = relativePaths.filter { TreeFileRole.of($0) == .base }
        let cache = ConfigLoadCache()
        phase(\.scan)
        let workerTimes = WorkerTimes()
        let configs = convertAll(configPaths, root: root, cache: cache, options: options.migration, done: 0, total: relativePaths.count,
                                 times: workerTimes, progress: progress)
        var baseOptions = options.migration
        baseOptions.scope = baseOptions.scope ?? Self.commonScope(configs)
        let bases = convertAll(basePaths, root: root, cache: cache, options: baseOptions, done: configPaths.count, total: relativePaths.count,
                               times: workerTimes, progress: progress)
        var converted = (configs + bases).sorted { $0.path.utf8.lexicographicallyPrecedes($1.path.utf8) }
        Self.refuseSharedOutputs(&converted)
        TreeBaseConflicts.resolve(&converted)
        phase(\.convert)
        (times.load, times.translate, times.prove) = workerTimes.sums
        let factored = TreeFactoring.factor(converted, concurrency: options.concurrency)
        phase(\.factor)
        var files = TreeRendering.render(converted, factored, format: options.outputFormat, concurrency: options.concurrency)
        phase(\.render)
        let checked = try TreeRendering.check(&files, converted: converted, outputRoot: ConfigPaths.normalized(outputRoot),
                                              format: options.outputFormat, concurrency: options.concurrency)
        phase(\.check)
        return TreeMigrationResult(inputRoot: inputRoot, outputRoot: outputRoot, files: files, checkedFiles: checked, phaseTimes: times)
    }

    /// Two inputs that would be written to one output path (`x.yaml` and `x.json` with `--format py`): the
    /// second in path order is refused, naming the first.
    static func refuseSharedOutputs(_ files: inout [Converted]) {
        var owners: [String: String] = [:]
        for index in files.indices {
            let output = files[index].outputPath
            if let owner = owners[output] {
                files[index].error = ConfigError(.writeFailed, "\(files[index].path) would be written to \(output), as \(owner) is; convert one of them, or keep each file's format")
                files[index].target = nil
            } else {
                owners[output] = files[index].path
            }
        }
    }

    /// The `default_scope` most complete configs of the tree were given (ties: the first by name); `nil`
    /// when none has one.
    static func commonScope(_ configs: [Converted]) -> String? {
        var counts: [String: Int] = [:]
        for config in configs {
            if let scope = config.target?["default_scope"]?.scalar?.stringValue { counts[scope, default: 0] += 1 }
        }
        return counts.max { ($0.value, $1.key) < ($1.value, $0.key) }?.key
    }

    /// Loads, converts and validates files, `options.concurrency` at a time. The order of the results is the
    /// order of `relativePaths`, whatever order the work finishes in.
    func convertAll(_ relativePaths: [String], root: String, cache: ConfigLoadCache, options migration: MigrationOptions,
                    done alreadyDone: Int, total: Int, times: WorkerTimes, progress: (@Sendable (Int, Int) -> Void)?) -> [Converted] {
        let translator = Translator(options: migration)
        let empty = (try? translator.translate(ConfigMapping(), at: SourceLocation(file: "", line: 1, column: 1)).config.mapping) ?? ConfigMapping()
        let results = ResultSlots<Converted>(count: relativePaths.count)
        let count = relativePaths.count
        let next = Counter()
        let done = Counter()
        let workers = min(options.concurrency, max(1, count))
        LargeStackWork.perform(iterations: workers) { _ in
            while true {
                let index = next.increment() - 1
                guard index < count else { break }
                let item = convert(relativePaths[index], root: root, cache: cache, translator: translator, empty: empty, times: times)
                results.set(index, item)
                progress?(alreadyDone + done.increment(), total)
            }
        }
        return results.values()
    }

    func convert(_ relative: String, root: String, cache: ConfigLoadCache, translator: Translator, empty: ConfigMapping,
                 times: WorkerTimes) -> Converted {
        let path = ConfigPaths.normalized(root + "/" + relative)
        let role = TreeFileRole.of(relative)
        var item = Converted(path: relative, role: role, outputPath: TreeRendering.outputPath(relative, format: options.outputFormat),
                             legacyBytes: 0, bases: [])
        var info = stat()
        item.legacyBytes = stat(path, &info) == 0 ? Int(info.st_size) : 0
        do {
            let source = DiskFileSource()
            var start = DispatchTime.now().uptimeNanoseconds
            let loaded = try ConfigLoader(source: source, cache: cache).load(path)
            times.add(\.load, since: &start)
            let prefix = root == "." ? "" : root + "/"
            item.bases = loaded.bases.map { base in
                guard prefix.isEmpty ? !base.hasPrefix("/") && !base.hasPrefix("..") : base.hasPrefix(prefix) else { return nil }
                return String(base.dropFirst(prefix.count))
            }
            let translation = try translator.translate(loaded)
            times.add(\.translate, since: &start)
            let flat = translation.config.mapping ?? ConfigMapping()
            item.report = translation.report
            switch role {
            case .config:
                item.target = flat
                // An MMEngine config has no legacy run to compare with.
                if options.validate, !translation.isAlreadyMMEngine {
                    var proofOptions = ProofOptions(migration: options.migration)
                    proofOptions.exploresStreams = options.exploresStreams
                    item.proof = ConversionProof(options: proofOptions)
                        .prove(legacy: loaded.root, converted: flat, name: path, report: translation.report)
                    times.add(\.prove, since: &start)
                }
                if let onConfig = options.onConfig, !translation.isAlreadyMMEngine {
                    onConfig(TreeConfigConversion(path: relative, legacy: loaded.root, converted: flat, proof: item.proof))
                }
            case .base:
                item.target = PartialConversion.keep(flat, beyond: empty)
            }
            // JSON has no comments: its file is not read again.
            if ConfigFormat(path: path) != .json {
                item.leadingComment = (try? source.readBytes(path, limit: ReadLimits.default.maxFileBytes, requestedAt: nil))
                    .flatMap { String(validating: $0, as: UTF8.self) }.flatMap(LeadingComment.extract(from:))
            }
        } catch let error as ConfigError {
            item.error = error
        } catch {
            item.error = ConfigError(.invalidValue, "\(path): \(error)")
        }
        return item
    }
}

/// Results written by parallel workers, each into its own slot.
final class ResultSlots<Value: Sendable>: @unchecked Sendable {
    private let lock = NSLock()
    private var slots: [Value?]

    init(count: Int) { slots = Array(repeating: nil, count: count) }

    func set(_ index: Int, _ value: Value) {
        lock.lock()
        slots[index] = value
        lock.unlock()
    }

    func values() -> [Value] {
        lock.lock()
        defer { lock.unlock() }
        return slots.compactMap { $0 }
    }
}

/// The load, translate and prove times of parallel workers, summed.
final class WorkerTimes: @unchecked Sendable {
    private let lock = NSLock()
    private var times = TreePhaseTimes()

    /// Adds the time since `start` to one sum, and restarts `start`.
    func add(_ keyPath: WritableKeyPath<TreePhaseTimes, Double>, since start: inout UInt64) {
        let now = DispatchTime.now().uptimeNanoseconds
        lock.lock()
        times[keyPath: keyPath] += Double(now - start) / 1e9
        lock.unlock()
        start = now
    }

    /// The load, translate and prove sums.
    var sums: (Double, Double, Double) {
        lock.lock()
        defer { lock.unlock() }
        return (times.load, times.translate, times.prove)
    }
}

/// A counter shared by parallel workers.
final class Counter: @unchecked Sendable {
    private let lock = NSLock()
    private var value = 0

    /// Adds one and returns the new value.
    func increment() -> Int {
        lock.lock()
        defer { lock.unlock() }
        value += 1
        return value
    }
}
