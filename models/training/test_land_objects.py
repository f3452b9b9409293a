"""Tests of the land-object augmentation (models/training/land_objects.py).

    cd /work/main && /usr/bin/python3 -m unittest models.training.test_land_objects -v
"""
from __future__ import annotations

import unittest

import numpy as np

from models.training import land_objects

GSD = 0.16


def tile():
    """A 128 px tile: water on the left half (water map 1), land on the right (0), on a 32 x 32 map."""
    rng = np.random.RandomState(3)
    image = np.clip(rng.normal(110, 6, (128, 128, 3)), 0, 255).astype(np.uint8)
    water = np.zeros((32, 32), np.float32)
    water[:, :16] = 1.0
    return image, water


class LandObjectsTest(unittest.TestCase):
    def test_objects_change_land_only_and_keep_a_metre_from_water(self):
        image, water = tile()
        changed = np.zeros((128, 128), bool)
        for seed in range(20):
            out = land_objects.paste(image, water, GSD, np.random.RandomState(seed))
            changed |= (out != image).any(axis=2)
        self.assertGreater(changed[:, 64:].mean(), 0.05, "nothing was pasted on the land")
        metre = int(round(1.0 / GSD))
        self.assertFalse(changed[:, :64 + metre].any(), "an object reached the water or its bank")

    def test_unknown_water_or_no_land_leaves_the_tile_as_it_is(self):
        image, water = tile()
        unknown = water.copy()
        unknown[0, 0] = np.nan
        self.assertTrue(np.array_equal(land_objects.paste(image, unknown, GSD, np.random.RandomState(0)), image))
        all_water = np.ones_like(water)
        self.assertTrue(np.array_equal(land_objects.paste(image, all_water, GSD, np.random.RandomState(0)), image))

    def test_deterministic_for_the_generator_state_and_input_untouched(self):
        image, water = tile()
        before = image.copy()
        a = land_objects.paste(image, water, GSD, np.random.RandomState(7))
        b = land_objects.paste(image, water, GSD, np.random.RandomState(7))
        self.assertTrue(np.array_equal(a, b))
        self.assertTrue(np.array_equal(image, before))
        self.assertEqual(a.dtype, np.uint8)

    def test_every_kind_keeps_to_the_rule_and_unknown_kinds_are_refused(self):
        image, water = tile()
        metre = int(round(1.0 / GSD))
        for name in land_objects.KINDS:
            changed = np.zeros((128, 128), bool)
            for seed in range(6):
                out = land_objects.paste(image, water, GSD, np.random.RandomState(seed), kinds=(name,))
                changed |= (out != image).any(axis=2)
            self.assertTrue(changed[:, 64:].any(), f"{name} pasted nothing")
            self.assertFalse(changed[:, :64 + metre].any(), f"{name} reached the water")
        self.assertEqual(land_objects.parse_kinds("vehicle, road,road"), ("vehicle", "road", "road"))
        with self.assertRaises(ValueError):
            land_objects.parse_kinds("vehicle,boat")


if __name__ == "__main__":
    unittest.main()
