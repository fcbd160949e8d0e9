import HookMigrateCore

/// A legacy updater-hook config (`lr_config` / `momentum_config`) with typed, located reads. A key holding
/// `None` reads as absent, as a Python keyword argument set to `None` would be.
struct LegacyHookArguments {
    /// The mapping.
    let mapping: ConfigMapping
    /// Its path (`lr_config`).
    let path: ConfigPath
    /// Where the mapping is written.
    let location: SourceLocation?

    /// The value of a key, `nil` when absent or null.
    func node(_ key: String) -> ConfigNode? {
        guard let node = mapping[key], !node.isNull else { return nil }
        return node
    }

    /// Whether the key is present (even as null).
    func contains(_ key: String) -> Bool { mapping.contains(key) }

    /// Where a key's value is written (or the key, or the mapping).
    func location(_ key: String) -> SourceLocation? {
        mapping[key]?.location ?? mapping.entry(key)?.keyLocation ?? location
    }

    /// The config path of a key (`lr_config.step`).
    func path(_ key: String) -> String { path.appending(key).description }

    func double(_ key: String) throws -> Double? { try node(key).map { try $0.double(path.appending(key)) } }
    func int(_ key: String) throws -> Int? { try node(key).map { try $0.count(path.appending(key)) } }
    func bool(_ key: String) throws -> Bool? { try node(key).map { try $0.bool(path.appending(key)) } }
    func string(_ key: String) throws -> String? { try node(key).map { try $0.string(path.appending(key)) } }

    /// Whether the value is a Python float (not an int): MMCV checks `isinstance(x, float)` in places.
    func isFloat(_ key: String) -> Bool {
        if case .scalar(.float) = node(key)?.value { return true }
        return false
    }

    /// `anneal_strategy`, which the Cyclic and OneCycle hooks accept as 'cos' or 'linear' only; nil when absent.
    func annealStrategy() throws -> String? {
        guard let strategy = try string("anneal_strategy") else { return nil }
        guard strategy == "cos" || strategy == "linear" else {
            throw ScheduleRejection("`\(path("anneal_strategy"))` must be 'cos' or 'linear' (MMCV raises ValueError), found '\(strategy)'", at: location("anneal_strategy"))
        }
        return strategy
    }

    /// `pct_start`, which the OneCycle hooks accept as a float in [0, 1] only; nil when absent.
    func pctStart() throws -> Double? {
        guard let node = node("pct_start") else { return nil }
        guard case .scalar(.float(let value)) = node.value, value >= 0, value <= 1 else {
            throw ScheduleRejection("`\(path("pct_start"))` must be a float between 0 and 1 (MMCV raises ValueError), found \(node.description)", at: node.location)
        }
        return value
    }

    /// The keys that are not in `allowed`, in file order.
    func unknownKeys(allowed: [String]) -> [String] {
        mapping.entries.compactMap { entry in
            guard let key = entry.key.stringValue else { return entry.key.description }
            return allowed.contains(key) ? nil : key
        }
    }
}

/// A config MMCV itself refuses (an assertion, a `TypeError` or `ValueError` when the hook is built, or a crash
/// in its first iterations): reported as a manual step, nothing is emitted for it.
struct ScheduleRejection: Error {
    /// What MMCV does with it, and what to do.
    var message: String
    /// The offending value.
    var location: SourceLocation?

    init(_ message: String, at location: SourceLocation?) {
        self.message = message
        self.location = location
    }
}
