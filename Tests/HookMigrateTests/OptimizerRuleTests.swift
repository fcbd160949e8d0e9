import HookMigrate
import HookMigrateCore
import Testing

/// The key facts of `optimizer` / `optimizer_config` / `fp16` → `optim_wrapper` (schedules.md C.5–C.7).
@Suite struct OptimizerRuleTests {
    func convert(_ text: String) throws -> TranslationResult {
        let node = try YAMLReader().read(SourceText(path: "test.yaml", text: text))
        let mapping = try node.mapping("<root>")
        return try Translator().translate(mapping, at: SourceLocation(file: "test.yaml", line: 1, column: 1))
    }

    func wrapper(_ result: TranslationResult) throws -> ConfigMapping {
        let node = try #require(result.config.mapping?["optim_wrapper"])
        return try node.mapping("optim_wrapper")
    }

    func records(_ result: TranslationResult, _ kind: MigrationRecord.Kind) -> [MigrationRecord] {
        result.report.records.filter { $0.rule == OptimizerRule.id && $0.kind == kind }
    }

    func error(_ text: String) -> ConfigError? {
        do {
            _ = try convert(text)
            return nil
        } catch let error as ConfigError {
            return error
        } catch {
            return nil
        }
    }

    static let runner = "runner: {type: EpochBasedRunner, max_epochs: 12}\n"

    @Test func plainOptimizerMovesIntoAnOptimWrapper() throws {
        let result = try convert(Self.runner + "optimizer: {type: SGD, lr: 0.02, momentum: 0.9}\noptimizer_config: {grad_clip: null}\n")
        let wrapper = try wrapper(result)
        #expect(wrapper["type"]?.scalar == .string("OptimWrapper"))
        let optimizer = try #require(wrapper["optimizer"]?.mapping)
        #expect(optimizer.keys == [.string("type"), .string("lr"), .string("momentum")])
        #expect(optimizer["lr"]?.scalar == .float(0.02))
        #expect(wrapper["clip_grad"] == nil)
        #expect(result.config.mapping?["optimizer"] == nil)
        #expect(result.config.mapping?["optimizer_config"] == nil)
        #expect(records(result, .manualStep).isEmpty && records(result, .warning).isEmpty)
    }

    @Test func defaultFp16LossScaleIsTheFloat512WrittenExplicitly() throws {
        let hook = try wrapper(convert(Self.runner + "optimizer: {type: SGD, lr: 0.02}\noptimizer_config: {type: Fp16OptimizerHook}\n"))
        #expect(hook["type"]?.scalar == .string("AmpOptimWrapper"))
        #expect(hook["loss_scale"]?.scalar == .float(512.0))
        #expect(hook["loss_scale"]?.scalar != .int(512))

        let topLevel = try convert(Self.runner + "optimizer: {type: SGD, lr: 0.02}\noptimizer_config: {}\nfp16: {}\n")
        #expect(try wrapper(topLevel)["type"]?.scalar == .string("AmpOptimWrapper"))
        #expect(try wrapper(topLevel)["loss_scale"]?.scalar == .float(512.0))
        #expect(topLevel.config.mapping?["fp16"] == nil)
        // The package-dependence of top-level fp16 (mmseg ignored it) is reported.
        #expect(records(topLevel, .warning).map(\.id) == [OptimizerRule.Records.fp16FromTrainScript.id])
        #expect(records(topLevel, .warning).first?.message.contains("mmseg") == true)
    }

    @Test func lossScaleFormsAreKept() throws {
        let float = try wrapper(convert(Self.runner + "optimizer: {type: SGD, lr: 0.02}\noptimizer_config: {}\nfp16: {loss_scale: 256.0}\n"))
        #expect(float["loss_scale"]?.scalar == .float(256.0))
        let dynamic = try wrapper(convert(Self.runner + "optimizer: {type: SGD, lr: 0.02}\noptimizer_config: {type: Fp16OptimizerHook, loss_scale: dynamic}\n"))
        #expect(dynamic["loss_scale"]?.scalar == .string("dynamic"))
        let dict = try wrapper(convert(Self.runner + "optimizer: {type: SGD, lr: 0.02}\noptimizer_config: {}\nfp16: {loss_scale: {init_scale: 512}}\n"))
        #expect(dict["loss_scale"]?.mapping?["init_scale"]?.scalar == .int(512))
    }

    @Test func intLossScaleNeverTrainedAndIsWrittenAsAFloat() throws {
        let result = try convert(Self.runner + "optimizer: {type: SGD, lr: 0.02}\noptimizer_config: {type: Fp16OptimizerHook, loss_scale: 512}\n")
        #expect(try wrapper(result)["loss_scale"]?.scalar == .float(512.0))
        let steps = records(result, .manualStep)
        #expect(steps.map(\.id) == [OptimizerRule.Records.lossScaleInt.id])
        #expect(steps.first?.legacyPath == "optimizer_config.loss_scale")
    }

    @Test func badLossScaleIsRefused() {
        let bad = error(Self.runner + "optimizer: {type: SGD, lr: 0.02}\noptimizer_config: {type: Fp16OptimizerHook, loss_scale: static}\n")
        #expect(bad?.code == .invalidValue)
        let badDict = error(Self.runner + "optimizer: {type: SGD, lr: 0.02}\noptimizer_config: {type: Fp16OptimizerHook, loss_scale: {scale: 2.0}}\n")
        #expect(badDict?.code == .invalidValue)
    }

    @Test func cumulativeItersBecomeAccumulativeCounts() throws {
        let plain = try wrapper(convert("runner: {type: IterBasedRunner, max_iters: 25}\noptimizer: {type: SGD, lr: 0.01}\noptimizer_config: {type: GradientCumulativeOptimizerHook, cumulative_iters: 4}\n"))
        #expect(plain["type"]?.scalar == .string("OptimWrapper"))
        #expect(plain["accumulative_counts"]?.scalar == .int(4))

        let amp = try wrapper(convert(Self.runner + "optimizer: {type: SGD, lr: 0.01}\noptimizer_config: {type: GradientCumulativeFp16OptimizerHook, cumulative_iters: 2, loss_scale: dynamic}\n"))
        #expect(amp["type"]?.scalar == .string("AmpOptimWrapper"))
        #expect(amp["accumulative_counts"]?.scalar == .int(2))
        #expect(amp["loss_scale"]?.scalar == .string("dynamic"))

        #expect(error(Self.runner + "optimizer: {type: SGD, lr: 0.01}\noptimizer_config: {type: GradientCumulativeOptimizerHook, cumulative_iters: 0}\n")?.code == .invalidValue)
        #expect(error(Self.runner + "optimizer: {type: SGD, lr: 0.01}\noptimizer_config: {type: GradientCumulativeOptimizerHook, cumulative_iters: 2.0}\n")?.code == .typeMismatch)
    }

    @Test func gradClipBecomesClipGrad() throws {
        let result = try convert(Self.runner + "optimizer: {type: SGD, lr: 0.01}\noptimizer_config:\n  grad_clip: {max_norm: 35, norm_type: 2}\n")
        let clip = try #require(try wrapper(result)["clip_grad"]?.mapping)
        #expect(clip.keys == [.string("max_norm"), .string("norm_type")])
        #expect(clip["max_norm"]?.scalar == .int(35))
        #expect(clip["norm_type"]?.scalar == .int(2))
        #expect(records(result, .change).contains { $0.legacyPath == "optimizer_config.grad_clip" && $0.newPath == "optim_wrapper.clip_grad" })
    }

    @Test func emptyGradClipIsAManualStepWithNoClipGrad() throws {
        let result = try convert(Self.runner + "optimizer: {type: SGD, lr: 0.01}\noptimizer_config: {grad_clip: {}}\n")
        #expect(try wrapper(result)["clip_grad"] == nil)
        #expect(records(result, .manualStep).map(\.legacyPath) == ["optimizer_config.grad_clip"])
    }

    @Test func paramwiseCfgAndConstructorMoveOutOfTheOptimizer() throws {
        let result = try convert(Self.runner + """
            optimizer:
              type: AdamW
              lr: 0.0001
              constructor: LearningRateDecayOptimizerConstructor
              paramwise_cfg: {decay_rate: 0.7, num_layers: 6}
            optimizer_config: {}

            """)
        let wrapper = try wrapper(result)
        let optimizer = try #require(wrapper["optimizer"]?.mapping)
        #expect(optimizer.keys == [.string("type"), .string("lr")])
        #expect(wrapper["constructor"]?.scalar == .string("LearningRateDecayOptimizerConstructor"))
        #expect(wrapper["paramwise_cfg"]?.mapping?["decay_rate"]?.scalar == .float(0.7))
        #expect(records(result, .warning).map(\.legacyPath) == ["optimizer.constructor"])
        #expect(records(result, .warning).map(\.id) == [OptimizerRule.Records.downstreamConstructor.id])

        let defaultConstructor = try self.wrapper(convert(Self.runner + "optimizer: {type: SGD, lr: 0.1, constructor: DefaultOptimizerConstructor}\noptimizer_config: {}\n"))
        #expect(defaultConstructor["constructor"] == nil)
    }

    @Test func unknownArgumentsOfMMCVHooksAreRefused() {
        let bad = error(Self.runner + "optimizer: {type: SGD, lr: 0.01}\noptimizer_config: {grad_clip: null, loss_scale: 512.0}\n")
        #expect(bad?.code == .invalidValue)
        #expect(bad?.message.contains("OptimizerHook takes no argument `loss_scale`") == true)
    }

    @Test func unknownHookTypeKeepsAPlainWrapperAndAsksForAPerson() throws {
        let result = try convert(Self.runner + "optimizer: {type: SGD, lr: 0.01}\noptimizer_config: {type: SiameseRPNOptimizerHook, grad_clip: {max_norm: 10.0}}\n")
        let wrapper = try wrapper(result)
        #expect(wrapper["type"]?.scalar == .string("OptimWrapper"))
        #expect(wrapper["clip_grad"] == nil)
        #expect(records(result, .manualStep).map(\.legacyPath) == ["optimizer_config.type"])
    }

    @Test func severalNamedOptimizersUseMultiOptimWrapperConstructor() throws {
        for key in ["optimizer", "optimizers"] {
            let result = try convert("total_iters: 1000\n\(key):\n  generator: {type: Adam, lr: 0.0001}\n  discriminator: {type: Adam, lr: 0.0004}\n")
            let wrapper = try wrapper(result)
            #expect(wrapper.keys == [.string("constructor"), .string("generator"), .string("discriminator")])
            #expect(wrapper["constructor"]?.scalar == .string("MultiOptimWrapperConstructor"))
            #expect(wrapper["generator"]?.mapping?["type"]?.scalar == .string("OptimWrapper"))
            #expect(wrapper["discriminator"]?.mapping?["optimizer"]?.mapping?["lr"]?.scalar == .float(0.0004))
            #expect(records(result, .manualStep).map(\.legacyPath) == [key])
            #expect(result.config.mapping?[key] == nil)
        }
    }

    @Test func optimizerConfigNullIsFlagged() throws {
        let result = try convert(Self.runner + "optimizer: {type: Adam, lr: 0.0001}\noptimizer_config: null\n")
        #expect(try wrapper(result)["optimizer"] != nil)
        #expect(records(result, .manualStep).map(\.legacyPath) == ["optimizer_config"])
    }

    @Test func noOptimizerMeansNoOptimWrapper() throws {
        let training = try convert(Self.runner)
        #expect(training.config.mapping?["optim_wrapper"] == nil)
        #expect(records(training, .manualStep).count == 1)

        let testOnly = try convert("model: {type: X}\n")
        #expect(testOnly.config.mapping?["optim_wrapper"] == nil)
        #expect(testOnly.report.records.filter { $0.rule == OptimizerRule.id }.isEmpty)

        let null = try convert("runner: {type: IterBasedRunner, max_iters: 10}\noptimizer: null\n")
        #expect(null.config.mapping?["optim_wrapper"] == nil)
        #expect(records(null, .manualStep).map(\.legacyPath) == ["optimizer"])
    }

    @Test func anOptimizerNeedsAType() {
        #expect(error(Self.runner + "optimizer: {lr: 0.01}\noptimizer_config: {}\n")?.code == .missingKey)
        #expect(error(Self.runner + "optimizer: [SGD]\n")?.code == .typeMismatch)
    }

    @Test func fp16KeyInBothDictsIsNotWritten() throws {
        let result = try convert(Self.runner + "optimizer: {type: SGD, lr: 0.01}\noptimizer_config: {loss_scale: dynamic}\nfp16: {loss_scale: 512.0}\n")
        let wrapper = try wrapper(result)
        #expect(wrapper["type"]?.scalar == .string("AmpOptimWrapper"))
        #expect(wrapper["loss_scale"] == nil)
        #expect(records(result, .manualStep).map(\.legacyPath) == ["fp16.loss_scale"])
    }

    @Test func everyMappingRowIsFilled() {
        #expect(OptimizerRule.mappingRows.count >= 20)
        #expect(OptimizerRule.mappingRows.allSatisfy { !$0.legacy.isEmpty && !$0.new.isEmpty && !$0.verdict.isEmpty })
    }
}
