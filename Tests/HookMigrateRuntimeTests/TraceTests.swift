import HookMigrateCore
import HookMigrateRuntime
import Testing

@Suite struct TraceTests {
    static func sample(lr: Double = 0.02, extraSave: Bool = false) -> Trace {
        var trace = Trace(header: TraceHeader(runner: "new", config: "x.yaml", itersPerEpoch: 2))
        trace.append(.call, at: .beforeRun, epoch: 0, iter: 0, batch: 0)
        for iteration in 0..<2 {
            trace.append(.call, at: .beforeTrainIter, epoch: 0, iter: iteration, batch: iteration)
            trace.append(.optimStep, at: .afterTrainIter, epoch: 0, iter: iteration, batch: iteration, step: 1,
                         values: [iteration == 1 ? lr : 0.02, 0.9])
        }
        trace.append(.checkpointSave, at: .afterTrainEpoch, epoch: 0, iter: 2, batch: 1, step: 1, text: "epoch_1.pth")
        if extraSave { trace.append(.checkpointSave, at: .afterTrainEpoch, epoch: 0, iter: 2, batch: 1, step: 1, text: "epoch_1b.pth") }
        trace.append(.evaluation, at: .afterValEpoch, epoch: 1, iter: 2, batch: 0, step: 1, text: "acc", values: [0.5])
        return trace
    }

    @Test func encodingIsCanonicalAndRoundTrips() throws {
        let trace = Self.sample()
        let text = TraceCodec.encode(trace)
        #expect(text.hasPrefix("{\"format\": \"hookmigrate-trace\", \"version\": 1, \"runner\": \"new\", \"config\": \"x.yaml\", \"iters_per_epoch\": 2}\n"))
        #expect(text.contains("{\"kind\": \"optim_step\", \"point\": \"after_train_iter\", \"epoch\": 0, \"iter\": 1, \"batch\": 1, \"step\": 1, \"values\": [0.02, 0.9]}\n"))
        #expect(text.contains("{\"kind\": \"checkpoint_save\", \"point\": \"after_train_epoch\", \"epoch\": 0, \"iter\": 2, \"batch\": 1, \"step\": 1, \"text\": \"epoch_1.pth\"}\n"))
        let decoded = try TraceCodec.decode(text, path: "t.jsonl")
        #expect(decoded == trace)
        #expect(TraceCodec.encode(decoded) == text)
    }

    @Test func badTraceFilesGetLocatedErrors() {
        let header = "{\"format\": \"hookmigrate-trace\", \"version\": 1, \"runner\": \"new\", \"config\": \"x\", \"iters_per_epoch\": 1}\n"
        let cases: [(String, Int, String)] = [
            ("", 1, "empty trace"),
            ("{\"format\": \"other\"}\n", 1, "not a hookmigrate trace"),
            (header + "{\"kind\": \"call\", \"point\": \"nowhere\", \"epoch\": 0, \"iter\": 0, \"batch\": 0}\n", 2, "unknown mount point"),
            (header + "{\"kind\": \"call\"\n", 2, "expected"),
            (header + "\n{\"kind\": \"teleport\", \"point\": \"before_run\", \"epoch\": 0, \"iter\": 0, \"batch\": 0}\n", 3, "unknown event kind"),
        ]
        for (text, line, message) in cases {
            do {
                _ = try TraceCodec.decode(text, path: "bad.jsonl")
                Issue.record("no error for \(text)")
            } catch let error as ConfigError {
                #expect(error.location?.file == "bad.jsonl")
                #expect(error.location?.line == line, "\(error)")
                #expect(error.message.contains(message), "\(error)")
            } catch {
                Issue.record("\(error)")
            }
        }
    }

    @Test func equalTracesCompareEqual() {
        let diff = TraceDiffer().compare(Self.sample(), Self.sample())
        #expect(diff.isEqual)
        #expect(diff.countsLeft[.optimStep] == 2)
    }

    @Test func floatsCompareWithinTolerance() {
        let close = TraceDiffer(tolerance: Tolerance(rtol: 1e-9)).compare(Self.sample(), Self.sample(lr: 0.02 * (1 + 1e-12)))
        #expect(close.isEqual)
        let far = TraceDiffer(tolerance: Tolerance(rtol: 1e-9)).compare(Self.sample(), Self.sample(lr: 0.002))
        #expect(far.divergence?.index == 4)
        #expect(far.divergence?.reason.hasPrefix("value 0: 0.02 vs 0.002") == true)
        #expect(far.divergence?.before.count == 3)
        #expect(far.divergence?.left.first?.values.first == 0.02)
        let loose = TraceDiffer(tolerance: Tolerance(rtol: 0, atol: 0.1)).compare(Self.sample(), Self.sample(lr: 0.002))
        #expect(loose.isEqual)
    }

    @Test func extraEventsAreADivergenceWithCounts() {
        let diff = TraceDiffer().compare(Self.sample(), Self.sample(extraSave: true))
        #expect(diff.divergence?.index == 6)
        #expect(diff.divergence?.reason == "event kind evaluation vs checkpoint_save")
        #expect(diff.countsLeft[.checkpointSave] == 1)
        #expect(diff.countsRight[.checkpointSave] == 2)
        let rendered = TraceDiffRenderer.text(diff, leftName: "a", rightName: "b")
        #expect(rendered.contains("checkpoint_save: 1 / 2  <- differs"))
    }

    @Test func hookOrderKeepsRegistrationOrderWithinAPriority() {
        var order = HookOrder<String>()
        for (name, priority) in [("lr", 10), ("opt", 40), ("ckpt", 50), ("custom-a", 50), ("timer", 70), ("custom-f", 0), ("eval", 70), ("logger", 90), ("custom-b", 70)] {
            order.insert(name, priority: priority)
        }
        #expect(order.hooks == ["custom-f", "lr", "opt", "ckpt", "custom-a", "timer", "eval", "custom-b", "logger"])
    }

    @Test func prioritiesParseLikeGetPriority() throws {
        #expect(try Priority.value(of: ConfigNode(.string("low")), path: "p") == 70)
        #expect(try Priority.value(of: ConfigNode(.int(49)), path: "p") == 49)
        #expect(throws: ConfigError.self) { try Priority.value(of: ConfigNode(.int(101)), path: "p") }
        #expect(throws: ConfigError.self) { try Priority.value(of: ConfigNode(.string("urgent")), path: "p") }
        #expect(throws: ConfigError.self) { try Priority.value(of: ConfigNode(.float(1.5)), path: "p") }
    }
}
