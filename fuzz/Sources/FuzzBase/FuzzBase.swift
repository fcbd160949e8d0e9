import FuzzSupport
import HookMigrateCore

/// `_base_` resolution over in-memory files (`@@ NAME` headers, `FuzzInput`): any set of files gives a
/// resolved config or a located `ConfigError`; loading twice through one cache gives the same config.
@_cdecl("FuzzBase_main")
public func fuzzBaseMain(_ argc: CInt, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?) -> CInt {
    runFuzzer(argc, argv) { data, count in fuzzBase(data, count) }
}

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzBase(_ data: UnsafePointer<UInt8>?, _ count: Int) -> CInt {
    guard let data else { return 0 }
    guard let input = FuzzInput(UnsafeRawBufferPointer(start: data, count: count), defaultName: "main.yaml") else { return 0 }
    let cache = ConfigLoadCache()
    let loader = ConfigLoader(limits: FuzzLimits.small, source: input.source, cache: cache)
    do {
        let first = try loader.load(input.entry)
        let again = try loader.load(input.entry)
        fuzzInvariant(first == again, "a cached load differs from the first load")
        let uncached = try ConfigLoader(limits: FuzzLimits.small, source: input.source).load(input.entry)
        fuzzInvariant(first == uncached, "the cached load differs from an uncached one")
    } catch let error as ConfigError {
        checkLocated(error, entry: input.entry)
    } catch {
        fuzzInvariant(false, "unexpected error type: \(error)")
    }
    return 0
}
