import Foundation
import HookMigrate
import HookMigrateCore

// migrate-folder IN_DIR OUT_DIR: converts every config of IN_DIR that is not a `_base_` file, writes each
// converted config (same name, `.py`) into OUT_DIR, then verifies each written file against its original and
// prints one line per config. Exits 1 when any config is not proven, 2 on bad input.

let arguments = CommandLine.arguments
guard arguments.count == 3 else {
    FileHandle.standardError.write(Data("usage: migrate-folder IN_DIR OUT_DIR\n".utf8))
    exit(2)
}
let input = arguments[1]
let output = arguments[2]

func configs(under root: String) -> [String] {
    let walker = FileManager.default.enumerator(atPath: root)
    var found: [String] = []
    while let path = walker?.nextObject() as? String {
        let isConfig = [".py", ".yaml", ".yml", ".json"].contains { path.hasSuffix($0) }
        if isConfig, !path.split(separator: "/").contains("_base_") { found.append(path) }
    }
    return found.sorted()
}

var unproven = 0
do {
    try FileManager.default.createDirectory(atPath: output, withIntermediateDirectories: true)
    for path in configs(under: input) {
        let result = try Migration.convert(file: input + "/" + path, prove: false)
        let name = (path as NSString).deletingPathExtension.replacingOccurrences(of: "/", with: "__") + ".py"
        let written = output + "/" + name
        try result.text(.py).write(toFile: written, atomically: true, encoding: .utf8)
        // The written file is proven against its original, as a reviewer would check a hand migration.
        let proof = try Migration.verify(legacy: input + "/" + path, new: written)
        let lengths = proof.provenLengths.map { "L=\($0)" }.joined(separator: ", ")
        print("\(path): \(proof.status.rawValue)" + (lengths.isEmpty ? "" : " (\(lengths))")
              + ", \(result.report.records.count) report records")
        if proof.status != .proven { unproven += 1 }
    }
} catch let error as ConfigError {
    FileHandle.standardError.write(Data("\(error)\n".utf8))
    exit(2)
}
exit(unproven == 0 ? 0 : 1)
