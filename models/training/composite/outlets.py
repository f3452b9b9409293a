"""Outlet structures at a source on the bank: pipes, culverts, wall outlets, ditches across the land, or none.

A structure is drawn in the bank frame at the source: `n` points into the water, `t` along the bank. It
covers what lies under it (the cover mask is removed from the labels), and may move the source to its mouth.
A dry outlet (a negative) is the same drawing with nothing flowing.
"""
from __future__ import annotations

import math

import numpy as np

from . import noise as N

F = np.float32
PIPE_COLOURS = [(168, 166, 158), (120, 120, 118), (72, 72, 74), (124, 84, 58), (214, 214, 208), (36, 36, 38),
                (150, 160, 170)]
STRUCTURES = ("pipe", "culvert", "wall_outlet", "ditch", "none")
P_STRUCTURE = (0.3, 0.18, 0.12, 0.15, 0.25)


def _frame(shape, sx, sy, n):
    h, w = shape
    yy, xx = np.mgrid[0:h, 0:w].astype(F)
    dx, dy = xx - F(sx), yy - F(sy)
    a = dx * F(n[0]) + dy * F(n[1])              # into the water
    b = -dx * F(n[1]) + dy * F(n[0])             # along the bank
    return a, b


def draw(rgb, water, sx, sy, n, kind, gsd, rng, effluent=None):
    """Draws the structure; returns (rgb, cover mask, source x, source y, ditch mask (effluent on land: part of
    the discharge's extent) or None)."""
    shape = water.shape
    cover = np.zeros(shape, bool)
    if kind == "none":
        return rgb, cover, sx, sy, None
    a, b = _frame(shape, sx, sy, n)
    am, bm = a * F(gsd), b * F(gsd)              # metres
    sun = rng.uniform(0, 2 * math.pi)
    out = rgb.copy()
    if kind == "pipe":
        d = math.exp(rng.uniform(math.log(0.15), math.log(1.3)))
        protrude = rng.uniform(0.0, 1.6)
        land = rng.uniform(0.8, 4.0)
        col = np.asarray(PIPE_COLOURS[int(rng.integers(len(PIPE_COLOURS)))], F) * F(rng.uniform(0.85, 1.1))
        body = (am > -land) & (am < protrude) & (np.abs(bm) < d / 2)
        sh = (am > -land) & (am < protrude) & (np.abs(bm - 0.35 * d * math.cos(sun)) < d / 2) & ~body
        out[sh] *= F(rng.uniform(0.45, 0.7))
        shade = 0.75 + 0.35 * np.sqrt(np.clip(1 - (2 * bm / d) ** 2, 0, 1)) + 0.1 * np.sign(math.cos(sun)) * bm / d
        out[body] = (col[None, :] * shade[body][:, None])
        mouth = ((am - protrude) / (0.2 * d + gsd)) ** 2 + (bm / (0.45 * d)) ** 2 < 1
        out[mouth & (am <= protrude + 0.1 * d)] = rng.uniform(15, 45)
        cover |= body | (mouth & (am <= protrude + 0.1 * d))
        return out, cover, sx + n[0] * (protrude + 0.15) / gsd, sy + n[1] * (protrude + 0.15) / gsd, None
    if kind == "culvert":
        wd = rng.uniform(0.6, 3.0)
        depth = rng.uniform(0.8, 2.5)
        col = np.asarray(PIPE_COLOURS[int(rng.integers(3))], F)
        wall = (am > -depth) & (am < 0.3) & (np.abs(bm) < wd / 2 + rng.uniform(0.3, 0.8))
        out[wall] = col * F(rng.uniform(0.85, 1.1)) * (1 + 0.05 * N.octave(rng, shape, 2)[wall][:, None])
        hole = (am > -0.25) & (am < 0.3) & (np.abs(bm) < wd / 2)
        out[hole] = rng.uniform(12, 40)
        cover |= wall
        return out, cover, sx + n[0] * 0.3 / gsd, sy + n[1] * 0.3 / gsd, None
    if kind == "wall_outlet":
        r = rng.uniform(0.1, 0.45)
        hole = (am / (0.6 * r)) ** 2 + (bm / r) ** 2 < 1
        stain = (am > -1.5) & (am < 0.1) & (np.abs(bm) < r * 1.2)
        out[stain & ~water] *= F(rng.uniform(0.6, 0.9))
        out[hole] = rng.uniform(15, 45)
        cover |= hole
        return out, cover, sx, sy, None
    # ditch: a narrow channel across the land, carrying the effluent to the bank
    wd = rng.uniform(0.35, 2.0)
    length = rng.uniform(4.0, 30.0)
    wig = N.octave(rng, (1, 64), 8)[0] * F(rng.uniform(0.0, 1.2))
    idx = np.clip(((-am) / length * 63).astype(int), 0, 63)
    off = wig[idx]
    ditch = (am < 0.2) & (am > -length) & (np.abs(bm - off) < wd / 2) & ~water
    rim = (am < 0.2) & (am > -length) & (np.abs(bm - off) < wd / 2 + rng.uniform(0.2, 0.6)) & ~ditch & ~water
    out[rim] = out[rim] * F(0.5) + np.asarray(rng.uniform(90, 140, 3), F) * F(0.5)
    if effluent is not None:                           # shallow effluent over a muddy bed, darker than in the river
        mud = np.asarray(rng.uniform(70, 120, 3), F)
        t = F(rng.uniform(0.45, 0.9))
        tex = 1 + 0.08 * N.octave(rng, shape, 3)[..., None]
        colour = (np.asarray(effluent, F) * t + mud * (1 - t)) * F(rng.uniform(0.7, 1.0))
        out[ditch] = (colour[None, :] * tex[ditch])
    else:
        out[ditch] = np.asarray(rng.uniform(50, 110, 3), F)
    cover |= rim
    return out, cover, sx, sy, ditch if effluent is not None else None
