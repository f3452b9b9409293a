"""Camera renderer: ray-cast every photo pixel (through its centre) onto the flat ground and sample the
world raster (trilinear over a mip pyramid, so oblique far ranges do not alias); sky where rays miss."""
from __future__ import annotations

import math

import numpy as np
from scipy import ndimage

from . import geo
from .world import World

SKY_TOP = np.array([150, 180, 215], np.float32)
SKY_HORIZON = np.array([205, 215, 225], np.float32)


def ground_points(cam: geo.Camera, pose: geo.Pose):
    """ENU ground point of every pixel centre, and whether its ray hits the ground."""
    px = np.arange(cam.width, dtype=np.float64) + 0.5
    py = np.arange(cam.height, dtype=np.float64) + 0.5
    return geo.cast(cam, pose, px[None, :], py[:, None])


def _sample(level: np.ndarray, row, col, order=1):
    return np.stack([ndimage.map_coordinates(level[..., c], [row, col], order=order, mode="nearest")
                     for c in range(level.shape[2])], axis=-1)


def render_raw(world: World, cam: geo.Camera, pose: geo.Pose) -> np.ndarray:
    """Noise-free float32 (H, W, 3) rendering."""
    e, n, hit = ground_points(cam, pose)
    out = np.empty((cam.height, cam.width, 3), np.float32)
    # sky for rays that miss the ground (above the horizon)
    if (~hit).any():
        yy = np.broadcast_to(np.linspace(0, 1, cam.height)[:, None], hit.shape)
        sky = SKY_TOP * (1 - yy[..., None]) + SKY_HORIZON * yy[..., None]
        out[~hit] = sky[~hit]
    if not hit.any():
        return out
    row, col = world.to_rc(np.where(hit, e, 0), np.where(hit, n, 0))
    # footprint of a pixel on the ground, in world pixels -> mip level
    fe = np.hypot(np.gradient(e, axis=1), np.gradient(n, axis=1))
    fn = np.hypot(np.gradient(e, axis=0), np.gradient(n, axis=0))
    foot = np.nan_to_num(np.maximum(fe, fn), nan=1e9) / world.res
    lev = np.clip(np.log2(np.maximum(foot, 1.0)), 0, None)
    pyr = world.pyramid()
    lev = np.minimum(lev, len(pyr) - 1)
    acc = np.zeros_like(out)
    wsum = np.zeros(hit.shape, np.float32)
    for li in range(int(math.floor(lev[hit].min())), int(math.ceil(lev[hit].max())) + 1):
        w = np.clip(1.0 - np.abs(lev - li), 0, 1) * hit
        sel = w > 0
        if not sel.any():
            continue
        s = 2.0 ** li
        vals = _sample(pyr[li], (row[sel] + 0.5) / s - 0.5, (col[sel] + 0.5) / s - 0.5)
        acc[sel] += vals * w[sel][:, None]
        wsum[sel] += w[sel]
    out[hit] = acc[hit] / np.maximum(wsum[hit], 1e-6)[:, None]
    return out


def finish(raw: np.ndarray, cam: geo.Camera, seed: int) -> np.ndarray:
    """Lens blur, vignetting, a slight tone curve and sensor noise -> uint8."""
    rng = np.random.default_rng(seed)
    img = ndimage.gaussian_filter(raw, (0.55, 0.55, 0))
    yy, xx = np.mgrid[0:cam.height, 0:cam.width].astype(np.float32)
    r2 = ((xx + 0.5 - cam.cx) ** 2 + (yy + 0.5 - cam.cy) ** 2) / (cam.cx ** 2 + cam.cy ** 2)
    img *= (1.0 - 0.2 * r2)[..., None]
    img = 255.0 * (np.clip(img, 0, 255) / 255.0) ** 0.96 * 1.03
    lum = rng.normal(0, 1.6, img.shape[:2]).astype(np.float32)
    img += lum[..., None] + rng.normal(0, 1.2, img.shape).astype(np.float32)
    return np.clip(img + 0.5, 0, 255).astype(np.uint8)


def render(world: World, cam: geo.Camera, pose: geo.Pose, seed: int) -> np.ndarray:
    return finish(render_raw(world, cam, pose), cam, seed)


def render_mask(world: World, mask: np.ndarray, cam: geo.Camera, pose: geo.Pose) -> np.ndarray:
    """A world-raster boolean mask seen by the camera (nearest sampling)."""
    e, n, hit = ground_points(cam, pose)
    row, col = world.to_rc(np.where(hit, e, 0), np.where(hit, n, 0))
    m = ndimage.map_coordinates(mask.astype(np.uint8), [row, col], order=0, mode="constant", cval=0)
    return (m > 0) & hit
