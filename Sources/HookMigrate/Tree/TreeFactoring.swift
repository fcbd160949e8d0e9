import HookMigrateCore

/// Decides how each file of a tree is written: as `_base_` plus an override, or flat.
enum TreeFactoring {
    /// A file's written content, before rendering.
    struct Factored: Sendable {
        var form: TreeFileResult.Form
        /// What is written besides `_base_`: the override, or the whole target when flat.
        var content: ConfigMapping?
        /// What the file's converted bases give, resolved (when it inherits).
        var bases: ConfigMapping? = nil
    }

    static func factor(_ files: [TreeMigration.Converted], concurrency: Int = 1) -> [Factored] {
        var index: [String: Int] = [:]
        for (position, file) in files.enumerated() { index[file.path] = position }
        // Each file is factored over its bases' conversions alone: the files are independent, so on every core.
        let slots = ResultSlots<Factored>(count: files.count)
        let lookup = index
        TreeRendering.parallel(files.count, concurrency: concurrency) { position in
            slots.set(position, factor(files[position], files: files, index: lookup))
        }
        return slots.values()
    }

    static func factor(_ file: TreeMigration.Converted, files: [TreeMigration.Converted], index: [String: Int]) -> Factored {
        guard file.error == nil, let target = file.target else { return Factored(form: .refused, content: nil) }
        guard !file.bases.isEmpty else { return Factored(form: .flat(reason: nil), content: target) }
        var combined = ConfigMapping()
        var owners: [ConfigScalar: String] = [:]
        var basePaths: [String] = []
        for base in file.bases {
            guard let base else {
                return Factored(form: .flat(reason: "a base lies outside the input folder"), content: target)
            }
            guard let position = index[base], let baseTarget = files[position].target else {
                return Factored(form: .flat(reason: "its base \(base) could not be converted"), content: target)
            }
            for entry in baseTarget.entries {
                if let owner = owners[entry.key] {
                    return Factored(form: .flat(reason: "its bases \(owner) and \(base) both give `\(entry.key.stringValue ?? entry.key.description)` once converted"), content: target)
                }
                owners[entry.key] = base
                combined.appendNew(entry)
            }
            basePaths.append(files[position].outputPath)
        }
        do {
            let override = try ConfigOverride.factor(target, over: combined)
            return Factored(form: .inherits(basePaths), content: override, bases: combined)
        } catch {
            return Factored(form: .flat(reason: "its conversion cannot be written over its converted bases (\(error))"), content: target)
        }
    }
}
