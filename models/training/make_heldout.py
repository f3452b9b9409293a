"""Held-out full-size photos from the 'heldout' split's parameter ranges: DJI-style JPEGs (EXIF, GPS,
drone-dji XMP; camera FC6310 rendered at 2400 x 1800) over random rivers and canals, any yaw, one in five
oblique, about half with a discharge in view; truth.json in samples/truth.json's schema.

The flying height follows from a ground sample distance drawn log-uniformly over the product's range, 1.5 to
5 cm/px at the photo's centre (20 to 82 m up for nadir photos with this camera and resolution; oblique photos
fly lower for the same GSD). Version 1 of this set rendered 1600 x 1200 photos from 30 to 90 m, i.e. 2.7 to 8
cm/px nadir and up to 11 cm/px oblique, coarser than any drone survey the product is for.

    /usr/bin/python3 -m models.training.make_heldout /tmp/outfall-heldout --n 200 --seed 7
"""
from __future__ import annotations

import argparse
import json
import math
import os
import sys
import time

import numpy as np

from models.training import dataset as D
from models.training.scene import GENERATOR, djifile, geo, render, tile_params, tile_world
from models.training.scene.make_samples import PIXEL_CONVENTION
from models.training.scene.geo import Origin

CAM = geo.Camera(**dict(geo.FC6310, width=2400, height=1800))
GSD = (0.015, 0.05)  # m/px at the photo centre
HEIGHT = (20.0, 120.0)
PLACES = ((113.44, 30.40), (112.21, 30.39), (114.30, 30.59), (120.30, 31.57), (118.78, 32.05), (121.47, 31.23))
CHUNK = 200          # rows shaded at a time


def shot(seed: int, k: int):
    """Scene, pose, origin and whether a discharge is meant to be in view, for photo k."""
    rng = D.rng_for(seed * 100003 + k, "heldout", "photo")
    oblique = rng.random() < 0.2
    pitch = rng.uniform(-70, -45) if oblique else -90.0 + rng.uniform(0, 2)
    gsd = math.exp(rng.uniform(*map(math.log, GSD)))
    h = min(max(gsd * CAM.fx * math.sin(math.radians(-pitch)), HEIGHT[0]), HEIGHT[1])
    gsd = h / math.sin(math.radians(-pitch)) / CAM.fx
    span = CAM.width * gsd * 0.5
    want = ("discharge" if rng.random() < 0.5 else
            tile_params.NEGATIVES[int(rng.choice(len(tile_params.NEGATIVES), p=tile_params.NEG_P))])
    sc, focus, kind = tile_params.draw(rng, "heldout", want, span)
    yaw = rng.uniform(-180, 180)
    el = math.radians(-pitch)
    back = h / math.tan(el)
    fe, fn = focus[0] + rng.normal(0, span * 0.2), focus[1] + rng.normal(0, span * 0.2)
    pose = geo.Pose(fe - back * math.sin(math.radians(yaw)), fn - back * math.cos(math.radians(yaw)), h, yaw, pitch,
                    0.0)
    lon, lat = PLACES[int(rng.integers(len(PLACES)))]
    origin = Origin(lon + rng.uniform(-0.05, 0.05), lat + rng.uniform(-0.05, 0.05))
    return sc, pose, origin, kind, float(rng.uniform(10, 30)), rng


def render_photo(sc, pose):
    """Shaded photo (float32) and the visible-discharge mask, in row chunks (rays above the horizon: sky)."""
    img = np.empty((CAM.height, CAM.width, 3), np.float32)
    mask = np.zeros((CAM.height, CAM.width), bool)
    px = np.arange(CAM.width, dtype=np.float64) + 0.5
    for r0 in range(0, CAM.height, CHUNK):
        py = np.arange(r0, r0 + CHUNK, dtype=np.float64) + 0.5
        e, n, hit = geo.cast(CAM, pose, px[None, :], py[:, None])
        e = np.where(hit, e, pose.east)
        n = np.where(hit, n, pose.north)
        out = tile_world.shade(sc, e.ravel(), n.ravel(), (CHUNK, CAM.width))
        img[r0:r0 + CHUNK] = np.where(hit[..., None], out["rgb"].reshape(CHUNK, CAM.width, 3), render.SKY_HORIZON)
        mask[r0:r0 + CHUNK] = (out["vis"].reshape(CHUNK, CAM.width) > D.VISIBLE) & hit
    return img, mask


def make(out: str, n: int, seed: int, log=print) -> dict:
    os.makedirs(out, exist_ok=True)
    photos = []
    t_all = time.time()
    for k in range(n):
        t = time.time()
        sc, pose, origin, kind, ground_alt, rng = shot(seed, k)
        raw, mask = render_photo(sc, pose)
        img = render.finish(raw, CAM, int(rng.integers(1 << 31)))
        lon, lat = (float(v) for v in origin.to_lonlat(pose.east, pose.north))
        meta = dict(date=f"2025-06-{1 + k % 28:02d}T10:{k % 60:02d}:00", lat=lat, lon=lon,
                    absolute_altitude=ground_alt + pose.height, relative_altitude=pose.height,
                    gimbal=(pose.yaw, pose.pitch, pose.roll), flight=(pose.yaw, 1.0, 0.0))
        data = djifile.encode(img, CAM, meta, quality=int(rng.integers(80, 95)))
        name = f"HELD_{k:04d}.JPG"
        with open(os.path.join(out, name), "wb") as f:
            f.write(data)
        sources = []
        for i, p in enumerate(q for q in sc.plumes if q.discharge):
            se, sn = tile_world.source_point(sc, p)
            x, y, z = geo.project(CAM, pose, se, sn)
            if geo.inside(CAM, x, y, z):
                slon, slat = origin.to_lonlat(se, sn)
                sources.append(dict(id=f"{k}-{i}", pixel=[round(float(x), 2), round(float(y), 2)],
                                    lonLat=[round(float(slon), 8), round(float(slat), 8)],
                                    enu=[round(se - pose.east, 3), round(sn - pose.north, 3)],
                                    colour=p.colour, rgb=[round(c) for c in p.rgb], plumePixels=int(mask.sum())))
        photos.append(dict(
            file=name, world=f"heldout-{seed}-{k}", kind=kind if sources else kind.replace("discharge:", "negative:offscreen-"),
            discharge=bool(sources), sources=sources, plumePixelsInView=int(mask.sum()),
            bytes=len(data), width=CAM.width, height=CAM.height,
            camera=dict(make=CAM.make, model=CAM.model, sensorWidthMm=CAM.sensor_w_mm, sensorHeightMm=CAM.sensor_h_mm,
                        focalLengthMm=CAM.focal_mm, focalLength35mm=CAM.focal_35mm, fx=CAM.fx, fy=CAM.fy,
                        cx=CAM.cx, cy=CAM.cy),
            pose=dict(lonLat=[lon, lat], heightAboveGround=pose.height, absoluteAltitude=ground_alt + pose.height,
                      relativeAltitude=pose.height, yaw=pose.yaw, pitch=pose.pitch, roll=pose.roll),
            capturedAt=meta["date"]))
        log(f"{name}: {kind}, sources {len(sources)}, plume px {int(mask.sum())}, {time.time() - t:.2f} s")
    truth = dict(generator=GENERATOR, command=f"python3 -m models.training.make_heldout {out} --n {n} --seed {seed}",
                 seed=seed, split="heldout", pixelConvention=PIXEL_CONVENTION, photos=photos,
                 secondsPerPhoto=round((time.time() - t_all) / max(n, 1), 3))
    with open(os.path.join(out, "truth.json"), "w") as f:
        json.dump(truth, f, indent=1, ensure_ascii=False)
        f.write("\n")
    return truth


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("out", nargs="?", default="/tmp/outfall-heldout")
    ap.add_argument("--n", type=int, default=200)
    ap.add_argument("--seed", type=int, default=7)
    a = ap.parse_args(argv)
    truth = make(a.out, a.n, a.seed)
    print(f"{a.n} photos, {sum(p['discharge'] for p in truth['photos'])} with a discharge source in view, "
          f"{truth['secondsPerPhoto']} s per photo")
    return 0


if __name__ == "__main__":
    sys.exit(main())
