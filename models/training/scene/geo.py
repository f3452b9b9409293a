"""Geometry: local ENU <-> WGS 84, DJI camera attitude, pinhole projection and ray casting.

Conventions (the same the TypeScript core implements, written here independently):

* ENU: x east, y north, z up, metres, origin at the world's (lon0, lat0) on the ground (z = 0 is the
  flat ground plane).
* lon/lat <-> ENU: local tangent plane with the WGS 84 meridian radius M(lat0) and prime-vertical radius
  N(lat0): east = (lon - lon0) * N cos(lat0), north = (lat - lat0) * M (radians). Over a few hundred metres
  this differs from an exact ENU conversion by millimetres.
* Attitude in degrees, DJI: yaw clockwise from true north, pitch -90 straight down and 0 at the horizon,
  roll positive = right side down (rotation about the optical axis).
* Camera frame: x right, y down, z forward (optical axis). At yaw 0 and pitch -90 the top of the image
  faces north and image x points east.
* Pixels: continuous coordinates, origin at the top-left CORNER of the top-left pixel, so pixel (i, j)
  covers [i, i+1) x [j, j+1) and its centre is (i + 0.5, j + 0.5). Principal point cx = W / 2, cy = H / 2.
  fx = fy = f_mm * W / sensor_width_mm.
"""
from __future__ import annotations

import math
from dataclasses import dataclass, asdict

import numpy as np

WGS84_A = 6378137.0
WGS84_F = 1.0 / 298.257223563
WGS84_E2 = WGS84_F * (2.0 - WGS84_F)


def radii(lat_deg: float) -> tuple[float, float]:
    """Meridian radius M and prime-vertical radius N (metres) at a latitude."""
    s = math.sin(math.radians(lat_deg))
    w = math.sqrt(1.0 - WGS84_E2 * s * s)
    n = WGS84_A / w
    m = WGS84_A * (1.0 - WGS84_E2) / (w ** 3)
    return m, n


@dataclass(frozen=True)
class Origin:
    lon: float
    lat: float

    def to_enu(self, lon, lat):
        m, n = radii(self.lat)
        e = np.radians(np.asarray(lon, dtype=np.float64) - self.lon) * n * math.cos(math.radians(self.lat))
        no = np.radians(np.asarray(lat, dtype=np.float64) - self.lat) * m
        return e, no

    def to_lonlat(self, east, north):
        m, n = radii(self.lat)
        lon = self.lon + np.degrees(np.asarray(east, dtype=np.float64) / (n * math.cos(math.radians(self.lat))))
        lat = self.lat + np.degrees(np.asarray(north, dtype=np.float64) / m)
        return lon, lat


@dataclass(frozen=True)
class Camera:
    """Pinhole camera as written into a photo's EXIF (sensor width declared in the truth)."""
    make: str
    model: str
    sensor_w_mm: float
    sensor_h_mm: float
    focal_mm: float
    focal_35mm: int
    width: int
    height: int

    @property
    def fx(self) -> float:
        return self.focal_mm * self.width / self.sensor_w_mm

    @property
    def fy(self) -> float:
        return self.fx

    @property
    def cx(self) -> float:
        return self.width / 2.0

    @property
    def cy(self) -> float:
        return self.height / 2.0

    def as_dict(self) -> dict:
        d = asdict(self)
        d.update(fx=self.fx, fy=self.fy, cx=self.cx, cy=self.cy)
        return d


# DJI Phantom 4 Pro camera; the photo is rendered smaller than its native 5472 x 3648.
# Phantom 4 Pro. Nominally a 13.2 x 8.8 mm 1" sensor; 12.833 x 8.556 mm is the calibrated width the camera table
# (src/metadata/camera-table.ts, after DroneModels) uses, so rendered and located geometry agree exactly.
FC6310 = dict(make="DJI", model="FC6310", sensor_w_mm=12.833, sensor_h_mm=8.556, focal_mm=8.8, focal_35mm=24)


@dataclass(frozen=True)
class Pose:
    """Camera position (ENU metres, z = height above the flat ground) and DJI attitude in degrees."""
    east: float
    north: float
    height: float
    yaw: float
    pitch: float
    roll: float = 0.0


def rotation(yaw: float, pitch: float, roll: float) -> np.ndarray:
    """3x3 matrix whose COLUMNS are the camera x (right), y (down), z (forward) axes in ENU."""
    ps, th, ph = math.radians(yaw), math.radians(pitch), math.radians(roll)
    fwd = np.array([math.sin(ps) * math.cos(th), math.cos(ps) * math.cos(th), math.sin(th)])
    right0 = np.array([math.cos(ps), -math.sin(ps), 0.0])
    up0 = np.array([-math.sin(ps) * math.sin(th), -math.cos(ps) * math.sin(th), math.cos(th)])
    right = right0 * math.cos(ph) - up0 * math.sin(ph)
    up = up0 * math.cos(ph) + right0 * math.sin(ph)
    return np.stack([right, -up, fwd], axis=1)


def project(cam: Camera, pose: Pose, east, north, up=0.0):
    """ENU points -> continuous pixel coordinates (x, y) and depth along the optical axis (z_cam)."""
    r = rotation(pose.yaw, pose.pitch, pose.roll)
    p = np.stack(np.broadcast_arrays(np.asarray(east, float) - pose.east, np.asarray(north, float) - pose.north,
                                     np.asarray(up, float) - pose.height), axis=-1)
    c = p @ r  # camera coordinates (x right, y down, z forward)
    z = c[..., 2]
    with np.errstate(divide="ignore", invalid="ignore"):
        x = cam.cx + cam.fx * c[..., 0] / z
        y = cam.cy + cam.fy * c[..., 1] / z
    return x, y, z


def rays(cam: Camera, pose: Pose, px, py) -> np.ndarray:
    """Unit-free ray directions in ENU for continuous pixel coordinates (..., 3)."""
    r = rotation(pose.yaw, pose.pitch, pose.roll)
    xn = (np.asarray(px, float) - cam.cx) / cam.fx
    yn = (np.asarray(py, float) - cam.cy) / cam.fy
    d = np.stack(np.broadcast_arrays(xn, yn, np.ones_like(xn)), axis=-1)
    return d @ r.T


def cast(cam: Camera, pose: Pose, px, py):
    """Intersect the rays of pixels with the ground plane z = 0. Returns (east, north, hit)."""
    d = rays(cam, pose, px, py)
    dz = d[..., 2]
    hit = dz < -1e-9
    with np.errstate(divide="ignore", invalid="ignore"):
        t = np.where(hit, -pose.height / np.where(hit, dz, -1.0), np.nan)
    return pose.east + t * d[..., 0], pose.north + t * d[..., 1], hit


def inside(cam: Camera, x, y, z) -> np.ndarray:
    return (z > 0) & (x >= 0) & (x < cam.width) & (y >= 0) & (y < cam.height)
