"""Fast 2D noise for the compositor: random grids upsampled bicubically (PIL, C speed), summed in octaves."""
from __future__ import annotations

import numpy as np
from PIL import Image

F = np.float32


def upsample(g: np.ndarray, h: int, w: int) -> np.ndarray:
    """Bicubic resize of a float32 grid to (h, w)."""
    return np.asarray(Image.fromarray(np.ascontiguousarray(g, dtype=F), "F").resize((w, h), Image.BICUBIC), dtype=F)


def octave(rng: np.random.Generator, shape: tuple[int, int], cell: float) -> np.ndarray:
    """Smooth noise, roughly unit std, features about `cell` pixels across (cell ≥ 1)."""
    h, w = shape
    cell = max(float(cell), 1.0)
    gh, gw = int(h / cell) + 3, int(w / cell) + 3
    g = rng.standard_normal((gh, gw)).astype(F)
    if cell <= 1.0:
        return g[:h, :w]
    big = upsample(g, int(round(gh * cell)), int(round(gw * cell)))
    oy, ox = int(rng.integers(0, max(1, int(cell)))), int(rng.integers(0, max(1, int(cell))))
    return big[oy:oy + h, ox:ox + w] * F(1.15)


def fbm(rng: np.random.Generator, shape: tuple[int, int], cell: float, octaves: int = 3, gain: float = 0.5,
        min_cell: float = 1.0) -> np.ndarray:
    """Fractal sum of octaves from `cell` pixels down, normalised to about unit std."""
    out = np.zeros(shape, F)
    amp, tot = 1.0, 0.0
    for _ in range(octaves):
        if cell < min_cell:
            break
        out += F(amp) * octave(rng, shape, cell)
        tot += amp * amp
        amp *= gain
        cell /= 2.0
    return out / F(max(tot, 1e-6) ** 0.5)


def stretched(rng: np.random.Generator, shape: tuple[int, int], cell_along: float, cell_across: float,
              angle: float) -> np.ndarray:
    """Anisotropic noise (streaks) with features `cell_along` px along direction `angle` (radians, image x/y)."""
    h, w = shape
    d = int(np.ceil(np.hypot(h, w))) + 4
    base = np.asarray(Image.fromarray(_aniso(rng, d, cell_along, cell_across), "F")
                      .rotate(np.degrees(-angle), resample=Image.BILINEAR), dtype=F)
    oy, ox = (d - h) // 2, (d - w) // 2
    return base[oy:oy + h, ox:ox + w]


def _aniso(rng, d, ca, cc):
    gh, gw = int(d / max(cc, 1)) + 3, int(d / max(ca, 1)) + 3
    g = rng.standard_normal((gh, gw)).astype(F)
    return upsample(g, int(gh * max(cc, 1)), int(gw * max(ca, 1)))[:d, :d] * F(1.15)


def smoothstep(e0, e1, x):
    t = np.clip((x - e0) / (e1 - e0), 0.0, 1.0)
    return (t * t * (3 - 2 * t)).astype(F)
