"""Writes fixtures/python-corpus/expected.tsv: for every `.py` of the corpus tree, what the real MMCV 1.7.2
gave (a hash of its JSON dump, or the exception it raised) and what hookmigrate is expected to give.

    python3 tools/oracle/py_corpus_fixture.py ../shared/corpus/py .venv-oracle/corpus-py fixtures/python-corpus/expected.tsv

Needs only the dumps that tools/oracle/dump_py_corpus.py wrote (`<rel>.json` and `errors.tsv`), not MMCV.
One line per file, sorted by path: `<rel>.py<TAB><mmcv><TAB><hookmigrate>`, where <mmcv> is
`fnv1a64:<16 hex digits>` (64-bit FNV-1a of the UTF-8 bytes of the canonical text
`json.dumps(json.load(dump), ensure_ascii=True)`: `", "` and `": "` separators, floats by repr, NaN and
Infinity as Python writes them, non-ASCII as \\uXXXX) or `error <ExceptionType>`; <hookmigrate> is `equal`
or `refused <error-id>`. The third column is kept from the existing file (HOOKMIGRATE_RECORD=1 swift test
rewrites it from hookmigrate's actual outcome); a new file gets `equal`, a new MMCV failure `refused ?`.
"""
import json
import os
import sys


def fnv1a64(text):
    value = 0xCBF29CE484222325
    for byte in text.encode("utf-8"):
        value ^= byte
        value = (value * 0x100000001B3) & 0xFFFFFFFFFFFFFFFF
    return f"{value:016x}"


def main(tree, dumps, out):
    errors = {}
    with open(os.path.join(dumps, "errors.tsv"), encoding="utf-8") as handle:
        for line in handle:
            rel, message = line.rstrip("\n").split("\t", 1)
            errors[rel] = message.split(":", 1)[0]
    ours = {}
    if os.path.exists(out):
        with open(out, encoding="utf-8") as handle:
            for line in handle:
                fields = line.rstrip("\n").split("\t")
                if len(fields) == 3 and not line.startswith("#"):
                    ours[fields[0]] = fields[2]
    rels = []
    for root, dirs, files in os.walk(tree):
        for name in files:
            if name.endswith(".py"):
                rels.append(os.path.relpath(os.path.join(root, name), tree))
    lines = ["# path\tMMCV 1.7.2 (fnv1a64 of the canonical JSON dump, or the exception)\thookmigrate\n"]
    for rel in sorted(rels, key=lambda r: r.encode("utf-8")):
        if rel in errors:
            lines.append(f"{rel}\terror {errors[rel]}\t{ours.get(rel, 'refused ?')}\n")
            continue
        with open(os.path.join(dumps, rel[:-3] + ".json"), encoding="utf-8") as handle:
            canonical = json.dumps(json.load(handle), ensure_ascii=True)
        lines.append(f"{rel}\tfnv1a64:{fnv1a64(canonical)}\t{ours.get(rel, 'equal')}\n")
    with open(out, "w", encoding="utf-8") as handle:
        handle.write("".join(lines))
    print(f"{len(lines) - 1} files, {sum(1 for r in rels if r in errors)} MMCV failures")


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2], sys.argv[3])
