import Foundation

/// The real-config corpus: `../shared/corpus` beside the project, or `$HOOKMIGRATE_CORPUS`.
enum CorpusLocator {
    static var root: String {
        if let override = ProcessInfo.processInfo.environment["HOOKMIGRATE_CORPUS"], !override.isEmpty {
            return override
        }
        let projectRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        return projectRoot.deletingLastPathComponent().appendingPathComponent("shared/corpus").path
    }

    /// Every file under `root/sub` with the extension, sorted.
    static func files(_ sub: String, ext: String) -> [String] {
        let base = root + "/" + sub
        guard let walker = FileManager.default.enumerator(atPath: base) else { return [] }
        var found: [String] = []
        while let relative = walker.nextObject() as? String {
            if relative.hasSuffix("." + ext) { found.append(base + "/" + relative) }
        }
        return found.sorted()
    }
}
