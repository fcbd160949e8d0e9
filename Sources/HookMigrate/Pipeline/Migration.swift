import HookMigrateCore
import HookMigrateRuntime

/// The library's entry points: what `hookmigrate convert FILE` and `hookmigrate verify LEGACY NEW` do, as
/// calls a migration script makes.
///
/// ```swift
/// let result = try Migration.convert(file: "configs/retinanet_r50_fpn_1x_coco.py")
/// print(try result.text(.py))              // the MMEngine config
/// print(result.reportText())                // every change, warning and manual step, then the verdict
/// if result.proof?.status != .proven { … }  // not equivalent, not proven, or something left out
/// ```
///
/// The one options type is `MigrationOptions`: it holds the epoch length (`itersPerEpoch`, the real train
/// dataloader's length when known), and the proof is made with the same settings as the conversion
/// (`ProofOptions(migration:)`), so a conversion is never proven under settings it was not made with.
public enum Migration {
    /// Reads `file` (`.py`, `.yaml`, `.yml` or `.json`, its `_base_` files resolved as MMCV 1.7.2 does),
    /// converts it and, when `prove` is set and the input is a legacy config, proves the conversion.
    /// Throws a located `ConfigError` for input that cannot be read or converted.
    public static func convert(file: String, options: MigrationOptions = MigrationOptions(), prove: Bool = true) throws -> ConversionResult {
        try convert(try ConfigLoader().load(file), options: options, prove: prove)
    }

    /// Converts (and proves) a config already loaded.
    public static func convert(_ loaded: LoadedConfig, options: MigrationOptions = MigrationOptions(), prove: Bool = true) throws -> ConversionResult {
        let translation = try Translator(options: options).translate(loaded)
        var proof: ProofResult?
        if prove, !translation.isAlreadyMMEngine, let converted = translation.config.mapping {
            proof = ConversionProof(options: ProofOptions(migration: options))
                .prove(legacy: loaded.root, converted: converted, name: loaded.files.first ?? "", report: translation.report)
        }
        return ConversionResult(loaded: loaded, translation: translation, proof: proof)
    }

    /// Proves any MMEngine config `new` (a hand migration, an official one, a conversion) against the legacy
    /// config `legacy`, as `hookmigrate verify` does. Throws `wrong-config-world` when `legacy` is not an
    /// MMCV 1.x config or `new` not an MMEngine one.
    public static func verify(legacy: String, new: String, options: ProofOptions = ProofOptions()) throws -> ProofResult {
        let loader = ConfigLoader()
        return try verify(legacy: try loader.load(legacy), new: try loader.load(new), name: new, options: options)
    }

    /// `verify(legacy:new:options:)` on configs already loaded; `name` names the new config in the proof.
    public static func verify(legacy: LoadedConfig, new: LoadedConfig, name: String, options: ProofOptions = ProofOptions()) throws -> ProofResult {
        try ConfigPair.check(legacy: legacy, new: new)
        return ConversionProof(options: options).prove(legacy: legacy.root, converted: new.root, name: name)
    }
}

/// A converted config, its report and its proof.
public struct ConversionResult: Sendable {
    /// The legacy config as read, `_base_` resolved.
    public let loaded: LoadedConfig
    /// The converted config and the report of every change.
    public let translation: TranslationResult
    /// The proof; `nil` when not asked for, or when the input was already an MMEngine config.
    public let proof: ProofResult?

    /// The converted config.
    public var config: ConfigNode { translation.config }

    /// The report: changes, warnings, manual steps and non-equivalences.
    public var report: MigrationReport { translation.report }

    /// The converted config written in `format` (`.py` as MMEngine-style `dict(...)` Python).
    public func text(_ format: ConfigFormat) throws -> String {
        try format.write(translation.config)
    }

    /// The report as `hookmigrate convert` prints it: the records, then the verdict.
    public func reportText() -> String {
        ReportRenderer.text(translation.report) + (proof.map { "\n" + ValidationRenderer.text($0) } ?? "")
    }
}
