"""Tests for the compositing generator:  /usr/bin/python3 -m unittest models.training.composite.test_composite

* determinism by (seed, split), shapes and dtypes, the discharge / negative mix
* labels match images: the visible map is exactly what the discharge changed, the discharge pulls the water
  toward its colour at the source, negatives carry no labels, the source map peaks at the sources
* the data rule: only the pool is read, split by photo into train and heldout; no measuring photo is named
"""
from __future__ import annotations

import unittest

import numpy as np

from models.training import mixed
from models.training.composite import colours, example as E, lookalikes, pool
from models.training.scene import textures

SEEDS = range(24)


def _examples():
    if not hasattr(_examples, "cache"):
        _examples.cache = {s: E.make_example_info(s, "train") for s in SEEDS}
    return _examples.cache


class TestComposite(unittest.TestCase):
    def test_deterministic(self):
        for split in E.SPLITS:
            a, b = E.make_example(5, split), E.make_example(5, split)
            self.assertTrue(np.array_equal(a["image"], b["image"]))
            self.assertTrue(np.array_equal(a["extent"], b["extent"]))
            self.assertEqual(a["sources"], b["sources"])
            self.assertEqual(a["kind"], b["kind"])

    def test_shapes_and_mix(self):
        kinds = []
        for ex, _ in _examples().values():
            self.assertEqual(ex["image"].shape, (E.TILE, E.TILE, 3))
            self.assertEqual(ex["image"].dtype, np.uint8)
            self.assertEqual(ex["extent"].shape, (E.TILE // E.STRIDE,) * 2)
            self.assertEqual(ex["source"].shape, (E.TILE // E.STRIDE,) * 2)
            self.assertTrue(0 <= ex["extent"].min() and ex["extent"].max() <= 1)
            kinds.append(ex["kind"].split(":")[0])
        self.assertGreater(kinds.count("discharge"), 3)
        self.assertGreater(kinds.count("negative"), 3)

    def test_negatives_unlabelled_and_sources_peak(self):
        for ex, _ in _examples().values():
            if ex["kind"].startswith("negative"):
                self.assertEqual(ex["extent"].sum(), 0)
                self.assertEqual(ex["source"].sum(), 0)
                self.assertEqual(ex["sources"], [])
            for x, y in ex["sources"]:
                cx, cy = int(x // E.STRIDE), int(y // E.STRIDE)
                self.assertGreater(ex["source"][cy, cx], 0.6)
                near = ex["extent"][max(0, cy - 3):cy + 4, max(0, cx - 3):cx + 4]
                self.assertGreater(near.sum(), 0, "a listed source has visible discharge near it")

    def test_visible_is_what_the_discharge_changed(self):
        checked = 0
        for seed in range(40):
            rng = E.rng_for(seed, "train", "test")
            sc = E.compose(rng, "train", (192, 192), 0.08, 1, 0)
            if not sc["sources"]:
                continue
            diff = np.sqrt(((sc["rgb"] - sc["clean"]) ** 2).sum(-1))
            self.assertTrue(np.allclose(sc["visible"][sc["visible"] > 0], diff[sc["visible"] > 0], atol=1e-3))
            x, y, info = sc["sources"][0]
            if info["foam"]:                 # white foam at the source moves it toward white, by design
                continue
            r = (slice(max(0, int(y) - 6), int(y) + 7), slice(max(0, int(x) - 6), int(x) + 7))
            mask = sc["visible"][r] > E.VISIBLE
            if mask.sum() < 4:
                continue
            eff = np.asarray(info["rgb"], np.float32)
            before = np.abs(sc["clean"][r][mask] - eff).sum(-1).mean()
            after = np.abs(sc["rgb"][r][mask] - eff).sum(-1).mean()
            self.assertLess(after, before, f"seed {seed}: the water moves toward the effluent's colour at the source")
            checked += 1
        self.assertGreater(checked, 5)

    def test_every_lookalike_runs_and_stays_unlabelled(self):
        rng = np.random.default_rng(3)
        sc = None
        for _ in range(10):
            sc = E.compose(rng, "train", (128, 128), 0.08, 0, 0)
            if sc["water"].any() and (~sc["water"]).any():
                break
        land = ~sc["water"]
        for kind in lookalikes.KINDS:
            out, water = lookalikes.apply(kind, sc["rgb"].copy(), sc["water"], land, 0.08, np.random.default_rng(7))
            self.assertEqual(out.shape, sc["rgb"].shape, kind)
            self.assertTrue(np.isfinite(out).all(), kind)
            self.assertEqual(water.shape, sc["water"].shape, kind)

    def test_effluent_colours(self):
        rng = np.random.default_rng(0)
        train = [colours.effluent(rng, "train")[0] for _ in range(400)]
        self.assertFalse(any(n in colours.EFFLUENT_HELDOUT for n in train), "held-out colours never train")
        self.assertGreater(train.count("black"), train.count("pink"))


@unittest.skipUnless(pool.available(), "../shared/data is absent: no pool photos")
class TestPool(unittest.TestCase):
    def test_split_by_photo(self):
        train, held = set(pool.names("train")), set(pool.names("heldout"))
        self.assertFalse(train & held)
        self.assertEqual(len(train | held), 139)
        self.assertTrue(10 <= len(held) <= 30)
        self.assertTrue(set(textures.real_names("train")) <= train)
        self.assertTrue(set(textures.real_names("heldout")) <= held)

    def test_crop_labels_follow_the_photo(self):
        c = pool.crop(np.random.default_rng(1), "train", (96, 128), 0.08, need="bank")
        self.assertEqual(c["rgb"].shape, (96, 128, 3))
        self.assertEqual(c["labels"].shape, (96, 128))
        self.assertTrue(set(np.unique(c["labels"])) <= {pool.WATER, pool.SURF, pool.LAND})
        self.assertTrue((c["labels"] == pool.WATER).any() and (c["labels"] == pool.LAND).any())


class TestMixed(unittest.TestCase):
    def test_mixed_uses_both_generators_deterministically(self):
        sources = {mixed.source_of(s, "train") for s in range(200)}
        self.assertEqual(sources, {"composite", "render"})
        a, b = mixed.make_example(11, "train"), mixed.make_example(11, "train")
        self.assertTrue(np.array_equal(a["image"], b["image"]))


if __name__ == "__main__":
    unittest.main()
