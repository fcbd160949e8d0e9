#!/usr/bin/env bash
# Creates .venv-oracle (git-ignored) with the pins of /work/shared/reference/oracle-environment.md:
# Python 3.8, torch 1.12.1 (CPU use), torchvision 0.13.1, mmcv 1.7.2 (lite, no ops), mmengine 0.10.7;
# tensorboard 2.14.0 (MMCV's TensorboardLoggerHook); wandb 0.24.2 (WandbLoggerHook, run disabled); and, in
# .venv-oracle/downstream/<package>-<version>/, single module files of downstream wheels (not installed: mmdet 2 and mmpose 0.x need mmcv's compiled ops),
# which the harness loads by file: mmdet 2.28.2 mmdet/core/hook/ema.py (ExpMomentumEMAHook,
# LinearMomentumEMAHook) and mmdet/core/evaluation/eval_hooks.py (EvalHook with dynamic_intervals); mmdet
# 3.3.0 mmdet/models/layers/ema.py (ExpMomentumEMA, the ema_type hookmigrate writes for ExpMomentumEMAHook);
# mmpose 0.29.0 mmpose/core/evaluation/eval_hooks.py (EvalHook with mmpose's save_best key lists); the
# downstream lr updater hooks check_downstream_lr.py drives: mmdet 2.28.2 mmdet/core/hook/yolox_lrupdater_hook.py,
# mmflow 0.5.2 mmflow/core/hooks/multistagelr_updater.py, mmedit 0.16.1 mmedit/core/scheduler/lr_updater.py,
# mmcls 0.25.0 mmcls/core/hook/lr_updater.py, mmtrack 0.14.0 mmtrack/core/optimizer/sot_lr_updater.py.
# Idempotent: each part that is already there is left alone.
set -euo pipefail
cd "$(dirname "$0")/../.."
VENV=.venv-oracle
FILES_DIR="$VENV/downstream"
# package==version: files extracted from that wheel into $FILES_DIR/<package>-<version>/
WHEEL_FILES=(
  "mmdet==2.28.2:mmdet/core/hook/ema.py mmdet/core/evaluation/eval_hooks.py mmdet/core/hook/yolox_lrupdater_hook.py"
  "mmdet==3.3.0:mmdet/models/layers/ema.py mmdet/engine/schedulers/quadratic_warmup.py"
  "mmpose==0.29.0:mmpose/core/evaluation/eval_hooks.py"
  "mmflow==0.5.2:mmflow/core/hooks/multistagelr_updater.py"
  "mmedit==0.16.1:mmedit/core/scheduler/lr_updater.py"
  "mmcls==0.25.0:mmcls/core/hook/lr_updater.py"
  "mmtrack==0.14.0:mmtrack/core/optimizer/sot_lr_updater.py"
)
if ! { [ -x "$VENV/bin/python" ] && "$VENV/bin/python" -c "import mmcv.runner, mmengine.runner, torch" 2>/dev/null; }; then
  PY=/root/.pyenv/versions/3.8.18/bin/python
  [ -x "$PY" ] || PY=$(command -v python3.8 || true)
  [ -n "$PY" ] || { echo "error: no Python 3.8 (install one with pyenv)" >&2; exit 2; }
  [ -x "$VENV/bin/python" ] || "$PY" -m venv "$VENV"
  "$VENV/bin/pip" install --upgrade pip
  "$VENV/bin/pip" install torch==1.12.1 torchvision==0.13.1
  "$VENV/bin/pip" install mmcv==1.7.2 mmengine==0.10.7
fi
if ! "$VENV/bin/python" -c "import torch.utils.tensorboard" 2>/dev/null; then
  # torch.utils.tensorboard needs the tensorboard package: the last release for Python 3.8.
  "$VENV/bin/pip" install tensorboard==2.14.0 protobuf==5.29.6
fi
if ! "$VENV/bin/python" -c "import wandb" 2>/dev/null; then
  # MMCV's WandbLoggerHook imports wandb; the harness runs it with WANDB_MODE=disabled (nothing is sent).
  "$VENV/bin/pip" install wandb==0.24.2
fi
for entry in "${WHEEL_FILES[@]}"; do
  spec=${entry%%:*}; files=${entry#*:}; target="$FILES_DIR/${spec/==/-}"
  missing=0
  for f in $files; do [ -f "$target/$f" ] || missing=1; done
  [ $missing = 1 ] || continue
  tmp=$(mktemp -d)
  "$VENV/bin/pip" download "$spec" --no-deps -d "$tmp"
  "$VENV/bin/python" - "$tmp"/*.whl "$target" $files <<'PY'
import sys, zipfile
wheel, target, names = sys.argv[1], sys.argv[2], sys.argv[3:]
with zipfile.ZipFile(wheel) as archive:
    for name in names:
        archive.extract(name, target)
PY
  rm -rf "$tmp"
done
"$VENV/bin/python" -c "import mmcv.runner, mmengine.runner, torch.utils.tensorboard; print('$VENV is ready')"
