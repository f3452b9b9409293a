"""The camera and the light: a strong, random photometric and optical finish for composited tiles."""
from __future__ import annotations

import io

import numpy as np
from PIL import Image
from scipy import ndimage

from . import noise as N

F = np.float32


def photometric(img: np.ndarray, rng) -> np.ndarray:
    """Exposure, white balance, gamma, contrast, saturation, a small hue rotation, haze, vignetting."""
    x = img / F(255.0)
    x = x * F(rng.uniform(0.7, 1.3)) * rng.uniform(0.92, 1.08, 3).astype(F)
    x = np.clip(x, 0, 1) ** F(rng.uniform(0.8, 1.25))
    m = x.mean((0, 1), keepdims=True)
    x = (x - m) * F(rng.uniform(0.75, 1.3)) + m
    grey = x.mean(-1, keepdims=True)
    x = grey + (x - grey) * F(rng.uniform(0.65, 1.35))
    if rng.random() < 0.5:
        x = _hue(x, rng.uniform(-0.025, 0.025))
    if rng.random() < 0.3:
        haze = np.asarray(rng.uniform(0.6, 0.9, 3), F)
        x = x + (haze - x) * F(rng.uniform(0.05, 0.3))
    if rng.random() < 0.3:
        h, w = x.shape[:2]
        yy, xx = np.mgrid[0:h, 0:w].astype(F)
        cx, cy = rng.uniform(-0.5, 1.5) * w, rng.uniform(-0.5, 1.5) * h
        r = np.hypot(xx - cx, yy - cy) / max(h, w)
        x = x * (1 - F(rng.uniform(0, 0.25)) * np.clip(r, 0, 1.5)[..., None] ** 2)
    return np.clip(x * 255.0, 0, 255).astype(F)


def _hue(x, dh):
    """Rotate hue by dh turns about the grey axis (a linear map, cheap)."""
    a = 2 * np.pi * dh
    c, s = np.cos(a), np.sin(a)
    k = 1 / 3
    sq = np.sqrt(k)
    m = np.array([[c + (1 - c) * k, k * (1 - c) - sq * s, k * (1 - c) + sq * s],
                  [k * (1 - c) + sq * s, c + (1 - c) * k, k * (1 - c) - sq * s],
                  [k * (1 - c) - sq * s, k * (1 - c) + sq * s, c + (1 - c) * k]], F)
    return x @ m.T


def optics(img: np.ndarray, rng) -> np.ndarray:
    """Resolution loss, blur or sharpening, sensor noise, JPEG."""
    x = img
    h, w = x.shape[:2]
    if rng.random() < 0.3:
        f = rng.uniform(1.2, 2.2)
        small = Image.fromarray(np.clip(x, 0, 255).astype(np.uint8)).resize((max(8, int(w / f)), max(8, int(h / f))), Image.BILINEAR)
        x = np.asarray(small.resize((w, h), Image.BICUBIC), F)
    r = rng.random()
    if r < 0.45:
        x = ndimage.gaussian_filter(x, (rng.uniform(0.3, 1.2),) * 2 + (0,))
    elif r < 0.7:
        blur = ndimage.gaussian_filter(x, (1.0, 1.0, 0))
        x = x + F(rng.uniform(0.2, 0.8)) * (x - blur)
    sigma = rng.uniform(0.5, 4.0)
    x = x + rng.standard_normal(x.shape).astype(F) * F(sigma)
    if rng.random() < 0.3:
        x = x + N.fbm(rng, (h, w), 3, 2)[..., None] * F(rng.uniform(1, 4))
    im = Image.fromarray(np.clip(x + 0.5, 0, 255).astype(np.uint8))
    buf = io.BytesIO()
    im.save(buf, "JPEG", quality=int(rng.integers(55, 96)))
    buf.seek(0)
    return np.asarray(Image.open(buf).convert("RGB"))


def finish(img: np.ndarray, rng) -> np.ndarray:
    return optics(photometric(img, rng), rng)
