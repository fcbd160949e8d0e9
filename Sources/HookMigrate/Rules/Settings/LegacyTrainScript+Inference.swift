import HookMigrateCore
import HookMigrateRuntime

extension LegacyTrainScript {
    /// The train script a legacy config ran under, from its package: mmedit (the `optimizers` key, or the
    /// inferred package), mmgen, mmseg, mmcls (the inferred package), otherwise mmdet's kind. The optimizer rule and
    /// the validator's simulated run both ask it.
    static func inferred(_ legacy: ConfigMapping, inference: PackageInference? = nil) -> LegacyTrainScript {
        if legacy["optimizers"].map({ !$0.isNull }) == true { return .mmedit }
        switch Set((inference ?? LegacyCodebase.infer(legacy)).codebases) {
        case [.mmedit]: return .mmedit
        case [.mmgen]: return .mmgen
        case [.mmseg]: return .mmseg
        case [.mmcls]: return .mmcls
        default: return .standard
        }
    }
}
