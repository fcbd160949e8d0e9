#!/usr/bin/env python3
"""Real-client check of hookmigrate's Python output: a config written as `.py` loads in the real MMEngine
0.10.7 and holds exactly the data of the same config written as YAML.

    swift build -c release
    .venv-oracle/bin/python tools/oracle/check_python_output.py             # fixtures + corpus sample
    .venv-oracle/bin/python tools/oracle/check_python_output.py --all       # fixtures + whole corpus

Inputs: the writer's edge cases (`tools/oracle/python-output/*.yaml`: quoting, escapes, special
floats, non-string keys, tuples, deep nesting), every fixture example (`fixtures/examples/*/*.{yaml,
yml,json}`, not the `expected.*` goldens), every `fixtures/convert/*/input.*`, and from the corpus
(`../shared/corpus/legacy`) a deterministic sample: per package, the sorted legacy YAML files taken at
evenly spaced positions (`--per-package`, 10 by default, so 120 over the 12 packages), or every file
with `--all` (`--corpus-format json`: their JSON siblings instead). Files named on the command line
replace all of these.

For each input and each of two modes, `convert` (the MMEngine config) and `convert --resolve-only`
(the resolved legacy config, which holds more varied data: int keys, tuples, long lists; the edge
cases are data, not training configs, and are checked in this mode only), the hookmigrate CLI writes
`out.py` and `out.yaml` (`-o`; `--no-verify`: the proof step is not what is checked here). Both are
loaded with `mmengine.Config.fromfile(path, import_custom_modules=False)`, and the check is (a) the
`.py` loads, and (b) `cfg.to_dict()` of the two are equal with types compared exactly: a tuple is not
a list, an int is not a float or a bool, a key's type counts too, and dict keys must come in the same
order. NaN equals NaN. Every failure is printed, then the counts; the exit status is 1 when anything failed.
"""
import argparse
import glob
import io
import contextlib
import math
import os
import shutil
import subprocess
import sys
import tempfile
import warnings

warnings.filterwarnings("ignore")

ROOT = os.path.abspath(os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", ".."))
MODES = ("convert", "resolve-only")


def difference(a, b, path="<root>"):
    """The first place where two loaded configs differ, types compared exactly; None when equal."""
    if type(a) is not type(b):
        return f"{path}: {type(a).__name__} {a!r:.80} vs {type(b).__name__} {b!r:.80}"
    if isinstance(a, dict):
        if list(a.keys()) != list(b.keys()):
            if set(a.keys()) != set(b.keys()):
                return f"{path}: keys {sorted(map(repr, a.keys()))} vs {sorted(map(repr, b.keys()))}"
            return f"{path}: key order {list(a.keys())} vs {list(b.keys())}"
        for key in a:
            if type(key) is not type(next(k for k in b if k == key)):
                return f"{path}: key {key!r} has type {type(key).__name__} on one side only"
            found = difference(a[key], b[key], f"{path}.{key}")
            if found:
                return found
        return None
    if isinstance(a, (list, tuple)):
        if len(a) != len(b):
            return f"{path}: {len(a)} items vs {len(b)}"
        for index, (x, y) in enumerate(zip(a, b)):
            found = difference(x, y, f"{path}[{index}]")
            if found:
                return found
        return None
    if isinstance(a, float) and math.isnan(a) and math.isnan(b):
        return None
    if isinstance(a, float) and a == b and math.copysign(1, a) != math.copysign(1, b):
        return f"{path}: {a!r} vs {b!r}"
    return None if a == b else f"{path}: {a!r:.80} vs {b!r:.80}"


def load(path):
    from mmengine.config import Config
    with contextlib.redirect_stdout(io.StringIO()), contextlib.redirect_stderr(io.StringIO()):
        return Config.fromfile(path, import_custom_modules=False).to_dict()


def inputs(corpus, per_package, everything, ext):
    found = [("edge", path) for path in sorted(glob.glob(os.path.join(ROOT, "tools", "oracle", "python-output", "*.yaml")))]
    for directory in sorted(glob.glob(os.path.join(ROOT, "fixtures", "examples", "*"))):
        for path in sorted(os.listdir(directory)):
            if path.endswith((".yaml", ".yml", ".json")) and not path.startswith("expected."):
                found.append(("example", os.path.join(directory, path)))
    for path in sorted(glob.glob(os.path.join(ROOT, "fixtures", "convert", "*", "input.*"))):
        found.append(("fixture", path))
    legacy = os.path.join(corpus, "legacy")
    for package in sorted(os.listdir(legacy)):
        files = sorted(os.path.join(dirpath, name)
                       for dirpath, _, names in os.walk(os.path.join(legacy, package))
                       for name in names if name.endswith("." + ext))
        if not everything and len(files) > per_package:
            files = [files[(i * len(files)) // per_package] for i in range(per_package)]
        found += [("corpus:" + package, path) for path in files]
    return found


def write_both(binary, source, mode, work):
    """Runs the CLI twice (-o out.py, -o out.yaml); returns the two paths, or raises with its stderr."""
    outputs = []
    for ext in ("py", "yaml"):
        target = os.path.join(work, f"out.{ext}")
        command = [binary, "convert", source, "-o", target, "--no-verify", "--report", os.path.join(work, "report.txt")]
        if mode == "resolve-only":
            command.append("--resolve-only")
        done = subprocess.run(command, capture_output=True, text=True)
        if done.returncode != 0:
            raise RuntimeError(f"hookmigrate exited {done.returncode} writing .{ext}: {done.stderr.strip()[:400]}")
        outputs.append(target)
    return outputs


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--hookmigrate", default=os.path.join(ROOT, ".build", "release", "hookmigrate"))
    parser.add_argument("--corpus", default=os.path.join(ROOT, "..", "shared", "corpus"))
    parser.add_argument("--per-package", type=int, default=10)
    parser.add_argument("--all", action="store_true", help="every corpus legacy config, not a sample")
    parser.add_argument("--corpus-format", choices=("yaml", "json"), default="yaml",
                        help="read the corpus's YAML dumps (default) or their JSON siblings")
    parser.add_argument("--keep", help="copy the .py of every failure into this directory")
    parser.add_argument("only", nargs="*", help="check these config files only")
    args = parser.parse_args()

    if args.only:
        cases = [("given", os.path.abspath(path)) for path in args.only]
    else:
        cases = inputs(os.path.abspath(args.corpus), args.per_package, args.all, args.corpus_format)
    counts = {}
    failures = []
    work = tempfile.mkdtemp(prefix="check-python-output-")
    try:
        for group, source in cases:
            # The edge cases are data, not training configs: only their resolved form is written.
            for mode in MODES if group != "edge" else ("resolve-only",):
                kind = group.split(":")[0]
                tally = counts.setdefault((kind, mode), [0, 0, 0, 0])  # checked, written, py loads, equal
                tally[0] += 1
                name = os.path.relpath(source, ROOT) if source.startswith(ROOT) else source
                try:
                    py_path, yaml_path = write_both(args.hookmigrate, source, mode, work)
                except RuntimeError as error:
                    failures.append((name, mode, "write", str(error)))
                    continue
                tally[1] += 1
                try:
                    from_py = load(py_path)
                except Exception as error:  # noqa: BLE001 - every failure is reported
                    failures.append((name, mode, "py-load", f"{type(error).__name__}: {str(error)[:300]}"))
                    if args.keep:
                        os.makedirs(args.keep, exist_ok=True)
                        shutil.copy(py_path, os.path.join(args.keep, f"{len(failures)}.py"))
                    continue
                tally[2] += 1
                try:
                    from_yaml = load(yaml_path)
                except Exception as error:  # noqa: BLE001
                    failures.append((name, mode, "yaml-load", f"{type(error).__name__}: {str(error)[:300]}"))
                    continue
                found = difference(from_py, from_yaml)
                if found:
                    failures.append((name, mode, "differ", found))
                    if args.keep:
                        os.makedirs(args.keep, exist_ok=True)
                        shutil.copy(py_path, os.path.join(args.keep, f"{len(failures)}.py"))
                else:
                    tally[3] += 1
    finally:
        shutil.rmtree(work, ignore_errors=True)

    for name, mode, stage, detail in failures:
        print(f"FAIL {name} [{mode}] {stage}: {detail}")
    packages = sorted({group.split(":")[1] for group, _ in cases if group.startswith("corpus:")})
    corpus_inputs = sum(1 for group, _ in cases if group.startswith("corpus:"))
    print(f"inputs: {len(cases)} ({sum(1 for g, _ in cases if g == 'edge')} edge-case files, "
          f"{sum(1 for g, _ in cases if g == 'example')} examples, "
          f"{sum(1 for g, _ in cases if g == 'fixture')} convert fixtures, {corpus_inputs} corpus legacy configs "
          f"from {len(packages)} packages)")
    print("| inputs | mode | checked | written | .py loads | equal to YAML |")
    print("|---|---|---:|---:|---:|---:|")
    total = [0, 0, 0, 0]
    for (kind, mode), tally in sorted(counts.items()):
        print(f"| {kind} | {mode} | " + " | ".join(map(str, tally)) + " |")
        total = [t + x for t, x in zip(total, tally)]
    print("| **total** | | " + " | ".join(f"**{t}**" for t in total) + " |")
    print(f"{len(failures)} failure(s)")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
