import HookMigrateCore

/// Typed reads of one legacy hook dict (`checkpoint_config`, a `log_config.hooks` entry, a `custom_hooks`
/// entry). Each read names `path.key` and the value's place when the type is wrong; a missing key reads
/// as `nil`.
struct LegacyHookArgs {
    let mapping: ConfigMapping
    let path: ConfigPath
    let location: SourceLocation?

    init(_ mapping: ConfigMapping, path: ConfigPath, at location: SourceLocation?) {
        self.mapping = mapping
        self.path = path
        self.location = location
    }

    func has(_ key: String) -> Bool { mapping.contains(key) }

    func node(_ key: String) -> ConfigNode? { mapping[key] }

    /// Where `key` is written (its key), else where the dict is.
    func location(_ key: String) -> SourceLocation? {
        mapping.entry(key)?.keyLocation ?? mapping[key]?.location ?? location
    }

    func int(_ key: String) throws -> Int? { try mapping[key].map { try $0.count(path.appending(key)) } }
    func double(_ key: String) throws -> Double? { try mapping[key].map { try $0.double(path.appending(key)) } }
    func bool(_ key: String) throws -> Bool? { try mapping[key].map { try $0.bool(path.appending(key)) } }
    func string(_ key: String) throws -> String? { try mapping[key].map { try $0.string(path.appending(key)) } }

    /// A value that may be a string or null (`out_dir`).
    func stringOrNull(_ key: String) throws {
        guard let node = mapping[key], !node.isNull else { return }
        _ = try node.string(path.appending(key))
    }

    /// A value that may be a mapping or null (`init_kwargs`, `file_client_args`); `nil` when absent or null.
    func mappingOrNull(_ key: String) throws -> ConfigMapping? {
        guard let node = mapping[key], !node.isNull else { return nil }
        return try node.mapping(path.appending(key))
    }

    /// The string keys in file order; a non-string key is an error (Python passes keys as keyword names).
    func keys() throws -> [String] {
        try mapping.entries.map { entry in
            guard case .string(let key) = entry.key else {
                throw ConfigError(.invalidValue, "argument names in `\(path)` must be strings, found \(entry.key.typeDescription) (\(entry.key))", at: entry.keyLocation)
            }
            return key
        }
    }
}

/// Hook priorities as MMCV's and MMEngine's `get_priority` read them (identical in both; runners-and-hooks.md 1.1).
enum HookPriority {
    static let levels: [(name: String, value: Int)] = [
        ("HIGHEST", 0), ("VERY_HIGH", 10), ("HIGH", 30), ("ABOVE_NORMAL", 40), ("NORMAL", 50),
        ("BELOW_NORMAL", 60), ("LOW", 70), ("VERY_LOW", 90), ("LOWEST", 100),
    ]
    static let normal = 50
    static let low = 70
    static let veryLow = 90

    /// The numeric priority of a `priority` value: an int in 0…100 or a level name in any case. Anything
    /// else is what `get_priority` rejects (`ValueError`, `KeyError`, `TypeError`).
    static func value(of node: ConfigNode, _ path: ConfigPath) throws -> Int {
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

    /// `NORMAL (50)` for a level value, `49` otherwise.
    static func describe(_ value: Int) -> String {
        if let level = levels.first(where: { $0.value == value }) { return "\(level.name) (\(value))" }
        return String(value)
    }
}

extension ConfigMapping {
    /// This mapping with `key` renamed in place (keeping its position and value).
    func renaming(_ key: String, to newKey: String) -> ConfigMapping {
        ConfigMapping(entries.map { entry in
            entry.key == .string(key) ? ConfigMapping.Entry(key: .string(newKey), keyLocation: entry.keyLocation, value: entry.value) : entry
        })
    }
}
