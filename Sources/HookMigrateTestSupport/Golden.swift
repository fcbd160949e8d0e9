import Foundation
import Testing

/// Golden files under fixtures/: compared byte for byte. `HOOKMIGRATE_RECORD=1 swift test` rewrites a
/// golden that differs (or is missing), and the test still fails, so a recording run never passes.
public enum Golden {
    /// The project root (where Package.swift is).
    public static let projectRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        .deletingLastPathComponent().deletingLastPathComponent().path

    /// Whether this run records goldens.
    public static var recording: Bool { ProcessInfo.processInfo.environment["HOOKMIGRATE_RECORD"] == "1" }

    /// Checks `actual` against the golden file at `relativePath` (from the project root).
    public static func assertMatches(_ actual: String, golden relativePath: String,
                                     sourceLocation: SourceLocation = #_sourceLocation) {
        let path = projectRoot + "/" + relativePath
        let expected = FileManager.default.contents(atPath: path).map { String(decoding: $0, as: UTF8.self) }
        if expected == actual { return }
        if recording {
            let directory = (path as NSString).deletingLastPathComponent
            try? FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
            FileManager.default.createFile(atPath: path, contents: Data(actual.utf8))
            Issue.record("recorded \(relativePath); review the change and run the tests again without HOOKMIGRATE_RECORD", sourceLocation: sourceLocation)
        } else if expected == nil {
            Issue.record("missing golden \(relativePath); run HOOKMIGRATE_RECORD=1 swift test to create it", sourceLocation: sourceLocation)
        } else {
            Issue.record("output differs from golden \(relativePath) (HOOKMIGRATE_RECORD=1 rewrites it):\n\(actual)", sourceLocation: sourceLocation)
        }
    }

    /// The sorted names of the sub-directories of a fixtures directory.
    public static func cases(in relativeDirectory: String) -> [String] {
        let path = projectRoot + "/" + relativeDirectory
        let names = (try? FileManager.default.contentsOfDirectory(atPath: path)) ?? []
        return names.filter { name in
            var isDirectory: ObjCBool = false
            return FileManager.default.fileExists(atPath: path + "/" + name, isDirectory: &isDirectory) && isDirectory.boolValue
        }.sorted()
    }
}
