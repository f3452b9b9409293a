"""Export a training checkpoint to a model folder that src/inference/onnx-session.ts loads.

    /usr/bin/python3 -m models.training.export --checkpoint /tmp/outfall-train/best.pt --out models/outfall-heatmap

Writes <out>/model.onnx (opset 17; BatchNorm folded into the convs; input 'input' float32 [N,3,256,256],
outputs 'extent' and 'source' float32 [N,1,64,64] probabilities, and with --water the water head's 'water'
[N,1,64,64]; N a symbolic dimension), <out>/model.json
(the manifest of src/inference/model-manifest.ts, sha256 of the very bytes written) and <out>/model-io.json
(the fixed formula input of test/fixtures/model-io and the torch outputs for it, in the format the jest test
in test/unit/inference-onnx-session.test.ts reads). Then, unless --no-verify, runs the model in Node's
onnxruntime through the project's own loadModel and packTiles (dist/), compares with the torch outputs and
times one-thread inference; exits 1 if the largest difference exceeds --tolerance.
"""
from __future__ import annotations

import argparse
import warnings
import hashlib
import math
import io
import json
import os
import subprocess
import sys

import numpy as np
import torch

if __package__ in (None, ""):
    sys.path.insert(0, os.path.normpath(os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..")))
    __package__ = "models.training"
from .net import MEAN, STD, STRIDE, WithWater, count_parameters, fuse_batchnorm  # noqa: E402
from .formula_input import formula_input  # noqa: E402
from .pretrained import make_net  # noqa: E402

ROOT = os.path.normpath(os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", ".."))
SIZE = 256  # the generators' tile; a network trained on examples shrunk k times (train.py --downsample) takes SIZE / k
from .dataset import TRAINING_GSD  # noqa: E402
# Starting points; to be tuned on the held-out split (extent: cell probability; minAreaCells: 6 cells of
# 4x4 px = 0.1 m² at 3 cm/px; mergeSourcePx: photo pixels at the training GSD, 12 px = 36 cm).
THRESHOLDS = {"confidence": 0.3, "nmsIou": 0.5, "extent": 0.5, "minAreaCells": 6,
              "mergeIou": 0.3, "mergeOverlap": 0.1, "mergeSourcePx": 12}
# With the water output: a detection whose cells are on average less than half water is dropped. Fixed by
# its meaning (most of a plume is on water), not tuned on any set.
MIN_WATER = 0.5


def default_thresholds(factor: int = 1) -> dict:
    """THRESHOLDS for a network trained on examples shrunk `factor` times: the same ground area and distance
    (minAreaCells and mergeSourcePx count cells and pixels, which are factor times coarser)."""
    return {**THRESHOLDS, "minAreaCells": max(2, math.ceil(THRESHOLDS["minAreaCells"] / factor ** 2)),
            "mergeSourcePx": THRESHOLDS["mergeSourcePx"] // factor}


def shrink_factor(record: dict) -> int:
    """How many times the checkpoint's training examples were shrunk (train.py --downsample)."""
    return int(record.get("args", {}).get("downsample", 1))


def load_model(checkpoint: str, water: bool = False) -> tuple[torch.nn.Module, dict]:
    """The network with BatchNorm folded (with `water`, wrapped to output its water head too), and the
    checkpoint's record (epoch, val, args)."""
    state = torch.load(checkpoint, map_location="cpu", weights_only=False)
    args = state.get("args", {}) if isinstance(state, dict) else {}
    model = make_net(args)
    missing, unexpected = model.load_state_dict(state["model"] if "model" in state else state, strict=False)
    if unexpected or any(not k.startswith("water_head.") for k in missing) or (water and missing):
        raise RuntimeError(f"{checkpoint}: checkpoint does not fit the network (missing {missing}, unexpected {unexpected})")
    net = fuse_batchnorm(model.eval())
    return (WithWater(net).eval() if water else net), {k: v for k, v in state.items() if k != "model"} if "model" in state else {}


def output_names(water: bool) -> list[str]:
    return ["extent", "source"] + (["water"] if water else [])


def onnx_bytes(model: torch.nn.Module, opset: int, size: int) -> bytes:
    warnings.filterwarnings("ignore", message="The shape inference of prim::Constant")
    import onnx
    buf = io.BytesIO()
    dummy = torch.zeros(1, 3, size, size)
    names = output_names(isinstance(model, WithWater))
    with torch.no_grad():
        torch.onnx.export(model, dummy, buf, opset_version=opset, input_names=["input"],
                          output_names=names, do_constant_folding=True,
                          dynamic_axes={"input": {0: "N"}, **{n: {0: "N"} for n in names}})
    proto = onnx.load_from_string(buf.getvalue())
    proto.producer_name = "outfall-scout/models/training/export.py"
    onnx.checker.check_model(proto, full_check=True)
    return proto.SerializeToString(deterministic=True)


def manifest(name: str, version: str, sha256: str, thresholds: dict, water: bool, size: int, gsd: float) -> dict:
    return {
        "name": name, "version": version, "task": "heatmap",
        "input": {"name": "input", "size": size, "layout": "NCHW", "mean": list(MEAN), "std": list(STD)},
        "classes": ["discharge"], "trainingGsd": gsd,
        "thresholds": {**thresholds, **({"minWater": MIN_WATER} if water else {})},
        "heatmap": {"stride": STRIDE, "extentOutput": "extent", "sourceOutput": "source",
                    **({"waterOutput": "water"} if water else {})},
        "sha256": sha256,
    }


def model_io(model: torch.nn.Module, name: str, size: int, n: int = 2) -> dict:
    """The torch outputs for the formula input, normalised the way packTiles does (float64, then float32)."""
    rgb = formula_input(n, size)
    mean, std = np.array(MEAN)[None, :, None, None], np.array(STD)[None, :, None, None]
    x = torch.from_numpy(((rgb / 255.0 - mean) / std).astype(np.float32))
    with torch.no_grad():
        outputs = {k: v.numpy() for k, v in zip(output_names(isinstance(model, WithWater)), model(x))}
    return {
        "model": name,
        "input": {"n": n, "size": size, "formula": "R=(3x+5y+17n)%256, G=(2x+7y+31n)%200, B=(5x+3y+59n)%256, uint8"},
        "outputs": {k: {"dims": list(v.shape), "data": [round(float(a), 6) for a in v.reshape(-1)]} for k, v in outputs.items()},
    }


def export(checkpoint: str, out: str, name: str = "outfall-heatmap", version: str = "2.0.0",
           thresholds: dict | None = None, opset: int = 17, water: bool = False, size: int = 0) -> dict:
    model, record = load_model(checkpoint, water)
    factor = shrink_factor(record)
    size, gsd = size or SIZE // factor, round(TRAINING_GSD * factor, 6)
    thresholds = {**default_thresholds(factor), **(thresholds or {})}
    data = onnx_bytes(model, opset, size)
    os.makedirs(out, exist_ok=True)
    with open(os.path.join(out, "model.onnx"), "wb") as f:
        f.write(data)
    doc = manifest(name, version, hashlib.sha256(data).hexdigest(), thresholds, water, size, gsd)
    with open(os.path.join(out, "model.json"), "w") as f:
        json.dump(doc, f, indent=2)
        f.write("\n")
    with open(os.path.join(out, "model-io.json"), "w") as f:
        json.dump(model_io(model, name, size), f, separators=(",", ":"))
        f.write("\n")
    readme_path = os.path.join(out, "README.md")
    if not os.path.exists(readme_path):            # a model card written by hand is never overwritten
        with open(readme_path, "w") as f:
            f.write(readme(name, version, len(data), count_parameters(model), record, size, gsd))
    return {"bytes": len(data), "parameters": count_parameters(model), "sha256": doc["sha256"]}


def readme(name: str, version: str, nbytes: int, parameters: int, record: dict, size: int, gsd: float) -> str:
    args, val = record.get("args", {}), record.get("val", {})
    trained = (f"{args.get('examples')} synthetic examples ({args.get('generator')}), seed {args.get('seed')}, "
               f"best epoch {record.get('epoch')} of {args.get('epochs')}; validation loss {val.get('total', float('nan')):.3f}, "
               f"extent IoU {val.get('iou', float('nan')):.3f}, false-alarm share on plume-free tiles "
               f"{val.get('neg_fp', float('nan')):.2f}") if args else "unknown"
    network = ("`models/training/pretrained.py` (PretrainedNet: an ImageNet MobileNetV2 trunk"
               if args.get("backbone", "none") == "mobilenet_v2" else "`models/training/net.py` (HeatmapNet")
    return f"""# {name} {version}

The default discharge detector: {network}, {parameters:,} parameters, {nbytes / 1024:.0f} KiB),
trained by `scripts/train-default-model.sh` (models/training/train.py, then models/training/export.py).

- input `input` float32 [N,3,{size},{size}], NCHW RGB, (rgb/255 - mean) / std with the ImageNet mean and std;
  photos rescaled to the training GSD, {gsd} m/px.
- outputs `extent` and `source` float32 [N,1,{size // STRIDE},{size // STRIDE}] (stride {STRIDE}), probabilities: discharge water, and
  where the discharge enters the water (see src/inference/decode-heatmap.ts).
- `model-io.json`: the fixed formula input of test/fixtures/model-io and the torch outputs for it.

Training: {trained}.
"""


# Node: load the folder with the project's loadModel (manifest schema, sha256, tensor contract), pack the
# formula input with packTiles, compare with model-io.json, then time batches of 8 tiles on one thread.
VERIFY_JS = r"""
const path = require('node:path'), fs = require('node:fs');
const dir = path.resolve(process.argv[1]);
const { loadModel } = require(path.join(process.cwd(), 'dist/inference/onnx-session'));
const { packTiles } = require(path.join(process.cwd(), 'dist/inference/tile-batch'));
(async () => {
  const io = JSON.parse(fs.readFileSync(path.join(dir, 'model-io.json'), 'utf8'));
  const model = await loadModel(dir, { threads: 1 });
  const { n, size } = io.input;
  const width = size, height = size * n, data = new Uint8Array(width * height * 3);
  for (let k = 0; k < n; k++) for (let y = 0; y < size; y++) for (let x = 0; x < size; x++) {
    const i = ((k * size + y) * width + x) * 3;
    data[i] = (x * 3 + y * 5 + 17 * k) % 256; data[i + 1] = (x * 2 + y * 7 + 31 * k) % 200; data[i + 2] = (x * 5 + y * 3 + 59 * k) % 256;
  }
  const raster = { data, width, height, originalWidth: width, originalHeight: height };
  const tiles = Array.from({ length: n }, (_, k) => ({ x: 0, y: k * size, width: size, height: size }));
  const out = await model.run(packTiles(raster, tiles, model.manifest.input), n);
  const diff = {};
  for (const [key, e] of Object.entries(io.outputs)) {
    const got = out[key];
    if (JSON.stringify(got.dims) !== JSON.stringify(e.dims)) throw new Error(`${key}: dims ${got.dims} != ${e.dims}`);
    diff[key] = e.data.reduce((w, v, i) => Math.max(w, Math.abs(v - got.data[i])), 0);
  }
  const batch = new Float32Array(8 * 3 * size * size).map((_, i) => Math.sin(i) * 1.5);
  await model.run(batch, 8);
  const runs = 5, t0 = process.hrtime.bigint();
  for (let r = 0; r < runs; r++) await model.run(batch, 8);
  const msPerTile = Number(process.hrtime.bigint() - t0) / 1e6 / (runs * 8);
  await model.release();
  console.log(JSON.stringify({ maxDiff: diff, msPerTile1Thread: +msPerTile.toFixed(2) }));
})().catch((e) => { console.error(e.stack || String(e)); process.exit(1); });
"""


def verify(out: str) -> dict:
    """Runs VERIFY_JS from the repository root; {'maxDiff': {...}, 'msPerTile1Thread': ms}."""
    if not os.path.exists(os.path.join(ROOT, "dist", "inference", "onnx-session.js")):
        raise RuntimeError("dist/ is not built (npm run build); cannot verify with onnxruntime-node")
    res = subprocess.run(["node", "-e", VERIFY_JS, os.path.abspath(out)], cwd=ROOT, capture_output=True, text=True, timeout=300)
    if res.returncode != 0:
        raise RuntimeError(f"node verification failed: {res.stderr.strip() or res.stdout.strip()}")
    return json.loads(res.stdout.strip().splitlines()[-1])


def main(argv=None):
    a = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    a.add_argument("--checkpoint", required=True)
    a.add_argument("--out", required=True)
    a.add_argument("--name", default="outfall-heatmap")
    a.add_argument("--version", default="2.0.0")
    a.add_argument("--opset", type=int, default=17)
    a.add_argument("--thresholds", default="", help="JSON object overriding manifest thresholds")
    a.add_argument("--tolerance", type=float, default=1e-4)
    a.add_argument("--no-verify", action="store_true")
    a.add_argument("--size", type=int, default=0,
                   help="model input size in px, a multiple of 32 (default: the training tiles', 256 / --downsample)")
    a.add_argument("--water", action="store_true",
                   help=f"also output the water head ('water'); the manifest then drops detections under {MIN_WATER} water")
    args = a.parse_args(argv)
    thresholds = json.loads(args.thresholds) if args.thresholds else {}
    info = export(args.checkpoint, args.out, args.name, args.version, thresholds, args.opset, args.water, args.size)
    print(f"{args.out}/model.onnx: {info['bytes'] / 1024:.0f} KiB, {info['parameters']:,} parameters, sha256 {info['sha256'][:12]}…")
    if args.no_verify:
        return 0
    v = verify(args.out)
    worst = max(v["maxDiff"].values())
    print("onnxruntime-node vs torch: max |diff| " + ", ".join(f"{k} {d:.2e}" for k, d in v["maxDiff"].items()) + "; "
          f"{v['msPerTile1Thread']} ms per tile on one thread")
    if worst > args.tolerance:
        print(f"FAIL: difference {worst:.2e} exceeds {args.tolerance:.0e}", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
