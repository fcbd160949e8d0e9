import HookMigrateCore

/// One fuzz input read as a set of config files in memory.
///
/// An input that starts with `@@ ` holds several files, each opened by a header line `@@ NAME` (NAME a
/// relative path ending in .yaml, .yml, .json or .py); the first is the entry file. Any other input is
/// the single file `main.yaml` (or `main.json`/`main.py`, as the target chooses).
public struct FuzzInput {
    /// The entry file's path.
    public var entry: String
    /// Every file by path.
    public var files: [String: String]

    /// Splits `bytes` into files; `nil` when the bytes are not UTF-8 (the readers' own UTF-8 check is
    /// fuzzed through `SourceText` by the single-file targets).
    public init?(_ bytes: UnsafeRawBufferPointer, defaultName: String) {
        guard let text = String(validating: bytes, as: UTF8.self) else { return nil }
        guard text.hasPrefix("@@ ") else {
            entry = defaultName
            files = [defaultName: text]
            return
        }
        var files: [String: String] = [:]
        var order: [String] = []
        var name: String?
        var body: [Substring] = []
        func flush() {
            if let name, files[name] == nil {
                files[name] = body.joined(separator: "\n")
                order.append(name)
            }
            body = []
        }
        for line in text.split(separator: "\n", omittingEmptySubsequences: false) {
            if line.hasPrefix("@@ ") {
                flush()
                let candidate = String(line.dropFirst(3))
                name = candidate.isEmpty ? nil : candidate
            } else {
                body.append(line)
            }
        }
        flush()
        guard let first = order.first else { return nil }
        entry = first
        self.files = files
    }

    /// The files as a loader source.
    public var source: MemoryFileSource { MemoryFileSource(files) }
}

/// A fuzz-found failure of an invariant (not a crash of the code under test): stops the run so libFuzzer
/// keeps the input.
public func fuzzInvariant(_ condition: Bool, _ message: @autoclosure () -> String) {
    if !condition {
        let text = Array("fuzz invariant failed: \(message())\n".utf8)
        _ = text.withUnsafeBytes { write(2, $0.baseAddress, $0.count) }
        abort()
    }
}

/// Every error names a place in a file, except those about the entry file itself (named on the command
/// line: its extension, or that it cannot be read), which have none.
public func checkLocated(_ error: ConfigError, entry: String) {
    let aboutEntry = [.unsupportedFormat, .fileUnreadable, .sizeLimit].contains(error.code) && error.message.contains(entry)
    fuzzInvariant(error.location != nil || aboutEntry, "unlocated error: \(error)")
}

#if canImport(Glibc)
import Glibc
#endif
