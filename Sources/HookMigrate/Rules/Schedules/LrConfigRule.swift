import HookMigrateCore
import HookMigrateRuntime

/// `lr_config` → `param_scheduler`: the legacy lr updater hook becomes a list of MMEngine lr schedulers that
/// reproduces MMCV 1.7.2's per-iteration lr (schedules.md C.0–C.4), not the official migration guide's forms
/// (C.8: those are off by one iteration at warmup ends and annealing ends, and wrong for exp warmup and
/// CosineRestart weights).
///
/// The policy name is resolved as MMCV does (an all-lower-case name is title-cased, `step` → `Step`; any other
/// spelling is used as written), so a name MMCV rejects is reported, not guessed. Units are kept: a policy by
/// epoch becomes an epoch-stepped scheduler with the same epoch numbers, a policy by iteration an
/// iteration-stepped one with the same iteration numbers. The warmup is a separate iteration scheduler with
/// `end = W + 1` (MMCV still warms iteration W − 1), placed first — except after schedulers that set absolute
/// values (OneCycleLR, CosineRestartLR, the cyclic segments), which must come before it.
///
/// ## Before
/// ```yaml
/// runner: {type: EpochBasedRunner, max_epochs: 12}
/// lr_config: {policy: step, warmup: linear, warmup_iters: 500, warmup_ratio: 0.001, step: [8, 11]}
/// ```
/// ## After
/// ```yaml
/// param_scheduler:
/// - {type: LinearLR, start_factor: 0.001, end_factor: 1.0, begin: 0, end: 501, by_epoch: false}
/// - {type: MultiStepLR, milestones: [8, 11], gamma: 0.1, by_epoch: true}
/// ```
public enum LrConfigRule: MigrationRule {
    public static let id = "lr_config"
    public static let legacyKeys = ["lr_config"]
    public static let newKeys = ["param_scheduler"]
    /// Reads the runner's length, and the schedulers written so far (it appends).
    public static let reads: [RuleInput] = [.loopFacts, .output("param_scheduler")]
    public static let summary = "The lr updater hook becomes MMEngine lr schedulers that reproduce MMCV's per-iteration lr, warmup included."
    public static let mappingRows = [
        MappingRow("lr_config: None", "no lr scheduler", "exact"),
        MappingRow("lr_config: {policy: fixed}", "no lr scheduler (only the warmup, if any)", "exact"),
        MappingRow("policy: step, step: s (int), gamma: g (default 0.1)", "StepLR(step_size=s, gamma=g, by_epoch=U)", "exact"),
        MappingRow("policy: step, step: [m1, …], gamma: g", "MultiStepLR(milestones=running maxima of [m1, …], gamma=g, by_epoch=U); an unsorted list like [8, 2] becomes [8, 8], which is when MMCV decays", "exact"),
        MappingRow("policy: step, min_lr: x", "the same, floor dropped (MMEngine has none)", "exact if b·g^n ≥ x for every decay reached (checked with optimizer.lr); otherwise approximate: the floored epochs are off by up to x − b·g^n (deviations.md N2: 8e-5 absolute, 0.8 relative)"),
        MappingRow("policy: exp, gamma: g", "ExponentialLR(gamma=g, by_epoch=U)", "exact"),
        MappingRow("policy: poly, power: q (default 1.0), min_lr: x (default 0.0)", "PolyLR(eta_min=x, power=q, begin=0, end=H+1, by_epoch=U)", "exact (end=H is one short: PolyLR reaches eta_min at end−1, MMCV never does)"),
        MappingRow("policy: poly by iteration under an epoch runner, no --iters-per-epoch", "PolyLR(eta_min=x, power=q, by_epoch=False) with the loop's default end = N", "approximate: reaches eta_min one iteration early (up to 1.0 relative on the last iteration with min_lr=0)"),
        MappingRow("policy: inv, gamma, power, by epoch (E ≤ 1000)", "E−1 MultiStepLR(milestones=[e], gamma=((1+γ(e−1))/(1+γe))^power, by_epoch=True), e = 1…E−1", "exact (a per-epoch chain; MMEngine has no InvLR)"),
        MappingRow("policy: inv by iteration (or E > 1000)", "nothing", "manual step: no counterpart (one scheduler per step would be needed)"),
        MappingRow("policy: CosineAnnealing, min_lr: x | min_lr_ratio: ρ", "CosineAnnealingLR(T_max=H, eta_min=x | eta_min_ratio=ρ, begin=0, end=H, by_epoch=U); by iteration under an epoch runner T_max/end are left to the loop's max_iters (= E·len(train_dataloader), as in MMCV)", "exact"),
        MappingRow("policy: CosineAnnealing with neither or both of min_lr/min_lr_ratio", "nothing", "manual step: MMCV's assertion rejects it"),
        MappingRow("policy: FlatCosineAnnealing, start_percent: s (default 0.75)", "CosineAnnealingLR(T_max=H−S, begin=S, end=H, eta_min…, by_epoch=U), S = round(H·s) rounding half to even (E=10, s=0.25 → S=2); nothing when S = H", "exact"),
        MappingRow("policy: CosineRestart, periods: P, restart_weights: w, min_lr_ratio: ρ", "CosineRestartLR(periods=P, restart_weights=w + (1−w)·ρ, eta_min_ratio=ρ, by_epoch=U), placed before any warmup", "exact (MMCV restarts at w·b + (1−w)·floor, MMEngine at w'·b)"),
        MappingRow("policy: CosineRestart, min_lr: x, some weight ≠ 1", "CosineRestartLR(restart_weights=w + (1−w)·x/b, eta_min=x) with b = optimizer.lr", "exact only for a single base lr (9.4% relative on a group with another lr, deviations.md N5); unadjusted when b is unknown (1.2e-2 relative in the deviation grid)"),
        MappingRow("policy: CosineRestart, sum(periods) < H", "nothing", "manual step: MMCV raises ValueError once the run passes sum(periods)"),
        MappingRow("policy: cyclic (by iteration), anneal_strategy: cos, epoch runner whose phases start at epoch boundaries (cyclic_times divides E, step_ratio_up·E/cyclic_times an integer)", "the same segments in epochs, by_epoch=True, convert_to_iter_based=True, placed before any warmup", "exact for every L (no --iters-per-epoch needed)"),
        MappingRow("policy: cyclic (by iteration), anneal_strategy: cos", "2 single-period CosineRestartLR segments per cycle (1 when int(step_ratio_up·Pc) = 0), by_epoch=False, placed before any warmup", "exact given N (N = E·L under an epoch runner: needs --iters-per-epoch)"),
        MappingRow("policy: cyclic, anneal_strategy: linear", "nothing", "manual step: no counterpart"),
        MappingRow("policy: OneCycle, max_lr: m, …", "OneCycleLR(eta_max=m, …, by_epoch=False), default end = the loop's max_iters, placed before any warmup", "exact"),
        MappingRow("policy: OneCycle, max_lr: {optimizer: …}", "nothing", "manual step: write one scheduler list per optimizer name"),
        MappingRow("policy: LinearAnnealing, min_lr_ratio: ρ", "LinearLR(start_factor=1.0, end_factor=ρ, begin=0, end=H+1, by_epoch=U)", "exact"),
        MappingRow("policy: LinearAnnealing, min_lr: x", "PolyLR(eta_min=x, power=1.0, begin=0, end=H+1, by_epoch=U)", "exact"),
        MappingRow("policy: MultiStage (mmflow), milestone_lrs[0] = optimizer.lr", "one MultiStepLR per distinct ratio between consecutive MMCV values (stage steps and stage jumps), by_epoch=U", "exact for every group at optimizer.lr; with paramwise_cfg a named non-equivalence (MultiStage gives every group the same absolute lr)"),
        MappingRow("policy: MultiStage with milestone_lrs[0] ≠ optimizer.lr, or no numeric optimizer.lr", "nothing", "manual step"),
        MappingRow("policy: Linear (mmedit/mmgen), target_lr: 0, start: s, interval: i", "one MultiStepLR(milestones=[m], gamma=(K−k)/(K−k+1)) per change m = s + k·i < H (at most 1000)", "exact for every param group"),
        MappingRow("policy: Linear, target_lr ≠ 0", "the same ratios from optimizer.lr", "exact for a single base lr; manual step with paramwise_cfg or no numeric optimizer.lr"),
        MappingRow("policy: CosineAnnealingCooldown (mmcls), cool_down_time: c, cool_down_ratio: q", "CosineAnnealingLR(T_max=H−c, eta_min…, begin=0, end=H−c+1, by_epoch=U) + MultiStepLR(milestones=[H−c+1], gamma=q)", "exact (with a warmup: as for CosineAnnealing with a floor)"),
        MappingRow("policy: YOLOX (mmdet), warmup_ratio: 1, by iteration, L known (--iters-per-epoch, or an iteration runner)", "mmdet.QuadraticWarmupLR(begin=0, end=W, by_epoch=False) + CosineAnnealingLR(T_max=N−W−Q, eta_min…, begin=W−1, end=N−Q, by_epoch=False), Q = L·num_last_epochs", "exact given L"),
        MappingRow("policy: YOLOX, warmup_by_epoch, no L", "mmdet.QuadraticWarmupLR(end=w) + CosineAnnealingLR(T_max=E−w−n, begin=w, end=E−n), by epoch with convert_to_iter_based (mmdet 3.x's layout)", "approximate: the cosine runs one iteration late and stops one step above the floor (0.024 relative for the corpus mmdet config at L=1, 0.10 for ByteTrack's)"),
        MappingRow("policy: YOLOX with warmup_ratio ≠ 1, no warmup, or by_epoch: true", "nothing", "manual step"),
        MappingRow("policy: SiameseRPN (mmtrack), by epoch", "ConstantLR(factor=f(0), begin=0, end=E+1, by_epoch=True) when f(0) ≠ 1, then one MultiStepLR per distinct ratio f(e)/f(e−1)", "exact for every param group (f(0) in (0, 1]; otherwise a manual step)"),
        MappingRow("policy: Reduce (mmedit) under an IterBasedRunner, by iteration, val_metric set, epoch_base_valid=True", "nothing: the lr stays constant, as the legacy hook left it (IterBasedRunner never called the hooks that reduce it)", "exact; a warning says how to get reduce-on-plateau in MMEngine"),
        MappingRow("policy: Reduce (mmedit), any other run", "nothing", "manual step: reductions follow real losses or metrics"),
        MappingRow("policy: TIN, RelativeStep", "nothing", "manual step: registered by a downstream package, use its own migration"),
        MappingRow("policy: cosineannealing (or any name MMCV does not register)", "nothing", "manual step: MMCV itself rejects the name (only all-lower-case names are title-cased)"),
        MappingRow("warmup: constant, warmup_iters: W, warmup_ratio: r", "ConstantLR(factor=r, begin=0, end=W+1, by_epoch=False), first", "exact"),
        MappingRow("warmup: linear", "LinearLR(start_factor=r, end_factor=1.0, begin=0, end=W+1, by_epoch=False), first", "exact"),
        MappingRow("warmup: exp", "ConstantLR(factor=r, begin=0, end=N+1, by_epoch=False) (epoch runner: end=E+1, by_epoch=True) + ExponentialLR(gamma=r^(−1/W), begin=0, end=W+1, by_epoch=False)", "exact"),
        MappingRow("warmup_by_epoch: true, warmup: constant", "ConstantLR(factor=r, begin=0, end=warmup_iters+1, by_epoch=True)", "exact (restores at iteration warmup_iters·L for any L)"),
        MappingRow("warmup_by_epoch: true, warmup: linear | exp, with --iters-per-epoch L", "the warmup above with W = warmup_iters·L", "exact given L"),
        MappingRow("warmup_by_epoch: true, warmup: linear, no L", "LinearLR(start_factor=r, begin=0, end=warmup_iters, by_epoch=True, convert_to_iter_based=True)", "approximate: the ramp ends one iteration early ((1−r)/(W−1+r) relative, 4.7e-2 for W=20, r=0.1)"),
        MappingRow("warmup_by_epoch: true, warmup: exp, no L", "no warmup", "manual step: needs --iters-per-epoch"),
        MappingRow("warmup_ratio: 1", "no warmup", "exact (the warmup factor is 1)"),
        MappingRow("warmup + Poly/CosineAnnealing/FlatCosine/CosineRestart with a non-zero floor, or LinearAnnealing with min_lr ≠ 0", "warmup first (CosineRestart before it)", "exact if the main scheduler first changes the lr at or after iteration W (by epoch: W ≤ L); otherwise approximate (deviations.md N1: 9e-6…2e-2 relative)"),
        MappingRow("warmup + OneCycle or cyclic", "absolute scheduler first, then the warmup", "no counterpart: up to 9× relative on single iterations (deviations.md N7)"),
        MappingRow("IterBasedRunner, lr_config without by_epoch", "by_epoch=False (IterBasedRunner's default), H = max_iters", "exact"),
        MappingRow("IterBasedRunner, by_epoch: true", "no lr scheduler", "exact: MMCV never applies a by-epoch policy (or its warmup) under IterBasedRunner; reported as a warning"),
        MappingRow("IterBasedRunner, warmup_by_epoch: true", "nothing", "manual step: MMCV crashes in the first iteration"),
    ]

    /// The lr policies MMCV 1.7.2 registers (`<Policy>LrUpdaterHook`).
    static let mmcvPolicies = LegacyPolicyName.Family.lr.registeredStems

    /// Policies registered by downstream packages that the legacy simulator does not model, with the package
    /// that owns each (the simulated ones, `LegacyPolicyName.Family.lr.downstreamStems`, are translated).
    static let downstreamPolicies: [(stem: String, owner: String)] = [
        ("TIN", "mmaction2 (TINLrUpdaterHook)"),
        ("RelativeStep", "mmaction2 (RelativeStepLrUpdaterHook)"),
    ]

    public static func apply(to context: inout MigrationContext) throws {
        try LrSchedulePlanner.convert(&context,
                                      whenNone: "None: MMCV registers no lr hook, so every param group keeps its optimizer lr for the whole run; no lr scheduler is emitted",
                                      instead: "write param_scheduler by hand")
    }
}
