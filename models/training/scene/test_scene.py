"""Tests for the synthetic scene generator:  /usr/bin/python3 -m unittest discover models/training/scene

* labels match images (small world rendered here, and the committed samples/ against samples/truth.json)
* projection round trip (a marker painted at a known ground point is found at the projected pixel)
* determinism (same seed -> same bytes)
* DJI metadata (EXIF GPS + drone-dji XMP) written as declared
"""
from __future__ import annotations

import dataclasses
import io
import json
import math
import os
import tempfile
import unittest

import numpy as np
from PIL import Image
from scipy import ndimage

from models.training.scene import djifile, geo, make_samples, render, world as W

ROOT = os.path.abspath(os.path.join(os.path.dirname(__file__), "..", "..", ".."))
SAMPLES = os.path.join(ROOT, "samples")

SMALL = W.WorldSpec(
    name="test-river", lon=113.4420, lat=30.3960, ground_alt=27.0,
    east0=-30.0, east1=30.0, north0=-22.0, north1=22.0, res=0.05,
    kind="river", theta=0.0, flow=1, width=18.0, width_var=1.0, meanders=((2.0, 90.0, 0.3),),
    embankments=((-1, -20.0, 0.0),), roads=((14.0, 4.0, "asphalt"),), field_d=18.0,
    discharges=(W.DischargeSpec("T", "red", make_samples.RED, u=-12.0, side=-1, outlet="pipe", length=12.0),),
    houses=(W.House(-20.0, 17.0, 5.0, 7.0, 10.0, (158, 62, 48), kind="red-roof"),),
    tree_clumps=6, keepout=((-12.0, -9.0, 8.0),),
)
SMALL_CAM = geo.Camera(**dict(geo.FC6310, width=600, height=400))


def dye_like(rgb: np.ndarray) -> np.ndarray:
    """Red/purple dye: red and blue both well above green (rules out red roofs, brown mud, green water)."""
    r, g, b = (rgb[..., i].astype(np.int32) for i in range(3))
    return (r - g > 45) & (b - g > 25)


class Geometry(unittest.TestCase):
    def test_rotation_is_orthonormal_and_conventions(self):
        for yaw, pitch, roll in [(0, -90, 0), (37, -45, 3), (-120, -10, -7)]:
            r = geo.rotation(yaw, pitch, roll)
            np.testing.assert_allclose(r.T @ r, np.eye(3), atol=1e-12)
            self.assertAlmostEqual(np.linalg.det(r), 1.0, places=12)
        cam = SMALL_CAM
        nadir = geo.Pose(0, 0, 40, 0, -90, 0)
        x, y, _ = geo.project(cam, nadir, 0, 5)      # north -> up in the image
        self.assertAlmostEqual(float(x), cam.cx, places=6)
        self.assertLess(float(y), cam.cy)
        x, y, _ = geo.project(cam, nadir, 5, 0)      # east -> right
        self.assertGreater(float(x), cam.cx)
        x, y, _ = geo.project(cam, geo.Pose(0, 0, 40, 90, -90, 0), 5, 0)   # yaw 90: east -> up
        self.assertLess(float(y), cam.cy)
        # nadir scale: fx pixels per (metre / height)
        x, _, _ = geo.project(cam, nadir, 4, 0)
        self.assertAlmostEqual(float(x) - cam.cx, cam.fx * 4 / 40, places=6)
        # pitch 0 looks at the horizon: the centre ray is horizontal, pointing along the yaw
        d = geo.rays(cam, geo.Pose(0, 0, 40, 30, 0, 0), cam.cx, cam.cy)
        np.testing.assert_allclose(d, [math.sin(math.radians(30)), math.cos(math.radians(30)), 0], atol=1e-12)
        # roll positive = right side down: the right edge of a horizon-looking camera sees lower
        d = geo.rays(cam, geo.Pose(0, 0, 40, 0, 0, 10), cam.width, cam.cy)
        self.assertLess(float(d[2]), 0)

    def test_cast_inverts_project(self):
        rng = np.random.default_rng(3)
        for pose in [geo.Pose(3, -2, 45, 20, -89.9, 0), geo.Pose(-5, 4, 28, -15, -45, 0), geo.Pose(0, 0, 60, 133, -60, 4)]:
            px = rng.uniform(0, SMALL_CAM.width, 50)
            py = rng.uniform(0, SMALL_CAM.height, 50)
            e, n, hit = geo.cast(SMALL_CAM, pose, px, py)
            self.assertTrue(hit.all())
            x, y, z = geo.project(SMALL_CAM, pose, e, n)
            np.testing.assert_allclose(x, px, atol=1e-6)
            np.testing.assert_allclose(y, py, atol=1e-6)

    def test_lonlat_enu_round_trip(self):
        o = geo.Origin(113.442, 30.396)
        lon, lat = o.to_lonlat(123.4, -56.7)
        e, n = o.to_enu(lon, lat)
        self.assertAlmostEqual(float(e), 123.4, places=6)
        self.assertAlmostEqual(float(n), -56.7, places=6)
        # one degree of latitude near 30.4 N is about 110.86 km
        _, lat1 = o.to_lonlat(0, 110860.0)
        self.assertAlmostEqual(float(lat1) - 30.396, 1.0, places=2)

    def test_marker_found_at_projected_pixel(self):
        """Render a flat world with a bright 0.4 m marker at a known point; find it where project() says."""
        spec = dataclasses.replace(SMALL, res=0.02)
        h = int(round((spec.north1 - spec.north0) / spec.res))
        w = int(round((spec.east1 - spec.east0) / spec.res))
        rgb = np.full((h, w, 3), 90, np.uint8)
        world = W.World(spec, geo.Origin(spec.lon, spec.lat), rgb, [])
        me, mn = 6.37, -4.81
        row, col = world.to_rc(me, mn)
        rr, cc = np.mgrid[0:h, 0:w]
        rgb[(np.abs(rr - row) * spec.res <= 0.2) & (np.abs(cc - col) * spec.res <= 0.2)] = 250
        for pose in [geo.Pose(0, 0, 30, 0, -90, 0), geo.Pose(2, -3, 35, 37, -89.9, 0),
                     geo.Pose(-4, -25, 20, 15, -45, 0), geo.Pose(1, 1, 25, 120, -70, 2.5)]:
            raw = render.render_raw(world, SMALL_CAM, pose)
            x, y, z = geo.project(SMALL_CAM, pose, me, mn)
            self.assertTrue(geo.inside(SMALL_CAM, x, y, z), pose)
            wgt = np.clip(raw[..., 0] - 90, 0, None)
            self.assertGreater(wgt.sum(), 0, pose)
            yy, xx = np.mgrid[0:SMALL_CAM.height, 0:SMALL_CAM.width]
            cx = (wgt * (xx + 0.5)).sum() / wgt.sum()
            cy = (wgt * (yy + 0.5)).sum() / wgt.sum()
            self.assertLess(math.hypot(cx - float(x), cy - float(y)), 0.75, (pose, cx, cy, float(x), float(y)))


class SmallWorld(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.world = W.build(SMALL, seed=11, keep_alpha=True)

    def test_alpha_peaks_at_the_recorded_source(self):
        d = self.world.discharges[0]
        a = d.alpha
        r, c = self.world.to_rc(*d.source_en)
        r, c = int(round(float(r))), int(round(float(c)))
        self.assertGreaterEqual(a[r, c], 0.9 * a.max())
        # the maximum region is within a metre of the source
        rr, cc = np.nonzero(a >= 0.98 * a.max())
        dist = np.hypot(rr - r, cc - c) * SMALL.res
        self.assertLess(float(np.median(dist)), 1.5)
        self.assertTrue(d.mask[r, c])

    def test_label_lies_on_drawn_dye_and_not_outside(self):
        d = self.world.discharges[0]
        for pose in [geo.Pose(-6, -4, 30, 0, -90, 0), geo.Pose(-10, -30, 18, 10, -45, 0)]:
            img = render.render(self.world, SMALL_CAM, pose, seed=5)
            x, y, z = geo.project(SMALL_CAM, pose, *d.source_en)
            self.assertTrue(geo.inside(SMALL_CAM, x, y, z))
            xi, yi = int(x), int(y)
            win = img[max(0, yi - 3):yi + 4, max(0, xi - 3):xi + 4]
            self.assertGreater(dye_like(win).mean(), 0.8, (pose, win.reshape(-1, 3)[:5]))
            m = render.render_mask(self.world, d.mask, SMALL_CAM, pose)
            far = ~ndimage.binary_dilation(m, iterations=6)
            self.assertLess(dye_like(img)[far].mean(), 0.001)

    def test_determinism(self):
        again = W.build(SMALL, seed=11)
        self.assertEqual(self.world.rgb.tobytes(), again.rgb.tobytes())
        other = W.build(SMALL, seed=12)
        self.assertNotEqual(self.world.rgb.tobytes(), other.rgb.tobytes())

    def test_make_is_byte_deterministic(self):
        shots = (make_samples.Shot("DJI_0001.JPG", "test-river", -6, -4, 30, 0, -90, 0, (1, 2, 0), "2024-05-14T09:12:05"),
                 make_samples.Shot("DJI_0002.JPG", "test-river", 8, 10, 30, 90, -90, 0, (91, 2, 0), "2024-05-14T09:12:09"))
        cam_kw = dict(geo.FC6310, width=600, height=400)
        outs = []
        for _ in range(2):
            with tempfile.TemporaryDirectory() as tmp:
                truth = make_samples.make(tmp, 7, (SMALL,), shots, cam_kw, log=lambda *_: None)
                files = {}
                for root, _dirs, names in os.walk(tmp):
                    for nm in names:
                        with open(os.path.join(root, nm), "rb") as f:
                            files[os.path.relpath(os.path.join(root, nm), tmp)] = f.read()
                outs.append(files)
        self.assertEqual(sorted(outs[0]), sorted(outs[1]))
        for k in outs[0]:
            self.assertEqual(outs[0][k], outs[1][k], k)
        self.assertTrue(truth["photos"][0]["discharge"])
        self.assertFalse(truth["photos"][1]["discharge"])

    def test_dji_metadata(self):
        meta = dict(date="2024-05-14T09:12:05", lat=30.39612345, lon=113.44198765, absolute_altitude=72.2,
                    relative_altitude=45.2, gimbal=(-15.0, -45.0, 0.0), flight=(-14.1, 0.9, -0.3))
        img = np.zeros((SMALL_CAM.height, SMALL_CAM.width, 3), np.uint8)
        data = djifile.encode(img, SMALL_CAM, meta)
        self.assertLess(data.index(b"Exif\x00\x00"), data.index(djifile.XMP_HEADER))
        self.assertEqual(data[2:4], b"\xff\xe1")                  # EXIF first, no JFIF, like DJI
        self.assertGreater(djifile.xmp_offset(data), 520)          # beyond exifr's first 512-byte chunk
        im = Image.open(io.BytesIO(data))
        ex = im.getexif()
        self.assertEqual(ex[0x010F], "DJI")
        self.assertEqual(ex[0x0110], "FC6310")
        gps = ex.get_ifd(0x8825)
        lat = sum(float(v) / 60 ** i for i, v in enumerate(gps[2]))
        self.assertAlmostEqual(lat, meta["lat"], places=7)
        self.assertEqual(gps[1], "N")
        self.assertEqual(gps[3], "E")
        exif_ifd = ex.get_ifd(0x8769)
        self.assertAlmostEqual(float(exif_ifd[0x920A]), 8.8)
        self.assertEqual(exif_ifd[0xA405], 24)
        xmp = data[data.index(b"<x:xmpmeta"):data.index(b"</x:xmpmeta>")].decode()
        self.assertIn('drone-dji:RelativeAltitude="+45.20"', xmp)
        self.assertIn('drone-dji:GimbalPitchDegree="-45.00"', xmp)
        self.assertIn('xmlns:drone-dji="http://www.dji.com/drone-dji/1.0/"', xmp)


@unittest.skipUnless(os.path.exists(os.path.join(SAMPLES, "truth.json")), "samples/truth.json not generated")
class CommittedSamples(unittest.TestCase):
    """The committed samples agree with their truth: dye at every labelled source, none elsewhere."""

    @classmethod
    def setUpClass(cls):
        with open(os.path.join(SAMPLES, "truth.json")) as f:
            cls.truth = json.load(f)

    def test_sources_on_dye_and_negatives_clean(self):
        for p in self.truth["photos"]:
            img = np.asarray(Image.open(os.path.join(SAMPLES, p["file"])).convert("RGB"))
            self.assertEqual(img.shape[:2], (p["height"], p["width"]))
            dl = dye_like(img)
            for s in p["sources"]:
                x, y = s["pixel"]
                xi, yi = int(x), int(y)
                self.assertTrue(0 <= xi < p["width"] and 0 <= yi < p["height"])
                win = dl[max(0, yi - 4):yi + 5, max(0, xi - 4):xi + 5]
                self.assertGreater(win.mean(), 0.8, (p["file"], s["id"]))
            if p["plumeMask"] and os.path.exists(os.path.join(SAMPLES, p["plumeMask"])):
                m = np.asarray(Image.open(os.path.join(SAMPLES, p["plumeMask"]))) > 0
                far = ~ndimage.binary_dilation(m, iterations=8)
                self.assertLess(dl[far].mean(), 0.001, p["file"])
                self.assertGreater(int(dl[m].sum()), 500, p["file"])   # the mask (alpha > 0.06) is mostly faint dye
            elif not p["sources"]:
                self.assertLess(dl.mean(), 0.0005, p["file"])
            self.assertEqual(p["discharge"], bool(p["sources"]))
            self.assertLessEqual(os.path.getsize(os.path.join(SAMPLES, p["file"])), 1_500_000)


if __name__ == "__main__":
    unittest.main()
