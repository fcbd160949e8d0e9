import HookMigrateCore

/// The checks every command makes before it writes: `-o` and `--report` may not name a file the run
/// reads (the config, any of its bases, a `--rules` file) or each other, since writing it would destroy
/// an input or one output. `--in-place` allows `-o` to name an input, which is then kept as `FILE.orig`.
///
/// Paths are compared as files (same device and inode, links followed), so `./a.yaml`, `a.yaml` and a
/// link to it are one file. Devices and FIFOs (`/dev/null`, `/dev/stdout`) are written through, never
/// replaced, and may be named more than once.
struct OutputConflicts {
    /// Every file the run reads.
    var inputs: [String]
    /// The converted config's path (`nil`: standard output).
    var output: String?
    /// The report's path (`nil`: standard error).
    var report: String?
    /// Whether `--in-place` was given.
    var inPlace: Bool

    /// An input to keep before it is replaced.
    struct Backup: Equatable {
        /// The input file.
        var original: String
        /// Where its old content goes: `original` + `.orig`.
        var backup: String
    }

    /// Refuses a conflict (`output-conflict`); returns the backups `--in-place` needs.
    func check() throws -> [Backup] {
        if let output, let report, OutputTarget.writesRegularFile(output), OutputTarget.sameFile(output, report) {
            throw ConfigError(.outputConflict, "-o and --report both name \(output); the report would replace the converted config. Give them different files")
        }
        if let report, OutputTarget.writesRegularFile(report), let input = inputs.first(where: { OutputTarget.sameFile(report, $0) }) {
            throw ConfigError(.outputConflict, "--report \(report) is \(describe(input)), which this run reads; writing the report would destroy it. Choose another file")
        }
        guard let output, OutputTarget.writesRegularFile(output),
              let input = inputs.first(where: { OutputTarget.sameFile(output, $0) }) else { return [] }
        guard inPlace else {
            throw ConfigError(.outputConflict, "-o \(output) is \(describe(input)), which this run reads; writing it would replace the input. Choose another file, or give --in-place to replace it and keep the old content as \(output).orig")
        }
        let backup = Backup(original: output, backup: output + ".orig")
        if let clash = (inputs + (report.map { [$0] } ?? [])).first(where: { OutputTarget.sameFile(backup.backup, $0) }) {
            throw ConfigError(.outputConflict, "--in-place would keep the old \(output) as \(backup.backup), but that is \(clash == report ? "the --report file" : describe(clash)); rename it first")
        }
        return [backup]
    }

    /// "the input config x.yaml", "the base config b.yaml" ….
    func describe(_ input: String) -> String {
        input == inputs.first ? "the input config \(input)" : "the input file \(input)"
    }
}
