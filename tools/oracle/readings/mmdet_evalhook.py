"""mmdet 2.28.2's EvalHook (the real file, `mmdet/core/evaluation/eval_hooks.py`), loaded without the rest of
mmdet (which needs compiled MMCV ops): the file only imports mmcv and torch, plus `mmdet.apis.single_gpu_test`
at evaluation time, which is given the harness's test function (one dummy result per val item).

The wheel is fetched once with `pip download mmdet==2.28.2 --no-deps` into tools/oracle/readings/.cache/
(git-ignored); nothing is installed into the venv.
"""
import glob
import importlib.util
import os
import subprocess
import sys
import types
import zipfile

HERE = os.path.dirname(os.path.abspath(__file__))
CACHE = os.path.join(HERE, ".cache")
MEMBER = "mmdet/core/evaluation/eval_hooks.py"


def source_path():
    target = os.path.join(CACHE, "mmdet-2.28.2", MEMBER)
    if os.path.exists(target):
        return target
    wheels = glob.glob(os.path.join(CACHE, "mmdet-2.28.2-*.whl"))
    if not wheels:
        os.makedirs(CACHE, exist_ok=True)
        subprocess.run([sys.executable, "-m", "pip", "download", "--quiet", "mmdet==2.28.2", "--no-deps",
                        "-d", CACHE], check=True)
        wheels = glob.glob(os.path.join(CACHE, "mmdet-2.28.2-*.whl"))
    with zipfile.ZipFile(wheels[0]) as wheel:
        wheel.extract(MEMBER, os.path.join(CACHE, "mmdet-2.28.2"))
    return target


def load(as_py_tuples=False):
    apis = types.ModuleType("mmdet.apis")
    apis.single_gpu_test = lambda model, data_loader, show=False, **kw: [0] * len(data_loader.dataset)
    package = types.ModuleType("mmdet")
    package.apis = apis
    sys.modules.setdefault("mmdet", package)
    sys.modules.setdefault("mmdet.apis", apis)
    spec = importlib.util.spec_from_file_location("mmdet_eval_hooks_2_28_2", source_path())
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    if not as_py_tuples:
        return module.EvalHook

    class EvalHook(module.EvalHook):  # the .py config's tuples (YAML/JSON lists fail mmdet's assertion)
        def __init__(self, *args, dynamic_intervals=None, **kwargs):
            if dynamic_intervals is not None:
                dynamic_intervals = [tuple(pair) for pair in dynamic_intervals]
            super().__init__(*args, dynamic_intervals=dynamic_intervals, **kwargs)

    return EvalHook
