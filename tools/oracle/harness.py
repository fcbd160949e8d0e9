#!/usr/bin/env python3
"""Reference harness: runs the REAL MMCV 1.7.2 runner (``legacy``) or the REAL MMEngine 0.10.7 Runner
(``new``) on a config with a tiny model, and writes what happened as a hookmigrate trace
(docs/trace-format.md).

    python harness.py legacy CONFIG.(yaml|json|py) --iters-per-epoch L -o out.jsonl
    python harness.py new CONVERTED.yaml --iters-per-epoch L -o out.jsonl

Only observation is added: a probe hook (priority HIGHEST, registered first) records each dispatch of the
mount points hookmigrate's simulators report, and thin wrappers around the optimizer step, checkpoint
saving, file removal, evaluation, logging and EMA averaging record the effects. docs/oracle.md lists
every instrumentation point and the conventions it follows.
"""
import argparse
import collections
import json
import math
import os
import re
import shutil
import sys
import tempfile
import time
import warnings

warnings.filterwarnings("ignore")
time.sleep = lambda *_args, **_kwargs: None  # MMCV sleeps 2 s after every epoch
os.environ["WANDB_MODE"] = "disabled"  # WandbLoggerHook: wandb's own offline no-op mode (docs/oracle.md)

import torch  # noqa: E402
from torch import nn  # noqa: E402
from torch.utils.data import DataLoader, Dataset, Sampler  # noqa: E402

MASK64 = (1 << 64) - 1
VAL_ITERS = 2


def metric_value(index, seed=1):
    """MetricSequence(seed:).value(at:) of Sources/HookMigrateRuntime/Simulation/SimulationSettings.swift."""
    z = (seed + (index * 0x9E3779B97F4A7C15)) & MASK64
    z = ((z ^ (z >> 30)) * 0xBF58476D1CE4E5B9) & MASK64
    z = ((z ^ (z >> 27)) * 0x94D049BB133111EB) & MASK64
    z ^= z >> 31
    return float(z % 9001) / 10000 + 0.05


# ----------------------------------------------------------------------------------------------------
# Trace writing


class Trace:
    def __init__(self, runner_name, config_name, iters_per_epoch):
        self.lines = [json.dumps(collections.OrderedDict([
            ("format", "hookmigrate-trace"), ("version", 1), ("runner", runner_name),
            ("config", config_name), ("iters_per_epoch", iters_per_epoch)]))]
        self.counters = lambda: (0, 0, 0)
        self.point = "before_run"

    @staticmethod
    def number(value):
        if value is None:
            return None
        value = float(value)
        return None if math.isnan(value) else value

    def emit(self, kind, step=0, text=None, values=(), point=None):
        epoch, it, batch = self.counters()
        event = collections.OrderedDict([
            ("kind", kind), ("point", point or self.point), ("epoch", int(epoch)), ("iter", int(it)),
            ("batch", int(batch))])
        if step:
            event["step"] = int(step)
        if text is not None:
            event["text"] = text
        if values:
            event["values"] = [self.number(v) for v in values]
        self.lines.append(json.dumps(event))

    def write(self, path):
        with open(path, "w") as handle:
            handle.write("\n".join(self.lines) + "\n")


TRACE = None
STATE = {"evaluations": 0, "metric_key": "metric", "last_value": None, "eval_step": 0, "save_step": 0,
         "pending_steps": []}


def group_values(optimizer):
    groups = optimizer.param_groups
    lrs = [g["lr"] for g in groups]
    moms = []
    for g in groups:
        if "momentum" in g:
            moms.append(g["momentum"])
        elif "betas" in g:
            moms.append(g["betas"][0])
        else:
            moms.append(None)
    return lrs + moms


def wrap_optimizer_step(optimizer, immediate):
    """Record each real optimizer step with the lr/momentum of every group at that moment."""
    original = optimizer.step

    def step(*args, **kwargs):
        values = group_values(optimizer)
        if immediate:
            TRACE.emit("optim_step", step=len(optimizer.param_groups), values=values)
        else:
            STATE["pending_steps"].append((len(optimizer.param_groups), values))
        return original(*args, **kwargs)

    optimizer.step = step


def trailing_int(name):
    match = re.search(r"(\d+)\.pth$", name)
    return int(match.group(1)) if match else 0


def progress_step(point, epoch, it):
    """1-based epoch/iteration finished at an `after_*` point; the counter itself at a `before_*` point."""
    if point == "after_train_iter":
        return it + 1
    if point == "after_train_epoch":
        return epoch + 1
    if point == "after_val_epoch":  # MMEngine re-saves the regular checkpoint with a new best (R7)
        return STATE["eval_step"]
    if point.startswith("before_train"):
        return epoch if point == "before_train_epoch" else it
    return epoch


def ema_mark():
    """`[1]` when the state_dict about to be saved holds EMA weights (docs/trace-format.md): in MMCV while an
    EMA hook has swapped its weights into the model (after_train_epoch until the next before_train_epoch); in
    MMEngine whenever an EMAHook is registered (it swaps them into the checkpoint dict before saving)."""
    return [1.0] if STATE.get("ema_in_model") or STATE.get("ema_always") else []


def record_save(path):
    name = os.path.basename(path)
    if name.startswith("best_"):
        STATE["save_step"] = trailing_int(name)
        TRACE.emit("best_save", step=trailing_int(name), text=name, values=[STATE["last_value"]] + ema_mark())
    else:
        epoch, it, _ = TRACE.counters()
        STATE["save_step"] = progress_step(TRACE.point, epoch, it)
        TRACE.emit("checkpoint_save", step=STATE["save_step"], text=name, values=ema_mark())


def install_remove_probe():
    original = os.remove

    def remove(path, *args, **kwargs):
        name = os.path.basename(str(path))
        if name.endswith(".pth") and name != "latest.pth":  # latest.pth is MMCV's symlink refresh
            # docs/trace-format.md: a removal carries the removed file's own step (read off its name).
            step = trailing_int(name) or STATE["save_step"]
            TRACE.emit("best_remove" if name.startswith("best_") else "checkpoint_remove", step=step, text=name)
        return original(path, *args, **kwargs)

    os.remove = remove


def install_cache_probe():
    torch.cuda.empty_cache = lambda: TRACE.emit("cache_empty")
    try:  # MMEngine's EmptyCacheHook only empties when CUDA is available: behave as on a GPU machine
        from mmengine.hooks import empty_cache_hook
        empty_cache_hook.is_cuda_available = lambda: True
    except ImportError:
        pass


class EMAWeightProbe:
    """Catches the averaging weight an EMA hook uses (`add_(…, alpha=m)` in MMCV, `lerp_(src, m)` in MMEngine)."""

    def __init__(self):
        self.active = False
        self.weight = None
        add, lerp = torch.Tensor.add_, torch.Tensor.lerp_
        probe = self

        def add_(tensor, other, *args, **kwargs):
            if probe.active and probe.weight is None:
                if "alpha" in kwargs:
                    probe.weight = float(kwargs["alpha"])
                elif isinstance(other, (int, float)) and args and torch.is_tensor(args[0]):
                    probe.weight = float(other)  # the deprecated add_(alpha, tensor) form MMCV uses
            return add(tensor, other, *args, **kwargs)

        def lerp_(tensor, end, weight):
            if probe.active and probe.weight is None:
                probe.weight = float(weight)
            return lerp(tensor, end, weight)

        torch.Tensor.add_ = add_
        torch.Tensor.lerp_ = lerp_


# ----------------------------------------------------------------------------------------------------
# Data


class Items(Dataset):
    def __init__(self, length, as_dict):
        self.length = length
        self.as_dict = as_dict

    def __len__(self):
        return self.length

    def __getitem__(self, index):
        x = torch.tensor([1.0 + index, 0.5 * index - 1.0], dtype=torch.float64)
        return {"x": x} if self.as_dict else x

    def evaluate(self, results, logger=None, **kwargs):
        """MMCV-era dataset.evaluate: the next seeded metric under the simulated key."""
        value = metric_value(STATE["evaluations"])
        STATE["evaluations"] += 1
        STATE["last_value"] = value
        epoch, it, _ = TRACE.counters()
        STATE["eval_step"] = progress_step(TRACE.point, epoch, it)
        TRACE.emit("evaluation", step=STATE["eval_step"], text=STATE["metric_key"], values=[value])
        return {STATE["metric_key"]: value}


class EpochSampler(Sampler):
    """A sequential sampler with `set_epoch`, observed only when the sampler-seed hook calls it."""

    def __init__(self, length):
        self.length = length

    def __iter__(self):
        return iter(range(self.length))

    def __len__(self):
        return self.length

    def set_epoch(self, epoch):
        if TRACE.point == "before_train_epoch":
            TRACE.emit("sampler_epoch", step=epoch)


# ----------------------------------------------------------------------------------------------------
# Legacy (MMCV 1.7.2)

def record_before(hook, method, kind):
    """Wraps one method of a hook instance so that a `kind` event is recorded each time it is called."""
    original = getattr(hook, method)

    def wrapped(runner_, _original=original):
        TRACE.emit(kind)
        return _original(runner_)

    setattr(hook, method, wrapped)


LEGACY_POINTS = ["before_run", "after_run", "before_train_epoch", "after_train_epoch", "before_val_epoch",
                 "after_val_epoch", "before_train_iter", "after_train_iter", "before_val_iter", "after_val_iter"]


def python_tuples(cfg):
    """The one input adaptation: YAML/JSON turn a Python config's tuples into lists, and MMCV/mmdet test for
    tuples in a few places. `target_ratio` of a cyclic lr_config/momentum_config (CyclicLrUpdaterHook accepts a
    float or a tuple) and the pairs of mmdet's `evaluation.dynamic_intervals` / MMEngine's
    `train_cfg.dynamic_intervals` (asserted to be tuples; hookmigrate writes them as `!!python/tuple`) are
    turned back into the tuples the Python config held."""
    for key in ("lr_config", "momentum_config"):
        section = cfg.get(key)
        if isinstance(section, dict) and str(section.get("policy", "")).lower() == "cyclic" \
                and isinstance(section.get("target_ratio"), list):
            section["target_ratio"] = tuple(section["target_ratio"])
    for key in ("evaluation", "train_cfg"):  # legacy mmdet EvalHook; MMEngine's loops assert the same
        section = cfg.get(key)
        if isinstance(section, dict) and isinstance(section.get("dynamic_intervals"), list):
            section["dynamic_intervals"] = [tuple(pair) if isinstance(pair, list) else pair
                                            for pair in section["dynamic_intervals"]]


DOWNSTREAM = {}


def load_downstream_file(wheel, relative):
    """One module file of a downstream wheel (`mmdet-2.28.2`, …), extracted by tools/oracle/setup.sh to
    `<venv>/downstream/<wheel>/<relative>`, executed as a module of its own."""
    import importlib.util
    if (wheel, relative) in DOWNSTREAM:  # once per process: the files register their classes
        return DOWNSTREAM[(wheel, relative)]
    base = os.environ.get("ORACLE_DOWNSTREAM", os.path.join(sys.prefix, "downstream"))
    path = os.path.join(base, wheel, relative)
    if not os.path.isfile(path):
        raise FileNotFoundError(f"{path}: run tools/oracle/setup.sh")
    name = "oracle_" + re.sub(r"\W", "_", wheel + "_" + relative[:-3])
    spec = importlib.util.spec_from_file_location(name, path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    DOWNSTREAM[(wheel, relative)] = module
    return module


# The downstream lr updater hooks hookmigrate simulates: policy stem -> (wheel, file). Each file registers its
# `<stem>LrUpdaterHook` in MMCV's HOOKS with its own decorator when loaded.
DOWNSTREAM_LR_HOOKS = {
    "MultiStage": ("mmflow-0.5.2", "mmflow/core/hooks/multistagelr_updater.py"),
    "Linear": ("mmedit-0.16.1", "mmedit/core/scheduler/lr_updater.py"),
    "Reduce": ("mmedit-0.16.1", "mmedit/core/scheduler/lr_updater.py"),
    "CosineAnnealingCooldown": ("mmcls-0.25.0", "mmcls/core/hook/lr_updater.py"),
    "YOLOX": ("mmdet-2.28.2", "mmdet/core/hook/yolox_lrupdater_hook.py"),
    "SiameseRPN": ("mmtrack-0.14.0", "mmtrack/core/optimizer/sot_lr_updater.py"),
}


def load_downstream_lr_hook(lr_config):
    """Loads the file of a downstream lr policy (`register_lr_hook` then finds its class in HOOKS)."""
    if not isinstance(lr_config, dict) or not isinstance(lr_config.get("policy"), str):
        return
    policy = lr_config["policy"]
    policy = policy.title() if policy == policy.lower() else policy
    if policy in DOWNSTREAM_LR_HOOKS:
        load_downstream_file(*DOWNSTREAM_LR_HOOKS[policy])


def load_quadratic_warmup(schedulers):
    """mmdet 3.3.0's QuadraticWarmupLR (the warmup hookmigrate writes for YOLOX), loaded by file when a
    scheduler names it. Environment adaptation: a stub `mmdet.registry` hands the file MMEngine's root
    PARAM_SCHEDULERS, and `mmdet.QuadraticWarmupLR` is built by its bare name (the harness' Runner has
    default_scope 'mmengine')."""
    import types
    if isinstance(schedulers, dict):
        schedulers = [schedulers]
    named = [s for s in schedulers or [] if isinstance(s, dict) and s.get("type") in ("QuadraticWarmupLR", "mmdet.QuadraticWarmupLR")]
    if not named:
        return
    import mmengine.optim  # noqa: F401  (MMEngine's own schedulers first)
    from mmengine.registry import PARAM_SCHEDULERS
    registry = sys.modules.get("mmdet.registry") or types.ModuleType("mmdet.registry")
    registry.PARAM_SCHEDULERS = PARAM_SCHEDULERS
    package = sys.modules.get("mmdet") or types.ModuleType("mmdet")
    if not hasattr(package, "__path__"):
        package.__path__ = []
    package.registry = registry
    sys.modules["mmdet"] = package
    sys.modules["mmdet.registry"] = registry
    load_downstream_file("mmdet-3.3.0", "mmdet/engine/schedulers/quadratic_warmup.py")
    for scheduler in named:
        scheduler["type"] = "QuadraticWarmupLR"


def load_mmdet3_ema():
    """mmdet 3.3.0's `ExpMomentumEMA` (the `ema_type` hookmigrate writes for mmdet 2's ExpMomentumEMAHook),
    loaded by file. Environment adaptation: the file registers it in `mmdet.registry.MODELS` (mmdet's scope, a
    child of MMEngine's MODELS); a stub `mmdet.registry` hands it MMEngine's root MODELS, which the harness'
    Runner (default_scope 'mmengine') builds EMA models from."""
    import types
    from mmengine.registry import MODELS
    registry = types.ModuleType("mmdet.registry")
    registry.MODELS = MODELS
    package = types.ModuleType("mmdet")
    package.__path__ = []
    package.registry = registry
    sys.modules.setdefault("mmdet", package)
    sys.modules["mmdet.registry"] = registry
    return load_downstream_file("mmdet-3.3.0", "mmdet/models/layers/ema.py")


def load_mmdet_hooks():
    """mmdet 2.28.2's hook modules, loaded by file (the mmdet 2 package itself is not importable without
    mmcv's compiled ops).
    `ema.py` registers ExpMomentumEMAHook and LinearMomentumEMAHook in MMCV's HOOKS with its own
    decorators; `eval_hooks.py` gives mmdet's EvalHook (dynamic_intervals). Environment adaptation: the
    EvalHook imports `single_gpu_test` from `mmdet.apis` when it evaluates; a stub module answers with the
    same placeholder results as the test_fn given to MMCV's EvalHook."""
    import types
    modules = {name: load_downstream_file("mmdet-2.28.2", relative) for name, relative in (
        ("ema", "mmdet/core/hook/ema.py"), ("eval_hooks", "mmdet/core/evaluation/eval_hooks.py"))}
    if "mmdet.apis" not in sys.modules:
        apis = types.ModuleType("mmdet.apis")
        apis.single_gpu_test = lambda model, data_loader, show=False, **kwargs: [0] * len(data_loader.dataset)
        package = types.ModuleType("mmdet")
        package.__path__ = []
        package.apis = apis
        sys.modules.setdefault("mmdet", package)
        sys.modules["mmdet.apis"] = apis
    return modules


def placeholder_hooks(configs, registry, base):
    """A custom hook whose type no registry holds (a placeholder type such as `HookA`, or a downstream hook
    not loaded here) is registered as a do-nothing subclass of `base` under its name (docs/oracle.md): our
    simulators treat such a hook as inert, with its priority only."""
    if isinstance(configs, dict):
        configs = [configs]
    for item in configs or []:
        name = item.get("type") if isinstance(item, dict) else None
        if isinstance(name, str) and registry.get(name) is None:
            registry.register_module(name=name, module=type(name, (base,), {
                "__init__": lambda self, *args, **kwargs: None}))


def legacy_optimizer_config(cfg):
    """The optimizer hook the train script registered. Top-level `fp16` as mmdet 2.28.2's `train_detector`
    read it (`Fp16OptimizerHook(**optimizer_config, **fp16, distributed=False)`: a key in both is the
    script's TypeError), except when `optimizer_config` names its own `type`: then `fp16` is ignored, as
    mmseg 0.x's script did. That is hookmigrate's reading when it cannot name the package; for a known
    mmdet-like package or mmcls it refuses the pair, as their scripts raised TypeError on it (`type` passed to
    Fp16OptimizerHook), and this harness, which infers no package, does not run that case."""
    optimizer_config = cfg.get("optimizer_config")
    fp16 = cfg.get("fp16")
    if fp16 is None or not isinstance(optimizer_config, dict) or "type" in optimizer_config:
        return optimizer_config
    from mmcv.runner import Fp16OptimizerHook
    return Fp16OptimizerHook(**optimizer_config, **fp16, distributed=False)


def run_legacy(config_path, iters_per_epoch, work_dir):
    import mmcv
    from mmcv.runner import EvalHook, Hook, build_optimizer, build_runner
    from mmcv.runner.hooks.logger import LoggerHook
    from mmcv.runner import epoch_based_runner, iter_based_runner, hooks as mmcv_hooks

    cfg = mmcv.Config.fromfile(config_path)
    python_tuples(cfg)
    mmdet = load_mmdet_hooks()
    placeholder_hooks(cfg.get("custom_hooks"), mmcv_hooks.HOOKS, Hook)

    class TinyModel(nn.Module):
        def __init__(self):
            super().__init__()
            self.linear = nn.Linear(2, 1).double()

        def forward(self, x):
            return self.linear(x)

        def train_step(self, data, optimizer=None, **kwargs):
            loss = (self(data) ** 2).mean()
            return dict(loss=loss, log_vars=dict(loss=float(loss.item())), num_samples=data.shape[0])

        def val_step(self, data, optimizer=None, **kwargs):
            return self.train_step(data, optimizer)

    torch.manual_seed(0)
    model = TinyModel()
    optimizer = build_optimizer(model, cfg.get("optimizer") or dict(type="SGD", lr=0.01, momentum=0.9))
    runner_cfg = cfg.get("runner") or dict(type="EpochBasedRunner", max_epochs=cfg.get("total_epochs"))
    runner = build_runner(runner_cfg, default_args=dict(
        model=model, optimizer=optimizer, work_dir=work_dir, logger=mmcv.get_logger("oracle", log_level="ERROR"),
        meta=dict()))
    epoch_runner = not isinstance(runner, iter_based_runner.IterBasedRunner)

    TRACE.counters = lambda: (runner.epoch, runner.iter, runner.inner_iter)

    class Probe(Hook):
        pass

    def make(point, reported):
        def method(self, runner_):
            TRACE.point = reported
            TRACE.emit("call")
        return method

    for point in LEGACY_POINTS:
        setattr(Probe, point, make(point, point))
    # IterBasedRunner dispatches the generic before_epoch/after_epoch: reported under the train names.
    Probe.before_epoch = make("before_epoch", "before_train_epoch")
    Probe.after_epoch = make("after_epoch", "after_train_epoch")
    runner.register_hook(Probe(), priority="HIGHEST")

    optimizer_config = legacy_optimizer_config(cfg)
    load_downstream_lr_hook(cfg.get("lr_config"))
    runner.register_training_hooks(cfg.get("lr_config"), optimizer_config, cfg.get("checkpoint_config"),
                                   cfg.get("log_config"), cfg.get("momentum_config", None),
                                   custom_hooks_config=cfg.get("custom_hooks", None))

    train_loader = DataLoader(Items(iters_per_epoch, False), batch_size=1, shuffle=False)
    val_data = cfg.get("data", {}) or {}
    if val_data.get("val") is not None and ("evaluation" not in cfg or cfg.evaluation is not None):
        eval_cfg = dict(cfg.get("evaluation", {}))
        eval_cfg["by_epoch"] = epoch_runner
        key = eval_cfg.get("save_best")
        STATE["metric_key"] = key if key and key != "auto" else "metric"
        val_loader = DataLoader(Items(VAL_ITERS, False), batch_size=1, shuffle=False)
        # MMCV's EvalHook, as before; mmdet's subclass (the one train_detector used) when the config has
        # its `dynamic_intervals` option, which MMCV's does not take.
        # A save_best key that MMCV's lists cannot give a rule made MMCV's EvalHook raise ValueError: a legacy run
        # that trained with such a key (mmpose's `AP`, `EPE`, …) used its package's EvalHook, which differs only in
        # its key lists: mmpose 0.29.0's then (hookmigrate's simulator infers the rule the same way).
        eval_type = mmdet["eval_hooks"].EvalHook if "dynamic_intervals" in eval_cfg else EvalHook
        test_fn = lambda model_, loader: [0] * len(loader.dataset)  # noqa: E731
        try:
            eval_hook = eval_type(val_loader, test_fn=test_fn, **eval_cfg)
        except ValueError as error:
            if not str(error).startswith("Cannot infer the rule") or eval_type is not EvalHook:
                raise
            mmpose = load_downstream_file("mmpose-0.29.0", "mmpose/core/evaluation/eval_hooks.py")
            eval_hook = mmpose.EvalHook(val_loader, test_fn=test_fn, **eval_cfg)
        runner.register_hook(eval_hook, priority="LOW")

    # Effects
    probe = EMAWeightProbe()
    for hook in runner.hooks:
        if isinstance(hook, LoggerHook):
            original_log = hook.log

            def log(runner_, _hook=hook, _original=original_log):
                mode = _hook.get_mode(runner_)
                if TRACE.point in ("after_train_epoch", "after_val_epoch"):
                    label = _hook.get_epoch(runner_)
                else:
                    label = _hook.get_iter(runner_, inner_iter=True)
                TRACE.emit("log", step=label, text=mode)
                return _original(runner_)

            hook.log = log
        if type(hook).__name__.endswith("EMAHook") and hasattr(hook, "_swap_ema_parameters"):  # MMCV's, mmdet's
            original_iter, original_swap = hook.after_train_iter, hook._swap_ema_parameters

            def after_train_iter(runner_, _original=original_iter):
                probe.active, probe.weight = True, None
                try:
                    _original(runner_)
                finally:
                    probe.active = False
                if probe.weight is not None:
                    TRACE.emit("ema_update", step=runner_.iter + 1, values=[probe.weight])

            def swap(_original=original_swap):
                TRACE.emit("ema_swap")
                STATE["ema_in_model"] = TRACE.point == "after_train_epoch"
                return _original()

            hook.after_train_iter = after_train_iter
            hook._swap_ema_parameters = swap
        if type(hook).__name__ == "SyncBuffersHook":
            record_before(hook, "after_epoch", "buffers_sync")

    wrap_optimizer_step(optimizer, immediate=True)
    real_save = epoch_based_runner.save_checkpoint

    def save_checkpoint(model_, filename, *args, **kwargs):
        record_save(filename)
        return real_save(model_, filename, *args, **kwargs)

    epoch_based_runner.save_checkpoint = save_checkpoint
    iter_based_runner.save_checkpoint = save_checkpoint
    install_remove_probe()
    install_cache_probe()

    workflow = [tuple(flow) for flow in cfg.get("workflow", [("train", 1)])]
    loaders = [train_loader]
    if len(workflow) == 2:
        loaders.append(DataLoader(Items(VAL_ITERS, False), batch_size=1, shuffle=False))
    runner.run(loaders, workflow)


# ----------------------------------------------------------------------------------------------------
# New (MMEngine 0.10.7)

NEW_POINTS = ["before_run", "after_run", "before_train", "after_train", "before_train_epoch", "after_train_epoch",
              "before_val", "after_val", "before_val_epoch", "after_val_epoch", "before_train_iter",
              "after_train_iter", "before_val_iter", "after_val_iter"]


def adapt_new(cfg):
    """What run_new (and check_converted.py) change around a converted config before the Runner is built
    (docs/oracle.md): the Python config's tuples, mmdet 3's ExpMomentumEMA, placeholder custom hooks, and the
    AMP device check."""
    from mmengine.hooks import Hook
    from mmengine.registry import HOOKS
    python_tuples(cfg)
    if any(isinstance(h, dict) and h.get("ema_type") == "ExpMomentumEMA" for h in cfg.get("custom_hooks") or []):
        load_mmdet3_ema()
    placeholder_hooks(cfg.get("custom_hooks"), HOOKS, Hook)
    load_quadratic_warmup(cfg.get("param_scheduler"))
    # The package's visualization hook in default_hooks (DetVisualizationHook, ...) is a downstream hook too.
    placeholder_hooks(list((cfg.get("default_hooks") or {}).values()), HOOKS, Hook)
    # Environment adaptation: AmpOptimWrapper asserts a CUDA/NPU/MLU/MUSA device. On this CPU machine its
    # GradScaler disables itself (a plain step) and autocast runs as CPU bfloat16, which leaves the
    # float64 tiny model untouched; only that availability check is answered "yes" (docs/oracle.md).
    from mmengine.optim.optimizer import amp_optimizer_wrapper
    amp_optimizer_wrapper.is_cuda_available = lambda: True


def run_new(config_path, iters_per_epoch, work_dir):
    from mmengine.config import Config
    from mmengine.evaluator import BaseMetric, Evaluator
    from mmengine.hooks import Hook
    from mmengine.model import BaseModel
    from mmengine.runner import Runner
    from mmengine.runner.log_processor import LogProcessor

    cfg = Config.fromfile(config_path)
    adapt_new(cfg)
    ckpt = (cfg.get("default_hooks") or {}).get("checkpoint") or {}
    keys = ckpt.get("save_best")
    first = keys[0] if isinstance(keys, (list, tuple)) and keys else keys
    STATE["metric_key"] = first if isinstance(first, str) and first != "auto" else "metric"

    class TinyModel(BaseModel):
        def __init__(self):
            super().__init__()
            self.linear = nn.Linear(2, 1).double()

        def forward(self, x, mode="tensor"):
            out = self.linear(x)
            if mode == "loss":
                return dict(loss=(out ** 2).mean())
            return [out]

    class TinyMetric(BaseMetric):
        def process(self, data_batch, data_samples):
            self.results.append(0)

        def compute_metrics(self, results):
            value = metric_value(STATE["evaluations"])
            STATE["evaluations"] += 1
            STATE["last_value"] = value
            return {STATE["metric_key"]: value}

    torch.manual_seed(0)
    train_loader = DataLoader(Items(iters_per_epoch, True), batch_size=1, sampler=EpochSampler(iters_per_epoch))
    has_val = all(cfg.get(k) is not None for k in ("val_cfg", "val_dataloader", "val_evaluator"))
    kwargs = dict(
        model=TinyModel(), work_dir=work_dir, train_dataloader=train_loader, train_cfg=cfg.train_cfg,
        optim_wrapper=cfg.get("optim_wrapper"), param_scheduler=cfg.get("param_scheduler"),
        default_hooks=cfg.get("default_hooks"), custom_hooks=cfg.get("custom_hooks"),
        log_processor=cfg.get("log_processor"), launcher="none", log_level="ERROR",
        default_scope="mmengine")
    if has_val:
        kwargs.update(val_dataloader=DataLoader(Items(VAL_ITERS, True), batch_size=1, shuffle=False),
                      val_cfg=cfg.val_cfg, val_evaluator=Evaluator([TinyMetric()]))
    runner = Runner(**kwargs)

    track = {"batch": 0, "saved": 0}
    TRACE.counters = lambda: (runner.epoch, runner.iter, track["batch"])
    by_epoch = "IterBased" not in str(cfg.train_cfg.get("type", "")) and cfg.train_cfg.get("by_epoch", True)

    class Probe(Hook):
        priority = "HIGHEST"

    def make(point):
        def method(self, runner_, *args, **kwargs):
            batch_idx = kwargs.get("batch_idx", args[0] if args and point.endswith("_iter") else None)
            if point == "before_val":
                track["saved"] = track["batch"]
            if batch_idx is not None:
                track["batch"] = batch_idx
            TRACE.point = point
            TRACE.emit("call")
            if point == "after_train_iter":
                for count, values in STATE["pending_steps"]:
                    TRACE.emit("optim_step", step=count, values=values)
                STATE["pending_steps"] = []
            if point == "after_val_epoch":
                metrics = kwargs.get("metrics", args[0] if args else None) or {}
                STATE["eval_step"] = runner_.epoch if by_epoch else runner_.iter
                for key, value in metrics.items():
                    TRACE.emit("evaluation", step=STATE["eval_step"], text=key, values=[value])
            if point == "after_val":
                track["batch"] = track["saved"]
        return method

    for point in NEW_POINTS:
        setattr(Probe, point, make(point))
    runner.register_hook(Probe(), priority="HIGHEST")

    # Effects
    real_after_iter, real_after_epoch = LogProcessor.get_log_after_iter, LogProcessor.get_log_after_epoch

    def get_log_after_iter(self, runner_, batch_idx, mode):
        TRACE.emit("log", step=batch_idx + 1, text="train" if mode == "train" else "val_iter")
        return real_after_iter(self, runner_, batch_idx, mode)

    def get_log_after_epoch(self, runner_, batch_idx, mode, *args, **kwargs):
        TRACE.emit("log", step=STATE["eval_step"], text=mode)
        return real_after_epoch(self, runner_, batch_idx, mode, *args, **kwargs)

    LogProcessor.get_log_after_iter = get_log_after_iter
    LogProcessor.get_log_after_epoch = get_log_after_epoch

    real_save = runner.save_checkpoint

    def save_checkpoint(out_dir, filename, *args, **kwargs):
        record_save(filename)
        return real_save(out_dir, filename, *args, **kwargs)

    runner.save_checkpoint = save_checkpoint
    install_remove_probe()
    install_cache_probe()

    probe = EMAWeightProbe()
    STATE["ema_always"] = any(type(hook).__name__ == "EMAHook" for hook in runner.hooks)
    for hook in runner.hooks:
        if type(hook).__name__ == "EMAHook":
            original_iter, original_swap = hook.after_train_iter, hook._swap_ema_parameters

            def after_train_iter(runner_, batch_idx=None, data_batch=None, outputs=None, _hook=hook,
                                 _original=original_iter):
                model = _hook.ema_model
                steps_before = int(model.steps)
                probe.active, probe.weight = True, None
                try:
                    _original(runner_, batch_idx, data_batch, outputs)
                finally:
                    probe.active = False
                updated = int(model.steps) != steps_before
                if not updated or steps_before == 0:
                    TRACE.emit("ema_update", step=runner_.iter + 1, values=[1.0])
                elif probe.weight is not None:
                    TRACE.emit("ema_update", step=runner_.iter + 1, values=[probe.weight])

            def swap(_original=original_swap):
                TRACE.emit("ema_swap")
                return _original()

            hook.after_train_iter = after_train_iter
            hook._swap_ema_parameters = swap
        if type(hook).__name__ == "SyncBuffersHook":
            record_before(hook, "after_train_epoch", "buffers_sync")

    # The optimizer exists once train() has built the wrapper: wrap it at before_run, ahead of everything.
    real_before_run = Probe.before_run

    def before_run(self, runner_):
        wrap_optimizer_step(runner_.optim_wrapper.optimizer, immediate=False)
        real_before_run(self, runner_)

    Probe.before_run = before_run
    runner.train()


class FloatLoader:
    """A YAML SafeLoader that also reads `1e-5` as a float (YAML 1.2, as hookmigrate's reader does)."""

    @staticmethod
    def make():
        import yaml

        class Loader(yaml.SafeLoader):
            pass

        Loader.add_implicit_resolver(
            "tag:yaml.org,2002:float",
            re.compile(r"^[-+]?(?:[0-9][0-9_]*\.[0-9_]*(?:[eE][-+]?[0-9]+)?|\.[0-9_]+(?:[eE][-+]?[0-9]+)?"
                       r"|[0-9][0-9_]*[eE][-+]?[0-9]+|\.inf|\.nan)$"),
            list("-+0123456789."))
        # `!!python/tuple` (hookmigrate writes dynamic_intervals pairs so): a sequence; JSON has no tuples,
        # python_tuples() restores them after Config.fromfile.
        Loader.add_constructor("tag:yaml.org,2002:python/tuple", lambda loader, node: loader.construct_sequence(node))
        return Loader


def as_json(config_path, work_dir):
    """YAML configs are read here (YAML 1.2 floats) and handed to Config.fromfile as JSON."""
    if not config_path.endswith((".yaml", ".yml")):
        return config_path
    import yaml
    with open(config_path) as handle:
        data = yaml.load(handle, Loader=FloatLoader.make())
    target = os.path.join(work_dir, "config.json")
    with open(target, "w") as handle:
        json.dump(data, handle)
    return target


def main(argv=None):
    global TRACE
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("runner", choices=["legacy", "new"])
    parser.add_argument("config")
    parser.add_argument("--iters-per-epoch", type=int, default=10)
    parser.add_argument("--name", help="config name for the header (default: the file's base name)")
    parser.add_argument("-o", "--output", required=True)
    args = parser.parse_args(argv)
    TRACE = Trace(args.runner, args.name or os.path.basename(args.config), args.iters_per_epoch)
    work_dir = tempfile.mkdtemp(prefix="oracle-")
    output, config, cwd = os.path.abspath(args.output), os.path.abspath(args.config), os.getcwd()
    real_remove = os.remove
    os.chdir(work_dir)  # a relative out_dir (checkpoints, logs) lands in the temporary directory
    try:
        if args.runner == "legacy":
            run_legacy(as_json(config, work_dir), args.iters_per_epoch, work_dir)
        else:
            run_new(as_json(config, work_dir), args.iters_per_epoch, work_dir)
    finally:
        os.remove = real_remove
        os.chdir(cwd)
        shutil.rmtree(work_dir, ignore_errors=True)
    TRACE.write(output)


if __name__ == "__main__":
    sys.exit(main())
