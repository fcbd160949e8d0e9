import Dispatch
import HookMigrateCore

/// Turns factored files into text, and checks the texts by resolving them the way MMEngine does.
enum TreeRendering {
    /// The output path of an input path: the same relative path, with the extension of `format` when one
    /// is given (`.yml` stays `.yml` for YAML).
    static func outputPath(_ relative: String, format: ConfigFormat?) -> String {
        guard let format, ConfigFormat(path: relative) != format else { return relative }
        let stem = relative.lastIndex(of: ".").map { String(relative[..<$0]) } ?? relative
        return stem + "." + format.rawValue
    }

    /// The path of `target` relative to the folder of `file` (both relative to one root).
    static func relativePath(from file: String, to target: String) -> String {
        var from = ConfigPaths.steps(file).dropLast().map(String.init)
        var to = ConfigPaths.steps(target).map(String.init)
        while let first = from.first, let other = to.first, first == other, to.count > 1 {
            from.removeFirst()
            to.removeFirst()
        }
        let ups = Array(repeating: "..", count: from.count)
        let joined = (ups + to).joined(separator: "/")
        return ups.isEmpty ? "./" + joined : joined
    }

    /// Renders every file, on every core (each file is independent of the others).
    static func render(_ files: [TreeMigration.Converted], _ factored: [TreeFactoring.Factored], format: ConfigFormat?,
                       concurrency: Int) -> [TreeFileResult] {
        let slots = ResultSlots<TreeFileResult>(count: files.count)
        parallel(files.count, concurrency: concurrency) { index in
            slots.set(index, render(files[index], factored[index], format: format))
        }
        return slots.values()
    }

    static func render(_ file: TreeMigration.Converted, _ written: TreeFactoring.Factored, format: ConfigFormat?) -> TreeFileResult {
        var result = TreeFileResult(path: file.path, outputPath: file.outputPath, role: file.role, form: written.form,
                                    error: file.error, report: file.report, proof: file.proof, text: nil,
                                    legacyBytes: file.legacyBytes)
        if let content = written.content {
            do {
                let (form, text) = try self.text(for: file, form: written.form, content: content, bases: written.bases, format: format)
                result.form = form
                result.text = text
            } catch let error as ConfigError {
                result.form = .refused
                result.error = error
            } catch {
                result.form = .refused
                result.error = ConfigError(.writeFailed, "\(file.outputPath): \(error)")
            }
        }
        return result
    }

    /// Runs `body` for 0..<count on up to `concurrency` threads.
    static func parallel(_ count: Int, concurrency: Int, _ body: @escaping @Sendable (Int) -> Void) {
        let next = Counter()
        LargeStackWork.perform(iterations: min(max(concurrency, 1), max(count, 1))) { _ in
            while true {
                let index = next.increment() - 1
                guard index < count else { break }
                body(index)
            }
        }
    }

    /// The text of one file, and its form with the `_base_` entries as written.
    static func text(for file: TreeMigration.Converted, form: TreeFileResult.Form, content written: ConfigMapping,
                     bases: ConfigMapping? = nil, format: ConfigFormat?) throws -> (TreeFileResult.Form, String) {
        let fileFormat = format ?? ConfigFormat(path: file.path) ?? .yaml
        let (content, shared) = SharedValues.share(written, bases: bases, target: file.target ?? written, names: fileFormat == .py)
        if let text = try render(content, file: file, form: form, format: fileFormat), let resolved = shared.resolve(text.1) {
            return (text.0, resolved)
        }
        // The config holds text that looks like a marker: write every value out.
        guard let text = try render(written, file: file, form: form, format: fileFormat) else {
            throw ConfigError(.writeFailed, "\(file.outputPath): cannot be written")
        }
        return text
    }

    /// The text of one file from its (possibly marked) content.
    static func render(_ content: ConfigMapping, file: TreeMigration.Converted, form: TreeFileResult.Form,
                       format fileFormat: ConfigFormat) throws -> (TreeFileResult.Form, String)? {
        var writtenForm = form
        var entries: [String] = []
        if case .inherits(let bases) = form {
            entries = bases.map { relativePath(from: file.outputPath, to: $0) }
            writtenForm = .inherits(entries)
        }
        let text: String
        switch fileFormat {
        case .py:
            text = try PythonWriter(leadingComment: file.leadingComment).write(ConfigNode(content), bases: entries)
        case .yaml, .json:
            var mapping = ConfigMapping()
            if !entries.isEmpty {
                let value: ConfigNode = entries.count == 1
                    ? ConfigNode(.string(entries[0]))
                    : ConfigNode(ConfigList(entries.map { ConfigNode(.string($0)) }))
                mapping.appendNew(ConfigMapping.Entry(key: .string(ConfigLoader.baseKey), value: value))
            }
            for entry in content.entries { mapping.appendNew(entry) }
            let body = try fileFormat.write(ConfigNode(mapping))
            let comment = fileFormat == .yaml ? file.leadingComment.map { $0 + "\n" } ?? "" : ""
            text = comment + body
        }
        return (writtenForm, text)
    }

    /// Reads every written text back from memory, resolves it with its bases, and compares it with its
    /// target. A file that differs is written flat instead (a flat one that differs is refused) and the
    /// check repeats, since its dependents assumed it resolves to its target. Each round moves a file from
    /// inheriting to flat to refused, so the loop ends. Returns how many written files were checked equal.
    static func check(_ results: inout [TreeFileResult], converted: [TreeMigration.Converted], outputRoot: String,
                      format: ConfigFormat?, concurrency: Int) throws -> Int {
        let prefix = outputRoot == "." ? "" : outputRoot + "/"
        while true {
            var memory = MemoryFileSource()
            for result in results { if let text = result.text { memory.set(prefix + result.outputPath, text) } }
            let loader = ConfigLoader(source: memory, cache: ConfigLoadCache())
            let outcomes = ResultSlots<String?>(count: results.count)
            let snapshot = results
            parallel(results.count, concurrency: concurrency) { position in
                let result = snapshot[position]
                guard result.text != nil, let target = converted[position].target else {
                    outcomes.set(position, nil)
                    return
                }
                do {
                    let resolved = try loader.load(prefix + result.outputPath)
                    outcomes.set(position, resolved.node.firstDifference(from: ConfigNode(target)))
                } catch let error as ConfigError {
                    outcomes.set(position, error.description)
                } catch {
                    outcomes.set(position, "\(error)")
                }
            }
            var failed: [(Int, String)] = []
            var equal = 0
            for (position, reason) in outcomes.values().enumerated() where snapshot[position].text != nil && converted[position].target != nil {
                if let reason { failed.append((position, reason)) } else { equal += 1 }
            }
            if failed.isEmpty { return equal }
            for (position, reason) in failed {
                if results[position].inherits, let target = converted[position].target {
                    let (form, text) = try self.text(for: converted[position], form: .flat(reason: "its factored form did not resolve to its conversion (\(reason))"), content: target, format: format)
                    results[position].form = form
                    results[position].text = text
                } else {
                    // A flat file that does not read back as itself: nothing simpler to fall back to.
                    results[position].form = .refused
                    results[position].text = nil
                    results[position].error = ConfigError(.writeFailed, "\(results[position].outputPath): the written file does not read back as its conversion (\(reason))")
                }
            }
        }
    }
}
