#!/usr/bin/env python3
"""Checks, in the REAL MMCV 1.7.2 and the REAL MMEngine 0.10.7, that the schedules of models that step their own
optimizers (mmedit 0.16.1, mmgen 0.7.3: a dict of named optimizers, or mmedit's one `optimizers`) give every
optimizer the same lr and momentum at every iteration before and after conversion.

    .venv-oracle/bin/python tools/oracle/check_optimizer_dicts.py HOOKMIGRATE LEGACY.json ... [--iters-per-epoch L]

HOOKMIGRATE is the `hookmigrate` binary; each legacy JSON dump is converted with it (`convert -o X.yaml
--no-verify`).

- Legacy: a module with one submodule per optimizer name; each optimizer built with the real
  `mmcv.runner.build_optimizer` over its submodule (mmedit/mmgen `build_optimizers`); the real lr updater hook
  `register_lr_hook` builds from `lr_config` (and the momentum hook from `momentum_config` where the package's
  train script registered it: mmgen, not mmedit) on a stub runner whose `optimizer` is the dict, driven as
  IterBasedRunner / EpochBasedRunner drive it (before_run; before_train_epoch for epoch runners;
  before_train_iter). The value of iteration i is read after before_train_iter, when the model's train_step
  steps.
- New: the converted `optim_wrapper` built as mmagic's `MultiOptimWrapperConstructor` builds it (the real
  `mmengine.optim.build_optim_wrapper` per name over its submodule, into a real `OptimWrapperDict`), or a
  plain wrapper; `param_scheduler` built by the real `Runner.build_param_scheduler` (called on a stand-in
  runner holding the wrapper, the train loop's lengths and a dataloader of L batches), stepped by the real
  `ParamSchedulerHook`. The value of iteration i is read before `after_train_iter`.

Every optimizer's every group is compared at every iteration (a superset of the iterations at which a model
steps). Prints one line per config and exits 1 on any difference above 1e-9 relative, the proof's tolerance
(`Tolerance(rtol: 1e-9)`): MMEngine's recursive CosineAnnealingLR drifts from MMCV's closed form by ~1e-10 near a zero floor.
"""
import argparse
import copy
import json
import os
import subprocess
import sys
import tempfile
import types
import warnings

warnings.filterwarnings('ignore')

import torch  # noqa: E402
from torch import nn  # noqa: E402

import mmcv  # noqa: E402
from mmcv.runner import build_optimizer  # noqa: E402
from mmcv.runner.hooks import HOOKS  # noqa: E402


def named_optimizers(cfg):
    """mmedit's `optimizers` when set, else `optimizer`; (names or [None], configs)."""
    source = cfg.get('optimizers') or cfg.get('optimizer')
    if all(isinstance(v, dict) for v in source.values()):
        return list(source.keys()), [source[k] for k in source]
    return [None], [source]


def module(names):
    model = nn.Module()
    for name in names:
        setattr(model, name or 'whole', nn.Linear(2, 2))
    return model


def submodule(model, name):
    return getattr(model, name or 'whole')


def run_length(cfg):
    runner = cfg.get('runner') or {}
    if runner.get('type', 'IterBasedRunner' if 'total_iters' in cfg else 'EpochBasedRunner') != 'EpochBasedRunner':
        return True, runner.get('max_iters', cfg.get('total_iters'))
    return False, runner.get('max_epochs', cfg.get('total_epochs'))


def build_updater(config, iteration_runner, family):
    config = copy.deepcopy(config)
    if iteration_runner:
        config.setdefault('by_epoch', False)
    policy = config.pop('policy')
    policy = policy.title() if policy == policy.lower() else policy
    config['type'] = policy + family
    return mmcv.build_from_cfg(config, HOOKS)


def values(optimizer):
    out = []
    for group in optimizer.param_groups:
        out.append(group['lr'])
        out.append(group['momentum'] if 'momentum' in group else group.get('betas', (None,))[0])
    return out


def legacy_values(cfg, length, mmgen):
    iteration_runner, total = run_length(cfg)
    names, configs = named_optimizers(cfg)
    model = module(names)
    optimizers = {name: build_optimizer(submodule(model, name), conf) for name, conf in zip(names, configs)}
    optimizer = optimizers if names != [None] else optimizers[None]
    hooks = []
    if cfg.get('lr_config') is not None:
        hooks.append(build_updater(cfg['lr_config'], iteration_runner, 'LrUpdaterHook'))
    if mmgen and cfg.get('momentum_config') is not None:
        hooks.append(build_updater(cfg['momentum_config'], iteration_runner, 'MomentumUpdaterHook'))
    epochs, iters = (None, total) if iteration_runner else (total, total * length)
    runner = types.SimpleNamespace(optimizer=optimizer, epoch=0, iter=0, max_epochs=epochs, max_iters=iters,
                                   data_loader=[None] * length)
    for hook in hooks:
        hook.before_run(runner)
    trace = []
    for i in range(iters):
        if not iteration_runner and i % length == 0:
            runner.epoch = i // length
            for hook in hooks:
                hook.before_train_epoch(runner)
        runner.iter = i
        for hook in hooks:
            hook.before_train_iter(runner)
        trace.append({name: values(optimizers[name]) for name in names})
    return names, trace


def new_values(converted, names, length):
    from mmengine.config import Config
    from mmengine.hooks import ParamSchedulerHook
    from mmengine.optim import OptimWrapperDict, build_optim_wrapper
    from mmengine.runner import IterBasedTrainLoop, Runner
    from mmengine.runner.loops import EpochBasedTrainLoop
    from mmengine.logging import MMLogger

    cfg = Config.fromfile(converted)
    model = module(names)
    wrapper_cfg = copy.deepcopy(cfg.optim_wrapper)
    if names != [None] and wrapper_cfg.get('constructor') == 'MultiOptimWrapperConstructor':
        wrapper_cfg.pop('constructor')
        wrapper = OptimWrapperDict(**{name: build_optim_wrapper(submodule(model, name), wrapper_cfg[name]) for name in names})
        optimizers = {name: wrapper[name].optimizer for name in names}
    else:
        # One wrapper: over the named submodule (the same parameters as before), or the whole model.
        target = submodule(model, names[0])
        wrapper = build_optim_wrapper(target, wrapper_cfg)
        optimizers = {names[0]: wrapper.optimizer}
    train = cfg.train_cfg
    iteration_loop = train.get('type') == 'IterBasedTrainLoop' or train.get('by_epoch') is False
    if iteration_loop:
        loop = object.__new__(IterBasedTrainLoop)
        max_epochs, max_iters = 1, train['max_iters']
    else:
        loop = object.__new__(EpochBasedTrainLoop)
        max_epochs, max_iters = train['max_epochs'], train['max_epochs'] * length
    stand_in = types.SimpleNamespace(optim_wrapper=wrapper, _train_loop=loop, max_epochs=max_epochs, max_iters=max_iters,
                                     train_dataloader=[None] * length, logger=MMLogger.get_instance('oracle-dicts', log_level='ERROR'))
    stand_in._build_param_scheduler = types.MethodType(Runner._build_param_scheduler, stand_in)
    schedulers = Runner.build_param_scheduler(stand_in, cfg.get('param_scheduler') or [])
    stand_in.param_schedulers = schedulers
    hook = ParamSchedulerHook()
    trace = []
    for i in range(max_iters):
        trace.append({name: values(optimizers[name]) for name in names})
        for optimizer in optimizers.values():
            optimizer.step()
        stand_in.iter = i
        hook.after_train_iter(stand_in, i % length)
        if not iteration_loop and (i + 1) % length == 0:
            stand_in.epoch = i // length
            hook.after_train_epoch(stand_in)
    return trace


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument('hookmigrate')
    parser.add_argument('configs', nargs='+')
    parser.add_argument('--iters-per-epoch', type=int, default=10)
    args = parser.parse_args()
    failed = 0
    with tempfile.TemporaryDirectory() as work:
        for index, path in enumerate(args.configs):
            with open(path) as handle:
                cfg = json.load(handle)
            converted = os.path.join(work, f'c{index}.yaml')
            subprocess.run([args.hookmigrate, 'convert', path, '-o', converted, '--no-verify',
                            '--iters-per-epoch', str(args.iters_per_epoch)], check=True, capture_output=True)
            mmgen = '/mmgen/' in path
            names, old = legacy_values(cfg, args.iters_per_epoch, mmgen)
            new = new_values(converted, names, args.iters_per_epoch)
            worst, where = 0.0, None
            for i, (a, b) in enumerate(zip(old, new)):
                for name in names:
                    for x, y in zip(a[name], b[name]):
                        if x is None or y is None:
                            if x != y:
                                worst, where = float('inf'), (i, name)
                            continue
                        d = abs(x - y) / max(abs(x), 1e-300)
                        if d > worst:
                            worst, where = d, (i, name)
            ok = len(old) == len(new) and worst <= 1e-9
            failed += not ok
            label = ', '.join(str(n) for n in names)
            detail = '' if ok else f' (first worst at iteration {where[0]}, optimizer {where[1]})'
            print(f"{'ok  ' if ok else 'FAIL'} {len(old)} iterations, optimizers [{label}], max relative difference {worst:.3g}{detail}: {path}")
    return 1 if failed else 0


if __name__ == '__main__':
    sys.exit(main())
