import FuzzSupport
import HookMigrateCore

/// The `.py` reader (with its `_base_` files through the loader): any bytes give a config or a located
/// `ConfigError`.
@_cdecl("FuzzPython_main")
public func fuzzPythonMain(_ argc: CInt, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?) -> CInt {
    runFuzzer(argc, argv) { data, count in fuzzPython(data, count) }
}

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzPython(_ data: UnsafePointer<UInt8>?, _ count: Int) -> CInt {
    guard let data else { return 0 }
    guard let input = FuzzInput(UnsafeRawBufferPointer(start: data, count: count), defaultName: "main.py") else { return 0 }
    do {
        let loaded = try ConfigLoader(source: input.source).load(input.entry)
        RoundTrip.check(loaded.node)
    } catch let error as ConfigError {
        checkLocated(error, entry: input.entry)
    } catch {
        fuzzInvariant(false, "unexpected error type: \(error)")
    }
    return 0
}
