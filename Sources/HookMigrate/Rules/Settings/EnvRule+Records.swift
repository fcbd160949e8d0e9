extension EnvRule {
    /// The records the `dist_params` rule writes, one case per kind of record (id `dist_params/<raw value>`).
    /// A case's documentation is its `summary` and `kinds`, printed in docs/records.md.
    public enum Records: String, RecordCode {
        case cudnnBenchmark = "cudnn-benchmark"
        case mpSetting = "mp-setting"
        case distParams = "dist-params"
        case findUnusedParameters = "find-unused-parameters"
        case randomness = "randomness"
        case devicesDropped = "devices-dropped"

        public static var rule: String { EnvRule.id }

        public var summary: String {
            switch self {
            case .cudnnBenchmark: "cudnn_benchmark moves into env_cfg."
            case .mpSetting: "mp_start_method / opencv_num_threads move into env_cfg.mp_cfg."
            case .distParams: "dist_params moves into env_cfg.dist_cfg."
            case .findUnusedParameters: "find_unused_parameters moves into model_wrapper_cfg."
            case .randomness: "seed / deterministic move into randomness."
            case .devicesDropped: "gpu_ids / device settings are dropped: MMEngine takes devices from the launcher."
            }
        }

        public var kinds: [MigrationRecord.Kind] {
            switch self {
            case .cudnnBenchmark, .mpSetting, .distParams, .findUnusedParameters, .randomness,
                 .devicesDropped: [.change]
            }
        }
    }
}
