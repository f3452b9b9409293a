import type { Detection } from '../detections/detection';
import type { GroundObservation } from '../hotspots/ground-observation';
import type { CameraIntrinsics } from '../metadata/camera-intrinsics.types';
import type { PhotoMeta } from '../metadata/photo-meta';
import type { LonLat, PhotoGeometry } from '../geo/photo-geometry';
import type { GroundCorners } from '../geo/photo-ground-corners';

/** What the pipeline learnt about one photo. */
export interface PhotoResult {
  /** File name without folder, as reports show it. */
  readonly photo: string;
  readonly path: string;
  /** SHA-256 of the original bytes, hex. */
  readonly sha256: string;
  readonly meta: PhotoMeta;
  readonly intrinsics: CameraIntrinsics | null;
  readonly geometry: PhotoGeometry | null;
  /** Metres per pixel at the image centre, null without geometry. */
  readonly gsd: number | null;
  /** Closed counter-clockwise ring, null without geometry. */
  readonly footprint: LonLat[] | null;
  /** The image's corners on the ground, in image order; null without geometry or when one misses the ground (absent in results made before it existed). */
  readonly groundCorners?: GroundCorners | null;
  /** The scale the model saw the photo at (1 = full resolution). */
  readonly analysisScale: number;
  readonly warnings: string[];
  readonly detections: Detection[];
  readonly observations: GroundObservation[];
  /** Milliseconds per stage. */
  readonly timings: { readonly decode: number; readonly inference: number; readonly total: number };
}

export interface PhotoFailure {
  readonly photo: string;
  readonly path: string;
  readonly code: string;
  readonly message: string;
}
