import HookMigrateCore

/// MMCV 1.7.2's CheckpointHook (`mmcv/runner/hooks/checkpoint.py`): saves on the interval grid and at the
/// last step (`save_last`), names files by the runner kind, and deletes old files by walking the grid
/// below the new step, stopping at the first file that does not exist.
public struct LegacyCheckpointHook: Sendable, Hashable {
    /// `interval` (≤ 0 never saves on the grid).
    public var interval: Int
    /// `by_epoch` (default True; IterBasedRunner defaults it to False).
    public var byEpoch: Bool
    /// `max_keep_ckpts` (≤ 0 keeps everything).
    public var maxKeep: Int
    /// `save_last`.
    public var saveLast: Bool
    /// `filename_tmpl` when given (with `{}` for the step).
    public var filenameTemplate: String?
    /// The `checkpoint_config` keys MMCV 1.7.2's CheckpointHook takes (its own arguments, and what
    /// `runner.save_checkpoint` accepts of the rest); any other key raised TypeError at the first save.
    /// Shared by the legacy runner and the checkpoint_config rule.
    public static let acceptedKeys: Set<String> = [
        "type", "interval", "by_epoch", "save_optimizer", "out_dir", "max_keep_ckpts", "save_last", "sync_buffer",
        "file_client_args", "filename_tmpl", "meta", "create_symlink",
    ]

    /// Files on disk that the retention walk may delete: kept only while the walk can act (`max_keep_ckpts`
    /// and `interval` positive) and looks for the names the hook saves under (a by-epoch hook of an
    /// IterBasedRunner saves `iter_*` and walks `epoch_*`: it never deletes, and keeps no list), so a long run
    /// holds a bounded list.
    public private(set) var files: Set<String> = []

    /// Reads `checkpoint_config` (a `CheckpointHook` one) as MMCV builds the hook: `interval` (-1), `by_epoch`
    /// (the runner's kind: False under IterBasedRunner), `max_keep_ckpts` (-1), `save_last` (True),
    /// `filename_tmpl`. Counts are range-checked (`number-range`). The one reading of these arguments: the
    /// `checkpoint_config` rule translates it and the simulated runner runs it. (Arguments the hook does not
    /// take are the caller's to check: `LegacyRunner.checkCheckpointHook`.)
    public static func parse(_ mapping: ConfigMapping, iterationRunner: Bool, path: ConfigPath = "checkpoint_config") throws -> LegacyCheckpointHook {
        return LegacyCheckpointHook(
            interval: try mapping.present("interval").map { try $0.count(path.appending("interval")) } ?? -1,
            byEpoch: try mapping.present("by_epoch").map { try $0.bool(path.appending("by_epoch")) } ?? !iterationRunner,
            maxKeep: try mapping.present("max_keep_ckpts").map { try $0.count(path.appending("max_keep_ckpts")) } ?? -1,
            saveLast: try mapping.present("save_last").map { try $0.bool(path.appending("save_last")) } ?? true,
            filenameTemplate: try mapping.present("filename_tmpl").map { try $0.string(path.appending("filename_tmpl")) })
    }

    /// Creates the hook.
    public init(interval: Int = -1, byEpoch: Bool = true, maxKeep: Int = -1, saveLast: Bool = true, filenameTemplate: String? = nil) {
        self.interval = interval
        self.byEpoch = byEpoch
        self.maxKeep = maxKeep
        self.saveLast = saveLast
        self.filenameTemplate = filenameTemplate
    }

    /// What one save decision did: the file written and the files removed.
    public struct Outcome: Sendable, Equatable {
        /// The file written.
        public var saved: String
        /// The step number the retention walk used.
        public var step: Int
        /// Files deleted, in order, each with its own step.
        public var removed: [(file: String, step: Int)]

        public static func == (lhs: Outcome, rhs: Outcome) -> Bool {
            lhs.saved == rhs.saved && lhs.step == rhs.step && lhs.removed.elementsEqual(rhs.removed, by: ==)
        }
    }

    /// The save at a finished step, if any. `step` is `epoch+1` (by epoch) or `iter+1` (by iteration);
    /// `runnerStep` is what the runner names the file by (`epoch+1` for EpochBasedRunner, `iter+1` for
    /// IterBasedRunner); `isLast` is whether this is the run's last epoch/iteration.
    public mutating func save(step: Int, runnerStep: Int, epochRunner: Bool, isLast: Bool) -> Outcome? {
        let onGrid = interval > 0 && step % interval == 0
        guard onGrid || (saveLast && isLast) else { return nil }
        let file = Self.fileName(filenameTemplate, epochs: epochRunner, step: runnerStep)
        // The walk's template (`filename_tmpl`, else by `by_epoch`) is the runner's (else by the runner's kind).
        let walkIsRunners = filenameTemplate != nil || byEpoch == epochRunner
        if maxKeep > 0, interval > 0, walkIsRunners { files.insert(file) }
        var removed: [(file: String, step: Int)] = []
        if maxKeep > 0, interval > 0 {
            // (max_keep_ckpts · interval beyond any step: nothing to walk.)
            let (span, overflow) = maxKeep.multipliedReportingOverflow(by: interval)
            var k = overflow ? 0 : step - span
            while k > 0 {
                let candidate = Self.fileName(filenameTemplate, epochs: byEpoch, step: k)
                guard files.contains(candidate) else { break }
                files.remove(candidate)
                removed.append((candidate, k))
                k -= interval
            }
        }
        return Outcome(saved: file, step: step, removed: removed)
    }

    /// `template.format(step)` for a template whose only field is its first `{}`.
    static func format(_ template: String, _ step: Int) -> String {
        guard let field = Substring(template).firstRange(ofASCII: UInt8(ascii: "{"), UInt8(ascii: "}")) else { return template }
        return "\(template[..<field.lowerBound])\(step)\(template[field.upperBound...])"
    }

    /// The file a save at `step` writes: `format(template, step)`, with the default template (`epoch_{}.pth`
    /// when `epochs`, else `iter_{}.pth`) when `template` is `nil`. The defaults' names are written byte by
    /// byte: every simulated save names a file, and formatting it cost more than the rest of the save.
    static func fileName(_ template: String?, epochs: Bool, step: Int) -> String {
        if let template { return format(template, step) }
        return epochs ? spelled("epoch_", step, ".pth") : spelled("iter_", step, ".pth")
    }

    /// `prefix`, the decimal digits of `step` (with its sign), `suffix`: what `format` gives for the template
    /// `prefix{}suffix`.
    static func spelled(_ prefix: StaticString, _ step: Int, _ suffix: StaticString) -> String {
        String(unsafeUninitializedCapacity: prefix.utf8CodeUnitCount + 20 + suffix.utf8CodeUnitCount) { buffer in
            var count = 0
            for index in 0..<prefix.utf8CodeUnitCount {
                buffer[count] = prefix.utf8Start[index]
                count += 1
            }
            if step < 0 {
                buffer[count] = UInt8(ascii: "-")
                count += 1
            }
            // The digits, last first, then turned around.
            let first = count
            var rest = step.magnitude
            repeat {
                buffer[count] = UInt8(ascii: "0") + UInt8(rest % 10)
                rest /= 10
                count += 1
            } while rest > 0
            var low = first
            var high = count - 1
            while low < high {
                buffer.swapAt(low, high)
                low += 1
                high -= 1
            }
            for index in 0..<suffix.utf8CodeUnitCount {
                buffer[count] = suffix.utf8Start[index]
                count += 1
            }
            return count
        }
    }
}
