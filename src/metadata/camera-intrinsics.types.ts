/** Brown-Conrady lens distortion, on normalised image coordinates ((x - cx) / fx, (y - cy) / fy). */
export interface BrownConrady {
  readonly k1: number;
  readonly k2: number;
  readonly k3: number;
  readonly p1: number;
  readonly p2: number;
}

/** Pinhole camera in the photo's stored pixel frame (before EXIF orientation). */
export interface CameraIntrinsics {
  readonly width: number;
  readonly height: number;
  /** Focal length in pixels. */
  readonly fx: number;
  readonly fy: number;
  /** Principal point in pixels. */
  readonly cx: number;
  readonly cy: number;
  readonly distortion: BrownConrady | null;
  /** How fx was found: from the camera table's sensor width, from the 35 mm equivalent, or not at all. */
  readonly source: 'camera-table' | 'focal-35mm';
  /** Camera table key when the camera is known (e.g. 'djiFC300S'). */
  readonly cameraKey: string | null;
}
