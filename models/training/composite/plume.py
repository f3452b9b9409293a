"""Discharge plumes as concentration fields on the tile grid, and how they colour the water.

Two transport models and three textures, so that no one look defines a discharge:
- 'puffs': a Lagrangian puff train. Puffs leave the source along the outflow direction (a jet that decays
  over `jet` metres), turn with the current along the bank, meander, and grow (sigma = s0 + k * s^p);
  their intensity decays along the path (e-folding length L). Rendered by splatting into sigma buckets and
  Gaussian blurs (coarse buckets on coarse grids).
- 'pool': still water: a slow random walk with fast growth, a rounded patch spreading from the outlet.
Textures: 'smooth' (a saturating opacity), 'front' (a dense plume with a crisp, noisy edge), 'streaky'
(anisotropic streaks along the current). Turbulence: log-normal modulation and a domain warp.
The plume stays in the water: the path slides along the bank and the field is cut by the water mask.
"""
from __future__ import annotations

import math

import numpy as np
from PIL import Image
from scipy import ndimage

from . import noise as N

F = np.float32


def bank_frame(water: np.ndarray, sx: float, sy: float, blur: float = 3.0):
    """Unit outflow direction (into the water) at (sx, sy), from the gradient of the distance to land."""
    dist = ndimage.distance_transform_edt(water).astype(F)
    dist = ndimage.gaussian_filter(dist, blur)
    gy, gx = np.gradient(dist)
    r, c = int(np.clip(sy, 0, water.shape[0] - 1)), int(np.clip(sx, 0, water.shape[1] - 1))
    n = np.array([gx[r, c], gy[r, c]], np.float64)
    if np.hypot(*n) < 1e-6:
        return None
    return n / np.hypot(*n)


def draw_params(rng, gsd: float, faint: bool = False, still: bool | None = None, heldout: bool = False) -> dict:
    """A random plume description (metres and unitless)."""
    still = rng.random() < 0.2 if still is None else still
    length = math.exp(rng.uniform(math.log(2.0), math.log(50.0)))
    if heldout:
        length = math.exp(rng.uniform(math.log(2.5), math.log(40.0)))
    return dict(
        model="pool" if still else "puffs",
        length=length,
        s0=rng.uniform(0.08, 0.7),                       # half-width at the outlet, m
        grow=rng.uniform(0.04, 0.55), power=rng.uniform(0.55, 1.0),
        jet=math.exp(rng.uniform(math.log(0.3), math.log(12.0))),
        current=rng.uniform(0.2, 1.0) if not still else 0.0,
        flow_sign=1 if rng.random() < 0.5 else -1,
        meander=rng.uniform(0.0, 0.5), wander=rng.uniform(0.0, 0.25),
        texture=str(rng.choice(["smooth", "front", "streaky"], p=[0.5, 0.25, 0.25])),
        turb=rng.uniform(0.0, 0.7), warp=rng.uniform(0.0, 1.0),
        opacity=rng.uniform(0.25, 0.5) if faint else rng.uniform(0.5, 0.97),
        knee=math.exp(rng.uniform(math.log(0.7), math.log(6.0))),
        plateau=rng.uniform(0.0, 0.6),
    )


def path(water: np.ndarray, sx: float, sy: float, n: np.ndarray, p: dict, gsd: float, rng):
    """Puff centres, sigmas (px) and weights along the plume's path."""
    h, w = water.shape
    t = np.array([-n[1], n[0]]) * p["flow_sign"]            # along the bank, with the current
    a_n, a_t = math.atan2(n[1], n[0]), math.atan2(t[1], t[0])
    smax = min(3.0 * p["length"], 70.0)
    pos = np.array([sx, sy], np.float64)
    s, phase = 0.0, rng.uniform(0, 2 * math.pi)
    lam = rng.uniform(4.0, 25.0)
    walk = 0.0
    xs, ys, sig, wt = [], [], [], []
    still = p["model"] == "pool"
    grow = p["grow"] * (2.5 if still else 1.0)
    while s < smax:
        sigma_m = p["s0"] + grow * s ** p["power"]
        inten = math.exp(-max(s - p["plateau"] * p["length"], 0.0) / p["length"])
        if inten < 0.03:
            break
        step_m = max(0.35 * sigma_m, 0.6 * gsd)
        xs.append(pos[0]); ys.append(pos[1]); sig.append(sigma_m / gsd)
        wt.append(inten * math.sqrt(2 * math.pi) * (sigma_m / gsd) * (step_m / gsd))
        if still:
            ang = a_n + walk
            walk += rng.normal(0, 0.35)
        else:
            wj = math.exp(-s / p["jet"]) if p["current"] > 0 else 1.0
            ang = _lerp_angle(a_t, a_n, wj * (1 - 0.5 * p["current"]) + (1 - p["current"]) * (1 - wj) * 0.5)
            ang += p["meander"] * math.sin(2 * math.pi * s / lam + phase) + walk
            walk += rng.normal(0, p["wander"] * 0.15)
        nxt = pos + step_m / gsd * np.array([math.cos(ang), math.sin(ang)])
        if not _is_water(water, nxt):
            slid = False
            for alt in (a_t, a_t + math.pi) if abs(_adiff(ang, a_t)) < math.pi / 2 else (a_t + math.pi, a_t):
                cand = pos + step_m / gsd * np.array([math.cos(alt), math.sin(alt)])
                if _is_water(water, cand):
                    nxt, slid = cand, True
                    break
            if not slid:
                break
        pos = nxt
        s += step_m
        if not (-0.5 * w < pos[0] < 1.5 * w and -0.5 * h < pos[1] < 1.5 * h):
            break
    return np.array(xs), np.array(ys), np.array(sig), np.array(wt)


def _is_water(water, xy) -> bool:
    x, y = int(round(xy[0])), int(round(xy[1]))
    h, w = water.shape
    if not (0 <= x < w and 0 <= y < h):
        return True                                          # beyond the tile: assume the water goes on
    return bool(water[y, x])


def _adiff(a, b):
    return (a - b + math.pi) % (2 * math.pi) - math.pi


def _lerp_angle(a, b, t):
    return a + _adiff(b, a) * t


def splat(shape, xs, ys, sig, wt) -> np.ndarray:
    """Sum of Gaussians (peak wt / (2 pi sigma^2)) by sigma buckets; large sigmas on coarser grids."""
    h, w = shape
    out = np.zeros(shape, F)
    if xs.size == 0:
        return out
    bucket = np.floor(np.log(np.maximum(sig, 0.5)) / math.log(1.41)).astype(int)
    for b in np.unique(bucket):
        m = bucket == b
        sb = 1.41 ** (b + 0.5)
        f = 1
        while sb / f > 6 and min(h, w) // (2 * f) >= 16:
            f *= 2
        gh, gw = -(-h // f), -(-w // f)
        grid = np.zeros((gh, gw), F)
        gx, gy = xs[m] / f - 0.5, ys[m] / f - 0.5
        x0, y0 = np.floor(gx).astype(int), np.floor(gy).astype(int)
        fx, fy = gx - x0, gy - y0
        for dx, dy, ww in ((0, 0, (1 - fx) * (1 - fy)), (1, 0, fx * (1 - fy)), (0, 1, (1 - fx) * fy), (1, 1, fx * fy)):
            xi, yi = x0 + dx, y0 + dy
            ok = (xi >= 0) & (xi < gw) & (yi >= 0) & (yi < gh)
            np.add.at(grid, (yi[ok], xi[ok]), (wt[m] * ww)[ok] / (f * f))
        grid = ndimage.gaussian_filter(grid, sb / f, mode="constant", truncate=3.0)
        if f > 1:
            grid = N.upsample(grid, gh * f, gw * f)[:h, :w] * F(1.0)
        out += grid
    return out


def field(rng, water: np.ndarray, sx: float, sy: float, n: np.ndarray, p: dict, gsd: float) -> np.ndarray:
    """Opacity (0..opacity) of the plume on the tile."""
    shape = water.shape
    xs, ys, sig, wt = path(water, sx, sy, n, p, gsd, rng)
    c = splat(shape, xs, ys, sig, wt)
    # turbulence, scaled to the plume's width
    wscale = max(2.0, (p["s0"] + p["grow"] * (0.5 * p["length"]) ** p["power"]) / gsd)
    if p["warp"] > 0:
        amp = p["warp"] * wscale * 0.6
        dx = N.fbm(rng, shape, wscale * 1.5, 3) * F(amp)
        dy = N.fbm(rng, shape, wscale * 1.5, 3) * F(amp)
        yy, xx = np.mgrid[0:shape[0], 0:shape[1]].astype(F)
        c = ndimage.map_coordinates(c, [yy + dy, xx + dx], order=1, mode="nearest").astype(F)
    if p["turb"] > 0:
        tn = N.fbm(rng, shape, wscale * 0.8, 3)
        c *= np.exp(F(p["turb"]) * tn - F(0.5 * p["turb"] ** 2))
    if p["texture"] == "streaky":
        ang = math.atan2(*(n[::-1])) + rng.normal(0, 0.6)
        st = N.stretched(rng, shape, wscale * 2.5, max(1.0, wscale * 0.25), ang)
        c *= np.clip(1.0 + F(rng.uniform(0.2, 0.5)) * st, 0.3, 1.8)
    k = p["knee"]
    if p["texture"] == "front":
        edge = N.fbm(rng, shape, max(2.0, wscale * 0.5), 3)
        t0 = rng.uniform(0.08, 0.35)
        a = N.smoothstep(t0 - 0.04, t0 + 0.04, c * (1 + 0.35 * edge))
        a = np.maximum(a * rng.uniform(0.85, 1.0), (1 - np.exp(-k * c)) / (1 - math.exp(-k)) * 0.5)
    else:
        a = (1 - np.exp(-k * c)) / (1 - math.exp(-k))
    soft = ndimage.gaussian_filter(water.astype(F), 0.7)
    return np.clip(a * F(p["opacity"]) * soft, 0.0, 1.0).astype(F)


def apply(rgb: np.ndarray, alpha: np.ndarray, colour, rng, gsd: float) -> tuple[np.ndarray, np.ndarray]:
    """Colours the water under `alpha` toward `colour`; returns (new rgb, visibility = alpha x colour distance)."""
    col = np.asarray(colour, F)
    texture = N.fbm(rng, alpha.shape, max(2.0, 1.0 / gsd), 3)
    eff = col[None, None, :] * (1 + F(rng.uniform(0.0, 0.08)) * texture[..., None])
    base = rgb
    keep = rng.uniform(0.0, 0.8)                              # surface ripples and glint over the plume
    detail = base - ndimage.uniform_filter(base, (5, 5, 1))
    a3 = alpha[..., None]
    if rng.random() < 0.35:                                  # dilution: the colour drifts toward the water's at the fringe
        mean = base.reshape(-1, 3).mean(0)
        drift = F(rng.uniform(0.1, 0.5)) * (1 - np.clip(alpha / max(alpha.max(), 1e-3), 0, 1))[..., None]
        eff = eff + (mean[None, None, :] - eff) * drift
    out = base * (1 - a3) + eff * a3 + F(keep) * a3 * detail
    vis = alpha * np.sqrt(((eff - base) ** 2).sum(-1))
    return np.clip(out, 0, 255).astype(F), vis.astype(F)


def foam(rgb, alpha, sx, sy, gsd, rng):
    """White speckled foam near the source and where the plume is dense."""
    h, w = alpha.shape
    yy, xx = np.mgrid[0:h, 0:w].astype(F)
    r = math.exp(rng.uniform(math.log(0.5), math.log(4.0))) / gsd
    near = np.exp(-np.hypot(xx - sx, yy - sy) / r)
    sp = N.fbm(rng, (h, w), max(1.0, rng.uniform(0.1, 0.4) / gsd), 2)
    fa = N.smoothstep(0.2, 1.0, sp + rng.uniform(0, 0.8) * near) * near * (alpha > 0.1) * F(rng.uniform(0.5, 0.95))
    white = np.asarray([rng.uniform(215, 245)] * 3, F) * np.asarray([1, 1, rng.uniform(0.93, 1.0)], F)
    return rgb * (1 - fa[..., None]) + white * fa[..., None]
