#!/usr/bin/env python3
"""One real run for the reference readings: tools/oracle/harness.py (unchanged, imported as a module) plus
the few things the reference vectors need that the harness does not do.

    python realrun.py legacy|new CONFIG.yaml --iters-per-epoch L -o trace.jsonl [--extra extra.jsonl]
        [--metrics JSON] [--val-len V] [--dist-sampler] [--mmdet-eval] [--placeholder-hooks a,b,...]
        [--work-dir DIR] [--resume-from FILE] [--resume] [--no-train-log]

Additions (observation only, except where the reference's set-up asks for a different registration):
- ``--metrics``: the n-th evaluation returns the n-th dict of this JSON list (scripted metrics, as the
  reference's vectors use) instead of the harness's seeded value.
- ``--val-len``: the val loader's length (the harness uses 2).
- ``--dist-sampler`` (legacy): ``DistSamplerSeedHook()`` registered right after ``register_training_hooks``,
  as mmdet 2.28.2 ``train_detector`` does when distributed (EpochBasedRunner only).
- ``--mmdet-eval`` (legacy): mmdet 2.28.2's ``EvalHook`` (``mmdet/core/evaluation/eval_hooks.py``, real file,
  see ``mmdet.py``) in place of MMCV's, so ``dynamic_intervals`` works; its ``single_gpu_test`` is the
  harness's test function.
- ``--placeholder-hooks``: no-op ``Hook`` subclasses of those names registered in both hook registries.
- ``--work-dir``: a fixed work directory that is kept (two-phase resume vectors); ``--resume-from`` (legacy:
  ``runner.resume(FILE)`` before ``runner.run``, as ``train_detector``) and ``--resume`` (new: ``Runner(...,
  resume=True)``).
- ``--extra``: a JSONL file with (1) the registered hook list with priorities, (2) one ``dispatch`` record per
  mount-point dispatch: the hooks whose class implements the point, in call order (``hooks``), and where each
  call starts in the trace (``calls``: number of trace events written before it; ``seq`` likewise for the
  dispatch), (3) the ``*.pth`` files left in the work dir, (4) what each saved checkpoint holds (raw or EMA
  weights in ``state_dict``/``ema_state_dict``/the ``ema_*`` buffers), (5) the final raw weights, (6) the error
  a run raised.
"""
import argparse
import importlib
import json
import os
import shutil
import sys
import tempfile

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, os.path.join(HERE, ".."))  # tools/oracle: the harness
import harness  # noqa: E402

EXTRA = []


def record(kind, **fields):
    entry = {"kind": kind, "seq": len(harness.TRACE.lines) - 1}
    entry.update(fields)
    EXTRA.append(entry)


def defining_class(cls, name):
    for klass in cls.__mro__:
        if name in klass.__dict__:
            return klass
    return None


def implements(hook, fn_name, base, generic):
    """True when the hook's class (not the base Hook) provides the mount point, directly or through the
    base class's generic method (MMCV: before_epoch…; MMEngine: _before_epoch…)."""
    owner = defining_class(type(hook), fn_name)
    if owner is not None and owner is not base:
        return True
    alias = generic.get(fn_name)
    if alias is None:
        return False
    owner = defining_class(type(hook), alias)
    return owner is not None and owner is not base


MMCV_GENERIC = {
    "before_train_epoch": "before_epoch", "after_train_epoch": "after_epoch",
    "before_val_epoch": "before_epoch", "after_val_epoch": "after_epoch",
    "before_train_iter": "before_iter", "after_train_iter": "after_iter",
    "before_val_iter": "before_iter", "after_val_iter": "after_iter"}
MMENGINE_GENERIC = {
    "before_train_epoch": "_before_epoch", "after_train_epoch": "_after_epoch",
    "before_val_epoch": "_before_epoch", "after_val_epoch": "_after_epoch",
    "before_test_epoch": "_before_epoch", "after_test_epoch": "_after_epoch",
    "before_train_iter": "_before_iter", "after_train_iter": "_after_iter",
    "before_val_iter": "_before_iter", "after_val_iter": "_after_iter",
    "before_test_iter": "_before_iter", "after_test_iter": "_after_iter"}


LEGACY_POINTS = ["before_run", "after_run", "before_epoch", "after_epoch", "before_iter", "after_iter",
                 "before_train_epoch", "after_train_epoch", "before_train_iter", "after_train_iter",
                 "before_val_epoch", "after_val_epoch", "before_val_iter", "after_val_iter"]
NEW_POINTS = ["before_run", "after_run", "before_train", "after_train", "before_val", "after_val",
              "before_train_epoch", "after_train_epoch", "before_train_iter", "after_train_iter",
              "before_val_epoch", "after_val_epoch", "before_val_iter", "after_val_iter"]


def placeholder(name, base, points):
    """A hook type that implements every mount point with a no-op (the reference's hooks a…f)."""
    return type(name, (base,), {point: (lambda self, *a, **k: None) for point in points})


def hook_list(hooks, priority_of):
    return [[type(h).__name__, priority_of(h)] for h in hooks if type(h).__name__ != "Probe"]


def patch_legacy(args):
    import mmcv.runner
    from mmcv.runner import Hook, HOOKS
    from mmcv.runner.base_runner import BaseRunner
    from mmcv.runner import epoch_based_runner, iter_based_runner

    state = {"listed": False}

    def call_hook(self, fn_name):
        if not state["listed"]:
            state["listed"] = True
            record("hooks", hooks=hook_list(self._hooks, lambda h: int(h.priority)))
        names = [type(h).__name__ for h in self._hooks
                 if type(h).__name__ != "Probe" and implements(h, fn_name, Hook, MMCV_GENERIC)]
        calls = []
        record("dispatch", point=fn_name, counters=[self.epoch, self.iter, self.inner_iter], hooks=names, calls=calls)
        for hook in self._hooks:
            if type(hook).__name__ != "Probe" and implements(hook, fn_name, Hook, MMCV_GENERIC):
                calls.append(len(harness.TRACE.lines) - 1)  # trace events written before this hook's call
            getattr(hook, fn_name)(self)

    BaseRunner.call_hook = call_hook

    if args.dist_sampler:
        from mmcv.runner import DistSamplerSeedHook, EpochBasedRunner

        # A distributed run's train loader has a sampler with set_epoch (DistributedSampler): give the harness's
        # train loader (its first DataLoader) the harness's EpochSampler, which records set_epoch calls.
        real_loader = harness.DataLoader
        first = {"done": False}

        def data_loader(dataset, *a, **k):
            if not first["done"]:
                first["done"] = True
                k.pop("shuffle", None)
                k["sampler"] = harness.EpochSampler(len(dataset))
            return real_loader(dataset, *a, **k)

        harness.DataLoader = data_loader
        real = BaseRunner.register_training_hooks

        def register_training_hooks(self, *a, **k):
            real(self, *a, **k)
            if isinstance(self, EpochBasedRunner):
                self.register_hook(DistSamplerSeedHook())

        BaseRunner.register_training_hooks = register_training_hooks

    if args.mmdet_eval:
        sys.path.insert(0, HERE)
        import mmdet_evalhook
        mmcv.runner.EvalHook = mmdet_evalhook.load(as_py_tuples=args.as_py_tuples)

    for name in args.placeholder_hooks:
        if name not in HOOKS.module_dict:
            HOOKS.register_module(name=name, module=placeholder(name, Hook, LEGACY_POINTS))

    if args.resume_from:
        path = os.path.join(args.work_dir, args.resume_from) if args.work_dir else args.resume_from
        for cls in (epoch_based_runner.EpochBasedRunner, iter_based_runner.IterBasedRunner):
            real_run = cls.run

            def run(self, *a, _real=real_run, **k):
                # train_detector calls runner.resume(path); IterBasedRunner.resume's default map_location calls
                # torch.cuda.current_device() unconditionally, so on a CPU machine it must be given 'cpu'.
                if isinstance(self, iter_based_runner.IterBasedRunner):
                    self.resume(path, map_location="cpu")
                else:
                    self.resume(path)
                return _real(self, *a, **k)

            cls.run = run


def patch_new(args):
    from mmengine.hooks import Hook
    from mmengine.registry import HOOKS
    from mmengine.runner import Runner, get_priority

    state = {"listed": False}

    def call_hook(self, fn_name, **kwargs):
        if not state["listed"]:
            state["listed"] = True
            record("hooks", hooks=hook_list(self._hooks, lambda h: get_priority(h.priority)))
        names = [type(h).__name__ for h in self._hooks
                 if type(h).__name__ != "Probe" and implements(h, fn_name, Hook, MMENGINE_GENERIC)]
        if fn_name in ("before_save_checkpoint", "after_load_checkpoint"):
            # dispatched from inside save_checkpoint/resume (nested in another point): noted, not a new dispatch
            record("nested_dispatch", point=fn_name, counters=[self.epoch, self.iter], hooks=names)
            for hook in self._hooks:
                if hasattr(hook, fn_name):
                    getattr(hook, fn_name)(self, **kwargs)
            return
        batch = kwargs.get("batch_idx")
        calls = []
        record("dispatch", point=fn_name, counters=[self.epoch, self.iter] + ([batch] if batch is not None else []),
               hooks=names, calls=calls)
        for hook in self._hooks:
            if hasattr(hook, fn_name):
                if type(hook).__name__ != "Probe" and implements(hook, fn_name, Hook, MMENGINE_GENERIC):
                    calls.append(len(harness.TRACE.lines) - 1)
                try:
                    getattr(hook, fn_name)(self, **kwargs)
                except TypeError as e:
                    raise TypeError(f"{e} in {hook}") from None

    Runner.call_hook = call_hook

    for name in args.placeholder_hooks:
        if name not in HOOKS.module_dict:
            HOOKS.register_module(name=name, module=placeholder(name, Hook, NEW_POINTS))

    if not args.as_py_tuples:
        # The lists as YAML/JSON give them: harness.py turns them back into a Python config's tuples (its one
        # input adaptation, docs/oracle.md); the set-up check T8.yaml-lists wants the lists to reach the libraries.
        harness.python_tuples = lambda cfg: None
    if args.as_py_tuples:  # a .py config's dynamic_intervals are tuples; YAML/JSON gives lists (asserted)
        from mmengine.runner import loops
        real_calc = loops.calc_dynamic_intervals
        loops.calc_dynamic_intervals = lambda start, pairs=None: real_calc(
            start, None if pairs is None else [tuple(p) for p in pairs])

    if args.resume:
        real_init = Runner.__init__

        def init(self, *a, **k):
            k["resume"] = True
            return real_init(self, *a, **k)

        Runner.__init__ = init


def patch_common(args):
    if args.metrics is not None:
        scripted = json.loads(args.metrics)

        def metrics_at(index):
            return scripted[index] if index < len(scripted) else scripted[-1]

        # MMCV: the val dataset's evaluate (the harness's Items.evaluate), returning every scripted key.
        def evaluate(self, results, logger=None, **kwargs):
            values = metrics_at(harness.STATE["evaluations"])
            harness.STATE["evaluations"] += 1
            key = harness.STATE["metric_key"]
            harness.STATE["last_value"] = values.get(key, next(iter(values.values())))
            epoch, it, _ = harness.TRACE.counters()
            harness.STATE["eval_step"] = harness.progress_step(harness.TRACE.point, epoch, it)
            for name, value in values.items():
                harness.TRACE.emit("evaluation", step=harness.STATE["eval_step"], text=name, values=[value])
            return dict(values)

        harness.Items.evaluate = evaluate

        # MMEngine: the harness's TinyMetric returns one key; the evaluator's result is replaced by the script.
        from mmengine.evaluator import Evaluator
        real_evaluate = Evaluator.evaluate

        def engine_evaluate(self, size):
            real_evaluate(self, size)  # consumes the harness's metric (keeps its counters moving)
            values = metrics_at(harness.STATE["evaluations"] - 1)
            key = harness.STATE["metric_key"]
            harness.STATE["last_value"] = values.get(key, next(iter(values.values())))
            return dict(values)

        Evaluator.evaluate = engine_evaluate

    if args.val_len is not None:
        harness.VAL_ITERS = args.val_len

    # Fixed work dir (kept) or the harness's temporary one; the *.pth files left are listed before cleaning
    # up. The harness reaches mkdtemp/rmtree through its module globals `tempfile`/`shutil`: replace those
    # names in the harness only.
    import types
    import torch
    work = {"dir": None}
    pending = []
    raw = {}

    def mkdtemp(*a, **k):
        if args.work_dir:
            os.makedirs(args.work_dir, exist_ok=True)
            work["dir"] = args.work_dir
        else:
            work["dir"] = tempfile.mkdtemp(*a, **k)
        return work["dir"]

    def inspect_pending():
        while pending:
            name = pending.pop(0)
            full = os.path.join(work["dir"], name)
            if not os.path.exists(full):
                continue
            ckpt = torch.load(full, map_location="cpu")
            sd = ckpt.get("state_dict", {})
            params = [v for k, v in sd.items() if k.endswith(("linear.weight", "linear.bias")) and "ema" not in k]
            is_raw = None
            if "params" in raw and len(params) == len(raw["params"]):
                is_raw = all(torch.equal(a.flatten(), b.flatten()) for a, b in zip(params, raw["params"]))
            ema_sd = ckpt.get("ema_state_dict", {})
            ema_params = [v for k, v in ema_sd.items() if k.endswith(("linear.weight", "linear.bias"))]
            ema_raw = None
            if "params" in raw and len(ema_params) == len(raw["params"]):
                ema_raw = all(torch.equal(a.flatten(), b.flatten()) for a, b in zip(ema_params, raw["params"]))
            buffers = [v for k, v in sd.items() if k.startswith("ema_")]
            buffers_raw = None
            if "params" in raw and len(buffers) == len(raw["params"]):
                buffers_raw = all(torch.equal(sd["ema_" + n.replace(".", "_")].flatten(), sd_raw.flatten())
                                  for n, sd_raw in zip([k for k in sd if not k.startswith("ema_")], raw["params"]))
            record("checkpoint_content", file=name, state_dict_keys=sorted(sd.keys()),
                   state_dict_weights=None if is_raw is None else ("raw" if is_raw else "EMA"),
                   ema_state_dict_keys=sorted(ema_sd.keys()),
                   ema_state_dict_weights=None if ema_raw is None else ("raw" if ema_raw else "EMA"),
                   ema_buffer_weights=None if buffers_raw is None else ("raw" if buffers_raw else "EMA"),
                   ema_steps=int(ema_sd["steps"]) if "steps" in ema_sd else None)

    def rmtree(path, *a, **k):
        inspect_pending()
        files = []
        for name in sorted(os.listdir(path)):
            if name.endswith(".pth"):
                full = os.path.join(path, name)
                files.append(name + (" -> " + os.path.basename(os.readlink(full)) if os.path.islink(full) else ""))
        record("final_files", files=files, last_checkpoint=os.path.exists(os.path.join(path, "last_checkpoint")))
        if "params" in raw:
            record("final_raw_weights", values=[float(x) for p in raw["params"] for x in p.flatten()])
        if not args.work_dir:
            shutil.rmtree(path, *a, **k)

    harness.tempfile = types.SimpleNamespace(mkdtemp=mkdtemp)
    harness.shutil = types.SimpleNamespace(rmtree=rmtree)

    # What each saved checkpoint holds: the raw weights after every optimizer step, compared with the
    # state_dict of the file once it is written (at the next trace event).
    real_wrap = harness.wrap_optimizer_step

    def wrap_optimizer_step(optimizer, immediate):
        real_wrap(optimizer, immediate)
        stepped = optimizer.step

        def step(*a, **k):
            out = stepped(*a, **k)
            raw["params"] = [p.detach().clone() for g in optimizer.param_groups for p in g["params"]]
            return out

        optimizer.step = step

    harness.wrap_optimizer_step = wrap_optimizer_step
    real_record_save = harness.record_save

    def record_save(path):
        inspect_pending()
        real_record_save(path)
        pending.append(os.path.basename(path))

    harness.record_save = record_save
    real_emit = harness.Trace.emit

    def emit(self, kind, *a, **k):
        inspect_pending()
        return real_emit(self, kind, *a, **k)

    harness.Trace.emit = emit


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("runner", choices=["legacy", "new"])
    parser.add_argument("config")
    parser.add_argument("--iters-per-epoch", type=int, default=10)
    parser.add_argument("-o", "--output", required=True)
    parser.add_argument("--extra")
    parser.add_argument("--metrics")
    parser.add_argument("--val-len", type=int)
    parser.add_argument("--dist-sampler", action="store_true")
    parser.add_argument("--mmdet-eval", action="store_true")
    parser.add_argument("--placeholder-hooks", default="")
    parser.add_argument("--work-dir")
    parser.add_argument("--resume-from")
    parser.add_argument("--resume", action="store_true")
    parser.add_argument("--as-py-tuples", action="store_true",
                        help="give dynamic_intervals to the real code as tuples, as a .py config would")
    args = parser.parse_args()
    args.placeholder_hooks = [n for n in args.placeholder_hooks.split(",") if n]
    if args.work_dir:
        args.work_dir = os.path.abspath(args.work_dir)
    patch_common(args)
    if args.runner == "legacy":
        patch_legacy(args)
    else:
        patch_new(args)
    error = None
    try:
        harness.main([args.runner, args.config, "--iters-per-epoch", str(args.iters_per_epoch),
                      "-o", args.output, "--name", os.path.basename(args.config)])
    except Exception as exc:  # the real run raised: record it (the reference sometimes claims an error)
        error = f"{type(exc).__name__}: {exc}"
        if harness.TRACE is not None:
            harness.TRACE.write(args.output)
    if args.extra:
        with open(args.extra, "w") as handle:
            if error:
                EXTRA.append({"kind": "error", "text": error})
            for entry in EXTRA:
                handle.write(json.dumps(entry) + "\n")
    if error:
        print(error, file=sys.stderr)
        return 3
    return 0


if __name__ == "__main__":
    sys.exit(main())
