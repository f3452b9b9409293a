"""Things on land that are not discharges, pasted onto a training tile's land at training time: vehicles
with their shadows, painted paving and sports courts, tarpaulins and coloured roofs, tree shadows on lawns,
patches of bare soil or gravel, boulders, drain grates or hatches, asphalt roads with tree shadows across
them, and mown lawns. None is labelled.

Why: the detectors of run P and later learnt that a saturated or dark blob beside water is a plume, and on
real photos most of their false alarms lay on land (red cars, coloured paving, lawn shadows, gravel). The
generators' land is textured from the pool photos and procedural fields, with few such objects. A
discharge is water; these teach the network that colour and shape alone on land are not one.

    paste(image uint8 [H,W,3], water float [h,w] (NaN: unknown), gsd m/px, rng RandomState) -> uint8 image

Objects go only where the water map says land (below 0.1), at least 1 m from any water, so no plume, bank or
source is touched; a tile without known land is returned unchanged. Deterministic for the rng's state.
"""
from __future__ import annotations

import math

import numpy as np
from scipy import ndimage

F = np.float32

VEHICLE = ((200, 30, 35), (230, 230, 228), (170, 172, 176), (35, 35, 40), (40, 70, 160), (230, 190, 30),
           (235, 120, 30), (40, 120, 60), (120, 40, 60), (90, 30, 120))
PAVING = ((150, 60, 50), (125, 70, 125), (60, 125, 75), (60, 95, 150), (185, 105, 60), (200, 175, 70),
          (110, 110, 115), (170, 80, 110))
TARP = ((40, 90, 200), (30, 140, 200), (220, 110, 30), (50, 150, 70), (200, 40, 40), (235, 235, 235),
        (120, 60, 140))
SOIL = ((150, 120, 85), (120, 95, 70), (165, 155, 140), (110, 105, 100), (185, 160, 110))


def _frame(shape, cx, cy, angle):
    """Pixel coordinates along (a) and across (b) an axis through (cx, cy) at `angle`."""
    h, w = shape
    yy, xx = np.mgrid[0:h, 0:w].astype(F)
    c, s = F(math.cos(angle)), F(math.sin(angle))
    return (xx - cx) * c + (yy - cy) * s, -(xx - cx) * s + (yy - cy) * c


def _box(a, b, half_len, half_wid):
    """A soft-edged (1 px) rectangle's coverage in 0..1."""
    return np.clip(half_len + 0.5 - np.abs(a), 0, 1) * np.clip(half_wid + 0.5 - np.abs(b), 0, 1)


def _blob(rng, shape, scale_px):
    """A smooth random field, zero mean and unit deviation, with features about scale_px across."""
    h, w = shape
    field = ndimage.gaussian_filter(rng.normal(size=(h, w)).astype(F), max(scale_px / 3.0, 1.0), mode="wrap")
    return (field - field.mean()) / max(float(field.std()), 1e-6)


def _jitter(rng, colour, amount=18):
    return np.clip(np.asarray(colour, F) + rng.uniform(-amount, amount, 3).astype(F), 0, 255)


def _mix(img, alpha, colour):
    a = alpha[..., None].astype(F)
    return img * (1 - a) + np.asarray(colour, F) * a


def vehicle(img, cx, cy, gsd, rng):
    big = rng.rand() < 0.3
    length = (rng.uniform(6, 12) if big else rng.uniform(3.8, 5.2)) / gsd
    width = (rng.uniform(2.2, 2.6) if big else rng.uniform(1.6, 2.0)) / gsd
    angle = rng.uniform(0, 2 * math.pi)
    sun = rng.uniform(0, 2 * math.pi)
    off = rng.uniform(0.3, 1.0) / gsd
    a, b = _frame(img.shape[:2], cx + off * math.cos(sun), cy + off * math.sin(sun), angle)
    img = img * (1 - F(rng.uniform(0.35, 0.6)) * _box(a, b, length / 2, width / 2))[..., None]
    a, b = _frame(img.shape[:2], cx, cy, angle)
    body = _jitter(rng, VEHICLE[rng.randint(len(VEHICLE))])
    img = _mix(img, _box(a, b, length / 2, width / 2), body)
    glass = _box(a - length * F(0.18), b, max(length * 0.08, 0.6), width * 0.42)
    img = _mix(img, glass * F(0.8), (30, 35, 40))
    roof = _box(a + length * F(0.05), b, length * 0.18, width * 0.35)
    return _mix(img, roof * F(0.3), np.minimum(body * 1.25, 255))


def paving(img, cx, cy, gsd, rng):
    half_len, half_wid = rng.uniform(2, 15) / gsd, rng.uniform(1.5, 10) / gsd
    a, b = _frame(img.shape[:2], cx, cy, rng.uniform(0, math.pi))
    cover = _box(a, b, half_len, half_wid) * F(rng.uniform(0.75, 1.0))
    colour = _jitter(rng, PAVING[rng.randint(len(PAVING))])
    tex = 1 + F(0.06) * _blob(rng, img.shape[:2], rng.uniform(2, 8))
    img = img * (1 - cover[..., None]) + (colour[None, None, :] * tex[..., None]) * cover[..., None]
    if rng.rand() < 0.5:                                  # court or parking lines
        step = rng.uniform(2.5, 6) / gsd
        line = (np.abs(((a + half_len) % step) - step / 2) > step / 2 - max(0.1 / gsd, 0.6)).astype(F)
        img = _mix(img, line * cover * F(0.85), (235, 235, 230))
    return img


def tarp(img, cx, cy, gsd, rng):
    half_len, half_wid = rng.uniform(1, 6) / gsd, rng.uniform(1, 5) / gsd
    a, b = _frame(img.shape[:2], cx, cy, rng.uniform(0, math.pi))
    cover = _box(a, b, half_len, half_wid)
    colour = _jitter(rng, TARP[rng.randint(len(TARP))])
    shade = 1 - F(rng.uniform(0.0, 0.25)) * (b > 0).astype(F)          # a ridge: one side darker
    wrinkle = 1 + F(0.05) * _blob(rng, img.shape[:2], rng.uniform(1, 4))
    return img * (1 - cover[..., None]) + (colour[None, None, :] * (shade * wrinkle)[..., None]) * cover[..., None]


def shadow(img, cx, cy, gsd, rng):
    size = rng.uniform(3, 15) / gsd
    h, w = img.shape[:2]
    yy, xx = np.mgrid[0:h, 0:w].astype(F)
    r = np.hypot(xx - cx, yy - cy) / F(size / 2)
    edge = 1 - r + F(0.35) * _blob(rng, (h, w), size / 3)
    cover = np.clip(edge * 4, 0, 1) * F(rng.uniform(0.35, 0.7))
    tint = np.asarray([0.95, 0.98, 1.08], F)
    return img * (1 - cover[..., None]) + img * tint * F(0.15) * cover[..., None]


def soil(img, cx, cy, gsd, rng):
    size = rng.uniform(3, 20) / gsd
    h, w = img.shape[:2]
    yy, xx = np.mgrid[0:h, 0:w].astype(F)
    r = np.hypot(xx - cx, yy - cy) / F(size / 2)
    cover = np.clip((1 - r + F(0.4) * _blob(rng, (h, w), size / 3)) * 3, 0, 1) * F(rng.uniform(0.6, 1.0))
    colour = _jitter(rng, SOIL[rng.randint(len(SOIL))], 12)
    grain = 1 + F(0.12) * _blob(rng, (h, w), rng.uniform(0.7, 1.5))
    return img * (1 - cover[..., None]) + (colour[None, None, :] * grain[..., None]) * cover[..., None]


ROCK = ((120, 115, 110), (95, 85, 80), (150, 140, 125), (80, 75, 78), (130, 105, 90))


def rocks(img, cx, cy, gsd, rng):
    """A boulder or a few, each a shaded ellipse (0.3 to 1.5 m) lit from one side, with its cast shadow."""
    h, w = img.shape[:2]
    yy, xx = np.mgrid[0:h, 0:w].astype(F)
    sun = rng.uniform(0, 2 * math.pi)
    for _ in range(rng.randint(1, 6)):
        x = cx + rng.normal(0, 1.5 / gsd)
        y = cy + rng.normal(0, 1.5 / gsd)
        ra, rb = rng.uniform(0.3, 1.5) / gsd / 2, rng.uniform(0.25, 1.2) / gsd / 2
        a, b = _frame((h, w), x, y, rng.uniform(0, math.pi))
        r2 = (a / F(ra)) ** 2 + (b / F(rb)) ** 2
        off = max(ra, rb) * 0.6
        sa, sb = _frame((h, w), x + off * math.cos(sun), y + off * math.sin(sun), 0.0)
        shade = np.clip((1.2 - ((sa / F(ra)) ** 2 + (sb / F(rb)) ** 2)) * 3, 0, 1) * F(0.5)
        img = img * (1 - shade[..., None] * (r2 > 1)[..., None])
        cover = np.clip((1 - r2) * 4, 0, 1)
        light = 1 + F(0.25) * (-(xx - x) * F(math.cos(sun)) - (yy - y) * F(math.sin(sun))) / F(max(ra, rb))
        colour = _jitter(rng, ROCK[rng.randint(len(ROCK))], 15)
        img = img * (1 - cover[..., None]) + colour * np.clip(light, 0.5, 1.4)[..., None] * cover[..., None]
    return img


def grate(img, cx, cy, gsd, rng):
    """A drain grate, manhole cover or small dark hatch (0.5 to 2 m) in paving or lawn, with a frame."""
    half = rng.uniform(0.25, 1.0) / gsd
    a, b = _frame(img.shape[:2], cx, cy, rng.uniform(0, math.pi))
    frame = _box(a, b, half + max(0.1 / gsd, 0.7), half + max(0.1 / gsd, 0.7))
    img = _mix(img, frame * F(0.8), _jitter(rng, (150, 150, 145), 20))
    inner = _box(a, b, half, half)
    dark = _jitter(rng, (40, 38, 36) if rng.rand() < 0.6 else (95, 70, 55), 10)
    bars = 1 + F(0.3) * (np.sin(a * F(math.pi / max(0.05 / gsd, 1.0))) > 0).astype(F)
    return img * (1 - inner[..., None]) + dark * bars[..., None] * inner[..., None]


def road(img, cx, cy, gsd, rng):
    """An asphalt road or path (2.5 to 9 m wide) across the tile: fine grain, kerbs, painted lines sometimes,
    and tree shadows falling across it, which darken it blue-grey."""
    h, w = img.shape[:2]
    a, b = _frame((h, w), cx, cy, rng.uniform(0, math.pi))
    half = rng.uniform(1.25, 4.5) / gsd
    cover = np.clip(half + 0.5 - np.abs(b), 0, 1)
    tone = rng.uniform(60, 125)
    colour = np.asarray([tone, tone * rng.uniform(0.98, 1.03), tone * rng.uniform(0.98, 1.08)], F)
    grain = 1 + F(0.05) * _blob(rng, (h, w), 1.0) + F(0.04) * _blob(rng, (h, w), rng.uniform(4, 12))
    img = img * (1 - cover[..., None]) + colour * grain[..., None] * cover[..., None]
    kerb = (np.abs(np.abs(b) - half) < max(0.15 / gsd, 0.6)).astype(F)
    img = _mix(img, kerb * F(rng.uniform(0.3, 0.8)), (175, 172, 165))
    if rng.rand() < 0.4:
        dash = (np.abs(b) < max(0.06 / gsd, 0.5)) & ((a % (6 / gsd)) < 3 / gsd)
        img = _mix(img, dash.astype(F) * cover * F(0.85), (235, 235, 225) if rng.rand() < 0.7 else (225, 190, 60))
    for _ in range(rng.randint(0, 4)):
        k = rng.randint(h * w)
        img = shadow(img, float(k % w), float(k // w), gsd, rng)
    return img


def lawn(img, cx, cy, gsd, rng):
    """A mown lawn (10 to 40 m) with light and dark mowing stripes."""
    h, w = img.shape[:2]
    a, b = _frame((h, w), cx, cy, rng.uniform(0, math.pi))
    half = rng.uniform(5, 20) / gsd
    cover = np.clip((half - np.hypot(a * F(0.7), b)) / F(2.0), 0, 1) * np.clip(1 + F(0.3) * _blob(rng, (h, w), half / 2), 0, 1)
    colour = _jitter(rng, (85, 135, 60), 20)
    stripes = 1 + F(rng.uniform(0.04, 0.12)) * np.sign(np.sin(a * F(math.pi / (rng.uniform(0.6, 1.6) / gsd))))
    tex = 1 + F(0.06) * _blob(rng, (h, w), 1.5)
    return img * (1 - cover[..., None]) + colour * (stripes * tex)[..., None] * cover[..., None]


KINDS = dict(vehicle=vehicle, paving=paving, tarp=tarp, shadow=shadow, soil=soil, rocks=rocks, grate=grate,
             road=road, lawn=lawn)
# The draw of run Q (a kind named twice is drawn twice as often). Q2 added rocks and grate, R road twice and lawn.
DEFAULT_KINDS = ("vehicle", "vehicle", "paving", "tarp", "shadow", "soil")


def parse_kinds(text: str) -> tuple[str, ...]:
    """'vehicle,vehicle,paving' -> its names, each checked against KINDS."""
    names = tuple(n.strip() for n in text.split(",") if n.strip())
    unknown = [n for n in names if n not in KINDS]
    if unknown or not names:
        raise ValueError(f"land object kinds {unknown or text!r}: choose from {', '.join(KINDS)}")
    return names


def paste(image: np.ndarray, water: np.ndarray, gsd: float, rng: np.random.RandomState, most: int = 5,
          kinds: tuple[str, ...] = DEFAULT_KINDS) -> np.ndarray:
    """1 to `most` objects of the given kinds (drawn uniformly from the list) on the tile's land (see the
    module's docstring); the image is not changed in place."""
    if not np.isfinite(water).all():
        return image
    h, w = image.shape[:2]
    scale = h // water.shape[0]
    land = np.kron((water < 0.1).astype(np.uint8), np.ones((scale, scale), np.uint8)).astype(bool)
    keep = ndimage.binary_erosion(land, iterations=max(1, int(round(1.0 / gsd))), border_value=1)
    if keep.mean() < 0.05:
        return image
    ys, xs = np.nonzero(keep)
    img = image.astype(F)
    for _ in range(rng.randint(1, most + 1)):
        k = rng.randint(len(ys))
        img = KINDS[kinds[rng.randint(len(kinds))]](img, float(xs[k]), float(ys[k]), gsd, rng)
    out = np.where(keep[..., None], np.clip(img, 0, 255), image.astype(F))
    return out.astype(np.uint8)
