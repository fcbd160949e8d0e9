import Foundation
import Testing
@testable import HookMigrateCore

/// A fresh temporary directory with helpers to write files into it; removed on deinit.
final class TempDir {
    let path: String

    init() {
        path = NSTemporaryDirectory() + "hookmigrate-tests-" + UUID().uuidString
        try? FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
    }

    deinit { try? FileManager.default.removeItem(atPath: path) }

    @discardableResult
    func write(_ relative: String, _ text: String) -> String {
        let full = path + "/" + relative
        let directory = (full as NSString).deletingLastPathComponent
        try? FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        FileManager.default.createFile(atPath: full, contents: Data(text.utf8))
        return full
    }
}

func yaml(_ text: String, path: String = "test.yaml") throws -> ConfigNode {
    try YAMLReader().read(SourceText(path: path, text: text))
}

func json(_ text: String, path: String = "test.json") throws -> ConfigNode {
    try JSONReader().read(SourceText(path: path, text: text))
}

/// The error a throwing expression throws, which must be a `ConfigError`.
func configError(_ body: () throws -> Any) -> ConfigError? {
    do {
        _ = try body()
        return nil
    } catch let error as ConfigError {
        return error
    } catch {
        Issue.record("expected a ConfigError, got \(error)")
        return nil
    }
}

extension ConfigNode {
    subscript(_ key: String) -> ConfigNode? { mapping?[key] }
    subscript(_ index: Int) -> ConfigNode? {
        guard let list, list.items.indices.contains(index) else { return nil }
        return list.items[index]
    }
}
