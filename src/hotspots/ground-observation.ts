import type { BBox } from '../detections/detection';
import type { LonLat, Pixel } from '../geo/photo-geometry';

/** One detection in one photo, placed on the ground (or not, when the photo has no usable geometry). */
export interface GroundObservation {
  readonly photo: string;
  readonly class: string;
  readonly confidence: number;
  readonly pixel: Pixel;
  readonly bbox: BBox;
  /** Where the source lies on the ground; null when the photo has no position, altitude or camera. */
  readonly ground: LonLat | null;
  /** One-sigma horizontal uncertainty of `ground`, metres. */
  readonly uncertaintyM: number;
}
