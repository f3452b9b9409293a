import type { CameraIntrinsics } from '../metadata/camera-intrinsics.types';

/** Where the camera is and where it looks. Angles in degrees, DJI gimbal conventions (see PhotoMeta). */
export interface CameraPose {
  readonly latitude: number;
  readonly longitude: number;
  /** Metres above the flat ground the rays meet (the height above take-off). */
  readonly heightAboveGround: number;
  readonly yaw: number;
  readonly pitch: number;
  readonly roll: number;
}

/** Everything needed to turn a pixel of the displayed photo into a ground point. */
export interface PhotoGeometry {
  readonly intrinsics: CameraIntrinsics;
  readonly pose: CameraPose;
  /** EXIF orientation 1..8: pixels passed in and out are in the displayed (oriented) frame. */
  readonly orientation: number;
}

/** [longitude, latitude], WGS 84, as GeoJSON wants it. */
export type LonLat = [number, number];
/** [x, y] in the displayed photo's pixels, origin top-left, x to the right. */
export type Pixel = [number, number];
