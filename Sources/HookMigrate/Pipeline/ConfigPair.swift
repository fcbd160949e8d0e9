import HookMigrateCore

/// A legacy config and an MMEngine config given to be compared (`verify LEGACY NEW`, `diff-trace` of two
/// configs): each must belong to its world, or the comparison would mean nothing.
public enum ConfigPair {
    /// Throws `wrong-config-world` when `legacy` is not an MMCV 1.x config or `new` is not an MMEngine config,
    /// located at the first key of the wrong world.
    public static func check(legacy: LoadedConfig, new: LoadedConfig) throws {
        switch ConfigWorld.of(legacy.root) {
        case .legacy:
            break
        case .mmengine(let keys, _):
            throw ConfigError(.wrongConfigWorld, "the first config must be the MMCV 1.x one, but this is an MMEngine config (\(list(keys))); pass the legacy config first and the MMEngine config second",
                              at: location(legacy, keys))
        case .mixed(let legacyKeys, let mmengineKeys):
            throw ConfigError(.wrongConfigWorld, "the first config must be an MMCV 1.x config, but it mixes MMCV 1.x keys (\(list(legacyKeys))) with MMEngine keys (\(list(mmengineKeys)))",
                              at: location(legacy, mmengineKeys))
        }
        switch ConfigWorld.of(new.root) {
        case .mmengine:
            break
        case .legacy:
            throw ConfigError(.wrongConfigWorld, "the second config must be an MMEngine config, but it has none of MMEngine's keys (\(ConfigWorld.mmengineKeys.sorted().prefix(4).map { "`\($0)`" }.joined(separator: ", ")) …); pass the legacy config first, or convert it with `hookmigrate convert`",
                              at: new.root.entries.first?.keyLocation ?? new.rootLocation)
        case .mixed(let legacyKeys, let mmengineKeys):
            throw ConfigError(.wrongConfigWorld, "the second config must be an MMEngine config, but it mixes MMEngine keys (\(list(mmengineKeys))) with MMCV 1.x keys (\(list(legacyKeys))), which MMEngine's Runner ignores",
                              at: location(new, legacyKeys))
        }
    }

    /// `` `a`, `b` ``.
    static func list(_ keys: [String]) -> String {
        keys.map { "`\($0)`" }.joined(separator: ", ")
    }

    /// Where the first of `keys` is written, else where the config starts.
    static func location(_ config: LoadedConfig, _ keys: [String]) -> SourceLocation {
        keys.first.flatMap { config.root.entry($0)?.keyLocation } ?? config.rootLocation
    }
}
