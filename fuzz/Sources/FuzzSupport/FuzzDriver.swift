import CFuzzDriver

/// Runs libFuzzer with the process's arguments over `body` (libFuzzer's own flags: `-runs=`,
/// `-max_total_time=`, `-dict=`, corpus folders …).
public func runFuzzer(_ argc: CInt, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?,
                      _ body: @convention(c) (UnsafePointer<UInt8>?, Int) -> CInt) -> CInt {
    var count = argc
    var arguments = argv
    return LLVMFuzzerRunDriver(&count, &arguments, body)
}
