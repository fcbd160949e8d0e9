"""Checks, on the real MMCV 1.7.2, the refusals that hookmigrate's one reading of a legacy config
(HookMigrateRuntime: LegacyUpdaterConfig, LegacyLoggerHook.parse, LegacyRunner.cumulativeIters,
LegacyEMAHook.parse, LegacyEvalHook.parseSchedule) reports, by building each hook as a runner does and
running its first mount point. Prints one line per case and exits 1 if the real library disagrees.

    .venv-oracle/bin/python tools/oracle/check_refusals.py
"""
import logging
import sys
import tempfile
import warnings

warnings.filterwarnings("ignore")

import torch  # noqa: E402
from mmcv.runner import EpochBasedRunner  # noqa: E402
from mmcv.runner.hooks import EMAHook, EvalHook  # noqa: E402
from mmcv.runner.hooks.lr_updater import StepLrUpdaterHook  # noqa: E402
from torch.utils.data import DataLoader  # noqa: E402


class Model(torch.nn.Module):
    def __init__(self):
        super().__init__()
        self.layer = torch.nn.Linear(1, 1)

    def train_step(self, *args, **kwargs):
        return dict(loss=self.layer.weight.sum(), log_vars={}, num_samples=1)


def runner():
    model = Model()
    optimizer = torch.optim.SGD(model.parameters(), lr=0.1)
    return EpochBasedRunner(model, optimizer=optimizer, work_dir=tempfile.mkdtemp(), logger=logging.getLogger("refusals"), max_epochs=1)


def first_iteration(hook_args):
    run = runner()
    hook = StepLrUpdaterHook(**hook_args)
    hook.before_run(run)
    hook.before_train_iter(run)


CASES = [
    # (name, action, the exception the one reading says MMCV raises, or None)
    ("lr warmup_iters 5.0 (float)", lambda: first_iteration(dict(step=[1], warmup="linear", warmup_iters=5.0)), AssertionError),
    ("lr warmup_iters None, no warmup", lambda: first_iteration(dict(step=[1], warmup_iters=None)), AssertionError),
    ("lr warmup_iters 5 (int)", lambda: first_iteration(dict(step=[1], warmup="linear", warmup_iters=5)), None),
    ("log_config without interval", lambda: runner().register_logger_hooks(dict(hooks=[dict(type="TextLoggerHook")])), KeyError),
    ("log_config without hooks", lambda: runner().register_logger_hooks(dict(interval=5)), KeyError),
    ("OptimizerHook with cumulative_iters", lambda: runner().register_optimizer_hook(dict(type="OptimizerHook", cumulative_iters=4)), TypeError),
    ("default optimizer hook with cumulative_iters", lambda: runner().register_optimizer_hook(dict(cumulative_iters=4)), TypeError),
    ("GradientCumulativeOptimizerHook cumulative_iters 0", lambda: runner().register_optimizer_hook(dict(type="GradientCumulativeOptimizerHook", cumulative_iters=0)), AssertionError),
    ("EMAHook momentum 1.5", lambda: EMAHook(momentum=1.5), AssertionError),
    ("EMAHook interval 0", lambda: EMAHook(interval=0), AssertionError),
    ("EvalHook start -1", lambda: EvalHook(DataLoader([0]), start=-1), ValueError),
    ("EvalHook interval 0", lambda: EvalHook(DataLoader([0]), interval=0), ValueError),
]


def main():
    failures = 0
    for name, action, expected in CASES:
        try:
            action()
            raised = None
        except Exception as error:  # noqa: BLE001 - the exception's type is the result
            raised = type(error)
        ok = raised is expected or (expected is not None and raised is not None and issubclass(raised, expected))
        failures += 0 if ok else 1
        print(f"{'ok  ' if ok else 'DIFF'} {name}: MMCV raised {raised.__name__ if raised else 'nothing'}; hookmigrate expects {expected.__name__ if expected else 'nothing'}")
    print(f"{len(CASES) - failures} of {len(CASES)} agree")
    sys.exit(1 if failures else 0)


if __name__ == "__main__":
    main()
