import Foundation
import HookMigrateCore
import HookMigrateRuntime

// Helpers shared by the `lr_config` and `momentum_config` rules: MMCV's policy names, numbers as Python reads
// and prints them, and MMEngine scheduler dicts. The rest of what the two rules share is in the
// `UpdaterSchedulePlanner` files and in LegacyHookArguments (locations and presence of the keys; the values
// come from the runtime's `LegacyUpdaterConfig`), ScheduleSpan, LegacyOptimizerFacts and SchedulePlan.

extension LrConfigRule {
    // MARK: Policy names

    /// A hint for a name MMCV rejects only because of its spelling (`cosineannealing` for `CosineAnnealing`).
    static func spellingHint(_ policy: String, known: [String]) -> String {
        guard let match = known.first(where: { $0.lowercased() == policy.lowercased() }) else { return "" }
        return " (the MMCV policy is spelled `\(match)`: MMCV title-cases only all-lower-case names, so `\(policy)` becomes `\(LegacyPolicyName.stem(of: policy))`)"
    }

    // MARK: Numbers

    /// Python's `round()` of a float to an int: half to even (`round(2.5) == 2`). Callers pass values
    /// bounded by a run length; one outside Int's range (or NaN) saturates instead of trapping.
    static func pythonRound(_ value: Double) -> Int {
        saturating(value.rounded(.toNearestOrEven))
    }

    /// Python's `int()` of a float: truncation toward zero, saturating as `pythonRound` does.
    static func pythonInt(_ value: Double) -> Int {
        saturating(value.rounded(.towardZero))
    }

    private static func saturating(_ integral: Double) -> Int {
        Int(exactly: integral) ?? (integral < 0 ? Int.min : Int.max)
    }

    /// A float scalar node.
    static func float(_ value: Double, at location: SourceLocation? = nil) -> ConfigNode {
        ConfigNode(.float(value), at: location)
    }

    /// An int scalar node.
    static func int(_ value: Int, at location: SourceLocation? = nil) -> ConfigNode {
        ConfigNode(.int(value), at: location)
    }

    /// A list of ints.
    static func ints(_ values: [Int], at location: SourceLocation? = nil) -> ConfigNode {
        ConfigNode(ConfigList(values.map { ConfigNode(.int($0)) }), at: location)
    }

    /// A list of floats.
    static func floats(_ values: [Double], at location: SourceLocation? = nil) -> ConfigNode {
        ConfigNode(ConfigList(values.map { ConfigNode(.float($0)) }), at: location)
    }

    /// A number as Python prints it (`0.1`, `1e-05`, `12`).
    static func show(_ value: Double) -> String { PythonFloat.repr(value) }

    /// A computed number for messages, to 3 significant digits (`2e-05`, not `2.0000000000000005e-05`).
    static func brief(_ value: Double) -> String { String(format: "%.3g", value) }

    /// A computed value with its float noise removed: the shortest decimal within 2 ulps of it
    /// (`0.3 + 0.7 × 0.05` = `0.33499999999999996` → `0.335`); a value with no such short form is kept.
    static func tidy(_ value: Double) -> Double {
        guard value.isFinite, value != 0 else { return value }
        for digits in 1...12 {
            if let candidate = Double(String(format: "%.\(digits)g", value)), abs(candidate - value) <= 2 * value.ulp {
                return candidate
            }
        }
        return value
    }

    /// A list of numbers as Python prints it (`[1.0, 0.5]`).
    static func show(_ values: [Double]) -> String { "[" + values.map { PythonFloat.repr($0) }.joined(separator: ", ") + "]" }

    /// The running maxima of a milestone list: the epochs/iterations at which MMCV's "first milestone greater
    /// than the progress" rule actually decays (`[8, 2]` → `[8, 8]`, A.3).
    static func runningMaxima(_ steps: [Int]) -> [Int] {
        var result: [Int] = []
        var maximum = Int.min
        for step in steps {
            maximum = max(maximum, step)
            result.append(maximum)
        }
        return result
    }

    // MARK: Scheduler dicts

    /// One MMEngine scheduler dict: `type`, its arguments, then `begin`/`end`/`by_epoch` (and
    /// `convert_to_iter_based`), in that order.
    static func scheduler(_ type: String, _ arguments: KeyValuePairs<String, ConfigNode>, begin: Int? = nil, end: Int? = nil,
                          byEpoch: Bool, convertToIterBased: Bool = false, at location: SourceLocation?) -> ConfigNode {
        var mapping = ConfigMapping()
        mapping["type"] = ConfigNode(.string(type))
        for (key, value) in arguments { mapping[key] = value }
        if let begin { mapping["begin"] = ConfigNode(.int(begin)) }
        if let end { mapping["end"] = ConfigNode(.int(end)) }
        mapping["by_epoch"] = ConfigNode(.bool(byEpoch))
        if convertToIterBased { mapping["convert_to_iter_based"] = ConfigNode(.bool(true)) }
        return ConfigNode(mapping, at: location)
    }

    /// A single-period CosineRestart scheduler (`CosineRestartLR`, `CosineRestartMomentum`) by iteration whose
    /// period is the whole segment from `begin` to `end`: it restarts at `restartWeight` × the base value and
    /// anneals toward `target` (`eta_min` or `eta_min_ratio`). The cyclic and OneCycle translations chain them.
    /// `inEpochs`: begin, end and the period are epochs, converted to iterations by MMEngine
    /// (`by_epoch=True, convert_to_iter_based=True`).
    static func restartSegment(_ type: String, begin: Int, end: Int, restartWeight: Double, target: (name: String, value: Double),
                               inEpochs: Bool = false, at location: SourceLocation?) -> ConfigNode {
        scheduler(type, ["periods": ints([end - begin]), "restart_weights": floats([restartWeight]), target.name: float(target.value)],
                  begin: begin, end: end, byEpoch: inEpochs, convertToIterBased: inEpochs, at: location)
    }

    /// `Type(key=value, ...)` for messages, values as Python prints them.
    static func describe(_ scheduler: ConfigNode) -> String {
        guard let mapping = scheduler.mapping else { return scheduler.description }
        let type = mapping["type"]?.scalar?.stringValue ?? "?"
        let arguments = mapping.entries.filter { $0.key != .string("type") }.map { entry in
            "\(entry.key.stringValue ?? entry.key.description)=\(entry.value.description)"
        }
        return "\(type)(\(arguments.joined(separator: ", ")))"
    }
}
