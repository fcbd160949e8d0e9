import HookMigrate
import HookMigrateCore
import HookMigrateTestSupport
import Testing

/// The proof kills every behaviour-changing mutant of the README example's conversion (docs/mutation-score.md
/// has the score over the fixtures and the corpus, `hookmigrate-bench mutation-score`).
@Suite struct MutationScoreTests {
    @Test func everyBehaviourChangingMutantOfTheExampleIsKilled() throws {
        let legacy = try ConfigLoader().load(Golden.projectRoot + "/fixtures/examples/retinanet/retinanet_r50_fpn_1x_coco.yaml").root
        let converted = try Translator().translate(legacy, at: SourceLocation(file: "x", line: 1, column: 1)).config.mapping ?? ConfigMapping()
        let judged = MutationScore.judge(legacy: legacy, converted: converted)
        let kinds = Set(judged.map(\.mutant.kind))
        for kind in ["milestone +1", "milestone -1", "warmup end +1", "warmup end -1", "gamma changed", "by_epoch flipped", "scheduler dropped",
                     "scheduler added beyond the default horizon", "checkpoint interval +1", "val interval +1", "log interval +1", "max_keep_ckpts changed",
                     "save_best changed", "rule changed"] {
            #expect(kinds.contains(kind), "no \(kind) mutant")
        }
        let changing = judged.filter { !$0.changedAt.isEmpty }
        #expect(changing.count >= 15)
        for survivor in changing where !survivor.killed {
            Issue.record("\(survivor.mutant.kind) at \(survivor.mutant.site) changes the run at L=\(survivor.changedAt) but verify says: \(survivor.verdict)")
        }
    }
}
