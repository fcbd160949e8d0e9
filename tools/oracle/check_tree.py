"""Loads every file of a tree written by `hookmigrate convert IN_DIR -o OUT_DIR` in the real MMEngine 0.10.7.

    .venv-oracle/bin/python tools/oracle/check_tree.py IN_DIR OUT_DIR [--hookmigrate .build/release/hookmigrate]

For each written config file OUT_DIR/<rel> (with its `_base_` files, as MMEngine resolves them):
  1. `mmengine.Config.fromfile(OUT_DIR/<rel>).to_dict()` must load;
  2. it must equal MMEngine's load of hookmigrate's own resolution of the same file
     (`hookmigrate convert OUT_DIR/<rel> --resolve-only --format py`, a flat file): MMEngine and hookmigrate
     resolve the tree alike (hookmigrate checks every written file against its target after resolving it);
  3. for a complete config (not under `_base_`), it must also equal MMEngine's load of the flat conversion of
     the legacy file (`hookmigrate convert IN_DIR/<rel'> --no-verify --format py`), types included (tuples,
     ints, floats, key types).
Prints counts and every failure; exit 1 when any check fails.
"""
import io
import os
import subprocess
import sys
import tempfile
import warnings
import contextlib

warnings.filterwarnings("ignore")
from mmengine import Config  # noqa: E402

EXTENSIONS = (".py", ".yaml", ".yml", ".json")


def load(path):
    with contextlib.redirect_stdout(io.StringIO()):
        return Config.fromfile(path, import_custom_modules=False).to_dict()


def typed(value):
    """The value with its Python types made visible, so that 1 == 1.0 == True and (1,) == [1] count as different."""
    if isinstance(value, dict):
        return ("dict", tuple((typed(k), typed(v)) for k, v in sorted(value.items(), key=lambda kv: repr(kv[0]))))
    if isinstance(value, (list, tuple)):
        return (type(value).__name__, tuple(typed(v) for v in value))
    return (type(value).__name__, value if value == value else "nan")


def hookmigrate_py(binary, args, directory):
    target = os.path.join(directory, "flat.py")
    result = subprocess.run([binary, "convert"] + args + ["--format", "py", "-o", target],
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    if result.returncode not in (0, 1) or not os.path.exists(target):
        raise RuntimeError(f"hookmigrate {' '.join(args)} exited {result.returncode}: {result.stderr.strip()[:300]}")
    return target


def main():
    in_dir, out_dir = sys.argv[1], sys.argv[2]
    binary = sys.argv[sys.argv.index("--hookmigrate") + 1] if "--hookmigrate" in sys.argv else ".build/release/hookmigrate"
    written = []
    for root, dirs, files in os.walk(out_dir):
        dirs[:] = sorted(d for d in dirs if not d.startswith("."))
        for name in sorted(files):
            if name.endswith(EXTENSIONS):
                written.append(os.path.relpath(os.path.join(root, name), out_dir))
    if not written:
        print(f"no written config files under {out_dir}: run `hookmigrate convert {in_dir} -o {out_dir}` first")
        return 1
    counts = {"files": 0, "loaded": 0, "equal to hookmigrate's resolution": 0, "configs": 0, "equal to the flat conversion": 0}
    failures = []
    with tempfile.TemporaryDirectory() as scratch:
        for rel in written:
            counts["files"] += 1
            path = os.path.join(out_dir, rel)
            try:
                loaded = load(path)
            except Exception as error:  # noqa: BLE001 - recorded
                failures.append(f"{rel}: MMEngine cannot load it: {type(error).__name__}: {error}")
                continue
            counts["loaded"] += 1
            try:
                resolved = load(hookmigrate_py(binary, [path, "--resolve-only"], scratch))
                if typed(resolved) == typed(loaded):
                    counts["equal to hookmigrate's resolution"] += 1
                else:
                    failures.append(f"{rel}: MMEngine's resolution differs from hookmigrate's")
            except Exception as error:  # noqa: BLE001 - recorded
                failures.append(f"{rel}: {error}")
            if "_base_" in rel.split(os.sep)[:-1]:
                continue
            counts["configs"] += 1
            stem = os.path.splitext(rel)[0]
            legacy = next((os.path.join(in_dir, stem + ext) for ext in EXTENSIONS if os.path.exists(os.path.join(in_dir, stem + ext))), None)
            if legacy is None:
                failures.append(f"{rel}: no legacy file for it under {in_dir}")
                continue
            try:
                flat = load(hookmigrate_py(binary, [legacy, "--no-verify"], scratch))
                if typed(flat) == typed(loaded):
                    counts["equal to the flat conversion"] += 1
                else:
                    failures.append(f"{rel}: differs from the flat conversion of {legacy}")
            except Exception as error:  # noqa: BLE001 - recorded
                failures.append(f"{rel}: {error}")
    for key, value in counts.items():
        print(f"{value:6d}  {key}")
    for failure in failures:
        print("FAIL", failure)
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
