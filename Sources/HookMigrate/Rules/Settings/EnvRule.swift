import HookMigrateCore

/// `dist_params`, `cudnn_benchmark`, `mp_start_method`, `opencv_num_threads` → `env_cfg`;
/// `find_unused_parameters` → `model_wrapper_cfg`; `seed`/`deterministic` → `randomness`;
/// `gpu_ids`, `device` dropped.
public enum EnvRule: MigrationRule {
    public static let id = "dist_params"
    public static let legacyKeys = ["dist_params", "cudnn_benchmark", "mp_start_method", "opencv_num_threads",
                                    "find_unused_parameters", "seed", "deterministic", "gpu_ids", "device"]
    public static let newKeys = ["env_cfg", "model_wrapper_cfg", "randomness"]
    public static let summary = "Process and distributed settings move into env_cfg; seeds into randomness."
    public static let mappingRows = [
        MappingRow("dist_params: {backend: nccl, ...}", "env_cfg.dist_cfg: {backend: nccl, ...}", "exact"),
        MappingRow("cudnn_benchmark: b", "env_cfg.cudnn_benchmark: b", "exact"),
        MappingRow("mp_start_method: m, opencv_num_threads: n", "env_cfg.mp_cfg: {mp_start_method: m, opencv_num_threads: n}", "exact"),
        MappingRow("find_unused_parameters: true", "model_wrapper_cfg: {type: MMDistributedDataParallel, find_unused_parameters: true}", "exact"),
        MappingRow("seed: s, deterministic: d", "randomness: {seed: s, deterministic: d}", "exact"),
        MappingRow("gpu_ids, device", "dropped", "MMEngine picks devices from the launcher"),
    ]

    public static func apply(to context: inout MigrationContext) throws {
        var env = ConfigMapping()
        var sources: [String] = []
        if let cudnn = context.presentLegacyNode("cudnn_benchmark") {
            env["cudnn_benchmark"] = cudnn
            sources.append("cudnn_benchmark")
            context.change(Records.cudnnBenchmark, "cudnn_benchmark", to: "env_cfg.cudnn_benchmark", "moved", at: context.legacyKeyLocation("cudnn_benchmark"))
        }
        var mp = ConfigMapping()
        for key in ["mp_start_method", "opencv_num_threads"] {
            if let value = context.presentLegacyNode(key) {
                mp[key] = value
                sources.append(key)
                context.change(Records.mpSetting, key, to: "env_cfg.mp_cfg.\(key)", "moved", at: context.legacyKeyLocation(key))
            }
        }
        if !mp.isEmpty { env["mp_cfg"] = ConfigNode(mp) }
        if let dist = context.presentLegacyNode("dist_params") {
            _ = try dist.mapping("dist_params")
            env["dist_cfg"] = dist
            sources.append("dist_params")
            context.change(Records.distParams, "dist_params", to: "env_cfg.dist_cfg", "moved", at: context.legacyKeyLocation("dist_params"))
        }
        if !env.isEmpty { context.setOutput("env_cfg", ConfigNode(env), from: sources) }

        if let unused = context.presentLegacyNode("find_unused_parameters") {
            var wrapper = ConfigMapping()
            wrapper["type"] = ConfigNode(.string("MMDistributedDataParallel"))
            wrapper["find_unused_parameters"] = unused
            context.setOutput("model_wrapper_cfg", ConfigNode(wrapper), from: ["find_unused_parameters"])
            context.change(Records.findUnusedParameters, "find_unused_parameters", to: "model_wrapper_cfg.find_unused_parameters", "moved into the distributed model wrapper's settings", at: context.legacyKeyLocation("find_unused_parameters"))
        }
        var randomness = ConfigMapping()
        for key in ["seed", "deterministic"] {
            if let value = context.presentLegacyNode(key) {
                randomness[key] = value
                context.change(Records.randomness, key, to: "randomness.\(key)", "moved", at: context.legacyKeyLocation(key))
            }
        }
        if !randomness.isEmpty { context.setOutput("randomness", ConfigNode(randomness), from: ["seed", "deterministic"]) }
        for key in ["gpu_ids", "device"] where context.legacy.contains(key) {
            context.change(Records.devicesDropped, key, to: nil, "dropped: MMEngine takes devices from the launcher and the environment", at: context.legacyKeyLocation(key))
        }
        for key in legacyKeys where context.legacy.contains(key) { context.consume(key) }
    }
}
