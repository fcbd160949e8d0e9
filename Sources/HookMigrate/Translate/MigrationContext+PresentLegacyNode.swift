import HookMigrateCore

extension MigrationContext {
    /// A legacy value that is present and not null.
    func presentLegacyNode(_ key: String) -> ConfigNode? {
        guard let node = legacyNode(key), !node.isNull else { return nil }
        return node
    }
}
