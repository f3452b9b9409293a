import type { CameraPose, PhotoGeometry } from '../../src/geo/photo-geometry';
import type { BrownConrady, CameraIntrinsics } from '../../src/metadata/camera-intrinsics.types';

/** DJI FC300S (Phantom 3 Advanced/Professional) in 16:9 mode: 4000x2250, f 3.61 mm on a 6.17 mm wide sensor. */
export const FC300S_FX = (3.61 / 6.17) * 4000;

export function fc300s(distortion: BrownConrady | null = null): CameraIntrinsics {
  return {
    width: 4000,
    height: 2250,
    fx: FC300S_FX,
    fy: FC300S_FX,
    cx: 2000,
    cy: 1125,
    distortion,
    source: 'camera-table',
    cameraKey: 'djiFC300S',
  };
}

/** Barrel distortion of the order published for the DJI FC330 (Phantom 4) lens; not a calibration. */
export const FC330_LIKE_DISTORTION: BrownConrady = { k1: -0.0135, k2: 0.0152, k3: -0.0046, p1: 0.0003, p2: -0.0002 };

export function pose(p: Partial<CameraPose> = {}): CameraPose {
  return { latitude: 46.84, longitude: -91.99, heightAboveGround: 40, yaw: 0, pitch: -90, roll: 0, ...p };
}

export function geometry(p: Partial<CameraPose> = {}, intrinsics = fc300s(), orientation = 1): PhotoGeometry {
  return { intrinsics, pose: pose(p), orientation };
}
