import FuzzSupport
import HookMigrate
import HookMigrateCore
import HookMigrateRuntime

/// Convert and validate, as `hookmigrate convert` does: load (in-memory `_base_` files), translate, write
/// every format, render both reports, run the proof step on a short workload. Any input gives a result
/// or a located `ConfigError`; nothing traps.
@_cdecl("FuzzConvert_main")
public func fuzzConvertMain(_ argc: CInt, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?) -> CInt {
    runFuzzer(argc, argv) { data, count in fuzzConvert(data, count) }
}

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzConvert(_ data: UnsafePointer<UInt8>?, _ count: Int) -> CInt {
    guard let data else { return 0 }
    guard let input = FuzzInput(UnsafeRawBufferPointer(start: data, count: count), defaultName: "main.yaml") else { return 0 }
    do {
        let loaded = try ConfigLoader(limits: FuzzLimits.small, source: input.source).load(input.entry)
        let result = try Translator(options: MigrationOptions(itersPerEpoch: 3)).translate(loaded)
        for format in ConfigFormat.allCases { _ = try? format.write(result.config) }
        _ = ReportRenderer.text(result.report)
        _ = try? ReportRenderer.json(result.report, validation: nil)
        if let converted = result.config.mapping, KnownOpen.reason(loaded.root, itersPerEpoch: 3) == nil {
            let outcome = Validator(settings: SimulationSettings(itersPerEpoch: 3)).validate(legacy: loaded.root, converted: converted, name: input.entry).outcome
            _ = ValidationRenderer.text(outcome)
        }
    } catch let error as ConfigError {
        checkLocated(error, entry: input.entry)
    } catch {
        fuzzInvariant(false, "unexpected error type: \(error)")
    }
    return 0
}
