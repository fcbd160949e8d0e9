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
    var requireProof: Bool
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
        let result = try TreeMigration(options: options).run(inputRoot: input, outputRoot: output, progress: progress)
        if showProgress { Console.endProgress() }
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
        if !summary.notEquivalent.isEmpty { throw ExitCode(ExitStatus.negative) }
        if requireProof, !summary.notProven.isEmpty { throw ExitCode(ExitStatus.negative) }
    }
}
