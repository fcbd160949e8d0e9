"""Runs the snippets of fixtures/python-snippets/cases.txt through the real MMCV 1.7.2 and records what
`Config.fromfile` gives for each, for hookmigrate's `.py` reader tests (PythonSnippetTests).

    .venv-oracle/bin/python tools/oracle/py_snippets.py fixtures/python-snippets

cases.txt holds the snippets, each after a line `### name`. For each, expected.tsv gets one line
`name<TAB>ok<TAB><typed repr>` (the config as `typed(cfg._cfg_dict.to_dict())` below: Python's repr with
tuples, int/float/bool/None keys and float reprs kept) or `name<TAB>error<TAB><ExceptionType>` (`skipped` for `limit-*` cases, which would exhaust memory or
loop for hours in Python). The fourth
column, hookmigrate's expected outcome (`same`, or `refused <error-id>` for a construct it refuses on
purpose), is kept from the existing file; a new case gets `same`.
"""
import os
import sys
import tempfile
import warnings

warnings.filterwarnings("ignore")
from mmcv import Config  # noqa: E402


def typed(value):
    """repr, but with every float written by float.__repr__ and dict keys in insertion order."""
    if isinstance(value, dict):
        return "{" + ", ".join(typed(k) + ": " + typed(v) for k, v in value.items()) + "}"
    if isinstance(value, list):
        return "[" + ", ".join(typed(v) for v in value) + "]"
    if isinstance(value, tuple):
        inner = ", ".join(typed(v) for v in value)
        return "(" + inner + ("," if len(value) == 1 else "") + ")"
    if isinstance(value, range):
        return typed(list(value))
    if isinstance(value, (bool, int, float, str)) or value is None:
        return repr(value)
    return "<" + type(value).__name__ + ">"


def cases(path):
    name, lines, result = None, [], []
    with open(path, encoding="utf-8") as handle:
        for line in handle:
            if line.startswith("### "):
                if name is not None:
                    result.append((name, "".join(lines)))
                name, lines = line[4:].strip(), []
            elif name is not None:
                lines.append(line)
    if name is not None:
        result.append((name, "".join(lines)))
    return result


def main(directory):
    expected_path = os.path.join(directory, "expected.tsv")
    ours = {}
    if os.path.exists(expected_path):
        with open(expected_path, encoding="utf-8") as handle:
            for line in handle:
                fields = line.rstrip("\n").split("\t")
                if len(fields) == 4:
                    ours[fields[0]] = fields[3]
    out = []
    with tempfile.TemporaryDirectory() as temp:
        for name, text in cases(os.path.join(directory, "cases.txt")):
            if name.startswith("limit-"):
                # Python would run out of memory or loop for hours: not run.
                out.append(name + "\tskipped\t-\t" + ours.get(name, "same") + "\n")
                continue
            path = os.path.join(temp, name + ".py")
            with open(path, "w", encoding="utf-8") as handle:
                handle.write(text)
            try:
                cfg = Config.fromfile(path, import_custom_modules=False)
                result = "ok\t" + typed(cfg._cfg_dict.to_dict())
            except BaseException as error:  # noqa: BLE001 - every failure is recorded
                result = "error\t" + type(error).__name__
            out.append(name + "\t" + result + "\t" + ours.get(name, "same") + "\n")
    with open(expected_path, "w", encoding="utf-8") as handle:
        handle.write("# name\tMMCV 1.7.2 outcome\tits typed repr or exception\thookmigrate's expected outcome\n")
        handle.write("".join(out))
    print(f"{len(out)} snippets")


if __name__ == "__main__":
    main(sys.argv[1])
