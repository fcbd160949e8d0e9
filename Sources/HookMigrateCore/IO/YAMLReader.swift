import Yams

/// Reads YAML as MMCV does (PyYAML, YAML 1.1), for what real MMCV dumps hold, and never constructs an
/// arbitrary Python object.
///
/// - `!!python/tuple` sequences become tuples (`ConfigList.Style.tuple`);
///   `!!python/object/apply:builtins.range [a, b, s]` becomes the list of ints it denotes.
/// - The self-referencing `!!python/object/new:mmcv.utils.config.ConfigDict` nodes of some MMCV dumps
///   read as the mapping under their `dictitems`, checked against their `args`; their `state` (the node
///   itself) is ignored and never followed (`ConfigDictSelfReferences`).
/// - Any other `!!python/...` tag is a located `python-object` error that names the tag, and says that
///   MMCV's JSON dump of the config holds the same data.
/// - Duplicate keys are an error; `<<` merge keys work as in PyYAML.
/// - Nesting, node count (aliases expanded) and ranges are bounded by `ReadLimits`.
public struct YAMLReader: Sendable {
    /// Bounds on nesting and size.
    public var limits: ReadLimits

    /// Creates a reader.
    public init(limits: ReadLimits = .default) {
        self.limits = limits
    }

    /// Parses the single document of a YAML file. An empty file is the null value.
    public func read(_ source: SourceText) throws -> ConfigNode {
        let limits = self.limits
        return try LargeStack.run {
            do {
                return try YAMLReader.read(source, limits: limits, guessSelfReferences: true)
            } catch is ConfigDictSelfReferences.Misplaced {
                // A guessed self-reference was not one: start again, patching only what libyaml reports.
                return try YAMLReader.read(source, limits: limits, guessSelfReferences: false)
            }
        }
    }

    private static func read(_ source: SourceText, limits: ReadLimits, guessSelfReferences: Bool) throws -> ConfigNode {
        try checkSeparators(source, limits: limits)
        try checkAliasKeys(source)
        var references = ConfigDictSelfReferences(source.text)
        let guessed = guessSelfReferences && references.mayHaveSelfReferences
        if guessed { references.guess() }
        let parser: Parser
        let root: Node?
        while true {
            do {
                let attempt = try Parser(yaml: references.patches.isEmpty ? source.text : references.text,
                                         resolver: .basic, encoding: .utf8)
                root = try attempt.singleRoot()
                parser = attempt
                break
            } catch let error as YamlError {
                if case let .composer(_, problem, mark, _) = error, problem.contains("undefined alias"), references.patch(at: mark) {
                    continue
                }
                if guessed && !references.patches.isEmpty {
                    throw ConfigDictSelfReferences.Misplaced(position: .init(line: 0, column: 0))
                }
                throw YAMLErrorTranslation.translate(error, source: source)
            }
        }
        guard let root else {
            return ConfigNode(.null, at: SourceLocation(file: source.path, line: 1, column: 1))
        }
        // Nodes hold their anchors weakly; the parser owns them. Keep it alive while they are used.
        return try withExtendedLifetime(parser) {
            var converter = YAMLNodeConverter(source: source, limits: limits, selfReferences: references)
            do {
                try converter.checkExpandedSize(root)
                let node = try converter.convert(root, depth: 1)
                if let unused = references.patches.keys.first(where: { !converter.consumedSelfReferences.contains($0) }) {
                    throw ConfigDictSelfReferences.Misplaced(position: unused)
                }
                return node
            } catch let misplaced as ConfigDictSelfReferences.Misplaced {
                if guessed { throw misplaced }
                let at = SourceLocation(file: source.path, line: misplaced.position.line, column: misplaced.position.column)
                throw YAMLErrorTranslation.undefinedAlias(at: at, source: source)
            } catch let error as ConfigError {
                if guessed && !references.patches.isEmpty { throw ConfigDictSelfReferences.Misplaced(position: .init(line: 0, column: 0)) }
                throw error
            }
        }
    }
}

extension YAMLReader {
    /// Refuses an alias used as a mapping key (`*a: …`, `? *a`) before libyaml parses the text. Yams checks
    /// each mapping's keys for duplicates by hashing every key node in full, and an alias key brings the
    /// whole expansion of its anchor: a few lines of nested aliases used as keys take minutes (FuzzYAML found
    /// one). Config keys are names; PyYAML, which MMCV reads YAML with, refuses a list or mapping as a key.
    /// The scan skips comments and quoted scalars; an alias starts a node (after the indentation, after
    /// `[ { ,`, or after `- ? :` and a blank), and its name is libyaml's anchor characters.
    static func checkAliasKeys(_ source: SourceText) throws {
        let found: Int? = source.bytes.withUnsafeBufferPointer { text in
            let count = text.count
            func isBlank(_ byte: UInt8) -> Bool { byte == 0x20 || byte == 0x09 }
            func isBreak(_ byte: UInt8) -> Bool { byte == 0x0A || byte == 0x0D }
            func isAnchorByte(_ byte: UInt8) -> Bool {
                (byte >= 0x30 && byte <= 0x39) || (byte >= 0x41 && byte <= 0x5A) || (byte >= 0x61 && byte <= 0x7A) || byte == 0x5F || byte == 0x2D
            }
            /// Whether a node can start at `index`: after the indentation, after `[ { ,`, or after `- ? :` and a
            /// blank (not after a blank inside a plain scalar such as `a *b`).
            func startsNode(_ index: Int) -> Bool {
                var back = index - 1
                while back >= 0, isBlank(text[back]) { back -= 1 }
                guard back >= 0, !isBreak(text[back]) else { return true }
                let previous = text[back]
                if [0x5B, 0x7B, 0x2C].contains(previous) { return true }
                return back < index - 1 && [0x3A, 0x2D, 0x3F].contains(previous)
            }
            /// Whether a comment can start at `index`: at a line start or after a blank.
            func startsComment(_ index: Int) -> Bool {
                index == 0 || isBlank(text[index - 1]) || isBreak(text[index - 1])
            }
            /// Whether the alias at `star` is followed by `:` and a blank, a break, the end or a flow indicator.
            func aliasIsKey(_ star: Int) -> Bool {
                var index = star + 1
                while index < count, isAnchorByte(text[index]) { index += 1 }
                guard index > star + 1 else { return false }
                while index < count, isBlank(text[index]) { index += 1 }
                guard index < count, text[index] == 0x3A else { return false }
                let next = index + 1
                return next == count || isBlank(text[next]) || isBreak(text[next]) || [0x2C, 0x5D, 0x7D].contains(text[next])
            }
            var index = 0
            while index < count {
                let byte = text[index]
                switch byte {
                case 0x23 where startsComment(index): // # comment
                    while index < count, !isBreak(text[index]) { index += 1 }
                    continue
                case 0x27 where startsNode(index): // 'single-quoted'
                    index += 1
                    while index < count {
                        if text[index] == 0x27 {
                            if index + 1 < count, text[index + 1] == 0x27 { index += 2; continue }
                            break
                        }
                        index += 1
                    }
                case 0x22 where startsNode(index): // "double-quoted"
                    index += 1
                    while index < count, text[index] != 0x22 {
                        index += text[index] == 0x5C ? 2 : 1
                    }
                case 0x2A where startsNode(index): // *alias
                    if aliasIsKey(index) { return index }
                case 0x3F where startsNode(index) && index + 1 < count && isBlank(text[index + 1]): // ? explicit key
                    var next = index + 1
                    while next < count, isBlank(text[next]) { next += 1 }
                    if next < count, text[next] == 0x2A { return next }
                default:
                    break
                }
                index += 1
            }
            return nil
        }
        if let offset = found {
            throw ConfigError(.aliasLimit,
                              "an alias used as a mapping key: hookmigrate refuses alias keys, whose whole expansion the YAML parser would hash (config keys are names; PyYAML, which MMCV reads YAML with, refuses a list or mapping key); write the key out",
                              at: source.location(ofByte: offset))
        }
    }

    /// Refuses, before libyaml builds a node of it, a text that could hold far more values than
    /// `maxNodes`: every node but the first follows one of `, - : ? [ {` (a flow mapping's key may bring
    /// an implicit null value), so a text with at most 2 × `maxNodes` of them builds at most about
    /// 4 × `maxNodes` nodes (the nodes are counted exactly afterwards). Without this bound, a 64 MiB list
    /// `[1,1,1,…]` would take gigabytes before the count could refuse it.
    static func checkSeparators(_ source: SourceText, limits: ReadLimits) throws {
        let bound = limits.maxNodes.multipliedReportingOverflow(by: 2)
        guard !bound.overflow, source.bytes.count > bound.partialValue else { return }
        let limit = bound.partialValue
        let overflowAt: Int? = source.bytes.withUnsafeBufferPointer { buffer in
            var count = 0
            for offset in 0..<buffer.count {
                switch buffer[offset] {
                case 0x2C, 0x2D, 0x3A, 0x3F, 0x5B, 0x7B: // , - : ? [ {
                    count += 1
                    if count > limit { return offset }
                default:
                    continue
                }
            }
            return nil
        }
        if let offset = overflowAt {
            throw ConfigError(.aliasLimit,
                              "the document has more than \(limit) of the separators , - : ? [ { and could hold more than the \(limits.maxNodes) values allowed; refusing to parse it",
                              at: source.location(ofByte: offset))
        }
    }
}

/// Turns Yams' errors into located `ConfigError`s.
enum YAMLErrorTranslation {
    static let pythonObjectTag = "!!python/object"

    static func translate(_ error: YamlError, source: SourceText) -> ConfigError {
        func location(_ mark: Mark) -> SourceLocation {
            SourceLocation(file: source.path, line: mark.line, column: mark.column)
        }
        switch error {
        case let .scanner(context, problem, mark, _), let .parser(context, problem, mark, _):
            if problem.hasPrefix("Maximum nesting level reached") {
                // libyaml's own bound (1000 levels, as ReadLimits.maxDepth): the same error as ours.
                return ConfigError(.depthLimit, "nesting is deeper than the 1000 levels libyaml parses", at: location(mark))
            }
            return ConfigError(.yamlSyntax, problem + contextText(context), at: location(mark),
                               notes: contextNote(context, location))
        case let .composer(context, problem, mark, _):
            if problem.contains("undefined alias") {
                return undefinedAlias(at: location(mark), source: source)
            }
            return ConfigError(.yamlSyntax, problem + contextText(context), at: location(mark),
                               notes: contextNote(context, location))
        case let .duplicatedKeysInMapping(duplicates, context):
            let keys = duplicates.sorted().map { "'\($0)'" }.joined(separator: ", ")
            return ConfigError(.duplicateKey, "duplicate key \(keys) in this mapping", at: location(context.mark))
        case let .reader(problem, offset, _, _):
            let at = offset.map { source.location(ofByte: $0) } ?? SourceLocation(file: source.path, line: 1, column: 1)
            return ConfigError(.encoding, problem, at: at)
        default:
            return ConfigError(.yamlSyntax, "cannot read the YAML: \(error)",
                               at: SourceLocation(file: source.path, line: 1, column: 1))
        }
    }

    /// An alias libyaml cannot resolve: to an anchor defined later or nowhere, or to a node that holds
    /// it (a self-reference). In a file with Python objects, the self-referencing object is named.
    static func undefinedAlias(at location: SourceLocation, source: SourceText) -> ConfigError {
        if let objectTag = firstPythonObjectTag(in: source) {
            return PythonObjectMessage.selfReferencing(tag: objectTag.tag, at: objectTag.location, aliasAt: location, source: source)
        }
        return ConfigError(.yamlSyntax, "found an alias to an anchor that is not defined before it", at: location)
    }

    static func contextText(_ context: YamlError.Context?) -> String {
        guard let context, !context.text.isEmpty else { return "" }
        return " (\(context.text))"
    }

    static func contextNote(_ context: YamlError.Context?, _ location: (Mark) -> SourceLocation) -> [Diagnostic.Note] {
        guard let context, !context.text.isEmpty else { return [] }
        return [.init(context.text, at: location(context.mark))]
    }

    /// The first `!!python/object…` tag written in the text, with its position.
    static func firstPythonObjectTag(in source: SourceText) -> (tag: String, location: SourceLocation)? {
        var lineNumber = 1
        for line in SourceText.lines(source.text) {
            if let range = line.range(of: pythonObjectTag) {
                let column = line[..<range.lowerBound].unicodeScalars.count + 1
                let tail = line[range.lowerBound...]
                let tag = String(tail.prefix { !$0.isWhitespace && $0 != "," && $0 != "]" && $0 != "}" })
                return (tag, SourceLocation(file: source.path, line: lineNumber, column: column))
            }
            lineNumber += 1
        }
        return nil
    }
}

/// The messages for Python objects in YAML, which hookmigrate refuses to construct.
enum PythonObjectMessage {
    static func refused(tag: String, at location: SourceLocation, source: SourceText) -> ConfigError {
        ConfigError(.pythonObject,
                    "found the Python object tag \(tag); hookmigrate reads data only and never constructs Python objects",
                    at: location, notes: siblingNote(source))
    }

    static func selfReferencing(tag: String, at location: SourceLocation, aliasAt: SourceLocation,
                                source: SourceText) -> ConfigError {
        var notes = [Diagnostic.Note("the node refers to itself through this alias, as addict's ConfigDict nodes inside nested lists do in MMCV's YAML dumps; PyYAML cannot load it either", at: aliasAt)]
        notes += siblingNote(source)
        return ConfigError(.pythonObject,
                           "found the self-referencing Python object \(tag); hookmigrate reads data only and never constructs Python objects",
                           at: location, notes: notes)
    }

    /// "Read x.json instead": MMCV's JSON dump of the same config holds these nodes as plain mappings.
    static func siblingNote(_ source: SourceText) -> [Diagnostic.Note] {
        let path = source.path
        guard let dot = path.lastIndex(of: "."), path[dot...] == ".yaml" || path[dot...] == ".yml" else {
            return [.init("MMCV's JSON dump of the same config (cfg.dump('x.json')) holds the same data as plain mappings; read that instead")]
        }
        let sibling = String(path[..<dot]) + ".json"
        return [.init("MMCV's JSON dump of the same config holds the same data as plain mappings: read \(sibling) instead (cfg.dump('\(sibling)') writes it)")]
    }
}

/// Walks a Yams node tree into `ConfigNode`s, enforcing the limits and the tag policy.
struct YAMLNodeConverter {
    let source: SourceText
    let limits: ReadLimits
    /// The ConfigDict self-references taken out of the text, and those accepted as a node's `state`.
    let selfReferences: ConfigDictSelfReferences
    var consumedSelfReferences: Set<ConfigDictSelfReferences.Position> = []
    var nodeCount = 0
    /// The source split into lines once, for `tagLocation` (ConfigDict nodes only).
    lazy var lines: [Substring] = SourceText.lines(source.text)
    /// The byte offset at which each line starts, found once, for `hasExplicitTag` (every plain key).
    lazy var lineStarts: [Int] = {
        var starts = [0]
        for (offset, byte) in source.bytes.enumerated() where byte == 0x0A { starts.append(offset + 1) }
        return starts
    }()

    static let yamlTagPrefix = "tag:yaml.org,2002:"
    static let tupleTag = yamlTagPrefix + "python/tuple"
    static let rangeTag = yamlTagPrefix + "python/object/apply:builtins.range"
    // The tags a scalar may carry, spelled out once (not concatenated again at every scalar).
    static let strTag = yamlTagPrefix + "str"
    static let intTag = yamlTagPrefix + "int"
    static let floatTag = yamlTagPrefix + "float"
    static let boolTag = yamlTagPrefix + "bool"
    static let nullTag = yamlTagPrefix + "null"
    static let noneTag = yamlTagPrefix + "python/none"
    static let pythonStrTag = yamlTagPrefix + "python/str"
    static let unicodeTag = yamlTagPrefix + "python/unicode"
    static let seqTag = yamlTagPrefix + "seq"
    static let mapTag = yamlTagPrefix + "map"

    init(source: SourceText, limits: ReadLimits, selfReferences: ConfigDictSelfReferences) {
        self.source = source
        self.limits = limits
        self.selfReferences = selfReferences
    }

    func location(_ mark: Mark?) -> SourceLocation? {
        guard let mark else { return nil }
        return SourceLocation(file: source.path, line: mark.line, column: mark.column)
    }

    /// The tag as written (`!!python/tuple`), for messages.
    func shortTag(_ name: String) -> String {
        name.hasPrefix(Self.yamlTagPrefix) ? "!!" + name.dropFirst(Self.yamlTagPrefix.count) : name
    }

    /// Refuses, before any work, a document whose aliases expand past `maxNodes` values (an "alias
    /// bomb": ten anchors of ten aliases each expand to ten billion). Sizes of anchored nodes are
    /// counted once, so this takes time in the size of the text, not of the expansion.
    func checkExpandedSize(_ root: Node) throws {
        let limit = limits.maxNodes
        // Without an alias (no `*` anywhere) nothing expands, and every node but the first follows a separator
        // byte, at most two a separator (`checkSeparators`): a text of at most a quarter of the limit in bytes
        // holds fewer nodes than the limit.
        if source.bytes.count <= (limit - 1) / 4, !source.bytes.contains(0x2A) { return }
        var memo: [ObjectIdentifier: Int] = [:]
        func size(_ node: Node) -> Int {
            let anchor = Self.anchor(of: node)
            if let anchor, let known = memo[ObjectIdentifier(anchor)] { return known }
            var total = 1
            switch node {
            case .scalar, .alias: break
            case .sequence(let sequence):
                for item in sequence { total = min(limit + 1, total + size(item)) }
            case .mapping(let mapping):
                for (key, value) in mapping { total = min(limit + 1, total + size(key) + size(value)) }
            }
            if let anchor { memo[ObjectIdentifier(anchor)] = total }
            return total
        }
        guard size(root) > limit else { return }
        // Point at the smallest node that alone expands past the limit: the anchor that explodes.
        var culprit = root
        descend: while true {
            let children: [Node]
            switch culprit {
            case .sequence(let sequence): children = Array(sequence)
            case .mapping(let mapping): children = mapping.map(\.value)
            default: children = []
            }
            for child in children where size(child) > limit {
                culprit = child
                continue descend
            }
            break
        }
        throw ConfigError(.aliasLimit,
                          "the document expands to more than \(limits.maxNodes) values (counting every use of an alias again, as in an \"alias bomb\"); refusing to read it",
                          at: location(culprit.mark))
    }

    static func anchor(of node: Node) -> Anchor? {
        switch node {
        case .scalar(let scalar): return scalar.anchor
        case .sequence(let sequence): return sequence.anchor
        case .mapping(let mapping): return mapping.anchor
        case .alias: return nil
        }
    }

    mutating func count(_ mark: Mark?) throws {
        nodeCount += 1
        if nodeCount > limits.maxNodes {
            throw ConfigError(.aliasLimit,
                              "the document expands to more than \(limits.maxNodes) values (counting every use of an alias); refusing to read further",
                              at: location(mark))
        }
    }

    mutating func convert(_ node: Node, depth: Int) throws -> ConfigNode {
        try count(node.mark)
        switch node {
        case .scalar(let scalar):
            return ConfigNode(try convertScalar(scalar), at: location(scalar.mark))
        case .sequence(let sequence):
            try checkDepth(depth, sequence.mark)
            return try convertSequence(sequence, depth: depth)
        case .mapping(let mapping):
            try checkDepth(depth, mapping.mark)
            return try convertMapping(mapping, depth: depth)
        case .alias(let alias):
            throw ConfigError(.yamlSyntax, "unexpected unresolved alias", at: location(alias.mark))
        }
    }

    func checkDepth(_ depth: Int, _ mark: Mark?) throws {
        if depth > limits.maxDepth {
            throw ConfigError(.depthLimit, "nesting is deeper than \(limits.maxDepth) levels", at: location(mark))
        }
    }

    mutating func convertScalar(_ scalar: Node.Scalar) throws -> ConfigScalar {
        if selfReferences.name(at: scalar.mark) != nil, let mark = scalar.mark {
            // A patched alias anywhere but as a ConfigDict's state.
            throw ConfigDictSelfReferences.Misplaced(position: .init(line: mark.line, column: mark.column))
        }
        let tag = scalar.tag.description
        let text = scalar.string
        switch tag {
        case "":
            // No tag: a plain scalar resolves by the YAML 1.1 rules; a quoted or block one is a string.
            return scalar.style == .plain ? try resolvePlain(text, at: scalar.mark) : .string(text)
        case "!", Self.strTag:
            return .string(text)
        case Self.intTag:
            guard let value = YAML11Scalar.intValue(text) else {
                throw ConfigError(.invalidValue, "'\(text)' is tagged !!int but is not an integer that fits in 64 bits", at: location(scalar.mark))
            }
            return .int(value)
        case Self.floatTag:
            guard let value = YAML11Scalar.floatValue(text) ?? YAML11Scalar.intValue(text).map(Double.init) else {
                throw ConfigError(.invalidValue, "'\(text)' is tagged !!float but is not a number", at: location(scalar.mark))
            }
            return .float(value)
        case Self.boolTag:
            guard let value = YAML11Scalar.bool(text) else {
                throw ConfigError(.invalidValue, "'\(text)' is tagged !!bool but is not a YAML boolean", at: location(scalar.mark))
            }
            return .bool(value)
        case Self.nullTag:
            return .null
        case Self.noneTag:
            return .null
        case Self.pythonStrTag, Self.unicodeTag:
            return .string(text)
        default:
            throw refusedTag(tag, at: scalar.mark)
        }
    }

    /// Yams' duplicate-key check resolves the tags of key nodes in place (an untagged key then reads as
    /// `!!str`), so for a plain key with that tag the source text tells whether the tag was written.
    mutating func convertKey(_ scalar: Node.Scalar) throws -> ConfigScalar {
        if scalar.style == .plain, scalar.tag.description == Self.strTag, !hasExplicitTag(at: scalar.mark) {
            return try resolvePlain(scalar.string, at: scalar.mark)
        }
        return try convertScalar(scalar)
    }

    /// A plain scalar's value; an integer beyond 64 bits is an error (Python would keep a big int).
    func resolvePlain(_ text: String, at mark: Mark?) throws -> ConfigScalar {
        let value = YAML11Scalar.resolve(text)
        if case .string = value, YAML11Scalar.isInt(text) {
            throw ConfigError(.numberRange, "the integer \(text) does not fit in 64 bits", at: location(mark))
        }
        return value
    }

    /// Whether the character at the mark (a line, and a column in Unicode scalars) is `!`, read on the bytes.
    mutating func hasExplicitTag(at mark: Mark?) -> Bool {
        guard let mark, mark.line >= 1, mark.line <= lineStarts.count, mark.column >= 1 else { return false }
        let bytes = source.bytes
        var end = mark.line < lineStarts.count ? lineStarts[mark.line] - 1 : bytes.count
        if end > lineStarts[mark.line - 1], bytes[end - 1] == 0x0D { end -= 1 }
        var index = lineStarts[mark.line - 1]
        for _ in 1..<mark.column {
            guard index < end else { return false }
            index += 1
            while index < end, bytes[index] & 0xC0 == 0x80 { index += 1 }
        }
        return index < end && bytes[index] == 0x21
    }

    func refusedTag(_ tag: String, at mark: Mark?) -> ConfigError {
        let at = location(mark) ?? SourceLocation(file: source.path, line: 1, column: 1)
        if tag.hasPrefix(Self.yamlTagPrefix + "python/") {
            return PythonObjectMessage.refused(tag: shortTag(tag), at: at, source: source)
        }
        return ConfigError(.unsupportedTag, "unsupported YAML tag \(shortTag(tag)); a config holds mappings, lists, tuples and plain scalars only", at: at)
    }

    mutating func convertSequence(_ sequence: Node.Sequence, depth: Int) throws -> ConfigNode {
        let tag = sequence.tag.description
        let at = location(sequence.mark)
        var items: [ConfigNode] = []
        items.reserveCapacity(sequence.count)
        for item in sequence {
            items.append(try convert(item, depth: depth + 1))
        }
        switch tag {
        case "", "!", Self.seqTag:
            return ConfigNode(ConfigList(items, style: .list), at: at)
        case Self.tupleTag:
            return ConfigNode(ConfigList(items, style: .tuple), at: at)
        case Self.rangeTag:
            return ConfigNode(ConfigList(try expandRange(items, at: at), style: .list), at: at)
        default:
            throw refusedTag(tag, at: sequence.mark)
        }
    }

    /// `range(stop)`, `range(start, stop)`, `range(start, stop, step)` as Python defines them.
    func expandRange(_ arguments: [ConfigNode], at location: SourceLocation?) throws -> [ConfigNode] {
        var numbers: [Int] = []
        for argument in arguments {
            guard case .scalar(.int(let number)) = argument.value else {
                throw ConfigError(.invalidValue, "range() takes ints, found \(argument.typeDescription)", at: argument.location ?? location)
            }
            numbers.append(number)
        }
        let (start, stop, step): (Int, Int, Int)
        switch numbers.count {
        case 1: (start, stop, step) = (0, numbers[0], 1)
        case 2: (start, stop, step) = (numbers[0], numbers[1], 1)
        case 3: (start, stop, step) = (numbers[0], numbers[1], numbers[2])
        default:
            throw ConfigError(.invalidValue, "range() takes 1 to 3 arguments, found \(numbers.count)", at: location)
        }
        guard step != 0 else { throw ConfigError(.invalidValue, "range() step must not be zero", at: location) }
        let length: Int
        if step > 0 {
            length = start < stop ? (stop - start - 1) / step + 1 : 0
        } else {
            length = start > stop ? (start - stop - 1) / (-step) + 1 : 0
        }
        guard length <= limits.maxRangeLength else {
            throw ConfigError(.sizeLimit, "range(\(start), \(stop), \(step)) has \(length) items, more than the \(limits.maxRangeLength) allowed", at: location)
        }
        return (0..<length).map { ConfigNode(.int(start + $0 * step), at: location) }
    }

    mutating func convertMapping(_ mapping: Node.Mapping, depth: Int) throws -> ConfigNode {
        let tag = mapping.tag.description
        if tag == Self.configDictTag {
            return try convertConfigDict(mapping, depth: depth)
        }
        guard tag.isEmpty || tag == "!" || tag == Self.mapTag else {
            throw refusedTag(tag, at: mapping.mark)
        }
        var merged: [ConfigMapping.Entry] = []
        // The mapping's own entries, in order; its lookup finds a duplicate key (a scan while it is small).
        var own = ConfigMapping()
        for (keyNode, valueNode) in mapping {
            if case .scalar(let keyScalar) = keyNode, keyScalar.style == .plain, keyScalar.string == "<<" {
                merged = try mergeEntries(valueNode, depth: depth) + merged
                continue
            }
            guard case .scalar(let keyScalar) = keyNode else {
                throw ConfigError(.invalidValue, "a mapping key must be a scalar, found a \(keyNode.isMapping ? "mapping" : "sequence")", at: location(keyNode.mark))
            }
            try count(keyNode.mark)
            let key = try convertKey(keyScalar)
            let keyAt = location(keyScalar.mark)
            if let first = own.index(of: key) {
                throw ConfigError(.duplicateKey, "duplicate key \(key) in this mapping", at: keyAt,
                                  notes: [.init("first written here", at: own.entries[first].keyLocation)])
            }
            let value = try convert(valueNode, depth: depth + 1)
            own.appendNew(ConfigMapping.Entry(key: key, keyLocation: keyAt, value: value))
        }
        // PyYAML puts merged entries first and lets the mapping's own entries override them.
        let result = merged.isEmpty ? own : ConfigMapping(merged + own.entries)
        return ConfigNode(result, at: location(mapping.mark))
    }

    /// The entries a `<<` value brings in: one mapping, or a list of mappings of which the earlier win.
    mutating func mergeEntries(_ value: Node, depth: Int) throws -> [ConfigMapping.Entry] {
        switch value {
        case .mapping:
            guard let entries = try convert(value, depth: depth + 1).mapping?.entries else { return [] }
            return entries
        case .sequence(let sequence):
            var collected: [ConfigMapping.Entry] = []
            for item in sequence.reversed() {
                guard case .mapping = item else {
                    throw ConfigError(.invalidValue, "a << merge list must hold mappings only", at: location(item.mark))
                }
                collected += try convert(item, depth: depth + 1).mapping?.entries ?? []
            }
            return collected
        default:
            throw ConfigError(.invalidValue, "a << merge key takes a mapping or a list of mappings", at: location(value.mark))
        }
    }
}

private extension Node {
    var isMapping: Bool {
        if case .mapping = self { return true }
        return false
    }
}
