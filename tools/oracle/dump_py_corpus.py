"""Resolves every `.py` config of a tree with the real MMCV 1.7.2 and writes its JSON dump.

    .venv-oracle/bin/python tools/oracle/dump_py_corpus.py ../shared/corpus/py .venv-oracle/corpus-py

For each `<tree>/<rel>.py` (leaves and `_base_` files alike) this writes `<out>/<rel>.json`, exactly as
`Config.fromfile(path, import_custom_modules=False).dump(out)` writes it, or, when MMCV raises, one line
`<rel>.py<TAB><exception type>: <message>` in `<out>/errors.tsv`. hookmigrate's `.py` reader is compared
against these dumps (`hookmigrate-bench py-corpus`).
"""
import io
import os
import sys
import warnings
import contextlib

warnings.filterwarnings("ignore")
from mmcv import Config  # noqa: E402


def main(tree, out):
    errors = []
    count = 0
    for root, dirs, files in os.walk(tree):
        dirs.sort()
        for name in sorted(files):
            if not name.endswith(".py"):
                continue
            path = os.path.join(root, name)
            rel = os.path.relpath(path, tree)
            target = os.path.join(out, rel[:-3] + ".json")
            os.makedirs(os.path.dirname(target), exist_ok=True)
            count += 1
            try:
                with contextlib.redirect_stdout(io.StringIO()):
                    cfg = Config.fromfile(path, import_custom_modules=False)
                    cfg.dump(target)
            except Exception as error:  # noqa: BLE001 - every failure is recorded
                message = str(error).replace("\t", " ").replace("\n", " ")[:400]
                errors.append(f"{rel}\t{type(error).__name__}: {message}")
                if os.path.exists(target):
                    os.remove(target)
    with open(os.path.join(out, "errors.tsv"), "w") as handle:
        handle.write("".join(line + "\n" for line in errors))
    print(f"{count} files, {count - len(errors)} dumped, {len(errors)} raised")


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2])
