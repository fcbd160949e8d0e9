/// Typed reads of loosely typed legacy values. Each names the config path and the place in the file
/// when the value has the wrong type, instead of trapping:
/// "expected an int for `checkpoint_config.interval`, found a string ('12')" at `old.yaml:12:13`.
extension ConfigNode {
    /// The node at a path below this one, if every step exists.
    public func node(at path: ConfigPath) -> ConfigNode? {
        var current = self
        for component in path.components {
            switch component {
            case .key(let key):
                guard let next = current.mapping?[key] else { return nil }
                current = next
            case .index(let index):
                guard let list = current.list, list.items.indices.contains(index) else { return nil }
                current = list.items[index]
            }
        }
        return current
    }

    func mismatch(_ expected: String, _ path: ConfigPath) -> ConfigError {
        ConfigError(.typeMismatch, "expected \(expected) for `\(path)`, found \(typeDescription) (\(description))", at: location)
    }

    /// This value as an int; `path` names it in the error. A bool is not an int here.
    public func int(_ path: ConfigPath) throws -> Int {
        guard case .scalar(.int(let number)) = value else { throw mismatch("an int", path) }
        return number
    }

    /// The largest magnitude `count(_:)` takes: 2^31 − 1.
    public static let maxCount = Int(Int32.max)

    /// This value as an int that counts something (epochs, iterations, an interval, a step): within
    /// ±`maxCount`, so that sums and products of counts never overflow 64 bits. A larger value (which
    /// Python would hold, and no training run uses) is a `number-range` error at the value.
    public func count(_ path: ConfigPath) throws -> Int {
        let number = try int(path)
        guard (-Self.maxCount...Self.maxCount).contains(number) else {
            throw ConfigError(.numberRange, "`\(path)` is \(number); hookmigrate takes counts (epochs, iterations, intervals, steps) up to \(Self.maxCount) in magnitude", at: location)
        }
        return number
    }

    /// This value as a number: an int or a float.
    public func double(_ path: ConfigPath) throws -> Double {
        switch value {
        case .scalar(.int(let number)): return Double(number)
        case .scalar(.float(let number)): return number
        default: throw mismatch("a number", path)
        }
    }

    /// This value as a bool.
    public func bool(_ path: ConfigPath) throws -> Bool {
        guard case .scalar(.bool(let flag)) = value else { throw mismatch("a bool (true or false)", path) }
        return flag
    }

    /// This value as a string.
    public func string(_ path: ConfigPath) throws -> String {
        guard case .scalar(.string(let text)) = value else { throw mismatch("a string", path) }
        return text
    }

    /// This value as a mapping.
    public func mapping(_ path: ConfigPath) throws -> ConfigMapping {
        guard case .mapping(let mapping) = value else { throw mismatch("a mapping", path) }
        return mapping
    }

    /// This value as a list or tuple.
    public func list(_ path: ConfigPath) throws -> ConfigList {
        guard case .list(let list) = value else { throw mismatch("a list", path) }
        return list
    }

    /// Whether this is null.
    public var isNull: Bool {
        if case .scalar(.null) = value { return true }
        return false
    }
}

extension ConfigMapping {
    /// The value of a key that must be present; a missing key is an error located at `owner`.
    public func required(_ key: String, in path: ConfigPath, owner: SourceLocation?) throws -> ConfigNode {
        guard let node = self[key] else {
            throw ConfigError(.missingKey, "`\(path.appending(key))` is required but missing", at: owner)
        }
        return node
    }
}
