import { worldDirectionToPixel } from './camera-ray';
import { lonLatToEnu } from './local-tangent-plane';
import type { LonLat, Pixel, PhotoGeometry } from './photo-geometry';

/**
 * Displayed pixel where a ground point (on the flat ground heightAboveGround below the camera) appears.
 * The pixel is returned even when it falls outside the image (callers test the bounds they care about);
 * null only when the point is behind the camera (or exactly beside it). The inverse of pixelToGround.
 * With lens distortion, pixels far outside the image are unreliable (the distortion polynomial is only
 * valid over the calibrated field).
 */
export function groundToPixel(g: PhotoGeometry, lonLat: LonLat): Pixel | null {
  const [e, n] = lonLatToEnu([g.pose.longitude, g.pose.latitude], lonLat);
  return worldDirectionToPixel(g, [e, n, -g.pose.heightAboveGround]);
}
