import { distort, undistort } from './lens-distortion';
import { displayedToStored, storedToDisplayed } from './orientation';
import type { Pixel, PhotoGeometry } from './photo-geometry';
import { apply, applyTransposed, cameraToWorld, type Vec3 } from './rotation';

/**
 * Displayed pixel ↔ viewing ray in local ENU at the camera: displayed → stored pixel (EXIF orientation) →
 * normalised coordinates → lens undistortion (when intrinsics.distortion is set) → camera frame → world.
 */

/** Direction (not unit length) of the ray through a displayed pixel, in ENU; null if undistortion fails. */
export function pixelToWorldRay(g: PhotoGeometry, p: Pixel): Vec3 | null {
  const k = g.intrinsics;
  const [u, v] = displayedToStored(p, k.width, k.height, g.orientation);
  const distorted: [number, number] = [(u - k.cx) / k.fx, (v - k.cy) / k.fy];
  const ideal = k.distortion === null ? distorted : undistort(distorted, k.distortion);
  if (ideal === null) return null;
  return apply(cameraToWorld(g.pose.yaw, g.pose.pitch, g.pose.roll), [ideal[0], ideal[1], 1]);
}

/** Displayed pixel a world (ENU) direction projects to; null when it points behind the camera. */
export function worldDirectionToPixel(g: PhotoGeometry, d: Vec3): Pixel | null {
  const k = g.intrinsics;
  const [x, y, z] = applyTransposed(cameraToWorld(g.pose.yaw, g.pose.pitch, g.pose.roll), d);
  if (!(z > 1e-9 * Math.hypot(x, y, z))) return null;
  const ideal: [number, number] = [x / z, y / z];
  const [xd, yd] = k.distortion === null ? ideal : distort(ideal, k.distortion);
  return storedToDisplayed([xd * k.fx + k.cx, yd * k.fy + k.cy], k.width, k.height, g.orientation);
}
