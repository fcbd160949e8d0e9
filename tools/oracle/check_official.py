#!/usr/bin/env python3
"""Checks hookmigrate's schedule verdicts on a sample of official migrations against the real libraries.

    hookmigrate-bench official ../shared/corpus --sample DIR      # writes DIR/NNN/{legacy.yaml,new.yaml,ours.tsv}
    .venv-oracle/bin/python tools/oracle/check_official.py DIR [-o fixtures/official-oracle/results.tsv]

For each sampled pair it runs legacy.yaml in the real MMCV 1.7.2 runner and new.yaml in the real MMEngine 0.10.7
Runner (tools/oracle/harness.py, at the L of ours.tsv), takes the lr and momentum of every optimizer step, and
says `equal` (same number of steps, every value within 1e-9 relative) or `differs`, or `raised: <error>` when a
real run raised. The TSV it writes is what docs/official-comparison.md reports.
"""
import argparse
import json
import math
import os
import subprocess
import sys

HERE = os.path.dirname(os.path.abspath(__file__))


def steps(path):
    values = []
    with open(path, encoding="utf-8") as handle:
        for line in handle.readlines()[1:]:
            event = json.loads(line)
            if event["kind"] == "optim_step":
                values.append(event.get("values", []))
    return values


def close(a, b):
    if a is None or b is None:
        return a is None and b is None
    return a == b or abs(a - b) <= 1e-9 * max(abs(a), abs(b))


def real_run(side, config, length, out):
    done = subprocess.run([sys.executable, os.path.join(HERE, "harness.py"), side, config, "--iters-per-epoch", str(length), "-o", out],
                          capture_output=True, text=True, timeout=900)
    if done.returncode != 0 or not os.path.exists(out):
        lines = (done.stderr or done.stdout).strip().splitlines()
        return None, (lines[-1] if lines else "exit %d" % done.returncode)[:160]
    return steps(out), None


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("directory")
    parser.add_argument("-o", "--output", default="fixtures/official-oracle/results.tsv")
    args = parser.parse_args()
    rows = ["package\tofficial config\tL\thookmigrate\treal libraries"]
    for name in sorted(os.listdir(args.directory)):
        folder = os.path.join(args.directory, name)
        with open(os.path.join(folder, "ours.tsv"), encoding="utf-8") as handle:
            package, modern, length, ours = handle.read().rstrip("\n").split("\t")
        legacy, error = real_run("legacy", os.path.join(folder, "legacy.yaml"), length, os.path.join(folder, "legacy.jsonl"))
        new, error_new = (None, None) if error else real_run("new", os.path.join(folder, "new.yaml"), length, os.path.join(folder, "new.jsonl"))
        if error or error_new:
            real = "raised: " + ("legacy: " + error if error else "new: " + error_new)
        else:
            same = len(legacy) == len(new) and all(len(a) == len(b) and all(close(x, y) for x, y in zip(a, b)) for a, b in zip(legacy, new))
            real = "equal" if same else "differs"
        rows.append("\t".join([package, modern, length, ours, real]))
        print(rows[-1], flush=True)
    os.makedirs(os.path.dirname(args.output) or ".", exist_ok=True)
    with open(args.output, "w", encoding="utf-8") as handle:
        handle.write("\n".join(rows) + "\n")


if __name__ == "__main__":
    main()
