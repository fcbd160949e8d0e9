import HookMigrateCore
import HookMigrateRuntime

extension LegacyTrainScript {
    /// The train script a legacy config ran under, from its package: mmedit (the `optimizers` key, or the
    /// inferred package), mmgen, mmseg, mmcls, mmdet's kind for mmdet and the packages whose scripts were
    /// written like it, and `undetermined` when no single kind is inferred. The optimizer rule and the
    /// validator's simulated run both ask it.
    static func inferred(_ legacy: ConfigMapping, inference: PackageInference? = nil) -> LegacyTrainScript {
        if legacy["optimizers"].map({ !$0.isNull }) == true { return .mmedit }
        switch Set((inference ?? LegacyCodebase.infer(legacy)).codebases) {
        case [.mmedit]: return .mmedit
        case [.mmgen]: return .mmgen
        case [.mmseg]: return .mmseg
        case [.mmcls]: return .mmcls
        case let codebases where !codebases.isEmpty && codebases.isSubset(of: mmdetLike): return .standard
        default: return .undetermined
        }
    }

    /// The packages whose train scripts were written like mmdet 2.x's `train_detector` (`standard`).
    static let mmdetLike: Set<LegacyCodebase> = [.mmdet, .mmaction, .mmpose, .mmrotate, .mmocr, .mmdet3d, .mmtrack, .mmflow]
}
