import Foundation
@testable import HookMigrate
import HookMigrateCore
import HookMigrateRuntime
import HookMigrateTestSupport
import Testing

/// A proof that does not explore every stream (`ProofOptions.exploresStreams = false`, the tree mode without
/// a report) reaches the same verdict and first divergence, names the other streams "not compared", and runs
/// no length after the first that is not equivalent.
@Suite struct StreamExplorationTests {
    static func proof(_ fixture: String, explore: Bool) throws -> ProofResult {
        let directory = "fixtures/convert/" + fixture
        let loaded = try ConvertFixture.loader.load(ConvertFixture.input(directory))
        let options = try ConvertFixture.options(directory)
        let converted = try Translator(options: options).translate(loaded).config.mapping ?? ConfigMapping()
        var proofOptions = ProofOptions(migration: options)
        proofOptions.exploresStreams = explore
        return ConversionProof(options: proofOptions).prove(legacy: loaded.root, converted: converted, name: fixture)
    }

    @Test(arguments: ["eval-start-misaligned", "ckpt-epoch-by-iter", "lr-cosine-linear-epoch", "ckpt-interval"])
    func theVerdictIsTheSameWithoutExploring(_ fixture: String) throws {
        let explored = try Self.proof(fixture, explore: true)
        let first = try Self.proof(fixture, explore: false)
        #expect(first.outcome == explored.outcome)
        #expect(first.exactOnlyAt == explored.exactOnlyAt)
        guard case .notEquivalent(let divergence, _) = explored.outcome else {
            // Equivalent: nothing to explore, the same lengths and states either way.
            #expect(first.runs.map(\.outcome) == explored.runs.map(\.outcome))
            #expect(first.streams == explored.streams)
            #expect(first.unrunLengthsReason == nil)
            return
        }
        // The lengths up to the first that is not equivalent, and none after it.
        let decisive = try #require(explored.runs.firstIndex { if case .notEquivalent = $0.outcome { return true } else { return false } })
        #expect(first.runs.map(\.outcome) == explored.runs[...decisive].map(\.outcome))
        #expect(explored.unrunLengthsReason == nil)
        if decisive + 1 < explored.plan.lengths.count {
            #expect(first.unrunLengthsReason == "the verdict was decided at L=\(explored.runs[decisive].length.itersPerEpoch)")
            #expect(TreeSummary.lengthsKey(first).hasSuffix("(then stopped: not equivalent, which no other L changes)"))
        }
        let stream = try #require(ComparedStream(name: divergence.stream))
        for state in first.streams {
            if state.stream == stream {
                #expect(state.status == .differs)
            } else {
                #expect(state.status == .notCompared, "\(state.stream)")
            }
        }
    }
}
