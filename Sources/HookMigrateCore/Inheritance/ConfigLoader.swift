import Foundation

/// A config read from disk with its `_base_` chain resolved.
public struct LoadedConfig: Sendable, Equatable {
    /// The resolved top-level mapping.
    public var root: ConfigMapping
    /// Where the top-level mapping starts (the entry file).
    public var rootLocation: SourceLocation
    /// Every file read, in the order MMCV first reads them (a file before its bases), each once, as paths
    /// joined from the entry path the caller gave.
    public var files: [String]
    /// Warnings met while loading (e.g. a `_deprecation_` notice).
    public var warnings: [Diagnostic]
    /// The entry file's own `_base_` files, in order, as paths joined from the entry path (empty when it
    /// inherits nothing).
    public var bases: [String] = []

    /// The resolved config as a node.
    public var node: ConfigNode { ConfigNode(root, at: rootLocation) }
}

/// Loads a legacy config the way MMCV 1.7.2's `Config.fromfile` does (`mmcv/utils/config.py`):
///
/// 1. the predefined templates `{{ fileDirname }}` … are replaced in the text;
/// 2. `{{ _base_.x }}` templates become placeholders; the text is parsed (YAML or JSON by extension);
/// 3. `_deprecation_` is popped (a warning); `_base_` is popped: a path or a list of paths, each
///    relative to the file that names it; each base is loaded the same way, recursively;
/// 4. the bases are combined in order — the same top-level key in two bases is an error;
/// 5. placeholders take their values from the combined bases; then the child is merged over the
///    bases with `ConfigMerge` (child wins, mappings merged recursively, lists replaced, `_delete_`);
/// 6. the top level may not use MMCV's reserved keys `filename`, `text`, `pretty_text`.
///
/// Where MMCV would crash or loop, this says so with a location: a cycle of bases (MMCV recurses until
/// Python's stack overflows), a missing base, a base that is not a mapping, a `_base_` that is not a
/// path or list of paths, a `{{ _base_.x }}` naming no value. Python (`.py`) configs are not executed.
public struct ConfigLoader: Sendable {
    /// Bounds on each file.
    public var limits: ReadLimits
    /// Where files are read from.
    public var source: any ConfigFileSource
    /// Resolved files kept across loads, so that a base shared by many configs is read and resolved once;
    /// `nil` keeps them for one load only.
    public var cache: ConfigLoadCache?

    /// Creates a loader.
    public init(limits: ReadLimits = .default, source: any ConfigFileSource = DiskFileSource(), cache: ConfigLoadCache? = nil) {
        self.limits = limits
        self.source = source
        self.cache = cache
    }

    /// MMCV's key for inheritance.
    public static let baseKey = "_base_"
    /// MMCV's key for a deprecation notice, popped with a warning.
    public static let deprecationKey = "_deprecation_"
    /// The note that says through which `_base_` entry a file with an error was read.
    static let includedNote = "included as a base from here"
    /// Most such notes on one error (the innermost levels of the chain).
    static let maxInclusionNotes = 8
    /// Top-level keys MMCV's `Config` refuses.
    public static let reservedKeys = ["filename", "text", "pretty_text"]

    /// Loads `path` and its bases.
    public func load(_ path: String) throws -> LoadedConfig {
        // Without a shared cache, one for this load: a base reached along many paths (a DAG of bases) is
        // still read and resolved once, not once per path (2^n times for n levels of diamonds).
        var loader = self
        if loader.cache == nil { loader.cache = ConfigLoadCache() }
        let file = try loader.loadFile(path, chain: [], requestedAt: nil)
        for key in Self.reservedKeys {
            if let entry = file.mapping.entry(key) {
                throw ConfigError(.reservedKey, "`\(key)` is reserved by MMCV's Config and cannot be a top-level key", at: entry.keyLocation)
            }
        }
        return LoadedConfig(root: file.mapping, rootLocation: file.location, files: file.files, warnings: file.warnings, bases: file.bases)
    }

    /// Parses one file's text (no `_base_` resolution): for strings in memory and for tests.
    public func parse(_ source: SourceText, format: ConfigFormat) throws -> ConfigNode {
        try format.read(source, limits: limits)
    }

    /// One file resolved with its bases: what a later load of the same file reuses.
    struct LoadedFile: Sendable {
        var mapping: ConfigMapping
        var location: SourceLocation
        /// For each top-level key, the file that set it (for the duplicate-key-among-bases error).
        var keyOwners: [ConfigScalar: String]
        /// This file and every file read for its bases, a file before its bases.
        var files: [String]
        /// Warnings met in this file and its bases.
        var warnings: [Diagnostic]
        /// This file's own bases.
        var bases: [String]
        /// The longest `_base_` chain below this file (0: it has no bases).
        var baseDepth = 0
    }

    struct ChainLink {
        var display: String
        var identity: String
    }

    /// Loads one file and, recursively, its bases. Base paths arrive joined and normalized
    /// (`ConfigPaths.join`): a base named from many folders is one file in messages and in the cache.
    func loadFile(_ path: String, chain: [ChainLink], requestedAt: SourceLocation?) throws -> LoadedFile {
        let identity = cache?.identity(of: path, in: source) ?? source.identity(of: path)
        if let start = chain.firstIndex(where: { $0.identity == identity }) {
            let cycle = (chain[start...].map(\.display) + [path]).joined(separator: " -> ")
            throw ConfigError(.baseCycle, "`_base_` files include each other in a cycle: \(cycle)", at: requestedAt)
        }
        if chain.count > limits.maxBaseDepth {
            throw ConfigError(.depthLimit, "the `_base_` chain is deeper than \(limits.maxBaseDepth) files (\(chain[0].display) -> \(chain[1].display) -> … -> \(path)); refusing to follow it", at: requestedAt)
        }
        // A cached file is reused only where its own chain fits below this one; elsewhere it is loaded
        // again, so that the chain is refused at the same place, with the same message, as without a cache.
        if let cached = cache?.file(path), chain.count + cached.baseDepth <= limits.maxBaseDepth { return cached }
        guard let format = ConfigFormat(path: path) else {
            throw ConfigError(.unsupportedFormat, "cannot read \(path): a config must be a .py, .yaml, .yml or .json file", at: requestedAt)
        }
        if requestedAt != nil, !source.exists(path) {
            throw ConfigError(.baseMissing, "base config \(path) does not exist", at: requestedAt)
        }
        let bytes = try source.readBytes(path, limit: limits.maxFileBytes, requestedAt: requestedAt)
        var source = try SourceText(path: path, bytes: bytes)
        var warnings: [Diagnostic] = []

        // The predefined variables need the absolute path (the working directory, a walk of the path): found
        // only for a text that has a template.
        var predefined: [String: String]?
        var text = TemplateVariables.substitute(source.text) { name in
            guard TemplateVariables.predefinedNames.contains(name) else { return nil }
            if predefined == nil { predefined = TemplateVariables.predefined(absolutePath: ConfigPaths.absolute(path)) }
            return predefined?[name]
        }
        let (substituted, placeholders) = TemplateVariables.preSubstituteBaseVariables(text)
        text = substituted
        if text != source.text { source = SourceText(path: path, text: text) }

        let root = try format.read(source, limits: limits)
        let rootLocation = root.location ?? SourceLocation(file: path, line: 1, column: 1)
        guard case .mapping(var mapping) = root.value else {
            throw ConfigError(.notAMapping, "the top level of a config must be a mapping, found \(root.typeDescription)", at: rootLocation)
        }

        if let notice = mapping.removeEntry(.string(Self.deprecationKey)) {
            var message = "the config file \(path) will be deprecated in the future"
            if let expected = notice.value.mapping?["expected"]?.scalar?.stringValue { message += "; use \(expected) instead" }
            if let reference = notice.value.mapping?["reference"]?.scalar?.stringValue { message += " (see \(reference))" }
            warnings.append(Diagnostic(.warning, id: "config-deprecated", message, at: notice.keyLocation))
        }

        guard let baseEntry = mapping.removeEntry(.string(Self.baseKey)) else {
            if let stray = Self.firstPlaceholder(in: ConfigNode(mapping), placeholders) {
                throw ConfigError(.baseVariable, "`{{ _base_.\(stray.variable) }}` is used in a file that has no `_base_`", at: stray.location)
            }
            var owners: [ConfigScalar: String] = [:]
            for key in mapping.keys { owners[key] = path }
            let file = LoadedFile(mapping: mapping, location: rootLocation, keyOwners: owners, files: [path], warnings: warnings, bases: [])
            cache?.store(file, for: path)
            return file
        }

        let baseRequests = try Self.basePaths(baseEntry)
        let link = ChainLink(display: path, identity: identity)
        var bases = ConfigMapping()
        var owners: [ConfigScalar: String] = [:]
        var files = [path]
        var listedFiles: Set<String> = [path]
        var basePathList: [String] = []
        var baseDepth = 0
        for request in baseRequests {
            let basePath = ConfigPaths.join(directoryOf: path, request.path)
            basePathList.append(basePath)
            let base: LoadedFile
            do {
                base = try loadFile(basePath, chain: chain + [link], requestedAt: request.location)
            } catch let error as ConfigError {
                if error.code == .baseCycle || error.location == request.location { throw error }
                // One note per level of the chain, up to a few (a chain refused for its depth would
                // otherwise carry dozens).
                let inclusions = error.notes.filter { $0.message == Self.includedNote }.count
                if inclusions >= Self.maxInclusionNotes { throw error }
                throw error.adding(.init(Self.includedNote, at: request.location))
            }
            // Each file and warning once, in first-read order: a base reached along many paths would
            // otherwise be listed once per path (exponentially many in a DAG of diamonds).
            for file in base.files where listedFiles.insert(file).inserted { files.append(file) }
            for warning in base.warnings where !warnings.contains(warning) { warnings.append(warning) }
            baseDepth = max(baseDepth, base.baseDepth + 1)
            for entry in base.mapping.entries {
                if let owner = owners[entry.key] {
                    throw ConfigError(.baseDuplicateKey,
                                      "the key \(entry.key) is set by two bases, \(owner) and \(base.keyOwners[entry.key] ?? basePath); MMCV does not allow the same top-level key in two bases",
                                      at: request.location,
                                      notes: [.init("set here", at: entry.keyLocation)])
                }
                owners[entry.key] = base.keyOwners[entry.key] ?? basePath
                bases.appendNew(entry)
            }
        }
        let child = try Self.substituteBaseVariables(in: ConfigNode(mapping, at: rootLocation), placeholders, bases: bases)
        let merged = try ConfigMerge.merge(child.mapping ?? mapping, into: bases)
        for key in mapping.keys { owners[key] = path }
        let file = LoadedFile(mapping: merged, location: rootLocation, keyOwners: owners, files: files, warnings: warnings, bases: basePathList,
                              baseDepth: baseDepth)
        cache?.store(file, for: path)
        return file
    }

    /// A `_base_` value: one path or a list of paths, each with its location.
    static func basePaths(_ entry: ConfigMapping.Entry) throws -> [(path: String, location: SourceLocation?)] {
        let at = entry.value.location ?? entry.keyLocation
        switch entry.value.value {
        case .scalar(.string(let path)):
            return [(path, at)]
        case .list(let list) where list.style == .list:
            return try list.items.map { item in
                guard case .scalar(.string(let path)) = item.value else {
                    throw ConfigError(.baseInvalid, "each `_base_` entry must be a path string, found \(item.typeDescription)", at: item.location ?? at)
                }
                return (path, item.location ?? at)
            }
        default:
            let extra = entry.value.list?.style == .tuple ? " (MMCV accepts a list, not a tuple)" : ""
            throw ConfigError(.baseInvalid, "`_base_` must be a path or a list of paths, found \(entry.value.typeDescription)\(extra)", at: at)
        }
    }

    /// Replaces placeholder strings (values only, never keys, as MMCV does) by the base value they name.
    static func substituteBaseVariables(in node: ConfigNode, _ placeholders: [String: String], bases: ConfigMapping) throws -> ConfigNode {
        guard !placeholders.isEmpty else { return node }
        return try substitutedBaseVariables(in: node, placeholders, bases: bases) ?? node
    }

    /// `substituteBaseVariables`, or `nil` when the node holds no placeholder: a collection is rebuilt only
    /// from its first substituted part on, so the parts without placeholders are not copied.
    static func substitutedBaseVariables(in node: ConfigNode, _ placeholders: [String: String], bases: ConfigMapping) throws -> ConfigNode? {
        switch node.value {
        case .scalar(.string(let text)):
            guard TemplateVariables.mayBePlaceholder(text), let variable = placeholders[text] else { return nil }
            var current = ConfigNode(bases)
            var walked: [String] = []
            for key in variable.split(separator: ".", omittingEmptySubsequences: false).map(String.init) {
                guard let mapping = current.mapping else {
                    throw ConfigError(.baseVariable, "`{{ _base_.\(variable) }}`: `\(walked.joined(separator: "."))` in the bases is \(current.typeDescription), not a mapping", at: node.location)
                }
                guard let next = mapping[key] else {
                    let under = walked.isEmpty ? "at their top level" : "under `\(walked.joined(separator: "."))`"
                    throw ConfigError(.baseVariable, "`{{ _base_.\(variable) }}`: the bases have no key `\(key)` \(under)", at: node.location)
                }
                walked.append(key)
                current = next
            }
            return current
        case .scalar:
            return nil
        case .list(let list):
            var changed: ConfigList?
            for index in list.items.indices {
                guard let item = try substitutedBaseVariables(in: list.items[index], placeholders, bases: bases) else { continue }
                if changed == nil { changed = list }
                changed?.items[index] = item
            }
            return changed.map { ConfigNode($0, at: node.location) }
        case .mapping(let mapping):
            var changed: ConfigMapping?
            for index in mapping.entries.indices {
                guard let value = try substitutedBaseVariables(in: mapping.entries[index].value, placeholders, bases: bases) else { continue }
                if changed == nil { changed = mapping }
                changed?.setValue(value, at: index)
            }
            return changed.map { ConfigNode($0, at: node.location) }
        }
    }

    static func firstPlaceholder(in node: ConfigNode, _ placeholders: [String: String]) -> (variable: String, location: SourceLocation?)? {
        guard !placeholders.isEmpty else { return nil }
        switch node.value {
        case .scalar(.string(let text)):
            guard TemplateVariables.mayBePlaceholder(text) else { return nil }
            return placeholders[text].map { ($0, node.location) }
        case .scalar:
            return nil
        case .list(let list):
            for item in list.items { if let found = firstPlaceholder(in: item, placeholders) { return found } }
            return nil
        case .mapping(let mapping):
            for entry in mapping.entries { if let found = firstPlaceholder(in: entry.value, placeholders) { return found } }
            return nil
        }
    }
}
