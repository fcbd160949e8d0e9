import HookMigrate
import HookMigrateCore

/// Why an official MMEngine-era config's lr schedule differs from its legacy config's, read from the two
/// configs (docs/official-comparison.md). A cause is either a deliberate retune (the training length or the
/// base lr changed on purpose) or a migration mistake.
struct OfficialCause: Hashable, Comparable {
    /// The cause's name in the page.
    var name: String
    /// Whether it is a deliberate retune rather than a mistake.
    var retune: Bool

    static func < (lhs: OfficialCause, rhs: OfficialCause) -> Bool { lhs.name < rhs.name }

    /// The causes found for a pair whose schedule differs, in a fixed order; `detail` is the schedule stream's
    /// detail. Never empty: when nothing named fits, `other: <first words of the detail>`.
    static func causes(legacy: ConfigMapping, modern: ConfigMapping, detail: String) -> [OfficialCause] {
        var found: [OfficialCause] = []
        let runner = legacy["runner"]?.mapping
        let legacyEpochs = ProofBoundary.int(runner?["max_epochs"]) ?? ProofBoundary.int(legacy["total_epochs"])
        let legacyIters = ProofBoundary.int(runner?["max_iters"]) ?? ProofBoundary.int(legacy["total_iters"])
        let train = modern["train_cfg"]?.mapping
        let modernEpochs = ProofBoundary.int(train?["max_epochs"])
        let modernIters = ProofBoundary.int(train?["max_iters"])
        if (legacyEpochs != nil && modernEpochs != nil && legacyEpochs != modernEpochs)
            || (legacyIters != nil && modernIters != nil && legacyIters != modernIters)
            || detail.contains("do not train the same iterations") {
            let from = legacyEpochs.map { "\($0) epochs" } ?? legacyIters.map { "\($0) iterations" } ?? "?"
            let to = modernEpochs.map { "\($0) epochs" } ?? modernIters.map { "\($0) iterations" } ?? "?"
            found.append(OfficialCause(name: "training length changed (\(from) → \(to))", retune: true))
        }
        let legacyLr = double(legacy["optimizer"]?.mapping?["lr"])
        let modernLr = double(modern["optim_wrapper"]?.mapping?["optimizer"]?.mapping?["lr"])
        if let legacyLr, let modernLr, abs(legacyLr - modernLr) > 1e-12 * max(abs(legacyLr), 1e-30) {
            found.append(OfficialCause(name: "base lr changed (batch-size scaling or retune)", retune: true))
        } else if detail.contains("equal up to a constant lr factor") {
            found.append(OfficialCause(name: "lr scaled by a constant factor", retune: true))
        }
        let lrConfig = legacy["lr_config"]?.mapping
        let schedulers = hooks(modern["param_scheduler"])
        let lrSchedulers = schedulers.filter { (type($0) ?? "").hasSuffix("LR") || $0["param_name"]?.scalar?.stringValue == "lr" }
        let policy = (lrConfig?["policy"]?.scalar?.stringValue ?? "").lowercased()
        let warmup = lrConfig?["warmup"].map { !$0.isNull } ?? false
        if lrConfig != nil, lrSchedulers.isEmpty, policy != "fixed" || warmup {
            found.append(OfficialCause(name: "no lr scheduler for a legacy lr policy", retune: false))
        }
        let iterationSchedulers = lrSchedulers.filter { ProofBoundary.bool($0["by_epoch"]) == false }
        if warmup, ProofBoundary.bool(lrConfig?["warmup_by_epoch"]) != true, let w = ProofBoundary.int(lrConfig?["warmup_iters"]) {
            let warmups = iterationSchedulers.filter { (ProofBoundary.int($0["begin"]) ?? 0) == 0 && ["LinearLR", "ConstantLR", "ExponentialLR"].contains(type($0) ?? "") }
            if warmups.isEmpty {
                found.append(OfficialCause(name: "warmup missing", retune: false))
            } else if let end = ProofBoundary.int(warmups[0]["end"]), end == w {
                found.append(OfficialCause(name: "warmup ends one iteration early (end=W; MMCV reaches the full lr at W, LinearLR needs end=W+1)", retune: false))
            } else if let end = ProofBoundary.int(warmups[0]["end"]), end != w + 1 {
                found.append(OfficialCause(name: "warmup length changed", retune: true))
            }
            if let ratio = double(lrConfig?["warmup_ratio"]), let start = double(warmups.first?["start_factor"]), abs(ratio - start) > 1e-12 {
                found.append(OfficialCause(name: "warmup start factor differs from warmup_ratio", retune: false))
            }
        }
        let legacySteps = ProofBoundary.ints(lrConfig?["step"])
        for scheduler in lrSchedulers where type(scheduler) == "MultiStepLR" {
            let milestones = ProofBoundary.ints(scheduler["milestones"])
            let length = ProofBoundary.bool(scheduler["by_epoch"]) == false ? (modernIters ?? modernEpochs) : (modernEpochs ?? modernIters)
            if let length, milestones.contains(where: { $0 >= length }), !legacySteps.contains(where: { $0 >= (legacyEpochs ?? legacyIters ?? Int.max) }) {
                found.append(OfficialCause(name: "a milestone the training never reaches", retune: false))
            } else if !legacySteps.isEmpty, milestones != legacySteps {
                found.append(OfficialCause(name: "milestones differ from the legacy steps", retune: legacyEpochs != modernEpochs))
            }
        }
        let warmupTypes: Set<String> = ["LinearLR", "ConstantLR", "ExponentialLR"]
        let mains = lrSchedulers.filter { !(warmup && warmupTypes.contains(type($0) ?? "") && (ProofBoundary.int($0["begin"]) ?? 0) == 0) }
        let legacyByEpoch = ProofBoundary.bool(lrConfig?["by_epoch"]) ?? !(policy == "cyclic" || policy == "onecycle")
        let baseLr = legacyLr ?? 0
        for scheduler in mains where type(scheduler) != "MultiStepLR" || !legacySteps.isEmpty {
            let byIteration = ProofBoundary.bool(scheduler["by_epoch"]) == false || ProofBoundary.bool(scheduler["convert_to_iter_based"]) == true
            if lrConfig != nil, policy != "fixed", legacyByEpoch == byIteration {
                found.append(OfficialCause(name: legacyByEpoch ? "steps the lr every iteration where MMCV stepped it every epoch" : "steps the lr every epoch where MMCV stepped it every iteration", retune: false))
            }
            let name = type(scheduler) ?? ""
            if ["PolyLR", "CosineAnnealingLR"].contains(name), (ProofBoundary.int(scheduler["begin"]) ?? 0) > 0, ["poly", "cosineannealing"].contains(policy) {
                found.append(OfficialCause(name: "the main schedule begins after the warmup (MMCV's spans the whole run, the warmup multiplying it)", retune: false))
            }
            if ["PolyLR", "CosineAnnealingLR"].contains(name) {
                let expected = double(lrConfig?["min_lr"]) ?? double(lrConfig?["min_lr_ratio"]).map { $0 * baseLr }
                let etaMin = double(scheduler["eta_min"]) ?? 0
                if let expected, abs(expected - etaMin) > 1e-12 * max(abs(expected), 1e-30) {
                    found.append(OfficialCause(name: "eta_min differs from min_lr (or min_lr_ratio × lr)", retune: false))
                }
            }
            if name == "PolyLR" {
                let byEpoch = ProofBoundary.bool(scheduler["by_epoch"]) != false
                let length = byEpoch ? modernEpochs : modernIters
                if let end = ProofBoundary.int(scheduler["end"]), let length {
                    if end == length, !byEpoch {
                        found.append(OfficialCause(name: "PolyLR end=H, one short (MMCV's last lr is still above min_lr; end=H+1)", retune: false))
                    } else if end != length, end != length + 1 {
                        found.append(OfficialCause(name: "PolyLR ends before or after the training", retune: false))
                    }
                }
                if let power = double(lrConfig?["power"]), let modernPower = double(scheduler["power"]), abs(power - modernPower) > 1e-12 {
                    found.append(OfficialCause(name: "PolyLR power differs", retune: false))
                }
            }
        }
        if found.allSatisfy(\.retune), detail.contains("value 1:") {
            found.append(OfficialCause(name: "momentum values differ", retune: false))
        }
        if found.isEmpty {
            let words = detail.replacingOccurrences(of: #"at L=\d+: "#, with: "", options: .regularExpression).split(separator: " ").prefix(6).joined(separator: " ")
            found.append(OfficialCause(name: "other: " + words, retune: false))
        }
        return found
    }

    static func double(_ node: ConfigNode?) -> Double? {
        switch node?.scalar {
        case .int(let value)?: return Double(value)
        case .float(let value)?: return value
        default: return nil
        }
    }

    static func hooks(_ node: ConfigNode?) -> [ConfigMapping] {
        if let mapping = node?.mapping { return [mapping] }
        return (node?.list?.items ?? []).compactMap(\.mapping)
    }

    static func type(_ hook: ConfigMapping) -> String? {
        hook["type"]?.scalar?.stringValue
    }
}
