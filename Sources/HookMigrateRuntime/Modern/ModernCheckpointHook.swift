/// MMEngine 0.10.7's CheckpointHook (`mmengine/hooks/checkpoint_hook.py`): saves when
/// `(step - save_begin) % interval == 0` or at the last step, keeps a FIFO of the last `max_keep_ckpts`
/// saves, and after every best update re-saves the current step's regular checkpoint (R7).
public struct ModernCheckpointHook: Sendable, Hashable {
    /// `interval`.
    public var interval: Int
    /// `by_epoch`.
    public var byEpoch: Bool
    /// `max_keep_ckpts`.
    public var maxKeep: Int
    /// `save_last`.
    public var saveLast: Bool
    /// `save_begin`.
    public var saveBegin: Int
    /// `filename_tmpl`, default `epoch_{}.pth` / `iter_{}.pth` by `by_epoch`.
    public var filenameTemplate: String?
    /// `save_best` keys (empty: none); `auto` resolves to the first metric key.
    public var saveBest: [String]
    /// `rule` per key (nil: inferred).
    public var rules: [String?]
    /// Saved steps kept for retention, oldest first.
    public private(set) var keptSteps: [Int] = []
    /// The last regular checkpoint written by this hook.
    public private(set) var lastCheckpoint: String?
    /// Best score per resolved key.
    public private(set) var bestScores: [String: Double] = [:]
    /// Best file per resolved key.
    public private(set) var bestFiles: [String: String] = [:]
    /// Step of the best file per resolved key.
    public private(set) var bestSteps: [String: Int] = [:]
    private var resolvedKeys: [String]?
    /// The rule of each resolved key (given, else inferred from the key), worked out with the keys: inferring
    /// it lower-cases and searches every key list, once per validation otherwise.
    private var resolvedRules: [String] = []

    /// Creates the hook.
    public init(interval: Int = -1, byEpoch: Bool = true, maxKeep: Int = -1, saveLast: Bool = true, saveBegin: Int = 0,
                filenameTemplate: String? = nil, saveBest: [String] = [], rules: [String?] = []) {
        self.interval = interval
        self.byEpoch = byEpoch
        self.maxKeep = maxKeep
        self.saveLast = saveLast
        self.saveBegin = saveBegin
        self.filenameTemplate = filenameTemplate
        self.saveBest = saveBest
        self.rules = rules
    }

    /// One file-system effect.
    public enum Effect: Sendable, Equatable {
        case save(String, step: Int)
        case remove(String, step: Int)
        case bestSave(String, step: Int, score: Double)
        case bestRemove(String, step: Int)
    }

    /// The file a save at `step` writes (`filename_tmpl`, else the default of `by_epoch`).
    func fileName(_ step: Int) -> String { LegacyCheckpointHook.fileName(filenameTemplate, epochs: byEpoch, step: step) }

    /// Whether a finished 1-based step saves (`every_n_epochs/iters(interval, save_begin)` or save_last).
    public func shouldSave(step: Int, isLast: Bool) -> Bool {
        guard interval > 0, step >= saveBegin else { return saveLast && isLast }
        let (delta, overflow) = step.subtractingReportingOverflow(saveBegin)
        let onGrid = overflow ? (Int128(step) - Int128(saveBegin)) % Int128(interval) == 0 : delta % interval == 0
        return onGrid || (saveLast && isLast)
    }

    /// Where the grid lies past `save_begin`: its steps are congruent to this (in `0..<interval`; 0 without
    /// an interval).
    var gridOffset: Int {
        guard interval > 0 else { return 0 }
        let remainder = saveBegin % interval
        return remainder < 0 ? remainder + interval : remainder
    }

    /// The regular saves of quiet iterations whose 1-based steps run from `first` through `last`, done
    /// without their events (`QuietCheckpoints`): a by-iteration hook that keeps every file is left with the
    /// last of them as its newest file. Any other hook saves nowhere in a quiet span.
    public mutating func skipSaves(from first: Int, through last: Int) {
        guard interval > 0, maxKeep <= 0, !byEpoch, last >= first, last >= saveBegin else { return }
        // The last step on the grid, at most `last` (in 128 bits: the config's numbers may be anything).
        let step = Int128(last) - (Int128(last) - Int128(saveBegin)) % Int128(interval)
        guard step >= Int128(Swift.max(first, saveBegin)) else { return }
        lastCheckpoint = fileName(Int(step))
    }

    /// `_save_checkpoint_with_step`.
    public mutating func saveWithStep(_ step: Int) -> [Effect] {
        var effects: [Effect] = []
        if maxKeep > 0, keptSteps.last != step {
            if keptSteps.count == maxKeep, let oldest = keptSteps.first {
                keptSteps.removeFirst()
                effects.append(.remove(fileName(oldest), step: oldest))
            }
            keptSteps.append(step)
        }
        let file = fileName(step)
        lastCheckpoint = file
        effects.append(.save(file, step: step))
        return effects
    }

    /// `after_val_epoch`: best updates for metrics at a step, then the re-save (R7).
    public mutating func afterValidation(metrics: [(key: String, value: Double)], step: Int) -> [Effect] {
        guard !saveBest.isEmpty, !metrics.isEmpty else { return [] }
        if resolvedKeys == nil {
            let keys = saveBest.map { $0 == "auto" ? (metrics.first?.key ?? $0) : $0 }
            resolvedKeys = keys
            resolvedRules = keys.enumerated().map { index, key in
                let given = rules.count == 1 ? rules[0] : (index < rules.count ? rules[index] : nil)
                return given ?? BestRule.infer(key) ?? "greater"
            }
        }
        var effects: [Effect] = []
        var updated = false
        for (index, key) in (resolvedKeys ?? []).enumerated() {
            guard let value = metrics.first(where: { $0.key == key })?.value else { continue }
            let rule = resolvedRules[index]
            if let best = bestScores[key], !BestRule.better(value, than: best, rule: rule) { continue }
            updated = true
            bestScores[key] = value
            if let previous = bestFiles[key] { effects.append(.bestRemove(previous, step: bestSteps[key] ?? step)) }
            let file = "best_" + key.split(separator: "/", omittingEmptySubsequences: false).joined(separator: "_") + "_" + fileName(step)
            bestFiles[key] = file
            bestSteps[key] = step
            effects.append(.bestSave(file, step: step, score: value))
        }
        if updated, lastCheckpoint != nil { effects += saveWithStep(step) }
        return effects
    }
}
