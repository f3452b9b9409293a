import { pixelToWorldRay } from './camera-ray';
import { MAX_GROUND_RANGE_M, rayToGroundEnu } from './ground-intersection';
import { imageBorder } from './image-border';
import { enuToLonLat } from './local-tangent-plane';
import type { LonLat, PhotoGeometry } from './photo-geometry';

/**
 * The ground the photo covers, as a closed GeoJSON ring, counter-clockwise (RFC 7946): the image's outer
 * edge sampled at `perSide` points a side (so lens distortion and oblique views keep their shape), each
 * carried to the flat ground. Where the edge sees the horizon or ground beyond MAX_GROUND_RANGE_M (an oblique
 * photo's top edge), the ring is clipped there: such a point is put MAX_GROUND_RANGE_M away in its
 * direction. Null when no edge point reaches the ground within that range.
 */
export function photoFootprint(g: PhotoGeometry, perSide = 8): LonLat[] | null {
  const ring: [number, number][] = [];
  let hits = 0;
  for (const p of imageBorder(g, perSide)) {
    const d = pixelToWorldRay(g, p);
    if (d === null) continue;
    const hit = rayToGroundEnu(g, d);
    if (hit !== null) {
      hits++;
      ring.push(hit);
      continue;
    }
    const horizontal = Math.hypot(d[0], d[1]);
    if (horizontal > 0) ring.push([(d[0] / horizontal) * MAX_GROUND_RANGE_M, (d[1] / horizontal) * MAX_GROUND_RANGE_M]);
  }
  if (hits === 0 || ring.length < 3) return null;
  let area2 = 0;
  for (let i = 0; i < ring.length; i++) {
    const [a, b] = [ring[i]!, ring[(i + 1) % ring.length]!];
    area2 += a[0] * b[1] - b[0] * a[1];
  }
  if (area2 === 0) return null;
  if (area2 < 0) ring.reverse();
  const origin: LonLat = [g.pose.longitude, g.pose.latitude];
  const out = ring.map(([e, n]) => enuToLonLat(origin, e, n));
  out.push([out[0]![0], out[0]![1]]);
  return out;
}
