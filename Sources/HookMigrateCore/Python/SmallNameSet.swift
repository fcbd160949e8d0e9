/// A set of names that is usually small (the keyword arguments of one call): a scan of an array up to
/// `scanLimit` names, a hashed set past that (a hostile call with 100,000 keywords stays linear).
struct SmallNameSet {
    private var names: [String] = []
    private var hashed: Set<String>?

    /// Names kept in the array before the set takes over.
    static let scanLimit = 16

    /// Adds `name`; `false` when it was already there.
    mutating func insert(_ name: String) -> Bool {
        if hashed != nil { return hashed?.insert(name).inserted ?? false }
        if names.contains(name) { return false }
        names.append(name)
        if names.count > Self.scanLimit {
            hashed = Set(names)
            names = []
        }
        return true
    }
}
