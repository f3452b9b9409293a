"""A light procedural world for training tiles: colour and discharge opacity evaluated at arbitrary ground
points (ENU metres), so a camera view is rendered by casting each tile pixel onto the ground (geo.cast)
and shading the hit points; nothing is rasterised first. About 10-20 ms for a 256 x 256 tile.

The channel geometry (Channel: u along the water, d signed distance from the centre line), the roofs
(House) and the roads reuse world.py; the plume is world.plume_alpha's model with a jet and a source width,
so a pipe makes a tongue and a tributary a broad inflow. Inputs are a TileScene (tile_params.py draws
them at random); outputs per point: rgb, discharge opacity and visibility, water, canopy.
"""
from __future__ import annotations

import math
from dataclasses import dataclass

import numpy as np

from . import textures as T
from .world import Channel, House, WorldSpec

F = np.float32


@dataclass(frozen=True)
class Plume:
    u: float                          # along-channel position of the source (m)
    side: int                         # +1 left bank (d > 0), -1 right bank
    rgb: tuple[float, float, float]
    alpha: float                      # opacity at the source
    length: float                     # e-folding length downstream (m)
    spread: float                     # lateral growth of the width
    jet: float                        # how far the core is pushed out from the bank (m)
    width0: float                     # half-width at the source (m): pipe radius .. tributary mouth
    foam: float = 0.0                 # 0..1 white speckled foam near the source
    outlet: str = "pipe"              # 'pipe' | 'culvert' | 'none' | 'channel' (a tributary's mouth)
    pipe_rgb: tuple[float, float, float] = (170, 168, 160)
    discharge: bool = True            # False: a natural look-alike (tributary inflow), never labelled
    colour: str = ""


@dataclass(frozen=True)
class TileScene:
    ws: WorldSpec                     # theta, flow, width, meanders, water, roads, houses, boat, kind
    water2: tuple[float, float, float]
    grad: tuple[float, float, float]  # (direction rad, length m, amplitude)
    ripple: float
    edge_dark: float
    bank: str                         # 'mud' | 'grass' | 'concrete' | 'riprap' | 'wall'
    bank_w: float
    land: str                         # 'procedural' | 'paved' | real photo file name
    land_xf: tuple[float, float, float, float]    # real texture: angle, row0, col0, scale
    land_tint: tuple[float, float, float]
    canopy: float                     # threshold of the canopy field (> 3: no trees)
    tree_bank: float                  # extra canopy along the banks
    tree_rgb: tuple[float, float, float]
    shadow: tuple[float, float, float]  # east, north offset (m) of tree shadows, darkness
    shallows: tuple | None            # (sides, width m, rgb, strength)
    algae: tuple | None               # (rgb, strength, cover, near-bank length m)
    sheen: float                      # sun-glint sheen strength
    sparkle: float                    # glint speck density
    plumes: tuple[Plume, ...]
    dry_pipes: tuple[tuple[float, int, float], ...]   # (u, side, radius): outfalls with nothing flowing
    trib: tuple[float, int, float, tuple] | None     # (u, side, width, rgb) an incoming channel
    offsets: tuple[float, ...]        # texture offsets (texels): coarse r, c, fine r, c, flow r, c


def _ss(e0, e1, x):
    t = np.clip((x - e0) / (e1 - e0), 0.0, 1.0)
    return t * t * (3 - 2 * t)


def _mix(img, rgb, a):
    a = np.asarray(a, F)[:, None]
    img *= 1 - a
    img += a * np.asarray(rgb, F)


def plume_alpha(p: Plume, flow: int, w2, u, d, nz: dict) -> np.ndarray:
    """Opacity of a plume: highest at the source, carried downstream as a fan or tongue, soft turbulent edges."""
    t = flow * (u - p.u)
    q = w2 - p.side * d                                   # distance from the plume's bank into the water
    tp = np.maximum(t, 0)
    ramp = np.clip(tp / (1.5 + 2 * p.width0), 0, 1)
    t_w = t + (0.8 + 0.15 * p.length) * nz["n1"] * ramp
    tpw = np.maximum(t_w, 0)
    qc = 0.5 * p.width0 + p.jet * (1 - np.exp(-tpw / (0.6 + p.jet))) + 0.35 * tpw ** 0.6
    qc = np.minimum(qc, np.maximum(2 * w2 - p.width0 - 0.5, 0.3))
    sig = 0.25 + p.width0 + p.spread * tpw ** 0.85
    q_w = q + 0.6 * sig * nz["n2"] * np.clip(tp / 3.0, 0, 1)
    along = np.exp(-tpw / p.length) * np.exp(-0.5 * (np.minimum(t_w, 0) / (0.25 + 0.5 * p.width0)) ** 2)
    c = along * np.exp(-0.5 * ((q_w - qc) / sig) ** 2) * ((0.25 + p.width0) / sig) ** 0.3
    m = 1.0 + (0.4 * nz["n3"] + 0.2 * nz["edge"]) * np.clip(tp / 3.0, 0, 1)
    a = np.clip(p.alpha * c * m, 0.0, p.alpha)
    a *= np.clip(q / 0.08, 0, 1) * np.clip((4.0 * p.length - tp) / p.length, 0, 1)
    return a.astype(F)


def source_point(sc: TileScene, p: Plume, into: float = 0.2) -> tuple[float, float]:
    """ENU of a plume's source: on its centre line, `into` metres off the bank into the water."""
    ch = Channel(sc.ws)
    w2 = float(ch.width(p.u)) / 2
    e, n = ch.to_en(p.u, p.side * (w2 - into))
    return float(e), float(n)


class _LowRes:
    """Smooth fields (channel coordinates, coarse noise) are evaluated at the centres of 4 x 4 pixel blocks
    and interpolated (linearly extrapolated at the borders, so an affine map is reproduced exactly) when the
    points form a row-major grid whose sides are multiples of 4. This keeps a 256 x 256 tile near 20 ms."""

    def __init__(self, e, n, grid):
        self.grid = grid
        if grid is None:
            self.e, self.n = e, n
            return
        h, w = grid
        self.e = e.reshape(h // 4, 4, w // 4, 4).mean((1, 3)).ravel()
        self.n = n.reshape(h // 4, 4, w // 4, 4).mean((1, 3)).ravel()
        self.a, self.b = _interp_matrix(h), _interp_matrix(w)

    def up(self, fields: dict) -> dict:
        if self.grid is None:
            return fields
        h, w = self.grid
        return {k: (self.a @ v.reshape(h // 4, w // 4).astype(F) @ self.b.T).ravel() for k, v in fields.items()}


def _interp_matrix(size: int) -> np.ndarray:
    """(size, size / 4) linear interpolation from block centres (4k + 2) to pixel centres (i + 0.5)."""
    m = size // 4
    x = (np.arange(size) + 0.5 - 2.0) / 4.0
    k = np.clip(np.floor(x).astype(int), 0, max(m - 2, 0))
    f = x - k
    out = np.zeros((size, m), F)
    out[np.arange(size), k] = 1 - f
    if m > 1:
        out[np.arange(size), k + 1] += f
    return out


def shade(sc: TileScene, e: np.ndarray, n: np.ndarray, grid: tuple[int, int] | None = None) -> dict:
    """Colour (P, 3) float32 0..255 and labels at ground points e, n (flat float64 arrays); `grid` = (H, W)
    when the points are an image's pixels in row-major order (sides multiples of 4): faster."""
    ws = sc.ws
    ch = Channel(ws)
    P = e.shape[0]
    o = sc.offsets
    lo = _LowRes(e, n, grid)
    ul, dl = ch.to_ud(lo.e, lo.n)
    w2l = ch.width(ul) / 2
    ud = lo.up(dict(u=ul, d=dl, w2=w2l))
    u, d, w2 = (ud[k].astype(F) for k in ("u", "d", "w2"))
    qb = np.abs(d) - w2                                   # > 0 on land: distance from the nearest bank
    co = lo.up(T.sample("coarse", (-lo.n / T.COARSE_TEXEL + o[0]), (lo.e / T.COARSE_TEXEL + o[1]),
                        ("veg", "dry", "canopy", "grad", "patch", "sheen")))
    fi = T.sample("fine", (-n / T.FINE_TEXEL + o[2]), (e / T.FINE_TEXEL + o[3]), ("grain", "leaf", "speck", "stone"),
                  nearest=True)
    fl = T.sample("flow", (u / T.FLOW_TEXEL[0] + o[4]), (d / T.FLOW_TEXEL[1] + o[5]), ("rip", "rip2"), nearest=True)
    fl.update(lo.up(T.sample("swirl", (ul / T.SWIRL_TEXEL[0] + o[4]), (dl / T.SWIRL_TEXEL[1] + o[5]),
                             ("n1", "n2", "n3", "edge"))))
    grain = fi["grain"]

    # ---- land
    if sc.land == "procedural":
        g = _ss(-0.6, 0.9, co["veg"])[:, None]
        img = F([104, 118, 72]) * (1 - g) + F([66, 86, 50]) * g
        _mix(img, (150, 130, 98), _ss(0.4, 1.2, co["dry"]) * 0.75)
        img *= (1 + 0.10 * fi["leaf"] + 0.05 * grain)[:, None]
    elif sc.land == "paved":
        img = np.empty((P, 3), F)
        img[:] = F([150, 148, 140])
        joint = (np.abs(np.mod(u, 1.0) - 0.5) > 0.485) | (np.abs(np.mod(d, 1.0) - 0.5) > 0.485)
        img *= (1 + 0.06 * co["patch"] + 0.04 * grain - 0.25 * joint)[:, None]
    else:
        ang, r0, c0, sc_ = sc.land_xf
        ca, sa = math.cos(ang), math.sin(ang)
        img = T.sample_real(T.real_photo(sc.land), r0 + (-n * ca - e * sa) / (T.REAL_TEXEL * sc_),
                            c0 + (e * ca - n * sa) / (T.REAL_TEXEL * sc_))
    img *= F(sc.land_tint)
    # roads along the channel
    for dc, rw, kind in ws.roads:
        dd = np.abs(d - dc)
        rm = _ss(rw / 2 + 0.15, rw / 2 - 0.15, dd)
        if kind == "asphalt":
            _mix(img, (86, 86, 88), rm * (0.95 + 0.05 * grain))
            _mix(img, (210, 205, 190), (dd < 0.07) * (np.mod(u, 6.0) < 3.0))
        elif kind == "concrete":
            _mix(img, (172, 170, 162), rm)
            img *= (1 - 0.3 * rm * (np.abs(np.mod(u, 4.0) - 2.0) > 1.97))[:, None]
        else:  # dirt track: two wheel ruts, grass between
            track = _ss(0.45, 0.2, np.abs(dd - rw * 0.28)) * (1 + 0.3 * co["patch"])
            _mix(img, (152, 128, 96), np.clip(np.maximum(track, rm * 0.35), 0, 1) * (0.9 + 0.1 * grain))
    # roofs
    for hs in ws.houses:
        a = math.radians(hs.angle)
        lx = (e - hs.east) * math.cos(a) + (n - hs.north) * math.sin(a)
        ly = -(e - hs.east) * math.sin(a) + (n - hs.north) * math.cos(a)
        roof = (np.abs(lx) < hs.length / 2) & (np.abs(ly) < hs.width / 2)
        if roof.any():
            half = np.where(ly > 0, 1.06, 0.84) * (0.92 + 0.08 * (np.mod(lx, 0.3) > 0.05))
            rc = F(hs.roof)[None, :] * half[:, None].astype(F)
            img[roof] = rc[roof]
            ridge = roof & (np.abs(ly) < 0.15)
            img[ridge] *= 0.75

    # ---- banks
    q = qb
    if sc.bank == "mud":
        mw = sc.bank_w * (1 + 0.35 * fl["n2"])
        a = _ss(mw, 0.0, q) * (q > -0.05)
        wet = _ss(0.5, 0.0, q)
        col = F([118, 102, 76]) * (1 - 0.35 * wet)[:, None]
        img = img * (1 - a[:, None]) + col * a[:, None]
    elif sc.bank == "concrete":
        on = (q > -0.05) & (q < sc.bank_w)
        joint = (np.mod(u, 3.0) < 0.05) | (np.mod(q, 2.0) < 0.04)
        col = F([165, 163, 152])[None, :] * (0.95 + 0.05 * grain - 0.3 * joint - 0.3 * _ss(0.8, 0, q)
                                             + 0.04 * co["patch"])[:, None]
        col += (F([60, 70, 40]) - col) * (0.45 * _ss(0.6, 0, q))[:, None]
        img[on] = col[on]
    elif sc.bank == "riprap":
        on = (q > -0.1) & (q < sc.bank_w)
        st = fi["stone"]
        col = F([140, 134, 122])[None, :] * (0.86 + 0.1 * st + 0.05 * grain)[:, None]
        col *= (1 - 0.35 * (np.abs(np.mod(st * 2.0, 1.0) - 0.5) < 0.05))[:, None]
        img[on] = col[on]
    elif sc.bank == "wall":
        on = (q > -0.05) & (q < sc.bank_w)
        col = F([178, 174, 162])[None, :] * (0.95 + 0.05 * grain - 0.35 * (q < 0.12))[:, None]
        img[on] = col[on]
    else:  # grass to the edge, a thin dark line
        _mix(img, (70, 80, 52), _ss(0.25, 0.0, q) * (q > -0.05))

    # ---- an incoming channel (tributary) crossing the land
    trib_m = np.zeros(P, bool)
    if sc.trib is not None:
        tu, ts, tw, trgb = sc.trib
        dist = ts * d - w2
        lat = u - tu - 1.5 * np.sin(np.maximum(dist, 0) / 6.0)
        trib_m = (dist > -0.5) & (np.abs(lat) < tw / 2)
        tb = (dist > 0) & (np.abs(lat) >= tw / 2) & (np.abs(lat) < tw / 2 + 0.8)
        _mix(img, (112, 98, 72), tb * 0.8)
        tc = F(trgb)
        tcol = tc[None, :] * (1 + sc.ripple * fl["rip"] - 0.15 * _ss(tw / 2 - 0.6, tw / 2, np.abs(lat)))[:, None]
        img[trib_m] = tcol[trib_m]

    # ---- water
    water = q < 0
    wi = np.nonzero(water)[0]
    vis = np.zeros(P, F)
    alpha = np.zeros(P, F)
    dye_on = np.zeros(P, F)
    if wi.size:
        gd, gl, gamp = sc.grad
        ew, nw, uw, dw, w2w = e[wi], n[wi], u[wi], d[wi], w2[wi]
        qw = -q[wi]                                                   # distance from the bank into the water
        ramp = ((ew * math.cos(gd) + nw * math.sin(gd)) / gl + 0.6 * co["grad"][wi]) * gamp
        gm = np.clip(0.5 + ramp, 0, 1)[:, None]
        col = F(ws.water) * (1 - gm) + F(sc.water2) * gm
        col *= (1 - sc.edge_dark * np.exp(-qw / 1.2))[:, None]
        col *= (1 + sc.ripple * fl["rip"][wi] + 0.5 * sc.ripple * fl["rip2"][wi] + 0.02 * co["patch"][wi])[:, None]
        if sc.shallows is not None:
            sides, sw, srgb, sst = sc.shallows
            near = np.where(np.isin(np.sign(dw), sides), qw, 1e3)
            a = sst * _ss(sw * (1 + 0.5 * co["patch"][wi]), 0, near) * (0.85 + 0.15 * fi["stone"][wi])
            _mix(col, srgb, a)
        if sc.algae is not None:
            argb, ast, cover, near_l = sc.algae
            a = ast * _ss(cover, cover + 0.5, co["patch"][wi] + 0.3 * fi["leaf"][wi]) * np.exp(-qw / near_l)
            _mix(col, argb, np.clip(a * (0.7 + 0.3 * fi["speck"][wi]), 0, 1))
        nz = {k: fl[k][wi] for k in ("n1", "n2", "n3", "edge")}
        for p in sc.plumes:
            a = plume_alpha(p, ws.flow, w2w, uw, dw, nz)
            if not a.any():
                continue
            dye = F(p.rgb)[None, :] * (1 + 0.04 * nz["n3"])[:, None]
            if p.discharge:
                v = a * np.sqrt(((dye - col) ** 2).sum(1))
                vis[wi] = np.maximum(vis[wi], v)
                alpha[wi] = np.maximum(alpha[wi], a)
                dye_on[wi] = np.maximum(dye_on[wi], a)
            col = col * (1 - a[:, None]) + dye * a[:, None]
            if p.foam > 0:
                t = ws.flow * (uw - p.u)
                fa = p.foam * _ss(0.6, 1.4, fi["speck"][wi] + 0.6 * fl["edge"][wi]) * np.exp(-np.maximum(t, 0) / 2.5)
                fa *= (a > 0.15) * np.exp(-0.5 * (np.minimum(t, 0) / 0.4) ** 2)
                _mix(col, (236, 236, 228), np.clip(fa, 0, 0.9))
        # sun glint: a broad sheen, and specks on the ripples
        sh = sc.sheen * _ss(0.2, 1.2, co["sheen"][wi])
        _mix(col, (228, 230, 226), sh * (0.6 + 0.4 * np.clip(fl["rip"][wi], -1, 1)))
        sp = _ss(4.6, 5.6, fl["rip2"][wi] * 1.6 + fi["speck"][wi] * 1.4 + sc.sparkle) * (1 - 0.8 * dye_on[wi])
        _mix(col, (250, 250, 244), sp)
        img[wi] = col

    # ---- outlets: pipes and culverts on the bank
    cover = np.zeros(P, bool)                             # drawn over the water: not labelled as water
    for p_u, p_side, p_r, p_rgb, kind in _outlets(sc):
        qland = p_side * d - w2
        du = u - p_u
        if kind == "pipe":
            body = (np.abs(du) < p_r) & (qland > -0.12) & (qland < sc.bank_w + 1.5)
            shade_ = 0.75 + 0.3 * np.clip(du / p_r, -1, 1) * np.sign(p_side or 1)
            img[body] = (F(p_rgb)[None, :] * shade_[:, None])[body]
            mouth = (du / (0.85 * p_r)) ** 2 + ((qland + 0.04) / (0.35 * p_r + 0.04)) ** 2 < 1
            img[mouth] = (26, 26, 28)
            cover |= body | mouth
        elif kind == "culvert":
            wall = (np.abs(du) < p_r + 0.5) & (qland > -0.08) & (qland < 0.9)
            img[wall] = (168, 166, 158)
            hole = (np.abs(du) < p_r) & (qland > -0.08) & (qland < 0.45)
            img[hole] = (22, 22, 24)
            cover |= wall

    # ---- boat and wake
    if ws.boat is not None:
        bu, bd = ws.boat
        a_ = bu - u
        lat = d - bd
        ap = np.maximum(a_, 0)
        arm = np.abs(np.abs(lat) - np.maximum(a_ - 1.5, 0) * 0.354)
        wk = (a_ > 1.5) * np.exp(-arm ** 2 / (2 * (0.15 + 0.02 * ap) ** 2)) * np.exp(-ap / 10)
        core = (a_ > 1.5) * np.exp(-lat ** 2 / (2 * (0.4 + 0.05 * ap) ** 2)) * np.exp(-ap / 6)
        _mix(img, (210, 214, 210), np.clip(0.6 * wk + 0.5 * core * (0.6 + 0.4 * np.clip(fi["speck"], -1, 1)), 0, 0.8) * water)
        hull = ((a_ / 2.2) ** 2 + (lat / 0.8) ** 2 < 1) | ((a_ < -1.0) & (np.abs(lat) < 0.8 * (a_ + 2.6) / 1.6) & (a_ > -2.6))
        img[hull] = (70, 64, 58) if bd > 0 else (188, 188, 182)
        cover |= hull
        cabin = (a_ > 0.0) & (a_ < 1.4) & (np.abs(lat) < 0.5)
        img[cabin] = (60, 92, 140)

    # ---- trees (over land, overhanging the banks a little) and their shadows
    canopy = np.zeros(P, bool)
    if sc.canopy < 3:
        bias = sc.tree_bank * _ss(0.3, 1.5, qb) * _ss(8.0, 3.0, qb) - 3.0 * _ss(-0.2, -1.2, qb)
        road = sum(_ss(rw / 2 + 1.0, rw / 2, np.abs(d - dc)) for dc, rw, _ in ws.roads) if ws.roads else 0
        f = co["canopy"] + bias - 3.0 * road - 3.0 * trib_m
        for p_u, p_side, p_r, _, _ in _outlets(sc, everywhere=True):   # keep outlets and sources in view
            f = f - 3.0 * ((np.abs(u - p_u) < p_r + 2.0) & (np.abs(p_side * d - w2) < sc.bank_w + 3.0))
        canopy = f > sc.canopy
        sx, sy, dark = sc.shadow
        # shadows: the canopy field at the point displaced toward the sun
        cs = T.sample("coarse", (-(lo.n - sy) / T.COARSE_TEXEL + o[0]), ((lo.e - sx) / T.COARSE_TEXEL + o[1]), ("canopy",))
        u2, d2 = ch.to_ud(lo.e - sx, lo.n - sy)
        qb2 = (np.abs(d2) - ch.width(u2) / 2).astype(F)
        b2 = sc.tree_bank * _ss(0.3, 1.5, qb2) * _ss(8.0, 3.0, qb2) - 3.0 * _ss(-0.2, -1.2, qb2)
        shf = lo.up(dict(s=(cs["canopy"] + b2).astype(F)))["s"]
        shm = _ss(sc.canopy - 0.05, sc.canopy + 0.15, shf) * (~canopy)
        img *= (1 - dark * shm * np.where(water, 0.85, 1.0))[:, None]
        if canopy.any():
            h = np.clip((f - sc.canopy) / 0.8, 0, 1)
            tc = F(sc.tree_rgb)[None, :] * (0.55 + 0.55 * np.sqrt(h) + 0.22 * fi["leaf"] + 0.1 * grain)[:, None]
            img[canopy] = tc[canopy]
    img *= (1 + 0.03 * grain)[:, None]
    hidden = canopy | cover
    vis *= ~hidden
    return dict(rgb=img, vis=vis, alpha=alpha * ~hidden, water=water & ~hidden, u=u, d=d)


def _outlets(sc: TileScene, everywhere: bool = False):
    for p in sc.plumes:
        if p.discharge and (everywhere or p.outlet in ("pipe", "culvert")):
            yield p.u, p.side, p.width0 if p.outlet == "culvert" else max(p.width0, 0.12), p.pipe_rgb, p.outlet
    for u_, side, r in sc.dry_pipes:
        yield u_, side, r, (168, 166, 158), "pipe"


__all__ = ["Plume", "TileScene", "House", "shade", "plume_alpha", "source_point"]
