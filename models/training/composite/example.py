"""Composited training examples and photo-sized scenes.

    make_example(seed, split) -> dict  (the contract of models/training/dataset.py's make_example:
      image uint8 (256, 256, 3); extent float32 (64, 64): fraction of each 4 x 4 cell where the discharge is
      visible (its colour departs from the water under it by more than VISIBLE); source float32 (64, 64):
      Gaussian peaks at the sources in view; sources [(x, y)]; kind 'discharge:<colour>' or 'negative:<what>';
      water float32 (64, 64): the share of each cell that is open water, for the auxiliary water head)
    compose(rng, split, shape, gsd, ...) -> the same fields for any size (held-out photos use it)

Backgrounds: a real pool photo (55 %) or an inland 2D scene (45 %). Discharges: half the examples, one to
three sources, each with a structure (pipe, culvert, wall outlet, ditch, none), one of the plume models and
textures, sometimes foam; 15 % of discharge examples show only the plume, its source lying just outside.
Look-alikes: most negatives and a third of positives carry one to three. Lighting look-alikes (glint,
shadows, reflections) are laid over the discharge too, and the labels are measured after them, as the
difference between the scene with and without the discharge.
"""
from __future__ import annotations

import copy
import hashlib
import math

import numpy as np
from scipy import ndimage

from . import colours as C
from . import finish as FIN
from . import inland, lookalikes as L, outlets as O, plume as P, pool

TILE = 256
STRIDE = 4
VISIBLE = 32.0
SALIENT = 2.0           # and more than twice the water's local texture (RGB standard deviation)
SOURCE_SIGMA = 2.5     # cells of 4 px: 0.8 m at 8 cm/px, about how well a bank outlet can be placed
P_DISCHARGE = 0.5
P_EDGE = 0.15
P_FAINT = 0.2
P_POOL = 0.55
P_LAND_ONLY = 0.12      # of negatives
OPTICAL = ("glint", "shadow", "reflection")
SPLITS = ("train", "heldout")


def rng_for(seed: int, split: str, *parts: str) -> np.random.Generator:
    if split not in SPLITS:
        raise ValueError(f"unknown split {split!r}")
    h = hashlib.sha256("/".join(["outfall-composite", split, str(int(seed)), *parts]).encode()).digest()
    return np.random.default_rng(int.from_bytes(h[:8], "little"))


def draw_gsd(rng) -> float:
    """Mostly the analysis GSD's neighbourhood (photos finer than it are shrunk to it), a quarter coarser."""
    if rng.random() < 0.75:
        return math.exp(rng.uniform(math.log(0.06), math.log(0.11)))
    return math.exp(rng.uniform(math.log(0.11), math.log(0.30)))


def background(rng, split, shape, gsd, need_bank):
    if not need_bank and rng.random() < P_LAND_ONLY:      # all land: roofs, roads, fields, trees
        if pool.available() and rng.random() < 0.5:
            c = pool.crop(rng, split, shape, gsd, need="land")
            if c is not None:
                lab = c["labels"]
                return dict(rgb=c["rgb"], water=lab == pool.WATER, land=lab == pool.LAND, what="pool-land")
        img = inland.land_texture(rng, split, shape, gsd)
        none = np.zeros(shape, bool)
        img, _ = inland.land_features(rng, img, none, shape, gsd)
        return dict(rgb=np.clip(img, 0, 255).astype(np.float32), water=none, land=~none, what="inland-land")
    if pool.available() and rng.random() < P_POOL:
        c = pool.crop(rng, split, shape, gsd, need="bank" if need_bank else str(rng.choice(["water", "any", "bank"])))
        if c is not None:
            lab = c["labels"]
            return dict(rgb=c["rgb"], water=lab == pool.WATER, land=lab == pool.LAND, what="pool")
    s = inland.scene(rng, split, shape, gsd, need_bank=need_bank or rng.random() < 0.7)
    return dict(rgb=s["rgb"], water=s["water"], land=s["land"], what="inland-" + s["layout"])


def source_heatmap(sources, cells: int, sigma: float = SOURCE_SIGMA) -> np.ndarray:
    c = np.arange(cells, dtype=np.float32) + 0.5
    out = np.zeros((cells, cells), np.float32)
    for x, y in sources:
        gx = np.exp(-0.5 * ((c - x / STRIDE) / sigma) ** 2)
        gy = np.exp(-0.5 * ((c - y / STRIDE) / sigma) ** 2)
        out = np.maximum(out, gy[:, None] * gx[None, :])
    return out


def _bank_pixels(water, land, box, gsd):
    """Water pixels next to land that has some depth behind them (not a speck of mask noise)."""
    x0, y0, x1, y1 = box
    bank = water & ndimage.binary_dilation(land, iterations=2)
    depth = ndimage.distance_transform_edt(land)
    r = max(2, int(round(2.0 / gsd)))
    bank &= ndimage.maximum_filter(depth, size=r) >= max(1.5, 1.0 / gsd)
    m = np.zeros_like(bank)
    m[y0:y1, x0:x1] = True
    return np.nonzero(bank & m)


def compose(rng, split: str, shape, gsd: float, n_sources: int, n_look: int, inside=None, faint=None):
    """A scene of `shape` with up to n_sources discharges whose sources lie in `inside` (x0, y0, x1, y1).

    Returns dict(rgb float32 (before the camera finish), visible float32 (per pixel), sources
    [(x, y, info)], looks [names], what)."""
    h, w = shape
    bg = background(rng, split, shape, gsd, need_bank=n_sources > 0)
    rgb, water, land = bg["rgb"], bg["water"], bg["land"]
    looks = [L.pick(rng) for _ in range(n_look)]
    for k in looks:
        if k not in OPTICAL:
            rgb, water = L.apply(k, rgb, water, land, gsd, rng)
    land = land & ~water
    clean = rgb.copy()
    cover_all = np.zeros(shape, bool)
    sources = []
    box = inside or (20, 20, w - 20, h - 20)
    for _ in range(n_sources):
        rr, cc = _bank_pixels(water, land, box, gsd)
        if rr.size == 0:
            break
        k = int(rng.integers(rr.size))
        sx, sy = float(cc[k]) + 0.5, float(rr[k]) + 0.5
        n = P.bank_frame(water, sx, sy)
        if n is None:
            continue
        structure = O.STRUCTURES[int(rng.choice(len(O.STRUCTURES), p=O.P_STRUCTURE))]
        local = clean[max(0, int(sy) - 12):int(sy) + 12, max(0, int(sx) - 12):int(sx) + 12]
        wl = water[max(0, int(sy) - 12):int(sy) + 12, max(0, int(sx) - 12):int(sx) + 12]
        wmean = local[wl].mean(0) if wl.any() else clean[water].mean(0)
        for _ in range(10):
            name, colour = C.effluent(rng, split)
            if C.distance(colour, wmean) > 45:
                break
        is_faint = (rng.random() < P_FAINT) if faint is None else faint
        state = copy.deepcopy(rng)
        drawn, cover, mx, my, ditch = O.draw(clean, water, sx, sy, n, structure, gsd, rng, effluent=colour)
        drawn_at = (drawn != clean).any(-1)          # the structure, its shadow, stains: in both images
        rgb = np.where(drawn_at[..., None], drawn, rgb)
        if ditch is not None:                        # the effluent in its ditch is discharge too; the bare ditch is not
            bare, _, _, _, _ = O.draw(clean, water, sx, sy, n, structure, gsd, state, effluent=None)
            clean = np.where(ditch[..., None], bare, drawn)
        else:
            clean = drawn
        params = P.draw_params(rng, gsd, faint=is_faint, heldout=split == "heldout")
        alpha = P.field(rng, water & ~cover, mx, my, n, params, gsd)
        alpha[cover] = 0
        rgb, _ = P.apply(rgb, alpha, colour, rng, gsd)
        foamy = rng.random() < 0.3
        if foamy:
            rgb = P.foam(rgb, alpha, mx, my, gsd, rng)
        cover_all |= cover
        sources.append((mx, my, dict(color=name, rgb=[round(float(v)) for v in colour], faint=bool(is_faint),
                                     foam=foamy, structure=structure, length_m=round(params["length"], 2),
                                     model=params["model"], texture=params["texture"], alpha=alpha)))
    for k in looks:
        if k in OPTICAL:
            state = copy.deepcopy(rng)
            clean, _ = L.apply(k, clean, water, land, gsd, state)
            rgb, _ = L.apply(k, rgb, water, land, gsd, rng)
    visible = np.sqrt(((rgb - clean) ** 2).sum(-1)).astype(np.float32)
    visible[cover_all] = 0
    visible[visible < SALIENT * _water_texture(clean, water)] = 0     # lost in the water's own texture
    return dict(rgb=rgb, clean=clean, visible=visible, sources=sources, looks=looks, what=bg["what"], water=water)


def _water_texture(img: np.ndarray, water: np.ndarray, size: int = 9) -> np.ndarray:
    """Local RGB standard deviation of the water (over water pixels only, size x size windows): how much a
    discharge must change the colour to stand out from ripples, glint and the water's own patterns."""
    w = ndimage.uniform_filter(water.astype(np.float32), size) + 1e-6
    m1 = ndimage.uniform_filter(img * water[..., None], (size, size, 1)) / w[..., None]
    m2 = ndimage.uniform_filter(img * img * water[..., None], (size, size, 1)) / w[..., None]
    return np.sqrt(np.clip(m2 - m1 * m1, 0, None).sum(-1)).astype(np.float32)


def _cells(mask: np.ndarray) -> np.ndarray:
    h, w = mask.shape
    return mask.reshape(h // STRIDE, STRIDE, w // STRIDE, STRIDE).mean((1, 3)).astype(np.float32)


def make_example_info(seed: int, split: str = "train"):
    rng = rng_for(seed, split)
    gsd = draw_gsd(rng)
    positive = rng.random() < P_DISCHARGE
    edge = positive and rng.random() < P_EDGE
    n_src = (1 if rng.random() < 0.75 else 2 if rng.random() < 0.8 else 3) if positive else 0
    n_look = (int(rng.integers(1, 4)) if rng.random() < 0.85 else 0) if not positive else \
        (int(rng.integers(1, 3)) if rng.random() < 0.35 else 0)
    if edge:
        m = 64
        big = (TILE + 2 * m, TILE + 2 * m)
        ox, oy = int(rng.integers(0, 2 * m + 1)), int(rng.integers(0, 2 * m + 1))
        side = int(rng.integers(4))
        inside = [(ox - 40, oy, ox, oy + TILE), (ox + TILE, oy, ox + TILE + 40, oy + TILE),
                  (ox, oy - 40, ox + TILE, oy), (ox, oy + TILE, ox + TILE, oy + TILE + 40)][side]
        inside = (max(inside[0], 0), max(inside[1], 0), min(inside[2], big[1]), min(inside[3], big[0]))
        sc = compose(rng, split, big, gsd, 1, n_look, inside=inside)
        cut = (slice(oy, oy + TILE), slice(ox, ox + TILE))
        rgb, visible, water = sc["rgb"][cut], sc["visible"][cut], sc["water"][cut]
        srcs = [(x - ox, y - oy, i) for x, y, i in sc["sources"]]
    else:
        sc = compose(rng, split, (TILE, TILE), gsd, n_src, n_look)
        rgb, visible, srcs, water = sc["rgb"], sc["visible"], sc["sources"], sc["water"]
    extent = _cells(visible > VISIBLE)
    inside_src = [(x, y, i) for x, y, i in srcs if 0 <= x < TILE and 0 <= y < TILE]
    # a source counts when its plume is visible near it (a faint plume can vanish in bright water)
    keep = []
    for x, y, i in inside_src:
        cx, cy = int(x // STRIDE), int(y // STRIDE)
        if extent[max(0, cy - 3):cy + 4, max(0, cx - 3):cx + 4].sum() >= 3.0:
            keep.append((x, y, i))
    if extent.sum() >= 2.0 and srcs:
        kind = "discharge:" + srcs[0][2]["color"] + (":edge" if edge else "")
    else:
        kind = "negative:" + ("+".join(sc["looks"]) or "plain")
        extent[:] = 0
        keep = []
    image = FIN.finish(rgb, rng)
    ex = dict(image=image, extent=extent, source=source_heatmap([(x, y) for x, y, _ in keep], TILE // STRIDE),
              sources=[(float(x), float(y)) for x, y, _ in keep], kind=kind, water=_cells(water))
    return ex, dict(gsd=gsd, what=sc["what"], looks=sc["looks"], infos=[i for _, _, i in keep], clean=sc["clean"])


def make_example(seed: int, split: str = "train") -> dict:
    return make_example_info(seed, split)[0]
