#!/usr/bin/env python3
"""Real-client check: every fixtures/oracle/*/converted.yaml loads with the real mmengine.Config.fromfile and
builds a Runner (tiny model; dataloaders and evaluator replaced by tiny ones, and the harness' adaptations of
docs/oracle.md, as in harness.py) without training.

    .venv-oracle/bin/python tools/oracle/check_converted.py
"""
import glob
import os
import sys
import tempfile
import warnings

warnings.filterwarnings("ignore")
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import harness  # noqa: E402


def check(path):
    from mmengine.config import Config
    from mmengine.evaluator import BaseMetric, Evaluator
    from mmengine.model import BaseModel
    from mmengine.runner import Runner
    from torch import nn
    from torch.utils.data import DataLoader

    class TinyModel(BaseModel):
        def __init__(self):
            super().__init__()
            self.linear = nn.Linear(2, 1).double()

        def forward(self, x, mode="tensor"):
            return dict(loss=self.linear(x).mean()) if mode == "loss" else [x]

    class TinyMetric(BaseMetric):
        def process(self, data_batch, data_samples):
            pass

        def compute_metrics(self, results):
            return {}

    work = tempfile.mkdtemp(prefix="oracle-check-")
    Config.fromfile(path)  # the real loader on the file as written (YAML)
    cfg = Config.fromfile(harness.as_json(path, work))
    harness.adapt_new(cfg)  # the harness' adaptations (tuples, mmdet 3 EMA, placeholder hooks, AMP check)
    kwargs = dict(model=TinyModel(), work_dir=work, train_cfg=cfg.get("train_cfg"),
                  optim_wrapper=cfg.get("optim_wrapper"), param_scheduler=cfg.get("param_scheduler"),
                  default_hooks=cfg.get("default_hooks"), custom_hooks=cfg.get("custom_hooks"),
                  log_processor=cfg.get("log_processor"), launcher="none", log_level="ERROR",
                  default_scope="mmengine")
    if cfg.get("train_cfg") is not None:
        kwargs["train_dataloader"] = DataLoader(harness.Items(3, True), batch_size=1)
    if all(cfg.get(k) is not None for k in ("val_cfg", "val_dataloader", "val_evaluator")):
        kwargs.update(val_dataloader=DataLoader(harness.Items(2, True), batch_size=1), val_cfg=cfg.val_cfg,
                      val_evaluator=Evaluator([TinyMetric()]))
    runner = Runner(**kwargs)
    # Build what train() would build, without training: loop, optimizer wrapper, schedulers, hooks.
    runner._train_loop = runner.build_train_loop(runner._train_loop)
    runner.optim_wrapper = runner.build_optim_wrapper(runner.optim_wrapper)
    if runner.param_schedulers is not None:
        runner.param_schedulers = runner.build_param_scheduler(runner.param_schedulers)
    return len(runner.hooks)


def main():
    root = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..", "fixtures", "oracle")
    rows, failures = [], 0
    for path in sorted(glob.glob(os.path.join(root, "*", "converted.yaml"))):
        name = os.path.basename(os.path.dirname(path))
        try:
            hooks = check(path)
            rows.append((name, "ok", f"{hooks} hooks"))
        except Exception as error:  # noqa: BLE001 - the table records any failure
            failures += 1
            rows.append((name, "FAIL", f"{type(error).__name__}: {str(error).splitlines()[0][:120]}"))
    width = max(len(r[0]) for r in rows)
    print(f"| {'case'.ljust(width)} | result | detail |\n|{'-' * (width + 2)}|--------|--------|")
    for name, result, detail in rows:
        print(f"| {name.ljust(width)} | {result.ljust(6)} | {detail} |")
    print(f"\n{len(rows) - failures}/{len(rows)} converted configs load and build a Runner")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
