import HookMigrateCore

/// A per-group value of MMCV's OneCycle hooks (`max_lr`, `base_momentum`, `max_momentum`), resolved the way
/// `format_param` in `mmcv/runner/hooks/lr_updater.py` does at `before_run`: a number is repeated for every
/// group; a list must have one value per group (`ValueError` otherwise); a dict is keyed by optimizer name —
/// for a single optimizer that name is the optimizer's class name (`type(runner.optimizer).__name__`), a
/// missing name is a `KeyError`, and the value found is used as is (a number there cannot be iterated:
/// `TypeError`; a list is zipped with the groups, so extra or missing entries are silently cut).
public enum LegacyGroupValues: Sendable, Hashable {
    /// One number for every group.
    case scalar(Double)
    /// One number per group.
    case list([Double])
    /// Per optimizer name: a list (usable) or a number (a `TypeError` when resolved).
    case byOptimizer([(name: String, values: [Double]?)])

    public static func == (lhs: LegacyGroupValues, rhs: LegacyGroupValues) -> Bool {
        switch (lhs, rhs) {
        case let (.scalar(a), .scalar(b)): return a == b
        case let (.list(a), .list(b)): return a == b
        case let (.byOptimizer(a), .byOptimizer(b)):
            return a.count == b.count && zip(a, b).allSatisfy { $0.name == $1.name && $0.values == $1.values }
        default: return false
        }
    }

    public func hash(into hasher: inout Hasher) {
        switch self {
        case .scalar(let value): hasher.combine(0); hasher.combine(value)
        case .list(let values): hasher.combine(1); hasher.combine(values)
        case .byOptimizer(let entries):
            hasher.combine(2)
            for entry in entries { hasher.combine(entry.name); hasher.combine(entry.values) }
        }
    }

    /// The values for `groupCount` groups of an optimizer of class `optimizerType`.
    public func resolve(groupCount: Int, optimizerType: String?, name: String) throws -> [Double] {
        switch self {
        case .scalar(let value):
            return Array(repeating: value, count: groupCount)
        case .list(let values):
            guard values.count == groupCount else {
                throw ScheduleRuntimeError(.valueError, "expected \(groupCount) values for \(optimizerType ?? "the optimizer"), got \(values.count) (\(name))")
            }
            return values
        case .byOptimizer(let entries):
            guard let optimizerType, let entry = entries.first(where: { $0.name == optimizerType }) else {
                throw ScheduleRuntimeError(.keyError, "\(optimizerType ?? "<optimizer class>") is not found in \(entries.map(\.name)) (\(name))")
            }
            guard let values = entry.values else {
                throw ScheduleRuntimeError(.typeError, "'float' object is not iterable (\(name)[\(entry.name)] is a number)")
            }
            return Array(values.prefix(groupCount))
        }
    }

    /// Reads a number, list or dict. `allowInt` is false where the constructor accepts only a float
    /// (`OneCycleMomentumUpdaterHook`: `isinstance(x, (float, list, dict))`). A tuple is rejected by both
    /// constructors (`isinstance(max_lr, (numbers.Number, list, dict))`).
    static func parse(_ node: ConfigNode, path: ConfigPath, allowInt: Bool, owner: String) throws -> LegacyGroupValues {
        switch node.value {
        case .scalar(.float(let value)):
            return .scalar(value)
        case .scalar(.int(let value)) where allowInt:
            return .scalar(Double(value))
        case .list(let list) where list.style == .list:
            return .list(try list.items.enumerated().map { try $0.element.double(path.appending(index: $0.offset)) })
        case .mapping(let mapping):
            var entries: [(name: String, values: [Double]?)] = []
            for entry in mapping.entries {
                let key = entry.key.stringValue ?? entry.key.description
                let itemPath = path.appending(key: entry.key)
                if let list = entry.value.list {
                    entries.append((key, try list.items.enumerated().map { try $0.element.double(itemPath.appending(index: $0.offset)) }))
                } else {
                    _ = try entry.value.double(itemPath)
                    entries.append((key, nil))
                }
            }
            return .byOptimizer(entries)
        default:
            throw ConfigError(.rejected, "`\(path)`: \(owner) takes \(allowInt ? "a number" : "a float"), a list or a dict, found \(node.typeDescription) (\(node.description)) (ValueError)", at: node.location)
        }
    }
}
