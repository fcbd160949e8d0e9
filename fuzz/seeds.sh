#!/usr/bin/env bash
# Seeds a target's corpus folder (fuzz/corpus/TARGET) from fixtures/ and the real-config corpus
# (../shared/corpus, or $HOOKMIGRATE_CORPUS): single files by extension, and for the `_base_` targets
# bundles of a config with its bases in the `@@ NAME` format (fuzz/Sources/FuzzSupport/FuzzInput.swift).
set -euo pipefail
cd "$(dirname "$0")/.."
target=$1
out=fuzz/corpus/$target
mkdir -p "$out"
corpus=${HOOKMIGRATE_CORPUS:-../shared/corpus}
copy() { # copy FILES... into the corpus folder under names from their content hash
  for file in "$@"; do
    [ -f "$file" ] || continue
    [ "$(stat -c %s "$file")" -le 8192 ] || continue
    cp "$file" "$out/seed-$(sha1sum < "$file" | cut -c1-16)"
  done
}
bundle() { # bundle ENTRY: the entry file and its _base_ files (found by name), as one @@ input
  python3 fuzz/bundle.py "$@" 2>/dev/null || true
}
case $target in
  FuzzYAML)
    mapfile -t files < <(find fixtures -name '*.yaml' -o -name '*.yml'; [ -d "$corpus" ] && find "$corpus/legacy" "$corpus/modern" -name '*.yaml' | sort | awk 'NR % 4 == 0')
    copy "${files[@]}" ;;
  FuzzJSON)
    mapfile -t files < <(find fixtures -name '*.json'; [ -d "$corpus" ] && find "$corpus/legacy" -name '*.json' | sort | awk 'NR % 4 == 0')
    copy "${files[@]}" ;;
  FuzzPython)
    if [ -d "$corpus/py" ]; then bundle "$out" $(find "$corpus/py" -name '*.py' | sort | awk 'NR % 8 == 0'); fi
    mapfile -t files < <(find fixtures -name '*.py')
    copy "${files[@]}" ;;
  FuzzBase|FuzzConvert)
    bundle "$out" $(find fixtures/trees fixtures/convert fixtures/oracle-inputs -name '*.yaml' -o -name '*.json' | grep -v /expected | sort)
    if [ "$target" = FuzzBase ] && [ -d "$corpus/py" ]; then bundle "$out" $(find "$corpus/py/mmdet" -name '*.py' | sort | awk 'NR % 16 == 0'); fi ;;
  *) echo "unknown target $target" >&2; exit 2 ;;
esac
echo "$out: $(ls "$out" | wc -l) inputs" >&2
