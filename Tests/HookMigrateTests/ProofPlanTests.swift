import HookMigrate
import HookMigrateCore
import HookMigrateTestSupport
import Testing

/// The workloads a proof chooses (docs/equivalence.md, "Workloads"): every iteration boundary either config
/// names lies inside at least one simulated run.
@Suite struct ProofPlanTests {
    static func load(_ path: String) throws -> ConfigMapping {
        try ConfigLoader().load(Golden.projectRoot + "/" + path).root
    }

    @Test func theReadmeExamplesPlanPassesTheEndOfItsWarmup() throws {
        let legacy = try Self.load("fixtures/examples/mmdet/retinanet/retinanet_r50_fpn_1x_coco.py")
        let converted = try Translator().translate(legacy, at: SourceLocation(file: "x", line: 1, column: 1)).config.mapping ?? ConfigMapping()
        let plan = ProofPlan.make(legacy: legacy, new: converted, given: nil)
        #expect(plan.lengths.map(\.itersPerEpoch) == [1, 7, 52])
        #expect(plan.boundaries.contains { $0.source == "lr_config.warmup_iters" && $0.iteration == 500 })
        #expect(plan.boundaries.contains { $0.source == "param_scheduler[0].end" && $0.iteration == 501 })
        // Every boundary lies inside the longest run, with the boundary's next iteration too.
        let longest = (plan.lengths.map(\.itersPerEpoch).max() ?? 0) * (plan.epochs ?? 0)
        for boundary in plan.boundaries where boundary.scope == .run {
            #expect(boundary.iteration + 2 <= longest, "\(boundary.description) is beyond the longest run (\(longest) iterations)")
        }
        let proof = ConversionProof().prove(legacy: legacy, converted: converted)
        #expect(proof.status == .proven)
        #expect(proof.provenLengths == [1, 7, 52])
    }

    @Test func aGivenLengthComesFirstAndDecides() throws {
        let legacy = try Self.load("fixtures/examples/mmdet/retinanet/retinanet_r50_fpn_1x_coco.py")
        let converted = try Translator().translate(legacy, at: SourceLocation(file: "x", line: 1, column: 1)).config.mapping ?? ConfigMapping()
        let plan = ProofPlan.make(legacy: legacy, new: converted, given: 7330)
        #expect(plan.lengths.first?.itersPerEpoch == 7330)
        #expect(plan.lengths.first?.reason == .given)
        // 7330 already passes every boundary: no longer length is added.
        #expect(!plan.lengths.contains { $0.reason == .reach })
    }

    @Test func aMilestoneMovedPastTheOldDefaultHorizonIsCaught() throws {
        // An iteration milestone at 200 of a 12-epoch run: beyond 12 × 10 = 120, the old default workload.
        let legacy = ConfigMapping([
            "runner": ConfigNode(ConfigMapping(["type": ConfigNode(.string("EpochBasedRunner")), "max_epochs": ConfigNode(.int(12))])),
            "optimizer": ConfigNode(ConfigMapping(["type": ConfigNode(.string("SGD")), "lr": ConfigNode(.float(0.01)), "momentum": ConfigNode(.float(0.9))])),
            "optimizer_config": ConfigNode(ConfigMapping(["grad_clip": ConfigNode(.null)])),
            "lr_config": ConfigNode(ConfigMapping(["policy": ConfigNode(.string("step")), "by_epoch": ConfigNode(.bool(false)),
                                                   "step": ConfigNode(ConfigList([ConfigNode(.int(200))]))])),
        ])
        let converted = try Translator().translate(legacy, at: SourceLocation(file: "x", line: 1, column: 1)).config.mapping ?? ConfigMapping()
        #expect(ConversionProof().prove(legacy: legacy, converted: converted).status == .proven)
        var schedulers = converted["param_scheduler"]?.list?.items ?? []
        var scheduler = schedulers[0].mapping ?? ConfigMapping()
        scheduler["milestones"] = ConfigNode(ConfigList([ConfigNode(.int(201))]))
        schedulers[0] = ConfigNode(scheduler)
        var mutant = converted
        mutant["param_scheduler"] = ConfigNode(ConfigList(schedulers))
        let proof = ConversionProof().prove(legacy: legacy, converted: mutant)
        #expect(proof.status == .notEquivalent)
        #expect(proof.plan.lengths.contains { $0.reason == .reach && $0.itersPerEpoch * 12 >= 203 })
    }
}
