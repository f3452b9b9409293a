"""Texture sources for the training-tile generator: periodic noise banks sampled at arbitrary ground points,
and (when the shared data folder is there) real land texture from the coastal-aerial pool's photos.

Everything here is built once per process and cached: the noise banks from a fixed seed (so examples are
deterministic), the pool photos decoded once. Without ../shared/data the land falls back to procedural
texture (examples then differ from a machine that has it). Only the pool
(../shared/data/real-water/coastal-aerial-pool, MIT, training material) is read; the other real photos of
../shared/data are the measuring set for false alarms and never feed training. Read at run time only,
never copied into the project.
"""
from __future__ import annotations

from functools import lru_cache

import numpy as np

from . import noise

BANK = 512                       # texels per side of each periodic bank (power of two)
COARSE_TEXEL = 0.25              # m per texel of the coarse bank (period 128 m)
FINE_TEXEL = 0.02                # m per texel of the fine bank (period 10 m)
FLOW_TEXEL = (0.04, 0.025)       # m per texel along / across the flow (ripples; sampled nearest)
SWIRL_TEXEL = (0.08, 0.05)       # the same for the plume's turbulence (sampled bilinear, at low resolution)

# channel meaning -> (cell size in texels, octaves)
COARSE = dict(veg=(16, 3), dry=(40, 3), canopy=(12, 3), grad=(80, 2), patch=(8, 3), sheen=(24, 2))
FINE = dict(grain=(1.5, 1), leaf=(4, 2), speck=(2.5, 1), stone=(12, 2))
FLOW = dict(rip=(8, 2), rip2=(3, 1))
SWIRL = dict(n1=(60, 3), n2=(35, 3), n3=(18, 3), edge=(8, 2))

REAL_TEXEL = 0.25                # m per pixel of a pool photo (assumed; see composite/pool.py)
LAND_MIN = 0.5                   # a pool photo lends land texture when at least half of it is land


def _bank(name: str, spec: dict) -> tuple[np.ndarray, dict]:
    rng = np.random.default_rng(sum(map(ord, name)) * 7919)
    chans = [noise.tile(rng, BANK, float(cell), octaves) for cell, octaves in spec.values()]
    arr = np.ascontiguousarray(np.stack(chans, -1).reshape(BANK * BANK, len(chans)), dtype=np.float32)
    return arr, {k: i for i, k in enumerate(spec)}


@lru_cache(maxsize=None)
def banks() -> dict:
    """{'coarse'|'fine'|'flow'|'swirl': (flat (BANK*BANK, C) float32, {channel name: index})}."""
    return dict(coarse=_bank("coarse", COARSE), fine=_bank("fine", FINE), flow=_bank("flow", FLOW),
                swirl=_bank("swirl", SWIRL))


def gather(flat: np.ndarray, rows: np.ndarray, cols: np.ndarray, size: int = BANK) -> np.ndarray:
    """Bilinear, wrapping sample of a flattened periodic (size*size, C) bank at texel coordinates -> (P, C)."""
    r0 = np.floor(rows)
    c0 = np.floor(cols)
    fr = (rows - r0).astype(np.float32)[:, None]
    fc = (cols - c0).astype(np.float32)[:, None]
    m = size - 1
    r0 = r0.astype(np.int64) & m
    c0 = c0.astype(np.int64) & m
    r1 = ((r0 + 1) & m) * size
    c1 = (c0 + 1) & m
    r0 = r0 * size
    v = flat[np.concatenate([r0 + c0, r0 + c1, r1 + c0, r1 + c1])].reshape(4, -1, flat.shape[1])
    top = v[0] + (v[1] - v[0]) * fc
    bot = v[2] + (v[3] - v[2]) * fc
    return top + (bot - top) * fr


def sample(bank: str, rows: np.ndarray, cols: np.ndarray, names: tuple[str, ...],
           nearest: bool = False) -> dict[str, np.ndarray]:
    """Named channels of a bank at texel coordinates (only the channels asked for are gathered); `nearest`
    when texels are no larger than the pixels (a quarter of the cost)."""
    flat, index = banks()[bank]
    sel = [index[n] for n in names]
    if len(sel) < flat.shape[1]:
        flat = _subset(bank, tuple(sel))
    if nearest:
        m = BANK - 1
        out = flat[(np.rint(rows).astype(np.int64) & m) * BANK + (np.rint(cols).astype(np.int64) & m)]
    else:
        out = gather(flat, rows, cols)
    return {n: out[:, i] for i, n in enumerate(names)}


@lru_cache(maxsize=None)
def _subset(bank: str, sel: tuple[int, ...]) -> np.ndarray:
    return np.ascontiguousarray(banks()[bank][0][:, list(sel)])


@lru_cache(maxsize=None)
def real_photo(name: str) -> np.ndarray | None:
    """A pool photo, uint8 (H, W, 3), or None when the shared data is absent."""
    from models.training.composite import pool
    if not pool.available():
        return None
    return pool.load(name)[0]


def real_names(split: str) -> tuple[str, ...]:
    """The pool photos of the split that are mostly land."""
    from models.training.composite import pool
    return tuple(n for n, _, land, _ in pool.fractions(split) if land >= LAND_MIN)


def sample_real(img: np.ndarray, rows: np.ndarray, cols: np.ndarray) -> np.ndarray:
    """Nearest sample of a photo at pixel coordinates (its pixels are about the size of a tile's), mirrored
    at the borders -> (P, 3) float32."""
    h, w = img.shape[:2]
    rows = np.abs(np.mod(np.rint(rows).astype(np.int64), 2 * (h - 1)) - (h - 1))
    cols = np.abs(np.mod(np.rint(cols).astype(np.int64), 2 * (w - 1)) - (w - 1))
    return img.reshape(h * w, 3)[rows * w + cols].astype(np.float32)
