import Foundation
import HookMigrate
import HookMigrateCore
import HookMigrateTestSupport
import Testing

/// The rules run in `RuleRegistry.rules` order and read one another's work through the context. Each rule
/// declares what it reads (`MigrationRule.reads`); these tests trace every conversion of the fixtures and of
/// a corpus sample and check that the declarations are true and that the order serves them.
@Suite struct RuleOrderTests {
    /// Every rule's reads and writes over the conversion fixtures and every 5th legacy config of the corpus
    /// (when it is beside the project).
    static let traced: [String: RuleTracer.Access] = {
        let tracer = RuleTracer()
        var translator = Translator()
        translator.tracer = tracer
        var files = Golden.cases(in: ConvertGoldenTests.root).map { ConvertFixture.input(ConvertGoldenTests.root + "/" + $0) }
        files += CorpusConversionTests.legacyJSON().enumerated().filter { $0.offset % 5 == 0 }.map(\.element)
        for file in files {
            guard let loaded = try? ConfigLoader().load(file) else { continue }
            for itersPerEpoch in [nil, 7] as [Int?] {
                translator.options = MigrationOptions(itersPerEpoch: itersPerEpoch)
                _ = try? translator.translate(loaded)
            }
        }
        return tracer.byRule
    }()

    @Test func aRuleReadsOnlyWhatItDeclares() {
        for rule in RuleRegistry.rules {
            let read = Self.traced[rule.id]?.reads ?? []
            let undeclared = read.subtracting(rule.reads)
            #expect(undeclared.isEmpty, "\(rule.id) reads \(undeclared.map(\.description).sorted()) without declaring it in `reads`")
        }
    }

    @Test func noLaterRuleOverwritesWhatAnEarlierOneRead() {
        let rules = RuleRegistry.rules
        for (index, rule) in rules.enumerated() {
            for input in rule.reads {
                for later in rules[(index + 1)...] where Self.traced[later.id]?.writes.contains(input) == true {
                    // A later writer must read the input first: it extends the value, and the earlier reader
                    // saw what there was to see at its turn. Otherwise the order is wrong.
                    #expect(later.reads.contains(input), "\(later.id) writes \(input) after \(rule.id) read it, without reading it: run \(later.id) first")
                }
            }
        }
    }

    @Test func everyDeclaredInputIsWrittenByAnEarlierRuleOrTheRuleItself() {
        let rules = RuleRegistry.rules
        for (index, rule) in rules.enumerated() {
            for input in rule.reads {
                let writers = rules[...index].filter { Self.traced[$0.id]?.writes.contains(input) == true }
                #expect(!writers.isEmpty, "\(rule.id) declares it reads \(input), which no rule up to it writes")
            }
        }
    }

    @Test func theTraceSawTheRulesAtWork() {
        // The runner rule sets the loop facts for the others: a trace without it traced nothing.
        #expect(Self.traced["runner"]?.writes.contains(.loopFacts) == true)
        #expect(Self.traced.count >= RuleRegistry.rules.count - 2)
    }
}
