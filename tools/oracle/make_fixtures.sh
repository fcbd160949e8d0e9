#!/usr/bin/env bash
# Regenerates fixtures/oracle/<case>/ from tools/oracle/cases.txt with the REAL runners (docs/oracle.md):
#   legacy.yaml     the legacy config run (the fixture input, plus a default SGD optimizer and an
#                   optimizer_config when the input has none, so optimizer steps are observable)
#   converted.yaml  `hookmigrate convert legacy.yaml --no-verify --iters-per-epoch L`
#   legacy.jsonl    real MMCV 1.7.2 run of legacy.yaml      (or legacy-error.txt)
#   new.jsonl       real MMEngine 0.10.7 run of converted.yaml (or new-error.txt)
# Usage: tools/oracle/make_fixtures.sh [case ...]     (default: every case in cases.txt)
set -uo pipefail
cd "$(dirname "$0")/../.."
ROOT=$PWD
L=3
PY="$ROOT/.venv-oracle/bin/python"
tools/oracle/setup.sh >/dev/null || { echo "tools/oracle/setup.sh failed" >&2; exit 2; }
swift build --product hookmigrate >/dev/null || { echo "swift build failed" >&2; exit 2; }
HM="$ROOT/.build/debug/hookmigrate"
cases=("$@")
[ ${#cases[@]} -gt 0 ] || mapfile -t cases < <(grep -v '^#' tools/oracle/cases.txt | grep -v '^$')
for spec in "${cases[@]}"; do
  if [[ $spec == oracle-inputs/* ]]; then
    src="fixtures/$spec"; name=$(basename "$spec" .yaml); name="oracle-$name"
  else
    src="fixtures/convert/$spec/input.yaml"; name="$spec"
  fi
  out="fixtures/oracle/$name"
  rm -rf "$out"; mkdir -p "$out"
  # A fixture's `_base_: ../_optimizer.yaml` is written out in place (the run folder has no base beside it).
  while IFS= read -r line; do
    if [[ $line == "_base_: ../_optimizer.yaml" ]]; then grep -v '^#' fixtures/convert/_optimizer.yaml; else printf '%s\n' "$line"; fi
  done < "$src" > "$out/legacy.yaml"
  grep -q '^optimizer:' "$out/legacy.yaml" || echo 'optimizer: {type: SGD, lr: 0.01, momentum: 0.9}  # oracle: added' >> "$out/legacy.yaml"
  grep -q '^optimizer_config:' "$out/legacy.yaml" || echo 'optimizer_config: {grad_clip: null}  # oracle: added' >> "$out/legacy.yaml"
  (cd "$out" && "$HM" convert legacy.yaml --no-verify --iters-per-epoch $L -o converted.yaml > /dev/null 2>&1) \
    || { echo "convert failed" > "$out/convert-error.txt"; }
  for side in legacy new; do
    cfg=legacy.yaml; [ $side = new ] && cfg=converted.yaml
    [ -f "$out/$cfg" ] || continue
    if ! (cd "$out" && "$PY" "$ROOT/tools/oracle/harness.py" $side $cfg --iters-per-epoch $L -o $side.jsonl \
          > /dev/null 2> "$side.stderr"); then
      grep -v '^\s' "$out/$side.stderr" | grep -E '^[A-Za-z_.]+(Error|Exception)' | tail -1 > "$out/$side-error.txt"
      [ -s "$out/$side-error.txt" ] || tail -1 "$out/$side.stderr" > "$out/$side-error.txt"
      rm -f "$out/$side.jsonl"
    fi
    rm -f "$out/$side.stderr"
  done
  printf '%-40s legacy:%s new:%s\n' "$name" \
    "$([ -f $out/legacy.jsonl ] && echo ok || echo ERROR)" "$([ -f $out/new.jsonl ] && echo ok || echo ERROR)"
done
