"""schedules.md's (observed) statements outside the C.9 grid, each re-run on the real libraries (drivers.py)."""
import math

import drivers as d

S = "schedules.md"
CHECKS = []


def claim(cid, source, text, expect, compare=None, note=None):
    def deco(fn):
        CHECKS.append(dict(id=cid, source=f"{S} {source}", claim=text, expect=expect, fn=fn,
                           compare=compare or (lambda real, exp: real == exp), note=note))
        return fn
    return deco


def close(rel=1e-9, abs_=0.0):
    def compare(real, exp):
        if isinstance(exp, (list, tuple)):
            return isinstance(real, (list, tuple)) and len(real) == len(exp) and all(
                compare(r, e) for r, e in zip(real, exp))
        if isinstance(exp, (int, float)) and isinstance(real, (int, float)):
            return abs(real - exp) <= abs_ + rel * abs(exp)
        return real == exp
    return compare


def sig2(real, exp):
    """The reference prints 2 significant digits: the real value must lie within half a unit of the last printed
    digit (0.00375 may be printed 3.7e-3 or 3.8e-3)."""
    if isinstance(exp, (list, tuple)):
        return isinstance(real, (list, tuple)) and len(real) == len(exp) and all(sig2(r, e) for r, e in zip(real, exp))
    if isinstance(exp, str) or isinstance(real, str):
        return real == exp
    if exp == 0:
        return real == 0
    unit = 10 ** (math.floor(math.log10(abs(exp))) - 1)
    return abs(real - exp) <= 0.5 * unit * (1 + 1e-6)


def err(fn):
    try:
        fn()
        return "ok"
    except Exception as exc:  # noqa: BLE001
        return type(exc).__name__


def err_text(fn):
    try:
        fn()
        return "ok"
    except Exception as exc:  # noqa: BLE001
        return f"{type(exc).__name__}: {exc}"


def per_epoch(values, L):
    return values[::L]


def rnd(values, digits=12):
    return [float(f"{v:.{digits}g}") for v in values]


# ---------------------------------------------------------------------------------------------------- A.0
POLICY_ARGS = {"step": dict(step=1), "exp": dict(gamma=0.9), "inv": dict(gamma=0.1), "poly": {}, "fixed": {},
               "cyclic": {}, "cosineannealing": dict(min_lr=0.0), "onecycle": dict(max_lr=0.02),
               "linearannealing": dict(min_lr=0.0), "flatcosineannealing": dict(min_lr=0.0),
               "cosinerestart": dict(periods=[100], min_lr=0.0)}
NAMES = ["step", "Step", "poly", "exp", "inv", "fixed", "cyclic", "Cyclic", "cosineannealing", "onecycle",
         "linearannealing", "flatcosineannealing", "cosinerestart", "CosineAnnealing", "OneCycle",
         "LinearAnnealing", "FlatCosineAnnealing", "CosineRestart"]


@claim("A.0.names", "A.0", "policy names: lower case is title()-cased: step/Step/poly/exp/inv/fixed/cyclic/Cyclic work; "
       "cosineannealing, onecycle, linearannealing, flatcosineannealing, cosinerestart -> KeyError; camel case works",
       {n: ("KeyError" if n in ("cosineannealing", "onecycle", "linearannealing", "flatcosineannealing",
                                "cosinerestart") else "ok") for n in NAMES})
def _a0_names():
    out = {}
    for name in NAMES:
        args = dict(POLICY_ARGS[name.lower()])
        out[name] = err(lambda: d.mmcv_run(dict(policy=name, **args), L=2, epochs=1))
    return out


@claim("A.0.momentum", "A.0", "registered MMCV momentum hooks: Step, CosineAnnealing, LinearAnnealing, Cyclic, OneCycle only",
       ["CosineAnnealing", "Cyclic", "LinearAnnealing", "OneCycle", "Step"])
def _a0_momentum():
    from mmcv.runner import HOOKS
    return sorted(k[: -len("MomentumUpdaterHook")] for k in HOOKS.module_dict
                  if k.endswith("MomentumUpdaterHook") and k != "MomentumUpdaterHook")


# ---------------------------------------------------------------------------------------------------- A.1/A.2
@claim("A.1.constant", "A.1", "constant warmup W=3, ratio 0.5 (lr 0.02): k=0..3 -> 0.01, 0.01, 0.01, 0.02, in both by_epoch modes",
       [[0.01, 0.01, 0.01, 0.02], [0.01, 0.01, 0.01, 0.02]], close(1e-12))
def _a1():
    return [d.lrs(d.mmcv_run(dict(policy="fixed", by_epoch=be, warmup="constant", warmup_iters=3, warmup_ratio=0.5),
                             L=10, epochs=1))[:4] for be in (True, False)]


@claim("A.2.linear-1e-6", "A.2", "linear warmup with r=1e-6: MMCV's value at k=0 differs from r*R by ~3e-11 relative",
       3e-11, lambda real, exp: float(f"{real:.0e}") == exp)
def _a2_linear():
    v = d.lrs(d.mmcv_run(dict(policy="fixed", warmup="linear", warmup_iters=1500, warmup_ratio=1e-6), L=10, epochs=1))[0]
    return abs(v - 1e-6 * 0.02) / (1e-6 * 0.02)


@claim("A.2.exp", "A.2", "exp warmup W=4, r=0.01, R=0.02: 0.0002, 0.000632455..., 0.002, 0.00632455..., then 0.02",
       [0.0002, 0.000632455, 0.002, 0.00632455, 0.02], close(1e-6))
def _a2_exp():
    return d.lrs(d.mmcv_run(dict(policy="fixed", warmup="exp", warmup_iters=4, warmup_ratio=0.01), L=10, epochs=1))[:5]


# ---------------------------------------------------------------------------------------------------- A.3
@claim("A.3.step-unsorted", "A.3", "step [8,2] by epoch: MMCV keeps b until epoch 8, then b*g^2; MultiStepLR [8,2] decays at 2 and 8 (per-epoch lr, E=10)",
       [[0.02] * 8 + [0.0002] * 2, [0.02] * 2 + [0.002] * 6 + [0.0002] * 2], close(1e-9))
def _a3_unsorted():
    legacy = per_epoch(d.lrs(d.mmcv_run(dict(policy="step", step=[8, 2]), L=2, epochs=10)), 2)
    new = per_epoch(d.lrs(d.mmengine_run([dict(type="MultiStepLR", milestones=[8, 2], by_epoch=True)], L=2,
                                         epochs=10)), 2)
    return [legacy, new]


@claim("A.3.step-repeat", "A.3", "step [2,2,50] by epoch: 0.02, 0.02, 2e-4, 2e-4 (g^2 at epoch 2); MultiStepLR the same",
       [[0.02, 0.02, 2e-4, 2e-4]] * 2, close(1e-9))
def _a3_repeat():
    legacy = per_epoch(d.lrs(d.mmcv_run(dict(policy="step", step=[2, 2, 50]), L=2, epochs=4)), 2)
    new = per_epoch(d.lrs(d.mmengine_run([dict(type="MultiStepLR", milestones=[2, 2, 50], by_epoch=True)], L=2,
                                         epochs=4)), 2)
    return [legacy, new]


@claim("A.3.flatcos-round", "A.3", "FlatCosineAnnealing E=10, start_percent=0.25 -> S = round(2.5) = 2 (flat for epochs 0, 1)",
       2)
def _a3_flat():
    lr = per_epoch(d.lrs(d.mmcv_run(dict(policy="FlatCosineAnnealing", start_percent=0.25, min_lr=0.0), L=2,
                                    epochs=10)), 2)
    # annealing starts at S with the value b; the first epoch below b is S + 1
    return next(i for i, v in enumerate(lr) if v < 0.02) - 1


@claim("A.3.restart-error", "A.3", "CosineRestart: ValueError 'Current iteration ... exceeds cumulative_periods' once p >= sum(periods)",
       "ValueError: Current iteration", lambda real, exp: real.startswith(exp))
def _a3_restart():
    return err_text(lambda: d.mmcv_run(dict(policy="CosineRestart", periods=[3], min_lr=0.0), L=2, epochs=4))


@claim("A.3.cyclic-U0", "A.3", "cyclic with U = 0 and gamma=0.5: lr = 10*b at the start of the second cycle (not 5.5*b)",
       10.0, close(1e-12))
def _a3_cyclic_u0():
    lr = d.lrs(d.mmcv_run(dict(policy="cyclic", target_ratio=(10, 1e-4), step_ratio_up=0.0, cyclic_times=2,
                               gamma=0.5), L=10, epochs=2))
    return lr[10] / 0.02


@claim("A.3.cyclic-epochrunner", "A.3", "cyclic phases from runner.max_iters under EpochBasedRunner: E=5, L=10 -> U=20, lr(20) = 10*b",
       10.0, close(1e-12))
def _a3_cyclic_epoch():
    lr = d.lrs(d.mmcv_run(dict(policy="cyclic", target_ratio=(10, 1e-4)), L=10, epochs=5))
    return lr[20] / 0.02


@claim("A.3.onecycle-base", "A.3", "OneCycle max_lr 0.1 with optimizer lr 0.5 -> first lr 0.004 (optimizer lr ignored)",
       0.004, close(1e-12))
def _a3_onecycle():
    return d.lrs(d.mmcv_run(dict(policy="OneCycle", max_lr=0.1), optimizer=dict(type="SGD", lr=0.5, momentum=0.9),
                            L=10, epochs=1))[0]


# ---------------------------------------------------------------------------------------------------- A.4
@claim("A.4.adagrad", "A.4", "momentum hook on an optimizer without momentum/betas (Adagrad): KeyError: 'betas'",
       "KeyError: 'betas'")
def _a4_adagrad():
    return err_text(lambda: d.mmcv_run(dict(policy="fixed"), momentum_config=dict(policy="CosineAnnealing",
                                                                                   min_momentum=0.5),
                                       optimizer=dict(type="Adagrad", lr=0.02), L=2, epochs=1))


@claim("A.4.warmup-divides", "A.4", "momentum warmup divides: by-iteration cosine momentum (min 0.5), N=20, linear warmup W=3: 1.0, 0.9616, 0.9209, 0.8782, 0.8618",
       [1.0, 0.9616, 0.9209, 0.8782, 0.8618], lambda real, exp: [round(v, 4) for v in real] == exp)
def _a4_warmup():
    return d.moms(d.mmcv_run(dict(policy="fixed"), momentum_config=dict(policy="CosineAnnealing", min_momentum=0.5,
                                                                         by_epoch=False, warmup="linear",
                                                                         warmup_iters=3), L=10, epochs=2))[:5]


@claim("A.4.inert", "A.4", "inert momentum configs: (1) Step/Cosine/LinearAnnealing by_epoch=True under IterBasedRunner (warmup swallowed); (2) momentum 0; (3) milestones beyond the run",
       {"step-iterrunner": [0.9], "cosine-iterrunner+warmup": [0.9], "linear-iterrunner": [0.9], "momentum-0": [0.0],
        "milestones-beyond": [0.9]})
def _a4_inert():
    def distinct(values):
        return sorted(set(values))
    return {
        "step-iterrunner": distinct(d.moms(d.mmcv_run(dict(policy="fixed"), dict(policy="step", step=[1, 2]),
                                                      L=5, iters=20))),
        "cosine-iterrunner+warmup": distinct(d.moms(d.mmcv_run(
            dict(policy="fixed"), dict(policy="CosineAnnealing", min_momentum=0.5, warmup="linear", warmup_iters=5),
            L=5, iters=20))),
        "linear-iterrunner": distinct(d.moms(d.mmcv_run(dict(policy="fixed"),
                                                        dict(policy="LinearAnnealing", min_momentum=0.5),
                                                        L=5, iters=20))),
        "momentum-0": distinct(d.moms(d.mmcv_run(dict(policy="fixed"), dict(policy="step", step=[1, 2]),
                                                 optimizer=dict(type="SGD", lr=0.02, momentum=0.0), L=5, epochs=4))),
        "milestones-beyond": distinct(d.moms(d.mmcv_run(dict(policy="fixed"), dict(policy="step", step=[10, 20]),
                                                        L=5, epochs=4))),
    }


# ---------------------------------------------------------------------------------------------------- A.6 / B.5
def _cumulative(rec):
    steps = [s[0] for s in rec.steps]
    divisors = [round(1 / v) for v in rec.losses]
    return [steps, sorted(set(divisors[:24])), divisors[24:]]


@claim("A.6.cumulative", "A.6", "GradientCumulativeOptimizerHook c=4, N=25: steps after iterations 3, 7, 11, 15, 19, 23, 24; divisor 4 for 0-23, 1 for 24",
       [[3, 7, 11, 15, 19, 23, 24], [4], [1]])
def _a6():
    return _cumulative(d.mmcv_run(dict(policy="fixed"), optimizer_config=dict(type="GradientCumulativeOptimizerHook",
                                                                              cumulative_iters=4),
                                  L=5, epochs=5, record_losses=True, constant_loss=True))


@claim("B.5.accumulation", "B.5", "OptimWrapper accumulative_counts=4 in a Runner, N=25: steps after 3, 7, ..., 23, 24; divisors 4 then 1 (as A.6)",
       [[3, 7, 11, 15, 19, 23, 24], [4], [1]])
def _b5():
    return _cumulative(d.mmengine_run(None, L=5, epochs=5, optim_extra=dict(accumulative_counts=4), record_losses=True,
                                      constant_loss=True))


@claim("B.5.no-runner", "B.5", "OptimWrapper outside a Runner (no initialize_count_status): the trailing partial window never steps (steps 3...23 only)",
       [3, 7, 11, 15, 19, 23])
def _b5_manual():
    import torch
    from mmengine.optim import OptimWrapper
    p = torch.zeros(1, requires_grad=True)
    opt = torch.optim.SGD([p], lr=0.02)
    wrapper = OptimWrapper(opt, accumulative_counts=4)
    stepped = []
    original = opt.step

    def step(*a, **k):
        stepped.append(len(seen) - 1)
        return original(*a, **k)

    opt.step = step
    seen = []
    for i in range(25):
        seen.append(i)
        wrapper.update_params((p * 1.0).sum())
    return stepped


# ---------------------------------------------------------------------------------------------------- A.7
@claim("A.7.loss-scale-int", "A.7", "Fp16OptimizerHook: loss_scale int 512 -> ValueError; float 512.0 is accepted",
       ["ValueError", "ok"])
def _a7():
    from mmcv.runner import Fp16OptimizerHook
    return [err(lambda: Fp16OptimizerHook(loss_scale=512)), err(lambda: Fp16OptimizerHook(loss_scale=512.0))]


# ---------------------------------------------------------------------------------------------------- A.8 / A.9
@claim("A.8.poly-last", "A.8", "poly power 1, E=4: 0.02, 0.015, 0.01, 0.005 (min_lr never reached)",
       [0.02, 0.015, 0.01, 0.005], close(1e-12))
def _a8():
    return per_epoch(d.lrs(d.mmcv_run(dict(policy="poly", power=1.0), L=3, epochs=4)), 3)


@claim("A.9.byepoch-inert", "A.9", "IterBasedRunner: a by_epoch=True lr policy never changes the lr, its warmup included (lr stays at the base value)",
       [0.02])
def _a9_inert():
    return sorted(set(d.lrs(d.mmcv_run(dict(policy="step", step=[1], by_epoch=True, warmup="linear", warmup_iters=5),
                                       L=5, iters=20))))


@claim("A.9.warmup-by-epoch", "A.9", "IterBasedRunner + warmup_by_epoch=True: AssertionError in the first before_train_iter",
       ["AssertionError", 0])
def _a9_crash():
    rec_steps = []
    try:
        d.mmcv_run(dict(policy="fixed", warmup="linear", warmup_iters=1, warmup_by_epoch=True), L=5, iters=10)
        return ["ok", None]
    except Exception as exc:  # noqa: BLE001
        import traceback
        frames = [f.name for f in traceback.extract_tb(exc.__traceback__)]
        return [type(exc).__name__, 0 if "before_train_iter" in frames else frames[-3:]]


@claim("A.9.epoch-lag", "A.9", "IterBasedRunner's runner.epoch lags one iteration (L=10): 0 at k=10, 1 at k=11, 1 at k=20, 2 at k=21; inner_iter always 0",
       [[0, 1, 1, 2], [0]])
def _a9_lag():
    rec = d.mmcv_run(dict(policy="fixed"), L=10, iters=30)
    by_k = {s[0]: s[1] for s in rec.steps}
    return [[by_k[10], by_k[11], by_k[20], by_k[21]], sorted(set(s[2] for s in rec.steps))]


# ---------------------------------------------------------------------------------------------------- B.2-B.4
@claim("B.2.exp-gamma", "B.2", "ExponentialLR accepts gamma > 1 (no range check): 0.02, 0.03, 0.045",
       [0.02, 0.03, 0.045], close(1e-12))
def _b2_exp():
    return d.lrs(d.mmengine_run([dict(type="ExponentialLR", gamma=1.5, by_epoch=False)], L=3, epochs=1))


@claim("B.2.adagrad", "B.2", "momentum scheduler on Adagrad: ValueError 'optimizer must support momentum'",
       "ValueError", lambda real, exp: real.startswith(exp) and "momentum" in real)
def _b2_adagrad():
    return err_text(lambda: d.mmengine_run([dict(type="CosineAnnealingMomentum", T_max=2, by_epoch=True)],
                                           optimizer=dict(type="Adagrad", lr=0.02), L=2, epochs=1))


@claim("B.3.epoch-in-iterloop", "B.3", "IterBasedTrainLoop + by_epoch=True scheduler without end: LinearLR(start_factor=0.1) trains at 0.1*b, ConstantLR(0.5) at 0.5*b, MultiStepLR at b throughout",
       {"LinearLR": [0.002], "ConstantLR": [0.01], "MultiStepLR": [0.02]},
       lambda real, exp: all(len(real[k]) == 1 and abs(real[k][0] - exp[k][0]) < 1e-15 for k in exp))
def _b3():
    out = {}
    for cfg in (dict(type="LinearLR", start_factor=0.1), dict(type="ConstantLR", factor=0.5),
                dict(type="MultiStepLR", milestones=[1])):
        out[cfg["type"]] = sorted(set(d.lrs(d.mmengine_run([cfg], L=5, iters=20))))
    return out


@claim("B.4.end-1", "B.4", "an epoch-based scheduler without end in an iteration loop gets end = 1 (IterBasedTrainLoop.max_epochs = 1)",
       1)
def _b4():
    return d.mmengine_run([dict(type="LinearLR", start_factor=0.1)], L=5, iters=20).schedulers[0]["end"]


# ---------------------------------------------------------------------------------------------------- C.0
@claim("C.0.2.convert-iterloop", "C.0.2", "by_epoch=True + convert_to_iter_based in an IterBasedTrainLoop: default end = 1 epoch = L iterations, so a cosine ends after L iterations (L=10, 30 iterations)",
       [10, True], note="the lr stops moving after L iterations, frozen at its last in-range value "
                         "(b*(1+cos(0.9*pi))/2 = 4.9e-4 here), not at eta_min")
def _c02():
    lr = d.lrs(d.mmengine_run([dict(type="CosineAnnealingLR", by_epoch=True, convert_to_iter_based=True, eta_min=0.0)],
                              L=10, iters=30))
    last_change = max(i for i in range(1, len(lr)) if lr[i] != lr[i - 1])
    return [last_change + 1, len(set(lr[last_change:])) == 1]


# ---------------------------------------------------------------------------------------------------- C.1-C.3
def _dev_epoch(lr_config, sched, L=10, epochs=12, groups=1):
    a = d.mmcv_run(lr_config, L=L, epochs=epochs, groups=groups)
    b = d.mmengine_run(sched, L=L, epochs=epochs, groups=groups)
    return max(d.max_dev([s[3][g] for s in a.steps], [s[3][g] for s in b.steps])[1] for g in range(groups))


@claim("C.1.unsorted", "C.1", "unsorted step lists: running maxima exact; the list as given: 0.5-0.75 relative (three lists)",
       [0.0, 0.0, 0.0, [0.5, 0.75]],
       lambda real, exp: real[:3] == exp[:3] and all(exp[3][0] <= v <= exp[3][1] for v in real[3]),
       note="the reference does not name its three lists or gamma; measured with [8,2], [11,8,2], [8,2,11] and gamma 0.5 "
            "(with the default gamma 0.1 the list as given deviates by 0.9-0.99)")
def _c1_unsorted():
    lists = [[8, 2], [11, 8, 2], [8, 2, 11]]
    exact, given = [], []
    for steps in lists:
        top, fixed = 0, []
        for s in steps:
            top = max(top, s)
            fixed.append(top)
        exact.append(_dev_epoch(dict(policy="step", step=steps, gamma=0.5),
                                [dict(type="MultiStepLR", milestones=fixed, gamma=0.5, by_epoch=True)]))
        given.append(round(_dev_epoch(dict(policy="step", step=steps, gamma=0.5),
                                      [dict(type="MultiStepLR", milestones=steps, gamma=0.5, by_epoch=True)]), 12))
    return exact + [given]


@claim("C.1.minlr-chain", "C.1", "Step [4,8,11] with min_lr=1e-4: one single-milestone MultiStepLR per milestone with gamma_j = max(b g^j, x)/max(b g^(j-1), x) is exact (0.0)",
       0.0)
def _c1_chain():
    b, g, x = 0.02, 0.1, 1e-4
    chain = [dict(type="MultiStepLR", milestones=[m], gamma=max(b * g ** j, x) / max(b * g ** (j - 1), x), by_epoch=True)
             for j, m in enumerate([4, 8, 11], start=1)]
    return _dev_epoch(dict(policy="step", step=[4, 8, 11], min_lr=x), chain)


@claim("C.2.inv-chain", "C.2", "inv by epoch: one MultiStepLR(milestones=[e], gamma=((1+g(e-1))/(1+g e))**power) per epoch is exact (3e-16, two groups)",
       3e-16, lambda real, exp: real < 1e-15)
def _c2_inv():
    gamma, power = 0.1, 0.5
    chain = [dict(type="MultiStepLR", milestones=[e], gamma=((1 + gamma * (e - 1)) / (1 + gamma * e)) ** power,
                  by_epoch=True) for e in range(1, 12)]
    return _dev_epoch(dict(policy="inv", gamma=gamma, power=power), chain, groups=2)


@claim("C.3.flatcos-S", "C.3", "FlatCosine by iteration (min_lr_ratio 0.01) with linear warmup W=15: S=14 exact, S=13 1.4e-7, S=12 6.9e-7",
       [0.0, 1.4e-7, 6.9e-7], lambda real, exp: real[0] < 1e-13 and sig2(real[1:], exp[1:]))
def _c3_flat():
    import c9
    out = []
    for S in (14, 13, 12):
        lcfg = dict(policy="FlatCosineAnnealing", start_percent=(S + 0.1) / 120, min_lr_ratio=0.01, by_epoch=False,
                    warmup="linear", warmup_iters=15, warmup_ratio=0.1)
        sched = c9.recommended_warmup("linear") + [dict(type="CosineAnnealingLR", begin=S, end=120, T_max=120 - S,
                                                        eta_min_ratio=0.01, by_epoch=False)]
        out.append(_dev_epoch(lcfg, sched))
    return out


@claim("C.3.momentum-factor", "C.3", "ConstantMomentum/LinearMomentum reject factors > 1 (ValueError for 1/0.9)",
       ["ValueError", "ValueError"])
def _c3_factor():
    return [err(lambda: d.mmengine_run([dict(type="ConstantMomentum", factor=1 / 0.9, by_epoch=False, end=3)], L=3,
                                       epochs=1)),
            err(lambda: d.mmengine_run([dict(type="LinearMomentum", start_factor=1 / 0.9, by_epoch=False, end=3)], L=3,
                                       epochs=1))]


# ---------------------------------------------------------------------------------------------------- C.4
@claim("C.4.restart-weights", "C.4", "CosineRestart with min_lr_ratio 0.05, weights 1/0.7/0.3: unadjusted 10% relative; adjusted w+(1-w)*ratio 2e-16",
       [0.1, 2e-16], lambda real, exp: float(f"{real[0]:.0e}") == exp[0] and real[1] < 1e-15,
       note="periods [4,4,4] by epoch (the C.9 setting); the reference does not give the periods for this line")
def _c4_restart():
    weights = [1, 0.7, 0.3]
    lcfg = dict(policy="CosineRestart", periods=[4, 4, 4], restart_weights=weights, min_lr_ratio=0.05)
    raw = _dev_epoch(lcfg, [dict(type="CosineRestartLR", periods=[4, 4, 4], restart_weights=weights,
                                 eta_min_ratio=0.05, by_epoch=True)])
    adj = _dev_epoch(lcfg, [dict(type="CosineRestartLR", periods=[4, 4, 4],
                                 restart_weights=[w + (1 - w) * 0.05 for w in weights], eta_min_ratio=0.05,
                                 by_epoch=True)])
    return [raw, adj]


@claim("C.4.cyclic-gamma", "C.4", "cyclic -> CosineRestart segments exact also with gamma=0.5, 3 cycles plus a tail, two groups",
       0.0, lambda real, exp: real < 1e-13, note="N=125 (L=25, E=5), cyclic_times=3 -> Pc=41, a 2-iteration tail")
def _c4_cyclic():
    import c9
    lp = dict(policy="cyclic", target_ratio=(10, 1e-4), step_ratio_up=0.4, cyclic_times=3, gamma=0.5)
    a = d.mmcv_run(lp, L=25, epochs=5, groups=2)
    b = d.mmengine_run(c9.cyclic_segments(lp, 125), L=25, epochs=5, groups=2)
    return max(d.max_dev([s[3][g] for s in a.steps], [s[3][g] for s in b.steps])[1] for g in range(2))


@claim("C.4.cyclic-U0", "C.4", "cyclic with U=0, gamma=0.5: one segment per cycle (weight r0, eta_min_ratio 1-s+r1*s) exact; the general second segment: 0.99 relative",
       [0.0, 0.99], lambda real, exp: real[0] < 1e-13 and f"{real[1]:.2f}" in ("0.99", "1.00"))
def _c4_u0():
    import c9
    lp = dict(policy="cyclic", target_ratio=(10, 1e-4), step_ratio_up=0.0, cyclic_times=2, gamma=0.5)
    a = d.lrs(d.mmcv_run(lp, L=10, epochs=12))
    exact = d.max_dev(a, d.lrs(d.mmengine_run(c9.cyclic_segments(lp, 120), L=10, epochs=12)))[1]
    second = []
    for c in range(2):
        s = 0.5 ** c
        second.append(dict(type="CosineRestartLR", periods=[60], restart_weights=[1 - s + 10 * s], eta_min_ratio=1e-4,
                           begin=c * 60, end=(c + 1) * 60, by_epoch=False))
    wrong = d.max_dev(a, d.lrs(d.mmengine_run(second, L=10, epochs=12)))[1]
    return [exact, wrong]


@claim("C.4.onecycle", "C.4", "OneCycleLR: bitwise identical for max_lr=0.02; other max_lr differ in the last bit at most (<= 5e-16 relative)",
       [0.0, 5e-16], lambda real, exp: real[0] == 0.0 and real[1] <= 5e-16)
def _c4_onecycle():
    out = []
    for max_lr in (0.02, 0.1):
        a = d.lrs(d.mmcv_run(dict(policy="OneCycle", max_lr=max_lr), L=10, epochs=12))
        b = d.lrs(d.mmengine_run([dict(type="OneCycleLR", eta_max=max_lr, by_epoch=False)], L=10, epochs=12))
        out.append(d.max_dev(a, b)[1])
    return out


# ---------------------------------------------------------------------------------------------------- C.8
@claim("C.8.1.milestone", "C.8", "the guide's MultiStepLR(milestone=...) typo: TypeError unexpected keyword argument 'milestone'",
       "TypeError", lambda real, exp: real.startswith(exp) and "'milestone'" in real)
def _c8_1():
    return err_text(lambda: d.mmengine_run([dict(type="MultiStepLR", milestone=[8, 11], by_epoch=True)], L=2, epochs=2))


@claim("C.8.2.exp-power", "C.8", "the guide's MMCV side dict(policy='exp', power=0.5): TypeError (no power, gamma required)",
       "TypeError")
def _c8_2():
    return err(lambda: d.mmcv_run(dict(policy="exp", power=0.5), L=2, epochs=2))


# ---------------------------------------------------------------------------------------------------- E.15
@claim("E.15.types", "E.15", "MMCV type checks: Cyclic target_ratio list -> ValueError, tuple -> ok; OneCycle pct_start=1 -> ValueError; FlatCosine start_percent=1 -> ValueError",
       {"target_ratio list": "ValueError", "target_ratio tuple": "ok", "pct_start 1": "ValueError",
        "start_percent 1": "ValueError"})
def _e15():
    return {
        "target_ratio list": err(lambda: d.mmcv_run(dict(policy="cyclic", target_ratio=[10, 1e-4]), L=2, epochs=1)),
        "target_ratio tuple": err(lambda: d.mmcv_run(dict(policy="cyclic", target_ratio=(10, 1e-4)), L=2, epochs=1)),
        "pct_start 1": err(lambda: d.mmcv_run(dict(policy="OneCycle", max_lr=0.02, pct_start=1), L=2, epochs=1)),
        "start_percent 1": err(lambda: d.mmcv_run(dict(policy="FlatCosineAnnealing", start_percent=1, min_lr=0.0),
                                                  L=2, epochs=1)),
    }
