#!/usr/bin/env bash
# Builds the wheel (scripts/build-wheel.sh), installs it into a fresh venv, and runs the README's example
# there with no Swift toolchain on PATH: the user's `pip install` path, checked end to end.
set -euo pipefail
cd "$(dirname "$0")/.."
WHEEL=$(scripts/build-wheel.sh | tail -1)
VENV=$(mktemp -d)/venv
trap 'rm -rf "$(dirname "$VENV")"' EXIT
"${PYTHON:-python3}" -m venv "$VENV"
"$VENV/bin/pip" install --quiet --disable-pip-version-check "$WHEEL"
# Only the venv and the system's own directories: no swift, no .build.
CLEAN_PATH="$VENV/bin:/usr/local/bin:/usr/bin:/bin"
if env -i PATH="$CLEAN_PATH" sh -c 'command -v swift' >/dev/null; then
  echo "error: swift is still on the clean PATH ($CLEAN_PATH)" >&2
  exit 1
fi
env -i PATH="$CLEAN_PATH" HOME="$HOME" hookmigrate --version
env -i PATH="$CLEAN_PATH" HOME="$HOME" hookmigrate convert fixtures/examples/mmdet/retinanet/retinanet_r50_fpn_1x_coco.py >"$VENV/out.py" 2>"$VENV/report.txt"
cmp "$VENV/out.py" fixtures/examples/mmdet-expected/retinanet_r50_fpn_1x_coco.converted.py
env -i PATH="$CLEAN_PATH" HOME="$HOME" hookmigrate convert fixtures/examples/mmdet -o "$VENV/tree" 2>"$VENV/summary.txt"
diff -r "$VENV/tree" fixtures/examples/mmdet-expected/tree
env -i PATH="$CLEAN_PATH" HOME="$HOME" python -m hookmigrate --version >/dev/null
echo "wheel OK: $WHEEL installs and converts the README example with no Swift on PATH"
