"""Inland water scenes drawn in 2D (top-down), unlike the ray-cast renderer in ../scene: a river, a concrete
canal, fish ponds between dikes, or a lake shore; banks of concrete, riprap, grass, mud, reeds or a wall;
land textured from the pool photos' land, procedural fields or paving with roofs; water of inland colours
with real ripple texture borrowed from the pool's water.
"""
from __future__ import annotations

import math

import numpy as np
from scipy import ndimage

from . import colours as C
from . import noise as N
from . import pool

F = np.float32
LAYOUTS = ("river", "canal", "ponds", "lake")
P_LAYOUT = (0.35, 0.25, 0.25, 0.15)
BANKS = ("concrete", "riprap", "grass", "mud", "reeds", "wall")


def _mix(rgb, colour, a):
    a = np.clip(a, 0, 1).astype(F)[..., None]
    return rgb * (1 - a) + np.asarray(colour, F) * a


def shore_distance(rng, layout: str, shape, gsd: float, need_bank: bool):
    """q: metres from the shore, > 0 in the water; (u, v): a frame along and across the shore, metres."""
    h, w = shape
    yy, xx = np.mgrid[0:h, 0:w].astype(F)
    th = rng.uniform(0, 2 * math.pi)
    x = ((xx - w / 2) * F(math.cos(th)) + (yy - h / 2) * F(math.sin(th))) * F(gsd)
    y = (-(xx - w / 2) * F(math.sin(th)) + (yy - h / 2) * F(math.cos(th))) * F(gsd)
    span = max(h, w) * gsd
    if layout == "river":
        width = math.exp(rng.uniform(math.log(3.0), math.log(80.0)))
        lam = width * rng.uniform(4, 12)
        amp = width * rng.uniform(0.0, 0.8)
        centre = F(amp) * np.sin(F(2 * math.pi / lam) * x + F(rng.uniform(0, 6.3)))
        centre += F(width * 0.08) * N.fbm(rng, shape, 30 / gsd, 2)
        off = rng.uniform(-0.5, 0.5) * width + (rng.choice([-1, 1]) * width / 2 if need_bank else 0)
        off += rng.uniform(-0.3, 0.3) * span
        v = y - centre - F(off)
        q = F(width / 2) - np.abs(v)
        return q, x, v * np.sign(v + 1e-6)
    if layout == "canal":
        width = rng.uniform(3.0, 35.0)
        off = rng.uniform(-0.5, 0.5) * width + (rng.choice([-1, 1]) * width / 2 if need_bank else 0)
        off += rng.uniform(-0.25, 0.25) * span
        v = y - F(off)
        return F(width / 2) - np.abs(v), x, np.abs(v)
    if layout == "ponds":
        lx, ly = rng.uniform(25, 160), rng.uniform(25, 160)
        dike = rng.uniform(2.0, 8.0)
        ox, oy = rng.uniform(0, lx), rng.uniform(0, ly)
        if need_bank:
            ox, oy = lx / 2 + rng.uniform(-0.3, 0.3) * span, ly / 2 + rng.uniform(-0.3, 0.3) * span
        dx = np.abs(np.mod(x + F(ox), F(lx)) - F(lx / 2))
        dy = np.abs(np.mod(y + F(oy), F(ly)) - F(ly / 2))
        q = np.minimum(F(lx / 2) - dx, F(ly / 2) - dy) - F(dike / 2)
        return q, x, y
    edge = F(rng.uniform(2, 15)) * N.fbm(rng, shape, 40 / gsd, 3)
    off = rng.uniform(-0.3, 0.3) * span
    return y + edge - F(off), x, y


def land_texture(rng, split: str, shape, gsd: float):
    h, w = shape
    r = rng.random()
    if r < 0.4 and pool.available():
        c = pool.crop(rng, split, shape, gsd, need="land")
        if c is not None:
            img = c["rgb"]
            if rng.random() < 0.6:                           # greener, as inland farmland
                img = img * np.asarray(rng.uniform([0.8, 0.95, 0.7], [1.0, 1.15, 0.95]), F)
            return img
    if r < 0.75:                                             # fields: a patchwork of crops and bare soil
        th = rng.uniform(0, math.pi)
        yy, xx = np.mgrid[0:h, 0:w].astype(F)
        u = (xx * F(math.cos(th)) + yy * F(math.sin(th))) * F(gsd)
        v = (-xx * F(math.sin(th)) + yy * F(math.cos(th))) * F(gsd)
        fw, fl = rng.uniform(5, 30), rng.uniform(10, 60)
        cell = (np.floor(u / F(fw)) * 7919 + np.floor(v / F(fl)) * 104729).astype(np.int64)
        cols = np.asarray([C.hsv(rng.uniform(0.08, 0.33), rng.uniform(0.12, 0.45), rng.uniform(0.25, 0.6)) for _ in range(7)], F)
        img = cols[np.mod(cell, 7)]
        rows = 0.5 + 0.5 * np.sin(u * F(2 * math.pi / rng.uniform(0.3, 1.2)))
        img = img * (0.88 + 0.12 * rows + 0.08 * N.fbm(rng, shape, 3 / gsd, 3))[..., None]
        return img
    if r < 0.88:                                             # paved, with roofs
        img = np.empty((h, w, 3), F)
        img[:] = np.asarray(C.jitter(rng, (150, 148, 140), 15), F)
        img *= (1 + 0.06 * N.fbm(rng, shape, 5 / gsd, 3))[..., None]
        for _ in range(int(rng.integers(0, 4))):
            cx, cy = rng.uniform(0, w), rng.uniform(0, h)
            bw, bh = rng.uniform(4, 15) / gsd, rng.uniform(4, 15) / gsd
            roof = C.jitter(rng, [(158, 62, 48), (112, 122, 136), (70, 110, 160), (150, 150, 148), (200, 200, 195)][int(rng.integers(5))], 8)
            y0, y1, x0, x1 = int(cy - bh / 2), int(cy + bh / 2), int(cx - bw / 2), int(cx + bw / 2)
            img[max(y0, 0):max(y1, 0), max(x0, 0):max(x1, 0)] = roof
        return img
    g = N.fbm(rng, shape, rng.uniform(2, 10) / gsd, 4)       # grass and scrub
    a, b = C.hsv(rng.uniform(0.18, 0.3), rng.uniform(0.2, 0.5), rng.uniform(0.3, 0.5)), \
        C.hsv(rng.uniform(0.1, 0.3), rng.uniform(0.15, 0.5), rng.uniform(0.2, 0.5))
    t = N.smoothstep(-0.8, 0.8, g)[..., None]
    return np.asarray(a, F) * (1 - t) + np.asarray(b, F) * t


def water_texture(rng, split: str, shape, gsd: float, base):
    h, w = shape
    img = np.empty((h, w, 3), F)
    img[:] = np.asarray(base, F)
    if rng.random() < 0.6:
        other = C.water(rng)
        t = N.smoothstep(-1, 1, N.fbm(rng, shape, rng.uniform(20, 120) / gsd, 2))[..., None] * F(rng.uniform(0.1, 0.6))
        img = img * (1 - t) + np.asarray(other, F) * t
    r = rng.random()
    if r < 0.5 and pool.available():                         # real ripples: the pool water's detail
        c = pool.crop(rng, split, shape, gsd * rng.uniform(0.5, 2.0), need="water")
        if c is not None:
            lum = c["rgb"].mean(-1)
            wmask = c["labels"] == pool.WATER
            mean = ndimage.uniform_filter(lum, 15)
            detail = np.where(wmask, lum - mean, 0).astype(F)
            img = img * (1 + F(rng.uniform(0.3, 1.2)) * detail[..., None] / F(max(float(mean.mean()), 20.0)))
            return img
    rip = N.stretched(rng, shape, max(1.0, rng.uniform(0.2, 2.0) / gsd), max(1.0, rng.uniform(0.05, 0.5) / gsd), rng.uniform(0, math.pi))
    return img * (1 + F(rng.uniform(0.01, 0.08)) * rip[..., None])


def land_features(rng, img, water, shape, gsd: float):
    """Trees (crowns lit from the sun's side, their shadows on land and water, some overhanging the bank) and
    houses (roofs with a ridge, their shadows) on the land of a scene."""
    h, w = shape
    sun = rng.uniform(0, 2 * math.pi)
    sdx, sdy = math.cos(sun), math.sin(sun)
    shadow_len = rng.uniform(1.5, 7.0) / gsd
    land = ~water
    dist_land = ndimage.distance_transform_edt(water).astype(F) * F(gsd)   # metres from land, in the water
    occ = np.zeros(shape, np.float32)                                      # what casts a shadow
    out = img
    if rng.random() < 0.75:                                                # trees
        field = N.fbm(rng, shape, rng.uniform(3, 9) / gsd, 3) + F(rng.uniform(-0.6, 0.5))
        reach = rng.uniform(0.0, 2.5)
        crown = N.smoothstep(0.0, 0.25, field) * (land | (dist_land < reach))
        if crown.any():
            gy, gx = np.gradient(ndimage.gaussian_filter(field, 2.0))
            lit = np.clip(0.5 + 3.0 * (gx * F(-sdx) + gy * F(-sdy)) / F(max(1e-3, float(np.abs(gx).max()))), 0, 1)
            base = np.asarray(C.hsv(rng.uniform(0.18, 0.35), rng.uniform(0.3, 0.7), rng.uniform(0.15, 0.35)), F)
            leaves = N.octave(rng, shape, max(1.0, rng.uniform(0.15, 0.4) / gsd))
            tone = (0.6 + 0.7 * lit + 0.2 * leaves)[..., None]
            out = out * (1 - crown[..., None]) + (base * tone) * crown[..., None]
            occ = np.maximum(occ, crown)
    yy, xx = np.mgrid[0:h, 0:w].astype(F)
    for _ in range(int(rng.integers(0, 4))):                               # houses
        cx, cy = rng.uniform(0, w), rng.uniform(0, h)
        if water[int(cy), int(cx)]:
            continue
        bw, bh, ang = rng.uniform(5, 16) / gsd, rng.uniform(5, 12) / gsd, rng.uniform(0, math.pi)
        u = (xx - cx) * F(math.cos(ang)) + (yy - cy) * F(math.sin(ang))
        v = -(xx - cx) * F(math.sin(ang)) + (yy - cy) * F(math.cos(ang))
        roof = (np.abs(u) < bw / 2) & (np.abs(v) < bh / 2) & land
        col = np.asarray(C.jitter(rng, [(158, 62, 48), (112, 122, 136), (70, 110, 160), (150, 150, 148),
                                        (205, 205, 200), (120, 90, 70)][int(rng.integers(6))], 8), F)
        half = np.where(v > 0, F(1.08), F(0.85))
        out = np.where(roof[..., None], col * half[..., None], out)
        occ = np.maximum(occ, roof.astype(F))
    if occ.any():
        sh = ndimage.shift(occ, (sdy * shadow_len, sdx * shadow_len), order=0, mode="constant")
        sh = ndimage.gaussian_filter(np.clip(sh - occ, 0, 1), 1.0)
        out = out * (1 - F(rng.uniform(0.3, 0.55)) * sh)[..., None]
    return out, occ > 0.5


def scene(rng, split: str, shape, gsd: float, need_bank: bool = True):
    """dict(rgb float32 HxWx3, water bool, land bool, layout, bank)."""
    h, w = shape
    layout = LAYOUTS[int(rng.choice(len(LAYOUTS), p=P_LAYOUT))]
    for _ in range(6):
        q, u, v = shore_distance(rng, layout, shape, gsd, need_bank)
        water = q > 0
        if not need_bank or (0.08 < water.mean() < 0.9):
            break
    land_img = land_texture(rng, split, shape, gsd)
    wcol = C.water(rng)
    water_img = water_texture(rng, split, shape, gsd, wcol)
    dist_in = np.maximum(q, 0)
    water_img *= (1 - F(rng.uniform(0, 0.25)) * np.exp(-dist_in / F(rng.uniform(0.3, 2.0))))[..., None]
    img = np.where(water[..., None], water_img, land_img).astype(F)
    bank = BANKS[int(rng.integers(len(BANKS)))] if layout != "canal" else str(rng.choice(["concrete", "wall", "riprap"]))
    qb = -q                                                   # metres from the shore on the land side
    bw = dict(concrete=rng.uniform(1.0, 6.0), riprap=rng.uniform(1.0, 4.0), grass=rng.uniform(0.5, 3.0),
              mud=rng.uniform(0.3, 3.0), reeds=rng.uniform(0.5, 4.0), wall=rng.uniform(0.2, 0.6))[bank]
    on = (qb > -0.05) & (qb < bw)
    grain = N.fbm(rng, shape, max(1.0, 0.1 / gsd), 2)
    if bank == "concrete":
        joints = (np.abs(np.mod(u, F(rng.uniform(2, 6))) - 0.1) < F(max(0.05, gsd * 0.6)))
        col = np.asarray(C.jitter(rng, (165, 163, 152), 12), F)
        slope = np.clip(qb / max(bw, 0.1), 0, 1)[..., None]
        tone = (0.85 + 0.15 * slope) * (1 + 0.04 * grain[..., None]) * (1 - 0.3 * joints[..., None])
        img[on] = (col * tone)[on]
        if rng.random() < 0.5:                                # a dark wet / algal line at the waterline
            img = _mix(img, (60, 70, 45), N.smoothstep(0.6, 0.0, qb) * (qb > -0.05) * F(rng.uniform(0.3, 0.8)))
    elif bank == "riprap":
        stone = N.octave(rng, shape, max(1.0, rng.uniform(0.2, 0.5) / gsd))
        col = np.asarray(C.jitter(rng, (140, 134, 122), 12), F)
        img[on] = (col * (0.8 + 0.15 * stone[..., None] + 0.05 * grain[..., None]))[on]
    elif bank == "wall":
        img[on] = np.asarray(C.jitter(rng, (178, 174, 162), 10), F) * (0.95 - 0.3 * (qb < 0.12))[on][:, None]
    elif bank == "mud":
        wet = N.smoothstep(bw, 0, qb)
        img[on] = (np.asarray(C.jitter(rng, (118, 102, 76), 10), F) * (1 - 0.3 * wet[..., None]) * (1 + 0.05 * grain[..., None]))[on]
    elif bank == "reeds":
        reach = N.smoothstep(0.0, 0.5, N.fbm(rng, shape, 2 / gsd, 3) + 1.0 - np.abs(q) / F(bw))
        reeds = reach * (np.abs(q) < bw * 1.5)
        col = C.hsv(rng.uniform(0.15, 0.3), rng.uniform(0.3, 0.6), rng.uniform(0.25, 0.5))
        img = _mix(img, col, reeds * (0.7 + 0.3 * N.octave(rng, shape, max(1.0, 0.15 / gsd))))
        water = water & (reeds < 0.5)
    else:
        img = _mix(img, C.hsv(rng.uniform(0.18, 0.3), 0.45, 0.4), N.smoothstep(bw, 0, qb) * (qb > -0.05))
    if rng.random() < 0.4:                                    # a road along the bank
        rw = rng.uniform(3, 7)
        d0 = bw + rng.uniform(0.5, 8)
        road = (qb > d0) & (qb < d0 + rw)
        kind = int(rng.integers(3))
        img[road] = np.asarray(C.jitter(rng, [(86, 86, 88), (170, 168, 160), (150, 128, 96)][kind], 8), F) \
            * (1 + 0.04 * grain[road][:, None])
        if kind == 0 and rng.random() < 0.7:                 # a dashed centre line
            line = (np.abs(qb - d0 - rw / 2) < 0.08) & (np.mod(u, 6.0) < 3.0)
            img[line] = (215, 212, 200)
    img *= (1 + 0.03 * grain)[..., None]
    if rng.random() < 0.7:
        img, over = land_features(rng, img, water, shape, gsd)
        water = water & ~over                                 # crowns over the water hide it
    land = ~water & (q < -0.05)
    return dict(rgb=np.clip(img, 0, 255).astype(F), water=water, land=land, layout=layout, bank=bank)
