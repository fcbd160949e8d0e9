/// Turns the module namespace into the config: a `ConfigMapping` of the names that do not start with
/// `__`, in binding order, each value converted to a `ConfigNode` with the location of the expression
/// that made it.
///
/// A dict or list held in several places is copied into each (as MMCV's `ConfigDict` copies it); one
/// that contains itself is refused (MMCV fails with a `RecursionError`). Values a config cannot hold
/// (iterators, dict views, builtins, slices) are refused; a `range` becomes the list of its ints, as
/// the YAML reader does for MMCV's range tag.
struct PyConverter {
    let file: PyFile
    let limits: ReadLimits
    /// The deepest nesting of containers under a top-level name that is read. MMCV 1.7.2's
    /// `Config.fromfile` fails with `RecursionError` past 330 (its `ConfigDict` conversion recurses about
    /// three Python frames per level, measured with Python's default limit of 1000 frames when
    /// `fromfile` is called from a script's top level; fewer when it is called deeper).
    static let mmcvNesting = 300
    private var produced = 0
    private var onPath: Set<ObjectIdentifier> = []
    /// Already converted shared objects: the node, its number of nodes and its height.
    private var memo: [ObjectIdentifier: (node: ConfigNode, size: Int, height: Int)] = [:]

    init(file: PyFile, limits: ReadLimits) {
        self.file = file
        self.limits = limits
    }

    /// The config mapping of a module namespace.
    mutating func module(_ namespace: PyNamespace) throws -> ConfigNode {
        var mapping = ConfigMapping()
        for (index, name) in namespace.names.enumerated() where !name.hasPrefix("__") {
            let (node, _, _) = try convert(namespace.values[index], depth: 2)
            mapping.appendNew(ConfigMapping.Entry(key: .string(name), keyLocation: file.location(namespace.positions[index]), value: node))
        }
        return ConfigNode(mapping, at: file.location(.start))
    }

    private mutating func count(_ size: Int, at pos: PyPos) throws {
        produced += size
        if produced > limits.maxNodes {
            throw file.sizeLimit("the config holds more than \(limits.maxNodes) values (ReadLimits.maxNodes), counting each copy of a shared list or dict", at: pos)
        }
    }

    /// The node of a value, with its size in nodes and its height.
    /// The deepest level (the top-level mapping is level 1) a node may have.
    private var deepest: Int { min(limits.maxDepth, Self.mmcvNesting + 1) }

    private func tooDeep(at pos: PyPos) -> ConfigError {
        if limits.maxDepth <= Self.mmcvNesting + 1 {
            return file.depthLimit("the config nests deeper than \(limits.maxDepth) levels (ReadLimits.maxDepth)", at: pos)
        }
        return file.depthLimit("the value nests more than \(Self.mmcvNesting) levels deep; MMCV's Config.fromfile fails on such nesting with RecursionError (from about 330 levels)", at: pos)
    }

    private mutating func convert(_ object: PyObj, depth: Int) throws -> (ConfigNode, Int, Int) {
        let location = file.location(object.pos)
        if depth > deepest { throw tooDeep(at: object.pos) }
        func scalar(_ value: ConfigScalar) throws -> (ConfigNode, Int, Int) {
            try count(1, at: object.pos)
            return (ConfigNode(value, at: location), 1, 1)
        }
        switch object.value {
        case .none: return try scalar(.null)
        case .bool(let flag): return try scalar(.bool(flag))
        case .int(let number): return try scalar(.int(number))
        case .float(let number): return try scalar(.float(number))
        case .str(let text): return try scalar(.string(text))
        case .tuple(let items):
            return try sequence(items.items, style: .tuple, at: object.pos, depth: depth)
        case .range(let range):
            let length = range.count
            if length > limits.maxRangeLength {
                throw file.sizeLimit("range() of \(length) items is longer than \(limits.maxRangeLength) (ReadLimits.maxRangeLength)", at: object.pos)
            }
            try count(length + 1, at: object.pos)
            let items = (0..<length).map { ConfigNode(.int(range.item($0)), at: location) }
            return (ConfigNode(ConfigList(items, style: .list), at: location), length + 1, length > 0 ? 2 : 1)
        case .list(let list):
            return try shared(ObjectIdentifier(list), object, depth: depth) { converter in
                try converter.sequence(list.items, style: .list, at: object.pos, depth: depth)
            }
        case .dict(let dict):
            return try shared(ObjectIdentifier(dict), object, depth: depth) { converter in
                var mapping = ConfigMapping()
                var size = 1
                var height = 1
                try converter.count(1, at: object.pos)
                for entry in dict.entries {
                    let key = try converter.key(entry.key)
                    let (node, childSize, childHeight) = try converter.convert(entry.value, depth: depth + 1)
                    size += childSize
                    height = max(height, childHeight + 1)
                    mapping.appendNew(ConfigMapping.Entry(key: key, keyLocation: converter.file.location(entry.key.pos), value: node))
                }
                return (ConfigNode(mapping, at: location), size, height)
            }
        case .iterator(let iterator):
            throw file.refusal("\(PyFile.article(iterator.typeName)) object cannot be a config value (MMCV cannot dump it); make a list of it with list(...)", at: object.pos)
        case .view(let view):
            throw file.refusal("\(PyFile.article(view.typeName)) view cannot be a config value (MMCV cannot dump it); make a list of it with list(...)", at: object.pos)
        case .builtin(let builtin):
            throw file.refusal("the builtin `\(builtin.rawValue)` cannot be a config value (MMCV cannot dump it)", at: object.pos)
        case .slice:
            throw file.refusal("a slice cannot be a config value (MMCV cannot dump it)", at: object.pos)
        }
    }

    private mutating func sequence(_ items: [PyObj], style: ConfigList.Style, at pos: PyPos, depth: Int) throws -> (ConfigNode, Int, Int) {
        try count(1, at: pos)
        var nodes: [ConfigNode] = []
        nodes.reserveCapacity(items.count)
        var size = 1
        var height = 1
        for item in items {
            let (node, childSize, childHeight) = try convert(item, depth: depth + 1)
            nodes.append(node)
            size += childSize
            height = max(height, childHeight + 1)
        }
        return (ConfigNode(ConfigList(nodes, style: style), at: file.location(pos)), size, height)
    }

    /// A list or dict: converted once, then copied wherever else it is held; a cycle is refused.
    private mutating func shared(_ id: ObjectIdentifier, _ object: PyObj, depth: Int,
                                 _ build: (inout PyConverter) throws -> (ConfigNode, Int, Int)) throws -> (ConfigNode, Int, Int) {
        if onPath.contains(id) {
            throw file.refusal("this \(object.value.typeName) contains itself, so it cannot be a config value (MMCV fails on it with a RecursionError)", at: object.pos)
        }
        if let known = memo[id] {
            if depth + known.height - 1 > deepest { throw tooDeep(at: object.pos) }
            try count(known.size, at: object.pos)
            return (known.node, known.size, known.height)
        }
        onPath.insert(id)
        defer { onPath.remove(id) }
        let result = try build(&self)
        memo[id] = (result.0, result.1, result.2)
        return result
    }

    /// A dict key as a config key: a scalar.
    private func key(_ object: PyObj) throws -> ConfigScalar {
        switch object.value {
        case .none: return .null
        case .bool(let flag): return .bool(flag)
        case .int(let number): return .int(number)
        case .float(let number): return .float(number)
        case .str(let text): return .string(text)
        default:
            throw file.refusal("\(PyFile.article(object.value.typeName)) cannot be a config key; config keys are strings, numbers, booleans or None", at: object.pos)
        }
    }
}
