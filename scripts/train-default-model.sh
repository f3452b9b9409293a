#!/usr/bin/env bash
# Regenerates the default detector, models/outfall-heatmap/, from scratch: synthetic examples
# (models/training/dataset.py, cached by generator hash), training with a fixed seed on the CPU, ONNX export,
# manifest, and a check in onnxruntime-node that the ONNX outputs equal torch's (needs dist/: npm run build).
# Under an hour on 2 cores, data generation included (the time budget MINUTES stops training gracefully).
#
#   scripts/train-default-model.sh                                  # the recipe
#   OUT=/tmp/smoke-model EXAMPLES=400 EPOCHS=3 MINUTES=3 scripts/train-default-model.sh    # a smoke run
#   FRESH=1 scripts/train-default-model.sh                          # regenerate the cached examples too
#
# Further arguments go to models/training/train.py (e.g. --lr 2e-3). Uses Debian's PyTorch (/usr/bin/python3).
set -euo pipefail
cd "$(dirname "$0")/.."

PY=${PY:-/usr/bin/python3}
OUT=${OUT:-models/outfall-heatmap}
WORK=${WORK:-/tmp/outfall-train}
CACHE=${CACHE:-/tmp/outfall-examples}
EXAMPLES=${EXAMPLES:-12000}
EPOCHS=${EPOCHS:-10}
MINUTES=${MINUTES:-54}
THREADS=${THREADS:-2}

export CUDA_VISIBLE_DEVICES=""
[[ "${FRESH:-0}" == 1 ]] && rm -rf "$CACHE"
rm -f "$WORK/best.pt"
"$PY" -m models.training.train --seed 0 --examples "$EXAMPLES" --epochs "$EPOCHS" --minutes "$MINUTES" \
  --threads "$THREADS" --workers 2 --cache "$CACHE" --out "$WORK" "$@"
"$PY" -m models.training.export --checkpoint "$WORK/best.pt" --out "$OUT"
