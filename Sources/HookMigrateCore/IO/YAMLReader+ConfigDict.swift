import Yams

/// The self-references of the `!!python/object/new:mmcv.utils.config.ConfigDict` nodes in MMCV's YAML
/// dumps, taken out of the text so that libyaml can compose the document.
///
/// Such a node's `state` is an alias of the node itself (`&id002 !!python/…ConfigDict` … `state: *id002`).
/// A composer cannot resolve an alias to a node it has not finished, so each self-referencing alias is
/// overwritten in the text by a null (`~`) of the same length: every other position stays where it
/// was. Two ways find them:
///
/// - **guessed**: for each anchor written on a ConfigDict tag, the first later `*name` token; this finds
///   all of MMCV's in one pass;
/// - **reported**: the alias libyaml reports as undefined, one parse at a time (at most one per
///   ConfigDict tag in the text, and 16 more).
///
/// Nothing is trusted: the converter accepts a patched position only as the `state` of the ConfigDict
/// node whose anchor it named, and every patch must be accepted so. A guess that turns out wrong (a
/// token in a string, a reference to a finished node) makes the reader start again with reported
/// patches only (`Misplaced`).
struct ConfigDictSelfReferences {
    /// A patched alias: its name, by its position (line and column, as libyaml counts them).
    struct Position: Hashable {
        var line: Int
        var column: Int
    }

    /// A patch was not where a ConfigDict's self-reference belongs.
    struct Misplaced: Error {
        var position: Position
    }

    static let tag = "!!python/object/new:mmcv.utils.config.ConfigDict"

    private var scalars: [Unicode.Scalar]
    private var lineStarts: [Int]
    /// The alias names that were overwritten, by position.
    private(set) var patches: [Position: String] = [:]
    /// How many more reported aliases may be patched: one per ConfigDict tag in the text, and a few
    /// more, so that a misplaced self-reference is found and named rather than the parse stopping at the
    /// next legitimate one. Each patch costs a parse of the whole text: the bound keeps that linear.
    private var budget: Int

    init(_ text: String) {
        tagCount = Self.occurrences(of: Self.tag, in: text)
        budget = tagCount == 0 ? 0 : tagCount + 16
        // Only a text with ConfigDict tags is ever patched.
        scalars = tagCount == 0 ? [] : Array(text.unicodeScalars)
        var starts = [0]
        for (index, scalar) in scalars.enumerated() where scalar == "\n" { starts.append(index + 1) }
        lineStarts = starts
    }

    /// How often `needle` occurs in `text`, compared byte for byte.
    static func occurrences(of needle: String, in text: String) -> Int {
        let pattern = Array(needle.utf8)
        guard let first = pattern.first else { return 0 }
        var count = 0
        text.utf8.withContiguousStorageIfAvailable { bytes in
            var index = 0
            while index + pattern.count <= bytes.count {
                if bytes[index] == first, bytes[index..<(index + pattern.count)].elementsEqual(pattern) {
                    count += 1
                    index += pattern.count
                } else {
                    index += 1
                }
            }
        } ?? {
            count = text.components(separatedBy: needle).count - 1
        }()
        return count
    }

    /// The number of ConfigDict tags in the text.
    let tagCount: Int

    /// Whether there is anything to look for.
    var mayHaveSelfReferences: Bool { tagCount > 0 }

    /// The text with the patches applied.
    var text: String { String(String.UnicodeScalarView(scalars)) }

    /// Patches the first `*name` after each `&name` written just before a ConfigDict tag.
    mutating func guess() {
        let tagScalars = Array(Self.tag.unicodeScalars)
        var index = 0
        while index < scalars.count {
            guard scalars[index] == "&" else { index += 1; continue }
            var end = index + 1
            while end < scalars.count, Self.isAnchorCharacter(scalars[end]) { end += 1 }
            var tagStart = end
            while tagStart < scalars.count, scalars[tagStart] == " " { tagStart += 1 }
            let name = scalars[(index + 1)..<end]
            guard !name.isEmpty, tagStart > end, scalars[tagStart...].starts(with: tagScalars) else { index = end; continue }
            if let alias = firstAlias(named: Array(name), after: tagStart + tagScalars.count) {
                overwrite(at: alias, length: name.count + 1)
            }
            index = tagStart + tagScalars.count
        }
    }

    /// Patches the alias libyaml reported at `mark`, if there is one there and the budget allows;
    /// `false` when nothing was patched.
    mutating func patch(at mark: Mark) -> Bool {
        guard budget > 0, mark.line >= 1, mark.line <= lineStarts.count else { return false }
        let start = lineStarts[mark.line - 1] + mark.column - 1
        guard start < scalars.count, scalars[start] == "*", patches[Position(line: mark.line, column: mark.column)] == nil else { return false }
        var end = start + 1
        while end < scalars.count, Self.isAnchorCharacter(scalars[end]) { end += 1 }
        guard end > start + 1 else { return false }
        budget -= 1
        overwrite(at: start, length: end - start)
        return true
    }

    /// The alias name patched at a node's position, if any.
    func name(at mark: Mark?) -> String? {
        guard let mark else { return nil }
        return patches[Position(line: mark.line, column: mark.column)]
    }

    private func firstAlias(named name: [Unicode.Scalar], after start: Int) -> Int? {
        var index = start
        while index < scalars.count {
            if scalars[index] == "*", index > 0, [" ", "\t", "[", "{", ",", "\n"].contains(scalars[index - 1]),
               scalars[(index + 1)...].starts(with: name),
               index + 1 + name.count == scalars.count || !Self.isAnchorCharacter(scalars[index + 1 + name.count]) {
                return index
            }
            index += 1
        }
        return nil
    }

    /// Replaces `*name` by `~` and spaces, recording the name by the position libyaml gives the node.
    private mutating func overwrite(at start: Int, length: Int) {
        let name = String(String.UnicodeScalarView(scalars[(start + 1)..<(start + length)]))
        // The position's line: the last line start at or before `start`.
        var low = 0
        var high = lineStarts.count - 1
        while low < high {
            let middle = (low + high + 1) / 2
            if lineStarts[middle] <= start { low = middle } else { high = middle - 1 }
        }
        patches[Position(line: low + 1, column: start - lineStarts[low] + 1)] = name
        scalars[start] = "~"
        for offset in 1..<length { scalars[start + offset] = " " }
    }

    /// The characters libyaml allows in an anchor or alias name.
    static func isAnchorCharacter(_ scalar: Unicode.Scalar) -> Bool {
        ("0"..."9").contains(scalar) || ("a"..."z").contains(scalar) || ("A"..."Z").contains(scalar)
            || scalar == "-" || scalar == "_"
    }
}

extension YAMLNodeConverter {
    static let configDictTag = yamlTagPrefix + "python/object/new:mmcv.utils.config.ConfigDict"

    /// A ConfigDict node of an MMCV dump: the mapping under `dictitems`, checked against `args` (the
    /// `(key, value)` pairs its `__getnewargs__` gave), with `state` (the node itself) ignored. Any other
    /// key, or a `state` that is not the node's self-reference, is refused: building the object would
    /// be needed to know its data.
    mutating func convertConfigDict(_ mapping: Node.Mapping, depth: Int) throws -> ConfigNode {
        let at = tagLocation(mapping.mark)
        var dictitems: (key: Node, value: Node)?
        var args: Node?
        for (keyNode, valueNode) in mapping {
            guard case .scalar(let key) = keyNode, key.style == .plain,
                  ["args", "dictitems", "state"].contains(key.string) else {
                throw ConfigError(.pythonObject, "found \(keyNode.scalar.map { "'\($0.string)'" } ?? "a non-scalar key") in a ConfigDict node; MMCV's dumps hold only args, dictitems and state, and hookmigrate reads no other form of Python object",
                                  at: location(keyNode.mark) ?? at, notes: PythonObjectMessage.siblingNote(source))
            }
            switch key.string {
            case "dictitems": dictitems = (keyNode, valueNode)
            case "args": args = valueNode
            default:
                guard let anchor = mapping.anchor?.rawValue, selfReferences.name(at: valueNode.mark) == anchor,
                      case .scalar = valueNode else {
                    throw ConfigError(.pythonObject, "the state of this ConfigDict node is not the node itself; hookmigrate reads the self-referencing ConfigDict nodes of MMCV's dumps and never constructs other Python objects",
                                      at: location(valueNode.mark) ?? at, notes: PythonObjectMessage.siblingNote(source))
                }
                consumedSelfReferences.insert(ConfigDictSelfReferences.Position(line: valueNode.mark?.line ?? 0, column: valueNode.mark?.column ?? 0))
            }
        }
        var items = ConfigMapping()
        if let dictitems {
            let converted = try convert(dictitems.value, depth: depth)
            guard let mapping = converted.mapping else {
                throw ConfigError(.pythonObject, "the dictitems of a ConfigDict node must be a mapping, found \(converted.typeDescription)",
                                  at: converted.location ?? at)
            }
            items = mapping
        }
        if let args {
            try checkArguments(try convert(args, depth: depth + 1), against: items, dictitemsAt: dictitems.flatMap { location($0.key.mark) } ?? at)
        }
        return ConfigNode(items, at: location(mapping.mark))
    }

    /// `args` must name the same keys and values as `dictitems`, each once: a list of `(key, value)`.
    func checkArguments(_ args: ConfigNode, against items: ConfigMapping, dictitemsAt: SourceLocation) throws {
        let note = Diagnostic.Note("the ConfigDict's data (dictitems) is here", at: dictitemsAt)
        guard let list = args.list else {
            throw ConfigError(.invalidValue, "the args of a ConfigDict node must be a list of (key, value) tuples, found \(args.typeDescription)",
                              at: args.location, notes: [note])
        }
        var seen: Set<ConfigScalar> = []
        for item in list.items {
            guard let pair = item.list, pair.items.count == 2, case .scalar(let key) = pair.items[0].value else {
                throw ConfigError(.invalidValue, "each arg of a ConfigDict node must be a (key, value) tuple, found \(item.description)",
                                  at: item.location ?? args.location, notes: [note])
            }
            guard seen.insert(key).inserted else {
                throw ConfigError(.invalidValue, "the args of this ConfigDict node set the key \(key) twice",
                                  at: item.location ?? args.location, notes: [note])
            }
            guard let index = items.index(of: key) else {
                throw ConfigError(.invalidValue, "the args of this ConfigDict node set the key \(key), which its dictitems do not have",
                                  at: item.location ?? args.location, notes: [note])
            }
            let value = items.entries[index].value
            if let difference = pair.items[1].firstDifference(from: value, at: ConfigPath.root.appending(key: key)) {
                throw ConfigError(.invalidValue, "the args and the dictitems of this ConfigDict node disagree at \(difference) (args vs dictitems)",
                                  at: item.location ?? args.location,
                                  notes: [.init("the dictitems value is here", at: items.entries[index].keyLocation ?? dictitemsAt)])
            }
        }
        if let missing = items.entries.first(where: { !seen.contains($0.key) }) {
            throw ConfigError(.invalidValue, "the dictitems of this ConfigDict node have the key \(missing.key), which its args do not set",
                              at: args.location, notes: [.init("the key is here", at: missing.keyLocation ?? dictitemsAt)])
        }
    }

    /// Where the tag of a node starts: after its anchor, when it has one (`&id001 !!python/…`).
    mutating func tagLocation(_ mark: Mark?) -> SourceLocation {
        guard let mark, mark.line >= 1, mark.line <= lines.count else {
            return location(mark) ?? SourceLocation(file: source.path, line: 1, column: 1)
        }
        let scalars = Array(lines[mark.line - 1].unicodeScalars)
        var column = mark.column
        if column >= 1, column <= scalars.count, scalars[column - 1] == "&" {
            while column <= scalars.count, scalars[column - 1] != " " { column += 1 }
            while column <= scalars.count, scalars[column - 1] == " " { column += 1 }
        }
        return SourceLocation(file: source.path, line: mark.line, column: column)
    }
}
