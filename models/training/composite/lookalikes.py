"""Natural look-alikes of a discharge, none of which is labelled: confluences and tributaries, sediment and
shallows, algae and water plants, boats and wakes, aerators, sun glint, tree and bridge shadows, reflections,
foam lines and debris, and fronts between two water masses. Each takes the tile (float RGB), its water and
land masks, the GSD and a random generator, and returns the new RGB (and, for a confluence, more water).
"""
from __future__ import annotations

import math

import numpy as np
from scipy import ndimage

from . import colours as C
from . import noise as N
from . import plume as P

F = np.float32


def _mix(rgb, colour, a):
    a = np.clip(a, 0, 1).astype(F)[..., None]
    return rgb * (1 - a) + np.asarray(colour, F) * a


def _bank_point(rng, water, land, margin=8):
    h, w = water.shape
    bank = water & ndimage.binary_dilation(land, iterations=2)
    bank[:margin] = bank[-margin:] = False
    bank[:, :margin] = bank[:, -margin:] = False
    r, c = np.nonzero(bank)
    if r.size == 0:
        return None
    k = int(rng.integers(r.size))
    return float(c[k]), float(r[k])


def confluence(rgb, water, land, gsd, rng):
    """A natural channel (2 to 15 m) of other water joining, and its broad mixing zone."""
    pt = _bank_point(rng, water, land)
    if pt is None:
        return rgb, water
    n = P.bank_frame(water, *pt)
    if n is None:
        return rgb, water
    sx, sy = pt
    wd = math.exp(rng.uniform(math.log(2.0), math.log(15.0)))
    h, w = water.shape
    yy, xx = np.mgrid[0:h, 0:w].astype(F)
    a = (xx - sx) * F(n[0]) + (yy - sy) * F(n[1])
    b = -(xx - sx) * F(n[1]) + (yy - sy) * F(n[0])
    bend = F(rng.uniform(-0.03, 0.03)) * a * a * F(gsd)
    chan = (a < 0) & (np.abs(b - bend) * F(gsd) < wd / 2) & ~water
    natural = C.jitter(rng, C.MUD[int(rng.integers(len(C.MUD)))] if rng.random() < 0.6 else C.water(rng), 8)
    tex = 1 + 0.04 * N.fbm(rng, (h, w), 1.0 / gsd, 3)[..., None]
    out = rgb.copy()
    rim = ndimage.binary_dilation(chan, iterations=max(1, int(0.5 / gsd))) & ~chan & ~water
    out[rim] = out[rim] * F(0.6) + F(0.4) * np.asarray(C.MUD[0], F)
    out[chan] = (np.asarray(natural, F)[None, :] * tex[chan])
    wet = water | chan
    p = P.draw_params(rng, gsd)
    p.update(s0=wd / 2, grow=rng.uniform(0.3, 0.9), opacity=rng.uniform(0.35, 0.85), texture="smooth",
             jet=rng.uniform(0.5, 5.0), length=rng.uniform(max(wd, 4.0), 40.0))
    alpha = P.field(rng, water, sx, sy, n, p, gsd)
    out = out * (1 - alpha[..., None]) + np.asarray(natural, F) * alpha[..., None]
    return out, wet


def sediment(rgb, water, land, gsd, rng):
    """Broad, diffuse patches of suspended sediment or a shallow, visible bottom along the shore."""
    h, w = water.shape
    dist = ndimage.distance_transform_edt(water).astype(F) * F(gsd)
    band = rng.uniform(1.0, 15.0)
    near = np.exp(-dist / band) if rng.random() < 0.7 else np.ones_like(dist)
    patch = N.smoothstep(-0.3, 0.8, N.fbm(rng, (h, w), rng.uniform(4, 25) / gsd, 3))
    col = C.jitter(rng, C.MUD[int(rng.integers(len(C.MUD)))], 14)
    a = near * patch * F(rng.uniform(0.25, 0.75)) * water
    tex = 1 + 0.05 * N.fbm(rng, (h, w), 0.3 / gsd, 2)
    return _mix(rgb, col, a) * tex[..., None]


def algae(rgb, water, land, gsd, rng):
    """Algal scum, floating mats or duckweed: green, speckled or streaked, often along the bank."""
    h, w = water.shape
    col = C.hsv(rng.uniform(0.17, 0.36), rng.uniform(0.35, 0.85), rng.uniform(0.25, 0.75))
    kind = rng.integers(3)
    if kind == 0:                                            # scum streaks with the wind
        base = N.stretched(rng, (h, w), rng.uniform(2, 10) / gsd, rng.uniform(0.2, 1.5) / gsd, rng.uniform(0, math.pi))
        a = N.smoothstep(rng.uniform(0.0, 0.8), 1.4, base + 0.4 * N.fbm(rng, (h, w), 4 / gsd, 2))
    elif kind == 1:                                          # mats with holes
        a = N.smoothstep(0.2, 0.5, N.fbm(rng, (h, w), rng.uniform(1, 6) / gsd, 4))
    else:                                                    # duckweed or bloom hugging the bank
        dist = ndimage.distance_transform_edt(water).astype(F) * F(gsd)
        a = N.smoothstep(rng.uniform(1, 8), 0.0, dist + 2 * N.fbm(rng, (h, w), 2 / gsd, 3))
    speck = 1 + 0.25 * N.fbm(rng, (h, w), max(1.0, 0.15 / gsd), 2)
    a = a * F(rng.uniform(0.5, 1.0)) * water
    out = _mix(rgb, col, a)
    return out * (1 + (speck - 1) * a)[..., None]


def plants(rgb, water, land, gsd, rng):
    """Water plants (lotus, hyacinth): dense green clumps of round leaves."""
    h, w = water.shape
    clump = N.smoothstep(0.3, 0.6, N.fbm(rng, (h, w), rng.uniform(3, 12) / gsd, 3))
    leaves = N.smoothstep(-0.2, 0.6, N.octave(rng, (h, w), max(1.0, rng.uniform(0.2, 0.6) / gsd)))
    col = C.hsv(rng.uniform(0.2, 0.33), rng.uniform(0.4, 0.8), rng.uniform(0.25, 0.55))
    a = clump * (0.6 + 0.4 * leaves) * water
    return _mix(rgb, col, a) * (1 + 0.2 * (leaves - 0.5) * clump)[..., None]


def boat(rgb, water, land, gsd, rng):
    """A boat and its wake: a V of white foam and a turbid trail behind the hull."""
    h, w = water.shape
    r, c = np.nonzero(water[8:-8, 8:-8])
    if r.size == 0:
        return rgb
    k = int(rng.integers(r.size))
    bx, by = float(c[k] + 8), float(r[k] + 8)
    th = rng.uniform(0, 2 * math.pi)
    yy, xx = np.mgrid[0:h, 0:w].astype(F)
    u = ((xx - bx) * F(math.cos(th)) + (yy - by) * F(math.sin(th))) * F(gsd)   # ahead of the boat
    v = (-(xx - bx) * F(math.sin(th)) + (yy - by) * F(math.cos(th))) * F(gsd)
    ln = rng.uniform(3, 14)
    beam = ln * rng.uniform(0.25, 0.4)
    back = np.maximum(-u - ln / 2, 0)
    out = rgb
    if rng.random() < 0.85:
        arm = np.abs(np.abs(v) - back * F(rng.uniform(0.25, 0.4)))
        wk = (back > 0) * np.exp(-arm ** 2 / (2 * (0.2 + 0.03 * back) ** 2)) * np.exp(-back / rng.uniform(8, 40))
        trail = (back > 0) * np.exp(-v ** 2 / (2 * (beam * 0.5 + 0.08 * back) ** 2)) * np.exp(-back / rng.uniform(5, 30))
        foam = N.smoothstep(-0.3, 0.8, N.fbm(rng, (h, w), max(1.0, 0.3 / gsd), 2))
        out = _mix(out, (225, 228, 224), np.clip(0.7 * wk + 0.5 * trail * foam, 0, 0.9) * water)
        if rng.random() < 0.5:
            out = _mix(out, C.MUD[int(rng.integers(len(C.MUD)))], 0.35 * trail * water)
    hull = ((u / (ln / 2)) ** 2 + (v / (beam / 2)) ** 2 < 1) | ((u < 0) & (u > -ln / 2) & (np.abs(v) < beam / 2))
    col = C.jitter(rng, [(200, 200, 196), (60, 90, 150), (120, 60, 40), (50, 50, 50), (180, 150, 80)][int(rng.integers(5))], 10)
    out = out.copy()
    out[hull] = np.asarray(col, F) * (1 + 0.1 * np.sign(v[hull]))[:, None]
    return out


def aerator(rgb, water, land, gsd, rng):
    """A paddle aerator in a pond: a white churned disc, radial streaks, a ring of stirred-up water."""
    h, w = water.shape
    r, c = np.nonzero(water[16:-16, 16:-16])
    if r.size == 0:
        return rgb
    k = int(rng.integers(r.size))
    cx, cy = float(c[k] + 16), float(r[k] + 16)
    yy, xx = np.mgrid[0:h, 0:w].astype(F)
    d = np.hypot(xx - cx, yy - cy) * F(gsd)
    rad = rng.uniform(0.8, 3.5)
    ang = np.arctan2(yy - cy, xx - cx)
    streak = 0.5 + 0.5 * np.sin(ang * int(rng.integers(6, 16)) + N.octave(rng, (h, w), 6) * 2)
    churn = N.smoothstep(rad * 1.3, rad * 0.5, d) * (0.6 + 0.4 * streak)
    ring = np.exp(-((d - rad * 1.8) / (rad * 0.8)) ** 2) * F(rng.uniform(0.1, 0.4))
    out = _mix(rgb, C.MUD[int(rng.integers(len(C.MUD)))], ring * water)
    out = _mix(out, (232, 234, 230), churn * F(rng.uniform(0.6, 0.95)) * water)
    body = (np.abs(xx - cx) * gsd < 0.4) & (np.abs(yy - cy) * gsd < 0.25)
    out[body] = rng.uniform(30, 200)
    return out


def glint(rgb, water, land, gsd, rng):
    """Sun glint: a broad bright sheen and sparkle on the ripples."""
    h, w = water.shape
    yy, xx = np.mgrid[0:h, 0:w].astype(F)
    cx, cy = rng.uniform(-0.3, 1.3) * w, rng.uniform(-0.3, 1.3) * h
    rad = rng.uniform(0.2, 1.2) * max(h, w)
    sheen = np.exp(-((xx - cx) ** 2 + (yy - cy) ** 2) / (2 * rad ** 2))
    rip = N.stretched(rng, (h, w), max(1.0, rng.uniform(0.3, 1.5) / gsd), max(1.0, rng.uniform(0.05, 0.3) / gsd),
                      rng.uniform(0, math.pi))
    sparkle = N.smoothstep(rng.uniform(0.8, 1.6), 2.2, rip) * sheen
    a = (sheen * F(rng.uniform(0.1, 0.6)) * (0.7 + 0.3 * rip) + sparkle) * water
    return _mix(rgb, (245, 245, 240), a)


def shadow(rgb, water, land, gsd, rng):
    """Shadows on the water: trees on the bank, or a bridge across (straight, parallel edges)."""
    h, w = water.shape
    yy, xx = np.mgrid[0:h, 0:w].astype(F)
    if rng.random() < 0.35:                                  # a bridge deck and its shadow
        th = rng.uniform(0, math.pi)
        off = rng.uniform(0.2, 0.8) * max(h, w)
        u = (xx * F(math.cos(th)) + yy * F(math.sin(th)) - F(off)) * F(gsd)
        wd = rng.uniform(3, 12)
        sh_off = rng.uniform(-8, 8)
        shadow_m = (np.abs(u - sh_off) < wd / 2)
        out = rgb * (1 - F(rng.uniform(0.35, 0.65)) * shadow_m)[..., None]
        deck = np.abs(u) < wd / 2
        out[deck] = np.asarray(C.jitter(rng, (160, 158, 150), 15), F) * (1 + 0.04 * N.octave(rng, (h, w), 3))[deck][:, None]
        return out
    dist = ndimage.distance_transform_edt(~land).astype(F) * F(gsd)     # metres from land
    reach = rng.uniform(1.0, 10.0)
    crowns = N.smoothstep(0.0, 0.3, N.fbm(rng, (h, w), rng.uniform(2, 6) / gsd, 3) + 0.6 - dist / reach)
    dark = F(rng.uniform(0.3, 0.65))
    out = rgb * (1 - dark * crowns)[..., None]
    if rng.random() < 0.6:                                   # the trees themselves on the land
        trees = N.smoothstep(0.1, 0.4, N.fbm(rng, (h, w), rng.uniform(2, 6) / gsd, 3)) * land
        col = C.hsv(rng.uniform(0.2, 0.35), rng.uniform(0.3, 0.7), rng.uniform(0.15, 0.4))
        out = _mix(out, col, trees)
    return out


def reflection(rgb, water, land, gsd, rng):
    """Reflections of trees and buildings: a darker, tinted band along the bank with a soft edge."""
    h, w = water.shape
    dist = ndimage.distance_transform_edt(water).astype(F) * F(gsd)
    band = rng.uniform(1.0, 12.0)
    a = N.smoothstep(band * 1.2, band * 0.3, dist + band * 0.4 * N.fbm(rng, (h, w), band / gsd, 3)) * water
    col = C.hsv(rng.uniform(0.15, 0.4), rng.uniform(0.2, 0.6), rng.uniform(0.1, 0.35)) if rng.random() < 0.7 \
        else C.hsv(rng.uniform(0, 1), rng.uniform(0.0, 0.5), rng.uniform(0.5, 0.9))
    return _mix(rgb, col, a * F(rng.uniform(0.3, 0.7)))


def foam_line(rgb, water, land, gsd, rng):
    """Foam lines and floating debris drawn out along the current."""
    h, w = water.shape
    st = N.stretched(rng, (h, w), rng.uniform(3, 15) / gsd, max(1.0, rng.uniform(0.05, 0.4) / gsd), rng.uniform(0, math.pi))
    a = N.smoothstep(rng.uniform(1.0, 1.8), 2.4, st) * water * F(rng.uniform(0.4, 0.9))
    col = C.jitter(rng, (215, 210, 190), 15) if rng.random() < 0.7 else C.hsv(rng.uniform(), rng.uniform(0, 0.6), rng.uniform(0.3, 0.9))
    return _mix(rgb, col, a)


def front(rgb, water, land, gsd, rng):
    """Two water masses: a large-scale colour front, sharp or gradual, with no point of origin."""
    h, w = water.shape
    yy, xx = np.mgrid[0:h, 0:w].astype(F)
    th = rng.uniform(0, 2 * math.pi)
    u = (xx - w / 2) * F(math.cos(th)) + (yy - h / 2) * F(math.sin(th))
    u = u + F(rng.uniform(10, 60)) * N.fbm(rng, (h, w), 120, 3)
    a = N.smoothstep(-rng.uniform(2, 80), rng.uniform(2, 80), u - F(rng.uniform(-0.4, 0.4) * w))
    col = C.water(rng) if rng.random() < 0.5 else C.MUD[int(rng.integers(len(C.MUD)))]
    return _mix(rgb, col, a * F(rng.uniform(0.3, 0.8)) * water)


KINDS = dict(confluence=confluence, sediment=sediment, algae=algae, plants=plants, boat=boat, aerator=aerator,
             glint=glint, shadow=shadow, reflection=reflection, foam_line=foam_line, front=front)
WEIGHTS = dict(confluence=0.10, sediment=0.12, algae=0.13, plants=0.05, boat=0.12, aerator=0.07, glint=0.1,
               shadow=0.09, reflection=0.04, foam_line=0.05, front=0.05)


def pick(rng) -> str:
    names = list(WEIGHTS)
    p = np.asarray([WEIGHTS[n] for n in names])
    return names[int(rng.choice(len(names), p=p / p.sum()))]


def apply(kind: str, rgb, water, land, gsd, rng):
    """(rgb, water) after one look-alike."""
    out = KINDS[kind](rgb, water, land, gsd, rng)
    if isinstance(out, tuple):
        return out
    return out, water
