import type { LonLat } from '../geo/photo-geometry';
import { PRECISION, roundTo } from './round-to';

/**
 * A footprint ring as written: coordinates rounded to PRECISION.degrees, closed (first point repeated last),
 * counter-clockwise (RFC 7946 §3.1.6 right-hand rule; KML 2.2 asks the same of outer boundaries).
 * Orientation is judged after rounding, on the shoelace signed area; a zero-area ring is left as it is.
 * Throws a RangeError when fewer than 3 distinct corners remain: that is a bug upstream, not a footprint.
 */
export function ccwRing(ring: readonly LonLat[]): LonLat[] {
  const points: LonLat[] = ring.map(([lon, lat]) => [roundTo(lon, PRECISION.degrees), roundTo(lat, PRECISION.degrees)]);
  const first = points[0];
  const last = points[points.length - 1];
  if (first !== undefined && last !== undefined && (first[0] !== last[0] || first[1] !== last[1])) {
    points.push([first[0], first[1]]);
  }
  if (points.length < 4) throw new RangeError(`report: a footprint ring needs 3 corners, got ${ring.length} points`);
  return signedArea(points) < 0 ? points.reverse() : points;
}

/** Twice the signed area of a closed ring: positive when counter-clockwise (x east, y north). */
export function signedArea(closed: readonly LonLat[]): number {
  let sum = 0;
  for (let i = 0; i + 1 < closed.length; i++) {
    const [x0, y0] = closed[i]!;
    const [x1, y1] = closed[i + 1]!;
    sum += x0 * y1 - x1 * y0;
  }
  return sum;
}
