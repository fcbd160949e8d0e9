import FuzzSupport
import HookMigrateCore

/// The YAML reader: any bytes give a node or a located `ConfigError`; a node read back from the YAML and
/// JSON it writes is the same node.
@_cdecl("FuzzYAML_main")
public func fuzzYAMLMain(_ argc: CInt, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?) -> CInt {
    runFuzzer(argc, argv) { data, count in fuzzYAML(data, count) }
}

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzYAML(_ data: UnsafePointer<UInt8>?, _ count: Int) -> CInt {
    guard let data else { return 0 }
    let bytes = Array(UnsafeBufferPointer(start: data, count: count))
    do {
        let source = try SourceText(path: "fuzz.yaml", bytes: bytes)
        let node = try YAMLReader(limits: FuzzLimits.small).read(source)
        RoundTrip.check(node, through: [.yaml])
    } catch let error as ConfigError {
        checkLocated(error, entry: "fuzz")
    } catch {
        fuzzInvariant(false, "unexpected error type: \(error)")
    }
    return 0
}
