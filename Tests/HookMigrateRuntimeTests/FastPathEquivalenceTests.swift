@testable import HookMigrateRuntime
import Testing

/// The shortcuts the proof takes per event give exactly what the work they replace gives: checkpoint file
/// names of the default templates, and the text pool's ids.
@Suite struct FastPathEquivalenceTests {
    static let steps = Array(-12...130) + [999, 1000, 1 << 31, Int.max, Int.min, Int.min + 1, -1_000_000]

    @Test func defaultFileNamesAreTheTemplatesFormatted() {
        for step in Self.steps {
            #expect(LegacyCheckpointHook.fileName(nil, epochs: true, step: step) == LegacyCheckpointHook.format("epoch_{}.pth", step))
            #expect(LegacyCheckpointHook.fileName(nil, epochs: false, step: step) == LegacyCheckpointHook.format("iter_{}.pth", step))
            #expect(LegacyCheckpointHook.fileName("ckpt_{}_x.pt", epochs: true, step: step) == LegacyCheckpointHook.format("ckpt_{}_x.pt", step))
        }
        #expect(LegacyCheckpointHook.fileName(nil, epochs: true, step: 12) == "epoch_12.pth")
        #expect(LegacyCheckpointHook.fileName(nil, epochs: false, step: -3) == "iter_-3.pth")
        #expect(LegacyCheckpointHook.fileName(nil, epochs: false, step: Int.min) == "iter_-9223372036854775808.pth")
    }

    @Test func textPoolIdsAreFirstSeenOrder() {
        var pool = TextPool()
        var expected: [String: Int32] = [:]
        var order: [String] = []
        // Enough texts to grow the table several times, each interned again later; texts equal as Swift
        // strings (canonically equivalent) share an id, as a dictionary keyed by String gives them.
        var texts = (0..<700).map { "epoch_\($0).pth" } + ["", "train", "val", "é", "e\u{301}", "\u{212A}", "K", "best_accuracy_top-1_epoch_3.pth", "\u{212A}_{}.pth"]
        texts += texts.reversed()
        for text in texts {
            let id = pool.intern(text)
            // A dictionary keyed by String: canonically equivalent texts are one key.
            if let known = expected[text] {
                #expect(id == known)
            } else {
                expected[text] = Int32(order.count)
                order.append(text)
                #expect(id == Int32(order.count - 1))
            }
            #expect(pool[id] == text)
        }
        #expect(pool.texts == order)
        #expect(pool[-1] == nil)
        #expect(pool[Int32(order.count)] == nil)
    }
}
