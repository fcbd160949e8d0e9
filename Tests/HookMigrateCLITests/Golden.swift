import Foundation
import Testing

/// Golden files under fixtures/: compared byte for byte. `HOOKMIGRATE_RECORD=1 swift test` rewrites a
/// golden that differs (or is missing), and the test still fails, so a recording run never passes.
enum Golden {
    static var recording: Bool { ProcessInfo.processInfo.environment["HOOKMIGRATE_RECORD"] == "1" }

    static func assertMatches(_ actual: String, golden relativePath: String,
                              sourceLocation: SourceLocation = #_sourceLocation) {
        let path = CLIRunner.projectRoot + "/" + relativePath
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
}
