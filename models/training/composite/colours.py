"""Colours: effluents (named palette, blends, anything at all) and natural inland water."""
from __future__ import annotations

import colorsys

import numpy as np

EFFLUENT = dict(
    turbid_brown=(150, 115, 75), turbid_yellow=(190, 165, 95), milky_white=(226, 226, 216),
    milky_grey=(176, 176, 168), grey=(132, 132, 126), dark_grey=(78, 78, 76), black=(30, 30, 32),
    red_dye=(170, 45, 55), purple_dye=(120, 50, 140), yellow_green=(160, 180, 70), green_dye=(60, 140, 80),
    blue_dye=(70, 110, 170), orange=(205, 122, 55), rust=(140, 72, 42), pink=(205, 120, 150),
    teal=(60, 150, 150))
# held-out-only colours: never drawn for training
EFFLUENT_HELDOUT = dict(cream=(228, 214, 174), olive=(130, 136, 56), magenta=(194, 56, 132),
                        dark_brown=(72, 52, 36), blue_milk=(184, 200, 210))
WATER = [(95, 105, 80), (90, 95, 60), (100, 115, 105), (110, 92, 62), (60, 75, 85), (80, 120, 110),
         (140, 125, 90), (48, 58, 52), (120, 118, 100), (70, 95, 75), (105, 120, 125)]
MUD = [(140, 114, 78), (160, 136, 92), (122, 100, 70), (150, 126, 96), (110, 96, 74)]


def jitter(rng, rgb, s=10.0):
    return tuple(float(np.clip(v + rng.normal(0, s), 4, 250)) for v in rgb)


def hsv(h, s, v):
    return tuple(float(np.clip(255 * c, 4, 250)) for c in colorsys.hsv_to_rgb(h % 1.0, s, v))


# How often each palette colour is drawn: black and grey water (sewage, 黑臭水体), milky and turbid
# effluents are the common discharges; dyes are rarer.
WEIGHT = dict(black=3.0, dark_grey=2.0, grey=1.5, milky_white=2.0, milky_grey=1.5, turbid_brown=2.0,
              turbid_yellow=1.5)


def _pick(rng, names):
    w = np.asarray([WEIGHT.get(n, 1.0) for n in names])
    return names[int(rng.choice(len(names), p=w / w.sum()))]


def effluent(rng, split: str = "train") -> tuple[str, tuple]:
    """(name, rgb): palette 45 % (weighted toward the common discharges), blend of two 25 %, any colour
    30 % (held-out: its own colours 40 %)."""
    names = list(EFFLUENT)
    r = rng.random()
    if split == "heldout" and r < 0.4:
        n = list(EFFLUENT_HELDOUT)[int(rng.integers(len(EFFLUENT_HELDOUT)))]
        return n, jitter(rng, EFFLUENT_HELDOUT[n], 8)
    if r < 0.45:
        n = _pick(rng, names)
        return n, jitter(rng, EFFLUENT[n], 12)
    if r < 0.70:
        a = _pick(rng, names)
        b = _pick(rng, [n for n in names if n != a])
        t = rng.uniform(0.25, 0.75)
        rgb = tuple(t * x + (1 - t) * y for x, y in zip(EFFLUENT[a], EFFLUENT[b]))
        return f"{a}+{b}", jitter(rng, rgb, 8)
    return "random", hsv(rng.uniform(), rng.uniform(0.0, 0.9), rng.uniform(0.1, 0.95))


def water(rng) -> tuple:
    return jitter(rng, WATER[int(rng.integers(len(WATER)))], 10)


def distance(a, b) -> float:
    return float(np.sqrt(sum((float(x) - float(y)) ** 2 for x, y in zip(a, b))))
