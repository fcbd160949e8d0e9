"""Real-library drivers for the schedule readings (schedules.md): the lr/momentum every optimizer step uses.

- `mmcv_run`: a real MMCV 1.7.2 EpochBasedRunner/IterBasedRunner (build_runner), hooks registered by the real
  `register_training_hooks(lr_config, optimizer_config, momentum_config=...)`; `optimizer.step` is wrapped to
  record every group's lr and momentum (or betas[0]) when it runs, plus runner.iter/epoch/inner_iter.
- `mmengine_run`: a real MMEngine 0.10.7 `Runner` (EpochBasedTrainLoop/IterBasedTrainLoop, real
  ParamSchedulerHook, OptimWrapper) with the same recording.
- `mmcv_hook_values` / `mmengine_scheduler_values`: the real hook classes / real scheduler classes driven without
  a runner (schedules.md D: "real classes on a minimal object"), for the 30,000-160,000-iteration tables where
  a training loop would take minutes per row. `check_light_drivers` compares them with the runners above.
Only time.sleep is patched (MMCV sleeps 2 s per epoch).
"""
import copy
import itertools
import logging
import math
import os
import shutil
import sys
import tempfile
import time
import warnings

warnings.filterwarnings("ignore")
time.sleep = lambda *a, **k: None

import torch  # noqa: E402
from torch import nn  # noqa: E402
from torch.utils.data import DataLoader  # noqa: E402

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), ".."))  # tools/oracle: the harness
from harness import Items  # noqa: E402  the tiny dataset every real run uses

_counter = itertools.count()

# Every runner-driven real run, for the simulator comparison (sim_sched.py): its set-up and what it did.
LOG = []
CONTEXT = {"check": None}


def _log(side, setup, rec=None, error=None):
    entry = dict(check=CONTEXT["check"], side=side, setup=setup)
    if error is not None:
        entry["error"] = f"{type(error).__name__}: {error}"
    else:
        entry["steps"] = [s[3] + s[4] for s in rec.steps]
    LOG.append(entry)


def group_values(optimizer):
    lrs, moms = [], []
    for g in optimizer.param_groups:
        lrs.append(g["lr"])
        moms.append(g["momentum"] if "momentum" in g else (g["betas"][0] if "betas" in g else None))
    return lrs, moms


class Recorder:
    def __init__(self):
        self.steps = []  # (iter, epoch, inner, lrs, moms)
        self.losses = []  # value of every tensor .backward() was called on (loss divisors)


def _torch_optimizer(params_groups, cfg):
    cfg = dict(cfg)
    kind = cfg.pop("type")
    return getattr(torch.optim, kind)(params_groups, **cfg)


def _param_groups(model, groups):
    """One group (all params) or two groups: weight with the base lr, bias with lr x 0.1."""
    if groups == 1:
        return model.parameters()
    return [{"params": [model.linear.weight]}, {"params": [model.linear.bias], "lr_mult": 0.1}]


def _make_groups(model, optimizer_cfg, groups):
    if groups == 1:
        return _torch_optimizer(model.parameters(), optimizer_cfg)
    base = optimizer_cfg["lr"]
    return _torch_optimizer([{"params": [model.linear.weight], "lr": base},
                             {"params": [model.linear.bias], "lr": base * 0.1}], optimizer_cfg)


def _wrap_step(optimizer, rec, where):
    original = optimizer.step

    def step(*a, **k):
        lrs, moms = group_values(optimizer)
        it, ep, inner = where()
        rec.steps.append((it, ep, inner, lrs, moms))
        return original(*a, **k)

    optimizer.step = step


def _record_backward(rec):
    original = torch.Tensor.backward

    def backward(self, *a, **k):
        if self.dim() == 0:
            rec.losses.append(float(self.detach()))
        return original(self, *a, **k)

    torch.Tensor.backward = backward
    return original


# ------------------------------------------------------------------------------------------------- MMCV runner
def mmcv_run(lr_config=None, momentum_config=None, optimizer=None, L=10, epochs=None, iters=None, groups=1,
             optimizer_config=None, record_losses=False, constant_loss=False):
    """Returns Recorder (steps = what every optimizer.step used). Raises what the real runner raises."""
    import mmcv
    from mmcv.runner import build_runner

    optimizer = optimizer or dict(type="SGD", lr=0.02, momentum=0.9)

    class Tiny(nn.Module):
        def __init__(self):
            super().__init__()
            self.linear = nn.Linear(2, 1).double()

        def forward(self, x):
            return self.linear(x)

        def train_step(self, data, optimizer=None, **kwargs):
            out = self(data)
            loss = (out * 0).sum() + 1.0 if constant_loss else (out ** 2).mean()
            return dict(loss=loss, log_vars=dict(loss=float(loss.item())), num_samples=1)

    setup = dict(lr_config=copy.deepcopy(lr_config), momentum_config=copy.deepcopy(momentum_config),
                 optimizer=dict(optimizer), L=L, epochs=epochs, iters=iters, groups=groups,
                 optimizer_config=copy.deepcopy(optimizer_config))
    torch.manual_seed(0)
    model = Tiny()
    work = tempfile.mkdtemp(prefix="readings-")
    try:
        opt = _make_groups(model, optimizer, groups)
        runner_cfg = (dict(type="IterBasedRunner", max_iters=iters) if iters is not None
                      else dict(type="EpochBasedRunner", max_epochs=epochs))
        logger = logging.getLogger("readings-mmcv")
        logger.setLevel(logging.ERROR)
        runner = build_runner(runner_cfg, default_args=dict(model=model, optimizer=opt, work_dir=work, logger=logger,
                                                            meta=dict()))
        runner.register_training_hooks(copy.deepcopy(lr_config),
                                       copy.deepcopy(optimizer_config if optimizer_config is not None
                                                     else dict(grad_clip=None)),
                                       None, None, copy.deepcopy(momentum_config))
        rec = Recorder()
        _wrap_step(opt, rec, lambda: (runner.iter, runner.epoch, runner.inner_iter))
        original = _record_backward(rec) if record_losses else None
        try:
            runner.run([DataLoader(Items(L, False), batch_size=1, shuffle=False)], [("train", 1)])
        finally:
            if original is not None:
                torch.Tensor.backward = original
        _log("legacy", setup, rec)
        return rec
    except Exception as exc:
        if not LOG or LOG[-1].get("setup") is not setup:
            _log("legacy", setup, error=exc)
        raise
    finally:
        shutil.rmtree(work, ignore_errors=True)


# ------------------------------------------------------------------------------------------------- MMEngine Runner
def mmengine_run(param_scheduler=None, optimizer=None, L=10, epochs=None, iters=None, groups=1, optim_extra=None,
                 record_losses=False, constant_loss=False):
    from mmengine.hooks import Hook
    from mmengine.model import BaseModel
    from mmengine.runner import Runner

    optimizer = optimizer or dict(type="SGD", lr=0.02, momentum=0.9)

    class Tiny(BaseModel):
        def __init__(self):
            super().__init__()
            self.linear = nn.Linear(2, 1).double()

        def forward(self, x, mode="tensor"):
            out = self.linear(x)
            if mode == "loss":
                return dict(loss=(out * 0).sum() + 1.0 if constant_loss else (out ** 2).mean())
            return [out]

    rec = Recorder()

    class Probe(Hook):
        priority = "HIGHEST"

        def before_run(self, runner):
            _wrap_step(runner.optim_wrapper.optimizer, rec, lambda: (runner.iter, runner.epoch, 0))
            schedulers = runner.param_schedulers or []
            if isinstance(schedulers, dict):
                schedulers = [s for group in schedulers.values() for s in group]
            rec.schedulers = [dict(type=type(s).__name__, begin=s.begin, end=s.end, by_epoch=s.by_epoch)
                              for s in schedulers]

    setup = dict(param_scheduler=copy.deepcopy(param_scheduler), optimizer=dict(optimizer), L=L, epochs=epochs,
                 iters=iters, groups=groups, optim_extra=copy.deepcopy(optim_extra))
    torch.manual_seed(0)
    wrapper = dict(type="OptimWrapper", optimizer=dict(optimizer))
    if groups == 2:
        wrapper["paramwise_cfg"] = dict(custom_keys={"bias": dict(lr_mult=0.1)})
    wrapper.update(optim_extra or {})
    train_cfg = (dict(type="IterBasedTrainLoop", max_iters=iters) if iters is not None
                 else dict(type="EpochBasedTrainLoop", max_epochs=epochs))
    work = tempfile.mkdtemp(prefix="readings-")
    original = None
    try:
        runner = Runner(model=Tiny(), work_dir=work,
                        train_dataloader=DataLoader(Items(L, True), batch_size=1, shuffle=False),
                        train_cfg=train_cfg, optim_wrapper=wrapper,
                        param_scheduler=copy.deepcopy(param_scheduler) if param_scheduler else None,
                        default_hooks=dict(checkpoint=dict(type="CheckpointHook", interval=10 ** 9, save_last=False),
                                           logger=dict(type="LoggerHook", interval=10 ** 9)),
                        custom_hooks=[Probe()], launcher="none", log_level="ERROR", default_scope="mmengine",
                        experiment_name=f"readings-{os.getpid()}-{next(_counter)}")
        if record_losses:
            original = _record_backward(rec)
        runner.train()
        _log("new", setup, rec)
        return rec
    except Exception as exc:
        _log("new", setup, error=exc)
        raise
    finally:
        if original is not None:
            torch.Tensor.backward = original
        shutil.rmtree(work, ignore_errors=True)


# ------------------------------------------------------------------------------------------------- light drivers
class _FakeRunner:
    pass


def mmcv_hook_values(lr_config, L, epochs, groups=1, base_lr=0.02, momentum=0.9):
    """The real LrUpdaterHook subclass (HOOKS registry, MMCV's policy-name rule) called in EpochBasedRunner's
    order on a minimal runner object: before_run; per epoch before_train_epoch; per iteration
    before_train_iter (then the value is read, as the optimizer step would use it)."""
    import mmcv
    from mmcv.runner import HOOKS

    cfg = copy.deepcopy(lr_config)
    policy = cfg.pop("policy")
    if policy == policy.lower():
        policy = policy.title()
    cfg["type"] = policy + "LrUpdaterHook"
    hook = mmcv.build_from_cfg(cfg, HOOKS)
    params = [torch.zeros(1, requires_grad=True) for _ in range(groups)]
    opt = torch.optim.SGD([{"params": [p], "lr": base_lr * (0.1 ** i)} for i, p in enumerate(params)],
                          lr=base_lr, momentum=momentum)
    runner = _FakeRunner()
    runner.optimizer = opt
    runner.data_loader = list(range(L))
    runner.max_epochs = epochs
    runner.max_iters = epochs * L
    runner.iter = 0
    runner.epoch = 0
    hook.before_run(runner)
    out = []
    for e in range(epochs):
        runner.epoch = e
        hook.before_train_epoch(runner)
        for i in range(L):
            runner.iter = e * L + i
            hook.before_train_iter(runner)
            out.append([g["lr"] for g in opt.param_groups])
    return out


def mmengine_scheduler_values(param_scheduler, L, epochs, groups=1, base_lr=0.02, momentum=0.9):
    """The real scheduler classes built as the Runner builds them (default `end`, convert_to_iter_based through
    build_iter_from_epoch, PARAM_SCHEDULERS registry) and stepped as ParamSchedulerHook steps them."""
    from mmengine.optim import OptimWrapper
    from mmengine.registry import PARAM_SCHEDULERS

    params = [torch.zeros(1, requires_grad=True) for _ in range(groups)]
    opt = torch.optim.SGD([{"params": [p], "lr": base_lr * (0.1 ** i)} for i, p in enumerate(params)],
                          lr=base_lr, momentum=momentum)
    wrapper = OptimWrapper(opt)
    schedulers = []
    for cfg in copy.deepcopy(param_scheduler):
        by_epoch = cfg.get("by_epoch", True)
        cfg.setdefault("end", epochs if by_epoch else epochs * L)
        schedulers.append(PARAM_SCHEDULERS.build(cfg, default_args=dict(optimizer=wrapper, epoch_length=L)))
    out = []
    for e in range(epochs):
        for i in range(L):
            out.append([g["lr"] for g in opt.param_groups])
            for s in schedulers:
                if not s.by_epoch:
                    s.step()
        for s in schedulers:
            if s.by_epoch:
                s.step()
    return out


def lrs(rec, group=0):
    return [s[3][group] for s in rec.steps]


def moms(rec, group=0):
    return [s[4][group] for s in rec.steps]


def max_dev(a, b):
    """(max absolute, max relative to a) over paired values; relative is inf where a == 0 != b."""
    if len(a) != len(b):
        return float("nan"), float("nan")
    ab, rel = 0.0, 0.0
    for x, y in zip(a, b):
        d = abs(x - y)
        ab = max(ab, d)
        if d:
            rel = max(rel, d / abs(x) if x else math.inf)
    return ab, rel
