// The records the translator itself writes, outside any rule: each names the step that writes it in place of a
// rule id (docs/records.md, "Conversion-wide records").

/// The record of an already MMEngine-style config (`Translator.translate`).
public enum AlreadyMMEngineRecords: String, RecordCode {
    case ignoredKey = "ignored-key"

    public static var rule: String { "already-mmengine" }

    public var summary: String {
        switch self {
        case .ignoredKey: "An already MMEngine-style config holds a legacy-looking key MMEngine does not read: kept unchanged, with the key MMEngine reads instead."
        }
    }

    public var kinds: [MigrationRecord.Kind] { [.warning] }
}

/// The record of the legacy top-level keys no rule knows.
public enum UnknownKeyRecords: String, RecordCode {
    case kept

    public static var rule: String { "unknown-keys" }

    public var summary: String {
        switch self {
        case .kept: "Top-level keys no rule knows are kept unchanged (MMEngine passes unknown keys through)."
        }
    }

    public var kinds: [MigrationRecord.Kind] { [.warning] }
}

/// The record of a `custom_imports` no rule rewrote.
public enum CustomImportsRecords: String, RecordCode {
    case kept

    public static var rule: String { "custom_imports" }

    public var summary: String {
        switch self {
        case .kept: "custom_imports is kept unchanged: MMEngine imports those modules, which must now register into MMEngine's registries."
        }
    }

    public var kinds: [MigrationRecord.Kind] { [.warning] }
}
