#!/usr/bin/env bash
# Regenerate samples/ (6 synthetic DJI-like drone photos + truth.json) deterministically.
# Needs /usr/bin/python3 with numpy, scipy and Pillow (Debian: python3-numpy python3-scipy python3-pil).
# Takes about 4 minutes and ~6 GB of memory.
set -euo pipefail
cd "$(dirname "$0")/.."
PY="${PYTHON:-/usr/bin/python3}"
rm -f samples/DJI_*.JPG samples/truth.json
# Extra arguments pass through, e.g. --masks /tmp/masks for the plume masks.
exec "$PY" -m models.training.scene.make_samples --out samples --seed 2024 "$@"
