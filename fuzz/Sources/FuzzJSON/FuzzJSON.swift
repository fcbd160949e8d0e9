import FuzzSupport
import HookMigrateCore

/// The JSON reader: any bytes give a node or a located `ConfigError`; the node survives the writers.
@_cdecl("FuzzJSON_main")
public func fuzzJSONMain(_ argc: CInt, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?) -> CInt {
    runFuzzer(argc, argv) { data, count in fuzzJSON(data, count) }
}

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzJSON(_ data: UnsafePointer<UInt8>?, _ count: Int) -> CInt {
    guard let data else { return 0 }
    let bytes = Array(UnsafeBufferPointer(start: data, count: count))
    do {
        let source = try SourceText(path: "fuzz.json", bytes: bytes)
        let node = try JSONReader(limits: FuzzLimits.small).read(source)
        RoundTrip.check(node, through: [.json])
    } catch let error as ConfigError {
        checkLocated(error, entry: "fuzz")
    } catch {
        fuzzInvariant(false, "unexpected error type: \(error)")
    }
    return 0
}
