/// Unicode character names for `\N{...}` escapes: a table of every named scalar, built on first use.
enum PyUnicodeNames {
    private static let table: [String: Unicode.Scalar] = {
        var table: [String: Unicode.Scalar] = [:]
        for value in UInt32(0)...0x10FFFF {
            guard let scalar = Unicode.Scalar(value) else { continue }
            if let name = scalar.properties.name, table[name] == nil { table[name] = scalar }
            if let alias = scalar.properties.nameAlias, table[alias] == nil { table[alias] = scalar }
        }
        return table
    }()

    /// The scalar with this name (or name alias); names are matched without regard to case, as in
    /// Python.
    static func scalar(named name: String) -> Unicode.Scalar? {
        table[name.uppercased()]
    }
}
