#!/usr/bin/env bash
# Fetches the ImageNet MobileNetV2 trunk of models/training/pretrained.py from the npm registry (the only
# place this project can fetch from): the nsfwjs 4.3.0 tarball (MIT, Infinite Red), whose SHA-256 is
# checked, dequantised to models/training/backbone/mobilenet_v2.bin and .json (10 MB, not committed).
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
out="${1:-$here/mobilenet_v2}"
want=4496790efc9bdc6f3e85a826a8e482c1fa1e9db4b3d18c095e98cc0c73cfb12f
if [[ -f "$out.bin" && -f "$out.json" ]]; then echo "$out.bin: already there"; exit 0; fi
tmp="$(mktemp -d)"
trap 'rm -rf "$tmp"' EXIT
(cd "$tmp" && npm pack --silent nsfwjs@4.3.0 > /dev/null)
got="$(sha256sum "$tmp/nsfwjs-4.3.0.tgz" | cut -d' ' -f1)"
if [[ "$got" != "$want" ]]; then echo "nsfwjs-4.3.0.tgz: SHA-256 $got, expected $want" >&2; exit 1; fi
tar -xzf "$tmp/nsfwjs-4.3.0.tgz" -C "$tmp" package/dist/models/mobilenet_v2 package/LICENSE
node "$here/dequantise-keras.js" "$tmp/package/dist/models/mobilenet_v2" "$out"
cp "$tmp/package/LICENSE" "$here/NSFWJS-LICENSE"
