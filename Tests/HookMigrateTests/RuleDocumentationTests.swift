import HookMigrate
import HookMigrateTestSupport
import Testing

/// docs/rules.md is generated from the rules; it must match them (HOOKMIGRATE_RECORD=1 regenerates it).
@Suite struct RuleDocumentationTests {
    @Test func docsRulesIsCurrent() {
        Golden.assertMatches(RuleDocumentation.markdown(), golden: "docs/rules.md")
    }

    @Test func everyLegacyKeyHasExactlyOneRule() {
        var owners: [String: String] = [:]
        for rule in RuleRegistry.rules {
            for key in rule.legacyKeys {
                #expect(owners[key] == nil, "\(key) is owned by \(owners[key] ?? "") and \(rule.id)")
                owners[key] = rule.id
            }
        }
        for key in ["lr_config", "optimizer_config", "momentum_config", "checkpoint_config", "log_config", "evaluation",
                    "runner", "workflow", "total_epochs", "total_iters", "fp16", "data", "dist_params", "resume_from",
                    "optimizers", "custom_hooks", "optimizer", "cudnn_benchmark", "mp_start_method", "opencv_num_threads",
                    "auto_resume", "train_cfg", "test_cfg"] {
            #expect(owners[key] != nil, "no rule owns \(key)")
        }
    }
}
