import HookMigrateCore

/// Hook priorities, shared by MMCV and MMEngine (`mmcv/runner/priority.py`, `mmengine/runner/priority.py`):
/// a lower value runs earlier; equal values run in registration order.
public enum Priority {
    /// The named levels.
    public static let levels: [(name: String, value: Int)] = [
        ("HIGHEST", 0), ("VERY_HIGH", 10), ("HIGH", 30), ("ABOVE_NORMAL", 40), ("NORMAL", 50),
        ("BELOW_NORMAL", 60), ("LOW", 70), ("VERY_LOW", 90), ("LOWEST", 100),
    ]

    /// `get_priority`: an int in 0…100, or a level name in any letter case. Anything else is a located error
    /// (MMCV/MMEngine raise ValueError, KeyError or TypeError).
    public static func value(of node: ConfigNode, path: ConfigPath) throws -> Int {
        switch node.value {
        case .scalar(.int(let number)):
            guard (0...100).contains(number) else {
                throw ConfigError(.invalidValue, "`\(path)` must be between 0 and 100, found \(number)", at: node.location)
            }
            return number
        case .scalar(.string(let name)):
            guard let level = levels.first(where: { $0.name == name.uppercased() }) else {
                let names = levels.map(\.name).joined(separator: ", ")
                throw ConfigError(.invalidValue, "`\(path)` names no priority level: '\(name)' (expected one of \(names), or 0-100)", at: node.location)
            }
            return level.value
        default:
            throw ConfigError(.typeMismatch, "expected a priority (a level name or an int 0-100) for `\(path)`, found \(node.typeDescription)", at: node.location)
        }
    }

    /// The level name of a value, or the number itself.
    public static func name(of value: Int) -> String {
        levels.first { $0.value == value }?.name ?? String(value)
    }
}
