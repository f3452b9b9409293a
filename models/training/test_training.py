"""Tests of the training pipeline: network, loss, a tiny training run, export.

    cd /work/main && /usr/bin/python3 -m unittest models.training.test_training -v

Uses `standin_example`, a tiny numpy generator with the interface of dataset.make_example, so these tests
do not depend on the real generator (or its speed). Skips when torch is missing.
"""
from __future__ import annotations

import hashlib
import json
import os
import shutil
import tempfile
import unittest

import numpy as np

try:
    import torch
except ImportError:  # pragma: no cover
    torch = None

TILE, STRIDE = 256, 4


def standin_example(seed: int, split: str = "train") -> dict:
    """A river bank with (2 seeds in 3) a milky plume spreading from a point on the bank, else nothing."""
    rng = np.random.RandomState(seed + (7_000_000 if split == "heldout" else 0))
    y, x = np.mgrid[0:TILE, 0:TILE].astype(np.float32)
    bank = TILE * rng.uniform(0.3, 0.6) + (x - TILE / 2) * rng.uniform(-0.3, 0.3)
    water = y > bank
    image = np.empty((TILE, TILE, 3), np.float32)
    image[:] = rng.uniform([70, 90, 40], [110, 130, 70])                      # grass
    image[water] = rng.uniform([60, 80, 70], [90, 110, 95])                   # water
    plume = np.zeros((TILE, TILE), bool)
    sources = []
    kind = "negative:plain"
    if rng.rand() < 2 / 3:
        sx = rng.uniform(40, TILE - 40)
        sy = TILE * 0.0 + (bank[0, int(sx)] + 2)
        angle, length, width = rng.uniform(-0.6, 0.6), rng.uniform(60, 140), rng.uniform(12, 30)
        u = (x - sx) * np.sin(angle) + (y - sy) * np.cos(angle)
        v = (x - sx) * np.cos(angle) - (y - sy) * np.sin(angle)
        plume = water & (u > 0) & (u < length) & (np.abs(v) < width * (0.3 + u / length))
        image[plume] = 0.35 * image[plume] + 0.65 * np.array([205, 205, 195])
        sources.append((float(sx), float(sy)))
        kind = "discharge:milky"
    image += rng.normal(0, 4, image.shape)
    extent = plume.reshape(TILE // STRIDE, STRIDE, TILE // STRIDE, STRIDE).mean(axis=(1, 3)).astype(np.float32)
    cy, cx = np.mgrid[0:TILE // STRIDE, 0:TILE // STRIDE].astype(np.float32)
    source = np.zeros_like(extent)
    for sx, sy in sources:
        gx, gy = int(sx // STRIDE), int(sy // STRIDE)
        source = np.maximum(source, np.exp(-((cx - gx) ** 2 + (cy - gy) ** 2) / (2 * 1.5 ** 2)))
    return {"image": np.clip(image, 0, 255).astype(np.uint8), "extent": extent, "source": source.astype(np.float32),
            "sources": sources, "kind": kind}


@unittest.skipIf(torch is None, "PyTorch is not installed (apt-get install python3-torch)")
class TrainingTest(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        torch.manual_seed(0)
        torch.set_num_threads(1)  # a busy shared machine makes two OpenMP threads crawl
        cls.tmp = tempfile.mkdtemp(prefix="outfall-train-test-")

    @classmethod
    def tearDownClass(cls):
        shutil.rmtree(cls.tmp, ignore_errors=True)

    def test_outputs_are_probability_maps_at_stride_4(self):
        from .net import HeatmapNet, count_parameters
        model = HeatmapNet().eval()
        self.assertLess(count_parameters(model), 500_000)
        with torch.no_grad():
            extent, source = model(torch.randn(2, 3, 256, 256) * 2)
            self.assertEqual(tuple(extent.shape), (2, 1, 64, 64))
            self.assertEqual(tuple(source.shape), (2, 1, 64, 64))
            for t in (extent, source):
                self.assertGreaterEqual(float(t.min()), 0.0)
                self.assertLessEqual(float(t.max()), 1.0)
            wide = model(torch.randn(1, 3, 96, 160))[0]  # fully convolutional: any multiple of 32
            self.assertEqual(tuple(wide.shape), (1, 1, 24, 40))

    def test_focal_loss_positives_are_the_gaussian_peaks(self):
        from .train import source_peaks
        ex = standin_example(1)
        peaks = source_peaks(torch.from_numpy(ex["source"])[None, None])
        self.assertEqual(int(peaks.sum()), len(ex["sources"]))

    def test_shrink_averages_the_image_and_keeps_the_source_peaks(self):
        from .train import shrink, source_peaks
        ex = standin_example(1)
        water = np.full(ex["extent"].shape, 0.5, np.float16)
        water[:4, :4] = np.nan                                    # unknown water stays unknown
        image, extent, source, w = shrink(ex["image"], ex["extent"], ex["source"], water, 2)
        self.assertEqual(image.shape, (128, 128, 3))
        self.assertEqual(image.dtype, np.uint8)
        self.assertEqual(extent.shape, (32, 32))
        block = ex["image"][10:12, 20:22].astype(np.float32).mean(axis=(0, 1))
        np.testing.assert_array_equal(image[5, 10], np.rint(block).astype(np.uint8))
        self.assertAlmostEqual(float(extent.astype(np.float32).mean()), float(ex["extent"].mean()), places=3)
        self.assertAlmostEqual(float(source.max()), float(ex["source"].max()), places=3)
        self.assertEqual(int(source_peaks(torch.from_numpy(source.astype(np.float32))[None, None]).sum()), len(ex["sources"]))
        self.assertTrue(np.isnan(w[:2, :2].astype(np.float32)).all())
        self.assertEqual(float(w[10, 10]), 0.5)
        same = shrink(ex["image"], ex["extent"], ex["source"], water, 1)
        self.assertIs(same[0], ex["image"])

    def test_a_source_with_only_specks_of_plume_is_not_coherent(self):
        from .train import coherent
        ex = standin_example(1)
        self.assertEqual(len(ex["sources"]), 1)
        cells = int((ex["extent"] >= 0.5).sum())
        self.assertTrue(coherent(ex["extent"], ex["source"], cells))        # the whole plume is one region
        self.assertFalse(coherent(ex["extent"], ex["source"], cells + 1))
        specks = np.zeros_like(ex["extent"])
        specks[::3, ::3] = ex["extent"][::3, ::3]                          # the same plume, as scattered cells
        self.assertFalse(coherent(specks, ex["source"], 2))
        empty = standin_example(0)
        self.assertEqual(empty["sources"], [])
        self.assertTrue(coherent(empty["extent"], empty["source"], 50))     # a negative has nothing to fail

    def test_recolouring_gives_the_plume_a_new_contrast_and_leaves_the_rest(self):
        from .train import recolour_plumes
        x = torch.full((2, 3, 64, 64), 0.4)
        x[:, 2] = 0.5                                           # blue-grey water
        extent = torch.zeros(2, 1, 16, 16)
        extent[0, 0, 4:10, 4:10] = 1.0                          # a plume in the first tile only
        x[0, :, 16:40, 16:40] = torch.tensor([0.55, 0.45, 0.3]).view(3, 1, 1)
        for seed in range(5):
            y = recolour_plumes(x, extent, np.random.RandomState(seed), 1.0)
            self.assertTrue(torch.equal(y[1], x[1]))            # no plume: untouched
            self.assertTrue(torch.equal(y[0, :, 50:, 50:], x[0, :, 50:, 50:]))  # far from the plume: untouched
            diff = y[0, :, 20:36, 20:36].mean(dim=(1, 2)) - y[0, :, 2:10, 2:10].mean(dim=(1, 2))
            self.assertGreaterEqual(float(diff.norm()), 0.12 - 1e-3)
            self.assertLessEqual(float(diff.norm()), 0.4 + 1e-3)
            self.assertFalse(torch.allclose(y[0, :, 20:36, 20:36], x[0, :, 20:36, 20:36]))
        self.assertTrue(torch.equal(recolour_plumes(x, extent, np.random.RandomState(0), 0.0), x))

    def test_grey_augmentation_takes_the_colour_out_of_that_share_of_tiles(self):
        from .train import colour_and_pad
        x = torch.rand(8, 3, 64, 64)
        maps = torch.zeros(8, 1, 16, 16), torch.zeros(8, 1, 16, 16)
        grey, _, _ = colour_and_pad(x.clone(), *maps, np.random.RandomState(0), grey=1.0)
        corner = grey[:, :, :32, :32]                          # never under a padding band
        self.assertTrue(torch.allclose(corner[:, 0], corner[:, 1]) and torch.allclose(corner[:, 1], corner[:, 2]))
        colour, _, _ = colour_and_pad(x.clone(), *maps, np.random.RandomState(0))
        self.assertFalse(torch.allclose(colour[:, 0, :32, :32], colour[:, 1, :32, :32]))
        some, _, _ = colour_and_pad(x.clone(), *maps, np.random.RandomState(0), grey=0.5)
        flat = [bool(torch.allclose(some[b, 0, :32, :32], some[b, 1, :32, :32])) for b in range(8)]
        self.assertTrue(any(flat) and not all(flat))

    def test_a_few_steps_reduce_the_loss_on_a_fixed_batch(self):
        from .net import HeatmapNet
        from .train import Examples, losses, make_batch
        ex = Examples(6)
        for seed in range(6):
            e = standin_example(seed)
            ex.add((e["image"], e["extent"].astype(np.float16), e["source"].astype(np.float16), e["kind"]))
        x, extent, source = make_batch(ex, np.arange(6), None)
        self.assertGreater(float(extent.sum()), 0)  # the batch holds plumes
        torch.manual_seed(0)
        model = HeatmapNet()
        opt = torch.optim.AdamW(model.parameters(), lr=3e-3)
        first = None
        for _ in range(12):
            parts, _ = losses(model, x, extent, source)
            first = first if first is not None else float(parts["total"])
            opt.zero_grad()
            parts["total"].backward()
            opt.step()
        with torch.no_grad():  # train mode: 12 steps are too few for BatchNorm's running statistics
            last = float(losses(model, x, extent, source)[0]["total"])
        self.assertLess(last, 0.8 * first)

    def test_train_then_export_writes_a_loadable_model_folder(self):
        from . import export, train
        out = os.path.join(self.tmp, "run")
        train.main(["--examples", "8", "--val", "4", "--epochs", "1", "--batch", "4", "--workers", "1", "--threads", "1",
                    "--cache", os.path.join(self.tmp, "cache"), "--out", out,
                    "--generator", "models.training.test_training:standin_example"])
        self.assertTrue(os.path.exists(os.path.join(out, "best.pt")))
        cached = os.listdir(os.path.join(self.tmp, "cache"))
        self.assertEqual(len(cached), 1)  # one folder per generator fingerprint
        self.assertEqual(len(os.listdir(os.path.join(self.tmp, "cache", cached[0]))), 12)

        model_dir = os.path.join(self.tmp, "model")
        export.export(os.path.join(out, "best.pt"), model_dir, name="test-heatmap")
        with open(os.path.join(model_dir, "model.json")) as f:
            m = json.load(f)
        with open(os.path.join(model_dir, "model.onnx"), "rb") as f:
            self.assertEqual(m["sha256"], hashlib.sha256(f.read()).hexdigest())
        # every field src/inference/model-manifest.ts requires, with the values the decoder needs
        self.assertEqual(set(m), {"name", "version", "task", "input", "classes", "trainingGsd", "thresholds", "heatmap", "sha256"})
        self.assertEqual(m["task"], "heatmap")
        self.assertEqual(m["input"], {"name": "input", "size": 256, "layout": "NCHW",
                                      "mean": [0.485, 0.456, 0.406], "std": [0.229, 0.224, 0.225]})
        self.assertEqual(m["classes"], ["discharge"])
        self.assertEqual(m["trainingGsd"], 0.08)
        self.assertEqual(m["heatmap"], {"stride": 4, "extentOutput": "extent", "sourceOutput": "source"})
        t = m["thresholds"]
        self.assertEqual(set(t), {"confidence", "nmsIou", "extent", "minAreaCells", "mergeIou", "mergeOverlap", "mergeSourcePx"})
        for k in ("confidence", "nmsIou", "extent", "mergeIou", "mergeOverlap"):
            self.assertTrue(0 <= t[k] <= 1, k)
        self.assertIsInstance(t["minAreaCells"], int)
        self.assertEqual(m["input"]["size"] % m["heatmap"]["stride"], 0)

        with open(os.path.join(model_dir, "model-io.json")) as f:
            io = json.load(f)
        self.assertEqual(io["input"], {"n": 2, "size": 256, "formula": io["input"]["formula"]})
        for k in ("extent", "source"):
            self.assertEqual(io["outputs"][k]["dims"], [2, 1, 64, 64])
            self.assertEqual(len(io["outputs"][k]["data"]), 2 * 64 * 64)

        import onnx
        graph = onnx.load(os.path.join(model_dir, "model.onnx")).graph
        self.assertEqual([i.name for i in graph.input], ["input"])
        self.assertEqual([o.name for o in graph.output], ["extent", "source"])
        self.assertEqual(graph.input[0].type.tensor_type.shape.dim[0].dim_param, "N")
        self.assertNotIn("BatchNormalization", {n.op_type for n in graph.node})

        if shutil.which("node") and os.path.exists(os.path.join(export.ROOT, "dist", "inference", "onnx-session.js")):
            v = export.verify(model_dir)  # onnxruntime-node through the project's loadModel
            self.assertLess(max(v["maxDiff"].values()), 1e-4)

        # With the water head: a third output, named in the manifest, with the gate's threshold.
        water_dir = os.path.join(self.tmp, "model-water")
        export.export(os.path.join(out, "best.pt"), water_dir, name="test-heatmap", water=True)
        with open(os.path.join(water_dir, "model.json")) as f:
            mw = json.load(f)
        self.assertEqual(mw["heatmap"], {"stride": 4, "extentOutput": "extent", "sourceOutput": "source", "waterOutput": "water"})
        self.assertEqual(mw["thresholds"]["minWater"], export.MIN_WATER)
        self.assertEqual([o.name for o in onnx.load(os.path.join(water_dir, "model.onnx")).graph.output], ["extent", "source", "water"])
        with open(os.path.join(water_dir, "model-io.json")) as f:
            iow = json.load(f)
        self.assertEqual(iow["outputs"]["water"]["dims"], [2, 1, 64, 64])
        self.assertEqual(iow["outputs"]["extent"], io["outputs"]["extent"])  # the same network, one more head
        if shutil.which("node") and os.path.exists(os.path.join(export.ROOT, "dist", "inference", "onnx-session.js")):
            self.assertLess(max(export.verify(water_dir)["maxDiff"].values()), 1e-4)

    def test_a_network_trained_on_shrunk_examples_exports_its_tile_size_and_gsd(self):
        """--downsample 2: 128 px tiles at twice the GSD; thresholds in cells and pixels keep their ground size."""
        from . import export, train
        out = os.path.join(self.tmp, "run-shrunk")
        train.main(["--examples", "8", "--val", "4", "--epochs", "1", "--batch", "4", "--workers", "1", "--threads", "1",
                    "--cache", os.path.join(self.tmp, "cache"), "--out", out, "--downsample", "2",
                    "--widths", "8", "16", "32", "64", "--decoder", "16",
                    "--generator", "models.training.test_training:standin_example"])
        model_dir = os.path.join(self.tmp, "model-shrunk")
        export.export(os.path.join(out, "best.pt"), model_dir, name="test-heatmap")
        with open(os.path.join(model_dir, "model.json")) as f:
            m = json.load(f)
        self.assertEqual(m["input"]["size"], 128)
        self.assertAlmostEqual(m["trainingGsd"], 0.16)
        self.assertEqual(m["thresholds"]["minAreaCells"], 2)
        self.assertEqual(m["thresholds"]["mergeSourcePx"], 6)
        with open(os.path.join(model_dir, "model-io.json")) as f:
            io = json.load(f)
        self.assertEqual(io["input"]["size"], 128)
        self.assertEqual(io["outputs"]["extent"]["dims"], [2, 1, 32, 32])
        if shutil.which("node") and os.path.exists(os.path.join(export.ROOT, "dist", "inference", "onnx-session.js")):
            self.assertLess(max(export.verify(model_dir)["maxDiff"].values()), 1e-4)

    def test_resume_continues_where_an_interrupted_run_stopped(self):
        """Two epochs in one go, or one epoch, a stop, and --resume for the second: the same weights."""
        from . import train
        common = ["--examples", "8", "--val", "4", "--batch", "4", "--workers", "1", "--threads", "1",
                  "--cache", os.path.join(self.tmp, "cache-resume"), "--widths", "8", "16", "32", "64", "--decoder", "16",
                  "--generator", "models.training.test_training:standin_example",
                  "--positive-repeat", "2", "--min-region", "2"]
        whole, parts = os.path.join(self.tmp, "whole"), os.path.join(self.tmp, "parts")
        train.main(common + ["--epochs", "2", "--out", whole])
        with open(os.path.join(whole, "train-log.json")) as f:
            seen = [row["examples"] for row in json.load(f)["epochs"]]
        with_plume = sum(len(standin_example(i)["sources"]) > 0 for i in range(8))
        self.assertEqual(seen, [8, 8 + with_plume])      # from epoch 2, the examples with a source twice
        train.main(common + ["--epochs", "2", "--out", parts, "--stop-after", "1"])
        first = torch.load(os.path.join(parts, "last.pt"), weights_only=False)
        self.assertEqual(first["epoch"], 1)
        train.main(common + ["--epochs", "2", "--out", parts, "--resume"])
        a = torch.load(os.path.join(whole, "last.pt"), weights_only=False)["model"]
        b = torch.load(os.path.join(parts, "last.pt"), weights_only=False)["model"]
        for k in a:
            self.assertTrue(torch.equal(a[k], b[k]), k)
        # --init: a new run that starts from those weights (a learning rate of ~0 keeps them)
        init = os.path.join(self.tmp, "init")
        train.main(common + ["--epochs", "1", "--out", init, "--init", os.path.join(whole, "last.pt"), "--lr", "1e-12"])
        c = torch.load(os.path.join(init, "best.pt"), weights_only=False)["model"]
        self.assertTrue(torch.allclose(c["stem.0.weight"], a["stem.0.weight"], atol=1e-6))
        with self.assertRaises(SystemExit):           # a resumed run must keep the recipe it started with
            train.main(common + ["--epochs", "3", "--out", parts, "--resume"])


if __name__ == "__main__":
    unittest.main()
