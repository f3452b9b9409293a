"""Regenerate the repository's samples/ folder: 6 DJI-like photos of two synthetic Hubei river worlds.

    /usr/bin/python3 -m models.training.scene.make_samples --out samples --seed 2024
"""
from __future__ import annotations

import argparse
import dataclasses
import json
import os
import sys
import time

import numpy as np
from PIL import Image

from . import GENERATOR, djifile, geo, render, world as W

RED = (170, 40, 120)
PURPLE = (150, 50, 160)

# A stretch of the Han River (汉江) north of Xiantao, Hubei; the river is drawn narrower (34 m) than the
# real one so that a 45 m nadir photo shows both banks. Coordinates approximate.
HAN = W.WorldSpec(
    name="han-xiantao", lon=113.4420, lat=30.3960, ground_alt=27.0,
    east0=-115.0, east1=125.0, north0=-80.0, north1=85.0, res=0.03,
    kind="river", theta=0.0, flow=1, width=34.0, width_var=2.0,
    meanders=((6.0, 180.0, 0.4), (2.0, 70.0, 1.3)), water=(96, 108, 88),
    embankments=((-1, -60.0, -12.0),), bank_width=5.0,
    roads=((34.0, 6.0, "asphalt"), (-33.0, 4.0, "gravel")), field_d=42.0,
    discharges=(
        W.DischargeSpec("A", "red", RED, u=-35.0, side=-1, outlet="pipe"),
        W.DischargeSpec("B", "purple", PURPLE, u=55.0, side=1, outlet="culvert", length=20.0),
    ),
    houses=(
        W.House(-85.0, 44.6, 8.0, 11.0, 12.0, (158, 62, 48), kind="red-roof"),
        W.House(-101.0, 47.0, 7.0, 9.0, 8.0, (112, 122, 136), kind="plain"),
        W.House(95.0, 52.0, 7.0, 10.0, -5.0, (120, 128, 140), kind="plain"),
    ),
    tree_clumps=45,
    keepout=((-35.0, -23.0, 16.0), (55.0, 21.0, 16.0)),
)

# A straight concrete canal north of Jingzhou, Hubei (the Yangtze-Han water diversion canal; drawn 24 m
# wide). Coordinates approximate.
CANAL = W.WorldSpec(
    name="jingzhou-canal", lon=112.2100, lat=30.3900, ground_alt=33.0,
    east0=-90.0, east1=90.0, north0=-120.0, north1=120.0, res=0.03,
    kind="canal", theta=100.0, flow=-1, width=24.0, width_var=0.0, meanders=(), water=(86, 108, 98),
    bank_width=5.0, roads=((20.0, 5.0, "asphalt"), (-20.0, 5.0, "gravel")), field_d=26.0,
    discharges=(W.DischargeSpec("C", "red", RED, u=40.0, side=-1, outlet="culvert", length=24.0),),
    houses=(W.House(-48.0, -15.0, 8.0, 12.0, 10.0, (118, 124, 132), kind="plain"),),
    tributary=(-60.0, 1, 4.0), boat=(-82.0, 4.0), tree_clumps=35,
    keepout=((4.4, 41.4, 16.0),),
)

CAM = dict(geo.FC6310, width=2400, height=1600)


@dataclasses.dataclass(frozen=True)
class Shot:
    file: str
    world: str
    east: float
    north: float
    height: float
    yaw: float
    pitch: float
    roll: float
    flight: tuple[float, float, float]   # aircraft yaw, pitch, roll
    date: str


SHOTS = (
    Shot("DJI_0101.JPG", "han-xiantao", -25.0, -8.0, 45.0, 0.0, -90.0, 0.0, (1.2, 1.8, -0.6), "2024-05-14T09:12:05"),
    Shot("DJI_0102.JPG", "han-xiantao", -10.0, -12.0, 50.0, 20.0, -89.9, 0.0, (21.5, 2.1, 0.4), "2024-05-14T09:12:19"),
    Shot("DJI_0103.JPG", "han-xiantao", 65.4, -17.8, 28.0, -15.0, -45.0, 0.0, (-14.1, 0.9, -0.3), "2024-05-14T09:14:02"),
    Shot("DJI_0104.JPG", "jingzhou-canal", 1.1, 22.5, 55.0, -75.0, -90.0, 0.0, (-73.8, 1.5, 0.7), "2024-05-15T10:03:41"),
    Shot("DJI_0105.JPG", "han-xiantao", -82.0, 20.0, 45.0, 90.0, -90.0, 0.0, (91.0, 1.6, -0.2), "2024-05-14T09:10:37"),
    Shot("DJI_0106.JPG", "jingzhou-canal", 12.15, -68.9, 45.0, 10.0, -90.0, 0.0, (11.3, 2.4, 0.9), "2024-05-15T10:05:12"),
)

PIXEL_CONVENTION = ("continuous pixel coordinates in the stored (= displayed, Orientation 1) image, origin at "
                    "the top-left corner of the top-left pixel; pixel (i, j) has its centre at (i + 0.5, j + 0.5); "
                    "principal point (W/2, H/2); fx = fy = focalLengthMm * width / sensorWidthMm; no distortion")


def _quantise_position(origin: geo.Origin, east: float, north: float):
    """The camera position as EXIF can store it (1e-4 arc-seconds), back in ENU."""
    lon, lat = origin.to_lonlat(east, north)
    q = lambda x: round(x * 3600 * 10000) / (3600 * 10000)  # noqa: E731
    lon, lat = q(float(lon)), q(float(lat))
    e, n = origin.to_enu(lon, lat)
    return lon, lat, float(e), float(n)


def make(out: str, seed: int, specs=(HAN, CANAL), shots=SHOTS, cam_kw=CAM, quality: int = 85,
         log=print, masks: str | None = None) -> dict:
    """Photos and truth.json into `out`; plume masks (PNG) into `masks` when given. Masks stay out of the
    photo folder: `outfall-scout analyze samples` reads every image under it."""
    os.makedirs(out, exist_ok=True)
    if masks:
        os.makedirs(masks, exist_ok=True)
    cam = geo.Camera(**cam_kw)
    worlds = {}
    for spec in specs:
        t = time.time()
        worlds[spec.name] = W.build(spec, seed)
        log(f"world {spec.name}: {worlds[spec.name].rgb.shape[1]}x{worlds[spec.name].rgb.shape[0]} px "
            f"at {spec.res} m in {time.time() - t:.1f} s")
    photos = []
    for k, sh in enumerate(shots):
        t = time.time()
        wd = worlds[sh.world]
        lon, lat, e, n = _quantise_position(wd.origin, sh.east, sh.north)
        pose = geo.Pose(e, n, sh.height, sh.yaw, sh.pitch, sh.roll)
        img = render.render(wd, cam, pose, seed * 1000 + k)
        meta = dict(date=sh.date, lat=lat, lon=lon, absolute_altitude=wd.spec.ground_alt + sh.height,
                    relative_altitude=sh.height, gimbal=(sh.yaw, sh.pitch, sh.roll), flight=sh.flight)
        data = djifile.encode(img, cam, meta, quality=quality)
        with open(os.path.join(out, sh.file), "wb") as f:
            f.write(data)
        sources = []
        mask = np.zeros((cam.height, cam.width), bool)
        for dsc in wd.discharges:
            x, y, z = geo.project(cam, pose, dsc.source_en[0], dsc.source_en[1])
            m = render.render_mask(wd, dsc.mask, cam, pose)
            mask |= m
            if geo.inside(cam, x, y, z):
                sources.append(dict(id=dsc.id, pixel=[round(float(x), 2), round(float(y), 2)],
                                    lonLat=[round(dsc.source_lonlat[0], 8), round(dsc.source_lonlat[1], 8)],
                                    enu=[round(dsc.source_en[0], 3), round(dsc.source_en[1], 3)],
                                    colour=dsc.colour, rgb=list(dsc.rgb), plumePixels=int(m.sum())))
        negs = []
        for hn in wd.hard_negatives:
            x, y, z = geo.project(cam, pose, hn["enu"][0], hn["enu"][1])
            if geo.inside(cam, x, y, z):
                negs.append(dict(hn, pixel=[round(float(x), 2), round(float(y), 2)]))
        mask_file = None
        if mask.any() and masks:
            mask_file = os.path.relpath(os.path.join(masks, sh.file.rsplit(".", 1)[0] + ".png"), out)
            Image.fromarray((mask * 255).astype(np.uint8)).save(os.path.join(out, mask_file), optimize=True)
        ce, cn, hit = geo.cast(cam, pose, np.array([0.0, cam.width, cam.width, 0.0]),
                               np.array([0.0, 0.0, cam.height, cam.height]))
        corners = [list(map(lambda v: round(float(v), 8), wd.origin.to_lonlat(a, b))) if h else None
                   for a, b, h in zip(ce, cn, hit)]
        photos.append(dict(
            file=sh.file, world=sh.world, discharge=bool(sources), sources=sources,
            hardNegatives=negs, plumeMask=mask_file,
            bytes=len(data), width=cam.width, height=cam.height,
            camera=dict(make=cam.make, model=cam.model, sensorWidthMm=cam.sensor_w_mm,
                        sensorHeightMm=cam.sensor_h_mm, focalLengthMm=cam.focal_mm,
                        focalLength35mm=cam.focal_35mm, fx=cam.fx, fy=cam.fy, cx=cam.cx, cy=cam.cy),
            pose=dict(lonLat=[lon, lat], enu=[round(e, 4), round(n, 4)], heightAboveGround=sh.height,
                      absoluteAltitude=wd.spec.ground_alt + sh.height, relativeAltitude=sh.height,
                      yaw=sh.yaw, pitch=sh.pitch, roll=sh.roll,
                      flight=dict(yaw=sh.flight[0], pitch=sh.flight[1], roll=sh.flight[2])),
            groundCorners=corners, capturedAt=sh.date,
        ))
        log(f"{sh.file}: {len(data) / 1e6:.2f} MB, sources {[s['id'] for s in sources]}, "
            f"plume px {int(mask.sum())}, {time.time() - t:.1f} s")
    truth = dict(
        generator=GENERATOR,
        command="scripts/make-samples.sh",
        seed=seed,
        pixelConvention=PIXEL_CONVENTION,
        enuConvention="local tangent plane at the world origin: east = dLon * N(lat0) cos(lat0), "
                      "north = dLat * M(lat0) (WGS 84 radii); flat ground at z = 0",
        attitudeConvention="DJI: yaw clockwise from true north, pitch -90 straight down / 0 horizon, roll positive "
                           "right side down; camera x right, y down, z forward; at yaw 0 nadir image top = north",
        worlds=[dict(name=wd.spec.name, origin=[wd.spec.lon, wd.spec.lat], groundAltitude=wd.spec.ground_alt,
                     kind=wd.spec.kind, resolutionM=wd.spec.res,
                     extentEnu=[wd.spec.east0, wd.spec.north0, wd.spec.east1, wd.spec.north1],
                     hardNegatives=wd.hard_negatives) for wd in worlds.values()],
        photos=photos,
        discharges=[dict(id=dsc.id, world=wd.spec.name,
                         lonLat=[round(dsc.source_lonlat[0], 8), round(dsc.source_lonlat[1], 8)],
                         enu=[round(dsc.source_en[0], 3), round(dsc.source_en[1], 3)], colour=dsc.colour,
                         rgb=list(dsc.rgb), plumeAreaM2=round(float(dsc.mask.sum()) * wd.spec.res ** 2, 1),
                         photos=[p["file"] for p in photos if any(s["id"] == dsc.id for s in p["sources"])])
                    for wd in worlds.values() for dsc in wd.discharges],
    )
    with open(os.path.join(out, "truth.json"), "w") as f:
        json.dump(truth, f, indent=1, ensure_ascii=False)
        f.write("\n")
    return truth


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--out", default="samples")
    ap.add_argument("--seed", type=int, default=2024)
    ap.add_argument("--masks", default=None, help="also write plume masks (PNG) into this folder")
    ap.add_argument("--res", type=float, default=None, help="override the world resolution (m/px), for previews")
    a = ap.parse_args(argv)
    specs = (HAN, CANAL)
    if a.res:
        specs = tuple(dataclasses.replace(s, res=a.res) for s in specs)
    make(a.out, a.seed, specs, masks=a.masks)
    return 0


if __name__ == "__main__":
    sys.exit(main())
