@testable import HookMigrateRuntime
import Testing

/// The iterations at which a self-stepping model steps an optimizer (`ModelStepping`), and the quiet spans the
/// bulk proof takes between them.
@Suite struct ModelSteppingTests {
    static let patterns: [ModelStepping] = [
        ModelStepping(),                                                 // every iteration
        ModelStepping(optimizer: "generator", every: 3, start: 4),       // SRGAN: i % disc_steps == 0, i >= disc_init_steps
        ModelStepping(optimizer: "generator", every: 5, offset: 4),      // mmgen static GAN: (i + 1) % disc_steps == 0
        ModelStepping(optimizer: "discriminator", start: 6, times: 2),   // TTSR: disc_steps at every i >= fix_iter
        ModelStepping(optimizer: "generator", every: 8, offset: 7, times: 3), // BigGAN: gen_steps when (i + 1) % disc_steps == 0
        ModelStepping(optimizer: "disc", times: 0),
    ]

    @Test func stepsFollowThePattern() {
        let srgan = Self.patterns[1]
        #expect((0..<14).map { srgan.steps(at: $0) } == [0, 0, 0, 0, 0, 0, 1, 0, 0, 1, 0, 0, 1, 0])
        let staticGAN = Self.patterns[2]
        #expect((0..<10).map { staticGAN.steps(at: $0) } == [0, 0, 0, 0, 1, 0, 0, 0, 0, 1])
        let ttsr = Self.patterns[3]
        #expect((0..<8).map { ttsr.steps(at: $0) } == [0, 0, 0, 0, 0, 0, 2, 2])
        let biggan = Self.patterns[4]
        #expect((0..<16).map { biggan.steps(at: $0) } == [0, 0, 0, 0, 0, 0, 0, 3, 0, 0, 0, 0, 0, 0, 0, 3])
        #expect(Self.patterns[0].isEveryIteration)
        #expect(!srgan.isEveryIteration)
        #expect(Self.patterns[5].steps(at: 3) == 0)
    }

    @Test(arguments: patterns) func aQuietSpanStepsUniformly(_ pattern: ModelStepping) {
        for iter in 0..<40 {
            guard let quiet = pattern.quietIterations(from: iter) else {
                Issue.record("no count at \(iter)")
                continue
            }
            let end = min(40, quiet == Int.max ? 40 : iter + quiet)
            guard end > iter else { continue }
            let first = pattern.steps(at: iter)
            for j in iter..<end {
                #expect(pattern.steps(at: j) == first, "iteration \(j) inside the quiet span from \(iter)")
            }
            // Only a once-per-iteration pattern has stepping iterations inside a quiet span.
            if first > 0 { #expect(pattern.every == 1 && pattern.times == 1) }
        }
    }
}
