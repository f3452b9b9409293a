"""Synthetic training examples for the heatmap detector (net.py): one random scene per example, rendered
through a camera straight at TILE x TILE pixels.

Contract (what train.py reads):
    make_example(seed, split) -> dict, deterministic by (seed, split); 'train' and 'heldout' use disjoint
    random streams AND different parameter ranges (scene/tile_params.py).
      image    uint8 (TILE, TILE, 3) RGB
      extent   float32 (TILE/STRIDE, TILE/STRIDE) in [0, 1]: fraction of each 4 x 4 cell covered by visible
               discharge water (opacity x colour difference from the water > VISIBLE, not under trees)
      source   float32 (TILE/STRIDE,)*2: max over the discharge sources inside the tile (and visible near
               it: at least one cell's worth of extent within 2 cells) of a Gaussian
               (sigma SOURCE_SIGMA cells) of peak 1 at the source; 0 elsewhere
      sources  [(x, y)] source positions in tile pixels (continuous, pixel centres at i + 0.5)
      kind     'discharge:<colour>' or 'negative:<what>' (plain, tributary, shallows, algae, boat, shadow,
               glint, gradient, dry-pipe, land)
      water    float32 (TILE/STRIDE,)*2: share of each cell that is open water (the auxiliary water head)
About 45 % of examples are discharges (75 % of those with the source in the tile, the rest with the
plume entering from outside), 55 % negatives (90 % of them hard). 30 % of views are oblique (pitch -35 to
-75 degrees, the tile's GSD measured at its centre), the rest nadir, at any yaw.
"""
from __future__ import annotations

import hashlib
import io
import math

import numpy as np
from PIL import Image, ImageFilter

from models.training.scene import geo, tile_params, tile_world

TRAINING_GSD = 0.08     # m/px the model is trained at (photos finer than this are shrunk to it)
TILE = 256              # model input, px
STRIDE = 4              # output maps are TILE / STRIDE
GSD_JITTER = dict(train=(0.75, 1.4), heldout=(0.75, 1.3))  # around TRAINING_GSD, where most photos are analysed
GSD_COARSE = dict(train=(1.4, 3.5), heldout=(1.3, 3.0))    # photos coarser than TRAINING_GSD are analysed as they are
P_COARSE = 0.25
PITCH = dict(train=(-75.0, -35.0), heldout=(-70.0, -40.0))
OBLIQUE = 0.3
P_DISCHARGE = 0.45
P_EDGE = 0.25           # of discharges: plume entering from the edge, source outside
VISIBLE = 20.0          # opacity x RGB distance (0..255) above which discharge water counts as visible
SOURCE_SIGMA = 2.5      # cells
SPLITS = ("train", "heldout")


def rng_for(seed: int, split: str, *parts: str) -> np.random.Generator:
    if split not in SPLITS:
        raise ValueError(f"unknown split {split!r}")
    h = hashlib.sha256("/".join(["outfall-dataset", split, str(int(seed)), *parts]).encode()).digest()
    return np.random.default_rng(int.from_bytes(h[:8], "little"))


def tile_camera(rng, split: str, focus, gsd: float, oblique: bool, size: int = TILE):
    """A pinhole camera looking at `focus` so its centre pixel covers `gsd` metres across."""
    yaw = rng.uniform(0, 360)
    pitch = rng.uniform(*PITCH[split]) if oblique else -90.0 + rng.uniform(0, 2.5)
    h = rng.uniform(20, 120)
    el = math.radians(-pitch)
    rng_m = h / math.sin(el)
    fx = rng_m / gsd
    cam = geo.Camera("DJI", "tile", 1.0, 1.0, fx / size, 24, size, size)
    back = rng_m * math.cos(el)
    pose = geo.Pose(focus[0] - back * math.sin(math.radians(yaw)), focus[1] - back * math.cos(math.radians(yaw)),
                    h, yaw, pitch, rng.normal(0, 1.0))
    return cam, pose


def source_heatmap(sources, cells: int = TILE // STRIDE) -> np.ndarray:
    c = (np.arange(cells, dtype=np.float32) + 0.5)
    out = np.zeros((cells, cells), np.float32)
    for x, y in sources:
        gx = np.exp(-0.5 * ((c - x / STRIDE) / SOURCE_SIGMA) ** 2)
        gy = np.exp(-0.5 * ((c - y / STRIDE) / SOURCE_SIGMA) ** 2)
        out = np.maximum(out, gy[:, None] * gx[None, :])
    return out


def finish(rgb: np.ndarray, rng) -> np.ndarray:
    """Camera look: exposure / white balance / gamma, lens blur, sensor noise, JPEG at quality 70-95."""
    img = rgb * np.float32(rng.uniform(0.85, 1.15)) * rng.uniform(0.95, 1.05, 3).astype(np.float32)
    img = 255.0 * (np.clip(img, 0, 255) / 255.0) ** np.float32(rng.uniform(0.9, 1.1))
    img += rng.standard_normal(img.shape, dtype=np.float32) * np.float32(rng.uniform(0.8, 3.5))
    im = Image.fromarray(np.clip(img + 0.5, 0, 255).astype(np.uint8))
    k = np.exp(-0.5 * (np.arange(-1, 2) / rng.uniform(0.35, 0.9)) ** 2)
    im = im.filter(ImageFilter.Kernel((3, 3), list(np.outer(k, k).ravel() / np.outer(k, k).sum())))
    buf = io.BytesIO()
    im.save(buf, "JPEG", quality=int(rng.integers(70, 96)))
    buf.seek(0)
    return np.asarray(Image.open(buf).convert("RGB"))


def render_view(sc, cam, pose):
    px = np.arange(cam.width, dtype=np.float64) + 0.5
    py = np.arange(cam.height, dtype=np.float64) + 0.5
    e, n, hit = geo.cast(cam, pose, px[None, :], py[:, None])
    if not hit.all():
        raise ValueError("view above the horizon")
    out = tile_world.shade(sc, e.ravel(), n.ravel(), (cam.height, cam.width))
    return out, (cam.height, cam.width)


def _cells(mask: np.ndarray) -> np.ndarray:
    """The share of each STRIDE x STRIDE cell of a TILE x TILE mask (or fraction map) that is set."""
    return mask.reshape(TILE // STRIDE, STRIDE, TILE // STRIDE, STRIDE).mean((1, 3)).astype(np.float32)


def _seen_near(extent: np.ndarray, x: float, y: float, r: int = 2) -> bool:
    """A source is labelled only where its discharge is visible within r cells (0.6 to 0.9 m) of it: a dye
    entering thin at a shaded bank may show only further out, and a source nobody could see is label noise."""
    ci, cj = int(y // STRIDE), int(x // STRIDE)
    return float(extent[max(ci - r, 0):ci + r + 1, max(cj - r, 0):cj + r + 1].sum()) >= 1.0


def _attempt(rng, split: str, want: str):
    jitter = GSD_COARSE[split] if rng.random() < P_COARSE else GSD_JITTER[split]
    gsd = TRAINING_GSD * math.exp(rng.uniform(*map(math.log, jitter)))
    oblique = rng.random() < OBLIQUE and gsd < 2 * TRAINING_GSD   # a coarse oblique tile would see the horizon
    span = TILE * gsd
    sc, focus, kind = tile_params.draw(rng, split, want, span)
    cam, pose = tile_camera(rng, split, focus, gsd, oblique)
    out, shape = render_view(sc, cam, pose)
    extent = _cells((out["vis"] > VISIBLE).reshape(shape))
    sources = []
    for p in sc.plumes:
        if not p.discharge:
            continue
        se, sn = tile_world.source_point(sc, p)
        x, y, z = geo.project(cam, pose, se, sn)
        if geo.inside(cam, x, y, z) and _seen_near(extent, x, y):
            sources.append((float(x), float(y)))
    info = dict(scene=sc, cam=cam, pose=pose, alpha=out["alpha"].reshape(shape), water=out["water"].reshape(shape),
                clean=out["rgb"].reshape(shape + (3,)), gsd=gsd, oblique=oblique)
    return dict(image=finish(out["rgb"].reshape(shape + (3,)), rng), extent=extent,
                source=source_heatmap(sources), sources=sources, kind=kind, water=_cells(info["water"])), info


def make_example_info(seed: int, split: str = "train"):
    """make_example plus what made it (scene, camera, clean render, opacity), for tests and sheets."""
    rng = rng_for(seed, split)
    r = rng.random()
    if r < P_DISCHARGE:
        want = "discharge-edge" if rng.random() < P_EDGE else "discharge"
    else:
        want = tile_params.NEGATIVES[int(rng.choice(len(tile_params.NEGATIVES), p=tile_params.NEG_P))]
    ex = info = None
    for attempt in range(8):
        try:
            ex, info = _attempt(rng_for(seed, split, str(attempt)), split, want)
        except ValueError:                   # an oblique view of a coarse tile reaching above the horizon
            continue
        if not want.startswith("discharge") or ex["extent"].any():
            return ex, info
    if ex is None:
        raise ValueError(f"no view below the horizon for {split} seed {seed}")
    ex["kind"] = "negative:plain"            # the plume never reached the view: a (rare) plain negative
    return ex, info


def make_example(seed: int, split: str = "train") -> dict:
    """Deterministic by (seed, split); see the module docstring for the fields."""
    return make_example_info(seed, split)[0]
