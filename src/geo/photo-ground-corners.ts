import { displayedSize } from '../metadata/photo-meta';
import { pixelToGroundEnu } from './ground-intersection';
import { enuToLonLat } from './local-tangent-plane';
import type { LonLat, PhotoGeometry } from './photo-geometry';

/** The displayed image's corners on the ground: top-left, top-right, bottom-right, bottom-left. */
export type GroundCorners = [LonLat, LonLat, LonLat, LonLat];

/**
 * Where the displayed photo's four corner pixels land on the flat ground, in image order (top-left,
 * top-right, bottom-right, bottom-left), so a map can lay the picture on the ground with a projective
 * transform. Unlike the footprint ring (sampled, reordered counter-clockwise), the index says which
 * corner it is. Null when any corner misses the ground (sky, or beyond MAX_GROUND_RANGE_M): an oblique
 * photo cannot be laid flat.
 */
export function photoGroundCorners(g: PhotoGeometry): GroundCorners | null {
  const { width: w, height: h } = displayedSize(g.intrinsics.width, g.intrinsics.height, g.orientation);
  const origin: LonLat = [g.pose.longitude, g.pose.latitude];
  const out: LonLat[] = [];
  for (const p of [[0, 0], [w, 0], [w, h], [0, h]] as const) {
    const hit = pixelToGroundEnu(g, [p[0], p[1]]);
    if (hit === null) return null;
    out.push(enuToLonLat(origin, hit[0], hit[1]));
  }
  return out as GroundCorners;
}
