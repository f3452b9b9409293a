import { distance, point } from '@turf/turf';
import { displayedSize } from '../metadata/photo-meta';
import type { PhotoGeometry } from './photo-geometry';
import { pixelToGround } from './pixel-to-ground';

/**
 * The ground extent of a photo, in metres, across its middle: left edge to right edge and top edge to
 * bottom edge (displayed frame). A side whose edge does not meet the ground (an oblique view of the
 * horizon) gives null.
 */
export function footprintSize(g: PhotoGeometry): { widthM: number | null; heightM: number | null } {
  const { width, height } = displayedSize(g.intrinsics.width, g.intrinsics.height, g.orientation);
  const span = (a: [number, number], b: [number, number]): number | null => {
    const pa = pixelToGround(g, a);
    const pb = pixelToGround(g, b);
    return pa && pb ? Math.round(distance(point(pa), point(pb), { units: 'meters' }) * 100) / 100 : null;
  };
  return {
    widthM: span([0, height / 2], [width, height / 2]),
    heightM: span([width / 2, 0], [width / 2, height]),
  };
}
