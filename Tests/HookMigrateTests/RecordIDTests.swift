import HookMigrate
import HookMigrateCore
import HookMigrateTestSupport
import Testing

/// Report record ids: docs/records.md is generated from the rules' `Records` enums (HOOKMIGRATE_RECORD=1
/// regenerates it); ids are unique and documented; every record a fixture produces has a declared id and one
/// of its declared kinds.
@Suite struct RecordIDTests {
    static let documented = RecordDocumentation.all

    @Test func docsRecordsIsCurrent() {
        Golden.assertMatches(RecordDocumentation.markdown(), golden: "docs/records.md")
    }

    @Test func idsAreUnique() {
        var seen: Set<RecordID> = []
        for entry in Self.documented {
            #expect(seen.insert(entry.id).inserted, "\(entry.id) is declared twice")
        }
    }

    @Test func everyIdIsDocumented() {
        for entry in Self.documented {
            #expect(entry.id.name.allSatisfy { $0.isLowercase || $0.isNumber || $0 == "-" } && !entry.id.name.isEmpty,
                    "\(entry.id): a name is kebab-case")
            #expect(entry.summary.count > 20 && entry.summary.hasSuffix("."), "\(entry.id): a summary is a sentence")
            #expect(!entry.kinds.isEmpty, "\(entry.id) declares no kind")
            #expect(Set(entry.kinds).count == entry.kinds.count, "\(entry.id) repeats a kind")
        }
    }

    @Test func everyRuleOwnsItsRecords() {
        for rule in RuleRegistry.rules {
            #expect(RecordDocumentation.recordOwner(of: rule) == rule.id)
            #expect(!RecordDocumentation.entries(of: rule).isEmpty, "\(rule.id) declares no record")
        }
    }

    /// Every record of every convert fixture carries a declared id, with one of the kinds declared for it.
    @Test(arguments: ConvertGoldenTests.cases)
    func fixtureRecordsHaveDeclaredIdsAndKinds(_ name: String) throws {
        let kinds = Dictionary(uniqueKeysWithValues: Self.documented.map { ($0.id, $0.kinds) })
        let report = try ConvertFixture.convert(ConvertGoldenTests.root + "/" + name).report
        for record in report.records {
            let declared = kinds[record.id]
            #expect(declared != nil, "\(name): \(record.id) is not declared")
            #expect(declared?.contains(record.kind) == true, "\(name): \(record.id) is a \(record.kind.rawValue), declared \(declared ?? [])")
            #expect(record.rule == record.id.rule)
        }
    }

    /// The text report ends each record with its id; the JSON report gives it next to the rule.
    @Test func reportsPrintTheId() throws {
        let report = try ConvertFixture.convert(ConvertGoldenTests.root + "/lr-exp-exp-iter").report
        let warmup = try #require(report.records.first { $0.id == LrConfigRule.Records.warmupExpPair.id })
        #expect(warmup.id.description == "lr_config/warmup-exp-pair")
        #expect(ReportRenderer.text(report).contains(": \(warmup.message) [lr_config/warmup-exp-pair]\n"))
        let json = try JSONReader().read(SourceText(path: "report.json", text: try ReportRenderer.json(report)))
        let items = json.mapping?["records"]?.list?.items ?? []
        let records = items.compactMap { $0.mapping }
        #expect(records.count == report.records.count)
        #expect(records.map { $0["id"]?.scalar?.stringValue } == report.records.map(\.id.description))
        #expect(records.map { $0["rule"]?.scalar?.stringValue } == report.records.map(\.rule))
        #expect(records.first?.keys.compactMap(\.stringValue).prefix(3) == ["kind", "rule", "id"])
    }

    /// A sample of fixtures and the ids of their records (as the text report lists them: by kind).
    static let sample: [(fixture: String, ids: [String])] = [
        ("lr-exp-exp-iter", [
            "runner/epoch-loop",
            "optimizer/optimizer",
            "optimizer/optim-wrapper",
            "lr_config/exp",
            "lr_config/warmup-exp-pair",
            "checkpoint_config/no-checkpoint-hook",
            "data/no-data",
            "default_scope/scope-not-inferred",
        ]),
        ("lr-warmup-by-epoch-linear-nol", [
            "runner/epoch-loop",
            "optimizer/optimizer",
            "optimizer/optim-wrapper",
            "lr_config/step-milestones",
            "checkpoint_config/no-checkpoint-hook",
            "lr_config/compat-available",
            "data/no-data",
            "default_scope/scope-not-inferred",
            "lr_config/warmup-linear-without-length",
        ]),
        ("lr-policy-unknown", [
            "runner/epoch-loop",
            "optimizer/optimizer",
            "optimizer/optim-wrapper",
            "checkpoint_config/no-checkpoint-hook",
            "lr_config/unknown-policy",
            "data/no-data",
            "default_scope/scope-not-inferred",
        ]),
        ("lr-step-minlr-binds-epoch", [
            "runner/epoch-loop",
            "optimizer/optimizer",
            "checkpoint_config/no-checkpoint-hook",
            "optimizer/no-optimizer-hook",
            "data/no-data",
            "default_scope/scope-not-inferred",
            "lr_config/step-milestones",
        ]),
        ("momentum-onecycle-iter", [
            "runner/iter-loop",
            "optimizer/optimizer",
            "lr_config/one-cycle",
            "momentum_config/one-cycle",
            "checkpoint_config/no-checkpoint-hook",
            "optimizer/no-optimizer-hook",
            "momentum_config/one-cycle-set-max-momentum",
            "data/no-data",
            "default_scope/scope-not-inferred",
        ]),
        ("ckpt-iter-runner", [
            "runner/iter-loop",
            "checkpoint_config/by-epoch-false-written",
            "checkpoint_config/converted",
            "checkpoint_config/max-keep-off-grid",
            "optimizer/no-optimizer",
            "data/no-data",
            "default_scope/scope-not-inferred",
        ]),
        ("log-per-hook-interval", [
            "runner/epoch-loop",
            "checkpoint_config/no-checkpoint-hook",
            "log_config/text-logger",
            "log_config/vis-backend",
            "optimizer/no-optimizer",
            "data/no-data",
            "default_scope/scope-not-inferred",
            "log_config/other-logger-settings",
        ]),
        ("hooks-ema", [
            "runner/epoch-loop",
            "checkpoint_config/converted",
            "optimizer/no-optimizer",
            "data/no-data",
            "default_scope/scope-not-inferred",
            "custom_hooks/ema-hook",
        ]),
        ("optim-fp16-top-conflict", [
            "runner/epoch-loop",
            "optimizer/optimizer",
            "optimizer/grad-clip",
            "checkpoint_config/no-checkpoint-hook",
            "optimizer/fp16-from-train-script",
            "optimizer/fp16-argument-twice",
            "optimizer/fp16-argument-rejected",
            "data/no-data",
            "default_scope/scope-not-inferred",
        ]),
        ("eval-start-misaligned", [
            "runner/epoch-loop",
            "data/train-dataloader",
            "data/split-dataloader",
            "evaluation/val-loop",
            "checkpoint_config/no-checkpoint-hook",
            "default_scope/scope-inferred",
            "default_scope/package-visualizer",
            "default_scope/visualization-hook",
            "data/group-sampler",
            "optimizer/no-optimizer",
            "data/dataset-as-written",
            "data/dataset-as-written",
            "evaluation/evaluator-chosen",
            "evaluation/interval-differs",
        ]),
        ("runner-epoch", [
            "runner/epoch-loop",
            "runner/workflow-dropped",
            "checkpoint_config/no-checkpoint-hook",
            "dist_params/cudnn-benchmark",
            "dist_params/mp-setting",
            "dist_params/mp-setting",
            "dist_params/dist-params",
            "resume_from/null-dropped",
            "default_scope/scope-inferred",
            "default_scope/package-visualizer",
            "default_scope/visualization-hook",
            "unknown-keys/kept",
            "optimizer/no-optimizer",
            "data/no-data",
        ]),
    ]

    @Test(arguments: sample.indices)
    func sampleFixturesProduceTheirIds(_ index: Int) throws {
        let (fixture, ids) = Self.sample[index]
        let report = try ConvertFixture.convert(ConvertGoldenTests.root + "/" + fixture).report
        #expect(report.records.map(\.id.description).sorted() == ids.sorted(), "\(fixture)")
    }
}
