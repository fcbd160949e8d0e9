#!/usr/bin/env python3
"""Checks hookmigrate's legacy simulator against the REAL downstream lr updater hooks it models.

    .venv-oracle/bin/python tools/oracle/check_downstream_lr.py CONFIG ... [--iters-per-epoch L ...]

The hook files are loaded by file from the wheels (tools/oracle/setup.sh extracts them; ORACLE_DOWNSTREAM
overrides the folder), each registering its class in MMCV 1.7.2's HOOKS with its own decorator:
mmflow 0.5.2 MultiStageLrUpdaterHook, mmedit 0.16.1 LinearLrUpdaterHook (mmgen 0.7.3's is the same code),
mmcls 0.25.0 CosineAnnealingCooldownLrUpdaterHook and mmdet 2.28.2 YOLOXLrUpdaterHook. For each config
(YAML or JSON; a `_base_` file is merged under it), the real hook is built as `register_lr_hook` builds it
and driven as EpochBasedRunner or IterBasedRunner drives it (before_run, before_train_epoch,
before_train_iter), and its lr at every iteration is compared with the lr of every optimizer step in
`hookmigrate trace CONFIG --runner legacy --iters-per-epoch L`. With `--converted`, the `param_scheduler`
that `hookmigrate convert CONFIG --iters-per-epoch L` writes is also built through the REAL MMEngine 0.10.7
`PARAM_SCHEDULERS` registry (mmdet 3.3.0's QuadraticWarmupLR loaded by file from its wheel; environment
adaptation: a stub `mmdet.registry` hands it MMEngine's root PARAM_SCHEDULERS, so `mmdet.QuadraticWarmupLR` is
built by its bare name) as the Runner builds it (`end` defaulted, `convert_to_iter_based` with the epoch length),
stepped after every iteration (by-epoch ones after every epoch), and its lr compared with the real legacy hook's.
Prints one line per config and L with the largest relative difference and exits 1 if any is above 1e-12 (or
the lengths differ).
"""
import argparse
import copy
import json
import os
import subprocess
import sys
import warnings

warnings.filterwarnings('ignore')

import torch  # noqa: E402
import yaml  # noqa: E402

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)
import harness  # noqa: E402  (load_downstream_file)
import legacy_lr_drive  # noqa: E402
from legacy_lr_drive import run_length  # noqa: E402




def load(path):
    with open(path) as handle:
        cfg = json.load(handle) if path.endswith('.json') else yaml.safe_load(handle)
    base = cfg.pop('_base_', None)
    if base:
        merged = load(os.path.join(os.path.dirname(path), base))
        merged.update(cfg)
        cfg = merged
    return cfg


def base_lr(cfg):
    optimizer = cfg.get('optimizer') or {}
    if 'lr' not in optimizer:  # a dict of optimizers (mmedit, mmgen): the first one
        optimizer = next(iter(optimizer.values()))
    return optimizer['lr']


def real_lrs(cfg, length):
    harness.load_downstream_file(*harness.DOWNSTREAM_LR_HOOKS[legacy_lr_drive.policy_stem(cfg['lr_config'])])
    param = torch.nn.Parameter(torch.zeros(1))
    optim = torch.optim.SGD([param], lr=base_lr(cfg), momentum=0.9)
    return [groups[0] for groups in legacy_lr_drive.lrs_per_iteration(cfg, optim, length)]


def simulated_lrs(path, length):
    tool = os.path.join(HERE, '..', '..', '.build', 'debug', 'hookmigrate')
    out = subprocess.run([tool, 'trace', path, '--runner', 'legacy', '--iters-per-epoch', str(length)],
                         check=True, capture_output=True, text=True).stdout
    events = [json.loads(line) for line in out.splitlines()[1:]]
    return [event['values'][0] for event in events if event['kind'] == 'optim_step']


def converted_lrs(path, cfg, length):
    import mmengine.optim  # noqa: F401  (registers MMEngine's schedulers)
    from mmengine.registry import PARAM_SCHEDULERS
    tool = os.path.join(HERE, '..', '..', '.build', 'debug', 'hookmigrate')
    out = os.path.join('/tmp', 'check_downstream_lr_converted.json')
    subprocess.run([tool, 'convert', path, '--iters-per-epoch', str(length), '-o', out], capture_output=True, text=True)
    with open(out) as handle:
        new = json.load(handle)
    iteration_runner, total = run_length(cfg)
    epochs, iters = (1, total) if iteration_runner else (total, total * length)
    param = torch.nn.Parameter(torch.zeros(1))
    optim = torch.optim.SGD([param], lr=base_lr(cfg), momentum=0.9)
    entries = new.get('param_scheduler') or []
    if isinstance(entries, dict):
        entries = [entries]
    schedulers = []
    for entry in entries:
        entry = copy.deepcopy(entry)
        harness.load_quadratic_warmup([entry])
        by_epoch = entry.get('by_epoch', True)
        entry.setdefault('end', epochs if by_epoch and not iteration_runner else iters)
        default_args = {'optimizer': optim}
        if entry.get('convert_to_iter_based', False):
            default_args['epoch_length'] = length
        schedulers.append(PARAM_SCHEDULERS.build(entry, default_args=default_args))
    values = []
    for i in range(iters):
        values.append(optim.param_groups[0]['lr'])
        optim.step()
        for scheduler in schedulers:
            if not scheduler.by_epoch:
                scheduler.step()
        if (i + 1) % length == 0 and not iteration_runner:
            for scheduler in schedulers:
                if scheduler.by_epoch:
                    scheduler.step()
    return values


def compare(label, path, length, real, other):
    worst = max((abs(a - b) / abs(a) if a else abs(b) for a, b in zip(real, other)), default=0.0)
    ok = len(real) == len(other) and worst <= 1e-12
    print(f"{'ok  ' if ok else 'FAIL'} {label} {path} L={length}: {len(real)} iterations ({len(other)}), "
          f"max relative difference {worst:.3g}")
    return ok


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument('configs', nargs='+')
    parser.add_argument('--iters-per-epoch', type=int, nargs='+', default=[10, 7])
    parser.add_argument('--converted', action='store_true', help='also run the converted param_scheduler in MMEngine')
    args = parser.parse_args()
    failed = False
    for path in args.configs:
        for length in args.iters_per_epoch:
            cfg = load(path)
            real = real_lrs(cfg, length)
            failed |= not compare('simulator', path, length, real, simulated_lrs(path, length))
            if args.converted:
                failed |= not compare('mmengine ', path, length, real, converted_lrs(path, cfg, length))
    return 1 if failed else 0


if __name__ == '__main__':
    sys.exit(main())
