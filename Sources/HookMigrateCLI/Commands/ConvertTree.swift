import ArgumentParser
import Foundation
import HookMigrate
import HookMigrateCore
import HookMigrateRuntime

/// `hookmigrate convert IN_DIR -o OUT_DIR`: the tree mode of `convert`.
struct ConvertTree {
    var input: String
    var output: String
    var options: TreeMigrationOptions
    var report: String?
    var reportFormat: ReportFormat
    var check: Bool
    var policy: ProofExitPolicy
    /// The `--rules` file, an input the report may not replace.
    var rules: String?
    /// `--plots DIR`: the pictures drawn during the migration, written after the tree.
    var plots: TreePlotCollector? = nil

    func run() throws {
        let showProgress = Console.standardErrorIsTerminal
        var progress: (@Sendable (Int, Int) -> Void)?
        if showProgress {
            progress = { done, total in
                if done == total || done % 8 == 0 { Console.progress("hookmigrate: \(done)/\(total) files") }
            }
        }
        try TreeOutput.checkRoots(input: input, output: output)
        let result = try TreeMigration(options: options).run(inputRoot: input, outputRoot: output, progress: progress)
        if showProgress { Console.endProgress() }
        try checkReport(result)
        let summary = TreeSummary(result)
        let summaryText = TreeReportRenderer.summary(summary, result)
        let reportText: String? = try report.map { _ in
            switch reportFormat {
            case .text: return summaryText + "\n" + TreeReportRenderer.reports(result)
            case .json: return try TreeReportRenderer.json(summary, result)
            }
        }
        if check {
            let changes = try TreeOutput.check(result)
            if let report, let reportText { try FileIO.writeAtomically(reportText, to: report) }
            guard changes.isUpToDate else {
                var lines = ["hookmigrate: \(output) is not up to date with \(input):"]
                lines += changes.created.map { "  missing: \($0)" }
                lines += changes.changed.map { "  stale:   \($0)" }
                lines += changes.extra.map { "  extra:   \($0) (not produced by the tree)" }
                Console.printErrorText(lines.joined(separator: "\n"))
                throw ExitCode(ExitStatus.negative)
            }
            Console.printErrorText("hookmigrate: \(output) is up to date (\(changes.unchanged) files)")
            return
        }
        let changes = try TreeOutput.write(result)
        if let report, let reportText {
            try FileIO.writeAtomically(reportText, to: report)
        }
        Console.printErrorText(summaryText + "written: \(changes.created.count) created, \(changes.changed.count) replaced, \(changes.unchanged) unchanged")
        if let plots {
            let written = try plots.write(result)
            Console.printErrorText("plots: \(written) files written to \(plots.folder) (index.html)")
        }
        if !summary.refused.isEmpty { throw ExitCode(ExitStatus.badInput) }
        let status = policy.status(result.files.compactMap { $0.proof?.status })
        if status != ExitStatus.success { throw ExitCode(status) }
    }

    /// Refuses a `--report` that would replace a file of the input tree, a file the tree writes, or the
    /// `--rules` file (`output-conflict`).
    func checkReport(_ result: TreeMigrationResult) throws {
        guard let report else { return }
        // A report that cannot be written fails now, before the tree is written.
        _ = try OutputTarget.resolve(report)
        guard OutputTarget.writesRegularFile(report) else { return }
        let inputs = result.files.map { input + "/" + $0.path } + (rules.map { [$0] } ?? [])
        if let clash = inputs.first(where: { OutputTarget.sameFile(report, $0) }) {
            throw ConfigError(.outputConflict, "--report \(report) is the input file \(clash); writing the report would destroy it. Choose another file")
        }
        let outputs = result.files.filter { $0.text != nil }.map { output + "/" + $0.outputPath }
        if let clash = outputs.first(where: { OutputTarget.sameFile(report, $0) }) {
            throw ConfigError(.outputConflict, "--report \(report) is \(clash), a file of the converted tree; the report and the config would replace each other. Choose another file")
        }
    }
}
