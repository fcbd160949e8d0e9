#!/usr/bin/env bash
# Creates .venv-oracle (git-ignored) with the pins of /work/shared/reference/oracle-environment.md:
# Python 3.8, torch 1.12.1 (CPU use), torchvision 0.13.1, mmcv 1.7.2 (lite, no ops), mmengine 0.10.7.
# Idempotent: an existing venv that already imports both runners is left alone.
set -euo pipefail
cd "$(dirname "$0")/../.."
VENV=.venv-oracle
if [ -x "$VENV/bin/python" ] && "$VENV/bin/python" -c "import mmcv.runner, mmengine.runner, torch, torch.utils.tensorboard" 2>/dev/null; then
  echo "$VENV is ready"; exit 0
fi
PY=/root/.pyenv/versions/3.8.18/bin/python
[ -x "$PY" ] || PY=$(command -v python3.8 || true)
[ -n "$PY" ] || { echo "error: no Python 3.8 (install one with pyenv)" >&2; exit 2; }
[ -x "$VENV/bin/python" ] || "$PY" -m venv "$VENV"
"$VENV/bin/pip" install --upgrade pip
"$VENV/bin/pip" install torch==1.12.1 torchvision==0.13.1
"$VENV/bin/pip" install mmcv==1.7.2 mmengine==0.10.7
# TensorboardLoggerHook (MMCV) imports torch.utils.tensorboard: the last tensorboard for Python 3.8.
"$VENV/bin/pip" install tensorboard==2.14.0 protobuf==5.29.6
"$VENV/bin/python" -c "import mmcv.runner, mmengine.runner; print('ok')"
