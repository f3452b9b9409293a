import { displayedSize } from '../metadata/photo-meta';
import { pixelToGroundEnu } from './ground-intersection';
import type { Pixel, PhotoGeometry } from './photo-geometry';

/**
 * Ground sample distance in metres per pixel at a displayed pixel: the square root of the ground area one
 * pixel covers there (the geometric mean of its along- and across-view sizes; an oblique view stretches a
 * pixel along the view by 1 / sin(depression angle)). Null when the pixel does not see the ground.
 */
export function groundSampleDistanceAt(g: PhotoGeometry, p: Pixel): number | null {
  const [x, y] = p;
  const l = pixelToGroundEnu(g, [x - 0.5, y]);
  const r = pixelToGroundEnu(g, [x + 0.5, y]);
  const t = pixelToGroundEnu(g, [x, y - 0.5]);
  const b = pixelToGroundEnu(g, [x, y + 0.5]);
  if (l === null || r === null || t === null || b === null) return null;
  const area = Math.abs((r[0] - l[0]) * (b[1] - t[1]) - (r[1] - l[1]) * (b[0] - t[0]));
  return Math.sqrt(area);
}

/** Ground sample distance (m/px) at the centre of the image: H / f for a nadir photo. */
export function groundSampleDistance(g: PhotoGeometry): number | null {
  const { width, height } = displayedSize(g.intrinsics.width, g.intrinsics.height, g.orientation);
  return groundSampleDistanceAt(g, [width / 2, height / 2]);
}
