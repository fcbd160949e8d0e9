import HookMigrateCore

/// MMCV 1.7.2's optimizer hooks (`mmcv/runner/hooks/optimizer.py`) as their constructors and their first step
/// read `optimizer_config`, and a top-level `fp16` that mmdet-style train scripts merged into it
/// (`Fp16OptimizerHook(**optimizer_config, **fp16, distributed=…)`). The one reading of what they accept and
/// refuse: the optimizer rule converts the accepted arguments and reports each refusal as a manual step;
/// the simulated legacy runner refuses the same configs, so their proof is "not proven".
public enum LegacyOptimizerHook {
    /// The hooks with a known MMEngine counterpart and the keyword arguments their constructors take
    /// (`DistOptimizerHook` is mmcls 0.x's and mmdet 2.x's deprecated variant; its arguments differ per
    /// package, so an unexpected one is not a refusal).
    public static let keywords: [String: [String]] = [
        "OptimizerHook": ["grad_clip", "detect_anomalous_params"],
        "DistOptimizerHook": ["grad_clip", "detect_anomalous_params", "coalesce", "bucket_size_mb"],
        "GradientCumulativeOptimizerHook": ["cumulative_iters", "grad_clip", "detect_anomalous_params"],
        "Fp16OptimizerHook": ["grad_clip", "coalesce", "bucket_size_mb", "loss_scale", "distributed"],
        "GradientCumulativeFp16OptimizerHook": ["cumulative_iters", "grad_clip", "coalesce", "bucket_size_mb", "loss_scale", "distributed"],
    ]

    /// Arguments the hooks store but do not use with torch ≥ 1.6.
    public static let unusedKeywords = ["coalesce", "bucket_size_mb", "distributed"]

    /// `torch.cuda.amp.GradScaler`'s arguments: what a dict `loss_scale` may hold.
    public static let gradScalerKeywords = ["init_scale", "growth_factor", "backoff_factor", "growth_interval", "enabled"]

    /// `torch.nn.utils.clip_grad_norm_`'s keyword arguments: what `grad_clip` may hold.
    public static let clipGradNormKeywords = ["max_norm", "norm_type", "error_if_nonfinite"]

    /// The keys of `optimizer_config` and `fp16` that `Fp16OptimizerHook(**optimizer_config, **fp16,
    /// distributed=…)` accepts (besides `distributed`, which the script passes itself).
    public static let mergedFp16Keywords = ["grad_clip", "coalesce", "bucket_size_mb", "loss_scale"]

    /// Whether a hook type refuses an argument it does not take (MMCV's own hooks do; `DistOptimizerHook`'s
    /// arguments are the package's).
    public static func refusesUnknownArguments(_ type: String) -> Bool { type != "DistOptimizerHook" }

    /// Why a `grad_clip` mapping fails at the first optimizer step (the hook passes it to
    /// `clip_grad_norm_(params, **grad_clip)`: TypeError), or nil when it works.
    public static func gradClipRefusal(_ gradClip: ConfigMapping) -> String? {
        if gradClip.isEmpty { return "grad_clip is empty: MMCV called clip_grad_norm_ without max_norm (TypeError at the first step)" }
        let unknown = gradClip.entries.compactMap { entry -> String? in
            let key = entry.key.stringValue ?? entry.key.description
            return clipGradNormKeywords.contains(key) ? nil : "`\(key)`"
        }
        guard unknown.isEmpty, gradClip.contains("max_norm") else {
            let what = unknown.isEmpty ? "no max_norm" : "no argument \(unknown.joined(separator: ", "))"
            return "grad_clip is passed to torch's clip_grad_norm_ as keywords, which has \(what): MMCV raised TypeError at the first step"
        }
        return nil
    }

    /// Why an Fp16 hook's `loss_scale` is refused when the hook is built, or nil for a float, `'dynamic'` or
    /// a dict of GradScaler arguments. An int: ValueError; a dict with another key: TypeError.
    public static func lossScaleRefusal(_ lossScale: ConfigNode) -> String? {
        switch lossScale.value {
        case .scalar(.int(let value)):
            return "loss_scale is the int \(value): MMCV's Fp16OptimizerHook accepts only a float, 'dynamic' or a dict and raised ValueError when it was built"
        case .mapping(let mapping):
            for entry in mapping.entries {
                let key = entry.key.stringValue ?? entry.key.description
                guard gradScalerKeywords.contains(key) else {
                    return "a dict loss_scale holds GradScaler arguments; `\(key)` is not one (MMCV raised TypeError when it built the hook)"
                }
            }
            return nil
        default:
            return nil
        }
    }

    /// Why a key of the merged `Fp16OptimizerHook(**optimizer_config, **fp16, distributed=…)` raised
    /// TypeError, or nil: a key in both mappings (given twice), `distributed` (the script passes it), or a
    /// key the hook does not take.
    public static func mergedFp16Refusal(_ name: String, inConfig: Bool, inFp16: Bool) -> String? {
        if inConfig && inFp16 { return "`\(name)` is set in both optimizer_config and fp16: mmdet-style train scripts raised TypeError (a keyword given twice)" }
        if name == "distributed" { return "`distributed` cannot go into Fp16OptimizerHook(**optimizer_config, **fp16): mmdet-style train scripts raised TypeError (the train script passes `distributed` itself, so it was given twice)" }
        if !mergedFp16Keywords.contains(name) { return "`\(name)` cannot go into Fp16OptimizerHook(**optimizer_config, **fp16): mmdet-style train scripts raised TypeError (Fp16OptimizerHook takes no `\(name)`)" }
        return nil
    }

    /// Every refusal of an `optimizer_config` next to a top-level `fp16`, which the train script merged into an
    /// `Fp16OptimizerHook` as `merge` says (whole, only its `loss_scale` as mmcls 0.x did, or not at all), each
    /// a `rejected` error at its key, in the order MMCV meets them: building the hook, then its first step.
    public static func refusals(_ config: ConfigMapping, fp16 topLevel: ConfigMapping?, merge: LegacyTrainScript.Fp16Merge = .whole) -> [ConfigError] {
        var found: [ConfigError] = []
        let typeNode = config["type"]
        let type = typeNode?.scalar?.stringValue
        var arguments: [(name: String, node: ConfigNode, path: String)] = []
        for entry in config.entries {
            guard let name = entry.key.stringValue, name != "type" else { continue }
            arguments.append((name, entry.value, "optimizer_config.\(name)"))
        }
        var fp16Hook = type?.hasSuffix("Fp16OptimizerHook") == true
        var fp16 = merge.reads(hookType: type) ? topLevel : nil
        if merge == .lossScaleOnly, let whole = fp16 {
            guard let lossScale = whole.entries.first(where: { $0.key.stringValue == "loss_scale" }) else {
                return [ConfigError(.rejected, "fp16 has no loss_scale: mmcls 0.x's train script read fp16['loss_scale'] (KeyError)", at: whole.entries.first?.keyLocation)]
            }
            fp16 = ConfigMapping([lossScale])
        }
        if let type, fp16 != nil {
            // The script built Fp16OptimizerHook(**optimizer_config, …) whatever the type: it never got past it.
            return [ConfigError(.rejected, "`optimizer_config.type` (\(type)) next to a top-level fp16: the train script built Fp16OptimizerHook(**optimizer_config, …) whatever the type, and Fp16OptimizerHook takes no argument `type` (TypeError)", at: typeNode?.location)]
        }
        if type == nil, let fp16 {
            fp16Hook = true
            let configNames = Set(arguments.map(\.name))
            let fp16Names = Set(fp16.entries.compactMap(\.key.stringValue))
            for entry in fp16.entries {
                guard let name = entry.key.stringValue else { continue }
                if let reason = mergedFp16Refusal(name, inConfig: configNames.contains(name), inFp16: fp16Names.contains(name)) {
                    found.append(ConfigError(.rejected, reason, at: entry.value.location))
                } else {
                    arguments.append((name, entry.value, "fp16.\(name)"))
                }
            }
            for argument in arguments where argument.path.hasPrefix("optimizer_config.") && !fp16Names.contains(argument.name) {
                if let reason = mergedFp16Refusal(argument.name, inConfig: true, inFp16: false) {
                    found.append(ConfigError(.rejected, reason, at: argument.node.location))
                }
            }
        } else if let type, let accepted = keywords[type], refusesUnknownArguments(type) {
            for argument in arguments where !accepted.contains(argument.name) {
                found.append(ConfigError(.rejected, "\(type) takes no argument `\(argument.name)` (MMCV raises TypeError when it builds the hook)", at: argument.node.location))
            }
        }
        if fp16Hook, let lossScale = arguments.first(where: { $0.name == "loss_scale" }), let reason = lossScaleRefusal(lossScale.node) {
            found.append(ConfigError(.rejected, reason, at: lossScale.node.location))
        }
        if let gradClip = arguments.first(where: { $0.name == "grad_clip" }), let mapping = gradClip.node.mapping, let reason = gradClipRefusal(mapping) {
            found.append(ConfigError(.rejected, "at run time: \(reason)", at: gradClip.node.location))
        }
        return found
    }
}
