#!/usr/bin/env python3
"""Prints the agreement table and counts of docs/oracle.md from the committed fixtures/oracle/* and the `known`
table of Tests/HookMigrateRuntimeTests/OracleAgreementTests.swift (which OracleAgreementTests checks: a case
not listed there is equal event for event).

    python3 tools/oracle/table.py
"""
import os
import re
import sys

ROOT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..")
ORACLE = os.path.join(ROOT, "fixtures", "oracle")
TEST = os.path.join(ROOT, "Tests", "HookMigrateRuntimeTests", "OracleAgreementTests.swift")


def known_entries():
    """case/side → label (K1, K2, …) from the comments above the `known` entries."""
    text = open(TEST).read()
    block = text[text.index("static let known"):]
    block = block[:block.index("\n    ]\n")]
    entries, label = {}, None
    for line in block.splitlines():
        match = re.match(r"\s*// (K\d+):", line)
        if match:
            label = match.group(1)
        match = re.match(r'\s*"([^"]+)": Known\(', line)
        if match:
            entries[match.group(1)] = label or "known"
    return entries


def main():
    known = known_entries()
    rows, counts = [], {"equal": 0, "known": 0, "raises": 0}
    for name in sorted(os.listdir(ORACLE)):
        cells = []
        for side in ("legacy", "new"):
            directory = os.path.join(ORACLE, name)
            error = os.path.join(directory, f"{side}-error.txt")
            if os.path.exists(error):
                message = open(error).read().strip().replace("|", "\\|")
                cells.append(f"real run raises: `{message[:90]}`")
                counts["raises"] += 1
                continue
            with open(os.path.join(directory, f"{side}.jsonl")) as handle:
                events = sum(1 for line in handle if line.strip()) - 1
            key = f"{name}/{side}"
            if key in known:
                cells.append(f"**{known[key]}** ({events} events)")
                counts["known"] += 1
            else:
                cells.append(f"equal ({events} events)")
                counts["equal"] += 1
        rows.append(f"| {name} | {cells[0]} | {cells[1]} |")
    runs = sum(counts.values())
    print(f"{len(rows)} cases × 2 runners = {runs} runs: **{counts['equal']} equal event for event**, "
          f"{counts['known']} known simulator differences, {counts['raises']} real runs raise.\n")
    print("| case | legacy (MMCV 1.7.2) | new (MMEngine 0.10.7) |\n|---|---|---|")
    print("\n".join(rows))
    return 0


if __name__ == "__main__":
    sys.exit(main())
