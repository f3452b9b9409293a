import { apply, cameraToWorld, type Vec3 } from '../geo/rotation';
import type { CameraIntrinsics } from '../metadata/camera-intrinsics.types';
import type { Attitude, PhotoMeta } from '../metadata/photo-meta';

/** Where the camera looks, in degrees. Elevations: 0 horizontal, -90 straight down, positive above the horizon. */
export interface ViewAngles {
  readonly pitch: number;
  readonly roll: number;
  /** Angle between the optical axis and straight down. */
  readonly offNadirDeg: number;
  /** Elevation of the optical axis (equal to the pitch when the roll is 0). */
  readonly axisElevationDeg: number;
  /** Elevation of the highest ray through the image's border (pinhole, no distortion); null without intrinsics. */
  readonly topElevationDeg: number | null;
  /** Field of view across the stored image's height; null without intrinsics. */
  readonly verticalFovDeg: number | null;
}

const DEG = 180 / Math.PI;

const finite = (a: Attitude | null): a is Attitude =>
  a !== null && Number.isFinite(a.yaw) && Number.isFinite(a.pitch) && Number.isFinite(a.roll);

const elevation = (d: Vec3): number => Math.asin(d[2] / Math.hypot(...d)) * DEG;

/**
 * Points around the image border on the z = 1 plane, `perSide` per side, corners included. The border crosses
 * the horizontal where a corner does (the up component is linear along each side), but the highest ray can
 * lie between corners (mid top edge, when it is above the horizontal), so the sides are sampled.
 */
function border(tx: number, ty: number, perSide = 16): Vec3[] {
  const out: Vec3[] = [];
  for (let i = 0; i < perSide; i++) {
    const f = -1 + (2 * i) / perSide;
    out.push([f * tx, -ty, 1], [tx, f * ty, 1], [-f * tx, ty, 1], [-tx, -f * ty, 1]);
  }
  return out;
}

/**
 * The camera's view from the gimbal attitude (the frame of geo/rotation.ts). Null without a gimbal
 * attitude: the aircraft's pitch is its body tilt, not the camera's, and geo/choose-attitude.ts then only
 * assumes a straight-down camera, so there is nothing measured to judge.
 */
export function viewAngles(meta: PhotoMeta, intrinsics: CameraIntrinsics | null): ViewAngles | null {
  if (!finite(meta.gimbal)) return null;
  const { yaw, pitch, roll } = meta.gimbal;
  const r = cameraToWorld(yaw, pitch, roll);
  const axisElevationDeg = elevation(apply(r, [0, 0, 1]));
  const base = { pitch, roll, offNadirDeg: 90 + axisElevationDeg, axisElevationDeg };
  if (intrinsics === null || !(intrinsics.fx > 0 && intrinsics.fy > 0 && intrinsics.width > 0 && intrinsics.height > 0)) {
    return { ...base, topElevationDeg: null, verticalFovDeg: null };
  }
  const tx = intrinsics.width / 2 / intrinsics.fx;
  const ty = intrinsics.height / 2 / intrinsics.fy;
  const topElevationDeg = Math.max(...border(tx, ty).map((p) => elevation(apply(r, p))));
  return { ...base, topElevationDeg, verticalFovDeg: 2 * Math.atan(ty) * DEG };
}
