"""Builds a REAL MMCV 1.7.2 lr updater hook from a legacy config and drives it as EpochBasedRunner or
IterBasedRunner drives it (before_run, before_train_epoch, before_train_iter), without a model or data:
the lr of every param group before every iteration. Shared by check_compat.py and check_downstream_lr.py.
"""
import copy

import mmcv
from mmcv.runner.hooks import HOOKS


def run_length(cfg):
    """(iteration runner, length): EpochBasedRunner max_epochs or IterBasedRunner max_iters."""
    runner = cfg.get('runner') or {}
    if runner.get('type') == 'IterBasedRunner' or (not runner and 'total_iters' in cfg):
        return True, runner.get('max_iters', cfg.get('total_iters'))
    return False, runner.get('max_epochs', cfg.get('total_epochs'))


class StubRunner:
    """What LrUpdaterHook reads from a runner."""

    def __init__(self, optim, epochs, iters, length):
        self.optimizer = optim
        self.epoch = 0
        self.iter = 0
        self.max_epochs = epochs
        self.max_iters = iters
        self.data_loader = [None] * length


def policy_stem(lr_config):
    """MMCV's policy name rule: an all-lower-case name is title-cased."""
    policy = lr_config['policy']
    return policy.title() if policy == policy.lower() else policy


def lrs_per_iteration(cfg, optim, length):
    """The lr of every group of `optim` before each iteration, as the real hook of `cfg['lr_config']` sets it
    (its class must be registered in HOOKS), at `length` iterations per epoch."""
    iteration_runner, total = run_length(cfg)
    lr_config = copy.deepcopy(cfg['lr_config'])
    if iteration_runner:
        lr_config.setdefault('by_epoch', False)
    lr_config['type'] = policy_stem(lr_config) + 'LrUpdaterHook'
    lr_config.pop('policy')
    hook = mmcv.build_from_cfg(lr_config, HOOKS)
    epochs, iters = (1, total) if iteration_runner else (total, total * length)
    runner = StubRunner(optim, None if iteration_runner else epochs, iters, length)
    hook.before_run(runner)
    values = []
    for i in range(iters):
        if not iteration_runner and i % length == 0:
            runner.epoch = i // length
            hook.before_train_epoch(runner)
        runner.iter = i
        hook.before_train_iter(runner)
        values.append([group['lr'] for group in optim.param_groups])
    return values
