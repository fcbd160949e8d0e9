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

extension ConfigMapping {
    /// This mapping with `key` renamed in place (keeping its position and value).
    func renaming(_ key: String, to newKey: String) -> ConfigMapping {
        ConfigMapping(entries.map { entry in
            entry.key == .string(key) ? ConfigMapping.Entry(key: .string(newKey), keyLocation: entry.keyLocation, value: entry.value) : entry
        })
    }
}
