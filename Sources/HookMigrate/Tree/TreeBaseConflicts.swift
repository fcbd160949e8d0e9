import HookMigrateCore

/// Keeps sibling bases from giving the same top-level key.
///
/// MMCV and MMEngine refuse a key set by two bases of one file. Legacy bases never share a key, but their
/// conversions can: two legacy keys in two bases may both become parts of one new key. Where a file's
/// bases would clash, the key is taken out of every partial base (`_base_` file) that gives it; the files
/// that inherit them then state it themselves. Complete configs used as bases are never changed (their
/// written form must resolve to their full conversion); a clash among those makes the inheriting file
/// flat (`TreeFactoring`). Repeats until no partial base changes.
enum TreeBaseConflicts {
    static func resolve(_ files: inout [TreeMigration.Converted]) {
        var index: [String: Int] = [:]
        for (position, file) in files.enumerated() { index[file.path] = position }
        var changed = true
        while changed {
            changed = false
            for file in files where file.error == nil && file.bases.count >= 2 {
                var owners: [ConfigScalar: Int] = [:]
                var clashing: [ConfigScalar] = []
                for base in file.bases {
                    guard let base, let position = index[base], let target = files[position].target else { continue }
                    for key in target.keys {
                        if owners[key] != nil, !clashing.contains(key) { clashing.append(key) }
                        owners[key] = owners[key] ?? position
                    }
                }
                for key in clashing {
                    for base in file.bases {
                        guard let base, let position = index[base], files[position].role == .base,
                              files[position].target?.index(of: key) != nil else { continue }
                        files[position].target?.removeEntry(key)
                        changed = true
                    }
                }
            }
        }
    }
}
