"""Renders the measured deviation grid (fixtures/oracle-readings/c9-grid.json, written by run.py from real
MMCV 1.7.2 and MMEngine 0.10.7 runs) into docs/deviations.md, between its grid markers.

    python3 tools/oracle/readings/deviation_grid.py            # rewrites docs/deviations.md in place
    python3 tools/oracle/readings/deviation_grid.py --check    # exit 1 when the page is out of date

Needs no oracle venv: it only reads the JSON and the grid's definitions in c9.py.
"""
import json
import os
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.normpath(os.path.join(HERE, "..", "..", ".."))
sys.path.insert(0, HERE)
import c9  # noqa: E402

BEGIN, END = "<!-- grid:begin -->", "<!-- grid:end -->"


def cell(values):
    if values is None:
        return "—"
    if isinstance(values, str):
        return "error"
    return c9.fmt(values[1])


def render():
    grid = json.load(open(os.path.join(ROOT, "fixtures", "oracle-readings", "c9-grid.json")))
    by_key = {(r["row"], r["by_epoch"], r["warmup"]): r for r in grid}
    lines = ["| row | by epoch | " + " | ".join(c9.WARMUPS) + " |",
             "|---|---|" + "---|" * len(c9.WARMUPS)]
    for row, by_epoch in c9.ROWS:
        cells = []
        for warmup in c9.WARMUPS:
            entry = by_key[(row, by_epoch, warmup)]
            cells.append(f"{cell(entry['rec'])} / {cell(entry['off'])}")
        lines.append(f"| {row} | {'yes' if by_epoch else 'no'} | " + " | ".join(cells) + " |")
    lines.append("")
    lines.append("Rows (the legacy `lr_config` without its warmup; by iteration, periods are multiplied by L):")
    lines.append("")
    for row, by_epoch in c9.ROWS:
        if not by_epoch and (row, True) in c9.ROWS:
            continue
        policy = c9.legacy_policy(row, by_epoch)
        policy.pop("by_epoch", None)
        args = ", ".join(f"{k}={v!r}" for k, v in policy.items())
        lines.append(f"- `{row}`: `dict({args})`")
    lines.append("")
    lines.append("Warmup columns (added to each row's `lr_config`):")
    lines.append("")
    for warmup in c9.WARMUPS:
        args = ", ".join(f"{k}={v!r}" for k, v in c9.legacy_warmup(warmup).items())
        lines.append(f"- `{warmup}`: " + (f"`{args}`" if args else "no warmup"))
    return "\n".join(lines)


def main():
    path = os.path.join(ROOT, "docs", "deviations.md")
    text = open(path).read()
    head, rest = text.split(BEGIN, 1)
    _, tail = rest.split(END, 1)
    new = head + BEGIN + "\n" + render() + "\n" + END + tail
    if "--check" in sys.argv:
        if new != text:
            print("docs/deviations.md is out of date: run tools/oracle/readings/deviation_grid.py", file=sys.stderr)
            sys.exit(1)
        return
    with open(path, "w") as handle:
        handle.write(new)


if __name__ == "__main__":
    main()
