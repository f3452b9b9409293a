import { displayedSize } from '../metadata/photo-meta';
import type { Pixel, PhotoGeometry } from './photo-geometry';

/**
 * Pixels around the displayed image's outer edge, clockwise on screen from the top-left corner:
 * `perSide` steps along each side (corners included once), so 4 × perSide pixels.
 */
export function imageBorder(g: PhotoGeometry, perSide = 8): Pixel[] {
  const { width: w, height: h } = displayedSize(g.intrinsics.width, g.intrinsics.height, g.orientation);
  const out: Pixel[] = [];
  for (let i = 0; i < perSide; i++) out.push([(w * i) / perSide, 0]);
  for (let i = 0; i < perSide; i++) out.push([w, (h * i) / perSide]);
  for (let i = 0; i < perSide; i++) out.push([w - (w * i) / perSide, h]);
  for (let i = 0; i < perSide; i++) out.push([0, h - (h * i) / perSide]);
  return out;
}
