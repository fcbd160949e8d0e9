"""Times the real MMCV 1.7.2 loading every leaf config of a tree, in one Python process.

    .venv-oracle/bin/python tools/oracle/time_mmcv_load.py TREE [--repeat N] [--ext json]

A leaf is every `.py`, `.yaml`, `.yml` or `.json` file (only `.EXT` files with `--ext`) not under a
`_base_` folder. Each is loaded with
`Config.fromfile(path, import_custom_modules=False)`; files MMCV fails on are counted, not timed twice.
Import time is excluded (mmcv is imported before the clock starts). Prints one JSON line:
{"files": N, "loaded": N, "failed": N, "seconds": S} with S the fastest of the repeats.
"""
import io
import json
import os
import sys
import time
import warnings
import contextlib

warnings.filterwarnings("ignore")
from mmcv import Config  # noqa: E402


def leaves(tree, extensions):
    found = []
    for root, dirs, files in os.walk(tree):
        dirs[:] = sorted(d for d in dirs if not d.startswith("."))
        rel = os.path.relpath(root, tree)
        if "_base_" in rel.split(os.sep):
            continue
        for name in sorted(files):
            if name.endswith(extensions):
                found.append(os.path.join(root, name))
    return found


def main():
    tree = sys.argv[1]
    repeat = int(sys.argv[sys.argv.index("--repeat") + 1]) if "--repeat" in sys.argv else 1
    extensions = (".py", ".yaml", ".yml", ".json")
    if "--ext" in sys.argv:
        extensions = ("." + sys.argv[sys.argv.index("--ext") + 1],)
    files = leaves(tree, extensions)
    best = None
    failed = 0
    for _ in range(repeat):
        failed = 0
        start = time.perf_counter()
        with contextlib.redirect_stdout(io.StringIO()):
            for path in files:
                try:
                    Config.fromfile(path, import_custom_modules=False)
                except Exception:  # noqa: BLE001 - counted
                    failed += 1
        elapsed = time.perf_counter() - start
        best = elapsed if best is None else min(best, elapsed)
    print(json.dumps({"files": len(files), "loaded": len(files) - failed, "failed": failed, "seconds": round(best, 4)}))


if __name__ == "__main__":
    main()
