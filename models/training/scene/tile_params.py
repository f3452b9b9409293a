"""Random TileScenes for training tiles and held-out photos, with split-specific parameter ranges.

'train' and 'heldout' differ on purpose (so the held-out set measures generalisation): held-out water and
discharge colours are mixtures of the training palettes and a few colours training never sees, channel
widths, plume shapes and real land photos come from other ranges / other files.

draw(rng, split, want, span) -> (TileScene, focus (east, north), label) where `want` is the example kind
('discharge', 'discharge-edge', or a negative kind) and `span` the ground size (m) the view covers; the
focus is the ground point the view should be centred on.
"""
from __future__ import annotations

import math

import numpy as np

from . import textures as T
from .tile_world import House, Plume, TileScene
from .world import Channel, WorldSpec

WATER = dict(train=[(100, 112, 92), (112, 110, 80), (96, 110, 118), (108, 90, 64), (78, 124, 118), (64, 82, 62),
                    (124, 126, 110)],
             heldout=[(118, 120, 94), (86, 100, 114), (92, 96, 70), (70, 108, 100), (132, 118, 88)])
DYE = dict(train=dict(brown=(150, 112, 70), yellow=(192, 166, 86), milky=(220, 220, 210), grey=(152, 152, 146),
                      black=(38, 36, 34), red=(172, 48, 58), purple=(118, 52, 140), yellowgreen=(160, 178, 70)),
           heldout=dict(orange=(196, 126, 62), cream=(228, 214, 174), bluemilk=(184, 200, 210),
                        darkbrown=(72, 52, 36), magenta=(194, 56, 132), olive=(130, 136, 56)))
MUD = [(140, 114, 78), (160, 136, 92), (122, 100, 70), (150, 126, 96)]
ROOFS = [(158, 62, 48), (128, 82, 62), (112, 122, 136), (70, 110, 160), (150, 150, 148), (176, 96, 70)]
TREES = [(46, 72, 36), (58, 84, 40), (40, 62, 38), (70, 90, 46)]
NEGATIVES = ("plain", "tributary", "shallows", "algae", "boat", "shadow", "glint", "gradient", "dry-pipe", "land")
NEG_P = (0.10, 0.17, 0.11, 0.09, 0.08, 0.10, 0.09, 0.09, 0.07, 0.10)


def _c(rng, rgb, j=10.0):
    return tuple(float(np.clip(v + rng.normal(0, j), 5, 250)) for v in rgb)


def _dist(a, b):
    return math.sqrt(sum((x - y) ** 2 for x, y in zip(a, b)))


def dye_colour(rng, split: str) -> tuple[str, tuple]:
    """Held-out: its own palette, or a blend of two training colours. Training: its palette (45 %), a blend
    of two of its colours (25 %), or any colour at all (30 %: hue, saturation and value drawn at random, so
    the network learns 'water of another colour from a source', not a list of dyes)."""
    r = rng.random()
    if (split == "heldout" and r < 0.55) or (split == "train" and r < 0.25):
        names = list(DYE["train"])
        a, b = rng.choice(len(names), 2, replace=False)
        w = rng.uniform(0.3, 0.7)
        rgb = tuple(w * x + (1 - w) * y for x, y in zip(DYE["train"][names[a]], DYE["train"][names[b]]))
        return f"{names[a]}-{names[b]}", _c(rng, rgb, 8)
    if split == "train" and r < 0.55:
        return "random", _hsv(rng.uniform(0, 1), rng.uniform(0.0, 0.85), rng.uniform(0.12, 0.92))
    pal = DYE[split]
    name = list(pal)[int(rng.integers(len(pal)))]
    return name, _c(rng, pal[name], 10)


def _hsv(h: float, s: float, v: float) -> tuple:
    i, f = int(h * 6) % 6, h * 6 - int(h * 6)
    p, q, t = v * (1 - s), v * (1 - s * f), v * (1 - s * (1 - f))
    rgb = [(v, t, p), (q, v, p), (p, v, t), (p, q, v), (t, p, v), (v, p, q)][i]
    return tuple(float(np.clip(255 * c, 5, 250)) for c in rgb)


def water_colour(rng, split: str) -> tuple:
    pal = WATER[split]
    a = pal[int(rng.integers(len(pal)))]
    if split == "heldout":
        b = WATER["train"][int(rng.integers(len(WATER["train"])))]
        w = rng.uniform(0.3, 0.8)
        a = tuple(w * x + (1 - w) * y for x, y in zip(a, b))
    return _c(rng, a, 8)


def channel(rng, split: str) -> WorldSpec:
    held = split == "heldout"
    r = rng.random()
    kind = "canal" if r < 0.35 else "river"
    if kind == "canal":
        width = rng.uniform(3, 9) if held and rng.random() < 0.5 else rng.uniform(20, 30) if held else rng.uniform(3, 32)
        meanders = ()
    else:
        width = math.exp(rng.uniform(math.log(3), math.log(70))) if not held else math.exp(rng.uniform(math.log(12), math.log(60)))
        lam = width * rng.uniform(5, 12)
        meanders = ((width * rng.uniform(0.2, 1.0), lam, rng.uniform(0, 6.3)),)
    return WorldSpec(name="tile", lon=114.3, lat=30.5, ground_alt=20.0, east0=-1, east1=1, north0=-1, north1=1,
                     res=0.03, kind=kind, theta=rng.uniform(0, 360), flow=int(rng.choice([-1, 1])), width=width,
                     width_var=width * 0.05 if kind == "river" else 0.0, meanders=meanders,
                     water=water_colour(rng, split))


def plume(rng, split: str, u: float, side: int, width: float, faint_ok: bool = True) -> tuple[Plume, str]:
    held = split == "heldout"
    outlet = str(rng.choice(["pipe", "culvert", "none"], p=[0.45, 0.25, 0.30]))
    w0 = {"pipe": rng.uniform(0.1, 0.5), "culvert": rng.uniform(0.4, 1.2), "none": rng.uniform(0.15, 0.6)}[outlet]
    name, rgb = dye_colour(rng, split)
    lo, hi = (2.0, 30.0) if held else (1.5, 40.0)    # training's ranges cover the held-out ones (and more)
    length = math.exp(rng.uniform(math.log(lo), math.log(hi)))
    spread = rng.uniform(0.05, 0.7) if held else rng.uniform(0.04, 0.8)
    jet = min(rng.uniform(0.1, 3.0), width * 0.4)
    alpha = (rng.uniform(0.35, 0.95) if held else rng.uniform(0.3, 0.95)) if faint_ok else rng.uniform(0.6, 0.95)
    foam = rng.uniform(0.4, 1.0) if rng.random() < 0.35 else 0.0
    pipe_rgb = ROOFS[4] if rng.random() < 0.5 else _c(rng, [(190, 190, 186), (120, 96, 70), (50, 50, 52)][int(rng.integers(3))], 6)
    return Plume(u, side, rgb, alpha, length, spread, jet, w0, foam, outlet, pipe_rgb, True, name), name


def draw(rng: np.random.Generator, split: str, want: str, span: float):
    ws = channel(rng, split)
    ch = Channel(ws)
    w = ws.width
    side = int(rng.choice([-1, 1]))
    u0 = rng.uniform(-200, 200)
    w2 = float(ch.width(u0)) / 2
    bank_choices = ["concrete", "wall", "riprap"] if ws.kind == "canal" else ["mud", "grass", "mud", "riprap", "concrete"]
    bank = str(rng.choice(bank_choices))
    bank_w = dict(mud=rng.uniform(0.3, 2.0), grass=0.3, concrete=rng.uniform(1.5, 5.0), riprap=rng.uniform(1.0, 4.0),
                  wall=rng.uniform(0.3, 0.7))[bank]
    reals = T.real_names(split)
    lr = rng.random()
    land = "paved" if lr < 0.15 else (str(rng.choice(reals)) if reals and lr < 0.55 else "procedural")
    land_xf = (rng.uniform(0, 6.3), rng.uniform(300, 800), rng.uniform(300, 1700), rng.uniform(0.8, 1.25))
    roads, houses, plumes, dry, trib, boat = [], [], [], [], None, None
    ed = w2 + bank_w + rng.uniform(0.5, 6.0)
    if rng.random() < 0.5:
        roads.append((side * (ed + 2), rng.uniform(2.5, 6.0), str(rng.choice(["asphalt", "concrete", "dirt", "dirt"]))))
    focus_ud = (u0, side * (w2 + rng.uniform(-0.35, 0.35) * span))     # default: on a bank
    label = "negative:" + want
    extras = dict(shallows=rng.random() < 0.2, algae=rng.random() < 0.12, trees=rng.random() < 0.55,
                  sheen=rng.random() < 0.25, grad=rng.random() < 0.4)

    if want.startswith("discharge"):
        for _ in range(8):            # a discharge must differ from its own water
            p, name = plume(rng, split, u0, side, w)
            if _dist(p.rgb, ws.water) > 50:
                break
        plumes.append(p)
        label = "discharge:" + name
        if want == "discharge":
            du = ws.flow * rng.uniform(-0.1, 0.3) * span
            qq = rng.uniform(-0.15, 0.3) * span
        else:
            du = ws.flow * rng.uniform(0.65, 1.2) * span
            qq = p.jet + rng.uniform(0.0, 0.25) * span
        focus_ud = (u0 + du, side * (w2 - qq))
        if rng.random() < 0.15:       # a natural look-alike in the same view
            extras["shallows"] = True
    elif want == "tributary":
        tw = rng.uniform(1.5, max(2.0, min(12.0, w * 0.7, span * 0.6)))
        rgb = _c(rng, MUD[int(rng.integers(len(MUD)))], 10)
        trib = (u0, side, tw, rgb)
        plumes.append(Plume(u0, side, rgb, rng.uniform(0.45, 0.9), rng.uniform(6, 30), rng.uniform(0.3, 0.8),
                            rng.uniform(0.2, 1.5), tw / 2, 0.0, "channel", discharge=False))
        focus_ud = (u0 + ws.flow * rng.uniform(-0.1, 0.3) * span, side * (w2 + rng.uniform(-0.15, 0.3) * span))
    elif want == "shallows":
        extras["shallows"] = "strong"
    elif want == "algae":
        extras["algae"] = "strong"
    elif want == "boat":
        boat = (u0, side * rng.uniform(0.0, max(0.1, w2 - 1.5)))
        focus_ud = (u0 - rng.uniform(0, 0.5) * span, boat[1])
    elif want == "shadow":
        extras["trees"] = "bank"
    elif want == "glint":
        extras["sheen"] = "strong"
        focus_ud = (u0, side * (w2 - rng.uniform(0.2, 0.6) * span))
    elif want == "gradient":
        extras["grad"] = "strong"
        focus_ud = (u0, side * (w2 - rng.uniform(0.1, 0.6) * span))
    elif want == "dry-pipe":
        dry.append((u0, side, rng.uniform(0.12, 0.5)))
    elif want == "land":
        focus_ud = (u0, side * (w2 + bank_w + rng.uniform(0.4, 1.2) * span))
    if want in ("land", "plain") or rng.random() < 0.2:
        fe, fn = ch.to_en(focus_ud[0], side * (ed + rng.uniform(-2, 8)))
        for _ in range(int(rng.integers(1, 3))):
            houses.append(House(float(fe + rng.normal(0, 4)), float(fn + rng.normal(0, 4)), rng.uniform(4, 8),
                                rng.uniform(6, 12), rng.uniform(0, 180), _c(rng, ROOFS[int(rng.integers(len(ROOFS)))], 8)))
    if split == "heldout" and want == "plain" and rng.random() < 0.5:
        focus_ud = (u0, side * (w2 - rng.uniform(0.3, 1.0) * span))    # open water

    water2 = _c(rng, WATER[split][int(rng.integers(len(WATER[split])))], 10)
    gamp = rng.uniform(0.5, 1.2) if extras["grad"] == "strong" else (rng.uniform(0.1, 0.5) if extras["grad"] else 0.05)
    if extras["grad"] == "strong" and _dist(water2, ws.water) < 30:
        water2 = _c(rng, MUD[int(rng.integers(len(MUD)))], 10)
    shallows = None
    if extras["shallows"]:
        shallows = ((side,) if rng.random() < 0.7 else (-1, 1), rng.uniform(0.5, 4.0),
                    _c(rng, MUD[int(rng.integers(len(MUD)))], 12),
                    rng.uniform(0.5, 0.85) if extras["shallows"] == "strong" else rng.uniform(0.2, 0.6))
    algae = None
    if extras["algae"]:
        algae = (_c(rng, (70, 112, 42), 14), rng.uniform(0.6, 0.95) if extras["algae"] == "strong" else rng.uniform(0.3, 0.7),
                 rng.uniform(-0.6, 0.4), rng.uniform(1.5, 20.0))
    az = rng.uniform(0, 2 * math.pi)
    sl = rng.uniform(1.5, 5.0)
    sc = TileScene(
        ws=WorldSpec(**{**ws.__dict__, "roads": tuple(roads), "houses": tuple(houses), "boat": boat}),
        water2=water2, grad=(rng.uniform(0, 6.3), rng.uniform(10, 40), gamp), ripple=rng.uniform(0.015, 0.07),
        edge_dark=rng.uniform(0.0, 0.3), bank=bank, bank_w=bank_w, land=land, land_xf=land_xf,
        land_tint=tuple(rng.uniform(0.88, 1.1, 3)),
        canopy=(rng.uniform(0.3, 1.0) if extras["trees"] else 9.0), tree_bank=(rng.uniform(0.8, 1.6) if extras["trees"] == "bank" else rng.uniform(0, 0.6)),
        tree_rgb=_c(rng, TREES[int(rng.integers(len(TREES)))], 6), shadow=(sl * math.sin(az), sl * math.cos(az), rng.uniform(0.3, 0.55)),
        shallows=shallows, algae=algae,
        sheen=(rng.uniform(0.4, 0.85) if extras["sheen"] == "strong" else rng.uniform(0.1, 0.4) if extras["sheen"] else 0.0),
        sparkle=(rng.uniform(0.6, 1.6) if extras["sheen"] == "strong" else rng.uniform(-1.5, 0.6)),
        plumes=tuple(plumes), dry_pipes=tuple(dry), trib=trib, offsets=tuple(rng.uniform(0, T.BANK, 6)))
    fe, fn = ch.to_en(focus_ud[0], focus_ud[1])
    return sc, (float(fe), float(fn)), label
