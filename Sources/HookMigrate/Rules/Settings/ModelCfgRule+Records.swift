extension ModelCfgRule {
    /// The records the `train_cfg` rule writes, one case per kind of record (id `train_cfg/<raw value>`).
    /// A case's documentation is its `summary` and `kinds`, printed in docs/records.md.
    public enum Records: String, RecordCode {
        case nullDropped = "null-dropped"
        case setTwice = "set-twice"
        case movedIntoModel = "moved-into-model"

        public static var rule: String { ModelCfgRule.id }

        public var summary: String {
            switch self {
            case .nullDropped: "A null top-level train_cfg/test_cfg is dropped."
            case .setTwice: "train_cfg/test_cfg set both at the top level and in the model: the model's is kept."
            case .movedIntoModel: "A top-level train_cfg/test_cfg moves into the model."
            }
        }

        public var kinds: [MigrationRecord.Kind] {
            switch self {
            case .nullDropped, .movedIntoModel: [.change]
            case .setTwice: [.warning]
            }
        }
    }
}
