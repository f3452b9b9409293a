"""Deterministic value noise (multi-octave) on world rasters; numpy + scipy only."""
from __future__ import annotations

import math

import numpy as np
from scipy import ndimage


def octave(rng: np.random.Generator, shape: tuple[int, int], cell_px: float) -> np.ndarray:
    """Smooth noise in about [-1, 1] with features about cell_px pixels across."""
    h, w = shape
    k = max(1, int(round(cell_px)))
    gh, gw = h // k + 3, w // k + 3
    g = rng.standard_normal((gh, gw)).astype(np.float32)
    g = ndimage.gaussian_filter(g, 0.8, mode="wrap")
    g /= max(float(g.std()), 1e-6)
    if k == 1:
        out = g
    else:
        out = ndimage.zoom(g, k, order=1, grid_mode=True, mode="grid-wrap")
    oy, ox = int(rng.integers(0, k)), int(rng.integers(0, k))
    return np.ascontiguousarray(out[oy:oy + h, ox:ox + w]) * np.float32(0.5)


def fbm(rng: np.random.Generator, shape: tuple[int, int], res: float, scale_m: float, octaves: int = 4,
        gain: float = 0.5, min_cell_px: float = 4.0) -> np.ndarray:
    """Fractal sum of octaves, the largest with features about scale_m metres; roughly unit std.

    Octaves are summed on a grid min_cell_px times coarser than the raster, then upsampled once."""
    h, w = shape
    k0 = max(1, int(round(min_cell_px)))
    base = (h // k0 + 3, w // k0 + 3)
    acc = np.zeros(base, np.float32)
    amp, total = 1.0, 0.0
    cell = scale_m / res
    for _ in range(octaves):
        if cell < k0 * 0.99:
            break
        acc += np.float32(amp) * octave(rng, base, cell / k0)
        total += amp * amp
        amp *= gain
        cell /= 2.0
    acc /= np.float32(math.sqrt(max(total, 1e-6)) * 0.5)
    if k0 == 1:
        return np.ascontiguousarray(acc[:h, :w])
    out = ndimage.zoom(acc, k0, order=1, grid_mode=True, mode="grid-wrap")
    return np.ascontiguousarray(out[k0:k0 + h, k0:k0 + w])


def grain(rng: np.random.Generator, shape: tuple[int, int]) -> np.ndarray:
    """Pixel-scale texture (unit std), 1-2 px features."""
    g = rng.standard_normal(shape, dtype=np.float32)
    return ndimage.uniform_filter(g, 2) * np.float32(2.0)


def tile(rng: np.random.Generator, size: int = 256, cell: float = 8.0, octaves: int = 3) -> np.ndarray:
    """A periodic noise tile to sample with ndimage.map_coordinates(mode='grid-wrap')."""
    out = np.zeros((size, size), np.float32)
    amp = 1.0
    for _ in range(octaves):
        n = max(2, int(round(size / cell)))
        g = rng.standard_normal((n, n)).astype(np.float32)
        out += np.float32(amp) * ndimage.zoom(g, size / n, order=3, grid_mode=True, mode="grid-wrap")[:size, :size]
        amp *= 0.5
        cell /= 2.0
    out -= out.mean()
    out /= max(float(out.std()), 1e-6)
    return out


def sample_tile(t: np.ndarray, a: np.ndarray, b: np.ndarray) -> np.ndarray:
    """Bilinear, wrapping sample of a tile at (row a, col b) in tile pixels."""
    return ndimage.map_coordinates(t, [a, b], order=1, mode="grid-wrap").astype(np.float32)
