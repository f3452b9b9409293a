import { pixelToWorldRay } from './camera-ray';
import type { Pixel, PhotoGeometry } from './photo-geometry';
import type { Vec3 } from './rotation';

/**
 * Farthest ground point, in metres horizontally from the camera, that the flat-ground model will place.
 * Beyond it (and at or above the horizon) a ray counts as missing the ground: a height error of 1 m there
 * already moves the point by range/height metres, and the Earth's curvature (2 m at 5 km) takes over.
 */
export const MAX_GROUND_RANGE_M = 5000;

/** Where a world ray from the camera meets the ground plane, as east/north metres from the point below it. */
export function rayToGroundEnu(g: PhotoGeometry, d: Vec3): [number, number] | null {
  const h = g.pose.heightAboveGround;
  if (!(d[2] < 0) || !(h > 0)) return null;
  const t = h / -d[2];
  const [e, n] = [t * d[0], t * d[1]];
  return Math.hypot(e, n) <= MAX_GROUND_RANGE_M ? [e, n] : null;
}

/** Ground point seen at a displayed pixel, as east/north metres from the point below the camera. */
export function pixelToGroundEnu(g: PhotoGeometry, p: Pixel): [number, number] | null {
  const d = pixelToWorldRay(g, p);
  return d === null ? null : rayToGroundEnu(g, d);
}
