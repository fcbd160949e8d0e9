import HookMigrateRuntime
import Testing

@Suite struct ParamGroupTests {
    @Test func momentumDrivesBetaOneForAdam() {
        var group = ParamGroup(lr: 0.001, betas: (0.9, 0.999))
        #expect(group.effectiveMomentum == 0.9)
        group.effectiveMomentum = 0.8
        #expect(group.betas?.0 == 0.8)
        #expect(group.betas?.1 == 0.999)
        var sgd = ParamGroup(lr: 0.02, momentum: 0.9)
        sgd.effectiveMomentum = 0.5
        #expect(sgd.momentum == 0.5)
    }
}
