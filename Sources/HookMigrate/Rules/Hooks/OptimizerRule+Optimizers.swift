import HookMigrateCore

extension OptimizerRule {
    /// One legacy optimizer config split the way MMEngine wants it: the optimizer's own arguments, and
    /// what MMCV's `build_optimizer` popped before building it (`paramwise_cfg`, `constructor`).
    struct SingleOptimizer: Sendable {
        /// `type`, `lr` and the other optimizer arguments, in their order.
        var optimizer: ConfigMapping
        /// The optimizer's type name.
        var typeName: String
        /// `paramwise_cfg`, when set and not null.
        var paramwise: ConfigNode?
        /// `constructor`, when set.
        var constructor: (name: String, location: SourceLocation?)?
        /// Where the optimizer's mapping is written.
        var location: SourceLocation?
        /// Its legacy path (`optimizer`, `optimizers.generator`).
        var path: ConfigPath
    }

    /// What the legacy optimizer key holds.
    enum OptimizerSpec: Sendable {
        /// One optimizer over the whole model.
        case single(SingleOptimizer)
        /// A dict of optimizers (mmedit's `build_optimizers`, mmgen, mmpose): each name is a submodule of the
        /// model, and the optimizer is built over that submodule only.
        case named([(name: String, optimizer: SingleOptimizer)])
    }

    /// Reads `optimizer` / `optimizers`. Like the downstream `build_optimizers`, a mapping whose values are
    /// all mappings is a dict of optimizers; anything else is one optimizer, which needs a `type`.
    static func parseOptimizers(_ node: ConfigNode, key: String) throws -> OptimizerSpec {
        let path = ConfigPath(key)
        let mapping = try node.mapping(path)
        guard !mapping.isEmpty, mapping.entries.allSatisfy({ $0.value.mapping != nil }) else {
            return .single(try parseSingle(mapping, path: path, location: node.location))
        }
        var list: [(name: String, optimizer: SingleOptimizer)] = []
        for entry in mapping.entries {
            guard case .string(let name) = entry.key else {
                throw ConfigError(.invalidValue, "the names in a dict of optimizers are submodule names (strings), found \(entry.key.typeDescription) \(entry.key)", at: entry.keyLocation)
            }
            let entryPath = path.appending(name)
            let optimizer = try parseSingle(try entry.value.mapping(entryPath), path: entryPath, location: entry.value.location)
            list.append((name, optimizer))
        }
        return .named(list)
    }

    /// One optimizer config: `type` is required (MMCV's registry cannot build without it).
    static func parseSingle(_ mapping: ConfigMapping, path: ConfigPath, location: SourceLocation?) throws -> SingleOptimizer {
        let typeNode = try mapping.required("type", in: path, owner: location)
        let typeName = try typeNode.string(path.appending("type"))
        var optimizer = ConfigMapping()
        var paramwise: ConfigNode?
        var constructor: (name: String, location: SourceLocation?)?
        for entry in mapping.entries {
            switch entry.key {
            case .string("paramwise_cfg"):
                if !entry.value.isNull {
                    _ = try entry.value.mapping(path.appending("paramwise_cfg"))
                    paramwise = entry.value
                }
            case .string("constructor"):
                constructor = (try entry.value.string(path.appending("constructor")), entry.value.location)
            default:
                optimizer.appendNew(entry)
            }
        }
        return SingleOptimizer(optimizer: optimizer, typeName: typeName, paramwise: paramwise, constructor: constructor,
                               location: location, path: path)
    }
}
