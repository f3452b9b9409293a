"""World generator: a ground raster (ENU metres, flat ground z = 0) with a river or concrete canal, banks,
vegetation, fields, roads, houses, hard negatives, and dye discharges (plumes) from outfalls on the bank.

Everything is drawn in *channel coordinates* (u along the channel axis, d signed distance from the
centre line, positive to the left of the +u direction) so plumes, banks and roads follow the meanders.
Deterministic: every random draw comes from numpy Generators seeded from (seed, world name, layer).
"""
from __future__ import annotations

import hashlib
import math
from dataclasses import dataclass, field

import numpy as np
from scipy import ndimage

from . import noise
from .geo import Origin


# ----------------------------------------------------------------------------------------------- specs

@dataclass(frozen=True)
class DischargeSpec:
    id: str
    colour: str                       # 'red' | 'purple' (dye) ; recorded in the truth
    rgb: tuple[int, int, int]
    u: float                          # along-channel position of the outlet (m)
    side: int                         # +1 left bank (d > 0), -1 right bank
    outlet: str = "pipe"              # 'pipe' | 'culvert' | 'none'
    length: float = 22.0              # e-folding length of the concentration downstream (m)
    spread: float = 0.22              # lateral spreading rate
    alpha: float = 0.93               # opacity at the source


@dataclass(frozen=True)
class House:
    east: float
    north: float
    width: float
    length: float
    angle: float                      # degrees, counter-clockwise from east for the long axis
    roof: tuple[int, int, int]
    kind: str = "roof"                # recorded as a hard negative when red/brown


@dataclass(frozen=True)
class WorldSpec:
    name: str
    lon: float
    lat: float
    ground_alt: float                 # metres above sea level of the flat ground
    east0: float
    east1: float
    north0: float
    north1: float
    res: float = 0.03
    kind: str = "river"               # 'river' (natural banks, meanders) | 'canal' (straight, concrete)
    theta: float = 0.0                # direction of +u, degrees counter-clockwise from east
    flow: int = 1                     # +1 water flows toward +u, -1 toward -u
    width: float = 34.0
    width_var: float = 2.0
    meanders: tuple[tuple[float, float, float], ...] = ()   # (amplitude m, wavelength m, phase rad)
    water: tuple[int, int, int] = (96, 108, 88)
    embankments: tuple[tuple[int, float, float], ...] = ()  # (side, u0, u1): concrete slope on that bank
    bank_width: float = 5.0           # concrete slope / natural bank strip width (m)
    roads: tuple[tuple[float, float, str], ...] = ()        # (d centre, width, 'asphalt'|'gravel')
    field_d: float = 42.0             # fields start this far from the centre line
    discharges: tuple[DischargeSpec, ...] = ()
    houses: tuple[House, ...] = ()
    tributary: tuple[float, int, float] | None = None        # (u, side, width) muddy inflow
    boat: tuple[float, float] | None = None                  # (u, d) heading +u, wake behind
    tree_clumps: int = 40
    keepout: tuple[tuple[float, float, float], ...] = ()     # (east, north, radius): no trees


@dataclass
class Discharge:
    id: str
    colour: str
    rgb: tuple[int, int, int]
    source_en: tuple[float, float]
    source_lonlat: tuple[float, float]
    mask: np.ndarray                  # bool raster, same grid as the world: plume extent (alpha > 0.06)
    alpha: np.ndarray | None = None   # float32 opacity raster (kept for tests; None to save memory)


@dataclass
class World:
    spec: WorldSpec
    origin: Origin
    rgb: np.ndarray                   # uint8 (H, W, 3); row 0 is the north edge, column 0 the west edge
    discharges: list[Discharge]
    hard_negatives: list[dict] = field(default_factory=list)
    _pyramid: list[np.ndarray] | None = None

    @property
    def res(self) -> float:
        return self.spec.res

    def to_rc(self, east, north):
        """ENU -> continuous raster (row, col), integer values at pixel centres."""
        col = (np.asarray(east, float) - self.spec.east0) / self.spec.res - 0.5
        row = (self.spec.north1 - np.asarray(north, float)) / self.spec.res - 0.5
        return row, col

    def pyramid(self) -> list[np.ndarray]:
        if self._pyramid is None:
            levels = [self.rgb.astype(np.float32)]
            while min(levels[-1].shape[:2]) > 64 and len(levels) < 8:
                a = levels[-1]
                h, w = a.shape[0] // 2 * 2, a.shape[1] // 2 * 2
                a = a[:h, :w]
                levels.append(0.25 * (a[0::2, 0::2] + a[1::2, 0::2] + a[0::2, 1::2] + a[1::2, 1::2]))
            self._pyramid = levels
        return self._pyramid


# ------------------------------------------------------------------------------------------- helpers

def _rng(seed: int, *parts: str) -> np.random.Generator:
    h = hashlib.sha256(("/".join([str(seed), *parts])).encode()).digest()
    return np.random.default_rng(int.from_bytes(h[:8], "little"))


class Channel:
    """Mapping between ENU and channel coordinates (u along, d signed perpendicular distance)."""

    def __init__(self, spec: WorldSpec):
        self.s = spec
        self.c, self.sn = math.cos(math.radians(spec.theta)), math.sin(math.radians(spec.theta))

    def vc(self, u):
        v = np.zeros_like(u, dtype=np.float64) if isinstance(u, np.ndarray) else 0.0
        dv = np.zeros_like(u, dtype=np.float64) if isinstance(u, np.ndarray) else 0.0
        for a, lam, ph in self.s.meanders:
            k = 2 * math.pi / lam
            v = v + a * np.sin(k * u + ph)
            dv = dv + a * k * np.cos(k * u + ph)
        return v, dv

    def width(self, u):
        return self.s.width + self.s.width_var * np.sin(2 * math.pi * np.asarray(u) / 130.0 + 0.7)

    def to_ud(self, east, north):
        east = np.asarray(east, np.float64)
        north = np.asarray(north, np.float64)
        u = east * self.c + north * self.sn
        v = -east * self.sn + north * self.c
        vc, dv = self.vc(u)
        return u, (v - vc) / np.sqrt(1.0 + dv * dv)

    def to_en(self, u, d):
        vc, dv = self.vc(np.asarray(u, np.float64))
        v = vc + np.asarray(d, np.float64) * np.sqrt(1.0 + dv * dv)
        return u * self.c - v * self.sn, u * self.sn + v * self.c


def _smoothstep(e0, e1, x):
    t = np.clip((x - e0) / (e1 - e0), 0.0, 1.0)
    return t * t * (3 - 2 * t)


def _blend(img, rgb, a, idx=None):
    """img[...] = img * (1 - a) + rgb * a, in place; rgb a colour or an (..., 3) array."""
    a = np.asarray(a, np.float32)[..., None]
    if idx is None:
        img *= (1 - a)
        img += a * np.asarray(rgb, np.float32)
    else:
        img[idx] = img[idx] * (1 - a) + a * np.asarray(rgb, np.float32)


# ------------------------------------------------------------------------------------------- builder

SUN_AZ = 140.0     # degrees clockwise from north (the sun in the south-east, shadows to the north-west)
SUN_EL = 52.0


def plume_alpha(spec: WorldSpec, ch: Channel, ds: DischargeSpec, u, d, n1, n2, n3, q0=0.5):
    """Dye opacity at channel coordinates; highest at the outlet, fading downstream with turbulent edges."""
    w2 = ch.width(u) / 2.0
    t = spec.flow * (u - ds.u)
    q = w2 - ds.side * d                                   # distance from the outlet's bank into the water
    tp = np.maximum(t, 0.0)
    ramp = np.clip(tp / 8.0, 0, 1)
    t_w = t + 2.0 * n1 * ramp
    tpw = np.maximum(t_w, 0.0)
    qc = np.minimum(q0 + 0.85 * tpw ** 0.6, w2 - 1.5)
    sig = 0.9 + ds.spread * tpw ** 0.85
    q_w = q + 0.7 * sig * n2 * np.clip(tp / 4.0, 0, 1)
    along = np.exp(-tpw / ds.length) * np.exp(-0.5 * (np.minimum(t_w, 0.0) / 0.9) ** 2)
    c = along * np.exp(-0.5 * ((q_w - qc) / sig) ** 2) * (0.9 / sig) ** 0.3
    m = 1.0 + 0.45 * n3 * np.clip(tp / 5.0, 0, 1)
    a = np.clip(ds.alpha * c * m, 0.0, ds.alpha)
    a *= np.clip(q / 0.25, 0, 1)                           # water only
    a *= np.clip((4.0 * ds.length - tp) / ds.length, 0, 1)
    return a.astype(np.float32)


def build(spec: WorldSpec, seed: int, keep_alpha: bool = False) -> World:
    res = spec.res
    W = int(round((spec.east1 - spec.east0) / res))
    H = int(round((spec.north1 - spec.north0) / res))
    shape = (H, W)
    origin = Origin(spec.lon, spec.lat)
    ch = Channel(spec)
    R = lambda *p: _rng(seed, spec.name, *p)  # noqa: E731

    east = (spec.east0 + (np.arange(W, dtype=np.float64) + 0.5) * res)[None, :]
    north = (spec.north1 - (np.arange(H, dtype=np.float64) + 0.5) * res)[:, None]
    u, d = ch.to_ud(east, north)
    u = u.astype(np.float32)
    d = d.astype(np.float32)
    w2 = (ch.width(u) / 2.0).astype(np.float32)
    ad = np.abs(d)
    gr = noise.grain(R("grain"), shape)

    # ---- land: grass / scrub / soil mix
    veg = noise.fbm(R("veg"), shape, res, 14.0, 5)
    dry = noise.fbm(R("dry"), shape, res, 30.0, 3)
    img = np.empty(shape + (3,), np.float32)
    grass = np.array([102, 116, 72], np.float32)
    scrub = np.array([66, 84, 50], np.float32)
    soil = np.array([150, 128, 96], np.float32)
    g = _smoothstep(-0.6, 0.9, veg)[..., None]
    img[:] = grass * (1 - g) + scrub * g
    sb = (_smoothstep(0.5, 1.2, dry) * 0.7)[..., None]
    img = img * (1 - sb) + soil * sb
    img *= (1.0 + 0.06 * noise.fbm(R("veg2"), shape, res, 2.0, 3, min_cell_px=2))[..., None]
    del veg, dry, g, sb

    # ---- fields: rotated parcels with crop rows, beyond field_d from the centre line
    rf = R("fields")
    phi = math.radians(spec.theta + 4.0)
    fx = east * math.cos(phi) + north * math.sin(phi)
    fy = -east * math.sin(phi) + north * math.cos(phi)
    pw, pl = 22.0, 34.0
    iu = np.floor(fx / pl).astype(np.int64)
    iv = np.floor(fy / pw).astype(np.int64)
    types = rf.integers(0, 5, size=(64, 64))
    tint = rf.uniform(0.85, 1.12, size=(64, 64))
    tp_ = types[iu % 64, iv % 64]
    tn = tint[iu % 64, iv % 64].astype(np.float32)
    rows = (0.5 + 0.5 * np.sin(2 * np.pi * fy / 0.9)).astype(np.float32)
    palette = np.array([[86, 118, 62], [148, 124, 92], [118, 126, 78], [164, 150, 104], [100, 110, 70]], np.float32)
    fimg = palette[tp_] * tn[..., None]
    rowmod = np.where(np.isin(tp_, [1, 2]), 0.82 + 0.18 * rows, 0.95 + 0.05 * rows).astype(np.float32)
    fimg *= rowmod[..., None]
    fimg *= (1.0 + 0.07 * noise.fbm(R("fieldtex"), shape, res, 6.0, 3))[..., None]
    bund = (np.minimum(np.abs(fx / pl - np.round(fx / pl)) * pl, np.abs(fy / pw - np.round(fy / pw)) * pw) < 0.35)
    fimg[bund] = fimg[bund] * 0.3 + np.array([128, 122, 82], np.float32) * 0.7
    fm = _smoothstep(spec.field_d, spec.field_d + 1.0, ad)
    _blend(img, fimg, fm)
    del fx, fy, iu, iv, tp_, tn, rows, fimg, rowmod, bund, fm

    # ---- tributary (muddy inflow channel crossing the bank), drawn before roads so roads bridge it
    trib_mask = None
    if spec.tributary is not None:
        tu, tside, tw = spec.tributary
        dist = tside * d - w2
        lat = u - tu - 3.0 * np.sin(np.maximum(dist, 0) / 14.0)
        tm = (dist > -1.0) & (np.abs(lat) < tw / 2)
        mud = np.array([134, 108, 72], np.float32)
        edge = _smoothstep(tw / 2, tw / 2 - 0.8, np.abs(lat))
        tcol = mud * (0.9 + 0.1 * edge)[..., None]
        img[tm] = tcol[tm]
        bankm = (dist > 0) & (np.abs(lat) >= tw / 2) & (np.abs(lat) < tw / 2 + 1.0)
        img[bankm] = img[bankm] * 0.5 + np.array([110, 95, 68], np.float32) * 0.5
        trib_mask = tm
        del dist, lat, edge, tcol

    # ---- roads along the channel
    for dc, rw, rkind in spec.roads:
        dd = np.abs(d - dc)
        if rkind == "asphalt":
            col = np.array([84, 84, 86], np.float32)
            rm = _smoothstep(rw / 2 + 0.1, rw / 2 - 0.1, dd)
            shoulder = _smoothstep(rw / 2 + 1.2, rw / 2 + 0.4, dd) * (1 - rm)
            _blend(img, (150, 138, 110), shoulder * 0.8)
            _blend(img, col, rm)
            dash = (dd < 0.08) & (np.mod(u, 6.0) < 3.0)
            img[dash] = (205, 200, 185)
        else:
            rm = _smoothstep(rw / 2 + 0.3, rw / 2 - 0.3, dd)
            _blend(img, (150, 138, 112), rm)
            tracks = (np.abs(dd - rw * 0.22) < 0.35)
            img[tracks & (rm > 0.5)] *= 0.88

    # ---- banks: natural mud strip or concrete slope (embankment), and the canal's concrete walls
    bw = spec.bank_width
    concrete = np.zeros(shape, bool)
    if spec.kind == "canal":
        concrete |= (ad >= w2 - 0.2) & (ad < w2 + bw)
    for side, u0, u1 in spec.embankments:
        concrete |= (side * d >= w2 - 0.2) & (side * d < w2 + bw) & (u >= u0) & (u <= u1)
    if trib_mask is not None:
        concrete &= ~trib_mask
    mudb = (ad >= w2 - 0.2) & (ad < w2 + 1.6) & ~concrete
    if trib_mask is not None:
        mudb &= ~trib_mask
    mcol = np.array([104, 92, 68], np.float32)
    mfac = _smoothstep(w2 + 1.6, w2, ad)
    _blend(img, mcol, np.where(mudb, 0.85 * mfac, 0))
    if concrete.any():
        q = ad - w2
        joints = (np.mod(u, 4.0) < 0.06) | (np.abs(np.mod(q, 2.5)) < 0.05)
        ccol = np.array([162, 160, 150], np.float32) * (0.93 + 0.05 * gr[..., None] * 0.3)
        stain = _smoothstep(1.0, 0.0, q)[..., None]
        ccol = ccol * (1 - 0.35 * stain) + np.array([70, 72, 60], np.float32) * 0.35 * stain
        ccol = np.where(joints[..., None], ccol * 0.72, ccol)
        cap = (q > bw - 0.5)
        ccol = np.where(cap[..., None], np.array([178, 176, 168], np.float32), ccol)
        img[concrete] = ccol[concrete]
        del q, joints, ccol, stain, cap

    # ---- houses (roof with a ridge, a yard, a shadow); red/brown roofs recorded as hard negatives
    hard_negatives = []
    shadow = np.zeros(shape, np.float32)
    canopy = np.zeros(shape, np.float32)
    sdx = -math.sin(math.radians(SUN_AZ)) / math.tan(math.radians(SUN_EL))
    sdy = -math.cos(math.radians(SUN_AZ)) / math.tan(math.radians(SUN_EL))
    for k, hs in enumerate(spec.houses):
        a = math.radians(hs.angle)
        pad = max(hs.width, hs.length) + 12
        c0 = max(0, int((hs.east - pad - spec.east0) / res))
        c1 = min(W, int((hs.east + pad - spec.east0) / res))
        r0 = max(0, int((spec.north1 - hs.north - pad) / res))
        r1 = min(H, int((spec.north1 - hs.north + pad) / res))
        ee = east[:, c0:c1] - hs.east
        nn = north[r0:r1, :] - hs.north
        lx = ee * math.cos(a) + nn * math.sin(a)
        ly = -ee * math.sin(a) + nn * math.cos(a)
        sub = img[r0:r1, c0:c1]
        yard = (np.abs(lx) < hs.length / 2 + 3) & (np.abs(ly) < hs.width / 2 + 3)
        sub[yard] = sub[yard] * 0.2 + np.array([168, 166, 158], np.float32) * 0.8
        hgt = 6.0
        ex, ey = ee - sdx * hgt, nn - sdy * hgt
        sx = ex * math.cos(a) + ey * math.sin(a)
        sy = -ex * math.sin(a) + ey * math.cos(a)
        inside_ = lambda x, y: (np.abs(x) < hs.length / 2) & (np.abs(y) < hs.width / 2)  # noqa: E731
        roof = inside_(lx, ly)
        # shadow: the footprint swept from the base to the roof-height offset
        sh = np.zeros(roof.shape, bool)
        for f in np.linspace(0, 1, 25):
            ex2, ey2 = ee - sdx * hgt * f, nn - sdy * hgt * f
            sh |= inside_(ex2 * math.cos(a) + ey2 * math.sin(a), -ex2 * math.sin(a) + ey2 * math.cos(a))
        del sx, sy
        shadow[r0:r1, c0:c1] = np.maximum(shadow[r0:r1, c0:c1], np.where(sh & ~roof, 0.5, 0))
        half = np.where(ly > 0, 1.06, 0.86)[..., None]
        tiles = (0.9 + 0.1 * (np.mod(lx, 0.35) > 0.06))[..., None]
        rc = np.array(hs.roof, np.float32) * half * tiles
        ridge = roof & (np.abs(ly) < 0.18)
        sub[roof] = rc[roof]
        sub[ridge] = np.array(hs.roof, np.float32) * 0.7
        edge = roof & ((np.abs(lx) > hs.length / 2 - 0.25) | (np.abs(ly) > hs.width / 2 - 0.25))
        sub[edge] *= 0.8
        canopy[r0:r1, c0:c1][roof] = 1.0   # roofs are never shadowed
        lon, lat = origin.to_lonlat(hs.east, hs.north)
        if hs.kind != "plain":
            hard_negatives.append(dict(kind=hs.kind, enu=[hs.east, hs.north], lonLat=[float(lon), float(lat)],
                                       colour=list(hs.roof)))

    # ---- trees: clumps of crowns with sun-side shading and cast shadows
    rt = R("trees")
    tree_col = np.zeros(shape + (3,), np.float32)
    placed = 0
    tries = 0
    while placed < spec.tree_clumps and tries < spec.tree_clumps * 30:
        tries += 1
        te = rt.uniform(spec.east0 + 3, spec.east1 - 3)
        tn_ = rt.uniform(spec.north0 + 3, spec.north1 - 3)
        tu_, td_ = ch.to_ud(te, tn_)
        tw2 = float(ch.width(tu_)) / 2
        if abs(td_) < tw2 + bw + 1.5 or abs(td_) > spec.field_d + 6:
            continue
        if any(abs(td_ - dc) < rw / 2 + 4 for dc, rw, _ in spec.roads):
            continue
        if any((te - kx) ** 2 + (tn_ - ky) ** 2 < kr ** 2 for kx, ky, kr in spec.keepout):
            continue
        if any((te - h.east) ** 2 + (tn_ - h.north) ** 2 < (max(h.width, h.length) / 2 + 6) ** 2 for h in spec.houses):
            continue
        if spec.tributary is not None and abs(tu_ - spec.tributary[0]) < spec.tributary[2] + 5:
            continue
        placed += 1
        ncrown = int(rt.integers(2, 8))
        base_col = np.array([46, 72, 36], np.float32) * rt.uniform(0.85, 1.2)
        for _ in range(ncrown):
            cr = rt.uniform(1.4, 3.6)
            ce, cn = te + rt.normal(0, 2.5), tn_ + rt.normal(0, 2.5)
            pad = cr * 1.4
            c0, c1 = max(0, int((ce - pad - spec.east0) / res)), min(W, int((ce + pad - spec.east0) / res))
            r0, r1 = max(0, int((spec.north1 - cn - pad) / res)), min(H, int((spec.north1 - cn + pad) / res))
            if c1 <= c0 or r1 <= r0:
                continue
            ee = east[:, c0:c1] - ce
            nn = north[r0:r1, :] - cn
            rr = np.sqrt(ee * ee + nn * nn) / cr
            ang = np.arctan2(nn, ee)
            wob = 0.12 * np.sin(5 * ang + rt.uniform(0, 6)) + 0.08 * np.sin(9 * ang + rt.uniform(0, 6))
            f = np.clip(1.0 - rr ** 2 + wob, 0, 1).astype(np.float32)
            cm = (f > 0).astype(np.float32)
            sunw = (ee * math.sin(math.radians(SUN_AZ)) + nn * math.cos(math.radians(SUN_AZ))) / cr
            shade = (0.75 + 0.35 * np.clip(sunw, -1, 1) + 0.25 * np.sqrt(f)).astype(np.float32)
            leaf = 1.0 + 0.18 * gr[r0:r1, c0:c1] + 0.1 * np.sin(ee * 7.1 + nn * 4.3)
            col = base_col * (shade * leaf)[..., None]
            upd = cm > 0
            tc = tree_col[r0:r1, c0:c1]
            tc[upd] = col[upd]
            canopy[r0:r1, c0:c1] = np.maximum(canopy[r0:r1, c0:c1], cm)
    # canopy -> image; shadows: the canopy shifted along the shadow direction (tree height ~7 m)
    tmask = (canopy > 0) & (tree_col.sum(-1) > 0)
    img[tmask] = tree_col[tmask]
    del tree_col
    sh_e, sh_n = sdx * 7.0, sdy * 7.0
    dc_, dr_ = int(round(sh_e / res)), int(round(-sh_n / res))
    tsh = np.zeros(shape, np.float32)
    src = tmask.astype(np.float32)
    rs = slice(max(0, -dr_), H - max(0, dr_)), slice(max(0, -dc_), W - max(0, dc_))
    rd = slice(max(0, dr_), H - max(0, -dr_)), slice(max(0, dc_), W - max(0, -dc_))
    tsh[rd] = src[rs]
    tsh = ndimage.uniform_filter(tsh, 9)
    shadow = np.maximum(shadow, 0.42 * tsh)
    del tsh, src

    # ---- water
    water = ad < w2
    wi = np.nonzero(water)
    uw, dw = u[wi], d[wi]
    w2w = w2[wi]
    wc = np.array(spec.water, np.float32)
    var = noise.fbm(R("watervar"), shape, res, 25.0, 3)[wi]
    brown = np.array([118, 106, 78], np.float32)
    bmix = np.clip(0.5 + 0.35 * var, 0, 1)[:, None] * 0.45
    col = wc * (1 - bmix) + brown * bmix
    edge = np.exp(-(w2w - np.abs(dw)) / 2.2)
    col *= (1.0 - 0.28 * edge)[:, None]
    col *= (1.0 + 0.05 * np.tanh(0.5 * var))[:, None]
    rip_t = noise.tile(R("ripple"), 256, 10.0, 3)
    rip = noise.sample_tile(rip_t, uw / 0.09, dw / 0.2)
    rip2 = noise.sample_tile(rip_t, uw / 0.021 + 91.0, dw / 0.05 + 17.0)
    col *= (1.0 + 0.045 * rip + 0.02 * rip2)[:, None]
    img[wi] = col
    del col, var, bmix, edge

    # ---- plumes: muddy tributary inflow (hard negative), then the dye discharges
    pn1 = noise.fbm(R("pn1"), shape, res, 5.0, 3, min_cell_px=4)[wi]
    pn2 = noise.fbm(R("pn2"), shape, res, 3.0, 3, min_cell_px=3)[wi]
    pn3 = noise.fbm(R("pn3"), shape, res, 1.6, 3, min_cell_px=2)[wi]
    if spec.tributary is not None:
        tu, tside, tw = spec.tributary
        mud = DischargeSpec("trib", "brown", (136, 110, 74), tu, tside, "none", length=30.0, spread=0.35, alpha=0.7)
        a = plume_alpha(spec, ch, mud, uw, dw, pn1, pn2, pn3, q0=tw / 2)
        cur = img[wi]
        img[wi] = cur * (1 - a[:, None]) + np.array(mud.rgb, np.float32) * a[:, None]
        le, ln = ch.to_en(tu, tside * float(ch.width(tu)) / 2)
        lon, lat = origin.to_lonlat(le, ln)
        hard_negatives.append(dict(kind="muddy-tributary", enu=[float(le), float(ln)],
                                   lonLat=[float(lon), float(lat)], colour=list(mud.rgb)))
    discharges = []
    for ds in spec.discharges:
        a = plume_alpha(spec, ch, ds, uw, dw, pn1, pn2, pn3)
        dye = np.array(ds.rgb, np.float32) * (1.0 + 0.05 * pn3)[:, None]
        cur = img[wi]
        img[wi] = cur * (1 - a[:, None]) + dye * a[:, None]
        full = np.zeros(shape, np.float32)
        full[wi] = a
        se, sn = ch.to_en(ds.u, ds.side * (float(ch.width(ds.u)) / 2 - 0.5))
        lon, lat = origin.to_lonlat(se, sn)
        discharges.append(Discharge(ds.id, ds.colour, tuple(ds.rgb), (float(se), float(sn)),
                                    (float(lon), float(lat)), full > 0.06, full if keep_alpha else None))
        del full

    # ---- sun glint specks on the water (fewer over dense dye)
    dye_tot = np.zeros(len(uw), np.float32)
    for dsc in discharges:
        dye_tot = np.maximum(dye_tot, dsc.mask[wi].astype(np.float32))
    gl = noise.sample_tile(rip_t, uw / 0.012 + 40.0, dw / 0.02 + 3.0) + 0.8 * gr[wi]
    spark = _smoothstep(3.4, 4.4, gl) * (1.0 - 0.8 * dye_tot)
    cur = img[wi]
    img[wi] = cur + (np.array([250, 250, 240], np.float32) - cur) * spark[:, None]
    del gl, spark, uw, dw, w2w, pn1, pn2, pn3, dye_tot

    # ---- outlets: a concrete pipe on the bank / a culvert mouth in the wall
    for ds in spec.discharges:
        if ds.outlet == "none":
            continue
        w2s = float(ch.width(ds.u)) / 2
        q = ds.side * d - w2s       # > 0 on land
        du = u - ds.u
        if ds.outlet == "pipe":
            body = (np.abs(du) < 0.45) & (q > -0.15) & (q < bw + 1.0)
            shade = (0.8 + 0.3 * (du / 0.45) * (1 if SUN_AZ < 180 else -1))
            pc = np.array([176, 174, 166], np.float32)
            img[body] = (pc * np.clip(shade, 0.6, 1.15)[..., None])[body]
            mouth = ((du / 0.42) ** 2 + ((q + 0.05) / 0.18) ** 2) < 1
            img[mouth] = (28, 28, 30)
            collar = (np.abs(du) < 0.6) & (np.abs(q - 0.35) < 0.12)
            img[collar] = (140, 138, 130)
        else:
            wall = (np.abs(du) < 1.3) & (q > -0.1) & (q < 1.2)
            img[wall] = (170, 168, 160)
            hole = (np.abs(du) < 0.7) & (q > -0.1) & (q < 0.7)
            img[hole] = (24, 24, 26)

    # ---- boat with a V wake (heading +u)
    if spec.boat is not None:
        bu, bd = spec.boat
        a_ = bu - u
        lat = d - bd
        near = (a_ > 2.5) & (a_ < 45) & (np.abs(lat) < 20)
        arm = np.abs(np.abs(lat) - (a_ - 2.5) * math.tan(math.radians(19.5)))
        ap = np.maximum(a_, 0)
        wk = np.where(near, np.exp(-arm ** 2 / (2 * (0.3 + 0.02 * ap) ** 2)) * np.exp(-ap / 18), 0)
        core = np.where((a_ > 2.5) & (a_ < 40), np.exp(-lat ** 2 / (2 * (0.7 + 0.04 * ap) ** 2)) * np.exp(-ap / 12), 0)
        foam = (0.55 * wk + 0.5 * core * (0.6 + 0.4 * np.clip(gr, -1, 1))) * water
        _blend(img, (205, 210, 205), np.clip(foam, 0, 0.8))
        hull = ((a_ / 3.2 + 0.0) ** 2 + (lat / 1.1) ** 2 < 1) & (a_ > -3.2)
        bow = (a_ < -1.5) & (np.abs(lat) < 1.1 * (a_ + 3.6) / 2.1) & (a_ > -3.6)
        boat = (hull & (a_ > -1.5)) | bow
        img[boat] = (196, 196, 190)
        cabin = (a_ > 0.3) & (a_ < 2.2) & (np.abs(lat) < 0.75)
        img[cabin] = (64, 96, 150)
        be, bn = ch.to_en(bu, bd)
        lon, lat_ = origin.to_lonlat(be, bn)
        hard_negatives.append(dict(kind="boat-wake", enu=[float(be), float(bn)], lonLat=[float(lon), float(lat_)]))
        del a_, lat, near, arm, wk, core, foam

    # ---- shadows, fine grain, quantise
    shadow *= (canopy < 0.5)
    shadow *= np.where(water, 0.55, 1.0).astype(np.float32)
    img *= (1.0 - shadow)[..., None]
    img *= (1.0 + 0.035 * gr)[..., None]
    out = np.clip(img + 0.5, 0, 255).astype(np.uint8)
    return World(spec, origin, out, discharges, hard_negatives)
