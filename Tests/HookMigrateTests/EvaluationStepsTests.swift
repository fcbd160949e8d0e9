import Testing
@testable import HookMigrate

/// The validation steps computed by jumping equal the step-by-step test of every step.
@Suite struct EvaluationStepsTests {
    @Test func jumpingEqualsTestingEveryStep() {
        var state: UInt64 = 7
        func next(_ bound: Int) -> Int {
            state = state &* 6364136223846793005 &+ 1442695040888963407
            return Int(state >> 33) % bound
        }
        for _ in 0..<3000 {
            let length = 1 + next(60)
            let interval = 1 + next(7)
            let start: Int? = next(3) == 0 ? nil : next(12) - 4
            var dynamic: [EvaluationSchedule.DynamicInterval] = []
            var milestone = 0
            for _ in 0..<next(4) {
                // Mostly increasing, sometimes not: both paths are covered.
                milestone = next(5) == 0 ? next(40) - 3 : milestone + 1 + next(15)
                dynamic.append(.init(milestone: milestone, interval: 1 + next(6)))
            }
            let schedule = EvaluationSchedule(interval: interval, start: start, dynamicIntervals: dynamic)
            #expect(schedule.legacySteps(length: length) == (1...length).filter { schedule.legacyEvaluates(after: $0) })
            let modern = schedule.modern
            #expect(modern.steps(length: length) == (1...length).filter { modern.validates(after: $0, length: length) })
        }
    }

    @Test func longRunsCostWhatTheirValidationsCost() {
        let schedule = EvaluationSchedule(interval: 5000, start: nil)
        #expect(schedule.legacySteps(length: 368_750).count == 73)
        #expect(schedule.modern.steps(length: 368_750).last == 368_750)
    }
}
