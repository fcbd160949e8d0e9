@testable import HookMigrateRuntime
import Testing

/// The table that lets proofs share span comparisons: a remembered outcome is returned without computing
/// again, a failing computation is not remembered, and the table never holds more than its capacity.
@Suite struct SpanKernelMemoTests {
    struct Failure: Error {}

    @Test func aRememberedOutcomeIsNotComputedAgain() {
        let memo = OutcomeMemo<Int, String>(capacity: 8)
        var computed = 0
        let first = memo.value(3) { computed += 1; return "three" }
        let second = memo.value(3) { computed += 1; return "other" }
        #expect(first == "three" && second == "three" && computed == 1)
    }

    @Test func aFailureIsNotRemembered() throws {
        let memo = OutcomeMemo<Int, Int>(capacity: 8)
        #expect(throws: Failure.self) { try memo.value(1) { throw Failure() } }
        #expect(memo.count == 0)
        #expect(memo.value(1) { 7 } == 7)
    }

    @Test func theTableIsEmptiedAtItsCapacity() {
        let memo = OutcomeMemo<Int, Int>(capacity: 4)
        for key in 0..<10 { _ = memo.value(key) { key * key } }
        #expect(memo.count <= 4)
        #expect(memo.value(9) { -1 } == 81)
    }
}
