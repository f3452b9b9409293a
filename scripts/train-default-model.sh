#!/usr/bin/env bash
# Regenerates the default detector, models/outfall-heatmap/, from scratch, on 2 CPU cores, in under 150 minutes:
#   1. examples: models/training/mixed.py (70 % composited onto the real pool photos and inland layouts,
#      30 % ray-cast by models/training/scene), cached by generator hash, made while the first epoch trains;
#   2. training with a fixed seed (models/training/train.py), within a time budget (MINUTES), with a
#      checkpoint after every epoch: RESUME=1 continues an interrupted run from $WORK/last.pt;
#   3. ONNX export, checked in onnxruntime-node against torch (needs dist/: npm run build);
#   4. the project's validation photos (make_heldout --seed 11, never a measuring set) and, on them, the
#      calibration of the confidence and the choice of the threshold (npm run calibrate -- --write).
#
#   scripts/train-default-model.sh                      # the recipe
#   RESUME=1 scripts/train-default-model.sh             # after an interruption: picks up at the last epoch
#   OUT=/tmp/smoke EXAMPLES=200 EPOCHS=2 MINUTES=5 VAL_PHOTOS=6 scripts/train-default-model.sh   # a smoke run
#
# Further arguments go to models/training/train.py. Uses Debian's PyTorch (/usr/bin/python3).
set -euo pipefail
cd "$(dirname "$0")/.."

PY=${PY:-/usr/bin/python3}
OUT=${OUT:-models/outfall-heatmap}
VERSION=${VERSION:-3.0.0}
WORK=${WORK:-/tmp/outfall-train}
CACHE=${CACHE:-/tmp/outfall-examples}
VAL=${VAL:-/tmp/outfall-val}
EXAMPLES=${EXAMPLES:-10000}
EPOCHS=${EPOCHS:-20}
MINUTES=${MINUTES:-100}
VAL_PHOTOS=${VAL_PHOTOS:-150}
THREADS=${THREADS:-2}

export CUDA_VISIBLE_DEVICES=""
start=$(date +%s)
resume=()
if [[ "${RESUME:-0}" == 1 ]]; then resume=(--resume); else rm -f "$WORK/best.pt" "$WORK/last.pt"; fi
"$PY" -m models.training.train --seed 0 --examples "$EXAMPLES" --epochs "$EPOCHS" --minutes "$MINUTES" \
  --widths 32 64 128 256 --decoder 64 --threads "$THREADS" --workers 2 --cache "$CACHE" --out "$WORK" \
  "${resume[@]}" "$@"
"$PY" -m models.training.export --checkpoint "$WORK/best.pt" --out "$OUT" --version "$VERSION"
if [[ "$OUT" == models/outfall-heatmap ]]; then   # the ONNX-equals-torch check in jest reads it from the fixtures
  mv "$OUT/model-io.json" test/fixtures/model-io/outfall-heatmap.json
fi
# The validation photos are made again whenever their count or the code that makes them changed.
made_with="$VAL_PHOTOS $(cat models/training/make_heldout.py | sha256sum | cut -c1-12) \
$("$PY" -c 'from models.training.train import generator_fingerprint as g; print(g("models.training.mixed:make_example"))')"
if [[ ! -f "$VAL/truth.json" ]] || [[ "$(cat "$VAL/.made-with" 2>/dev/null)" != "$made_with" ]]; then
  rm -rf "$VAL"
  "$PY" -m models.training.make_heldout "$VAL" --n "$VAL_PHOTOS" --seed 11 --workers "$THREADS" > "$VAL.log"
  echo "$made_with" > "$VAL/.made-with"
fi
npm run --silent calibrate -- --model "$OUT" --val "$VAL" --write
echo "train-default-model: $(( ($(date +%s) - start) / 60 )) minutes in all"
