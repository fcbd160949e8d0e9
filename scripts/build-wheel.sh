#!/usr/bin/env bash
# Builds the release artefacts a Python user installs:
#   1. a static Linux binary of `hookmigrate` (the Swift runtime and Foundation linked in: `ldd` shows no
#      libswift*), in .build-static/;
#   2. dist/hookmigrate-VERSION-py3-none-manylinux_2_N_ARCH.whl, which carries it, built with PyPI's
#      `build` and setuptools in a git-ignored venv (.venv-build) and tagged for the newest glibc symbol
#      the binary uses.
# Usage: scripts/build-wheel.sh            (then: pip install dist/hookmigrate-*.whl)
set -euo pipefail
cd "$(dirname "$0")/.."

SCRATCH=.build-static
swift build -c release --static-swift-stdlib --scratch-path "$SCRATCH" --product hookmigrate
BIN="$SCRATCH/release/hookmigrate"

# No Swift runtime may be left as a shared library.
if ldd "$BIN" | grep -q 'libswift\|libFoundation\|libdispatch\|libBlocksRuntime'; then
  echo "error: $BIN still links the Swift runtime dynamically:" >&2
  ldd "$BIN" >&2
  exit 1
fi

VERSION=$("$BIN" --version | awk '{print $2}')
ARCH=$(uname -m)
# The newest GLIBC_x.y symbol version the binary needs decides the manylinux tag (PEP 600).
GLIBC=$(objdump -T "$BIN" | grep -o 'GLIBC_[0-9]*\.[0-9]*' | sed 's/GLIBC_//' | sort -V | tail -1)
PLATFORM="manylinux_${GLIBC/./_}_${ARCH}"

PY=${PYTHON:-python3}
VENV=.venv-build
[ -x "$VENV/bin/python" ] || "$PY" -m venv "$VENV"
"$VENV/bin/python" -m pip install --quiet --disable-pip-version-check build==1.2.2.post1 wheel==0.45.1

WORK=$(mktemp -d)
trap 'rm -rf "$WORK"' EXIT
cp -R packaging/python/. "$WORK/"
cp LICENSE "$WORK/"
mkdir -p "$WORK/build/scripts-bin"
cp "$BIN" "$WORK/build/scripts-bin/hookmigrate"
strip "$WORK/build/scripts-bin/hookmigrate"
chmod 755 "$WORK/build/scripts-bin/hookmigrate"

mkdir -p dist
rm -f dist/hookmigrate-"$VERSION"-*.whl
HOOKMIGRATE_VERSION="$VERSION" "$VENV/bin/python" -m build --wheel --outdir "$WORK/dist" "$WORK" >"$WORK/build.log" 2>&1 || {
  cat "$WORK/build.log" >&2
  exit 1
}
"$VENV/bin/python" -m wheel tags --remove --python-tag py3 --abi-tag none --platform-tag "$PLATFORM" "$WORK"/dist/*.whl >/dev/null
cp "$WORK"/dist/hookmigrate-"$VERSION"-py3-none-"$PLATFORM".whl dist/
echo "dist/hookmigrate-$VERSION-py3-none-$PLATFORM.whl"
