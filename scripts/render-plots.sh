#!/usr/bin/env bash
# Renders SVG plots to PNG so that a person can look at them: the golden plots in fixtures/plots/ and the
# README's pictures in docs/images/ by default, or the SVG files given. Uses rsvg-convert (Debian package
# librsvg2-bin), installed with apt-get when missing. The PNGs go next to nothing in the repository: into
# OUT_DIR (default .build/plots-png/), which is git-ignored.
# Usage: scripts/render-plots.sh [-o OUT_DIR] [FILE.svg ...]
set -euo pipefail
cd "$(dirname "$0")/.."

OUT=.build/plots-png
if [[ "${1:-}" == "-o" ]]; then
  OUT=$2
  shift 2
fi

if ! command -v rsvg-convert >/dev/null; then
  echo "rsvg-convert is missing: installing librsvg2-bin with apt-get" >&2
  SUDO=""
  if [[ $(id -u) != 0 ]]; then SUDO=sudo; fi
  $SUDO apt-get update -qq
  $SUDO apt-get install -y -qq librsvg2-bin >/dev/null
fi

if [[ $# -eq 0 ]]; then
  set -- fixtures/plots/*/*.svg docs/images/*.svg
fi

mkdir -p "$OUT"
for svg in "$@"; do
  [[ -f "$svg" ]] || continue
  name=$(echo "${svg%.svg}" | tr '/' '_')
  rsvg-convert --width 800 --background-color white -o "$OUT/$name.png" "$svg"
  echo "$OUT/$name.png"
done
