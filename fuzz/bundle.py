"""Writes fuzz seeds: each config with the files its `_base_` names (found textually), as one input in
the `@@ NAME` format of fuzz/Sources/FuzzSupport/FuzzInput.swift. Usage: bundle.py OUT_DIR FILE..."""
import hashlib, os, re, sys

BASE = re.compile(r"""_base_\s*[:=]\s*(\[[^\]]*\]|['"][^'"]+['"]|\S+)""", re.S)

def bases(path, text):
    match = BASE.search(text)
    if not match:
        return []
    names = re.findall(r"""['"]?([\w./-]+\.(?:py|ya?ml|json))['"]?""", match.group(1))
    return [os.path.normpath(os.path.join(os.path.dirname(path), n)) for n in names]

def bundle(entry):
    root = os.path.dirname(entry)
    seen, order, todo = set(), [], [entry]
    while todo and len(order) < 12:
        path = todo.pop(0)
        if path in seen or not os.path.isfile(path):
            continue
        seen.add(path)
        text = open(path, encoding="utf-8").read()
        order.append((path, text))
        todo += bases(path, text)
    if len(order) == 1:
        return order[0][1]
    parts = []
    for path, text in order:
        parts.append("@@ " + os.path.relpath(path, root) + "\n" + text)
    return "\n".join(parts)

out = sys.argv[1]
for entry in sys.argv[2:]:
    data = bundle(entry).encode()
    if len(data) > 8192:
        continue
    with open(os.path.join(out, "seed-" + hashlib.sha1(data).hexdigest()[:16]), "wb") as f:
        f.write(data)
