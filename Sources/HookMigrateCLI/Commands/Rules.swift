import ArgumentParser
import HookMigrate

/// `hookmigrate rules`: list the conversion rules, or print docs/rules.md or docs/records.md.
struct Rules: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "List the conversion rules (which rule owns which legacy key).",
        discussion: "With --markdown, prints the mapping table of docs/rules.md, generated from the rules themselves; with --records, the list of report record ids of docs/records.md."
    )

    @Flag(help: "Print the full Markdown mapping table (docs/rules.md).")
    var markdown = false

    @Flag(help: "Print the list of report record ids (docs/records.md).")
    var records = false

    func run() throws {
        if records {
            Console.write(RecordDocumentation.markdown())
            return
        }
        if markdown {
            Console.write(RuleDocumentation.markdown())
            return
        }
        for rule in RuleRegistry.rules {
            Console.printOutput("\(rule.id): \(rule.legacyKeys.joined(separator: ", ")) -> \(rule.newKeys.joined(separator: ", "))")
        }
    }
}
