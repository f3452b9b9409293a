import type { LonLat } from './photo-geometry';
import type { Vec3 } from './rotation';

/**
 * East/north metres on the plane tangent to the WGS 84 ellipsoid at an origin, and back. This is the flat
 * ground the camera's rays meet: exact geodesy (through Earth-centred coordinates), so a 5 km offset is
 * placed to well under a millimetre on that plane, and the two functions invert each other exactly.
 * The plane leaves the curved Earth by d²/2R (0.3 m at 2 km, 2 m at 5 km): part of the flat-ground
 * assumption, which is far larger. Not for use within 1° of a pole.
 */
const A = 6378137;
const F = 1 / 298.257223563;
const E2 = F * (2 - F);
const RAD = Math.PI / 180;

function ecef(latRad: number, lonRad: number, h: number): Vec3 {
  const [sl, cl] = [Math.sin(latRad), Math.cos(latRad)];
  const n = A / Math.sqrt(1 - E2 * sl * sl);
  return [(n + h) * cl * Math.cos(lonRad), (n + h) * cl * Math.sin(lonRad), (n * (1 - E2) + h) * sl];
}

/** Unit vectors east, north, up at a geodetic latitude/longitude (radians), in Earth-centred coordinates. */
function frame(latRad: number, lonRad: number): { east: Vec3; north: Vec3; up: Vec3 } {
  const [sl, cl, so, co] = [Math.sin(latRad), Math.cos(latRad), Math.sin(lonRad), Math.cos(lonRad)];
  return { east: [-so, co, 0], north: [-sl * co, -sl * so, cl], up: [cl * co, cl * so, sl] };
}

const dot = (a: Vec3, b: Vec3): number => a[0] * b[0] + a[1] * b[1] + a[2] * b[2];
const sub = (a: Vec3, b: Vec3): Vec3 => [a[0] - b[0], a[1] - b[1], a[2] - b[2]];

/** The point `east`, `north` metres from `origin` on the tangent plane, as longitude/latitude. */
export function enuToLonLat(origin: LonLat, east: number, north: number): LonLat {
  const [lat0, lon0] = [origin[1] * RAD, origin[0] * RAD];
  const o = ecef(lat0, lon0, 0);
  const f = frame(lat0, lon0);
  const [x, y, z] = [0, 1, 2].map((i) => o[i]! + east * f.east[i]! + north * f.north[i]!) as [number, number, number];
  const p = Math.hypot(x, y);
  let lat = Math.atan2(z, p * (1 - E2));
  for (let i = 0; i < 8; i++) {
    const s = Math.sin(lat);
    const n = A / Math.sqrt(1 - E2 * s * s);
    const h = p / Math.cos(lat) - n;
    lat = Math.atan2(z, p * (1 - (E2 * n) / (n + h)));
  }
  return [Math.atan2(y, x) / RAD, lat / RAD];
}

/** Where the ellipsoid normal through `p` crosses the tangent plane at `origin`, as east/north metres. */
export function lonLatToEnu(origin: LonLat, p: LonLat): [number, number] {
  const [lat0, lon0] = [origin[1] * RAD, origin[0] * RAD];
  const o = ecef(lat0, lon0, 0);
  const f = frame(lat0, lon0);
  const [lat, lon] = [p[1] * RAD, p[0] * RAD];
  const base = ecef(lat, lon, 0);
  const normal = frame(lat, lon).up;
  const h = -dot(sub(base, o), f.up) / dot(normal, f.up);
  const d: Vec3 = [base[0] + h * normal[0] - o[0], base[1] + h * normal[1] - o[1], base[2] + h * normal[2] - o[2]];
  return [dot(d, f.east), dot(d, f.north)];
}
