import HookMigrateCore

/// A legacy updater-hook config (`lr_config` / `momentum_config`) as the translations cite it: where each key
/// is written and whether it is. Its values are read once, by the runtime's `LegacyUpdaterConfig`; a key
/// holding `None` counts as absent, as a Python keyword argument set to `None` would.
struct LegacyHookArguments {
    /// The mapping.
    let mapping: ConfigMapping
    /// Its path (`lr_config`).
    let path: ConfigPath
    /// Where the mapping is written.
    let location: SourceLocation?

    /// The value of a key, `nil` when absent or null.
    func node(_ key: String) -> ConfigNode? {
        mapping.present(key)
    }

    /// Whether the key is present (even as null).
    func contains(_ key: String) -> Bool { mapping.contains(key) }

    /// Where a key's value is written (or the key, or the mapping).
    func location(_ key: String) -> SourceLocation? {
        mapping[key]?.location ?? mapping.entry(key)?.keyLocation ?? location
    }

    /// The config path of a key (`lr_config.step`).
    func path(_ key: String) -> String { path.appending(key).description }

    /// The counts the translations compute with (`warmup_iters`, CosineRestart `periods`, `cyclic_times`,
    /// `total_steps`) must lie within `ConfigNode.maxCount` (a `number-range` error otherwise, located at the
    /// value): Python holds any int, but no run is that long, and the conversion's arithmetic on it would
    /// overflow. A limit of the conversion, not of MMCV; floats are left to the parser.
    func requireCountsInRange() throws {
        for key in ["warmup_iters", "periods", "cyclic_times", "total_steps"] {
            guard let node = node(key) else { continue }
            let keyPath = path.appending(key)
            if case .scalar(.int) = node.value { _ = try node.count(keyPath) }
            for (index, item) in (node.list?.items ?? []).enumerated() {
                if case .scalar(.int) = item.value { _ = try item.count(keyPath.appending(index: index)) }
            }
        }
    }
}
