"""The coastal-aerial pool (../shared/data/real-water/coastal-aerial-pool): 139 real aerial shore photos with
water / surf / land masks, the compositor's real backgrounds. Training material only; the other real photos
of ../shared/data stay the measuring set and are never read here.

Split: a stable hash of the file name puts about one photo in seven into 'heldout' (the project's own
held-out set), the rest into 'train'. Photos are decoded once per process. Their ground sample distance is
not recorded upstream; cars and houses put it near 0.2 to 0.3 m/px, so crops are zoomed in as a drone at
6 to 30 cm/px would see them.
"""
from __future__ import annotations

import hashlib
import os
from functools import lru_cache

import numpy as np
from PIL import Image
from scipy import ndimage

ROOT = os.path.abspath(os.path.join(os.path.dirname(__file__), "..", "..", ".."))
POOL = os.path.join(ROOT, "..", "shared", "data", "real-water", "coastal-aerial-pool")
WATER, SURF, LAND = 0, 1, 2
GSD_RANGE = (0.18, 0.32)          # assumed m/px of a pool photo
HELDOUT_EVERY = 7


def available() -> bool:
    return os.path.isdir(os.path.join(POOL, "img"))


def split_of(name: str) -> str:
    h = int.from_bytes(hashlib.sha256(name.encode()).digest()[:4], "little")
    return "heldout" if h % HELDOUT_EVERY == 0 else "train"


@lru_cache(maxsize=None)
def names(split: str) -> tuple[str, ...]:
    if not available():
        return ()
    return tuple(n for n in sorted(os.listdir(os.path.join(POOL, "img"))) if n.endswith(".jpg") and split_of(n) == split)


@lru_cache(maxsize=None)
def load(name: str):
    """(rgb uint8 HxWx3, labels uint8 HxW in {WATER, SURF, LAND}, bank pixels (rows, cols): water next to land)."""
    with Image.open(os.path.join(POOL, "img", name)) as im:
        rgb = np.asarray(im.convert("RGB"))
    with Image.open(os.path.join(POOL, "mask", name[:-4] + "_mask.jpg")) as im:
        raw = np.asarray(im.convert("L"))
    lab = np.minimum(raw, LAND).astype(np.uint8)           # stray 3..5 at class edges (JPEG noise): land
    lab = ndimage.median_filter(lab, 3)
    water = lab == WATER
    land = lab == LAND
    bank = water & ndimage.binary_dilation(land, iterations=2)
    r, c = np.nonzero(bank)
    return rgb, lab, (r.astype(np.int32), c.astype(np.int32))


@lru_cache(maxsize=None)
def fractions(split: str) -> tuple[tuple[str, float, float, int], ...]:
    """(name, water fraction, land fraction, bank pixel count) per photo of the split."""
    out = []
    for n in names(split):
        _, lab, bank = load(n)
        out.append((n, float((lab == WATER).mean()), float((lab == LAND).mean()), int(bank[0].size)))
    return tuple(out)


def crop(rng: np.random.Generator, split: str, size: tuple[int, int], gsd: float, need: str = "water",
         centre_px: tuple[float, float] | None = None):
    """A rotated, zoomed crop of a pool photo as a drone at `gsd` m/px would see it.

    need: 'bank' (a water/land edge near the crop centre: for discharges), 'water' (some water), 'land', 'any'.
    Returns dict(rgb float32 HxWx3, labels uint8 HxW, name, zoom) or None when no photo fits."""
    h, w = size
    table = fractions(split)
    if not table:
        return None
    if need == "bank":
        cand = [t for t in table if t[3] > 200]
    elif need == "water":
        cand = [t for t in table if t[1] > 0.15]
    elif need == "land":
        cand = [t for t in table if t[2] > 0.5]
    else:
        cand = list(table)
    if not cand:
        return None
    name = cand[int(rng.integers(len(cand)))][0]
    rgb, lab, bank = load(name)
    ph, pw = lab.shape
    gp = rng.uniform(*GSD_RANGE)
    zoom = max(gp / gsd, 1.0)                       # output px per pool px (never shrink a pool photo)
    half = 0.5 * np.hypot(h, w) / zoom              # radius of the rotated crop in pool px
    if 2 * half + 4 > min(ph, pw):
        zoom = np.hypot(h, w) / (min(ph, pw) - 6)
        half = 0.5 * np.hypot(h, w) / zoom
    lo_r, hi_r, lo_c, hi_c = half + 2, ph - half - 2, half + 2, pw - half - 2
    if need == "bank":
        k = int(rng.integers(bank[0].size))
        off = rng.uniform(-0.3, 0.3, 2) * np.array([h, w]) / zoom
        cy, cx = bank[0][k] + off[0], bank[1][k] + off[1]
    elif need in ("water", "land"):
        want = WATER if need == "water" else LAND
        rr, cc = np.nonzero(lab[::8, ::8] == want)
        if rr.size == 0:
            return None
        k = int(rng.integers(rr.size))
        cy, cx = rr[k] * 8.0, cc[k] * 8.0
    else:
        cy, cx = rng.uniform(lo_r, hi_r), rng.uniform(lo_c, hi_c)
    cy, cx = float(np.clip(cy, lo_r, hi_r)), float(np.clip(cx, lo_c, hi_c))
    th = rng.uniform(0, 2 * np.pi)
    ca, sa = np.cos(th) / zoom, np.sin(th) / zoom
    # output (x, y) -> input: centre + R * (out - size/2) / zoom
    a, b, d, e = ca, -sa, sa, ca
    c = cx - a * w / 2 - b * h / 2
    f = cy - d * w / 2 - e * h / 2
    data = (a, b, c, d, e, f)
    out = Image.fromarray(rgb).transform((w, h), Image.AFFINE, data, resample=Image.BICUBIC)
    labs = Image.fromarray(lab).transform((w, h), Image.AFFINE, data, resample=Image.NEAREST)
    return dict(rgb=np.asarray(out, dtype=np.float32), labels=np.asarray(labs), name=name, zoom=zoom)
