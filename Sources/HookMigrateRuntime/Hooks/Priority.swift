import HookMigrateCore

/// Hook priorities, shared by MMCV and MMEngine (`mmcv/runner/priority.py`, `mmengine/runner/priority.py`):
/// a lower value runs earlier; equal values run in registration order.
public enum Priority {
    /// The named levels.
    public static let levels: [(name: String, value: Int)] = [
        ("HIGHEST", 0), ("VERY_HIGH", 10), ("HIGH", 30), ("ABOVE_NORMAL", 40), ("NORMAL", 50),
        ("BELOW_NORMAL", 60), ("LOW", 70), ("VERY_LOW", 90), ("LOWEST", 100),
    ]

    /// The priorities MMEngine 0.10.7's hook classes declare (a hook registered without `priority` gets its
    /// class's; a class not listed here is NORMAL).
    public static let mmengineClassPriorities: [String: Int] = [
        "RuntimeInfoHook": 10, "IterTimerHook": 50, "DistSamplerSeedHook": 50, "LoggerHook": 60, "ParamSchedulerHook": 70,
        "CheckpointHook": 90, "EMAHook": 50, "EmptyCacheHook": 50, "SyncBuffersHook": 50, "ProfilerHook": 90, "EarlyStoppingHook": 100,
    ]

    /// `NORMAL`: a hook's default.
    public static let normal = 50
    /// `LOW`.
    public static let low = 70
    /// `VERY_LOW`.
    public static let veryLow = 90

    /// `get_priority`: an int in 0…100, or a level name in any letter case. Anything else is a located error
    /// (MMCV/MMEngine raise ValueError, KeyError or TypeError).
    public static func value(of node: ConfigNode, path: ConfigPath) throws -> Int {
        switch node.value {
        case .scalar(.int(let number)):
            guard (0...100).contains(number) else {
                throw ConfigError(.invalidValue, "`\(path)` must be between 0 and 100 (get_priority raises ValueError), found \(number)", at: node.location)
            }
            return number
        case .scalar(.string(let name)):
            guard let level = levels.first(where: { $0.name == name.uppercased() }) else {
                let names = levels.map(\.name).joined(separator: ", ")
                throw ConfigError(.invalidValue, "`\(path)` is not a priority name (get_priority raises KeyError), found '\(name)'; expected an int in 0…100 or one of \(names) (any case)", at: node.location)
            }
            return level.value
        default:
            throw ConfigError(.typeMismatch, "expected an int or a priority name for `\(path)`, found \(node.typeDescription) (\(node.description))", at: node.location)
        }
    }

    /// The level name of a value, or the number itself.
    public static func name(of value: Int) -> String {
        levels.first { $0.value == value }?.name ?? String(value)
    }

    /// `NORMAL (50)` for a level's value, the number itself otherwise (for messages).
    public static func describe(_ value: Int) -> String {
        levels.first { $0.value == value }.map { "\($0.name) (\(value))" } ?? String(value)
    }
}
