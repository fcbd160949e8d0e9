"""How far the REAL MMEngine 0.10.7 CosineRestartLR and CosineAnnealingLR (chained: each step multiplies
lr - eta_min by a ratio of two 1 + cos terms) drift from the REAL MMCV 1.7.2 CosineRestartLrUpdaterHook and
CosineAnnealingLrUpdaterHook (closed form at every iteration) over mmediting's long runs, against the
a-priori bound hookmigrate's symbolic comparison uses (Sources/HookMigrateRuntime/Equivalence/CosineSpanBound.swift,
docs/equivalence.md "Cosine spans compared symbolically").

For each schedule: an Adam optimizer with one parameter, the scheduler of a conversion (CosineRestartLR with
the hook's periods and restart weights, or CosineAnnealingLR with T_max = N, begin=0, end=N; eta_min = min_lr;
by_epoch=False) stepped once per iteration, and the hook's get_lr at every iteration (a stub runner with .iter
and .max_iters). The runs are cut into the spans of a proof between checkpoints (every 5,000 iterations, as
mmediting's configs save). Per span it prints the largest |mmcv - mmengine| / mmengine, the bound, and how
much of the span the bound proves (the longest first part whose bound stays within rtol 1e-9, as the proof
finds it by bisection); the bound must be above every measured drift over the part it proves.

    .venv-oracle/bin/python tools/oracle/cosine_chain_drift.py [--quick] [--json]
"""
import json
import math
import sys

import torch
from mmcv.runner.hooks.lr_updater import CosineAnnealingLrUpdaterHook, CosineRestartLrUpdaterHook
from mmengine.optim.scheduler import CosineAnnealingLR, CosineRestartLR

UNIT = sys.float_info.epsilon / 2
COS_ERROR = 4 * UNIT
TERM_MARGIN = 1e-12


class StubRunner:
    def __init__(self, max_iters):
        self.iter = 0
        self.max_iters = max_iters
        self.epoch = 0
        self.max_epochs = None


def exact_term(q, period):
    if 2 * q <= period:
        half = math.cos(math.pi * q / (2 * period))
    else:
        half = math.sin(math.pi * (period - q) / (2 * period))
    return 2 * half * half


def bound(first_position, count, period, floor, amplitude, legacy_first, new_first, new_term, rtol=1e-9):
    """CosineSpanBound.check, line by line: (bound, limit) or None."""
    u = UNIT
    last = first_position + count - 1
    if not (count >= 1 and last < period and legacy_first > floor and new_first > floor and new_term > 0 and amplitude > 0):
        return None
    q0, q1 = float(first_position), float(last)
    c0 = exact_term(q0, period) * (1 + TERM_MARGIN)
    c_last = exact_term(q1, period) * (1 - TERM_MARGIN)
    c0_low = exact_term(q0, period) * (1 - TERM_MARGIN)
    x0 = math.pi * q0 / period
    x1 = math.pi * q1 / period
    delta = 4 * u * x1 * 1.01
    slope = 1.0 if x0 <= math.pi / 2 <= x1 else min(1.0, max(math.sin(x0), math.sin(x1)) * 1.01 + 1e-15)
    term_error = 1.01 * (delta * (slope + delta) + COS_ERROR + u * c0)
    k = (new_first - floor) / new_term * 1.01
    lowest = floor + k / 1.01 * 0.99 * (c_last - term_error)
    if not (lowest > 0 and c0_low > 0 and c_last > term_error):
        return None
    first = abs(legacy_first - new_first) * (1 + 4 * u) + 2.02 * u * legacy_first + (amplitude + k) * term_error

    def share(c):
        return c / (floor + k / 1.01 * 0.99 * (c - term_error))

    shrinking = first * max(share(c0), share(c_last)) / c0_low
    legacy_bound = 1.01 * (shrinking + (amplitude + k) * term_error / lowest + 2.02 * u)
    kappa = count * (1.01 * 3 * u + u) * 1.01
    if kappa > 1e-3:
        return None
    return legacy_bound + kappa, rtol * (1 - kappa) * 0.99


def run(lr, min_lr, max_iters, periods):
    param = torch.nn.Parameter(torch.zeros(1))
    optimizer = torch.optim.Adam([param], lr=lr)
    if periods:
        weights = [1.0] * len(periods)
        scheduler = CosineRestartLR(optimizer, periods=periods, restart_weights=weights, eta_min=min_lr, by_epoch=False)
        hook = CosineRestartLrUpdaterHook(periods=periods, restart_weights=weights, min_lr=min_lr, by_epoch=False)
    else:
        scheduler = CosineAnnealingLR(optimizer, T_max=max_iters, eta_min=min_lr, begin=0, end=max_iters, by_epoch=False)
        hook = CosineAnnealingLrUpdaterHook(min_lr=min_lr, by_epoch=False)
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
    # mmediting's restorers: EDVR, BasicVSR, ESRGAN/MSRResNet (CosineRestart), LIIF/GLEAN-style CosineAnnealing.
    schedules = [
        (4e-4, 1e-7, 600_000, [50_000, 100_000, 150_000, 150_000, 150_000]),
        (2e-4, 1e-7, 300_000, [300_000]),
        (2e-4, 1e-7, 1_000_000, [250_000] * 4),
        (1e-4, 0.0, 300_000, None),
    ]
    if quick:
        schedules = [(2e-4, 1e-7, 50_000, [20_000, 30_000]), (1e-4, 0.0, 40_000, None)]
    results = []
    interval = 5_000
    for lr, min_lr, max_iters, periods in schedules:
        legacy, new = run(lr, min_lr, max_iters, periods)
        starts = [0]
        total = 0
        for period in periods or [max_iters]:
            total += period
            starts.append(total)
        spans = []
        ok = True
        for k in range(max_iters // interval):
            start = k * interval + 1
            stop = min((k + 1) * interval - 2, max_iters - 1)
            restart = max(s for s in starts if s <= start)
            period = min(s for s in starts if s > start) - restart
            stop = min(stop, restart + period - 1)
            count = stop - start + 1
            floor = min_lr
            amplitude = 0.5 * 1.0 * (lr - floor)
            term = 1 + math.cos(math.pi * (start - restart) / period)
            proven = 0
            checked = bound(start - restart, count, period, floor, amplitude, legacy[start], new[start], term)
            if checked and checked[0] <= checked[1]:
                proven = count
            else:
                low, high = 0, count
                while high - low > 1:
                    middle = (low + high) // 2
                    part = bound(start - restart, middle, period, floor, amplitude, legacy[start], new[start], term)
                    if part and part[0] <= part[1]:
                        low = middle
                    else:
                        high = middle
                proven = low if low >= 32 else 0
            if proven:
                part = bound(start - restart, proven, period, floor, amplitude, legacy[start], new[start], term)
                drift = max(abs(legacy[i] - new[i]) / new[i] for i in range(start, start + proven))
                ok = ok and drift <= part[0]
                spans.append({'start': start, 'count': count, 'proven': proven, 'measured': drift, 'bound': part[0]})
            else:
                spans.append({'start': start, 'count': count, 'proven': 0, 'measured': None, 'bound': None})
        whole = max(abs(a - b) / b for a, b in zip(legacy, new))
        measured = [s['measured'] for s in spans if s['measured'] is not None]
        bounds = [s['bound'] for s in spans if s['bound'] is not None]
        covered = sum(s['proven'] for s in spans)
        compared = sum(s['count'] for s in spans)
        results.append({'lr': lr, 'min_lr': min_lr, 'max_iters': max_iters, 'periods': periods, 'measured_whole_run': whole,
                        'spans': spans})
        print(f"lr {lr} min_lr {min_lr} N {max_iters} periods {periods or 'CosineAnnealing'}: drift over the run {whole:.3e}; "
              f"per proven span part: largest drift {max(measured):.3e}, largest bound {max(bounds):.3e}; "
              f"iterations proven symbolically {covered} of {compared}; bound above every drift: {ok}")
    if '--json' in sys.argv:
        print(json.dumps(results, indent=1))


if __name__ == '__main__':
    main()
