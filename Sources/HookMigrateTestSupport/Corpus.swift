import Foundation
import Testing

/// The real-config corpus (`../shared/corpus` beside the project, or `$HOOKMIGRATE_CORPUS`), which a clone
/// of the project does not have. Tests that read it are enabled with `Corpus.enabled`: they run when the
/// corpus is there, and are skipped with `Corpus.skipNote` when it is not — unless
/// `HOOKMIGRATE_REQUIRE_CORPUS=1` (set by `.ci/run`), which runs them anyway so that a missing corpus fails CI.
public enum Corpus {
    /// The corpus folder.
    public static var root: String {
        if let override = ProcessInfo.processInfo.environment["HOOKMIGRATE_CORPUS"], !override.isEmpty { return override }
        return (Golden.projectRoot as NSString).deletingLastPathComponent + "/shared/corpus"
    }

    /// Whether the corpus is there (its `legacy/` folder exists).
    public static var isPresent: Bool { FileManager.default.fileExists(atPath: root + "/legacy") }

    /// Whether a missing corpus must fail the tests (`HOOKMIGRATE_REQUIRE_CORPUS=1`).
    public static var isRequired: Bool { ProcessInfo.processInfo.environment["HOOKMIGRATE_REQUIRE_CORPUS"] == "1" }

    /// The condition of a corpus-backed suite or test.
    public static var enabled: Bool { isPresent || isRequired }

    /// Why a corpus-backed test was skipped.
    public static var skipNote: Comment {
        "skipped: the real-config corpus is not at \(root) (set HOOKMIGRATE_CORPUS, or HOOKMIGRATE_REQUIRE_CORPUS=1 to fail instead)"
    }

    /// Every file under `root/sub` with the extension, sorted.
    public static func files(_ sub: String, ext: String) -> [String] {
        let base = root + "/" + sub
        guard let walker = FileManager.default.enumerator(atPath: base) else { return [] }
        var found: [String] = []
        while let relative = walker.nextObject() as? String {
            if relative.hasSuffix("." + ext) { found.append(base + "/" + relative) }
        }
        return found.sorted()
    }
}
