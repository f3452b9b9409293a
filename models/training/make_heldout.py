"""The project's own held-out photos: DJI-style JPEGs (EXIF, GPS, drone-dji XMP; camera FC6310 at 2400 x 1800)
with truth.json in the outside evaluation set's truth format, so `npm run eval` scores both sets alike.

Two kinds, from the two training generators but with the 'heldout' split's own seeds and parameter ranges
(held-out pool photos, colours training never sees, other plume lengths and channel widths):
- composite (two in three): a nadir scene composited at the training GSD (composite/example.compose) over
  the photo's footprint, then resampled to the photo's pixels; the GSD at the photo is 1.5 to 4.5 cm/px;
- render (one in three): a scene ray-cast through the camera (scene/), one photo in five oblique.
About 55 % of composite photos and half of the rendered ones show a discharge.

    /usr/bin/python3 -m models.training.make_heldout /tmp/outfall-heldout --n 150 --seed 7     # the test set
    /usr/bin/python3 -m models.training.make_heldout /tmp/outfall-val --n 150 --seed 11        # threshold choice
"""
from __future__ import annotations

import argparse
import json
import math
import os
import sys
import time

import numpy as np

from PIL import Image

from models.training import dataset as D
from models.training.composite import example as CE, finish as CF
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


def source_record(k, i, x, y, lonlat, colour, rgb, faint, structure, visible_len_m, bbox):
    return dict(id=f"{k}-{i}", pixel=[round(float(x), 2), round(float(y), 2)],
                lonlat=[round(float(lonlat[0]), 9), round(float(lonlat[1]), 9)], color=colour, rgb=rgb,
                faint=bool(faint), structure=structure, visible_len_m=round(float(visible_len_m), 2), bbox=bbox)


def composite_photo(seed: int, k: int, out: str):
    """A composited nadir photo; returns its truth record."""
    rng = CE.rng_for(seed * 100003 + k, "heldout", "photo")
    g = math.exp(rng.uniform(math.log(0.015), math.log(0.045)))
    cg = D.TRAINING_GSD
    cw, chh = int(round(CAM.width * g / cg)), int(round(CAM.height * g / cg))
    positive = rng.random() < 0.55
    n_src = (1 if rng.random() < 0.6 else 2 if rng.random() < 0.75 else 3) if positive else 0
    n_look = int(rng.integers(0, 4))
    mx, my = int(0.12 * cw), int(0.12 * chh)           # sources inside the frame, not at its very edge
    sc = CE.compose(rng, "heldout", (chh, cw), cg, n_src, n_look, inside=(mx, my, cw - mx, chh - my))
    rgb = CF.photometric(sc["rgb"], rng)
    big = np.asarray(Image.fromarray(np.clip(rgb + 0.5, 0, 255).astype(np.uint8)).resize((CAM.width, CAM.height), Image.BICUBIC), np.float32)
    big += rng.standard_normal(big.shape).astype(np.float32) * np.float32(rng.uniform(0.5, 2.5))
    yaw = float(rng.uniform(-180, 180))
    pose = geo.Pose(0.0, 0.0, g * CAM.fx, yaw, -90.0, 0.0)
    lon0, lat0 = PLACES[int(rng.integers(len(PLACES)))]
    origin = Origin(lon0 + rng.uniform(-0.05, 0.05), lat0 + rng.uniform(-0.05, 0.05))
    ground_alt = float(rng.uniform(10, 30))
    sx, sy = CAM.width / cw, CAM.height / chh
    sources = []
    vis = sc["visible"] > CE.VISIBLE
    yy, xx = np.mgrid[0:chh, 0:cw]
    for i, (x, y, info) in enumerate(sc["sources"]):
        mine = vis & (info["alpha"] > 0.02)
        d = np.hypot(xx + 0.5 - x, yy + 0.5 - y) * cg
        if (mine & (d < 3.0)).sum() < 12:                  # its plume cannot be seen at the source
            continue
        ys, xs = np.nonzero(mine)
        bbox = [int(xs.min() * sx), int(ys.min() * sy), int(math.ceil((xs.max() + 1) * sx)), int(math.ceil((ys.max() + 1) * sy))]
        px, py = x * sx, y * sy
        e, nn, _ = geo.cast(CAM, pose, np.array(px), np.array(py))
        lonlat = origin.to_lonlat(float(e), float(nn))
        sources.append(source_record(k, i, px, py, lonlat, info["color"], info["rgb"], info["faint"],
                                     info["structure"], float(d[mine].max()), bbox))
    lon, lat = (float(v) for v in origin.to_lonlat(0.0, 0.0))
    meta = dict(date=f"2025-07-{1 + k % 28:02d}T09:{k % 60:02d}:00", lat=lat, lon=lon,
                absolute_altitude=ground_alt + pose.height, relative_altitude=pose.height,
                gimbal=(pose.yaw, pose.pitch, pose.roll), flight=(pose.yaw, 1.0, 0.0))
    data = djifile.encode(np.clip(big + 0.5, 0, 255).astype(np.uint8), CAM, meta, quality=int(rng.integers(80, 95)))
    name = f"HELD_{k:04d}.JPG"
    with open(os.path.join(out, name), "wb") as f:
        f.write(data)
    return dict(file=name, kind="composite", width=CAM.width, height=CAM.height, positive=bool(sources),
                gsd_m=round(g, 5), yaw_deg=round(yaw, 2), lat=lat, lon=lon, rel_alt=round(pose.height, 2),
                model=CAM.model, water=sc["what"], sources=sources,
                distractors=[dict(type=t) for t in sc["looks"]])


def render_photo_record(seed: int, k: int, out: str):
    """A ray-cast photo (scene/); returns its truth record."""
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
            ys, xs = np.nonzero(mask)
            bbox = [int(xs.min()), int(ys.min()), int(xs.max()) + 1, int(ys.max()) + 1] if xs.size else None
            sources.append(source_record(k, i, x, y, (slon, slat), p.colour, [round(c) for c in p.rgb],
                                         p.alpha < 0.45, p.outlet, min(p.length * 2.0, 60.0), bbox))
    gsd = pose.height / math.sin(math.radians(-pose.pitch)) / CAM.fx
    return dict(file=name, kind="render", width=CAM.width, height=CAM.height, positive=bool(sources),
                gsd_m=round(gsd, 5), yaw_deg=round(pose.yaw, 2), lat=lat, lon=lon, rel_alt=round(pose.height, 2),
                model=CAM.model, water=sc.ws.kind, sources=sources, distractors=[dict(type=kind)],
                oblique=pose.pitch > -80)


def _photo(job: tuple[int, int, str]) -> tuple[dict, float]:
    """Photo k of the set (a function of seed and k only, so any process may make it) and its seconds."""
    seed, k, out = job
    t = time.time()
    rec = render_photo_record(seed, k, out) if k % 3 == 2 else composite_photo(seed, k, out)
    return rec, time.time() - t


def make(out: str, n: int, seed: int, log=print, workers: int = 1) -> dict:
    """n photos: k % 3 == 2 rendered, the others composited. With workers > 1 they are made in that many
    processes; each photo depends on (seed, k) alone, so the files and the truth are the same."""
    os.makedirs(out, exist_ok=True)
    photos = []
    t_all = time.time()
    jobs = [(seed, k, out) for k in range(n)]
    if workers > 1:
        import multiprocessing
        pool = multiprocessing.get_context("fork").Pool(workers)
        made = pool.imap(_photo, jobs)
    else:
        pool, made = None, map(_photo, jobs)
    for rec, seconds in made:
        photos.append(rec)
        log(f"{rec['file']}: {rec['kind']} {rec['water']}, sources {len(rec['sources'])}, {seconds:.2f} s")
    if pool is not None:
        pool.close()
        pool.join()
    truth = dict(generator="outfall-scout/models/training/make_heldout 3.0 (composite + render)",
                 command=f"python3 -m models.training.make_heldout {out} --n {n} --seed {seed}",
                 seed=seed, n=n, split="heldout", pixelConvention=PIXEL_CONVENTION, photos=photos,
                 secondsPerPhoto=round((time.time() - t_all) / max(n, 1), 3))
    with open(os.path.join(out, "truth.json"), "w") as f:
        json.dump(truth, f, indent=1, ensure_ascii=False)
        f.write("\n")
    return truth


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("out", nargs="?", default="/tmp/outfall-heldout")
    ap.add_argument("--n", type=int, default=150)
    ap.add_argument("--seed", type=int, default=7)
    ap.add_argument("--workers", type=int, default=1, help="processes making photos (the same photos either way)")
    a = ap.parse_args(argv)
    truth = make(a.out, a.n, a.seed, workers=a.workers)
    print(f"{a.n} photos, {sum(p['positive'] for p in truth['photos'])} with a discharge source in view, "
          f"{truth['secondsPerPhoto']} s per photo")
    return 0


if __name__ == "__main__":
    sys.exit(main())
