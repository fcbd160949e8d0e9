/// The ordered list of registered hooks, as both runners keep it: a new hook goes after the last hook
/// whose priority is less than or equal to its own (`register_hook`), so equal priorities keep
/// registration order. Dispatch lists per mount point are computed once from it.
public struct HookOrder<Hook>: Sendable where Hook: Sendable {
    /// The hooks with their priorities, in run order.
    public private(set) var entries: [(priority: Int, hook: Hook)] = []

    /// An empty list.
    public init() {}

    /// Registers a hook.
    public mutating func insert(_ hook: Hook, priority: Int) {
        var index = entries.count
        while index > 0, entries[index - 1].priority > priority { index -= 1 }
        entries.insert((priority, hook), at: index)
    }

    /// The hooks in run order.
    public var hooks: [Hook] { entries.map(\.hook) }
}
