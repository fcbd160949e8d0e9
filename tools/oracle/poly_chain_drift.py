"""How far the REAL MMEngine 0.10.7 PolyLR (chained: each step multiplies lr - eta_min by a factor) drifts
from the REAL MMCV 1.7.2 PolyLrUpdaterHook (closed form at every iteration) over long runs, against the
a-priori bound hookmigrate's symbolic comparison uses (Sources/HookMigrateRuntime/Equivalence/PolySpanBound.swift,
docs/equivalence.md "Poly spans compared symbolically").

For each schedule: an SGD optimizer with one parameter, the PolyLR of a conversion (begin=0, end=N+1,
by_epoch=False) stepped once per iteration, and the MMCV hook's get_lr at every iteration (a stub runner
with .iter and .max_iters). Prints, per schedule, the largest |mmcv - mmengine| / mmengine over the whole
run and over each span between checkpoints (N/10 iterations, as mmsegmentation's configs), and the bound
for the same spans; the bound must be above every measured drift, and below the proof's rtol of 1e-9 for
the spans to be compared symbolically.

    .venv-oracle/bin/python tools/oracle/poly_chain_drift.py [--quick]
"""
import json
import math
import sys

import torch
from mmcv.runner.hooks.lr_updater import PolyLrUpdaterHook
from mmengine.optim.scheduler import PolyLR

UNIT = sys.float_info.epsilon / 2
POW_ERROR = 4 * UNIT


class StubRunner:
    def __init__(self, max_iters):
        self.iter = 0
        self.max_iters = max_iters
        self.epoch = 0
        self.max_epochs = None


def bound(start, count, max_iters, power, min_lr, legacy_first, new_first, rtol=1e-9):
    """PolySpanBound.check, line by line: (bound, limit) or None."""
    u = UNIT
    last = start + count - 1

    def coefficient_error(i):
        loss = u * (i / (max_iters - i) + 1) * 1.01
        if power * loss > 1e-3:
            return None
        return 1.01 * (power * loss + POW_ERROR)

    first_error, last_error = coefficient_error(start), coefficient_error(last)
    if first_error is None or last_error is None:
        return None
    legacy_error = 1.01 * ((first_error + 2 * u) * (legacy_first - min_lr) * 1.01 + u * legacy_first)
    delta = (abs(legacy_first - new_first) + legacy_error) / new_first
    theta = 1.01 * (1.01 * (2 * power * u + POW_ERROR) + 2 * u)
    kappa = count * (theta + u) * 1.01
    if kappa > 1e-3:
        return None
    return (last_error + 3 * u) * 1.01 * (1 + delta) + delta + kappa, rtol * (1 - kappa) * 0.99


def run(lr, power, min_lr, max_iters):
    param = torch.nn.Parameter(torch.zeros(1))
    optimizer = torch.optim.SGD([param], lr=lr, momentum=0.9)
    scheduler = PolyLR(optimizer, eta_min=min_lr, power=power, begin=0, end=max_iters + 1, by_epoch=False)
    hook = PolyLrUpdaterHook(power=power, min_lr=min_lr, by_epoch=False)
    runner = StubRunner(max_iters)
    legacy, new = [], []
    for i in range(max_iters):
        runner.iter = i
        legacy.append(hook.get_lr(runner, lr))
        new.append(optimizer.param_groups[0]['lr'])
        scheduler.step()
    return legacy, new


def main():
    quick = '--quick' in sys.argv
    schedules = [
        # mmsegmentation's most common schedules, and a long and a linear one.
        (0.01, 0.9, 1e-4, 160_000), (0.01, 0.9, 1e-4, 80_000), (0.004, 0.9, 1e-4, 40_000),
        (6e-5, 1.0, 0.0, 160_000), (0.01, 0.9, 1e-4, 320_000),
    ]
    if quick:
        schedules = [(0.01, 0.9, 1e-4, 20_000)]
    results = []
    for lr, power, min_lr, max_iters in schedules:
        legacy, new = run(lr, power, min_lr, max_iters)
        whole = max(abs(a - b) / b for a, b in zip(legacy, new))
        interval = max_iters // 10
        spans = []
        # The spans of an mmseg run: from the iteration after each checkpoint to the one before the next
        # (the first from iteration 1, the last up to N - 2), as the proof's quiet spans are cut.
        for k in range(10):
            start = max(1, k * interval + 1)
            stop = min((k + 1) * interval - 2, max_iters - 2)
            count = stop - start + 1
            drift = max(abs(legacy[i] - new[i]) / new[i] for i in range(start, stop + 1))
            checked = bound(start, count, max_iters, power, min_lr, legacy[start], new[start])
            spans.append({'start': start, 'count': count, 'measured': drift,
                          'bound': checked[0] if checked else None, 'limit': checked[1] if checked else None})
        whole_bound = bound(1, max_iters - 2, max_iters, power, min_lr, legacy[1], new[1])
        results.append({'lr': lr, 'power': power, 'min_lr': min_lr, 'max_iters': max_iters, 'measured_whole_run': whole,
                        'bound_whole_run': whole_bound[0] if whole_bound else None, 'spans': spans})
        worst = max(spans, key=lambda s: s['measured'])
        ok = all(s['bound'] is not None and s['measured'] <= s['bound'] for s in spans)
        proven = all(s['bound'] is not None and s['bound'] <= s['limit'] for s in spans)
        print(f"lr {lr} power {power} min_lr {min_lr} N {max_iters}: drift over the run {whole:.3e} "
              f"(bound as one span {whole_bound[0] if whole_bound else float('nan'):.3e}); "
              f"per span: largest drift {worst['measured']:.3e}, largest bound {max(s['bound'] or math.inf for s in spans):.3e}; "
              f"bound above every drift: {ok}; every span proven at rtol 1e-9: {proven}")
    if '--json' in sys.argv:
        print(json.dumps(results, indent=1))


if __name__ == '__main__':
    main()
