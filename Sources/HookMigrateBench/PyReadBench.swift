import Foundation
import HookMigrateCore

/// `hookmigrate-bench py-read DIR [--repeat N]`: loads every `.py` file under DIR with `ConfigLoader` (its
/// `_base_` files resolved, each file read once per run through one `ConfigLoadCache`, as a tree run reads
/// its input), on one thread, and prints the median time and the throughput. It times the Python front end
/// (tokenizer, parser, evaluator, converter) and the inheritance merge, which a tree run spends on its input
/// and again on reading back what it wrote.
enum PyReadBench {
    static func run(_ arguments: [String]) throws -> Int32 {
        let directory = arguments[2]
        let repeats = argument("--repeat", 5)
        guard let walker = FileManager.default.enumerator(atPath: directory) else {
            throw ConfigError(.fileUnreadable, "cannot list \(directory)")
        }
        var paths: [String] = []
        while let relative = walker.nextObject() as? String {
            if relative.hasSuffix(".py") { paths.append(directory + "/" + relative) }
        }
        paths.sort()
        let bytes = try paths.reduce(0) { $0 + (try FileManager.default.attributesOfItem(atPath: $1)[.size] as? Int ?? 0) }
        var times: [Double] = []
        var refused = 0
        for _ in 0..<max(1, repeats) {
            refused = 0
            times.append(seconds {
                let loader = ConfigLoader(cache: ConfigLoadCache())
                for path in paths {
                    do { _ = try loader.load(path) } catch { refused += 1 }
                }
            })
        }
        times.sort()
        let typical = median(times)
        print("py-read \(directory): \(paths.count) files, \(bytes) bytes, \(refused) refused")
        print(String(format: "median %.1f ms (min %.1f, %d runs), %.1f MB/s, %.0f µs per file", typical * 1000, times[0] * 1000, times.count,
                     Double(bytes) / typical / 1e6, typical / Double(max(1, paths.count)) * 1e6))
        return 0
    }
}
