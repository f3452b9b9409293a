import { pixelToGroundEnu } from './ground-intersection';
import { enuToLonLat } from './local-tangent-plane';
import type { LonLat, Pixel, PhotoGeometry } from './photo-geometry';

/**
 * Ground position seen at a pixel of the displayed photo, on flat ground heightAboveGround below the camera.
 * Pixels are continuous: (0, 0) is the image's outer top-left corner, a pixel's centre is (i + 0.5, j + 0.5);
 * they may lie outside the image. Null when the ray misses the ground: at or above the horizon, farther
 * than MAX_GROUND_RANGE_M (5 km) horizontally, or (with lens distortion) so far outside the image that the
 * distortion model cannot be inverted.
 */
export function pixelToGround(g: PhotoGeometry, p: Pixel): LonLat | null {
  const enu = pixelToGroundEnu(g, p);
  return enu === null ? null : enuToLonLat([g.pose.longitude, g.pose.latitude], enu[0], enu[1]);
}
