import type { Pixel } from '../geo/photo-geometry';

/** [x0, y0, x1, y1] in pixels, x0 < x1, y0 < y1. */
export type BBox = [number, number, number, number];

/**
 * One discharge seen in one photo, in the displayed photo's pixel coordinates (after EXIF orientation,
 * at the photo's full resolution, whatever scale the model ran at).
 * `source` is where the discharge enters the water; `bbox` the extent of what was seen.
 */
export interface Detection {
  readonly class: string;
  readonly confidence: number;
  readonly source: Pixel;
  readonly bbox: BBox;
}
