"""schedules.md C.9: the measured deviation table, re-measured with the real libraries.

Setting (C.9): EpochBasedRunner / EpochBasedTrainLoop, L = 10, E = 12 (N = 120), SGD lr 0.02 momentum 0.9, one
param group. Each cell = max relative lr deviation over the 120 optimizer steps between the real MMCV run of
the legacy lr_config and the real MMEngine run of its translation: recommended (C.1-C.4, written out below
from the reference's own mapping) / official (the migration guide's forms, C.8, as far as C.9 defines them).
"""
import math

L, E = 10, 12
N = L * E
LR = 0.02

# The reference's table (schedules.md C.9), verbatim.
CLAIMED_TABLE = """
| fixed | T | ≈0 / ≈0 | ≈0 / 9.0e+00 | ≈0 / 6.4e-02 | ≈0 / 9.0e+00 | ≈0 / 4.7e-02 | ≈0 / 2.2e-01 |
| fixed | F | ≈0 / ≈0 | ≈0 / 9.0e+00 | ≈0 / 6.4e-02 | ≈0 / 9.0e+00 | ≈0 / 4.7e-02 | ≈0 / 2.2e-01 |
| step-int | T | ≈0 / ≈0 | ≈0 / 9.0e+00 | ≈0 / 6.4e-02 | ≈0 / 9.0e+00 | ≈0 / 4.7e-02 | ≈0 / 2.2e-01 |
| step-int | F | ≈0 / ≈0 | ≈0 / 9.0e+00 | ≈0 / 6.4e-02 | ≈0 / 9.0e+00 | ≈0 / 4.7e-02 | ≈0 / 2.2e-01 |
| step-list | T | ≈0 / ≈0 | ≈0 / 9.0e+00 | ≈0 / 6.4e-02 | ≈0 / 9.0e+00 | ≈0 / 4.7e-02 | ≈0 / 2.2e-01 |
| step-list | F | ≈0 / ≈0 | ≈0 / 9.0e+00 | ≈0 / 6.4e-02 | ≈0 / 9.0e+00 | ≈0 / 4.7e-02 | ≈0 / 2.2e-01 |
| step-list-minlr | T | 8.0e-01 / 8.0e-01 | 8.0e-01 / 9.0e+00 | 8.0e-01 / 8.0e-01 | 8.0e-01 / 9.0e+00 | 8.0e-01 / 8.0e-01 | 8.0e-01 / 8.0e-01 |
| step-list-minlr | F | 8.0e-01 / 8.0e-01 | 8.0e-01 / 1.0e+00 | 8.0e-01 / 8.0e-01 | 8.0e-01 / 9.0e+00 | 8.0e-01 / 8.0e-01 | 8.0e-01 / 8.0e-01 |
| exp | T | ≈0 / ≈0 | ≈0 / 9.0e+00 | ≈0 / 6.4e-02 | ≈0 / 9.0e+00 | ≈0 / 4.7e-02 | ≈0 / 2.2e-01 |
| exp | F | ≈0 / ≈0 | ≈0 / 9.0e+00 | ≈0 / 6.4e-02 | ≈0 / 9.0e+00 | ≈0 / 4.7e-02 | ≈0 / 2.2e-01 |
| poly | T | ≈0 / 9.6e-01 | 3.7e-03 / 9.0e+00 | 1.7e-04 / 9.6e-01 | 4.7e-04 / 9.0e+00 | 3.3e-04 / 9.6e-01 | ≈0 / 9.6e-01 |
| poly | F | ≈0 / 7.3e-01 | 5.3e-03 / 9.0e+00 | 7.7e-04 / 7.3e-01 | 1.6e-03 / 9.0e+00 | 1.1e-03 / 7.3e-01 | 1.7e-04 / 7.3e-01 |
| poly-min0 | T | ≈0 / 1.0e+00 | ≈0 / 8.9e+00 | ≈0 / 1.0e+00 | ≈0 / 9.0e+00 | ≈0 / 1.0e+00 | ≈0 / 1.0e+00 |
| poly-min0 | F | ≈0 / 1.0e+00 | ≈0 / 9.0e+00 | ≈0 / 1.0e+00 | ≈0 / 9.0e+00 | ≈0 / 1.0e+00 | ≈0 / 1.0e+00 |
| inv | T | — / — | — / — | — / — | — / — | — / — | — / — |
| inv | F | — / — | — / — | — / — | — / — | — / — | — / — |
| cos-minlr | T | ≈0 / ≈0 | 7.8e-04 / 9.0e+00 | 3.7e-05 / 6.4e-02 | 1.0e-04 / 9.0e+00 | 7.1e-05 / 4.7e-02 | ≈0 / 2.2e-01 |
| cos-minlr | F | ≈0 / ≈0 | 1.5e-03 / 9.0e+00 | 1.1e-04 / 6.4e-02 | 2.6e-04 / 9.0e+00 | 2.0e-04 / 4.7e-02 | 9.0e-06 / 2.2e-01 |
| cos-ratio | T | ≈0 / ≈0 | 1.6e-03 / 9.0e+00 | 7.4e-05 / 6.4e-02 | 2.0e-04 / 9.0e+00 | 1.4e-04 / 4.7e-02 | ≈0 / 2.2e-01 |
| cos-ratio | F | ≈0 / ≈0 | 3.1e-03 / 9.0e+00 | 2.2e-04 / 6.4e-02 | 5.2e-04 / 9.0e+00 | 4.1e-04 / 4.8e-02 | 1.8e-05 / 2.2e-01 |
| cos-min0 | T | ≈0 / ≈0 | ≈0 / 9.0e+00 | ≈0 / 6.4e-02 | ≈0 / 9.0e+00 | ≈0 / 4.7e-02 | ≈0 / 2.2e-01 |
| cos-min0 | F | ≈0 / ≈0 | ≈0 / 9.0e+00 | ≈0 / 6.4e-02 | ≈0 / 9.0e+00 | ≈0 / 4.7e-02 | ≈0 / 2.2e-01 |
| flatcos | T | ≈0 / ≈0 | ≈0 / 9.0e+00 | ≈0 / 6.4e-02 | ≈0 / 9.0e+00 | ≈0 / 4.7e-02 | ≈0 / 2.2e-01 |
| flatcos | F | ≈0 / ≈0 | ≈0 / 9.0e+00 | ≈0 / 6.4e-02 | ≈0 / 9.0e+00 | ≈0 / 4.7e-02 | ≈0 / 2.2e-01 |
| linann-ratio | T | ≈0 / 8.9e-01 | ≈0 / 8.9e+00 | ≈0 / 8.9e-01 | ≈0 / 9.0e+00 | ≈0 / 8.9e-01 | ≈0 / 8.9e-01 |
| linann-ratio | F | ≈0 / 4.5e-01 | ≈0 / 9.0e+00 | ≈0 / 4.5e-01 | ≈0 / 9.0e+00 | ≈0 / 4.5e-01 | ≈0 / 4.5e-01 |
| linann-minlr | T | ≈0 / 9.4e-01 | 4.1e-03 / 8.9e+00 | 1.9e-04 / 9.4e-01 | 5.2e-04 / 9.0e+00 | 3.7e-04 / 9.4e-01 | ≈0 / 9.4e-01 |
| linann-minlr | F | ≈0 / 6.2e-01 | 5.9e-03 / 9.0e+00 | 8.5e-04 / 6.2e-01 | 1.7e-03 / 9.0e+00 | 1.2e-03 / 6.2e-01 | 1.9e-04 / 6.2e-01 |
| restart-w1 | T | ≈0 / ≈0 | 7.7e-03 / 9.9e+01 | 3.7e-04 / 9.6e+00 | 9.9e-04 / 9.0e+00 | 7.0e-04 / 9.5e+00 | ≈0 / 1.1e+01 |
| restart-w1 | F | ≈0 / ≈0 | 2.0e-02 / 9.9e+01 | 1.5e-03 / 9.6e+00 | 3.4e-03 / 9.0e+00 | 2.8e-03 / 9.4e+00 | 2.2e-04 / 1.1e+01 |
| restart-w | T | ≈0 / 1.2e-02 | 7.7e-03 / 9.9e+01 | 3.7e-04 / 9.6e+00 | 9.9e-04 / 9.0e+00 | 7.0e-04 / 9.5e+00 | ≈0 / 1.1e+01 |
| restart-w | F | ≈0 / 1.2e-02 | 2.0e-02 / 9.9e+01 | 1.5e-03 / 9.6e+00 | 3.4e-03 / 9.0e+00 | 2.8e-03 / 9.4e+00 | 2.2e-04 / 1.1e+01 |
| restart-w-min0 | T | ≈0 / ≈0 | ≈0 / 9.9e+01 | ≈0 / 9.6e+00 | ≈0 / 9.0e+00 | ≈0 / 9.5e+00 | ≈0 / 1.1e+01 |
| restart-w-min0 | F | ≈0 / ≈0 | ≈0 / 9.9e+01 | ≈0 / 9.6e+00 | ≈0 / 9.0e+00 | ≈0 / 9.5e+00 | ≈0 / 1.1e+01 |
| cyclic-1 | F | ≈0 / 9.6e-04 | 6.7e+00 / 6.3e+01 | 7.9e-01 / 6.3e-01 | 1.7e+00 / 9.0e+00 | 1.0e+00 / 8.6e-01 | 2.4e-01 / 2.9e-01 |
| cyclic-2 | F | ≈0 / 4.9e+02 | 8.6e+00 / 4.9e+02 | 1.6e+00 / 4.9e+02 | 3.1e+00 / 4.9e+02 | 2.0e+00 / 4.9e+02 | 7.0e-01 / 4.9e+02 |
| onecycle | F | ≈0 / ≈0 | 9.0e+00 / 9.0e+00 | 9.0e+00 / 9.0e+00 | 9.0e+00 / 9.0e+00 | 9.0e+00 / 9.0e+00 | 9.0e+00 / 9.0e+00 |
| onecycle-3ph-lin | F | ≈0 / ≈0 | 9.0e+00 / 9.0e+00 | 9.0e+00 / 9.0e+00 | 9.0e+00 / 9.0e+00 | 9.0e+00 / 9.0e+00 | 9.0e+00 / 9.0e+00 |
"""
WARMUPS = ["none", "constant", "linear", "exp", "linear-by-epoch", "linear-short"]


def parse_claims():
    out = {}
    for line in CLAIMED_TABLE.strip().splitlines():
        cells = [c.strip() for c in line.strip().strip("|").split("|")]
        row, by_epoch, values = cells[0], cells[1] == "T", cells[2:]
        for warmup, cell in zip(WARMUPS, values):
            rec, off = [c.strip() for c in cell.split("/")]
            out[(row, by_epoch, warmup)] = (rec, off)
    return out


# ------------------------------------------------------------------------------------------------ legacy forms
def legacy_policy(row, by_epoch):
    unit = 1 if by_epoch else L  # "by iteration the same numbers are iterations"; periods x L
    p = {
        "fixed": dict(policy="fixed"),
        "step-int": dict(policy="step", step=3, gamma=0.5),
        "step-list": dict(policy="step", step=[8, 11]),
        "step-list-minlr": dict(policy="step", step=[4, 8, 11], min_lr=1e-4),
        "exp": dict(policy="exp", gamma=0.8),
        "poly": dict(policy="poly", power=0.9, min_lr=1e-4),
        "poly-min0": dict(policy="poly", power=1.0, min_lr=0.0),
        "inv": dict(policy="inv", gamma=0.1, power=0.5),
        "cos-minlr": dict(policy="CosineAnnealing", min_lr=1e-4),
        "cos-ratio": dict(policy="CosineAnnealing", min_lr_ratio=0.01),
        "cos-min0": dict(policy="CosineAnnealing", min_lr=0.0),
        "flatcos": dict(policy="FlatCosineAnnealing", start_percent=0.75, min_lr_ratio=0.01),
        "linann-ratio": dict(policy="LinearAnnealing", min_lr_ratio=0.01),
        "linann-minlr": dict(policy="LinearAnnealing", min_lr=1e-4),
        "restart-w1": dict(policy="CosineRestart", periods=[4 * unit] * 3, restart_weights=[1, 1, 1], min_lr=1e-4),
        "restart-w": dict(policy="CosineRestart", periods=[4 * unit] * 3, restart_weights=[1, 0.7, 0.3],
                          min_lr=1e-4),
        "restart-w-min0": dict(policy="CosineRestart", periods=[4 * unit] * 3, restart_weights=[1, 0.7, 0.3],
                               min_lr=0.0),
        "cyclic-1": dict(policy="cyclic", target_ratio=(10, 1e-4), step_ratio_up=0.4, cyclic_times=1),
        "cyclic-2": dict(policy="cyclic", target_ratio=(10, 1e-4), step_ratio_up=0.4, cyclic_times=2),
        "onecycle": dict(policy="OneCycle", max_lr=0.02),
        "onecycle-3ph-lin": dict(policy="OneCycle", max_lr=0.02, three_phase=True, anneal_strategy="linear"),
    }[row]
    p = dict(p)
    if not row.startswith(("cyclic", "onecycle")):
        p["by_epoch"] = by_epoch
    return p


def legacy_warmup(warmup):
    return {
        "none": {},
        "constant": dict(warmup="constant", warmup_iters=15, warmup_ratio=0.1),
        "linear": dict(warmup="linear", warmup_iters=15, warmup_ratio=0.1),
        "exp": dict(warmup="exp", warmup_iters=15, warmup_ratio=0.1),
        "linear-by-epoch": dict(warmup="linear", warmup_iters=2, warmup_by_epoch=True, warmup_ratio=0.1),
        "linear-short": dict(warmup="linear", warmup_iters=5, warmup_ratio=0.1),
    }[warmup]


def legacy_config(row, by_epoch, warmup):
    cfg = legacy_policy(row, by_epoch)
    cfg.update(legacy_warmup(warmup))
    return cfg


def warmup_iters(warmup):
    return {"none": 0, "constant": 15, "linear": 15, "exp": 15, "linear-by-epoch": 20, "linear-short": 5}[warmup]


# ------------------------------------------------------------------------------------------------ recommended
def running_max(values):
    out, top = [], -math.inf
    for v in values:
        top = max(top, v)
        out.append(top)
    return out


def recommended(row, by_epoch, warmup, n_iters=N):
    """C.1-C.4 (C.0: units kept, warmups end=W+1, absolute schedulers first)."""
    H = E if by_epoch else n_iters
    U = by_epoch
    lp = legacy_policy(row, by_epoch)
    main, absolute = [], False
    if row == "fixed":
        pass
    elif row == "step-int":
        main = [dict(type="StepLR", step_size=lp["step"], gamma=lp["gamma"], by_epoch=U)]
    elif row in ("step-list", "step-list-minlr"):
        main = [dict(type="MultiStepLR", milestones=running_max(lp["step"]), gamma=lp.get("gamma", 0.1), by_epoch=U)]
    elif row == "exp":
        main = [dict(type="ExponentialLR", gamma=lp["gamma"], by_epoch=U)]
    elif row in ("poly", "poly-min0"):
        main = [dict(type="PolyLR", power=lp["power"], eta_min=lp["min_lr"], begin=0, end=H + 1, by_epoch=U)]
    elif row == "inv":
        return None
    elif row in ("cos-minlr", "cos-min0"):
        main = [dict(type="CosineAnnealingLR", T_max=H, begin=0, end=H, eta_min=lp["min_lr"], by_epoch=U)]
    elif row == "cos-ratio":
        main = [dict(type="CosineAnnealingLR", T_max=H, begin=0, end=H, eta_min_ratio=lp["min_lr_ratio"], by_epoch=U)]
    elif row == "flatcos":
        S = round(H * lp["start_percent"])
        main = [dict(type="CosineAnnealingLR", begin=S, end=H, T_max=H - S, eta_min_ratio=lp["min_lr_ratio"],
                     by_epoch=U)]
    elif row == "linann-ratio":
        main = [dict(type="LinearLR", start_factor=1.0, end_factor=lp["min_lr_ratio"], begin=0, end=H + 1, by_epoch=U)]
    elif row == "linann-minlr":
        main = [dict(type="PolyLR", power=1.0, eta_min=lp["min_lr"], begin=0, end=H + 1, by_epoch=U)]
    elif row.startswith("restart"):
        x = lp["min_lr"]
        weights = [w + (1 - w) * x / LR for w in lp["restart_weights"]]
        main = [dict(type="CosineRestartLR", periods=lp["periods"], restart_weights=weights, eta_min=x, by_epoch=U)]
        absolute = True
    elif row.startswith("cyclic"):
        main = cyclic_segments(lp, n_iters)
        absolute = True
    elif row.startswith("onecycle"):
        main = [dict(type="OneCycleLR", eta_max=lp["max_lr"], pct_start=0.3,
                     anneal_strategy=lp.get("anneal_strategy", "cos"), div_factor=25.0, final_div_factor=1e4,
                     three_phase=lp.get("three_phase", False), by_epoch=False)]
        absolute = True
    warm = recommended_warmup(warmup, n_iters)
    return main + warm if absolute else warm + main


def cyclic_segments(lp, n_iters, r0=None, r1=None, param="LR"):
    r0, r1 = lp["target_ratio"] if r0 is None else (r0, r1)
    times, up, gamma = lp.get("cyclic_times", 1), lp.get("step_ratio_up", 0.4), lp.get("gamma", 1)
    Pc = n_iters // times
    U = int(up * Pc)
    out, c = [], 0
    while c * Pc < n_iters:
        s = gamma ** c
        peak = 1 - s + r0 * s
        if U == 0:
            out.append(dict(type=f"CosineRestart{param}", periods=[Pc], restart_weights=[r0],
                            eta_min_ratio=1 - s + r1 * s, begin=c * Pc, end=(c + 1) * Pc, by_epoch=False))
        else:
            out.append(dict(type=f"CosineRestart{param}", periods=[U], restart_weights=[1.0], eta_min_ratio=peak,
                            begin=c * Pc, end=c * Pc + U, by_epoch=False))
            out.append(dict(type=f"CosineRestart{param}", periods=[Pc - U], restart_weights=[peak], eta_min_ratio=r1,
                            begin=c * Pc + U, end=(c + 1) * Pc, by_epoch=False))
        c += 1
    return out


def recommended_warmup(warmup, n_iters=N):
    W = warmup_iters(warmup)
    if warmup == "none":
        return []
    if warmup == "constant":
        return [dict(type="ConstantLR", factor=0.1, begin=0, end=W + 1, by_epoch=False)]
    if warmup == "exp":
        return [dict(type="ConstantLR", factor=0.1, begin=0, end=n_iters + 1, by_epoch=False),
                dict(type="ExponentialLR", gamma=0.1 ** (-1 / W), begin=0, end=W + 1, by_epoch=False)]
    return [dict(type="LinearLR", start_factor=0.1, end_factor=1.0, begin=0, end=W + 1, by_epoch=False)]


# ------------------------------------------------------------------------------------------------ official
def official(row, by_epoch, warmup):
    """The migration guide's forms (docs/en/migration/param_scheduler.md, C.8) with `milestone` -> `milestones`
    and the exp policy's gamma; step-int -> the guide's MultiStepLR pattern; cyclic -> the mmdet3d 1.x pattern."""
    H = E if by_epoch else N
    U = by_epoch
    lp = legacy_policy(row, by_epoch)
    if row == "fixed":
        main = [dict(type="ConstantLR", factor=1)]
    elif row == "step-int":
        main = [dict(type="MultiStepLR", milestones=list(range(lp["step"], H, lp["step"])), gamma=lp["gamma"],
                     by_epoch=U)]
    elif row in ("step-list", "step-list-minlr"):
        main = [dict(type="MultiStepLR", milestones=lp["step"], gamma=lp.get("gamma", 0.1), by_epoch=U)]
    elif row == "exp":
        main = [dict(type="ExponentialLR", gamma=lp["gamma"], begin=0, end=H, by_epoch=U)]
    elif row in ("poly", "poly-min0"):
        main = [dict(type="PolyLR", power=lp["power"], eta_min=lp["min_lr"], begin=0, end=H, by_epoch=U)]
    elif row == "inv":
        return None
    elif row in ("cos-minlr", "cos-min0"):
        main = [dict(type="CosineAnnealingLR", eta_min=lp["min_lr"], T_max=H, begin=0, end=H, by_epoch=U)]
    elif row == "cos-ratio":
        main = [dict(type="CosineAnnealingLR", eta_min_ratio=lp["min_lr_ratio"], T_max=H, begin=0, end=H, by_epoch=U)]
    elif row == "flatcos":
        main = [dict(type="ConstantLR", factor=1, begin=0, end=H * 0.75, by_epoch=U),
                dict(type="CosineAnnealingLR", eta_min_ratio=lp["min_lr_ratio"], begin=H * 0.75, end=H,
                     T_max=H * 0.25, by_epoch=U)]
    elif row == "linann-ratio":
        main = [dict(type="LinearLR", start_factor=1.0, end_factor=lp["min_lr_ratio"], begin=0, end=H, by_epoch=U)]
    elif row == "linann-minlr":
        main = [dict(type="LinearLR", start_factor=1.0, end_factor=lp["min_lr"] / LR, begin=0, end=H, by_epoch=U)]
    elif row.startswith("restart"):
        main = [dict(type="CosineRestartLR", periods=lp["periods"], restart_weights=lp["restart_weights"],
                     eta_min=lp["min_lr"], by_epoch=U)]
    elif row.startswith("cyclic"):
        up = int(0.4 * N)  # mmdet3d 1.x cyclic-20e.py: two CosineAnnealingLR with absolute eta_min, one cycle
        main = [dict(type="CosineAnnealingLR", T_max=up, eta_min=LR * 10, begin=0, end=up, by_epoch=False),
                dict(type="CosineAnnealingLR", T_max=N - up, eta_min=LR * 1e-4, begin=up, end=N, by_epoch=False)]
    elif row.startswith("onecycle"):
        main = [dict(type="OneCycleLR", eta_max=lp["max_lr"], pct_start=0.3,
                     anneal_strategy=lp.get("anneal_strategy", "cos"), div_factor=25.0, final_div_factor=1e4,
                     three_phase=lp.get("three_phase", False), by_epoch=False)]
    W = warmup_iters(warmup)
    warm = {"none": [],
            "constant": [dict(type="ConstantLR", factor=0.1, begin=0, end=W, by_epoch=False)],
            "exp": [dict(type="ExponentialLR", gamma=0.1, begin=0, end=W, by_epoch=False)]}.get(
        warmup, [dict(type="LinearLR", start_factor=0.1, begin=0, end=W, by_epoch=False)])
    return warm + main


ROWS = []
for line in CLAIMED_TABLE.strip().splitlines():
    cells = [c.strip() for c in line.strip().strip("|").split("|")]
    if (cells[0], cells[1] == "T") not in ROWS:
        ROWS.append((cells[0], cells[1] == "T"))


# ------------------------------------------------------------------------------------------------ measuring
def measure(row, by_epoch, warmup, groups=1, iter_runner=False):
    """-> dict(legacy=[lrs...], rec=(abs, rel) or error text, off=(abs, rel) or error text)."""
    import drivers
    out = {}
    run_kw = dict(iters=N) if iter_runner else dict(epochs=E)
    lcfg = legacy_config(row, by_epoch, warmup)
    if iter_runner:
        lcfg.pop("by_epoch", None)  # IterBasedRunner: lr_config without by_epoch (setdefault False)
    try:
        legacy = drivers.mmcv_run(lcfg, L=L, groups=groups, **run_kw)
    except Exception as exc:  # noqa: BLE001 - the real runner's verdict is the data
        return dict(legacy=f"{type(exc).__name__}: {exc}", rec=None, off=None)
    out["legacy"] = [s[3] for s in legacy.steps]
    for name, form in (("rec", recommended), ("off", official)):
        if iter_runner and name == "off":
            continue
        sched = form(row, by_epoch, warmup)
        if sched is None:
            out[name] = None
            continue
        try:
            new = drivers.mmengine_run(sched, L=L, groups=groups, **run_kw)
        except Exception as exc:  # noqa: BLE001
            out[name] = f"{type(exc).__name__}: {exc}"
            continue
        devs = []
        for g in range(groups):
            devs.append(drivers.max_dev([s[3][g] for s in legacy.steps], [s[3][g] for s in new.steps]))
        out[name] = (max(d[0] for d in devs), max(d[1] for d in devs), [d[1] for d in devs],
                     max(s[3][0] for s in new.steps))
    return out


def fmt(value):
    if value is None:
        return "—"
    if isinstance(value, str):
        return "error"
    if value < 1e-13:
        return "≈0"
    return f"{value:.1e}"


def cell_id(row, by_epoch, warmup, groups=1, iter_runner=False):
    return (f"C.9 {row} {'T' if by_epoch else 'F'} {warmup}" + (" 2-groups" if groups == 2 else "")
            + (" IterBasedRunner" if iter_runner else ""))


def _task(args):
    import drivers
    row, by_epoch, warmup, groups, iter_runner = args
    drivers.LOG.clear()
    drivers.CONTEXT["check"] = cell_id(row, by_epoch, warmup, groups, iter_runner)
    m = measure(row, by_epoch, warmup, groups, iter_runner)
    legacy = m.pop("legacy")
    m["legacy_error"] = legacy if isinstance(legacy, str) else None
    return [row, by_epoch, warmup, groups, iter_runner, m, list(drivers.LOG)]


def tasks():
    out = []
    for row, by_epoch in ROWS:
        for warmup in WARMUPS:
            out.append((row, by_epoch, warmup, 1, False))
            out.append((row, by_epoch, warmup, 2, False))
            if not by_epoch:
                out.append((row, by_epoch, warmup, 1, True))
    return out


def run_all(processes=2):
    import multiprocessing
    with multiprocessing.get_context("fork").Pool(processes) as pool:
        return pool.map(_task, tasks(), chunksize=4)
