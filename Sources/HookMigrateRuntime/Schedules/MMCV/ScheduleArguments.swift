import HookMigrateCore

/// The keyword arguments of one schedule dict (`lr_config`, `momentum_config`, one `param_scheduler` entry),
/// read the way Python passes them to a constructor: an absent key and an explicit `None` both mean "use
/// the default", a key the constructor does not take is a `TypeError` ("unexpected keyword argument"), a
/// value of the wrong type is reported at the value's location.
///
/// Every error is a `ConfigError` located at the offending value (or at the dict when a key is missing).
struct ScheduleArguments {
    /// The dict.
    let mapping: ConfigMapping
    /// Its path, for messages (`lr_config`, `param_scheduler[1]`).
    let path: ConfigPath
    /// Where the dict starts.
    let location: SourceLocation?

    init(_ mapping: ConfigMapping, path: ConfigPath, location: SourceLocation?) {
        self.mapping = mapping
        self.path = path
        self.location = location
    }

    /// The node of a key as written (a null node included), `nil` when absent.
    func raw(_ key: String) -> ConfigNode? { mapping[key] }

    /// The node of a key, `nil` when absent or null (for arguments whose Python default is `None`).
    func node(_ key: String) -> ConfigNode? {
        mapping.present(key)
    }

    /// Whether the key is present with a non-null value.
    func has(_ key: String) -> Bool { node(key) != nil }

    /// The location of a key's value, or of the dict.
    func location(of key: String) -> SourceLocation? { mapping[key]?.location ?? location }

    /// A located error about a key.
    func invalid(_ key: String, _ message: String) -> ConfigError {
        ConfigError(.rejected, "`\(path.appending(key))`: \(message)", at: location(of: key))
    }

    /// A located error about the whole dict.
    func invalid(_ message: String) -> ConfigError {
        ConfigError(.rejected, "`\(path)`: \(message)", at: location)
    }

    /// A number whose Python default is `None`: absent or null → `nil`.
    func optionalDouble(_ key: String) throws -> Double? {
        try node(key).map { try $0.double(path.appending(key)) }
    }

    /// A number with a non-`None` default: absent → the default; an explicit null is rejected (Python would
    /// compute with `None` and fail).
    func double(_ key: String, default value: Double) throws -> Double {
        try raw(key).map { try $0.double(path.appending(key)) } ?? value
    }

    /// A required number.
    func requiredDouble(_ key: String, for owner: String) throws -> Double {
        guard let node = raw(key) else { throw missing(key, for: owner) }
        return try node.double(path.appending(key))
    }

    /// An int whose Python default is `None` (a bool or float is rejected).
    func optionalInt(_ key: String) throws -> Int? {
        try node(key).map { try $0.int(path.appending(key)) }
    }

    /// An int with a non-`None` default.
    func int(_ key: String, default value: Int) throws -> Int {
        try raw(key).map { try $0.int(path.appending(key)) } ?? value
    }

    /// A flag: absent → the default; null → false (Python tests its truthiness); otherwise a bool.
    func flag(_ key: String, default value: Bool) throws -> Bool {
        guard let node = raw(key) else { return value }
        if node.isNull { return false }
        return try node.bool(path.appending(key))
    }

    /// A string whose Python default is `None`.
    func optionalString(_ key: String) throws -> String? {
        try node(key).map { try $0.string(path.appending(key)) }
    }

    /// A string with a non-`None` default.
    func string(_ key: String, default value: String) throws -> String {
        try raw(key).map { try $0.string(path.appending(key)) } ?? value
    }

    /// A list (or tuple) of numbers; absent → the default.
    func doubles(_ key: String, default value: [Double]? = nil) throws -> [Double]? {
        guard let node = raw(key) else { return value }
        let list = try node.list(path.appending(key))
        return try list.items.enumerated().map { try $0.element.double(path.appending(key).appending(index: $0.offset)) }
    }

    /// A Python float (not an int): what `isinstance(x, float)` accepts; absent → the default.
    func pythonFloat(_ key: String, default value: Double) throws -> Double {
        guard let node = raw(key) else { return value }
        guard case .scalar(.float(let number)) = node.value else {
            throw invalid(key, "expected a float (the constructor checks `isinstance(x, float)`), found \(node.typeDescription) (\(node.description))")
        }
        return number
    }

    /// The error for a missing required argument (Python: `TypeError: missing 1 required positional argument`).
    func missing(_ key: String, for owner: String) -> ConfigError {
        ConfigError(.rejected, "`\(path.appending(key))` is required by \(owner) but missing", at: location)
    }

    /// Rejects keys the constructor does not take (Python: `TypeError: __init__() got an unexpected keyword
    /// argument`).
    /// `hints` adds a sentence for a key users are known to try (`; momentum warmups are always in iterations`).
    func rejectUnknown(allowed: Set<String>, owner: String, hints: [String: String] = [:]) throws {
        for entry in mapping.entries {
            guard case .string(let key) = entry.key else {
                throw ConfigError(.rejected, "`\(path)`: keyword arguments must be strings, found \(entry.key.description)", at: entry.keyLocation ?? location)
            }
            if !allowed.contains(key) {
                let hint = hints[key].map { "; " + $0 } ?? ""
                throw ConfigError(.rejected, "`\(path.appending(key))`: \(owner) got an unexpected keyword argument '\(key)' (TypeError)\(hint)", at: entry.keyLocation ?? entry.value.location ?? location)
            }
        }
    }
}
