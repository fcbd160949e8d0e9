import HookMigrateCore
import HookMigrateRuntime

/// When the models of mmedit 0.16.1, mmgen 0.7.3 and mmpose 0.29.0 step each of their optimizers in
/// `train_step`, read from the packages' model sources; the `train_cfg` keys they read default as there.
///
/// | models | the optimizer | steps at 0-based iteration i |
/// |---|---|---|
/// | mmedit SRGAN, ESRGAN, RealESRGAN, RealBasicVSR, GLEAN, CycleGAN, Pix2Pix; mmgen Pix2Pix, CycleGAN | generator(s) | `i % disc_steps == 0 and i >= disc_init_steps` (defaults 1, 0) |
/// | the same | discriminator(s) | every iteration |
/// | mmedit TTSR, DIC | discriminator | `disc_steps` times at every `i >= fix_iter` (defaults 1, 0) |
/// | mmedit inpaintors (OneStage, TwoStage, DeepFill, AOT), mmpose mesh models | disc | every iteration when `disc_step > 0` |
/// | the same | generator | `(i + 1) % disc_step == 0` (every iteration when `disc_step` is 0) |
/// | mmgen StaticUnconditionalGAN, MSPIEStyleGAN2 | discriminator | every iteration |
/// | the same | generator | `(i + 1) % disc_steps == 0` |
/// | mmgen BasiccGAN | discriminator | `(i + 1) % batch_accumulation_steps == 0` |
/// | the same | generator | `gen_steps` times when `(i + 1) % disc_steps == 0` |
/// | everything else (restorers, mattors, interpolators, GLInpaintor's phases, diffusion models) | each | every iteration |
///
/// The last row is exact for the single-optimizer models and, for GLInpaintor's iteration phases, a
/// superset of the real steps: the lr and momentum schedules of both libraries do not depend on whether an
/// optimizer stepped, so values that agree at every iteration agree at the steps the model took.
enum SelfSteppingModels {
    /// Model types of packages other than mmedit and mmgen that step their own optimizers (mmpose's mesh
    /// recovery).
    static let steppingModels: Set<String> = ["ParametricMesh"]

    static let srganFamily: Set<String> = ["SRGAN", "ESRGAN", "RealESRGAN", "RealBasicVSR", "GLEAN", "CycleGAN", "Pix2Pix"]
    static let discAfterFixFamily: Set<String> = ["TTSR", "DIC"]
    static let inpaintorFamily: Set<String> = ["OneStageInpaintor", "TwoStageInpaintor", "DeepFillv1Inpaintor", "AOTInpaintor", "PConvInpaintor", "ParametricMesh"]
    static let unconditionalFamily: Set<String> = ["StaticUnconditionalGAN", "MSPIEStyleGAN2"]

    /// The pattern on which a model of type `model` steps `optimizer` (its name in the dict; `nil` for one).
    static func pattern(model: String, optimizer: String?, trainCfg: ConfigMapping, mmgen: Bool) -> ModelStepping {
        func int(_ key: String, _ fallback: Int) -> Int {
            if case .scalar(.int(let value))? = trainCfg[key]?.value { return value }
            return fallback
        }
        let name = optimizer ?? ""
        let isGenerator = name.hasPrefix("generator")
        let isDiscriminator = name.hasPrefix("discriminator") || name == "disc"
        if srganFamily.contains(model) {
            if isGenerator { return ModelStepping(optimizer: optimizer, every: int("disc_steps", 1), start: int("disc_init_steps", 0)) }
            return ModelStepping(optimizer: optimizer)
        }
        if discAfterFixFamily.contains(model), !mmgen {
            if isDiscriminator { return ModelStepping(optimizer: optimizer, start: int("fix_iter", 0), times: int("disc_steps", 1)) }
            return ModelStepping(optimizer: optimizer)
        }
        if inpaintorFamily.contains(model) {
            let discStep = int("disc_step", 1)
            if isGenerator, discStep > 0 { return ModelStepping(optimizer: optimizer, every: discStep, offset: discStep - 1) }
            return ModelStepping(optimizer: optimizer)
        }
        if unconditionalFamily.contains(model) {
            let discSteps = int("disc_steps", 1)
            if isGenerator { return ModelStepping(optimizer: optimizer, every: discSteps, offset: discSteps - 1) }
            return ModelStepping(optimizer: optimizer)
        }
        if model == "BasiccGAN" {
            let discSteps = int("disc_steps", 1)
            let accumulation = int("batch_accumulation_steps", 1)
            if isGenerator { return ModelStepping(optimizer: optimizer, every: discSteps, offset: discSteps - 1, times: int("gen_steps", 1)) }
            return ModelStepping(optimizer: optimizer, every: accumulation, offset: accumulation - 1)
        }
        return ModelStepping(optimizer: optimizer)
    }
}
